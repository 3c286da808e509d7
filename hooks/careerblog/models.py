"""The records of the content model: plain, immutable dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone as _timezone, tzinfo

from . import urls


@dataclass(frozen=True)
class Author:
    id: str
    name: str
    role: str = ""
    bio: str = ""
    avatar: str | None = None  # path under docs/

    @property
    def url(self) -> str:
        return urls.author_url(self.id)


@dataclass(frozen=True)
class Tag:
    name: str  # as written in posts, without '#': "InterviewTips"
    slug: str
    description: str = ""
    location: str | None = None
    job_type: str | None = None
    aliases: tuple[str, ...] = ()
    url_aliases: tuple[str, ...] = ()  # earlier URL paths of the tag's page, which redirect to it
    line_of: dict[str, int] = field(default_factory=dict, compare=False, repr=False)  # "url_aliases.0" -> line

    @property
    def url(self) -> str:
        return urls.tag_url(self.slug)

    @property
    def label(self) -> str:
        return f"#{self.name}"


@dataclass(frozen=True)
class Organization:
    name: str
    url: str | None = None
    email: str | None = None
    phone: str | None = None
    logo: str | None = None  # path under docs/


@dataclass(frozen=True)
class JobBoard:
    """Where the jobs callout sends readers, and the query parameters that filter it."""

    url: str
    location_param: str = "location"
    job_type_param: str = "type"


@dataclass(frozen=True)
class Contact:
    """The "Get in touch" form: where it posts, and what it says."""

    endpoint: str | None = None  # a form service's URL (Formspree, Netlify Forms...); None: show email and phone
    heading: str = "Get In Touch With Us"
    intro: str = "Interested in learning how we can help you?"
    consent: str = "By sending this form you agree that we may contact you about your request. We never share your details."


@dataclass(frozen=True)
class Brand:
    color: str = "#1f3a68"  # header, buttons, links
    accent: str = "#b8520a"  # hover and call-to-action highlights


@dataclass(frozen=True)
class JobFeed:
    """``jobs.feed`` in ``data/site.yml``: the agency's job feed (contract section 10)."""

    url: str  # http(s)://..., or a path relative to the project folder
    format: str  # "indeed-xml" or "jobposting-json"
    max_age_days: int = 3  # an older snapshot shows no feed job
    valid_days: int = 30  # a job without an expiry date stays open this long after the last fetch
    job_types: tuple[tuple[str, str], ...] = ()  # feed category or jobtype text -> job_type facet
    locations: tuple[tuple[str, str], ...] = ()  # feed "City, ST" -> location facet
    pages: bool = False  # feed jobs get their own /jobs/<id>/ page with JobPosting data
    max_drop_percent: int = 50  # a fetch keeping fewer jobs than this share of the last snapshot fails


@dataclass(frozen=True)
class Settings:
    """Site-wide settings from ``data/site.yml``."""

    organization: Organization
    posts_per_page: int = 10
    home_posts: int = 6
    related_count: int = 3
    related_heading: str = "What's Happening"
    jobs_count: int = 3
    jobs_heading: str = "Browse Available Jobs"
    job_board: JobBoard | None = None
    contact: Contact = Contact()
    brand: Brand = Brand()
    timezone: tzinfo = _timezone.utc  # a date without a time is midnight here
    country: str | None = None  # ISO 3166-1 alpha-2, for job addresses in JSON-LD
    currency: str | None = None  # ISO 4217, for salaries in JSON-LD
    job_feed: JobFeed | None = None


@dataclass(frozen=True)
class Salary:
    """Pay as amounts: ``$18-20/hr`` is 18 to 20 per HOUR."""

    low: float
    high: float | None  # None: one amount, not a range
    unit: str  # schema.org unitText: HOUR, DAY, WEEK, MONTH, YEAR


@dataclass(frozen=True)
class Job:
    id: str
    title: str
    location: str
    job_type: str
    employment_type: str  # schema.org value: FULL_TIME, TEMPORARY, ...
    posted: datetime
    valid_through: datetime  # the last moment the job is open
    apply_url: str
    description: str
    pay: str = ""
    salary: Salary | None = None  # ``pay`` read as amounts, when it gives any
    # Jobs from the agency's feed (careerblog.jobfeed); hand-written jobs keep the defaults.
    reference: str = ""  # the feed's referencenumber / identifier; "" for data/jobs.yml
    description_html: str = ""  # sanitized HTML (paragraphs, lists, emphasis, links)
    has_page: bool = True  # feed jobs link to the feed's own page unless jobs.feed.pages
    city: str = ""
    region: str = ""
    country: str = ""
    postal_code: str = ""
    company: str = ""

    @property
    def url(self) -> str:
        return urls.job_url(self.id)

    @property
    def from_feed(self) -> bool:
        return bool(self.reference)

    def is_open(self, now: datetime) -> bool:
        return self.posted <= now <= self.valid_through


@dataclass(frozen=True)
class Guide:
    """A section of a page whose heading carries the class ``guide``."""

    id: str
    title: str
    level: int  # 2-4, the level of its heading in the source
    body: str  # the section's Markdown below its heading, links made docs-absolute
    source: str  # path under docs/ of the page that defines it
    line: int  # line of the heading in that file
    page_url: str  # URL of the defining page; the section is at page_url#id

    @property
    def url(self) -> str:
        return urls.guide_url(self.id)


@dataclass(frozen=True)
class Embed:
    """A line ``<!-- guide: <id> -->`` in a page."""

    guide_id: str
    source: str  # path under docs/
    line: int


@dataclass(frozen=True)
class Image:
    src: str  # path under docs/
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class Post:
    source: str  # path under docs/, e.g. "blog/posts/2024-08-10-missed-your-interview.md"
    line_of: dict[str, int] = field(compare=False, repr=False)
    slug: str = ""
    title: str = ""
    date: datetime = datetime.min
    has_time: bool = False
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # canonical tag names, aliases resolved
    description: str = ""
    image: Image | None = None
    draft: bool = False
    expires: datetime | None = None
    pin: bool = False
    related_pin: tuple[str, ...] = ()
    related_exclude: tuple[str, ...] = ()
    jobs: bool = True
    job_tags: tuple[str, ...] = ()
    review_by: date | None = None
    social_image: str | None = None  # path under docs/ of a raster picture for link previews
    words: int = 0
    reading_minutes: int = 1
    aliases: tuple[str, ...] = ()  # earlier URL paths, which redirect here (redirects.py)

    @property
    def url(self) -> str:
        return urls.post_url(self.slug)

    @property
    def year(self) -> int:
        return self.date.year
