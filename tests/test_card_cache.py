"""The preview's post cards kept by their data and links (careerblog_mkdocs.card_cache) give the
bytes of the cards rendered in full, with the project's own templates: a card whose title or tags
changed, the same card on pages at other depths and levels, a card with a picture; a card template
that reads the page, or whose links vary by page, stops the build."""

from __future__ import annotations

import copy
from pathlib import Path

import jinja2
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import url_filter

from careerblog_mkdocs.card_cache import CardCache

OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"
PAGE = '{% with cards = cards, level = level %}{% include "partials/card-grid.html" %}{% endwith %}'
PATHS = ["blog/index.md", "blog/page/5.md", "blog/page/6.md", "tags/remote.md", "index.md",
         "blog/posts/a.md", "authors/ann.md", "blog/page/5.md"]


def _card(slug: str, title: str, tags: tuple[str, ...] = ("remote",), picture: bool = False) -> dict:
    image = None
    if picture:
        image = {"src": f"blog/posts/{slug}.jpg", "alt": "",
                 "picture": {"sources": [{"type": "image/avif", "srcset": [(f"assets/{slug}-480.avif", 480)]}],
                             "src": f"assets/{slug}-480.jpg", "srcset": [(f"assets/{slug}-480.jpg", 480)],
                             "sizes": "100vw", "width": 480, "height": 252}}
    return {"url": f"blog/{slug}/", "title": title, "description": f"About {title} & more",
            "date": "2024-08-10", "date_text": "August 10, 2024", "reading_minutes": 3,
            "authors": [{"id": "ann", "name": "Ann <A>", "url": "authors/ann/"}],
            "tags": [{"name": t, "label": f"#{t}", "slug": t, "url": f"tags/{t}/"} for t in tags],
            "image": image, "status": "published"}


def _env(templates: dict[str, str] | None = None) -> jinja2.Environment:
    loaders = [jinja2.DictLoader(templates or {}), jinja2.FileSystemLoader(str(OVERRIDES))]
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), auto_reload=False)
    env.filters["url"] = url_filter
    return env


def _render(env: jinja2.Environment, path: str, cards: list[dict], level: int = 2) -> str:
    page = Page(None, File(path, "docs", "site", use_directory_urls=True), MkDocsConfig())
    return env.get_template("page.html").render(page=page, base_url=get_relative_url(".", page.url),
                                                cards=cards, level=level, title="The page's title")


def _kept(templates: dict[str, str] | None = None) -> tuple[jinja2.Environment, CardCache]:
    env, cache = _env({"page.html": PAGE, **(templates or {})}), CardCache()
    cache.attach(env)
    return env, cache


def test_kept_cards_give_the_bytes_rendered_in_full_at_every_depth_and_level():
    full, (kept, cache) = _env({"page.html": PAGE}), _kept()
    cards = [_card("a", "Interviews"), _card("b", "Remote <work>", ("remote", "cv"), picture=True)]
    for level in (2, 3):
        for path in PATHS:
            assert _render(kept, path, cards, level) == _render(full, path, cards, level), (path, level)
    assert len(cache) < 2 * 2 * len(set(PATHS))  # pages that write the same links share a card's HTML
    # Rendered again: every card from the cache, the same bytes.
    before = len(cache)
    for path in PATHS:
        assert _render(kept, path, cards) == _render(full, path, cards), path
    assert len(cache) == before


@pytest.mark.parametrize("change", ["title", "tags", "picture", "because", "url"])
def test_a_card_whose_data_changed_is_rendered_again(change):
    full, (kept, _) = _env({"page.html": PAGE}), _kept()
    card = _card("a", "Interviews")
    _render(kept, "blog/page/5.md", [card])
    edited = copy.deepcopy(card)
    if change == "title":
        edited["title"] = "Interviews, again"
    elif change == "tags":
        edited["tags"] = _card("a", "x", ("cv",))["tags"]
    elif change == "picture":
        edited = _card("a", "Interviews", picture=True)
    elif change == "because":
        edited["because"] = ["#remote"]
    else:
        edited["url"] = "blog/b/"
    for path in ("blog/page/5.md", "blog/page/6.md", "tags/remote.md"):
        assert _render(kept, path, [edited]) == _render(full, path, [edited]), path
        assert _render(kept, path, [card]) == _render(full, path, [card]), path


def test_a_card_template_that_reads_the_page_stops_the_build():
    for read in ("{{ page.title }}", "{{ title }}", "{% if config %}x{% endif %}", "{{ base_url }}"):
        card = (OVERRIDES / "partials/post-card.html").read_text().replace("</article>", f"{read}</article>")
        kept, _ = _kept({"partials/post-card.html": card})
        with pytest.raises(RuntimeError, match="reads"):
            _render(kept, "blog/page/5.md", [_card("a", "Interviews")])


def test_a_card_whose_links_vary_by_page_stops_the_build():
    card = (OVERRIDES / "partials/post-card.html").read_text().replace(
        "</article>", '{{ ("blog/" if card.title | length > 100 else "tags/") | url }}{{ lipsum(1) | length }}</article>')
    assert "lipsum" in card  # Jinja's own globals stay readable
    kept, _ = _kept({"partials/post-card.html": card})
    _render(kept, "blog/page/5.md", [_card("a", "Interviews")])
    varying = (OVERRIDES / "partials/post-card.html").read_text().replace(
        "</article>", '{% for link in card.extra %}{{ link | url }}{% endfor %}</article>')
    kept, _ = _kept({"partials/post-card.html": varying})
    card = _card("a", "Interviews")
    # A card's links are its data's: the same data that wrote other links is not a card to keep.
    card["extra"] = _Varying()
    _render(kept, "blog/page/5.md", [card])
    with pytest.raises(RuntimeError, match="other links"):
        _render(kept, "tags/remote.md", [card])


class _Varying:
    """Links that are not the same on each reading (a card whose links vary by page)."""

    calls = 0

    def __iter__(self):
        _Varying.calls += 1
        return iter([f"blog/{_Varying.calls}/"])

    def __reduce__(self):
        return (_Varying, ())


def test_cards_not_used_in_the_last_builds_are_dropped_and_a_template_saved_empties_the_cache():
    env, cache = _kept()
    _render(env, "blog/page/5.md", [_card("a", "A"), _card("b", "B")])
    assert len(cache) == 2
    for _ in range(12):
        cache.end_build()
        cache.attach(env)
        _render(env, "blog/page/5.md", [_card("a", "A")])
    cache.end_build()
    assert len(cache) == 1
    edited = _env({"page.html": PAGE, "partials/post-card.html": "{% macro post_card(card, level) %}x{% endmacro %}"})
    cache.attach(edited)
    assert len(cache) == 0 and _render(edited, "blog/page/5.md", [_card("a", "A")]).split() == ['<div', 'class="cb-cards">', 'x', '</div>']


def test_what_a_forked_copy_added_and_used_is_kept():
    env, cache = _kept()
    _render(env, "blog/page/5.md", [_card("a", "A")])
    cache.taken()
    copy_env, copied = _kept()  # the copy: what it renders comes back through taken()
    _render(copy_env, "tags/remote.md", [_card("a", "A"), _card("b", "B")])
    cache.merge(copied.taken())
    assert len(cache) == 3
    full = _env({"page.html": PAGE})
    assert _render(env, "tags/remote.md", [_card("b", "B")]) == _render(full, "tags/remote.md", [_card("b", "B")])
    assert len(cache) == 3
