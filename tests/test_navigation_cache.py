"""Material's settings block (base.html's ``config``) rendered once per base and link
(careerblog_mkdocs.navigation_cache.keep_block_rendered) gives the bytes of the block
rendered in full on every page, whatever its depth and folder."""

from __future__ import annotations

import jinja2
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import url_filter

from careerblog_mkdocs.navigation_cache import keep_block_rendered

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
