"""The editors' command line: ``blog new``, ``blog check``, ``blog report``, ``blog schemas`` and ``blog jobs fetch``.

Installed as the console script ``blog`` (``[project.scripts]`` in pyproject.toml).
It uses the standard library and the core only, never MkDocs, so that a check
takes a fraction of a second where a build takes many. EDITING.md shows every
command at work.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from ..report import CLOSING_DAYS
from .check import run_check
from .common import PROG, CommandError
from .jobs import add_jobs_command
from .new import run_new
from .report import run_report
from .schemas import run_schemas

__all__ = ["main", "build_parser"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (0 fine, 1 problems found, 2 wrong usage)."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except CommandError as error:
        print(error, file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root", metavar="DIR",
        help="the blog's folder, holding mkdocs.yml, data/ and docs/ (default: the current folder)",
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Tools for the blog's editors: start a post, check your work without a build, "
        "see what needs attention. EDITING.md explains each step.",
        epilog=f"Run '{PROG} COMMAND --help' for the options of a command.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    new = commands.add_parser(
        "new", parents=[common], help="start a post: docs/blog/posts/<date>-<slug>.md, as a draft",
        description="Write docs/blog/posts/<date>-<slug>.md with valid front matter and a short outline, "
        "marked 'draft: true' until you delete that line. Never overwrites a file.",
        epilog=f'Example: {PROG} new "How to Ask for a Raise" --tags JobSearchTips,InterviewTips',
    )
    new.add_argument("title", help='the post\'s title, in quotes: "How to Ask for a Raise" (1-90 characters)')
    # nargs="+": "--tags A B" means what "--tags A,B" means, rather than a usage error.
    new.add_argument("--tags", required=True, nargs="+", metavar="A,B", help="hashtags from data/tags.yml, separated by commas or spaces")
    new.add_argument("--author", metavar="ID", help="an author id from data/authors.yml (default: the only author, if there is one)")
    new.add_argument("--date", metavar="YYYY-MM-DD", help="the publish date (default: today, or SOURCE_DATE_EPOCH when set)")
    new.add_argument(
        "--description", metavar="TEXT",
        help="50-160 characters for search results and link previews (default: a sentence made from the title, to rewrite)",
    )
    new.set_defaults(run=run_new)

    check = commands.add_parser(
        "check", parents=[common], help="check posts and data files against every rule, without building",
        description="Check every post and data file as the build does, and the URLs they would get. "
        "Prints one line per problem, 'path:line: field: message'; exit status 1 when there is any.",
        epilog=f"Example: {PROG} check docs/blog/posts/2026-11-20-how-to-ask-for-a-raise.md",
    )
    check.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="report only the problems in these files or folders (everything is still read, for the rules across files)",
    )
    check.add_argument(
        "--published", metavar="SITEMAP",
        help="also fail, naming each URL, if a URL of this published sitemap.xml (a file or its http(s) address) "
        "would be neither served nor redirected; drafts, expired posts and closed jobs are listed as unpublished on purpose",
    )
    check.set_defaults(run=run_check)

    report = commands.add_parser(
        "report", parents=[common], help="drafts, scheduled posts, reviews due, jobs closing, unused tags, guides",
        description=f"What needs an editor's attention on the build date: drafts, scheduled posts, posts past "
        f"review_by, jobs closing within {CLOSING_DAYS} days or closed, tags no published post uses, and "
        "guides with the pages that embed them.",
    )
    report.add_argument("--json", action="store_true", help="print JSON (keys in a fixed order) instead of tables")
    report.set_defaults(run=run_report)

    schemas = commands.add_parser(
        "schemas", parents=[common], help="check or rewrite the JSON Schemas in schemas/ for editors' YAML tools",
        description="Compare schemas/*.schema.json with the rules of the build; --write rewrites them.",
    )
    schemas.add_argument("--write", action="store_true", help="rewrite schemas/*.schema.json from the rules of the build")
    schemas.set_defaults(run=run_schemas)

    add_jobs_command(commands, common)
    return parser
