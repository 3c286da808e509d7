"""The theme's files listed without walking hidden folders, for MkDocs' ``add_files_from_theme``.

Every build lists the theme's folders to copy its static files: Jinja's loader walks all
of them, 14,500 files of which 14,000 are Material's icons under ``.icons/`` (read by its
templates, never copied), and MkDocs then tests each name against its patterns, which
leave out every hidden file and everything under a hidden folder (``.*`` and ``*/.*``).
That was 0.05-0.08 s on one core before the build's worker forks. Here, for that filter of
MkDocs' alone, a hidden folder is not walked and a hidden file not listed (each one pruned is
still asked of the filter, and one it would keep gets Jinja's whole walk); any other caller
gets Jinja's whole walk. The names listed and their order are Jinja's
(tests/test_theme_listing.py compares the theme files with and without it).
"""

from __future__ import annotations

import os
from typing import Callable

import jinja2


def list_templates_without_hidden(env: jinja2.Environment) -> Callable[..., list[str]]:
    """``env.list_templates`` that prunes hidden names its filter refuses; Jinja's own otherwise."""
    walk = env.list_templates
    loader = env.loader

    def list_templates(extensions=None, filter_func: Callable[[str], bool] | None = None) -> list[str]:
        if extensions is not None or not _is_mkdocs_theme_filter(filter_func) or type(loader) is not jinja2.FileSystemLoader:
            return walk(extensions=extensions, filter_func=filter_func)
        names = _names_outside_hidden(loader, filter_func)
        if names is None:  # the filter keeps some hidden name: Jinja's whole walk
            return walk(filter_func=filter_func)
        return [name for name in names if filter_func(name)]

    return list_templates


def _is_mkdocs_theme_filter(filter_func: Callable[[str], bool] | None) -> bool:
    """MkDocs' filter of theme files, whose patterns ``.*`` and ``*/.*`` refuse every name with a
    hidden part (fnmatch's ``*`` spans slashes): only for it is the pruning exact."""
    return (getattr(filter_func, "__module__", None) == "mkdocs.structure.files"
            and getattr(filter_func, "__qualname__", None) == "Files.add_files_from_theme.<locals>.filter")


def _names_outside_hidden(loader: jinja2.FileSystemLoader, keeps: Callable[[str], bool]) -> list[str] | None:
    """What ``loader.list_templates()`` lists (sorted, first folder wins), minus hidden files and
    everything in hidden folders; None if ``keeps`` keeps a hidden name met on the way."""
    found: set[str] = set()
    for searchpath in loader.searchpath:
        for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=loader.followlinks):
            for name in [name for name in dirnames if name.startswith(".")]:
                # Anything under it, say ``.icons/x.svg``, is asked too: one name per folder pruned.
                pruned = _name(searchpath, dirpath, name)
                if keeps(pruned) or keeps(pruned + "/x.svg"):
                    return None
                dirnames.remove(name)
            for name in filenames:
                template = _name(searchpath, dirpath, name)
                if not name.startswith("."):
                    found.add(template)
                elif keeps(template):
                    return None
    return sorted(found)


def _name(searchpath: str, dirpath: str, filename: str) -> str:
    """A file's template name, spelt as Jinja's FileSystemLoader.list_templates spells it."""
    template = os.path.join(dirpath, filename)[len(searchpath):].strip(os.path.sep).replace(os.path.sep, "/")
    return template[2:] if template[:2] == "./" else template
