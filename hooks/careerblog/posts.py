"""Post front matter (contract section 3): read, check, and turn into a ``Post``."""

from __future__ import annotations

import os
import posixpath
from datetime import datetime, timezone, tzinfo

from .data import check_file_under
from .fields import Fields
from .models import Author, Image, Post, Tag
from .outline import OUTLINE_LINES, is_made_up_description
from .problems import Problem, did_you_mean
from .pages import post_slug_problem
from .redirects import read_alias
from .slugs import is_slug, slug_from_filename
from .text import count_words, reading_minutes
from .urls import is_web_address
from .yamlfile import YamlDoc, parse_yaml, split_front_matter

POST_FIELDS = (
    "title", "date", "updated", "authors", "tags", "description", "image", "draft",
    "expires", "slug", "pin", "related", "jobs", "review_by",
    "aliases",
    "social_image",
)
IMAGE_FIELDS = ("src", "alt", "caption")
RELATED_FIELDS = ("pin", "exclude")
JOBS_FIELDS = ("tags",)
# Lengths in characters, (shortest, longest): search results cut descriptions beyond 160.
TITLE_LENGTH = (1, 90)
DESCRIPTION_LENGTH = (50, 160)
CAPTION_LENGTH = (0, 200)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)  # stands in for a missing date; such a post has a problem
# Alt texts that say nothing about the picture; the original seed page shipped the first.
PLACEHOLDER_ALTS = frozenset({
    "alternate text", "alt text", "alt", "image", "photo", "picture", "img", "placeholder",
    "hero", "hero image", "thumbnail", "untitled", "graphic", "banner", "featured image",
})


class TagIndex:
    """Looks up a tag by the name an editor wrote: '#' and aliases allowed."""

    def __init__(self, tags: dict[str, Tag]):
        self.tags = tags
        self.by_spelling = {name: name for name in tags}
        for tag in tags.values():
            for alias in tag.aliases:
                self.by_spelling.setdefault(alias, tag.name)

    def resolve(self, written: str) -> str | None:
        return self.by_spelling.get(written.lstrip("#").strip())


def read_post(
    source: str, text: str, shown_path: str, tags: TagIndex | None, authors: dict[str, Author] | None,
    docs_dir: str, zone: tzinfo = timezone.utc,
) -> tuple[Post | None, list[Problem]]:
    """Read one post. ``source`` is its path under docs/, ``shown_path`` the path errors name.

    ``tags`` or ``authors`` is None when its data file could not be read: that file's problem
    is reported once, and the post's ids are not checked against it.
    """
    split = split_front_matter(text)
    if split is None:
        return None, [Problem(shown_path, 1, "front matter", "missing; a post starts with a line '---', its fields (title, date, authors, description), and another '---'")]
    front, body, _ = split
    doc, problems = parse_yaml(front, shown_path, line_offset=1)
    if doc is None:
        return None, problems
    if doc.data is None:
        doc.data = {}
    fields = Fields(doc, zone)
    fields.problems.extend(problems)
    meta = fields.mapping(doc.data, (), "fields such as 'title: ...'")
    if meta is None:
        return None, fields.problems
    post = _build_post(source, doc, meta, fields, tags, authors, docs_dir, body)
    if not post.draft:
        fields.problems += find_outline(body, split[2], shown_path, post.description, post.title, doc)
    # A field YAML cut or emptied at a '#' is explained once, not also as missing or too short.
    trapped = {p.field for p in problems if p.message.startswith("YAML reads")}
    fields.problems = [p for p in fields.problems if p.field not in trapped or p.message.startswith("YAML reads")]
    return (post if not fields.problems else None), fields.problems


def find_outline(body: str, first_line: int, shown_path: str, description: str, title: str, doc: YamlDoc) -> list[Problem]:
    """The outline and made-up description of ``blog new``, left in a post that is no draft."""
    problems = []
    if is_made_up_description(description):
        problems.append(doc.problem(("description",), "is still the one 'blog new' made up; write your own, "
                                    "one or two sentences (50-160 characters) that make a reader want to click"))
    for offset, line in enumerate(body.splitlines()):
        if line.strip() in OUTLINE_LINES:
            problems.append(Problem(shown_path, first_line + offset, "text",
                                    f"'{line.strip()}' is still the outline of 'blog new'; replace it with your own "
                                    "text, or keep 'draft: true' until the post is written"))
    return problems


def _build_post(
    source: str, doc: YamlDoc, meta: dict, fields: Fields, tags: TagIndex | None,
    authors: dict[str, Author] | None, docs_dir: str, body: str,
) -> Post:
    fields.unknown_keys(meta, (), POST_FIELDS)
    title = fields.text(meta, (), "title", required=True, min_len=TITLE_LENGTH[0], max_len=TITLE_LENGTH[1])
    description = fields.text(
        meta, (), "description", required=True, min_len=DESCRIPTION_LENGTH[0], max_len=DESCRIPTION_LENGTH[1]
    )
    date = fields.when(meta, (), "date", required=True)
    updated = fields.when(meta, (), "updated")
    if date and updated and updated[0] < date[0]:
        fields.report(("updated",), "is before 'date'; the update cannot come before the post")
    expires = fields.when(meta, (), "expires")
    if date and expires and expires[0] <= date[0]:
        fields.report(("expires",), "is not after 'date'; the post would never be published")
    review_by = fields.when(meta, (), "review_by")
    if date and review_by and review_by[0] < date[0]:
        fields.report(("review_by",), "is before 'date'; the advice cannot need checking before it is published")
    slug = _read_slug(meta, fields, source)
    words = count_words(body)
    related = _read_related(meta, fields)
    jobs, job_tags = _read_jobs(meta, fields, tags)
    line_of = {key: doc.line(key) for key in meta}
    aliases = _read_aliases(meta, fields, line_of, doc)
    if isinstance(meta.get("image"), dict) and "src" in meta["image"]:
        line_of["image.src"] = doc.line("image", "src")  # picture errors name the line of src:
    for key, slugs in zip(RELATED_FIELDS, related):  # checked against every post later
        for index in range(len(slugs)):
            line_of[f"related.{key}.{index}"] = doc.line("related", key, index)
    return Post(
        source=source,
        line_of=line_of,
        slug=slug,
        title=title or "",
        date=date[0] if date else _EPOCH,
        has_time=date[1] if date else False,
        updated=updated[0] if updated else None,
        authors=tuple(_read_authors(meta, fields, authors)),
        tags=tuple(_read_tag_list(meta, fields, tags, "tags", ())),
        description=description or "",
        image=_read_image(meta, fields, source, docs_dir),
        draft=fields.boolean(meta, (), "draft"),
        expires=expires[0] if expires else None,
        pin=fields.boolean(meta, (), "pin"),
        related_pin=related[0],
        related_exclude=related[1],
        jobs=jobs,
        job_tags=job_tags,
        review_by=review_by[0].date() if review_by else None,
        social_image=_read_social_image(meta, fields, source, docs_dir),
        words=words,
        reading_minutes=reading_minutes(words),
        aliases=aliases,
    )


def _read_aliases(meta: dict, fields: Fields, line_of: dict[str, int], doc: YamlDoc) -> tuple[str, ...]:
    """Earlier URL paths; their form is checked here, collisions once every page is known."""
    found = []
    for index, (written, at) in enumerate(fields.string_list(meta, (), "aliases")):
        _, wrong = read_alias(written)
        if wrong:
            fields.report(at, wrong)
        line_of[f"aliases.{index}"] = doc.line(*at)
        found.append(written)
    return tuple(found)


def _read_slug(meta: dict, fields: Fields, source: str) -> str:
    slug = fields.text(meta, (), "slug")
    if slug is None:
        slug = slug_from_filename(source)
        if not slug:
            fields.report((), "the file name gives no slug; rename the file or add 'slug:'")
        elif post_slug_problem(slug):
            # The page plan's rule for every slug, whether written or taken from the file name.
            fields.problems.append(Problem(
                fields.doc.path, 1, "slug", f"the file name gives the slug '{slug}', which is reserved for the "
                f"blog's own pages (/blog/{slug}/); rename the file, or add 'slug:' with another slug",
            ))
        return slug
    if problem := post_slug_problem(slug):
        fields.report(("slug",), problem)
    return slug


def _read_authors(meta: dict, fields: Fields, authors: dict[str, Author] | None) -> list[str]:
    if meta.get("authors") is None:
        fields.missing((), "authors")
        return []
    if meta["authors"] == []:
        fields.report(("authors",), "needs at least one author id from data/authors.yml")
    found = []
    for author_id, at in fields.string_list(meta, (), "authors"):
        if authors is None or author_id in authors:
            found.append(author_id)
        else:
            hint = did_you_mean(author_id, authors)
            fields.report(at, f"unknown author '{author_id}'{hint}; authors are listed in data/authors.yml")
    return found


def _read_tag_list(meta: dict, fields: Fields, tags: TagIndex | None, key: str, at: tuple) -> list[str]:
    found: list[str] = []
    for written, path in fields.string_list(meta, at, key):
        if tags is None:
            continue
        name = tags.resolve(written)
        if name is None:
            hint = did_you_mean(written.lstrip("#"), tags.by_spelling)
            fields.report(path, f"unknown tag '{written}'{hint}; tags are listed in data/tags.yml")
        elif name not in found:
            found.append(name)
    return found


def _read_image(meta: dict, fields: Fields, source: str, docs_dir: str) -> Image | None:
    if meta.get("image") is None:
        return None
    image = fields.mapping(meta["image"], ("image",), "a mapping with 'src:' and 'alt:'")
    if image is None:
        return None
    at = ("image",)
    fields.unknown_keys(image, at, IMAGE_FIELDS)
    src = fields.text(image, at, "src", required=True)
    alt = fields.text(image, at, "alt", required=True)
    caption = fields.text(image, at, "caption", max_len=CAPTION_LENGTH[1]) or ""
    if src == "":
        # Otherwise the post would quietly lose its hero image.
        fields.report(("image", "src"), "is empty; name the picture's file, such as ../images/ask-for-a-raise.jpg")
    path = _resolve_image(fields, source, src, docs_dir) if src else None
    if alt is not None:
        _check_alt(fields, alt, src or "")
    if path and alt:
        return Image(src=path, alt=alt, caption=caption)
    return None


def _resolve_image(fields: Fields, source: str, src: str, docs_dir: str, *at: str) -> str | None:
    at = at or ("image", "src")
    if is_web_address(src):
        fields.report(at, "must be a file under docs/, not a web address (images from other sites slow the page and track readers)")
        return None
    if src.startswith("/"):
        relative = posixpath.normpath(src.lstrip("/"))
    else:
        relative = posixpath.normpath(posixpath.join(posixpath.dirname(source), src))
    return check_file_under(fields, at, relative, docs_dir, shown=src)


def _read_social_image(meta: dict, fields: Fields, source: str, docs_dir: str) -> str | None:
    src = fields.text(meta, (), "social_image")
    if not src:
        return None
    if not src.lower().endswith((".jpg", ".jpeg", ".png", ".webp", ".gif")):
        fields.report(("social_image",), "must be a JPEG or PNG picture (link previews cannot show SVG); export one, e.g. ../images/share.jpg")
        return None
    return _resolve_image(fields, source, src, docs_dir, "social_image")


def _check_alt(fields: Fields, alt: str, src: str) -> None:
    normal = alt.strip().lower()
    filename = os.path.basename(src).lower()
    if not normal:
        fields.report(("image", "alt"), "is empty; describe what the picture shows, for readers who cannot see it")
    elif normal in PLACEHOLDER_ALTS or normal in (filename, os.path.splitext(filename)[0]):
        fields.report(("image", "alt"), f"'{alt}' does not describe the picture; say what it shows, e.g. \"A job seeker on the phone with a hiring manager\"")


def _read_related(meta: dict, fields: Fields) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if meta.get("related") is None:
        return (), ()
    related = fields.mapping(meta["related"], ("related",), "a mapping such as {pin: [slug], exclude: [slug]}")
    if related is None:
        return (), ()
    fields.unknown_keys(related, ("related",), RELATED_FIELDS)
    lists = []
    for key in RELATED_FIELDS:
        slugs = []
        for slug, at in fields.string_list(related, ("related",), key):
            if is_slug(slug):
                slugs.append(slug)
            else:
                fields.report(at, f"'{slug}' is not a post slug; use the slug from the post's URL, such as job-scams")
        lists.append(tuple(slugs))
    return lists[0], lists[1]


def check_related_lists(post: Post, shown_path: str) -> list[Problem]:
    """A post is never its own related post; a slug is pinned or excluded, not both.

    Checked with the rules across posts, so that it never hides them (a slug taken twice).
    """
    problems = []
    for key, slugs in zip(RELATED_FIELDS, (post.related_pin, post.related_exclude)):
        for index, other in enumerate(slugs):
            if other == post.slug:
                problems.append(Problem(shown_path, post.line_of.get(f"related.{key}.{index}", 1), f"related.{key}",
                                        f"'{other}' is this post itself; a post is never shown among its own related posts, so remove it"))
    for index, other in enumerate(post.related_exclude):
        if other in post.related_pin and other != post.slug:
            problems.append(Problem(shown_path, post.line_of.get(f"related.exclude.{index}", 1), "related.exclude",
                                    f"'{other}' is also in related.pin; keep it in one of the two lists"))
    return problems


def _read_jobs(meta: dict, fields: Fields, tags: TagIndex | None) -> tuple[bool, tuple[str, ...]]:
    value = meta.get("jobs", True)
    if value is None or value is True:
        return True, ()
    if value is False:
        return False, ()
    jobs = fields.mapping(value, ("jobs",), "false, or a mapping such as {tags: [BostonWarehouseJobs]}")
    if jobs is None:
        return True, ()
    fields.unknown_keys(jobs, ("jobs",), JOBS_FIELDS)
    return True, tuple(_read_tag_list(jobs, fields, tags, "tags", ("jobs",)))
