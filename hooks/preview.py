"""The preview (`make serve`): a save shows in the browser in well under a second.

Two helpers from careerblog_mkdocs do the work, both kept across `mkdocs serve`
rebuilds in this module: the render cache converts only the Markdown that changed
(render_cache.py), and the serve model watches files with inotify and renders
again only the pages whose displayed content changed (serve_model.py), building a
save of pages on the last build's objects (serve_quick.py) and sharing big
rebuilds with a forked copy of the process (serve_fork.py). A third keeps post cards'
HTML by their data and links (card_cache.py): a new post shifts every listing page.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from careerblog_mkdocs import Session, state_of
from careerblog_mkdocs.card_cache import CardCache
from careerblog_mkdocs.render_cache import RenderCache
from careerblog_mkdocs.serve_model import ServeModel

# Hook modules live as long as the process, so both outlive each rebuild. They never
# hold more than one site's pages, and are emptied when the preview stops.
_renders = RenderCache()
_model = ServeModel()
_cards = CardCache()


def on_startup(*, command: str, dirty: bool) -> None:
    # hooks/content.py has set Session.serving; the preview keeps posts as read between saves.
    Session.posts_read = {} if Session.serving else None


def on_shutdown() -> None:
    _renders.clear()
    _cards.clear()
    _model.stop()
    Session.posts_read = None


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    return _model.quicken(server, config, builder)


# Priority 100: before Material's search plugin makes its first Jinja environment.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if Session.serving:
        _model.check_begins()
        _model.equip(config.theme)
    return config


# Priority 100: first, once every on_config (the content check) has passed.
@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    if Session.serving:
        _model.check_passed()


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    # Every page exists now, and every URL is final. Outside the preview the cache lives
    # for one build, where it converts the empty Markdown of generated pages only once.
    (_renders if Session.serving else RenderCache()).attach(files, config)
    if Session.serving:
        _model.plan_reading(files, nav, state_of(config))
    return nav


# Priority -110: after every other hook's on_env (search's is -100), when all views are made.
@event_priority(-110)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    if Session.serving:
        _model.plan_rendering(files, config, env)
        _cards.attach(env)  # post cards kept by their data and links across saves (not in a build)
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    if Session.serving:
        _renders.end_build()
        _cards.end_build()
        _model.finish(config)


def on_build_error(*, error: Exception) -> None:
    if Session.serving:
        _model.failed()  # the next build starts from nothing, unless the content check failed
