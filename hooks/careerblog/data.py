"""The data files under ``data/``: authors, tags and site settings (contract section 4)."""

from __future__ import annotations

import os
import re
from datetime import timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .fields import Fields
from .jobfeed.settings import read_feed_settings
from .models import Author, Brand, Contact, JobBoard, Organization, Settings, Tag
from .problems import Problem, did_you_mean
from .redirects import read_alias
from .slugs import is_slug, tag_slug
from .yamlfile import YamlDoc

AUTHOR_FIELDS = ("name", "role", "bio", "avatar")
TAG_FIELDS = ("slug", "description", "location", "job_type", "aliases", "url_aliases")
SETTINGS_FIELDS = ("organization", "blog", "related", "jobs", "contact", "brand", "timezone", "country", "currency")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
CONTACT_FIELDS = ("endpoint", "heading", "intro", "consent")
BRAND_FIELDS = ("color", "accent")
_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
ORGANIZATION_FIELDS = ("name", "url", "email", "phone", "logo")
BLOG_FIELDS = ("posts_per_page", "home_posts")
RELATED_FIELDS = ("count", "heading")
JOBS_FIELDS = ("count", "heading", "board_url", "location_param", "job_type_param", "feed")
_TAG_NAME = re.compile(r"^[A-Za-z0-9]+$")


def read_authors(doc: YamlDoc, docs_dir: str) -> tuple[dict[str, Author], list[Problem]]:
    """Authors by id; an avatar must be an existing file under docs/."""
    fields = Fields(doc)
    authors: dict[str, Author] = {}
    top = fields.mapping(doc.data, (), "a mapping of author ids to their details") or {}
    for author_id, value in top.items():
        at = (author_id,)
        if not isinstance(author_id, str) or not is_slug(author_id):
            fields.report(at, "author ids use lower-case letters, digits and hyphens, such as erin-helms")
            continue
        entry = fields.mapping(value if value is not None else {}, at, "a mapping with at least 'name:'")
        if entry is None:
            continue
        fields.unknown_keys(entry, at, AUTHOR_FIELDS)
        name = fields.text(entry, at, "name", required=True, min_len=1, max_len=80)
        avatar = fields.text(entry, at, "avatar")
        if avatar:
            avatar = check_docs_file(fields, at + ("avatar",), avatar, docs_dir)
        authors[author_id] = Author(
            id=author_id,
            name=name or author_id,
            role=fields.text(entry, at, "role", max_len=80) or "",
            bio=fields.text(entry, at, "bio", max_len=600) or "",
            avatar=avatar,
        )
    return authors, fields.problems


def read_tags(doc: YamlDoc) -> tuple[dict[str, Tag], list[Problem]]:
    """Tags by name; slugs and aliases must not collide."""
    fields = Fields(doc)
    tags: dict[str, Tag] = {}
    top = fields.mapping(doc.data, (), "a mapping of hashtag names to their details") or {}
    for name, value in top.items():
        at = (name,)
        if not isinstance(name, str) or not _TAG_NAME.match(name):
            fields.report(at, "a tag name is one word of letters and digits, such as InterviewTips")
            continue
        entry = fields.mapping(value if value is not None else {}, at, "a mapping of details, or {}")
        if entry is None:
            continue
        fields.unknown_keys(entry, at, TAG_FIELDS)
        slug = fields.text(entry, at, "slug") or tag_slug(name)
        if not is_slug(slug):
            fields.report(at + ("slug",), f"'{slug}' is not a slug; use lower-case letters, digits and hyphens")
        aliases = [alias.lstrip("#") for alias, _ in fields.string_list(entry, at, "aliases")]
        url_aliases, line_of = _read_url_aliases(fields, entry, at)
        tags[name] = Tag(
            name=name,
            slug=slug,
            description=fields.text(entry, at, "description", max_len=300) or "",
            location=fields.text(entry, at, "location") or None,
            job_type=fields.text(entry, at, "job_type") or None,
            aliases=tuple(aliases),
            url_aliases=url_aliases,
            line_of=line_of,
        )
    _check_tag_collisions(fields, tags)
    return tags, fields.problems


def _read_url_aliases(fields: Fields, entry: dict, at: tuple) -> tuple[tuple[str, ...], dict[str, int]]:
    """Earlier URL paths of a renamed tag's page (``aliases`` are other spellings of its name)."""
    found, line_of = [], {}
    for index, (written, path) in enumerate(fields.string_list(entry, at, "url_aliases")):
        _, wrong = read_alias(written)
        if wrong:
            fields.report(path, wrong)
        line_of[f"url_aliases.{index}"] = fields.doc.line(*path)
        found.append(written)
    return tuple(found), line_of


def _check_tag_collisions(fields: Fields, tags: dict[str, Tag]) -> None:
    slug_owner: dict[str, str] = {}
    spelling_owner: dict[str, str] = {name: name for name in tags}
    for tag in tags.values():
        if tag.slug in slug_owner:
            fields.report((tag.name, "slug"), f"'{tag.slug}' is already the slug of {slug_owner[tag.slug]}; give one of them another slug")
        slug_owner.setdefault(tag.slug, tag.name)
        for index, alias in enumerate(tag.aliases):
            owner = spelling_owner.setdefault(alias, tag.name)
            if owner != tag.name:
                fields.report((tag.name, "aliases", index), f"'{alias}' already means {owner}; remove it here or there")


def read_settings(doc: YamlDoc, docs_dir: str) -> tuple[Settings | None, list[Problem]]:
    fields = Fields(doc)
    top = fields.mapping(doc.data, (), "a mapping with 'organization:'")
    if top is None:
        return None, fields.problems
    fields.unknown_keys(top, (), SETTINGS_FIELDS)
    org = fields.mapping(top.get("organization"), ("organization",), "a mapping with at least 'name:'") or {}
    at = ("organization",)
    fields.unknown_keys(org, at, ORGANIZATION_FIELDS)
    url = fields.text(org, at, "url")
    if url and not url.startswith("https://"):
        fields.report(at + ("url",), "must start with https://")
    logo = fields.text(org, at, "logo")
    if logo:
        logo = check_docs_file(fields, at + ("logo",), logo, docs_dir)
    organization = Organization(
        name=fields.text(org, at, "name", required=True, min_len=1, max_len=80) or "",
        url=url,
        email=fields.text(org, at, "email"),
        phone=fields.text(org, at, "phone"),
        logo=logo,
    )
    blog = _section(fields, top, "blog", BLOG_FIELDS)
    related = _section(fields, top, "related", RELATED_FIELDS)
    jobs = _section(fields, top, "jobs", JOBS_FIELDS)
    settings = Settings(
        organization=organization,
        posts_per_page=fields.integer(blog, ("blog",), "posts_per_page", 10, 1, 100),
        home_posts=fields.integer(blog, ("blog",), "home_posts", 6, 0, 30),
        related_count=fields.integer(related, ("related",), "count", 3, 0, 12),
        related_heading=fields.text(related, ("related",), "heading", min_len=1, max_len=60) or "What's Happening",
        jobs_count=fields.integer(jobs, ("jobs",), "count", 3, 0, 12),
        jobs_heading=fields.text(jobs, ("jobs",), "heading", min_len=1, max_len=60) or "Browse Available Jobs",
        job_board=_read_job_board(fields, jobs),
        contact=_read_contact(fields, _section(fields, top, "contact", CONTACT_FIELDS)),
        brand=_read_brand(fields, _section(fields, top, "brand", BRAND_FIELDS)),
        timezone=read_time_zone(fields, top),
        country=_read_code(fields, top, "country", _COUNTRY, "a two-letter country code such as US (ISO 3166-1)"),
        currency=_read_code(fields, top, "currency", _CURRENCY, "a three-letter currency code such as USD (ISO 4217)"),
        job_feed=read_feed_settings(fields, jobs),
    )
    return settings, fields.problems


def read_time_zone(fields: Fields, top: dict) -> tzinfo:
    """``timezone: America/New_York`` (an IANA name); UTC when left out."""
    name = fields.text(top, (), "timezone")
    if name is None:
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # ValueError: "../etc"; OSError: a folder such as "America"
        hint = did_you_mean(name, available_timezones())
        fields.report(("timezone",), f"unknown time zone '{name}'{hint}; use an IANA name such as America/New_York")
        return timezone.utc


def _read_code(fields: Fields, top: dict, key: str, pattern: re.Pattern, what: str) -> str | None:
    code = fields.text(top, (), key)
    if code is not None and not pattern.match(code):
        fields.report((key,), f"'{code}' is not {what}")
        return None
    return code


def _read_contact(fields: Fields, contact: dict) -> Contact:
    at = ("contact",)
    endpoint = fields.text(contact, at, "endpoint")
    # http only on this machine, for trying a form service out locally.
    if endpoint and not endpoint.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        fields.report(at + ("endpoint",), "must start with https:// (the form would send readers' details unencrypted)")
        endpoint = None
    defaults = Contact()
    return Contact(
        endpoint=endpoint or None,
        heading=fields.text(contact, at, "heading", min_len=1, max_len=60) or defaults.heading,
        intro=fields.text(contact, at, "intro", max_len=200) or defaults.intro,
        consent=fields.text(contact, at, "consent", min_len=1, max_len=400) or defaults.consent,
    )


def _read_brand(fields: Fields, brand: dict) -> Brand:
    at = ("brand",)
    values = {}
    for key in BRAND_FIELDS:
        value = fields.text(brand, at, key)
        if value is not None and not _HEX_COLOR.match(value):
            fields.report(at + (key,), f"'{value}' is not a colour such as \"#1f3a68\" (quote it: YAML reads # as a comment)")
        elif value is not None:
            values[key] = value.lower()
    return Brand(**values)


def _section(fields: Fields, top: dict, key: str, known: tuple[str, ...]) -> dict:
    section = fields.mapping(top.get(key) or {}, (key,)) or {}
    fields.unknown_keys(section, (key,), known)
    return section


def _read_job_board(fields: Fields, jobs: dict) -> JobBoard | None:
    at = ("jobs",)
    url = fields.text(jobs, at, "board_url")
    if url is None:
        return None
    if not url.startswith("https://"):
        fields.report(at + ("board_url",), "must start with https://")
        return None
    return JobBoard(
        url=url,
        location_param=fields.text(jobs, at, "location_param", min_len=1) or "location",
        job_type_param=fields.text(jobs, at, "job_type_param", min_len=1) or "type",
    )


def check_docs_file(fields: Fields, at: tuple, path: str, docs_dir: str) -> str | None:
    """A path under docs/ (leading '/' allowed) that must exist and not be a symbolic link."""
    relative = os.path.normpath(path.lstrip("/")).replace(os.sep, "/")
    return check_file_under(fields, at, relative, docs_dir, shown=path)


def check_file_under(fields: Fields, at: tuple, relative: str, docs_dir: str, shown: str) -> str | None:
    if relative.startswith("../") or relative == "..":
        fields.report(at, f"'{shown}' points outside docs/; put the file under docs/")
        return None
    full = os.path.join(docs_dir, relative)
    if not os.path.isfile(full):
        fields.report(at, f"'{shown}' does not exist (looked for docs/{relative})")
        return None
    if behind_symlink(full, docs_dir):
        fields.report(at, f"'{shown}' is a symbolic link; copy the real file into docs/ instead")
        return None
    return relative


def behind_symlink(path: str, root: str) -> bool:
    """True when ``path`` or any folder between ``root`` and it is a symbolic link."""
    root = os.path.abspath(root)
    current = os.path.abspath(path)
    while current.startswith(root) and current != root:
        if os.path.islink(current):
            return True
        current = os.path.dirname(current)
    return False
