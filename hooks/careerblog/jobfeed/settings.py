"""``jobs.feed`` in ``data/site.yml``: where the feed is, what it holds, how its words map to facets."""

from __future__ import annotations

from ..fields import Fields, describe
from ..models import JobFeed, Tag
from ..problems import Problem, did_you_mean
from ..yamlfile import YamlDoc

FEED_FIELDS = ("url", "format", "max_age_days", "valid_days", "job_types", "locations", "pages", "max_drop_percent")
FORMATS = ("indeed-xml", "jobposting-json")
FEED_DEFAULTS = JobFeed(url="", format="indeed-xml")


def read_feed_settings(fields: Fields, jobs: dict) -> JobFeed | None:
    """The ``feed:`` mapping under ``jobs:``, or None when the site has no feed."""
    at = ("jobs", "feed")
    if jobs.get("feed") is None:
        return None
    feed = fields.mapping(jobs.get("feed"), at, "a mapping with 'url:' and 'format:'")
    if feed is None:
        return None
    fields.unknown_keys(feed, at, FEED_FIELDS)
    url = fields.text(feed, at, "url", required=True, min_len=1)
    if url and not is_url(url) and (url.startswith(("/", "~")) or ".." in url.split("/") or "://" in url):
        fields.report(at + ("url",), f"'{url}' is neither an http(s):// address nor a path inside the project folder, such as feeds/jobs.xml")
    form = fields.text(feed, at, "format", required=True)
    if form and form not in FORMATS:
        fields.report(at + ("format",), f"'{form}' is not a feed format{did_you_mean(form, FORMATS)}; use indeed-xml or jobposting-json")
    return JobFeed(
        url=url or "",
        format=form or "indeed-xml",
        max_age_days=fields.integer(feed, at, "max_age_days", FEED_DEFAULTS.max_age_days, 1, 60),
        valid_days=fields.integer(feed, at, "valid_days", FEED_DEFAULTS.valid_days, 1, 365),
        job_types=_text_mapping(fields, feed, at, "job_types", "Warehouse: warehouse"),
        locations=_text_mapping(fields, feed, at, "locations", "\"Dorchester, MA\": \"Boston, MA\""),
        pages=fields.boolean(feed, at, "pages", FEED_DEFAULTS.pages),
        max_drop_percent=fields.integer(feed, at, "max_drop_percent", FEED_DEFAULTS.max_drop_percent, 1, 100),
    )


def is_url(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def _text_mapping(fields: Fields, feed: dict, at: tuple, key: str, example: str) -> tuple[tuple[str, str], ...]:
    value = feed.get(key)
    if value is None:
        return ()
    if not isinstance(value, dict):
        fields.report(at + (key,), f"must be a mapping such as {example}, not {describe(value)}")
        return ()
    pairs = []
    for name, target in value.items():
        if not isinstance(target, str) or not target.strip():
            fields.report(at + (key, name), f"must map to a name such as {example}, not {describe(target)}")
            continue
        pairs.append((str(name).strip(), target.strip()))
    return tuple(pairs)


def check_feed_facets(doc: YamlDoc, feed: JobFeed, tags: dict[str, Tag]) -> list[Problem]:
    """Every ``job_types`` value must be a job_type of some tag, or no post would ever match it."""
    known = sorted({tag.job_type for tag in tags.values() if tag.job_type})
    problems = []
    for name, job_type in feed.job_types:
        if job_type not in known:
            problems.append(doc.problem(
                ("jobs", "feed", "job_types", name),
                f"'{job_type}' is no tag's job_type in data/tags.yml{did_you_mean(job_type, known)}; "
                f"known job types: {', '.join(known) or 'none yet'}",
            ))
    return problems
