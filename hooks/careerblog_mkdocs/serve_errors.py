"""The preview's error page: what `make serve` shows the browser when a save breaks the build.

Why the browser hung before: MkDocs' live-reload server (mkdocs/livereload)
marks the start of each rebuild (``_wanted_epoch``) and, only when the build
succeeds, the version browsers may see (``_visible_epoch``). Every page request
waits until the two are equal, so after a failed rebuild every request, and
every reload, waits until a later build succeeds; the only explanation is in
the terminal.

Here the builder is wrapped: a failed build is remembered (its problems, one
``path:line: field: message`` each) and counts as done, so the server moves on
and browsers reload; while it stands, every page request is answered with a
page listing the problems, carrying MkDocs' own live-reload script, so the page
reloads by itself once a save fixes them. Pictures, styles and scripts are
served as before.

``python -m careerblog_mkdocs.serve_errors PORT`` says in one line whether the
preview's port is taken, before `make serve` starts MkDocs.
"""

from __future__ import annotations

import html
import logging
import re
import socket
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

log = logging.getLogger("mkdocs.plugins.careerblog.preview")

_PROBLEM = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")
_PAGE = re.compile(r"(/|\.html?|/[^./]*)$")


@dataclass(frozen=True)
class ShownProblem:
    path: str
    line: int
    field: str
    message: str


@dataclass
class BuildErrors:
    """The problems of the last build of the preview; empty while it builds fine."""

    problems: list[ShownProblem] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # what a build said that is not a problem line
    failing: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, error: BaseException) -> None:
        """Remember why the build failed (the first reason given wins: it holds the details)."""
        with self._lock:
            if self.failing:
                return
            self.failing = True
            self.problems, self.other = read_problems(str(error) or type(error).__name__)

    def clear(self) -> None:
        with self._lock:
            self.failing = False
            self.problems, self.other = [], []

    def page(self) -> bytes:
        with self._lock:
            return render_page(self.problems, self.other)


# One per process, as the preview is: it holds the last build's problems only.
PREVIEW_ERRORS = BuildErrors()


def read_problems(text: str) -> tuple[list[ShownProblem], list[str]]:
    """The ``path:line: field: message`` lines of an error message, and whatever else it says."""
    problems, other = [], []
    for line in text.splitlines():
        match = _PROBLEM.match(line.strip())
        if match:
            problems.append(ShownProblem(match["path"], int(match["line"]), match["field"], match["message"]))
        elif line.strip() and not re.match(r"^\d+ content problems? found:$", line.strip()):
            other.append(line.strip())
    return problems, other


def render_page(problems: list[ShownProblem], other: list[str]) -> bytes:
    """A page that needs nothing else from the server: the problems, and how the page behaves."""
    count = len(problems) or 1
    noun = "problem" if count == 1 else "problems"
    rows = "".join(
        f'<li data-problem><code data-file>{html.escape(p.path)}:{p.line}</code> '
        f'<strong data-field>{html.escape(p.field)}</strong>: <span data-message>{html.escape(p.message)}</span></li>'
        for p in problems
    )
    rows += "".join(f"<li data-problem><span data-message>{html.escape(line)}</span></li>" for line in other)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: {count} {noun} to fix</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1b1b; }}
h1 {{ font-size: 1.5rem; color: #8a1c1c; }}
li {{ margin: .6rem 0; }}
code {{ background: #f3f3f3; padding: .1rem .3rem; border-radius: 3px; }}
p.note {{ color: #444; }}
</style>
</head>
<body>
<main data-preview-errors>
<h1>The preview cannot show the site: {count} {noun} to fix</h1>
<p>Your last save left {"this problem" if count == 1 else "these problems"} (file, line, what to do); <code>blog check</code> lists the same.</p>
<ol>{rows}</ol>
<p class="note">Fix {"it" if count == 1 else "them"} and save: this page reloads by itself and shows the site again.</p>
</main>
</body>
</html>
""".encode()


def install(server, errors: BuildErrors) -> None:
    """Wrap the live-reload server's builder and its web application (see the module's docstring)."""
    build = server.builder
    serve = server.get_app()

    def build_or_show_errors(*args, **kwargs) -> None:
        errors.clear()
        try:
            build(*args, **kwargs)
        except (Exception, SystemExit) as error:  # MkDocs' Abort is a SystemExit
            errors.record(error)
            count = len(errors.problems) or 1
            log.error(f"The preview shows {'this problem' if count == 1 else f'these {count} problems'} "
                      f"at {server.url} until a save fixes {'it' if count == 1 else 'them'}.")

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        if errors.failing and not path.startswith("/livereload/") and _PAGE.search(path):
            body = server._inject_js_into_html(errors.page(), server._visible_epoch)
            # 200, not 503: MkDocs' server logs every other status as a warning, one terminal
            # line per request; the header tells tools (and the tests) what the page is.
            start_response("200 OK", [
                ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"), ("X-Preview-Problems", str(len(errors.problems) or 1)),
            ])
            return [body]
        return serve(environ, start_response)

    server.builder = build_or_show_errors
    server.set_app(application)


@contextmanager
def first_build_shown(errors: BuildErrors) -> Iterator[None]:
    """While it stands, a failed first build of `mkdocs serve` is remembered instead of raised.

    `mkdocs serve` builds once before it serves, and quits when that build fails; an
    editor who starts the preview with a mistake in a file would see the site never
    come up. MkDocs calls the ``build`` it imported into ``mkdocs.commands.serve``; that
    one call is wrapped, so the server starts and shows the problems like any later
    failed build. (MkDocs 1.6.1 is MkDocs' last release: this name will not move.)
    """
    from mkdocs.commands import serve as serve_command

    build = serve_command.build
    calls = 0

    def build_once_shown(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls > 1:
            return build(*args, **kwargs)
        try:
            return build(*args, **kwargs)
        except (Exception, SystemExit) as error:  # MkDocs' Abort is a SystemExit
            errors.record(error)
            log.error("The preview starts anyway and shows the problems above in the browser until a save fixes them.")

    serve_command.build = build_once_shown
    try:
        yield
    finally:
        serve_command.build = build


def port_in_use(host: str, port: int) -> bool:
    """Whether another program listens on ``host:port`` (as MkDocs' server binds: address reuse on)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def port_message(host: str, port: int) -> str:
    return (f"Port {port} on {host} is already in use (is another 'make serve' running?); "
            f"stop it, or preview on another port: make serve PORT={port + 1}")


def main(argv: list[str] | None = None) -> int:
    """``python -m careerblog_mkdocs.serve_errors PORT [HOST]``: exit 1, saying so, when the port is taken."""
    args = sys.argv[1:] if argv is None else argv
    port, host = int(args[0]), (args[1] if len(args) > 1 else "127.0.0.1")
    if port_in_use(host, port):
        print(port_message(host, port), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
