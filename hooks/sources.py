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

from careerblog.data import behind_symlink


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
        f"{_shown(file, config)}:1: file: is a symbolic link; symbolic links are not published, copy the real file here instead"
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
            names = " and ".join(_shown(f, config) for f in owners)
            problems.append(f"{_shown(owners[-1], config)}:1: url: /{owners[-1].url} would be built from both {names}; rename or move one of them (a post's URL comes from its slug)")
    return problems


def _shown(file: File, config: MkDocsConfig) -> str:
    """The path an editor recognises: docs/... for real files, the generator for generated ones."""
    if file.generated_by is not None or file.abs_src_path is None:
        return f"(generated page {file.src_uri})"
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    return os.path.relpath(file.abs_src_path, root).replace(os.sep, "/")
