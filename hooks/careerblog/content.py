"""Everything an editor wrote, read and checked once per build.

``load_content`` is the single entry point used by the MkDocs hooks, the tests
and the editor tools. It either returns a ``Content`` snapshot or raises
``ContentError`` listing every problem in every file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from .data import behind_symlink, read_authors, read_settings, read_tags
from .guides import check_guides, scan_page
from .jobs import read_jobs
from .models import Author, Embed, Guide, Job, Post, Settings, Tag
from .posts import TagIndex, read_post
from .problems import ContentError, Problem, did_you_mean
from .publishing import Status, newest_first, status_of
from .related import RelatedIndex
from .slugs import slug_from_filename
from .urls import POSTS_DIR, page_url_for, post_url
from .yamlfile import YamlDoc, parse_yaml, split_front_matter


@dataclass(frozen=True)
class Content:
    settings: Settings
    authors: dict[str, Author]
    tags: dict[str, Tag]
    posts: tuple[Post, ...]  # every post that passed its checks, newest first
    now: datetime
    preview: bool = False  # `make serve`: drafts and scheduled posts are shown, marked
    jobs: tuple[Job, ...] = ()
    guides: tuple[Guide, ...] = ()  # every guide section, published or not
    embeds: tuple[Embed, ...] = ()  # every <!-- guide: id --> line
    tag_index: TagIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tag_index", TagIndex(self.tags))

    def status(self, post: Post) -> Status:
        return status_of(post, self.now)

    @cached_property
    def visible(self) -> tuple[Post, ...]:
        """The posts that get pages and appear in listings, newest first."""
        return tuple(p for p in self.posts if self.preview or self.status(p) == "published")

    @cached_property
    def by_source(self) -> dict[str, Post]:
        return {post.source: post for post in self.posts}

    def is_shown(self, source: str) -> bool:
        """Whether the page at ``source`` (under docs/) is built: any page but an unshown post."""
        post = self.by_source.get(source)
        return post is None or post in self.visible_set

    @cached_property
    def visible_set(self) -> frozenset[Post]:
        return frozenset(self.visible)

    @cached_property
    def published_guides(self) -> dict[str, Guide]:
        """Guides whose page is built, by id: a draft's guides are not published."""
        return {g.id: g for g in self.guides if self.is_shown(g.source)}

    @cached_property
    def open_jobs(self) -> tuple[Job, ...]:
        return tuple(job for job in self.jobs if job.is_open(self.now))

    @cached_property
    def open_jobs_by_id(self) -> dict[str, Job]:
        return {job.id: job for job in self.open_jobs}

    @cached_property
    def related_index(self) -> RelatedIndex:
        return RelatedIndex(self.visible)


def load_content(root: str, docs_dir: str, now: datetime, preview: bool = False) -> Content:
    """Read ``data/`` and ``docs/blog/posts/`` under ``root``; raise ContentError on any problem."""
    problems: list[Problem] = []
    shown_docs = os.path.relpath(docs_dir, root).replace(os.sep, "/")

    def load(name: str) -> YamlDoc | None:
        doc, found = read_data_file(root, name)
        problems.extend(found)
        return doc

    settings_doc, authors_doc, tags_doc = load("site.yml"), load("authors.yml"), load("tags.yml")
    # A blog without open jobs is still a blog: data/jobs.yml may be left out.
    jobs_doc = load("jobs.yml") if os.path.lexists(os.path.join(root, "data", "jobs.yml")) else None
    settings = authors = tags = None
    if settings_doc:
        settings, found = read_settings(settings_doc, docs_dir)
        problems.extend(found)
    if authors_doc:
        authors, found = read_authors(authors_doc, docs_dir)
        problems.extend(found)
    if tags_doc:
        tags, found = read_tags(tags_doc)
        problems.extend(found)
    jobs: list[Job] = []
    if jobs_doc:
        jobs, found = read_jobs(jobs_doc)
        problems.extend(found)
    tag_index = TagIndex(tags or {})
    posts: list[Post] = []
    guides: list[Guide] = []
    embeds: list[Embed] = []
    shown_paths: dict[str, str] = {}
    for source in list_post_sources(docs_dir):
        shown = f"{shown_docs}/{source}"
        full = os.path.join(docs_dir, source)
        if behind_symlink(full, docs_dir):
            problems.append(Problem(shown, 1, "file", "is a symbolic link; symbolic links are not published, copy the real file here instead"))
            continue
        text, found = read_text(full, shown)
        problems.extend(found)
        if text is None:
            continue
        post, found = read_post(source, text, shown, tag_index, authors or {}, docs_dir)
        problems.extend(found)
        if post:
            posts.append(post)
        # A broken post's guides still count: an embed of one elsewhere is not a second problem.
        scan = scan_markdown(source, shown, post_url(post.slug if post else slug_from_filename(source)), text)
        guides += scan.guides
        embeds += scan.embeds
        problems += scan.problems
        shown_paths[source] = shown
    for source in list_page_sources(docs_dir):
        shown = f"{shown_docs}/{source}"
        text, found = read_text(os.path.join(docs_dir, source), shown)
        problems.extend(found)
        if text is not None:
            scan = scan_markdown(source, shown, page_url_for(source), text)
            guides += scan.guides
            embeds += scan.embeds
            problems += scan.problems
            shown_paths[source] = shown
    problems.extend(check_across_posts(posts, shown_docs))
    problems.extend(check_guides(guides, embeds, shown_paths))
    if problems or settings is None:
        raise ContentError(problems)
    return Content(
        settings, authors or {}, tags or {}, tuple(newest_first(posts)), now, preview,
        jobs=tuple(jobs), guides=tuple(guides), embeds=tuple(embeds),
    )


def scan_markdown(source: str, shown: str, url: str, text: str):
    """Guide sections and embed lines of a page, skipping its front matter."""
    split = split_front_matter(text)
    body, first_line = (split[1], split[2]) if split else (text, 1)
    return scan_page(source, shown, url, body, first_line)


def read_data_file(root: str, name: str) -> tuple[YamlDoc | None, list[Problem]]:
    shown = f"data/{name}"
    full = os.path.join(root, "data", name)
    if not os.path.exists(full):
        return None, [Problem(shown, 1, "file", "is missing; create it (see the editor's guide for its fields)")]
    if behind_symlink(full, root):
        return None, [Problem(shown, 1, "file", "is a symbolic link; replace it with the real file")]
    text, problems = read_text(full, shown)
    if text is None:
        return None, problems
    doc, problems = parse_yaml(text, shown)
    if doc is not None and doc.data is None:
        doc.data = {}
    return doc, problems


def read_text(full: str, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        with open(full, encoding="utf-8-sig") as handle:
            return handle.read(), []
    except UnicodeDecodeError:
        return None, [Problem(shown, 1, "file", "is not UTF-8 text; save it as UTF-8")]


def list_post_sources(docs_dir: str) -> list[str]:
    """Markdown files under docs/blog/posts/, as paths under docs/, in a stable order."""
    top = os.path.join(docs_dir, POSTS_DIR)
    sources = []
    for folder, dirs, files in os.walk(top, followlinks=True):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                rel = os.path.relpath(os.path.join(folder, name), docs_dir)
                sources.append(rel.replace(os.sep, "/"))
    return sources


def list_page_sources(docs_dir: str) -> list[str]:
    """Hand-written Markdown pages: every .md under docs/ but the posts and hidden files."""
    sources = []
    for folder, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            full = os.path.join(folder, name)
            rel = os.path.relpath(full, docs_dir).replace(os.sep, "/")
            if name.endswith(".md") and not rel.startswith(POSTS_DIR) and not os.path.islink(full):
                sources.append(rel)
    return sources


def check_across_posts(posts: list[Post], shown_docs: str) -> list[Problem]:
    """Rules that need every post: unique slugs, related slugs that exist."""
    problems: list[Problem] = []
    owner: dict[str, Post] = {}
    for post in posts:
        first = owner.setdefault(post.slug, post)
        if first is not post:
            problems.append(Problem(
                f"{shown_docs}/{post.source}", post.line_of.get("slug", 1), "slug",
                f"'{post.slug}' gives the URL /blog/{post.slug}/, which {shown_docs}/{first.source} already has; give one of them another 'slug:'",
            ))
    for post in posts:
        for key, slugs in (("pin", post.related_pin), ("exclude", post.related_exclude)):
            for index, slug in enumerate(slugs):
                if slug not in owner:
                    hint = did_you_mean(slug, owner)
                    problems.append(Problem(
                        f"{shown_docs}/{post.source}", post.line_of.get(f"related.{key}.{index}", 1), f"related.{key}",
                        f"no post has the slug '{slug}'{hint}",
                    ))
    return problems
