"""Material's settings block (base.html's ``config``) rendered once per base and link
(careerblog_mkdocs.navigation_cache.keep_block_rendered) gives the bytes of the block
rendered in full on every page, whatever its depth and folder; Material's header kept the
same way (keep_rendered_but_title) gives the bytes of the header rendered in full, with each
page's title."""

from __future__ import annotations

import jinja2
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import url_filter

from careerblog_mkdocs.navigation_cache import keep_block_rendered, keep_rendered_but_title

BASE = ('<html>{% block config %}<script>{{ {"base": base_url, "worker": "assets/w.js" | url,'
        ' "lang": lang} | tojson }}</script>{% endblock %}{% block page %}{% endblock %}</html>')
PAGE = '{% extends "base.html" %}{% block page %}{{ page.url }}{% endblock %}'
PATHS = ["index.md", "blog/index.md", "blog/a.md", "blog/b.md", "tags/x.md", "404.md",
         "assets/page.md", "blog/archive/2024.md", "index.md"]


def _env(templates: dict[str, str]) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), auto_reload=False)
    env.filters["url"] = url_filter
    return env


def _render(env: jinja2.Environment, path: str, base_url: str | None = None) -> str:
    page = Page(None, File(path, "docs", "site", use_directory_urls=True), MkDocsConfig())
    base_url = get_relative_url(".", page.url) if base_url is None else base_url
    return env.get_template("page.html").render(page=page, base_url=base_url, lang="en")


def test_the_block_kept_gives_the_bytes_rendered_in_full():
    full, kept = _env({"base.html": BASE, "page.html": PAGE}), _env({"base.html": BASE, "page.html": PAGE})
    keep_block_rendered(kept.get_template("base.html"), "config")
    for path in PATHS:
        assert _render(kept, path) == _render(full, path), path
    # The same links with another base (a page of another site built in the same process).
    assert _render(kept, "blog/a.md", "/other") == _render(full, "blog/a.md", "/other")


def test_a_block_whose_links_vary_by_page_is_refused():
    base = BASE.replace('"assets/w.js" | url', 'page.url | url')
    kept = _env({"base.html": base, "page.html": PAGE})
    keep_block_rendered(kept.get_template("base.html"), "config")
    _render(kept, "blog/a.md")
    with pytest.raises(RuntimeError, match="links by page"):
        _render(kept, "tags/x.md")


# Material's header (careerblog_mkdocs.navigation_cache.keep_rendered_but_title): kept once per base
# and link, the page's title filled in for each page, as Material's partials/header.html writes it.
HEADER = ('<header><a href="{{ "index.md" | url }}" title="{{ site | e }}">{% include "logo.html" %}</a>'
          '<a href="{{ "blog/index.md" | url }}">Blog</a>'
          '<span>{% if page.meta and page.meta.title %}{{ page.meta.title }}{% else %}{{ page.title }}{% endif %}'
          '</span><span>{{ site }}</span></header>')
WITH_HEADER = '<html>{% include "header.html" %}<main>{{ page.url }}</main></html>'
TITLES = [("index.md", "Home", {}), ("blog/index.md", "Blog", {"title": "The <b>blog</b>"}),
          ("blog/a.md", "Tom &amp; Jerry", {}), ("blog/b.md", "None", {"title": ""}),
          ("tags/x.md", "#remote", {"title": "Remote &lt;jobs&gt;", "description": "d"}),
          ("blog/archive/2024.md", "2024", {}), ("index.md", "Home again", {"hide": ["toc"]})]


def _header_env(header: str = HEADER) -> jinja2.Environment:
    return _env({"header.html": header, "logo.html": '<img src="{{ "logo.png" | url }}">',
                 "page.html": WITH_HEADER})


def _render_titled(env: jinja2.Environment, path: str, title: str, meta: dict, site: str = "Careers & more") -> str:
    page = Page(title, File(path, "docs", "site", use_directory_urls=True), MkDocsConfig())
    page.meta = dict(meta)
    return env.get_template("page.html").render(page=page, base_url=get_relative_url(".", page.url), site=site)


def test_the_header_kept_gives_the_bytes_rendered_in_full_with_each_pages_title():
    full, kept = _header_env(), _header_env()
    keep_rendered_but_title(kept.get_template("header.html"))
    for path, title, meta in TITLES:
        assert _render_titled(kept, path, title, meta) == _render_titled(full, path, title, meta), path
    # Rendered once per link as written: the pages at the site's root share the first one.
    assert _render_titled(kept, "contact.md", "Contact", {}) == _render_titled(full, "contact.md", "Contact", {})


def test_a_header_that_reads_more_of_the_page_is_refused():
    kept = _header_env(HEADER.replace("</header>", "{% if page.is_homepage %}home{% endif %}</header>"))
    keep_rendered_but_title(kept.get_template("header.html"))
    with pytest.raises(RuntimeError, match="page.is_homepage"):
        _render_titled(kept, "blog/a.md", "A", {})


def test_a_header_whose_links_vary_by_page_is_refused():
    kept = _header_env(HEADER.replace('"index.md" | url', 'site | url'))
    keep_rendered_but_title(kept.get_template("header.html"))
    _render_titled(kept, "blog/a.md", "A", {}, site="a/")
    with pytest.raises(RuntimeError, match="links by page"):
        _render_titled(kept, "tags/x.md", "X", {}, site="b/")


@pytest.mark.parametrize("writes", ['/es/{{ page.url }}', '{{ page.url | e }}', '{{ "/es/" ~ page.url }}',
                                    '{{ page.url | url }}'])
def test_a_header_that_writes_the_page_url_itself_is_refused(writes):
    # Pages with the same links would share the first one's URL (found in review: the stand-in
    # gave its URL freely, for the url filter).
    kept = _header_env(HEADER.replace("</header>", f'<a rel="alternate" href="{writes}">ES</a></header>'))
    keep_rendered_but_title(kept.get_template("header.html"))
    with pytest.raises(RuntimeError, match="writes page.url itself"):
        _render_titled(kept, "blog/a.md", "A", {})
