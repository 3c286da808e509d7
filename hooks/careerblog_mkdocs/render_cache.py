"""Markdown converted once, and again only when something its HTML depends on changed.

`make serve` rebuilds the whole site on every save, in one process that keeps
this module loaded. Between two saves most pages' Markdown is unchanged, so the
HTML (with its table of contents, anchors and the warnings it gave) is kept
here and handed back instead of converting the page again. A page's HTML
depends on, and is kept under:

- its Markdown as MkDocs converts it, after every ``on_page_markdown`` (so an
  embedded guide that changed changes the key of every page that embeds it);
- its source path and URL (links and images are made relative to the page);
- the site's files and their URLs (links to other pages are checked and
  resolved against them): adding, removing or moving a file converts again every
  page whose Markdown may hold a link or a picture (``](``, ``]:``, ``<``) and names
  that file, editing one does not. MkDocs resolves a link only to a file whose path
  the link spells (``x.md``, ``x/`` for ``x/index.md``, ``x.html`` for ``x.md``), so
  Markdown without the file's name, or without its folder's name for an ``index.md``
  or ``README.md``, resolves every link as before (at 1,000 posts a new post converted
  20 pages holding a guide's ``<!--`` again, 70 ms, for nothing);
- the Markdown settings of mkdocs.yml: extensions and their options, link validation.

Extensions that read other files into the page (``pymdownx.snippets``,
``pymdownx.b64``, include extensions) would make that key incomplete; with one of
them configured, nothing is kept.

Warnings logged while a page was converted (a broken link, say) are logged again
each time its kept HTML is used, so the terminal and ``--strict`` see what they
would without the cache. After each build, what that build did not use is dropped:
the cache holds at most one site's pages.

Pages with no Markdown at all (most generated pages: listings, tag and job pages)
are converted once per build and share the result, which gives the same page.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
from urllib.parse import unquote
from dataclasses import dataclass

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

# Extensions that put other files' content into a page: the key cannot see those files change.
_READS_OTHER_FILES = ("snippets", "b64", "include")
# The scope of kept Markdown with links: valid while no file it names is added, removed or moved.
_LINKS = "links:"
# Files a link may reach by their folder's name (``guides/`` for guides/index.md).
_FOLDER_PAGES = ("index.md", "README.md")
_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# What any link or picture in Markdown is written with: inline ``](``, a reference's
# definition ``]:``, and HTML or an autolink ``<``. Markdown with none resolves nothing.
_LINK_SIGNS = ("](", "]:", "<")


@dataclass(frozen=True)
class _Rendered:
    """What ``Page.render`` leaves on a page, and what it logged."""

    content: str
    toc: object
    title: str | None
    anchor_ids: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: tuple[logging.LogRecord, ...]


class RenderCache:
    """Rendered pages by everything their HTML depends on; see the module's docstring."""

    def __init__(self) -> None:
        self._kept: dict[tuple, _Rendered] = {}
        self._used: set[tuple] = set()  # keys the current build asked for
        self._site = ""  # this build's files and settings
        self._settings = ""  # this build's settings alone: the key of Markdown without links
        self._pages: set[str] = set()  # this build's pages
        self._files: dict[str, tuple] = {}  # the last build's file map: URL and destination by source

    def attach(self, files: Files, config: MkDocsConfig) -> None:
        """Make every page of this build render through the cache (call once every page exists)."""
        self._used = set()
        if any(_reads_other_files(ext) for ext in config.markdown_extensions):
            self._kept.clear()
            return
        self._settings = _settings_key(config)
        site = self._site = _site_key(files, config, self._settings)
        self._forget_links_to(files)
        pages = files.documentation_pages()
        self._pages = {file.src_uri for file in pages}
        for file in pages:
            if file.page is not None:
                # MkDocs calls page.render(config, files) for each page; this one looks here first.
                file.page.render = _CachedRender(self, file.page, site)

    def end_build(self) -> None:
        """Forget removed pages and old versions of edited ones.

        A page the preview did not read again this build (serve_model.py) asked for nothing
        and keeps its HTML: it is read again after the next content change, often unchanged.
        """
        converted = {key[1] for key in self._used}
        scopes = (self._site, self._settings, _LINKS + self._settings)
        self._kept = {key: kept for key, kept in self._kept.items() if key in self._used
                      or key[0] in scopes and key[1] in self._pages and key[1] not in converted}

    def _forget_links_to(self, files: Files) -> None:
        """Drop the kept HTML of Markdown with links that names a file added, removed or moved since the last build."""
        now = {file.src_uri: (file.url, file.dest_uri, file.inclusion) for file in files}
        before, self._files = self._files, now
        if not self._kept:
            return  # a build's first attach (every full build's): nothing to forget
        changed = {src for src in now.keys() | before.keys() if now.get(src) != before.get(src)}
        if not changed:
            return
        names = set()
        for src in changed:
            folder, name = posixpath.split(src)
            names.add(posixpath.splitext(name)[0])
            if name in _FOLDER_PAGES:
                names.add(posixpath.basename(folder))
        # A name a link could spell otherwise than as written (escaped, or empty): every link may reach it.
        every = any(not _PLAIN_NAME.fullmatch(name) for name in names)
        # A folder's page is reached by "../" or "./" without being named, from pages below it.
        folders = [posixpath.dirname(src) + "/" for src in changed if posixpath.basename(src) in _FOLDER_PAGES]
        for key in [key for key in self._kept if key[0].startswith(_LINKS)]:
            markdown, source = key[3], key[1]
            if every or "&#" in markdown or any(name in markdown or "%" in markdown and name in unquote(markdown)
                                                for name in names) \
                    or any(folder == "/" or source.startswith(folder) for folder in folders):
                del self._kept[key]

    def clear(self) -> None:
        self._kept.clear()
        self._used.clear()
        self._files.clear()

    def render(self, page: Page, site: str, config: MkDocsConfig, files: Files) -> None:
        markdown = page.markdown or ""
        if markdown.strip():
            # Only links and pictures read the file map: without them, any site gives the same HTML.
            scope = _LINKS + self._settings if any(sign in markdown for sign in _LINK_SIGNS) else self._settings
            key = (scope, page.file.src_uri, page.file.url, markdown)
        else:
            key = (site, "", "", "")  # nothing to convert: the same result on any page
        kept = self._kept.get(key)
        if kept is None:
            kept = self._kept[key] = convert(page, config, files)
        else:
            restore(page, kept, files)
        self._used.add(key)


class _CachedRender:
    """Stands in for one page's ``render`` method."""

    def __init__(self, cache: RenderCache, page: Page, site: str):
        self.cache, self.page, self.site = cache, page, site

    def __call__(self, config: MkDocsConfig, files: Files) -> None:
        self.cache.render(self.page, self.site, config, files)


def convert(page: Page, config: MkDocsConfig, files: Files) -> _Rendered:
    """Convert the page as MkDocs does, and keep what that left on it (also used by
    careerblog_mkdocs.parallel, whose worker process converts pages for the full build)."""
    with _Recording() as recording:
        _render(page, config, files)
    links = page.links_to_anchors
    return _Rendered(
        content=page.content,
        toc=page.toc,
        title=page._title_from_render,
        anchor_ids=frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
        links_to_anchors=None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
        records=tuple(recording.records),
    )


# This process's Markdown converter, by the build's configuration (its id and Markdown settings).
_converter: tuple[tuple[int, str], markdown.Markdown] | None = None


def _render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` (MkDocs 1.6), on one converter per process instead of a new one per page:
    making one, with every extension, took a third of a millisecond a page (0.35 s of CPU at
    1,000 posts). Python-Markdown supports converting document after document with ``reset()``
    between them, which resets every extension that keeps state; MkDocs' own processors, which
    hold the page, are made again for each page, as in ``Page.render``, and replace the last
    page's (registered under the same names)."""
    global _converter
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    key = (id(config), _settings_key(config))
    if _converter is None or _converter[0] != key:
        _converter = (key, markdown.Markdown(extensions=config["markdown_extensions"],
                                             extension_configs=config["mdx_configs"] or {}))
    md = _converter[1]
    md.reset()
    raw_html_ext = mkdocs_pages._RawHTMLPreprocessor()
    raw_html_ext._register(md)
    extract_anchors_ext = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors_ext._register(md)
    relative_path_ext = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
    relative_path_ext._register(md)
    extract_title_ext = mkdocs_pages._ExtractTitleTreeprocessor()
    extract_title_ext._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors


def restore(page: Page, kept: _Rendered, files: Files) -> None:
    page.content = kept.content
    page.toc = kept.toc
    page._title_from_render = kept.title
    page.present_anchor_ids = set(kept.anchor_ids) if kept.anchor_ids is not None else None
    if kept.links_to_anchors is not None:
        page.links_to_anchors = {
            files.get_file_from_path(src): dict(links) for src, links in kept.links_to_anchors.items()
        }
    replay(kept.records)


def replay(records: list[logging.LogRecord]) -> None:
    """Log again what converting a page logged (elsewhere: an earlier build, another process),
    so that ``--strict`` counts its warnings here."""
    for record in records:
        logging.getLogger(record.name).handle(record)


class _Recording(logging.Handler):
    """Collects what is logged while it is active; MkDocs' own logger does not propagate to the root."""

    _LOGGERS = ("mkdocs", "")

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not any(seen is record for seen in self.records):
            self.records.append(record)

    def __enter__(self) -> _Recording:
        for name in self._LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for name in self._LOGGERS:
            logging.getLogger(name).removeHandler(self)


def _settings_key(config: MkDocsConfig) -> str:
    """The Markdown settings of mkdocs.yml: extensions and their options, link validation."""
    settings = (config.markdown_extensions, config.mdx_configs, config.use_directory_urls,
                config.validation, config.docs_dir)
    return hashlib.blake2b(repr(settings).encode(), digest_size=16).hexdigest()


def _site_key(files: Files, config: MkDocsConfig, settings: str) -> str:
    """Everything besides the page itself that Markdown conversion reads: settings and the file map."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(settings.encode())
    for file in files:
        digest.update(f"\n{file.src_uri}\t{file.url}\t{file.dest_uri}\t{file.inclusion}".encode())
    return digest.hexdigest()


def _reads_other_files(extension: object) -> bool:
    name = extension if isinstance(extension, str) else type(extension).__module__
    return any(word in name for word in _READS_OTHER_FILES)
