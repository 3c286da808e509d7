"""Search: Pagefind indexes the finished site (site/pagefind/), read by the header's
search box (overrides/partials/search.html, assets/javascripts/search.js).

Measured at 1,000 posts (bench/search.py): Material's search downloads its whole
index, 4.5 MB, before the first result (3.1 s); Pagefind fetches 159 KB of chunks
(0.3 s). Material's search plugin stays on, because its header shows the search
box only when the plugin is there, but it no longer parses every page's HTML
(1.5 s at 1,000 posts) for a full-text index nobody downloads:
/search/search_index.json, which the contract promises to tools, keeps Material's
format and configuration with one entry per searchable page (its URL, title and
description), built from what every page already holds. Full-text search is Pagefind's.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from careerblog_mkdocs import Session

# In the preview, indexing runs beside the server rather than before it: the page an
# editor saved is shown at once (4 s sooner at 1,000 posts), and search catches up.
_indexing: subprocess.Popen | None = None


_ENTRIES = "career_blog_search_entries"  # config key: this build's index entries
_SEARCHABLE = "career_blog_searchable"  # page meta key: what the page's own `search` said


def on_pre_build(*, config: MkDocsConfig) -> None:
    _stop_indexing()  # a rebuild is about to empty site/; the old index is moot


# Priority -100: after every hook that sets a page's meta, before Material's plugin reads it.
@event_priority(-100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Material's plugin skips excluded pages without parsing their HTML; the page's own
    # wish (`search: {exclude: true}`) decides whether our index lists it.
    page.meta[_SEARCHABLE] = not (page.meta.get("search") or {}).get("exclude")
    page.meta["search"] = {"exclude": True}
    return markdown


# Priority -100: every page's title is final, including pages the preview did not read again.
@event_priority(-100)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    config[_ENTRIES] = [_entry(file.page) for file in files.documentation_pages()
                        if file.page is not None and file.page.meta.get(_SEARCHABLE, True)]
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    global _indexing
    _write_page_index(config)
    site_dir = os.path.abspath(config.site_dir)
    # The pagefind[bin] package ships the binary, so this needs nothing but the venv.
    command = [sys.executable, "-m", "pagefind", "--site", site_dir, "--silent"]
    if Session.serving:
        _indexing = subprocess.Popen(command, cwd=site_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return
    result = subprocess.run(command, cwd=site_dir, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the site:\n{result.stderr or result.stdout}")


def on_shutdown() -> None:
    _stop_indexing()


# ---


def _entry(page: Page) -> dict:
    description = page.meta.get("description") or ""
    return {"location": page.url, "title": html.unescape(str(page.title or "")), "text": html.unescape(str(description))}


def _write_page_index(config: MkDocsConfig) -> None:
    """Material's plugin wrote its index (its configuration, no pages) just before: list the pages in it."""
    path = os.path.join(config.site_dir, "search", "search_index.json")
    if not os.path.isfile(path) or _ENTRIES not in config:
        return
    with open(path, encoding="utf-8") as handle:
        index = json.load(handle)
    index["docs"] = config[_ENTRIES]
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(index, handle, separators=(",", ":"), ensure_ascii=False)


def _stop_indexing() -> None:
    global _indexing
    if _indexing is not None and _indexing.poll() is None:
        _indexing.terminate()
        _indexing.wait()
    _indexing = None
