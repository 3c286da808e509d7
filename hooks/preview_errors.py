"""The preview tells the browser: a save that breaks the build shows its problems in the page.

`make serve` used to leave the browser waiting, the explanation only in the
terminal (see careerblog_mkdocs/serve_errors.py for why). Now every page shows
the problems, file, line and message, and reloads by itself once they are
fixed. A port already taken is one line saying so, not a traceback.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

from careerblog_mkdocs import Session
from careerblog_mkdocs.serve_errors import PREVIEW_ERRORS, install, port_in_use, port_message


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
    PREVIEW_ERRORS.clear()
