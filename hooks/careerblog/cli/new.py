"""``blog new``: a draft post with valid front matter and an outline to replace."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import date, timezone

from ..content import list_post_sources, read_text
from ..models import Author, Settings, Tag
from ..outline import default_description, outline_body
from ..posts import DESCRIPTION_LENGTH, TITLE_LENGTH, TagIndex
from ..problems import did_you_mean
from ..slugs import slug_from_filename, slugify
from ..urls import POSTS_DIR, RESERVED_POST_SLUGS, post_url
from ..yamlfile import parse_yaml, split_front_matter
from .common import PROG, Project, current_time, find_project, read_site_data


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
    site = read_site_data(project, f"run '{PROG} new' again. Nothing was written.")
    errors: list[str] = []
    title = " ".join(args.title.split())
    post = NewPost(
        title=title,
        slug=check_title(title, errors),
        day=parse_day(args.date, errors) if args.date else today(site.settings),
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


def today(settings: Settings | None) -> date:
    """The build date in the site's time zone: after 7 pm in Boston it is not yet tomorrow."""
    zone = settings.timezone if settings else timezone.utc
    return current_time().astimezone(zone).date()


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


def resolve_tags(written: str | list[str], tags: dict[str, Tag], errors: list[str]) -> tuple[str, ...]:
    """Canonical tag names for a list separated by commas or spaces; '#' and aliases allowed, as in posts."""
    index = TagIndex(tags)
    names: list[str] = []
    text = written if isinstance(written, str) else ",".join(written)
    for word in (w.strip() for w in text.replace(" ", ",").split(",")):
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
    return default_description(title, settings.organization.name if settings else "", DESCRIPTION_LENGTH)


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
        *outline_body(),
    ])


def quote(text: str) -> str:
    # A JSON string is a valid YAML double-quoted string: colons, quotes and '#' stay text.
    return json.dumps(text, ensure_ascii=False)
