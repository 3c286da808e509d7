"""Both cores in `mkdocs build`: a forked worker process converts Markdown and renders pages
beside MkDocs' own loops (careerblog_mkdocs/parallel.py says how, and why the site stays
byte for byte the one-process build's). The preview and CAREERBLOG_SERIAL_BUILD=1 build in
one process.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from careerblog_mkdocs import parallel


# Priority 110: first, before the content is loaded (the collector waits for the fork).
@event_priority(110)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    parallel.hold_collector()
    return config


# Priority -120: last, once hooks/preview.py (0) has attached the render cache to every page.
@event_priority(-120)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    parallel.start_markdown(nav, files, config)
    return nav


# Priority -120: last, once every other hook has made its views (hooks/preview.py's is -110).
@event_priority(-120)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    parallel.start_pages(env, files, config)
    return env


# Priority 200: before every other hook's on_post_build reads what the pages left.
@event_priority(200)
def on_post_build(*, config: MkDocsConfig) -> None:
    parallel.finish()


def on_build_error(*, error: Exception) -> None:
    parallel.stop()
