"""The preview tells the browser: a save that breaks the build shows its problems in the page.

`make serve` used to leave the browser waiting, the explanation only in the
terminal (see careerblog_mkdocs/serve_errors.py for why). Now every page shows
the problems, file, line and message, and reloads by itself once they are
fixed; a preview started with a mistake in a file starts anyway and shows it. A
port already taken is one line saying so, not a traceback.
"""

from __future__ import annotations

import contextlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

from careerblog_mkdocs import Session
from careerblog_mkdocs.serve_errors import PREVIEW_ERRORS, first_build_shown, install, port_in_use, port_message


# Hook modules live as long as the process; so does the one `mkdocs serve` they wrap.
_first_build = contextlib.ExitStack()


def on_startup(*, command: str, dirty: bool) -> None:
    if command == "serve":
        _first_build.enter_context(first_build_shown(PREVIEW_ERRORS))


def on_build_error(*, error: Exception) -> None:
    if Session.serving:
        PREVIEW_ERRORS.record(error)


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    host, port = server.server_address[:2]
    if port_in_use(host, port):
        # MkDocs would bind only after this, and fail with a traceback.
        raise Abort(port_message(host, port))
    install(server, PREVIEW_ERRORS)
    return server


def on_shutdown() -> None:
    _first_build.close()
    PREVIEW_ERRORS.clear()
