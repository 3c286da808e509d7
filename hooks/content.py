"""Load and check everything editors wrote (data/ and the posts) once per build.

Every problem in every file stops the build in one message, one line each:
``path:line: field: message``.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer

from careerblog import ContentError, build_time, load_content
from careerblog.state import STATE_KEY, BuildState
from careerblog_mkdocs import Session, parallel, project_root


def on_startup(*, command: str, dirty: bool) -> None:
    # `mkdocs serve` previews drafts and scheduled posts.
    Session.serving = command == "serve"


def on_shutdown() -> None:
    Session.serving = False


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        # The full build on two cores reads half of the posts in a second process (0.2 s sooner at 1,000 posts).
        content = load_content(project_root(config), config.docs_dir, build_time(), preview=Session.serving,
                               memo=Session.posts_read, two_processes=parallel.wanted(),
                               changed=Session.changed_files)
    except ContentError as error:
        raise PluginError(error.render()) from None
    config[STATE_KEY] = BuildState(content)
    return config


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    # MkDocs watches docs/ and the config; an edit to data/ must refresh the preview too.
    server.watch(os.path.join(project_root(config), "data"))
    return server
