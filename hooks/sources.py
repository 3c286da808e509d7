"""Which source files may be published: none behind a symbolic link, and one per URL.

Runs after every other hook has moved posts and added generated pages, so that
it sees the final URL of every file.
"""

from __future__ import annotations

import os
from collections import defaultdict

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from careerblog.problems import ContentError, Problem
from careerblog.sources import check_symlinks
from careerblog_mkdocs import project_root, shown_path


# Priority -100: last, once posts have their /blog/<slug>/ URLs and listings exist.
@event_priority(-100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # The symlink rule is the one `blog check` applies; URLs are checked on MkDocs' own
    # file list, which holds the generated pages and every post's final URL.
    shown_docs = os.path.relpath(config.docs_dir, project_root(config)).replace(os.sep, "/")
    problems = check_symlinks(config.docs_dir, shown_docs) + _shared_urls(files, config)
    if problems:
        raise PluginError(ContentError(problems).render())
    return files


# ---


def _shared_urls(files: Files, config: MkDocsConfig) -> list[Problem]:
    by_dest: dict[str, list[File]] = defaultdict(list)
    for file in files:
        by_dest[file.dest_uri].append(file)
    problems = []
    for dest, owners in by_dest.items():
        if len(owners) > 1:
            names = " and ".join(shown_path(f, config) for f in owners)
            problems.append(Problem(
                shown_path(owners[-1], config), 1, "url",
                f"/{owners[-1].url} would be built from both {names}; rename or move one of them (a post's URL comes from its slug)",
            ))
    return problems
