"""Fixtures for the content-core tests: a throw-away copy of the real project.

Every test gets its own copy of ``data/`` and ``docs/`` in ``tmp_path``, edits
it the way an editor would (write a post, change a data file) and loads it with
a fixed build date, so results never depend on the day the tests run.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from careerblog import Content, ContentError, Problem, load_content

REPO = Path(__file__).resolve().parents[1]
POSTS_DIR = "docs/blog/posts"
# The build date of every test: "today" is Friday, 27 November 2026, noon UTC.
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
OMIT = object()  # a front matter value that leaves the field out
BODY = "A few words for the reader about getting hired.\n"


def valid_front_matter() -> dict[str, Any]:
    """Front matter that passes every check; tests change one thing at a time."""
    return {
        "title": "A Post That Passes Every Check",
        "date": datetime(2026, 11, 1).date(),
        "authors": ["erin-helms"],
        "tags": ["InterviewTips"],
        "description": "A description long enough for search results, and short enough to read.",
    }


class Project:
    """A copy of the blog's sources that a test may change freely."""

    def __init__(self, root: Path):
        self.root = root
        self.docs = root / "docs"
        self.posts = root / POSTS_DIR

    def write_post(self, name: str, front: dict | str | None = None, body: str = BODY, **fields: Any) -> Path:
        """Write ``docs/blog/posts/<name>``.

        ``front`` as text is the whole file, written as is. Otherwise the front
        matter is a valid one updated with ``front`` and ``fields``; a value of
        ``OMIT`` leaves that field out.
        """
        path = self.posts / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(front, str):
            path.write_text(front, encoding="utf-8")
            return path
        meta = {**valid_front_matter(), **(front or {}), **fields}
        meta = {key: value for key, value in meta.items() if value is not OMIT}
        dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=None)
        path.write_text(f"---\n{dumped}---\n\n{body}", encoding="utf-8")
        return path

    def write(self, relative: str, text: str) -> Path:
        """Write any file under the project, e.g. ``data/tags.yml``."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def append(self, relative: str, text: str) -> None:
        with open(self.root / relative, "a", encoding="utf-8") as handle:
            handle.write(text)

    def remove_seed_posts(self) -> None:
        """Start from a blog with no posts (the data files stay)."""
        for post in self.posts.glob("*.md"):
            post.unlink()

    def load(self, now: datetime = NOW, preview: bool = False) -> Content:
        return load_content(str(self.root), str(self.docs), now, preview=preview)

    def problems(self, now: datetime = NOW) -> list[Problem]:
        """The problems the build reports; fails the test if the build passes."""
        with pytest.raises(ContentError) as caught:
            self.load(now)
        return caught.value.problems


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A private copy of the real ``data/`` and ``docs/``."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    return Project(tmp_path)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The real mkdocs.yml, docs/ and data/, built once per test module for stories that only read."""
    from sitebuild import Site, build_site

    return Site(build_site(REPO, tmp_path_factory.mktemp("site")))


@pytest.fixture
def buildable(project: Project) -> Project:
    """A private copy of the whole project (config, hooks, templates too) that a story may change and build."""
    from sitebuild import copy_machinery

    copy_machinery(project.root)
    return project


@pytest.fixture(scope="session", autouse=True)
def shared_picture_cache(tmp_path_factory):
    """One picture cache (hooks/pictures.py) for every build of the session, as one machine keeps
    one: the link-preview cards of the many copies of the project are drawn once."""
    folder = tmp_path_factory.mktemp("picture-cache")
    old = os.environ.get("CAREERBLOG_PICTURE_CACHE")
    os.environ["CAREERBLOG_PICTURE_CACHE"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("CAREERBLOG_PICTURE_CACHE", None)
    else:
        os.environ["CAREERBLOG_PICTURE_CACHE"] = old
