"""Source files the build would refuse, found without building (contract sections 2 and 6).

The build finds the same on MkDocs' own file list (``hooks/sources.py`` and the
generated pages); ``blog check`` finds them here, from the content snapshot and
the files under docs/, so an editor hears of a clash before any build.
"""

from __future__ import annotations

import os
from collections import defaultdict

from . import urls
from .content import Content, list_page_sources
from .data import behind_symlink
from .listings import plan_listings
from .problems import Problem
from .urls import POSTS_DIR


def check_sources(content: Content, docs_dir: str, shown_docs: str = "docs") -> list[Problem]:
    """Files behind symbolic links, and URLs that two sources (or a generated page) would share."""
    return check_symlinks(docs_dir, shown_docs) + check_urls(content, docs_dir, shown_docs)


def check_symlinks(docs_dir: str, shown_docs: str = "docs") -> list[Problem]:
    """Every file under docs/ reached through a symbolic link; posts are checked when they are read."""
    problems = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=True):
        # MkDocs leaves hidden files and folders out of the site, so they are never published anyway.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            full = os.path.join(folder, name)
            source = os.path.relpath(full, docs_dir).replace(os.sep, "/")
            if name.startswith(".") or source.startswith(POSTS_DIR) or not behind_symlink(full, docs_dir):
                continue
            problems.append(Problem(
                f"{shown_docs}/{source}", 1, "file",
                "is a symbolic link; symbolic links are not published, copy the real file here instead",
            ))
    return problems


def check_urls(content: Content, docs_dir: str, shown_docs: str = "docs") -> list[Problem]:
    """Two pages at one URL, as the published build (not the preview) would plan them."""
    owners: dict[str, list[str]] = defaultdict(list)  # URL -> files that would be built there
    for source in list_page_sources(docs_dir):
        owners[urls.page_url_for(source)].append(f"{shown_docs}/{source}")
    for post in content.visible:
        owners[post.url].append(f"{shown_docs}/{post.source}")
    generated = plan_generated(content)
    problems = []
    for url, files in sorted(owners.items()):
        if url in generated:
            problems += [
                Problem(shown, 1, "file", f"/{url} is the generated page '{generated[url]}'; move or rename this file")
                for shown in files
            ]
        elif len(files) > 1:
            names = " and ".join(sorted(files))
            problems.append(Problem(
                sorted(files)[-1], 1, "url",
                f"/{url} would be built from both {names}; rename or move one of them (a post's URL comes from its slug)",
            ))
    return problems


def plan_generated(content: Content) -> dict[str, str]:
    """URL -> title of every page the build generates: listings, guides and jobs."""
    pages = {listing.url: listing.title for listing in plan_listings(content)}
    pages[urls.GUIDES] = "Guides"
    pages.update((guide.url, guide.title) for guide in content.published_guides.values())
    pages[urls.JOBS] = "Open jobs"
    pages.update((job.url, job.title) for job in content.open_jobs)
    return pages
