"""What every ``blog`` command shares: the project folder, the clock, errors and output helpers."""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Iterator

from ..problems import ContentError
from ..publishing import build_time

PROG = "blog"


class CommandError(Exception):
    """A reason to stop that the editor can act on; printed as is, exit status 1."""


@dataclass(frozen=True)
class Project:
    """The blog's folder: the one holding mkdocs.yml, data/ and docs/."""

    root: str

    @property
    def docs_dir(self) -> str:
        return os.path.join(self.root, "docs")

    def shown(self, path: str) -> str:
        """``path`` as errors name it: relative to the blog's folder, with '/'."""
        return os.path.relpath(path, self.root).replace(os.sep, "/")


def find_project(root: str | None) -> Project:
    """The blog's folder: ``--root``, else the current folder or the nearest one above it
    holding data/ and docs/, as git finds its repository from any subfolder."""
    if root is None:
        start = os.path.abspath(os.getcwd())
        for folder in _this_and_above(start):
            if is_project(folder):
                return Project(folder)
        # None above: explain with the current folder, as before.
    folder = os.path.abspath(root or os.getcwd())
    missing = [f"{name}/" for name in ("data", "docs") if not os.path.isdir(os.path.join(folder, name))]
    if missing:
        where = "" if root else " or any folder above it"
        raise CommandError(
            f"{folder}{where} has no {' and no '.join(missing)}; run '{PROG}' in the blog's folder "
            "(the one holding mkdocs.yml, data/ and docs/) or a folder inside it, or name it with --root DIR"
        )
    return Project(folder)


def is_project(folder: str) -> bool:
    return all(os.path.isdir(os.path.join(folder, name)) for name in ("data", "docs"))


def _this_and_above(folder: str) -> Iterator[str]:
    while True:
        yield folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return
        folder = parent


def current_time() -> datetime:
    """The build date, as the build takes it: SOURCE_DATE_EPOCH when set."""
    try:
        return build_time()
    except ContentError as error:
        raise CommandError("\n".join(str(p) for p in error.problems)) from None


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@contextmanager
def paused_gc() -> Iterator[None]:
    # Reading 1,000 posts makes many small objects that all live to the end; the
    # collector would only walk them again and again (15% of the time of a check).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
