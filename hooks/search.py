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

In a full build, Pagefind indexes each page as MkDocs writes it, in Pagefind's own
process (careerblog/search_index.py), rather than reading site/ again after the build
(4 s at 1,000 posts). A page rendered by the build's worker process
(careerblog_mkdocs.parallel) reaches Pagefind in its turn: Pagefind numbers pages in
the order they come. It gets each page without Material's header and navigation, which
it skips, and no page without a marked body once one has it (Pagefind leaves those
out). Those pages (listings: _UNINDEXED_TEMPLATES) are rendered last on two cores, and
Pagefind is asked for the index once every other page is added: it builds the index (0.7 s
of its CPU at 1,000 posts) while they render, instead of after the last page. Should one
of them be indexed after all, the index is made again after the build, in page order.
CAREERBLOG_SERIAL_BUILD=1 indexes the same pages, whole and in the same order,
after the build instead: the output is byte-identical (tests/test_serial_build.py).
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
import subprocess
import sys

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from careerblog.search_index import PagesOutOfOrder, SearchIndexer, SearchIndexError, without_chrome
from careerblog_mkdocs import Session, serial_build
from careerblog_mkdocs.parallel import in_page_order, render_last

# In the preview, indexing runs beside the server rather than before it: the page an
# editor saved is shown at once (4 s sooner at 1,000 posts), and search catches up.
_indexing: subprocess.Popen | None = None
# In a full build: the index being fed, or (serial build) the pages written, in order.
_indexer: SearchIndexer | None = None
_written: list[str] = []
_order: list[str] = []  # a full build's pages, in MkDocs' order
# Templates whose pages mark no body for Pagefind, which leaves them out of the index.
_UNINDEXED_TEMPLATES = frozenset({"listing.html", "guides.html", "jobs.html"})


_log = logging.getLogger("mkdocs.hooks.search")
_ENTRIES = "career_blog_search_entries"  # config key: this build's index entries
_SEARCHABLE = "career_blog_searchable"  # page meta key: what the page's own `search` said


def on_pre_build(*, config: MkDocsConfig) -> None:
    global _indexer
    _stop_indexing()  # a rebuild is about to empty site/; the old index is moot
    _written.clear()
    _order.clear()
    if not Session.serving and not serial_build():
        os.makedirs(config.site_dir, exist_ok=True)
        _indexer = _start_indexer(config)


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
    if _indexer is not None:
        # Pagefind leaves the pages of these templates out of the index (they mark no body): the
        # build on two cores renders them last, and the index is asked for once every other page
        # is added, so that Pagefind builds it while they are rendered (should one be indexed
        # after all, the index is made again after the build, in page order). Every other HTML
        # file (404.html, redirect pages) is written before MkDocs' page loop.
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        last = [page for page in pages if page.meta.get("template") in _UNINDEXED_TEMPLATES]
        render_last(config, last)
        _order[:] = [page.file.dest_path for page in pages]
        later = {page.file.dest_path for page in last}
        _indexer.expect(set(_order) - later, later)
    return env


# Priority -110: after headers.py's -100, so the page is indexed as it is written.
@event_priority(-110)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if not Session.serving:
        # The serial build indexes site/ after the build (_index_written): it needs the path alone.
        _index_page(config, page.file.dest_path, without_chrome(output) if _indexer is not None else "")
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    global _indexing, _indexer
    _write_page_index(config)
    site_dir = os.path.abspath(config.site_dir)
    if not Session.serving:
        indexer, _indexer = _indexer or _start_indexer(config), None
        try:
            try:
                _index_written(indexer, _written, site_dir)
            except PagesOutOfOrder:  # a page rendered last was to be indexed: again, in page order
                _log.info("Pagefind: a page of %s marks its body after all: the index is made again, in page order "
                          "(hooks/search.py: _UNINDEXED_TEMPLATES)", ", ".join(sorted(_UNINDEXED_TEMPLATES)))
                shutil.rmtree(os.path.join(site_dir, "pagefind"), ignore_errors=True)
                _index_written(_start_indexer(config), _order, site_dir)
        except SearchIndexError as error:
            raise PluginError(f"Pagefind could not index the site:\n{error}") from None
        finally:
            indexer.close()
        return
    # The pagefind[bin] package ships the binary, so this needs nothing but the venv.
    command = [sys.executable, "-m", "pagefind", "--site", site_dir, "--silent"]
    if Session.serving:
        _indexing = subprocess.Popen(command, cwd=site_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return
    result = subprocess.run(command, cwd=site_dir, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the site:\n{result.stderr or result.stdout}")


def on_build_error(*, error: Exception) -> None:
    global _indexer
    if _indexer is not None:
        _indexer.close()
        _indexer = None


def on_shutdown() -> None:
    _stop_indexing()


# ---


@in_page_order  # a page rendered by the build's worker process is indexed here, in its turn
def _index_page(config: MkDocsConfig, path: str, html: str) -> None:
    # Pagefind numbers pages in the order they come: the one-process build's page order (the
    # pages rendered last, which it leaves out, come after it was asked for the index).
    if _indexer is not None:
        _indexer.add(path, html)
    else:
        _written.append(path)


def _index_written(indexer: SearchIndexer, paths: list[str], site_dir: str) -> None:
    """Add these pages as written in site/ (the serial build's, in page order), then write the index."""
    try:
        for path in paths:
            with open(os.path.join(site_dir, path), encoding="utf-8") as handle:
                indexer.add(path, handle.read())
        indexer.write()
    finally:
        indexer.close()


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
    # json.dumps, not json.dump: the same text from the C encoder (json.dump encodes in Python,
    # chunk by chunk: 10 ms of every preview save at 1,000 posts).
    text = json.dumps(index, separators=(",", ":"), ensure_ascii=False)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def _start_indexer(config: MkDocsConfig) -> SearchIndexer:
    try:
        return SearchIndexer(config.site_dir)
    except (OSError, SearchIndexError) as error:
        raise PluginError(f"Pagefind could not start: {error}") from None


def _stop_indexing() -> None:
    global _indexing
    if _indexing is not None and _indexing.poll() is None:
        _indexing.terminate()
        _indexing.wait()
    _indexing = None
