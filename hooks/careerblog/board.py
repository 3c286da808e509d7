"""The job board: /jobs/, one page per location, one per job type, light with thousands of jobs.

- ``/jobs/``: every location with its count and its job types, the job types, the newest jobs.
- ``/jobs/<location>/`` (``page/2/``... past PAGE_SIZE jobs): the location's jobs in one
  section per job type, newest first. The type filter is a row of links to those sections:
  it works without JavaScript, and ``jobs.js`` turns it into an instant filter.
- ``/jobs/type/<type>/``: the locations that have jobs of that type, linking to their sections.

Every job is listed once (on its location's page), so the board adds about one page per
PAGE_SIZE jobs; a row is a title, a place and a few facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import urls
from .models import Job
from .slugs import slugify

PAGE_SIZE = 500  # jobs per location page: some 150 KB of HTML, under 25 KB over the wire (bench/jobfeed.py)
NEWEST_COUNT = 20  # newest jobs on /jobs/
OTHER = "other"  # the section of jobs whose type the feed settings do not map


@dataclass(frozen=True)
class JobType:
    name: str  # the job_type facet ("" for jobs with none)
    label: str  # "Warehouse", "Other"
    slug: str  # in URLs and anchors
    count: int


@dataclass(frozen=True)
class Section:
    job_type: JobType
    jobs: tuple[Job, ...]
    continued: bool = False  # began on the page before


@dataclass(frozen=True)
class TypeLink:
    job_type: JobType
    url: str  # the location page and anchor where the type's section starts
    count: int


@dataclass(frozen=True)
class Location:
    name: str  # "Baltimore, MD"
    slug: str
    count: int
    types: tuple[TypeLink, ...]

    @property
    def url(self) -> str:
        return location_url(self.slug)


@dataclass(frozen=True)
class BoardPage:
    url: str
    title: str
    description: str
    kind: str  # "index", "location" or "type"
    location: Location | None = None
    job_type: JobType | None = None
    number: int = 1
    pages: int = 1
    sections: tuple[Section, ...] = ()
    page_urls: tuple[str, ...] = ()  # of this location, in order
    updated: datetime | None = None  # the newest posting among its jobs: the sitemap's <lastmod>


@dataclass(frozen=True)
class Board:
    locations: tuple[Location, ...]
    types: tuple[JobType, ...]
    newest: tuple[Job, ...]
    pages: tuple[BoardPage, ...]

    @property
    def index(self) -> BoardPage:
        return self.pages[0]

    def location_of(self, name: str) -> Location | None:
        return next((loc for loc in self.locations if loc.name == name), None)


def location_url(slug: str, number: int = 1) -> str:
    return f"{urls.JOBS}{slug}/" if number == 1 else f"{urls.JOBS}{slug}/page/{number}/"


def type_url(slug: str) -> str:
    return f"{urls.JOBS}type/{slug}/"


def type_anchor(job_type: JobType) -> str:
    return f"type-{job_type.slug}"


def board_of(jobs: list[Job], now: datetime, organization: str) -> Board:
    """The board a build on ``now`` shows: its open jobs, locations clear of the URLs of jobs with pages."""
    open_now = [job for job in jobs if job.is_open(now)]
    return plan_board(open_now, organization, {job.id for job in open_now if job.has_page})


def board_claims(board: Board, jobs: list[Job], now: datetime, organization: str) -> list[tuple[str, str]]:
    """(URL, title) of every page but /jobs/ (claimed on its own) of ``board``, today's, and of the
    board of every job not yet expired: a job posted later claims its location's page today, as a
    scheduled post claims its URL (pages.py)."""
    boards = [board]
    if any(job.posted > now for job in jobs):
        ahead = [job for job in jobs if job.valid_through >= now]
        boards.append(plan_board(ahead, organization, {job.id for job in ahead if job.has_page}))
    found: dict[str, str] = {}
    for each in boards:
        found.update((page.url, page.title) for page in each.pages if page.kind != "index")
    return list(found.items())


def plan_board(jobs: list[Job], organization: str, taken: set[str] = frozenset()) -> Board:
    """Every page of the board for these open jobs. ``taken``: slugs under /jobs/ already used by job pages."""
    types = _collect_types(jobs)
    by_name = {t.name: t for t in types}
    newest = newest_first(jobs)
    # Sorted once, newest first; the stable sort by type keeps that order within each type.
    order = {t.name: rank for rank, t in enumerate(types)}
    groups: dict[str, list[Job]] = {}
    for job in sorted(newest, key=lambda j: order[j.job_type]):
        groups.setdefault(job.location, []).append(job)
    locations: list[Location] = []
    pages: list[BoardPage] = []
    used = set(taken) | {"type"}
    for name in sorted(groups, key=str.lower):
        slug = _free_slug(slugify(name) or "somewhere", used)
        location_pages = _location_pages(name, slug, groups[name], by_name, organization)
        locations.append(location_pages[0].location)
        pages += location_pages
    index = BoardPage(
        urls.JOBS, "Open jobs", f"{len(jobs):,} jobs open now with {organization}, by location and job type.", "index",
        updated=_day(newest[:1]),
    )
    newest_of_type: dict[str, Job] = {}
    for job in newest:
        newest_of_type.setdefault(job.job_type, job)
    type_pages = [
        BoardPage(
            type_url(t.slug), f"{t.label} jobs", f"{t.count:,} {t.label.lower()} jobs open now with {organization}, by location.",
            "type", job_type=t, updated=_day([newest_of_type[t.name]]),
        )
        for t in types
    ]
    return Board(tuple(locations), tuple(types), tuple(newest[:NEWEST_COUNT]), (index, *pages, *type_pages))


def _collect_types(jobs: list[Job]) -> list[JobType]:
    counts: dict[str, int] = {}
    for job in jobs:
        counts[job.job_type] = counts.get(job.job_type, 0) + 1
    types = [JobType(name, type_label(name), slugify(name) or OTHER, count) for name, count in counts.items()]
    return sorted(types, key=lambda t: (t.name == "", t.label))


def type_label(job_type: str) -> str:
    return job_type.replace("-", " ").replace("_", " ").capitalize() if job_type else "Other"


def _free_slug(slug: str, used: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in used:
        candidate, number = f"{slug}-{number}", number + 1
    used.add(candidate)
    return candidate


def _location_pages(name: str, slug: str, jobs: list[Job], by_name: dict[str, JobType], organization: str) -> list[BoardPage]:
    chunks = [jobs[i:i + PAGE_SIZE] for i in range(0, len(jobs), PAGE_SIZE)]
    page_urls = tuple(location_url(slug, n) for n in range(1, len(chunks) + 1))
    starts: dict[str, tuple[str, int]] = {}
    counts: dict[str, int] = {}
    for number, chunk in enumerate(chunks, start=1):
        for job in chunk:
            starts.setdefault(job.job_type, (page_urls[number - 1], number))
            counts[job.job_type] = counts.get(job.job_type, 0) + 1
    links = tuple(
        TypeLink(by_name[kind], f"{url}#{type_anchor(by_name[kind])}", counts[kind]) for kind, (url, _) in starts.items()
    )
    location = Location(name, slug, len(jobs), links)
    pages = []
    seen_types: set[str] = set()
    for number, chunk in enumerate(chunks, start=1):
        sections = []
        for job in chunk:
            if not sections or sections[-1][0] != job.job_type:
                sections.append((job.job_type, []))
            sections[-1][1].append(job)
        built = []
        for kind, section_jobs in sections:
            built.append(Section(by_name[kind], tuple(section_jobs), continued=kind in seen_types))
            seen_types.add(kind)
        suffix = f" (page {number} of {len(chunks)})" if len(chunks) > 1 else ""
        pages.append(BoardPage(
            page_urls[number - 1], f"Jobs in {name}{suffix}",
            f"{len(jobs):,} jobs open now in {name} with {organization}{suffix}.",
            "location", location=location, number=number, pages=len(chunks), sections=tuple(built), page_urls=page_urls,
            updated=_day([max(chunk, key=lambda j: j.posted)]),
        ))
    return pages




def newest_first(jobs: list[Job]) -> list[Job]:
    return sorted(jobs, key=lambda j: (-j.posted.timestamp(), j.id))


def _day(jobs) -> datetime | None:
    return jobs[0].posted if jobs else None
