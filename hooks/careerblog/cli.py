"""The editors' command line: ``blog new``, ``blog check``, ``blog report`` and ``blog schemas``.

Installed as the console script ``blog`` (``[project.scripts]`` in pyproject.toml).
It uses the standard library and the core only, never MkDocs, so that a check
takes a fraction of a second where a build takes many. EDITING.md shows every
command at work.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Iterator, Sequence

from .content import list_post_sources, load_content, read_data_file, read_text
from .data import read_authors, read_settings, read_tags
from .content import Content
from .models import Author, Settings, Tag
from .posts import DESCRIPTION_LENGTH, TITLE_LENGTH, TagIndex
from .problems import ContentError, Problem, did_you_mean
from .publishing import build_time
from .report import CLOSING_DAYS, Report, build_report
from .schemas import SchemaDrift, outdated_schemas, write_schemas
from .slugs import slug_from_filename, slugify
from .sources import check_sources
from .urls import POSTS_DIR, RESERVED_POST_SLUGS, post_url
from .yamlfile import parse_yaml, split_front_matter

PROG = "blog"


class CommandError(Exception):
    """A reason to stop that the editor can act on; printed as is, exit status 1."""


@dataclass(frozen=True)
class Project:
    """The blog's folder: the one holding mkdocs.yml, data/ and docs/."""

    root: str

    @property
    def docs_dir(self) -> str:
        return os.path.join(self.root, "docs")

    def shown(self, path: str) -> str:
        """``path`` as errors name it: relative to the blog's folder, with '/'."""
        return os.path.relpath(path, self.root).replace(os.sep, "/")


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
    new.add_argument("--tags", required=True, metavar="A,B", help="hashtags from data/tags.yml, separated by commas")
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
    return parser


# --- blog check --------------------------------------------------------------------------------


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
    if selection and "" not in selection:
        print(f"OK: no problems in {', '.join(selection)}.")
    elif content is not None:
        print(f"OK: {count(len(content.posts), 'post')}, {count(len(content.authors), 'author')}, "
              f"{count(len(content.tags), 'tag')} and {count(len(content.jobs), 'job')} follow every rule.")
    return 0


def collect_problems(project: Project, now: datetime) -> tuple[list[Problem], Content | None]:
    """Every problem the build would report, and the content when there is none in it."""
    try:
        content = load_content(project.root, project.docs_dir, now)
    except ContentError as error:
        return error.problems, None
    return sorted(set(check_sources(content, project.docs_dir, project.shown(project.docs_dir)))), content


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


@contextmanager
def paused_gc() -> Iterator[None]:
    # Reading 1,000 posts makes many small objects that all live to the end; the
    # collector would only walk them again and again (15% of the time of a check).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- blog new --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteData:
    settings: Settings | None
    authors: dict[str, Author]
    tags: dict[str, Tag]


@dataclass(frozen=True)
class NewPost:
    title: str
    slug: str
    day: date
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    description: str


def run_new(args: argparse.Namespace) -> int:
    project = find_project(args.root)
    site = read_site_data(project)
    errors: list[str] = []
    title = " ".join(args.title.split())
    post = NewPost(
        title=title,
        slug=check_title(title, errors),
        day=parse_day(args.date, errors) if args.date else current_time().date(),
        authors=(choose_author(args.author, site.authors, errors),),
        tags=resolve_tags(args.tags, site.tags, errors),
        description=choose_description(args.description, title, site.settings, errors),
    )
    path = os.path.join(project.docs_dir, POSTS_DIR, f"{post.day.isoformat()}-{post.slug}.md")
    check_path(project, post, path, errors)
    if errors:
        for error in errors:
            print(error, file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
        handle.write(render_post(post))
    print(f"Wrote {project.shown(path)}: a draft, to be published at /{post_url(post.slug)}")
    print(f"Next: write the post and its description, preview it with 'make serve', "
          f"then delete the line 'draft: true' and run '{PROG} check'.")
    return 0


def read_site_data(project: Project) -> SiteData:
    """Settings, authors and tags, read alone: a broken post elsewhere must not stop a new one."""
    problems: list[Problem] = []
    docs = [read_data_file(project.root, name) for name in ("site.yml", "authors.yml", "tags.yml")]
    for _, found in docs:
        problems += found
    (site_doc, _), (authors_doc, _), (tags_doc, _) = docs
    settings, authors, tags = None, {}, {}
    if site_doc:
        settings, found = read_settings(site_doc, project.docs_dir)
        problems += found
    if authors_doc:
        authors, found = read_authors(authors_doc, project.docs_dir)
        problems += found
    if tags_doc:
        tags, found = read_tags(tags_doc)
        problems += found
    if problems:
        lines = "\n".join(str(p) for p in sorted(set(problems)))
        raise CommandError(f"{lines}\nFix data/ first (the lines above say how), then run '{PROG} new' again. Nothing was written.")
    return SiteData(settings, authors, tags)


def check_title(title: str, errors: list[str]) -> str:
    """The slug the title gives, checked as the build will check it."""
    low, high = TITLE_LENGTH
    if not low <= len(title) <= high:
        limit = f"write at least {low}" if len(title) < low else f"keep it to {high} at most"
        errors.append(f"title: is {len(title)} characters long; {limit}")
    slug = slugify(title)
    if title and not slug:
        errors.append("title: gives no file name or URL; use some letters or digits in it")
    elif slug in RESERVED_POST_SLUGS:
        errors.append(f"title: gives the URL /blog/{slug}/, which is reserved for the blog's own pages; choose another title")
    return slug


def check_path(project: Project, post: NewPost, path: str, errors: list[str]) -> None:
    """The new file must be new, and its URL free."""
    if not post.slug or post.slug in RESERVED_POST_SLUGS:
        return
    if os.path.lexists(path):
        errors.append(f"{project.shown(path)}: already exists; edit that file, or choose another title or --date")
    elif owner := find_slug_owner(project, post.slug):
        errors.append(f"title: gives the URL /blog/{post.slug}/, which {owner} already has; choose another title")


def find_slug_owner(project: Project, slug: str) -> str | None:
    """The post that already has ``slug``, read loosely: that post may be broken."""
    for source in list_post_sources(project.docs_dir):
        text, _ = read_text(os.path.join(project.docs_dir, source), source)
        split = split_front_matter(text or "")
        doc = parse_yaml(split[0], source)[0] if split else None
        written = doc.data.get("slug") if doc and isinstance(doc.data, dict) else None
        if (written if isinstance(written, str) else slug_from_filename(source)) == slug:
            return project.shown(os.path.join(project.docs_dir, source))
    return None


def parse_day(text: str, errors: list[str]) -> date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    errors.append(f"--date: '{text}' is not a date such as 2026-12-01")
    return date.today()


def choose_author(written: str | None, authors: dict[str, Author], errors: list[str]) -> str:
    if written:
        if written not in authors:
            errors.append(f"--author: unknown author '{written}'{did_you_mean(written, authors)}; authors are listed in data/authors.yml")
        return written
    if len(authors) == 1:
        return next(iter(authors))
    if not authors:
        errors.append("--author: data/authors.yml has no authors yet; add yourself there first (EDITING.md, 'Add an author')")
    else:
        errors.append(f"--author: there are several authors, so name one: {', '.join(sorted(authors))}")
    return ""


def resolve_tags(written: str, tags: dict[str, Tag], errors: list[str]) -> tuple[str, ...]:
    """Canonical tag names for a comma-separated list; '#' and aliases allowed, as in posts."""
    index = TagIndex(tags)
    names: list[str] = []
    for word in (w.strip() for w in written.split(",")):
        if not word:
            continue
        name = index.resolve(word)
        if name is None:
            hint = did_you_mean(word.lstrip("#"), index.by_spelling)
            errors.append(f"--tags: unknown tag '{word}'{hint}; tags are listed in data/tags.yml")
        elif name not in names:
            names.append(name)
    if not names and not any(e.startswith("--tags") for e in errors):
        errors.append("--tags: name at least one hashtag from data/tags.yml, such as --tags InterviewTips")
    return tuple(names)


def choose_description(written: str | None, title: str, settings: Settings | None, errors: list[str]) -> str:
    low, high = DESCRIPTION_LENGTH
    if written is not None:
        text = " ".join(written.split())
        if not low <= len(text) <= high:
            limit = f"write at least {low}" if len(text) < low else f"keep it to {high} at most"
            errors.append(f"--description: is {len(text)} characters long; {limit}")
        return text
    return default_description(title, settings.organization.name if settings else "")


def default_description(title: str, organization: str) -> str:
    """A true sentence of 50-160 characters made from the title, for the editor to rewrite."""
    source = f" from {organization}" if organization else ""
    # "Oh No!" and "Why Now?" end a sentence already; other titles run on after a colon.
    head, advice = (title, "Career advice") if title.endswith(("!", "?")) else (title.rstrip(".:;,") + ":", "career advice")
    low, high = DESCRIPTION_LENGTH
    for tail in (f"{advice} for job seekers{source}.", f"{advice} for job seekers and new hires{source}.", f"{advice} for job seekers."):
        text = f"{head} {tail}"
        if low <= len(text) <= high:
            return text
    return text[: high - 1].rstrip() + "."


def render_post(post: NewPost) -> str:
    """The new post: front matter the build accepts, and an outline to replace."""
    return "\n".join([
        "---",
        f"title: {quote(post.title)}",
        f"date: {post.day.isoformat()}",
        f"authors: [{', '.join(post.authors)}]",
        f"tags: [{', '.join(post.tags)}]",
        f"description: {quote(post.description)}",
        "draft: true",
        "---",
        "",
        "Start with a short paragraph: who this post is for, and what they will know",
        "or be able to do once they have read it.",
        "",
        "## The First Point",
        "",
        "Replace this heading and this paragraph with your first point.",
        "",
        "## The Second Point",
        "",
        "Replace this heading and this paragraph with your second point.",
        "",
    ])


def quote(text: str) -> str:
    # A JSON string is a valid YAML double-quoted string: colons, quotes and '#' stay text.
    return json.dumps(text, ensure_ascii=False)


# --- blog report -------------------------------------------------------------------------------


def run_report(args: argparse.Namespace) -> int:
    project = find_project(args.root)
    now = current_time()
    try:
        with paused_gc():
            content = load_content(project.root, project.docs_dir, now)
    except ContentError as error:
        lines = "\n".join(str(p) for p in error.problems)
        raise CommandError(f"{lines}\nFix these first ('{PROG} check' lists them too), then run '{PROG} report' again.") from None
    report = build_report(content, project.shown(project.docs_dir))
    if args.json:
        print(json.dumps(asdict(report), indent=2, ensure_ascii=False))
    else:
        print(render_report(report), end="")
    return 0


def render_report(report: Report) -> str:
    """The report as plain-text tables, one section per kind of attention."""
    sections = [
        ("Drafts", ("Date", "File", "Title"), [(p.date, p.file, p.title) for p in report.drafts]),
        ("Scheduled posts", ("Publishes", "File", "Title"), [(p.date, p.file, p.title) for p in report.scheduled]),
        ("Expired posts", ("Date", "File", "Title"), [(p.date, p.file, p.title) for p in report.expired]),
        ("Posts past review_by", ("Review by", "Days over", "File", "Title"),
         [(r.review_by, str(r.days_overdue), r.file, r.title) for r in report.review_due]),
        (f"Jobs closing within {CLOSING_DAYS} days", ("Closes", "Days left", "Id", "Title", "Location"),
         [(j.valid_through, str(j.days_left), j.id, j.title, j.location) for j in report.jobs_closing]),
        ("Closed jobs, to remove from data/jobs.yml", ("Closed", "Id", "Title", "Location"),
         [(j.valid_through, j.id, j.title, j.location) for j in report.jobs_closed]),
        ("Tags with no published post", ("Tag", "Unpublished posts"),
         [(t.name, str(t.unpublished_posts)) for t in report.unused_tags]),
        ("Guides", ("Id", "Defined at", "Published", "Embedded in"),
         [(g.id, f"{g.file}:{g.line}", "yes" if g.published else "no", ", ".join(g.embedded_in) or "-") for g in report.guides]),
    ]
    out = [f"Editorial report for {report.build_date}", ""]
    for heading, columns, rows in sections:
        if not rows:
            out += [f"{heading}: none", ""]
            continue
        out += [f"{heading} ({len(rows)})", *render_table(columns, rows), ""]
    return "\n".join(out)


def render_table(columns: Sequence[str], rows: list[Sequence[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(columns, *rows)]
    return [
        "  " + "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip()
        for row in (columns, *rows)
    ]


# --- blog schemas ------------------------------------------------------------------------------


def run_schemas(args: argparse.Namespace) -> int:
    project = find_project(args.root)
    try:
        if args.write:
            for path in write_schemas(project.root):
                print(f"Wrote {path}")
            return 0
        stale = outdated_schemas(project.root)
    except SchemaDrift as error:
        raise CommandError(str(error)) from None
    for path in stale:
        print(f"{path}: is missing or out of date; run '{PROG} schemas --write'")
    if stale:
        return 1
    print("OK: schemas/ matches the rules of the build.")
    return 0


# --- shared ------------------------------------------------------------------------------------


def find_project(root: str | None) -> Project:
    folder = os.path.abspath(root or os.getcwd())
    missing = [f"{name}/" for name in ("data", "docs") if not os.path.isdir(os.path.join(folder, name))]
    if missing:
        raise CommandError(
            f"{folder} has no {' and no '.join(missing)}; run '{PROG}' in the blog's folder "
            "(the one holding mkdocs.yml, data/ and docs/), or name it with --root DIR"
        )
    return Project(folder)


def current_time() -> datetime:
    """The build date, as the build takes it: SOURCE_DATE_EPOCH when set."""
    try:
        return build_time()
    except ContentError as error:
        raise CommandError("\n".join(str(p) for p in error.problems)) from None


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
