"""What the hook files share: the build state and the handling of generated pages.

This is the only code besides hooks/*.py that imports MkDocs; the core
(``careerblog``) stays free of it.
"""

from __future__ import annotations

import os

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from careerblog.state import STATE_KEY, BuildState
from careerblog.urls import source_for

# libyaml writes the same YAML five times faster; a blog of 1,000 posts has some 400 generated pages.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Generated pages' front matter by the repr of its data, for the preview's next save.
_fronts: dict[str, str] = {}
_FRONTS_KEPT = 10_000


class Session:
    """What holds for the whole MkDocs process: `mkdocs serve` or a build.

    MkDocs names the command only in on_startup, once per process, and keeps hook
    modules loaded across serve rebuilds; hooks/content.py sets this, others read it.
    """

    serving = False
    # The preview's posts as read from their text (careerblog_mkdocs.serve_model); None in a build.
    posts_read: dict | None = None
    # The preview's files (absolute paths) written since the last build, as its watcher saw them;
    # None when unknown (a build, the preview's first rebuild): then every file is read again.
    changed_files: frozenset[str] | None = None


def serial_build() -> bool:
    """CAREERBLOG_SERIAL_BUILD=1: the reference build, MkDocs' own way: one process, no work
    beside MkDocs (Pagefind indexes after the build), every page's navigation rendered in
    full; the usual build must give the same bytes (tests/test_serial_build.py)."""
    return os.environ.get("CAREERBLOG_SERIAL_BUILD", "") not in ("", "0")


def state_of(config: MkDocsConfig) -> BuildState:
    return config[STATE_KEY]


def add_page(files: Files, config: MkDocsConfig, url: str, meta: dict, body: str = "") -> str:
    """Add a generated Markdown page at the directory ``url``; return its source path.

    A real file already there is never overwritten: the build stops naming it.
    """
    src = source_for(url)
    existing = files.get_file_from_path(src)
    if existing is not None:
        raise PluginError(f"{shown_path(existing, config)}:1: file: /{url} is the generated page '{meta.get('title')}'; move or rename this file")
    front = _front_matter(meta)
    files.append(File.generated(config, src, content=f"---\n{front}---\n\n{body}"))
    return src


def _front_matter(meta: dict) -> str:
    """``meta`` as YAML; the preview plans the same ~400 generated pages after every save."""
    key = repr(meta)  # of plain data (text, numbers, dates, lists): the same repr, the same YAML
    front = _fronts.get(key)
    if front is None:
        front = yaml.dump(meta, Dumper=_Dumper, sort_keys=True, allow_unicode=True)
        if len(_fronts) >= _FRONTS_KEPT:
            _fronts.clear()
        _fronts[key] = front
    return front


def move(file: File, url: str, config: MkDocsConfig) -> None:
    """Publish ``file`` at the directory ``url`` instead of where its source lies."""
    file.dest_uri = f"{url}index.html"
    file.url = url
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))


def project_root(config: MkDocsConfig) -> str:
    """The folder of mkdocs.yml, data/ and docs/: paths in errors are relative to it."""
    return os.path.dirname(os.path.abspath(config.config_file_path))


def shown_path(file: File, config: MkDocsConfig, root: str | None = None) -> str:
    """The path an editor recognises: docs/... for real files. ``root``: ``project_root(config)``,
    when the caller names many files (2,500 at 1,000 posts: 3 ms of a save to find it again each time)."""
    if file.generated_by is not None or file.abs_src_path is None:
        return f"(generated page {file.src_uri})"
    root = (root or project_root(config)) + os.sep
    path = file.abs_src_path  # absolute and normalised by MkDocs: a prefix is its relative path
    shown = path[len(root):] if path.startswith(root) else os.path.relpath(path, root)
    return shown.replace(os.sep, "/")
