"""``blog check``: every rule of the build, without building."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime

from ..content import Content, load_content
from ..pictures.uses import check_uses, find_uses
from ..problems import ContentError, Problem
from .common import PROG, CommandError, Project, count, current_time, find_project, paused_gc
from .published import run_published


def run_check(args: argparse.Namespace) -> int:
    project = find_project(args.root)
    selection = [select_path(project, path) for path in args.paths]
    now = current_time()
    with paused_gc():
        problems, content = collect_problems(project, now)
    shown = [p for p in problems if in_selection(p.path, selection)]
    for problem in shown:
        print(problem)
    hidden = len(problems) - len(shown)
    if hidden:
        print(f"{count(hidden, 'more problem')} in other files; run '{PROG} check' without file names to see them.", file=sys.stderr)
    if shown:
        print(f"{count(len(shown), 'problem')} found; fix {'it' if len(shown) == 1 else 'them'} and run '{PROG} check' again.", file=sys.stderr)
        return 1
    if getattr(args, "published", None) and content is not None:
        return run_published(project, content, args.published)
    if selection and "" not in selection:
        print(f"OK: no problems in {', '.join(selection)}.")
    elif content is not None:
        print(f"OK: {count(len(content.posts), 'post')}, {count(len(content.authors), 'author')}, "
              f"{count(len(content.tags), 'tag')} and {count(len(content.jobs), 'job')} follow every rule.")
    return 0


def collect_problems(project: Project, now: datetime) -> tuple[list[Problem], Content | None]:
    """Every problem the build would report: the build's own loader, page plan included."""
    try:
        content = load_content(project.root, project.docs_dir, now)
    except ContentError as error:
        return error.problems, None
    shown_docs = project.shown(project.docs_dir)
    # Pictures as the build checks them: missing, damaged, too large, HEIC (header and pixels read).
    problems = check_uses(find_uses(content, project.docs_dir, shown_docs), project.docs_dir)[1]
    return sorted(set(problems)), content


def select_path(project: Project, path: str) -> str:
    full = os.path.abspath(path)
    shown = project.shown(full)
    if shown == ".." or shown.startswith("../"):
        raise CommandError(f"{path}: is outside the blog's folder {project.root}; name files under it")
    if not os.path.lexists(full):
        raise CommandError(f"{path}: no such file or folder")
    return "" if shown == "." else shown


def in_selection(path: str, selection: list[str]) -> bool:
    if not selection:
        return True
    return any(chosen in ("", path) or path.startswith(chosen.rstrip("/") + "/") for chosen in selection)
