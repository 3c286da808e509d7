"""Security headers: ``/_headers`` for Netlify and Cloudflare Pages, and the same
Content-Security-Policy as a <meta> in every page for hosts such as GitHub Pages.

Inline scripts are allowed by their hashes, read from the pages as built: a script
any template or hook adds is covered without being listed anywhere.
"""

from __future__ import annotations

import functools
import os

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from careerblog.headers import HEADERS_FILE, add_meta_policy, content_security_policy, inline_script_hashes, render_headers_file
from careerblog_mkdocs import Session, state_of
from careerblog_mkdocs.parallel import in_page_order

# The preview's built pages by path: (mtime_ns, size, inline script hashes). A save renders a
# few pages again; the others are not read again (0.15-0.3 s a save at 1,000 posts).
_scanned: dict[str, tuple[int, int, frozenset[str]]] = {}
# The preview's files of this build (on_env): its HTML files are listed from them, not by
# walking site/ (1,400 folders and Pagefind's at 1,000 posts: 25 ms a save). They are what
# a full build writes: a deleted page still in site/ (removed after this hook) is not counted.
_files: list[Files] = []
# Config key, in a full build: the inline script hashes of each page this build wrote, by its
# path under site/ (written as hashed: this hook's on_post_page is the last to change a page).
_WRITTEN = "career_blog_written_script_hashes"


# Priority -100: last, once every other hook has changed the page.
@event_priority(-100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if Session.serving:
        return output  # see _with_meta_policy
    hashes = frozenset(inline_script_hashes(output))
    _note_written(config, page.file.dest_path, hashes)
    return _with_meta_policy(output, config, hashes)


@event_priority(-100)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a theme template, not a page.
    if not template_name.endswith(".html"):
        return output_content
    return _with_meta_policy(output_content, config)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    if Session.serving:
        _files[:] = [files]  # complete by on_post_build: on_env hooks add feeds and redirect pages
    return env


# Priority 100: before Pagefind (hooks/search.py) adds its files; it adds no HTML page.
@event_priority(100)
def on_post_build(*, config: MkDocsConfig) -> None:
    files = _files.pop() if Session.serving and _files else None
    hashes = _served_hashes(files, config) if files is not None else _built_hashes(config)
    policy = content_security_policy(hashes, _form_endpoint(config))
    with open(os.path.join(config.site_dir, HEADERS_FILE), "w", encoding="utf-8") as handle:
        handle.write(render_headers_file(policy))


def on_shutdown() -> None:
    _scanned.clear()
    _files.clear()


# ---


def _built_hashes(config: MkDocsConfig) -> set[str]:
    """The inline script hashes of every HTML file in site/."""
    hashes: set[str] = set()
    # The pages this build wrote are not read again (0.15-0.3 s at 1,000 posts, alone at the
    # build's end); the other HTML files (404.html, redirect pages, a --dirty build's) are.
    written: dict[str, frozenset[str]] = config.get(_WRITTEN) or {}
    for folder, _, names in os.walk(config.site_dir):
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                known = written.get(os.path.relpath(path, config.site_dir)) if written else None
                hashes |= known if known is not None else _hashes_of(path)[2]
    return hashes


def _served_hashes(files: Files, config: MkDocsConfig) -> set[str]:
    """The preview's: the inline script hashes of the HTML files this build makes, each file read
    again only when it changed."""
    hashes: set[str] = set()
    seen: dict[str, tuple[int, int, frozenset[str]]] = {}
    for path in _html_outputs(files, config):
        kept = _hashes_of(path)
        if kept is not None:
            seen[path] = kept
            hashes |= kept[2]
    _scanned.clear()
    _scanned.update(seen)
    return hashes


def _html_outputs(files: Files, config: MkDocsConfig) -> list[str]:
    """The HTML files the preview's build wrote or keeps: its pages and other files (redirect pages,
    HTML copied from docs/) as served, and the theme's HTML static templates (404.html)."""
    paths = [file.abs_dest_path for file in files
             if file.dest_uri.endswith(".html") and file.inclusion.is_in_serve()]
    paths += [os.path.join(config.site_dir, name) for name in config.theme.static_templates if name.endswith(".html")]
    return paths


def _hashes_of(path: str) -> tuple[int, int, frozenset[str]] | None:
    """The page's inline script hashes; in the preview, read again only when the file changed
    (None: the file is not there, as a static template that rendered nothing)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    kept = _scanned.get(path) if Session.serving else None
    if kept is not None and kept[:2] == (status.st_mtime_ns, status.st_size):
        return kept
    with open(path, encoding="utf-8", errors="replace") as handle:
        return status.st_mtime_ns, status.st_size, frozenset(inline_script_hashes(handle.read()))



@in_page_order  # a page the build's worker process wrote is noted in the main process
def _note_written(config: MkDocsConfig, path: str, hashes: frozenset[str]) -> None:
    config.setdefault(_WRITTEN, {})[path] = hashes


@functools.lru_cache(maxsize=64)
def _meta_policy(hashes: frozenset[str], form_endpoint: str | None) -> str:
    # Pages share a few sets of scripts: each set's policy is written once.
    return content_security_policy(hashes, form_endpoint, meta=True)


def _with_meta_policy(html: str, config: MkDocsConfig, hashes: frozenset[str] | None = None) -> str:
    """``html`` with its security policy; ``hashes``: its inline scripts' hashes, if known."""
    # The preview's live-reload script is inline and added as pages are served: a policy
    # there would block it, so `make serve` shows pages without one.
    if Session.serving:
        return html
    if hashes is None:
        hashes = frozenset(inline_script_hashes(html))
    return add_meta_policy(html, _meta_policy(hashes, _form_endpoint(config)))


def _form_endpoint(config: MkDocsConfig) -> str | None:
    return state_of(config).content.settings.contact.endpoint
