"""Post cards rendered once per card (careerblog_mkdocs.card_cache) give the bytes of the
partial rendered in full, whatever input changes from one render to the next: the page
(its links), the card's values, the related ``because`` labels, the heading level and the
names the partials read from the page's context."""

from __future__ import annotations

import jinja2
import jinja2.meta
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import url_filter

from careerblog_mkdocs import card_cache
from sitebuild import REPO

GRID = '{% for card in cards %}{% include "partials/post-card.html" %}{% endfor %}'


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(REPO / "overrides")), auto_reload=False)
    env.filters["url"] = url_filter
    return env


def _page(path: str) -> Page:
    return Page(None, File(path, "docs", "site", use_directory_urls=True), MkDocsConfig())


def _card(slug: str = "alpha", **changes) -> dict:
    card = {
        "url": f"blog/{slug}/", "title": f"Title of {slug}", "description": "Why & how.",
        "date": "2024-08-10", "date_text": "August 10, 2024", "reading_minutes": 3,
        "authors": [{"id": "maria", "name": "Maria Lopez", "url": "authors/maria/"}],
        "tags": [{"name": "Interviewing", "label": "#Interviewing", "slug": "interviewing",
                  "url": "tags/interviewing/"},
                 {"name": "Boston", "label": "#BostonWork", "slug": "boston", "url": "tags/boston/"}],
        "image": {"src": "blog/images/a.png", "alt": "", "picture": {
            "src": "assets/pictures/a-800.png", "srcset": [("assets/pictures/a-400.png", 400)],
            "sizes": "100vw", "width": 800, "height": 420,
            "sources": [{"type": "image/avif", "srcset": [("assets/pictures/a-400.avif", 400),
                                                          ("assets/pictures/a-800.avif", 800)]}]}},
        "status": "published",
    }
    card.update(changes)
    return card


def _renders() -> list[tuple[str, list[dict], dict]]:
    """(page path, cards, other context) in turn: each changes one input of the one before."""
    shared = _card()
    other = _card("beta", image=None, status="draft")
    related = [{**shared, "because": ["#Interviewing"]}, {**other, "because": ["#A", "#B"]}]
    return [
        ("blog/index.md", [shared, other], {}),
        ("blog/index.md", [shared, other], {}),  # the same again: from the cache
        ("tags/interviewing.md", [shared, other], {}),  # another folder: other links
        ("tags/boston.md", [shared], {}),  # the same folder, another page
        ("blog/alpha.md", [other, shared], {}),  # the card's own page: a link to "./"
        ("404.md", [shared], {}),
        ("blog/index.md", [shared], {"level": 3}),
        ("blog/index.md", [shared], {"eager": True, "title": "A title"}),
        ("blog/gamma.md", related, {"level": 3}),
        ("blog/delta.md", [{**shared, "because": ["#Other"]}, {**other, "because": ["#C", "#D"]}], {"level": 3}),
        ("blog/delta.md", [{**shared, "because": ["#Q&A"]}, {**other, "because": []}], {"level": 3}),
        ("blog/index.md", [{**shared, "title": "A new title"}], {}),  # a value changed: another card
        ("blog/index.md", [_card(url="blog/a&b/")], {}),  # a link `| e` changes
        ("blog/index.md", [{**shared, "tags": shared["tags"][:1]}], {}),
    ]


def test_cards_kept_give_the_bytes_rendered_in_full():
    full, kept = _env(), _env()
    card_cache.keep_rendered(kept)
    full_grid, kept_grid = full.from_string(GRID), kept.from_string(GRID)
    for path, cards, context in _renders():
        page = _page(path)
        values = {"cards": cards, "page": page, "base_url": "..", **context}
        assert kept_grid.render(values) == full_grid.render(values), (path, context)


def test_context_names_are_what_the_partials_read():
    """The key holds every name the card's partials read from the page's context: a partial
    that reads a new one must add it to CONTEXT_NAMES."""
    env = _env()
    read = set()
    for name in ("partials/post-card.html", "partials/picture.html", "partials/hashtags.html"):
        source = env.loader.get_source(env, name)[0]
        read |= jinja2.meta.find_undeclared_variables(env.parse(source))
    bound_by_the_card = {"picture", "alt", "img_class", "tags", "label"}  # its {% with %} blocks
    assert read - bound_by_the_card == {"card", *card_cache.CONTEXT_NAMES}


@pytest.mark.parametrize("path", ["blog/index.md", "blog/alpha.md"])
def test_a_card_keeps_no_control_character(path):
    """The cache cuts a card's HTML at NUL characters: a card holding one is rendered in full."""
    full, kept = _env(), _env()
    card_cache.keep_rendered(kept)
    card = _card(title="Nul \x00 0 \x00 here")
    values = {"cards": [card], "page": _page(path), "base_url": ".."}
    assert kept.from_string(GRID).render(values) == full.from_string(GRID).render(values)
