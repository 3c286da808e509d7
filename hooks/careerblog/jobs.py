"""Open jobs (``data/jobs.yml``) and the "Browse Available Jobs" callout (contract section 8)."""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from datetime import datetime, time, timezone, tzinfo
from functools import cached_property
from urllib.parse import urlencode, urlsplit, urlunsplit

from .fields import Fields
from .models import Job, Post, Salary, Settings, Tag
from .problems import Problem
from .slugs import is_slug
from .yamlfile import YamlDoc

JOB_FIELDS = (
    "id", "title", "location", "job_type", "employment_type", "pay",
    "posted", "valid_through", "apply_url", "description",
)
# Longest text, in characters, of each required text field; the schemas use them too.
JOB_TEXT_LIMITS = {"title": 90, "location": 60, "job_type": 40, "description": 2000}
PAY_MAX = 60
# schema.org's JobPosting employmentType values.
EMPLOYMENT_TYPES = {
    "FULL_TIME": "Full-time", "PART_TIME": "Part-time", "CONTRACTOR": "Contract",
    "TEMPORARY": "Temporary", "INTERN": "Internship", "VOLUNTEER": "Volunteer",
    "PER_DIEM": "Per diem", "OTHER": "Other",
}


def read_jobs(
    doc: YamlDoc, zone: tzinfo = timezone.utc, feed_ids: dict[str, str] | None = None,
) -> tuple[list[Job], list[Problem]]:
    """Every job in the file; ids must be unique, also against ``feed_ids`` (id -> the feed job
    that has it). Dates without a time are in ``zone``."""
    feed_ids = feed_ids or {}
    fields = Fields(doc, zone)
    data = doc.data if doc.data != {} else []
    if not isinstance(data, list):
        fields.report((), "must be a list of jobs, each starting with '- id: ...'")
        return [], fields.problems
    jobs: list[Job] = []
    seen: set[str] = set()
    for index, entry in enumerate(data):
        job = _read_job(fields, entry, (index,))
        if job is None:
            continue
        if job.id in seen:
            fields.report((index, "id"), f"'{job.id}' is the id of another job already; ids must be unique")
            continue
        if job.id in feed_ids:
            fields.report((index, "id"), f"'{job.id}' is also the id of feed job {feed_ids[job.id]} in the job feed's snapshot; "
                                         "ids must be unique: give this job another id")
            continue
        seen.add(job.id)
        jobs.append(job)
    return jobs, fields.problems


def _read_job(fields: Fields, entry: object, at: tuple) -> Job | None:
    job = fields.mapping(entry, at, "a job: a mapping starting with 'id:'")
    if job is None:
        return None
    before = len(fields.problems)
    fields.unknown_keys(job, at, JOB_FIELDS)
    job_id = fields.text(job, at, "id", required=True)
    if job_id and not is_slug(job_id):
        fields.report(at + ("id",), f"'{job_id}' is not an id; use lower-case letters, digits and hyphens, such as bos-wh-0142")
    employment = fields.text(job, at, "employment_type", required=True)
    if employment and employment not in EMPLOYMENT_TYPES:
        fields.report(at + ("employment_type",), f"'{employment}' is not one of {', '.join(EMPLOYMENT_TYPES)}")
    apply_url = fields.text(job, at, "apply_url", required=True)
    if apply_url and not apply_url.startswith("https://"):
        fields.report(at + ("apply_url",), "must start with https://")
    posted = fields.when(job, at, "posted", required=True)
    valid = fields.when(job, at, "valid_through", required=True)
    if posted and valid and valid[0] < posted[0]:
        fields.report(at + ("valid_through",), "is before 'posted'; the job would never be open")
    values = {
        key: fields.text(job, at, key, required=True, min_len=1, max_len=limit)
        for key, limit in JOB_TEXT_LIMITS.items()
    }
    pay = fields.text(job, at, "pay", max_len=PAY_MAX) or ""
    salary = read_pay(pay)
    if salary is None and any(c.isdigit() for c in pay):
        fields.report(at + ("pay",), f"'{pay}' is not a pay such as \"$18-20/hr\", \"$18/hr\" or \"$45,000-55,000/yr\"; "
                      "fix the amounts, or write it without digits (\"Competitive\") to show it as written")
    if len(fields.problems) > before or not (posted and valid):
        return None
    return Job(
        id=job_id, title=values["title"], location=values["location"], job_type=values["job_type"],
        employment_type=employment, posted=posted[0], valid_through=_end_of(valid), apply_url=apply_url,
        description=values["description"], pay=pay, salary=salary,
    )


_AMOUNT = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_PAY = re.compile(
    rf"^[$€£]?\s*{_AMOUNT}\s*(?:(?:-|–|to)\s*[$€£]?\s*{_AMOUNT})?\s*(?:/|per|an?)\s*"
    r"(hr|hour|day|wk|week|mo|month|yr|year)$", re.I,
)
_UNITS = {"hr": "HOUR", "hour": "HOUR", "day": "DAY", "wk": "WEEK", "week": "WEEK",
          "mo": "MONTH", "month": "MONTH", "yr": "YEAR", "year": "YEAR"}


def read_pay(pay: str) -> Salary | None:
    """``"$18-20/hr"`` -> 18 to 20 per HOUR; None when the text gives no amount per unit.

    Pay written in words ("Competitive") has no amounts and is shown as written; pay with
    digits that do not read as amounts is refused where data/jobs.yml is read.
    """
    match = _PAY.match(pay.strip())
    if not match:
        return None
    low = float(match.group(1).replace(",", ""))
    high = float(match.group(2).replace(",", "")) if match.group(2) else None
    if high is not None and high < low:
        return None
    return Salary(low=low, high=high, unit=_UNITS[match.group(3).lower()])


def _end_of(when: tuple[datetime, bool]) -> datetime:
    """A date-only ``valid_through`` keeps the job open through that whole day."""
    moment, has_time = when
    return moment if has_time else datetime.combine(moment.date(), time.max, moment.tzinfo)


@dataclass(frozen=True)
class Facets:
    """What a post says about the jobs its readers want: from its tags' location and job type."""

    pairs: tuple[tuple[str | None, str | None], ...]

    # Computed once: every open job is scored against them, for every post.
    @cached_property
    def locations(self) -> list[str]:
        return _unique(loc for loc, _ in self.pairs if loc)

    @cached_property
    def job_types(self) -> list[str]:
        return _unique(kind for _, kind in self.pairs if kind)


def facets_of(post: Post, tags: dict[str, Tag]) -> Facets:
    """``jobs: {tags: [...]}`` steers the callout; otherwise the post's own tags do."""
    names = post.job_tags or post.tags
    pairs = ((tags[n].location, tags[n].job_type) for n in names if n in tags)
    return Facets(tuple(pair for pair in pairs if pair != (None, None)))


def match_score(job: Job, facets: Facets) -> int:
    """3: one tag names both the job's place and type; 2: its place; 1: its type; 0: no match.

    Place counts more than type: readers look for work they can get to.
    """
    if (job.location, job.job_type) in facets.pairs:
        return 3
    if job.location in facets.locations:
        return 2
    if job.job_type in facets.job_types:
        return 1
    return 0


def match_jobs(jobs: list[Job], facets: Facets, count: int) -> list[Job]:
    """The best ``count`` open jobs for the facets, best match first, then newest, then by id."""
    return JobIndex(jobs).match(facets, count)


def _newest_first(job: Job) -> tuple[float, str]:
    return (-job.posted.timestamp(), job.id)


class JobIndex:
    """Open jobs by place, type and both, each newest first, for the callout of every post.

    With 20,000 feed jobs, scoring every job for each of 1,000 posts would take
    seconds; here a callout reads only the first few jobs of a handful of lists,
    in the order ``match_score`` ranks them (3, then 2, then 1).
    """

    def __init__(self, jobs: list[Job]):
        self.by_pair: dict[tuple[str, str], list[Job]] = {}
        self.by_location: dict[str, list[Job]] = {}
        self.by_type: dict[str, list[Job]] = {}
        for job in sorted(jobs, key=_newest_first):
            self.by_pair.setdefault((job.location, job.job_type), []).append(job)
            self.by_location.setdefault(job.location, []).append(job)
            if job.job_type:
                self.by_type.setdefault(job.job_type, []).append(job)
        self._matches: dict[tuple, list[Job]] = {}

    def match(self, facets: Facets, count: int) -> list[Job]:
        key = (facets.pairs, count)
        if key not in self._matches:
            self._matches[key] = self._rank(facets, count)
        return self._matches[key]

    def _rank(self, facets: Facets, count: int) -> list[Job]:
        tiers = (
            [self.by_pair.get(pair, []) for pair in facets.pairs],
            [self.by_location.get(place, []) for place in facets.locations],
            [self.by_type.get(kind, []) for kind in facets.job_types],
        )
        chosen: list[Job] = []
        seen: set[str] = set()
        for lists in tiers:
            if len(chosen) >= count:
                break
            for job in heapq.merge(*lists, key=_newest_first):
                if job.id in seen:
                    continue
                seen.add(job.id)
                chosen.append(job)
                if len(chosen) >= count:
                    break
        return chosen


def board_link(settings: Settings, facets: Facets, campaign: str) -> str | None:
    """The job board, filtered by the post's first location and job type, with UTM tags."""
    first = (facets.locations[0] if facets.locations else None, facets.job_types[0] if facets.job_types else None)
    return filtered_board_link(settings, *first, campaign)


def filtered_board_link(settings: Settings, location: str | None, job_type: str | None, campaign: str) -> str | None:
    """The job board of ``jobs.board``, filtered by ``location`` and ``job_type`` where given, with UTM tags."""
    board = settings.job_board
    if board is None:
        return None
    query: list[tuple[str, str]] = []
    if location:
        query.append((board.location_param, location))
    if job_type:
        query.append((board.job_type_param, job_type))
    query += [("utm_source", "blog"), ("utm_medium", "callout"), ("utm_campaign", campaign)]
    parts = urlsplit(board.url)
    joined = "&".join(filter(None, [parts.query, urlencode(query)]))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, joined, ""))


def open_jobs(jobs: list[Job], now: datetime) -> list[Job]:
    return [job for job in jobs if job.is_open(now)]


def by_location(jobs: list[Job]) -> list[tuple[str, list[Job]]]:
    """Jobs grouped by location (alphabetical), newest first within each."""
    groups: dict[str, list[Job]] = {}
    for job in sorted(jobs, key=lambda j: (j.location, -j.posted.timestamp(), j.id)):
        groups.setdefault(job.location, []).append(job)
    return list(groups.items())


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))
