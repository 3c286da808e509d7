"""The preview (`make serve`): each rebuild converts only the Markdown that changed.

Rendered pages are kept in a render cache (careerblog_mkdocs.render_cache) across
`mkdocs serve` rebuilds, keyed by everything that can change a page's HTML.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from careerblog_mkdocs import Session
from careerblog_mkdocs.render_cache import RenderCache

# Hook modules live as long as the process, so the cache outlives each rebuild. It
# never holds more than one site's pages, and is emptied when the preview stops.
_renders = RenderCache()


def on_shutdown() -> None:
    _renders.clear()


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    # Every page exists now, and every URL is final. Outside the preview the cache lives
    # for one build, where it converts the empty Markdown of generated pages only once.
    (_renders if Session.serving else RenderCache()).attach(files, config)
    return nav


def on_post_build(*, config: MkDocsConfig) -> None:
    if Session.serving:
        _renders.end_build()
