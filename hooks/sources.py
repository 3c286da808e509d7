"""Which source files may be published: none behind a symbolic link, and one per URL.

Runs after every other hook has moved posts and added generated pages, so that
it sees the final URL of every file.
"""

from __future__ import annotations

from collections import defaultdict

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from careerblog.data import behind_symlink
from careerblog_mkdocs import shown_path


# Priority -100: last, once posts have their /blog/<slug>/ URLs and listings exist.
@event_priority(-100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    problems = _symlinked(files, config) + _shared_urls(files, config)
    if problems:
        raise PluginError(f"{len(problems)} content problem(s) found:\n" + "\n".join(sorted(problems)))
    return files


# ---


def _symlinked(files: Files, config: MkDocsConfig) -> list[str]:
    return [
        f"{shown_path(file, config)}:1: file: is a symbolic link; symbolic links are not published, copy the real file here instead"
        for file in files
        if file.abs_src_path and file.generated_by is None and behind_symlink(file.abs_src_path, config.docs_dir)
    ]


def _shared_urls(files: Files, config: MkDocsConfig) -> list[str]:
    by_dest: dict[str, list[File]] = defaultdict(list)
    for file in files:
        by_dest[file.dest_uri].append(file)
    problems = []
    for dest, owners in by_dest.items():
        if len(owners) > 1:
            names = " and ".join(shown_path(f, config) for f in owners)
            problems.append(f"{shown_path(owners[-1], config)}:1: url: /{owners[-1].url} would be built from both {names}; rename or move one of them (a post's URL comes from its slug)")
    return problems
