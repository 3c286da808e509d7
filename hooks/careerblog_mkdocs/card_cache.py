"""The preview's post cards rendered once per card and per set of links, kept across saves.

`mkdocs serve` alone (hooks/preview.py attaches it). A new or a deleted post at 1,000
posts shifts every ``/blog/`` listing page by one post: some 100 pages of 10 cards are
rendered again, and their cards (``partials/post-card.html``, with its hashtags and
picture) were a tenth of the rebuild's CPU. Yet almost every card is the HTML it was,
only on another page: ``/blog/page/5/`` and ``/blog/page/6/`` write the same links.

A card's HTML depends on its data (``careerblog.listings.card``, with ``because`` for a
related post, and the heading ``level``), on the links it gives the ``url`` filter as
this page writes them, and on the templates. So it is kept under the pickled data and
level, and under those links as the page writes them: the links a card gives the filter
are recorded when it is first rendered (as navigation_cache._kept_by_links does); a card
whose links come out otherwise later stops the build. A card cannot read anything else
of the page: it is rendered in a context of its own, holding nothing of the page (the
filter writes links for the page behind its back), where reading any name that is not
its own (``page``, ``config``, a global) stops the build instead of writing nothing.

The templates' sources are part of the cache's identity: a template saved (which
rebuilds everything) empties it. What the last ``_KEPT_BUILDS`` builds did not use is
dropped, so the cache holds about one site's cards (a save renders only the pages it
changed: a body edit renders one post, and the next new post should still find the
listing's cards). The forked copy of serve_fork.py inherits the cache; what it adds or
uses comes back with its pages (``taken``, ``merge``). The full build does not use it
(each process would fill its own; misses cost more than a render).
"""

from __future__ import annotations

import pickle
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import jinja2
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.runtime import Context, Undefined, missing

TEMPLATE = "partials/post-card.html"
MACRO = "post_card"
# What a card renders with: its identity is their sources (a template saved empties the cache).
_SOURCES = (TEMPLATE, "partials/hashtags.html", "partials/picture.html")
_KEPT_BUILDS = 10


@dataclass
class _Card:
    """One card's data: the links it gives the ``url`` filter, its HTML by those links as written."""

    links: tuple[str, ...]
    html: dict[tuple, str] = field(default_factory=dict)


class CardCache:
    """Post cards' HTML by their data and links as written; see the module's docstring."""

    def __init__(self) -> None:
        self._kept: dict[bytes, _Card] = {}
        self._last_used: dict[bytes, int] = {}  # the build that last used each card
        self._build = 0
        self._sources: tuple | None = None
        # What this process added or used since ``taken`` was last asked (the forked copy's return).
        self._added: list[tuple[bytes, tuple[str, ...], tuple, str]] = []
        self._used_now: set[bytes] = set()

    def attach(self, env: jinja2.Environment) -> None:
        """Keep the cards of this build's pages (``env``: the build's; its templates are loaded
        again each build)."""
        global _active
        sources = tuple(env.loader.get_source(env, name)[0] for name in _SOURCES) if env.loader else None
        if sources != self._sources:
            self.clear()
            self._sources = sources
        self._build += 1
        self._added, self._used_now = [], set()
        keep_cards(env.get_template(TEMPLATE), self)
        _active = self

    def end_build(self) -> None:
        """Drop what the last ``_KEPT_BUILDS`` builds did not use."""
        oldest = self._build - _KEPT_BUILDS
        for data in [data for data, build in self._last_used.items() if build <= oldest]:
            del self._kept[data], self._last_used[data]

    def clear(self) -> None:
        global _active
        self._kept.clear()
        self._last_used.clear()
        self._sources = None
        _active = None

    def __len__(self) -> int:
        return sum(len(card.html) for card in self._kept.values())

    def card(self, data: bytes, context: Context, written: Callable[[str], str],
             render: Callable[[Callable[[str], str]], str]) -> str:
        """The HTML of the card ``data`` on the page of ``context``; ``written(link)``: the link as
        the page's ``url`` filter writes it; ``render(url)`` makes the card, ``url`` writing its links."""
        url = context.environment.filters["url"]
        self._last_used[data] = self._build
        self._used_now.add(data)
        kept = self._kept.get(data)
        key = (context.get("base_url"), *map(written, kept.links)) if kept else None
        if kept is not None and key in kept.html:
            return kept.html[key]
        given: list[str] = []

        def recording_url(value: str) -> str:
            given.append(value)
            return url(context, value)

        html = render(recording_url)
        if kept is None:
            kept = self._kept[data] = _Card(tuple(given))
            key = (context.get("base_url"), *map(written, kept.links))
        if tuple(given) != kept.links:
            raise RuntimeError(f"{TEMPLATE}: a card gives the url filter other links on another page; it cannot be kept")
        kept.html[key] = html
        self._added.append((data, kept.links, key, html))
        return html

    def taken(self) -> tuple[list, set[bytes]]:
        """What this process added and used since the last call (sent back by a forked copy)."""
        taken = (self._added, self._used_now)
        self._added, self._used_now = [], set()
        return taken

    def merge(self, taken: tuple[list, set[bytes]]) -> None:
        """Keep what a forked copy added and used (``taken`` there)."""
        added, used = taken
        for data, links, key, html in added:
            kept = self._kept.setdefault(data, _Card(links))
            if kept.links == links:
                kept.html[key] = html
        for data in used:
            if data in self._kept:
                self._last_used[data] = self._build


_active: CardCache | None = None


def taken() -> tuple[list, set[bytes]] | None:
    """What the attached cache added and used since last asked; None without one."""
    return _active.taken() if _active is not None else None


def merge(taken: tuple[list, set[bytes]] | None) -> None:
    if _active is not None and taken is not None:
        _active.merge(taken)


def keep_cards(template: jinja2.Template, cache: CardCache) -> None:
    """Make the ``post_card`` macro of ``template`` (imported ``with context`` by the card grid)
    give each card's kept HTML for the importing page.

    The macro is replaced in the module as it is made (``import`` runs the template's root render
    function and then takes its exported names). A miss renders the card with a module of the
    template made in a context that holds nothing of the page (``_alone``)."""
    render: Callable = template.root_render_func
    if getattr(render, "keeps_cards", False):
        return

    def root_render_func(context: Context) -> Iterator[str]:
        yield from render(context)
        if MACRO in context.vars:
            context.vars[MACRO] = _kept_macro(template, render, context, cache)

    root_render_func.keeps_cards = True  # type: ignore[attr-defined]
    template.root_render_func = root_render_func


def _kept_macro(template: jinja2.Template, render: Callable, page_context: Context, cache: CardCache) -> Callable:
    url = page_context.environment.filters["url"]
    links: dict[str, str] = {}  # as this page writes them: cards share their tags' links

    def written(link: str) -> str:
        found = links.get(link)
        if found is None:
            found = links[link] = url(page_context, link)
        return found

    def post_card(card, level):
        data = pickle.dumps((card, level), protocol=pickle.HIGHEST_PROTOCOL)
        return cache.card(data, page_context, written, lambda url: _alone(template, render, url, card, level))

    return post_card


class _PageRead(Undefined):
    """A name a kept card's template reads that is not its own: a build error, not nothing."""

    __slots__ = ()

    def __init__(self, hint=None, obj=missing, name=None, exc=jinja2.UndefinedError) -> None:
        if hint is None and obj is missing:  # a name looked up in the context, not an attribute
            raise RuntimeError(f"{TEMPLATE}: a card reads {name!r} from the page; a kept card may read only "
                               "its data and level (pass what it needs in the card's data)")
        super().__init__(hint, obj, name, exc)


def _alone(template: jinja2.Template, render: Callable, url: Callable[[str], str], card, level) -> str:
    """The card rendered by the template's own code in a context of Jinja's defaults only; the
    ``url`` filter is ``url`` (the page's, recording), reading names the card lacks is an error.

    The template's module for this is made once per template (the build's: templates are loaded
    again each build); its filter writes links with the ``url`` of the card being rendered."""
    env = template.environment
    filters, undefined = env.filters["url"], env.undefined
    env.filters["url"], env.undefined = _url_alone, _PageRead  # compiled templates look them up as they start
    _urls.append(url)
    try:
        macro = _macros_alone.get(template)
        if macro is None:
            context = template.new_context(dict(DEFAULT_NAMESPACE), shared=True)
            list(render(context))  # the module: its macro, and the templates it imports
            macro = _macros_alone[template] = context.vars[MACRO]
        return macro(card, level)
    finally:
        _urls.pop()
        env.filters["url"], env.undefined = filters, undefined


_macros_alone: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_urls: list[Callable[[str], str]] = []  # the url of the card being rendered alone


@jinja2.pass_context
def _url_alone(_context: Context, value) -> str:
    return _urls[-1](value)
