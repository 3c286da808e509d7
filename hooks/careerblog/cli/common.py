"""What every ``blog`` command shares: the project folder, the clock, errors and output helpers."""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Iterator

from ..content import read_data_file
from ..data import read_authors, read_settings, read_tags
from ..models import Author, Settings, Tag
from ..problems import ContentError, Problem
from ..publishing import build_time
from ..yamlfile import YamlDoc

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


@dataclass(frozen=True)
class SiteData:
    """data/site.yml, authors.yml and tags.yml, read without the posts."""

    settings: Settings | None
    authors: dict[str, Author]
    tags: dict[str, Tag]
    site_doc: YamlDoc | None


def read_site_data(project: Project, then: str, authors_too: bool = True) -> SiteData:
    """Settings, authors and tags, read alone: a broken post elsewhere must not stop a command.

    Any problem in them stops the command, naming each, then ``then`` (what to run again).
    """
    problems: list[Problem] = []
    names = ("site.yml", "authors.yml", "tags.yml") if authors_too else ("site.yml", "tags.yml")
    docs = [read_data_file(project.root, name) for name in names]
    for _, found in docs:
        problems += found
    (site_doc, _), (tags_doc, _) = docs[0], docs[-1]
    authors_doc = docs[1][0] if authors_too else None
    settings, authors, tags = None, {}, {}
    if site_doc:
        settings, found = read_settings(site_doc, project.docs_dir)
        problems += found
    if authors_doc:
        authors, found = read_authors(authors_doc, project.docs_dir)
        problems += found
    if tags_doc:
        tags, found = read_tags(tags_doc)
        problems += found
    stop_on(problems, then)
    return SiteData(settings, authors, tags, site_doc)


def stop_on(problems: list[Problem], then: str) -> None:
    """Raise CommandError listing ``problems`` (if any) and what to do next."""
    if problems:
        lines = "\n".join(str(p) for p in sorted(set(problems)))
        raise CommandError(f"{lines}\nFix data/ first (the lines above say how), then {then}")

