"""JSON Schemas of post front matter and the data files, for editors' YAML language servers.

``generate_schemas()`` builds them from the core's own field lists (POST_FIELDS,
AUTHOR_FIELDS, TAG_FIELDS, JOB_FIELDS, SETTINGS_FIELDS and each settings
section's list) and limits. A field the core learns stops the generator until it
is described here, and ``blog schemas --write`` keeps ``schemas/`` in step; a
test compares the committed files with the generator's output. The dialect is
draft-07, the one YAML language servers know best.

A schema sees one file, so the build still checks what needs the others: that a
tag, author, related post or image exists, dates in order, unique ids and slugs.
A schema is also a little stricter than the build where a language server's
YAML 1.2 reads differently: text must be text (``title: "2024"``, quoted) and
only true/false are booleans (not yes/no).
"""

from __future__ import annotations

import json
import os
from typing import Any

from . import data
from .jobfeed.settings import FEED_FIELDS, FORMATS
from .jobs import EMPLOYMENT_TYPES, JOB_FIELDS, JOB_TEXT_LIMITS, PAY_MAX
from .posts import (
    CAPTION_LENGTH, DESCRIPTION_LENGTH, IMAGE_FIELDS, JOBS_FIELDS, PLACEHOLDER_ALTS, POST_FIELDS,
    RELATED_FIELDS, TITLE_LENGTH,
)
from .slugs import SLUG_PATTERN
from .urls import RESERVED_POST_SLUGS

Schema = dict[str, Any]
DIALECT = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = "schemas"
# What the build accepts as a date: a YAML date, or a date with a time and an offset.
DATE_PATTERN = (
    r"^\d{4}-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])"
    r"([Tt ]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?([ ]*([Zz]|[+-]\d{1,2}(:?\d{2})?))?)?$"
)
TAG_NAME = r"^[A-Za-z0-9]+$"  # as data.py reads tag names
HEX_COLOR = r"^#[0-9a-fA-F]{6}$"


class SchemaDrift(Exception):
    """The core has a field this module does not describe yet."""


# --- building blocks -------------------------------------------------------------------------


def text(description: str, *, length: tuple[int, int] = (0, 0), pattern: str | None = None, hint: str = "") -> Schema:
    """A text field; ``length`` is (shortest, longest), 0 for no limit, counted as the build counts."""
    schema: Schema = {"type": "string", "description": description}
    low, high = length
    if low:
        schema["minLength"] = low
    if high:
        schema["maxLength"] = high
    if pattern is None and low:
        pattern = r"\S"  # the build trims spaces before counting
    if pattern:
        schema["pattern"] = pattern
    if hint:
        # Shown by VS Code's language servers instead of the bare pattern.
        schema["patternErrorMessage"] = hint
    return schema


def when(description: str) -> Schema:
    return text(description, pattern=DATE_PATTERN, hint="a date such as 2024-08-10 (a time may follow: 2024-08-10 09:30:00+00:00)")


def flag(description: str) -> Schema:
    return {"type": "boolean", "description": description}


def whole(description: str, low: int, high: int, default: int) -> Schema:
    return {"type": "integer", "description": description, "minimum": low, "maximum": high, "default": default}


def https(description: str) -> Schema:
    return text(description, pattern=r"^https://", hint="must start with https://")


def slug(description: str, example: str) -> Schema:
    return text(description, pattern=SLUG_PATTERN.pattern, hint=f"lower-case letters, digits and hyphens, such as {example}")


def one_or_list(item: Schema, description: str, *, at_least: int = 0) -> Schema:
    """The build takes one name or a list of names."""
    listed: Schema = {"type": "array", "items": item}
    if at_least:
        listed["minItems"] = at_least
    return {"description": description, "anyOf": [item, listed]}


def mapping(
    described: dict[str, Schema], names: tuple[str, ...], where: str, *,
    description: str = "", required: tuple[str, ...] = (), nullable: bool = False,
) -> Schema:
    """An object with exactly the core's fields ``names``, in the core's order."""
    missing = [name for name in names if name not in described]
    if missing:
        raise SchemaDrift(
            f"{where} has the field(s) {', '.join(missing)} that hooks/careerblog/schemas.py does not describe; "
            "describe them there, then run 'blog schemas --write'"
        )
    schema: Schema = {"type": ["object", "null"] if nullable else "object"}
    if description:
        schema["description"] = description
    schema["properties"] = {name: described[name] for name in names}
    if required:
        schema["required"] = list(required)
    schema["additionalProperties"] = False
    return schema


def document(title: str, description: str, body: Schema) -> Schema:
    return {"$schema": DIALECT, "title": title, "description": description, **body}


def not_placeholder(words: frozenset[str]) -> Schema:
    """Refuses the placeholder alt texts, in any case: JSON Schema patterns have no ignore-case flag."""
    def any_case(word: str) -> str:
        # Editors' tools compile patterns as JavaScript unicode regexps, where "\ " is an error.
        return "".join(
            f"[{c.lower()}{c.upper()}]" if c.isalpha() else f"\\{c}" if c in r"\^$.|?*+()[]{}/" else c for c in word
        )

    return {"not": {"pattern": r"^\s*(" + "|".join(any_case(w) for w in sorted(words)) + r")\s*$"}}


# --- the schemas -----------------------------------------------------------------------------


def front_matter_schema() -> Schema:
    tag = text("A hashtag from data/tags.yml, or one of its aliases; '#' allowed.", pattern=r"^#?[A-Za-z0-9]+$",
               hint="a hashtag: one word of letters and digits, such as InterviewTips")
    post_slug = slug("A post's slug: the last part of its URL /blog/<slug>/.", "job-scams")
    image = mapping({
        "src": text("The picture's file: relative to this post (../images/x.jpg) or under docs/ (/blog/images/x.jpg); never a web address.", length=(1, 0)),
        "alt": {
            **text("What the picture shows, for readers who cannot see it; not 'image', 'photo' or the file name.", length=(1, 0)),
            **not_placeholder(PLACEHOLDER_ALTS),
        },
        "caption": text("An optional line under the picture.", length=CAPTION_LENGTH),
    }, IMAGE_FIELDS, "posts.py IMAGE_FIELDS", description="The hero image, above the post and on its cards.", required=("src", "alt"))
    related = mapping({
        "pin": one_or_list(post_slug, "Posts shown first, in this order (slugs)."),
        "exclude": one_or_list(post_slug, "Posts never shown here (slugs)."),
    }, RELATED_FIELDS, "posts.py RELATED_FIELDS", description="Steers the \"What's Happening\" cards: {pin: [slug], exclude: [slug]}.")
    jobs_tags = mapping({
        "tags": one_or_list(tag, "Hashtags whose location and job type choose the jobs."),
    }, JOBS_FIELDS, "posts.py JOBS_FIELDS")
    fields = {
        "title": text("The post's title. Quote it when it holds a colon.", length=TITLE_LENGTH),
        "date": when("Publish date, such as 2024-08-10; a time and offset may follow. Published from then on."),
        "updated": when("Date of the last real change; not before 'date'."),
        "authors": one_or_list(slug("An author id from data/authors.yml.", "erin-helms"),
                               "Author ids from data/authors.yml, at least one: [erin-helms].", at_least=1),
        "tags": one_or_list(tag, "Hashtags from data/tags.yml: [InterviewTips, BostonWarehouseJobs]."),
        "description": text("One or two sentences for search results and link previews.", length=DESCRIPTION_LENGTH),
        "image": image,
        "draft": flag("true keeps the post unpublished; `make serve` still shows it, marked Draft."),
        "expires": when("Not published from this date on; after 'date'."),
        "slug": {
            **slug("The post's URL is /blog/<slug>/; by default the file name without its leading date.", "missed-interview"),
            "not": {"enum": sorted(RESERVED_POST_SLUGS)},
        },
        "pin": flag("true shows the post first on the blog index."),
        "related": related,
        "jobs": {
            "description": "false removes the \"Browse Available Jobs\" callout; {tags: [...]} matches jobs by other hashtags.",
            "anyOf": [{"type": "boolean"}, jobs_tags],
        },
        "review_by": when("When to check the advice again; `blog report` lists posts past it."),
        "aliases": one_or_list(text("An earlier URL path of this post, such as /blog/old-slug/.", pattern=ALIAS_PATTERN),
                               "Earlier URL paths of this post, which redirect here: [/blog/old-slug/]."),
        "social_image": {
            "type": "string",
            "description": "A JPEG or PNG (relative to the post) shown when the post is shared, instead of the drawn card.",
            "pattern": "\\.([jJ][pP][eE]?[gG]|[pP][nN][gG]|[wW][eE][bB][pP]|[gG][iI][fF])$",
        },
    }
    return document(
        "Post front matter",
        "The fields between the --- lines at the top of docs/blog/posts/*.md (EDITING.md, 'Add a post').",
        mapping(fields, POST_FIELDS, "posts.py POST_FIELDS", required=("title", "date", "authors", "description")),
    )


# What careerblog.redirects.read_alias accepts, as far as a pattern can say it.
ALIAS_PATTERN = r"^/[A-Za-z0-9._~/-]*$"


def authors_schema() -> Schema:
    author = mapping({
        "name": text("The author's name as readers see it.", length=(1, 80)),
        "role": text("Job title, shown beside the name.", length=(0, 80)),
        "bio": text("A few sentences about the author, on their page.", length=(0, 600)),
        "avatar": text("A picture of the author: a path under docs/, such as blog/images/authors/erin-helms.svg."),
    }, data.AUTHOR_FIELDS, "data.py AUTHOR_FIELDS", required=("name",))
    return document("data/authors.yml", "Authors by id; posts name them in 'authors: [id]'.", {
        "type": "object",
        "propertyNames": {"pattern": SLUG_PATTERN.pattern, "patternErrorMessage": "author ids use lower-case letters, digits and hyphens, such as erin-helms"},
        "additionalProperties": author,
    })


def tags_schema() -> Schema:
    tag = mapping({
        "slug": slug("The tag page's URL is /tags/<slug>/; by default the name split at case changes.", "boston-warehouse-jobs"),
        "description": text("What the tag is about, on its page.", length=(0, 300)),
        "location": text("Matches jobs whose location is exactly this, such as 'Boston, MA'."),
        "job_type": text("Matches jobs whose job_type is exactly this, such as 'warehouse'."),
        "aliases": one_or_list(text("Another spelling accepted in posts.", pattern=r"^#?[A-Za-z0-9]+$"), "Other spellings accepted in posts."),
        "url_aliases": one_or_list(text("An earlier URL path of the tag's page, such as /tags/old-slug/.", pattern=ALIAS_PATTERN),
                                   "Earlier URL paths of the tag's page, which redirect to it: [/tags/old-slug/]."),
    }, data.TAG_FIELDS, "data.py TAG_FIELDS", nullable=True)
    return document("data/tags.yml", "Hashtags by name (as written in posts, without '#'); every field is optional.", {
        "type": "object",
        "propertyNames": {"pattern": TAG_NAME, "patternErrorMessage": "a tag name is one word of letters and digits, such as InterviewTips"},
        "additionalProperties": tag,
    })


def jobs_schema() -> Schema:
    limits = {key: (1, high) for key, high in JOB_TEXT_LIMITS.items()}
    job = mapping({
        "id": slug("A unique id; the job's page is /jobs/<id>/.", "bos-wh-0142"),
        "title": text("The position.", length=limits["title"]),
        "location": text("Where the job is; matches tags with the same location.", length=limits["location"]),
        "job_type": text("The kind of work; matches tags with the same job_type.", length=limits["job_type"]),
        "employment_type": {"type": "string", "description": "schema.org's employment type.", "enum": list(EMPLOYMENT_TYPES)},
        "pay": text("Pay as readers see it, such as \"$18-20/hr\" (quote it).", length=(0, PAY_MAX)),
        "posted": when("Shown from this date."),
        "valid_through": when("Shown through this date (the whole day); not before 'posted'."),
        "apply_url": https("Where to apply."),
        "description": text("What the work is, on the job's page.", length=limits["description"]),
    }, JOB_FIELDS, "jobs.py JOB_FIELDS", required=tuple(f for f in JOB_FIELDS if f != "pay"))
    return document("data/jobs.yml", "Open positions, each starting with '- id: ...'.", {"type": ["array", "null"], "items": job})


def job_feed_schema() -> Schema:
    """``jobs.feed``: the agency's job feed, fetched by `blog jobs fetch`."""
    names = {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}}
    return mapping({
        "url": text("The feed: an http(s):// address, or a path inside the project folder such as feeds/jobs.xml.",
                    length=(1, 0), pattern=r"^(https?://|(?!/|~)(?!.*(^|/)\.\.(/|$)).+$)",
                    hint="an http(s):// address or a path inside the project folder"),
        "format": {"type": "string", "enum": list(FORMATS), "description": "indeed-xml (Indeed's XML job feed) or jobposting-json (a JSON list of schema.org JobPosting objects)."},
        "max_age_days": whole("An older snapshot shows no feed job (the build still goes out).", 1, 60, 3),
        "valid_days": whole("Days a job without an expiry date stays open after the last fetch.", 1, 365, 30),
        "job_types": {**names, "description": "The feed's category or jobtype text -> a job_type of data/tags.yml."},
        "locations": {**names, "description": "The feed's \"City, ST\" -> the location used by tags and the board."},
        "pages": flag("Feed jobs get their own /jobs/<id>/ page with JobPosting data (default false: they open the ATS's page)."),
        "max_drop_percent": whole("A fetch keeping fewer jobs than this share of the last snapshot fails (--accept-drop overrides).", 1, 100, 50),
    }, FEED_FIELDS, "jobfeed/settings.py FEED_FIELDS", required=("url", "format"), nullable=True,
       description="The agency's job feed; `blog jobs fetch` downloads it into .cache/jobs/.")


def site_schema() -> Schema:
    heading = text("A heading.", length=(1, 60))
    sections = {
        "organization": {
            "name": text("The organization's name, used across the site.", length=(1, 80)),
            "url": https("Its web site."),
            "email": text("Contact email address."),
            "phone": text("Contact phone number."),
            "logo": text("The logo: a path under docs/."),
        },
        "blog": {
            "posts_per_page": whole("Cards per page on /blog/.", 1, 100, 10),
            "home_posts": whole("Newest posts on the home page.", 0, 30, 6),
        },
        "related": {
            "count": whole("Related-post cards at the end of every post.", 0, 12, 3),
            "heading": {**heading, "default": "What's Happening"},
        },
        "jobs": {
            "count": whole("Open jobs in the callout on every post.", 0, 12, 3),
            "heading": {**heading, "default": "Browse Available Jobs"},
            "board_url": https("The job board the callout's button opens."),
            "location_param": text("The board's query parameter for a location.", length=(1, 0)),
            "job_type_param": text("The board's query parameter for a job type.", length=(1, 0)),
            "feed": job_feed_schema(),
        },
        "contact": {
            "endpoint": text("Where the \"Get in touch\" form posts (a form service's https:// address); without it, email and phone links.",
                             pattern=r"^(https://|http://127\.0\.0\.1|http://localhost)", hint="must start with https://"),
            "heading": heading,
            "intro": text("A line under the heading.", length=(0, 200)),
            "consent": text("What readers agree to by sending the form.", length=(1, 400)),
        },
        "brand": {
            "color": text("Header, links and buttons: a colour such as \"#1f3a68\" (quoted).", pattern=HEX_COLOR, hint="a colour such as \"#1f3a68\", quoted"),
            "accent": text("Highlights: a colour such as \"#b8520a\" (quoted).", pattern=HEX_COLOR, hint="a colour such as \"#b8520a\", quoted"),
        },
    }
    # Settings that are one value, not a section.
    described = {
        "timezone": text("The site's time zone, an IANA name such as America/New_York: a date without a time is midnight there (default UTC)."),
        "country": text("Where the jobs are: a two-letter country code such as US (ISO 3166-1).", pattern=r"^[A-Z]{2}$", hint="a two-letter country code such as US"),
        "currency": text("What pay is paid in: a three-letter currency code such as USD (ISO 4217).", pattern=r"^[A-Z]{3}$", hint="a three-letter currency code such as USD"),
    }
    for section in data.SETTINGS_FIELDS:
        if section in described:
            continue
        names = getattr(data, f"{section.upper()}_FIELDS", None)
        if names is None or section not in sections:
            raise SchemaDrift(f"data.py has the settings section '{section}' that hooks/careerblog/schemas.py does not describe")
        organization = section == "organization"
        described[section] = mapping(
            sections[section], names, f"data.py {section.upper()}_FIELDS",
            required=("name",) if organization else (), nullable=not organization,
        )
    return document(
        "data/site.yml", "Site-wide settings.",
        mapping(described, data.SETTINGS_FIELDS, "data.py SETTINGS_FIELDS", required=("organization",)),
    )


# --- files -------------------------------------------------------------------------------------


def generate_schemas() -> dict[str, Schema]:
    """File name under schemas/ -> schema."""
    return {
        "front-matter.schema.json": front_matter_schema(),
        "authors.schema.json": authors_schema(),
        "tags.schema.json": tags_schema(),
        "jobs.schema.json": jobs_schema(),
        "site.schema.json": site_schema(),
    }


def render(schema: Schema) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def outdated_schemas(root: str) -> list[str]:
    """Files under ``root/schemas/`` that differ from what the core generates (or are missing)."""
    stale = []
    for name, schema in generate_schemas().items():
        path = os.path.join(root, SCHEMA_DIR, name)
        try:
            with open(path, encoding="utf-8") as handle:
                current = handle.read()
        except FileNotFoundError:
            current = None
        if current != render(schema):
            stale.append(f"{SCHEMA_DIR}/{name}")
    return stale


def write_schemas(root: str) -> list[str]:
    """Write every schema under ``root/schemas/``; return the paths written."""
    os.makedirs(os.path.join(root, SCHEMA_DIR), exist_ok=True)
    written = []
    for name, schema in generate_schemas().items():
        with open(os.path.join(root, SCHEMA_DIR, name), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(render(schema))
        written.append(f"{SCHEMA_DIR}/{name}")
    return written
