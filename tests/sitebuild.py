"""Build a real site with MkDocs, the way `make site` does, and read what it made."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[1]
# A fixed build date, 27 November 2026 12:00 UTC, so that "published" never depends on the day.
EPOCH = "1795780800"


def copy_machinery(root: Path) -> None:
    """Put the build machinery (config, hooks, templates) beside a copied data/ and docs/."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("hooks", "overrides"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))


def copy_real_project(root: Path) -> Path:
    """A copy of this repository's project (data/, docs/ and the build machinery) at ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("data", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    copy_machinery(root)
    return root


def build_site(root: Path, site_dir: Path, *, serve: bool = False) -> Path:
    """Build ``root/mkdocs.yml`` strictly into ``site_dir``; ``serve`` builds as `make serve` does."""
    with fixed_build_date():
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        try:
            if serve:
                config.plugins.on_startup(command="serve", dirty=False)
            build(config)
        finally:
            if serve:
                config.plugins.on_shutdown()
    return site_dir


@contextmanager
def serving(root: Path, site_dir: Path) -> Iterator[Callable[[], Site]]:
    """A preview session as `make serve` runs it: one process whose hooks stay loaded, told
    once that it serves, and a full build from a freshly read mkdocs.yml on every save.

    Yields the function that (re)builds the site and returns it.
    """
    configs = []

    def rebuild() -> Site:
        with fixed_build_date():
            config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
            if not configs:
                config.plugins.on_startup(command="serve", dirty=False)
                configs.append(config)
            build(config)
        return Site(site_dir)

    try:
        yield rebuild
    finally:
        if configs:
            configs[0].plugins.on_shutdown()


@contextmanager
def fixed_build_date() -> Iterator[None]:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


class Site:
    """A built site, read as a reader's browser would get it."""

    def __init__(self, root: Path):
        self.root = root

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def path(self, url: str) -> Path:
        relative = url.lstrip("/")
        return self.root / (relative + "index.html" if relative.endswith("/") or not relative else relative)

    def html(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "html.parser")

    def text_of_all_files(self) -> str:
        """Every page, feed, sitemap and index the site serves as text.

        Pagefind's folder is left out: its entry file only names its binary chunks, and
        in the preview it is written after the build, beside the running server.
        """
        return "\n".join(
            p.read_text(encoding="utf-8", errors="replace") for p in sorted(self.root.rglob("*")) if p.is_file()
            and p.suffix in (".html", ".xml", ".json", ".txt") and "pagefind" not in p.relative_to(self.root).parts
        )

    def card_links(self, url: str) -> list[str]:
        """Where each [data-post-card] on the page links, resolved to site URLs."""
        page = self.html(url)
        return [resolve(url, card.select_one("a[href]")["href"]) for card in page.select("[data-post-card]")]


def resolve(page_url: str, href: str) -> str:
    """A relative link on ``page_url`` as a site URL such as /blog/job-scams/."""
    from urllib.parse import urljoin

    return urljoin("http://site" + page_url, href).removeprefix("http://site")
