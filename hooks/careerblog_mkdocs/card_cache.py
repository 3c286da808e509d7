"""Post cards (partials/post-card.html) rendered once per card, their links made per page
(hooks/card_cache.py).

A post's card shows on the blog and archive pages, its tag and author pages and as a
related post, some nine times a build, and only its links differ from one page to the
next: MkDocs' ``url`` filter makes them relative to the page. So the partial is rendered
once per card with each link left open (the filter's input recorded in its place), and
each page fills in the links as the filter would for that page. The key is every input
the partial reads: the card's values (by identity: the build shares one card per post,
``BuildState.card``, and its related copies share their values; the entry keeps them
alive so that an identity is never reused), the post's related ``because`` labels (a new
list per page, by value) and the names the partials read from the page's context
(``CONTEXT_NAMES``; tests/test_card_cache.py checks the list against the partials). The
cards are made and given their pictures before the pages render (on_env) and are not
changed while they render. Not in the serial build, the reference that renders every card
in full (tests/test_serial_build.py compares the two sites byte for byte), nor in the
preview, whose cards change between rebuilds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

import jinja2

TEMPLATE = "partials/post-card.html"
# What the card's partials (post-card, picture, hashtags) read from the including page's
# context besides ``card``: the heading level, and picture.html's optional ``eager`` and ``title``.
CONTEXT_NAMES = ("level", "eager", "title")
_OPEN = "\x00"  # marks an open link in a card's HTML: never in a page (HTML forbids it)
_ESCAPED = frozenset("&<>\"'")  # a link with one of these would need `| e`: rendered in full


@dataclass(frozen=True)
class _OpenCard:
    """A card's HTML cut at its open slots: ``texts[0] slot texts[1] slot ...``."""

    texts: tuple[str, ...]
    order: tuple[int, ...]  # the slot each cut holds, in the order of the HTML
    slots: tuple  # ("link", what the ``url`` filter was given) or ("because", the label's index)
    inputs: tuple  # the key's objects, kept alive so that their identities are not reused


@dataclass
class _PageLinks:
    """The links written for the page being rendered: its cards share their tags' links."""

    page: object = None
    base_url: object = None
    written: dict = field(default_factory=dict)


def keep_rendered(env: jinja2.Environment) -> None:
    """Make the card partial of ``env`` (this build's environment) render once per card."""
    template = env.get_template(TEMPLATE)
    render: Callable = template.root_render_func
    if getattr(render, "keeps_cards", False):
        return
    url = env.filters["url"]
    kept: dict[tuple, _OpenCard | None] = {}
    links = _PageLinks()

    def root_render_func(context: jinja2.runtime.Context) -> Iterator[str]:
        key = _key(context)
        if key is None:
            yield from render(context)
            return
        card = kept.get(key, False)
        if card is False:
            card = kept[key] = _open(template, render, context, env)
        html = None if card is None else _close(card, url, context, links)
        if html is None:
            yield from render(context)
        else:
            yield html

    root_render_func.keeps_cards = True  # type: ignore[attr-defined]
    template.root_render_func = root_render_func


def _key(context: jinja2.runtime.Context) -> tuple | None:
    card = context.get("card")
    if not isinstance(card, dict):
        return None
    values = []
    for name, value in card.items():
        if name == "because":  # related posts' shared tags: a new list for each page, filled in per page
            if not isinstance(value, list) or not all(isinstance(label, str) for label in value):
                return None
            values.append((name, len(value)))
        else:
            values.append((name, id(value)))
    return (*values, *(id(context.get(name)) for name in CONTEXT_NAMES))


def _open(template: jinja2.Template, render: Callable, context: jinja2.runtime.Context,
          env: jinja2.Environment) -> _OpenCard | None:
    """Render the card once with its links and labels left open; None if it cannot be cut at them."""
    card = context["card"]
    because = card.get("because")
    slots: list = [("because", index) for index in range(len(because or ()))]
    if because:
        opened = {**card, "because": [_slot(index) for index in range(len(because))]}
        context = template.new_context({**context.get_all(), "card": opened}, shared=True)

    @jinja2.pass_context
    def open_link(_context, value) -> str:
        slots.append(("link", value))
        return _slot(len(slots) - 1)

    url = env.filters["url"]
    env.filters["url"] = open_link  # the compiled partials look their filters up as they start
    try:
        html = "".join(render(context))
    finally:
        env.filters["url"] = url
    pieces = html.split(_OPEN)
    texts, numbers = pieces[0::2], pieces[1::2]
    if sorted(numbers) != sorted(str(number) for number in range(len(slots))):
        return None  # a slot written twice, dropped or changed by another filter: render in full
    inputs = (card, *card.values(), *(context.get(name) for name in CONTEXT_NAMES))
    return _OpenCard(tuple(texts), tuple(int(number) for number in numbers), tuple(slots), inputs)


def _slot(number: int) -> str:
    return f"{_OPEN}{number}{_OPEN}"


def _close(card: _OpenCard, url: Callable, context: jinja2.runtime.Context,
           links: _PageLinks) -> str | None:
    """The card's HTML with its links as this page's ``url`` filter writes them and its labels."""
    page, base_url = context.get("page"), context.get("base_url")
    if links.page is not page or links.base_url != base_url:
        links.page, links.base_url, links.written = page, base_url, {}
    html = [card.texts[0]]
    for number, text in zip(card.order, card.texts[1:]):
        kind, value = card.slots[number]
        if kind == "because":
            written = context["card"]["because"][value]
        elif isinstance(value, str):
            written = links.written.get(value)
            if written is None:
                written = links.written[value] = url(context, value)
        else:
            written = url(context, value)
        if not _ESCAPED.isdisjoint(written):
            return None  # `| e` would change it: let the partial write it
        html.append(written)
        html.append(text)
    return "".join(html)
