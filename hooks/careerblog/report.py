"""The editorial report: what needs an editor's attention on the build date.

Plain records, in a stable order, so that ``blog report`` prints the same table
(or the same JSON) for the same sources and ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from .content import Content
from .listings import iso_date
from .models import Job, Post
from .publishing import Status

CLOSING_DAYS = 14  # a job closing within this many days is worth a new posting or a renewal


@dataclass(frozen=True)
class PostItem:
    file: str
    title: str
    date: str  # publish date, with its time when the post gives one
    status: Status


@dataclass(frozen=True)
class ReviewItem:
    file: str
    title: str
    review_by: str
    days_overdue: int  # 0 on the review date itself
    status: Status


@dataclass(frozen=True)
class JobItem:
    id: str
    title: str
    location: str
    valid_through: str
    days_left: int  # negative once closed: -3 closed three days ago


@dataclass(frozen=True)
class TagItem:
    name: str
    slug: str
    unpublished_posts: int  # drafts, scheduled or expired posts that use it


@dataclass(frozen=True)
class GuideItem:
    id: str
    title: str
    file: str
    line: int
    published: bool  # false when the page that defines it is not published
    embedded_in: list[str] = field(default_factory=list)  # "path:line" of each embed line


@dataclass(frozen=True)
class FeedItem:
    """The job feed's snapshot: how old, how many jobs, which were skipped and why."""

    source: str
    snapshot: str
    checked: str | None  # when the last fetch reached the feed
    age_days: float | None
    shown: bool  # false: too old or missing, no feed job on the site
    read: int
    kept: int
    open: int  # kept jobs open on the build date
    skipped: list[str]
    notice: str


@dataclass(frozen=True)
class Report:
    build_date: str
    drafts: list[PostItem]
    scheduled: list[PostItem]
    expired: list[PostItem]
    review_due: list[ReviewItem]
    jobs_closing: list[JobItem]
    jobs_closed: list[JobItem]
    unused_tags: list[TagItem]
    guides: list[GuideItem]
    feed: FeedItem | None = None


def build_report(content: Content, shown_docs: str = "docs") -> Report:
    """Everything of the report, as of ``content.now`` (the build date)."""

    def item(post: Post) -> PostItem:
        return PostItem(f"{shown_docs}/{post.source}", post.title, iso_date(post.date, post.has_time), content.status(post))

    # content.posts is newest first; the next post to go live comes first here.
    oldest_first = list(reversed(content.posts))
    return Report(
        build_date=content.now.date().isoformat(),
        drafts=[item(p) for p in content.posts if content.status(p) == "draft"],
        scheduled=[item(p) for p in oldest_first if content.status(p) == "scheduled"],
        expired=[item(p) for p in content.posts if content.status(p) == "expired"],
        review_due=collect_review_due(content, shown_docs),
        jobs_closing=collect_jobs(content, closed=False),
        jobs_closed=collect_jobs(content, closed=True),
        unused_tags=collect_unused_tags(content),
        guides=collect_guides(content, shown_docs),
        feed=collect_feed(content),
    )


def collect_review_due(content: Content, shown_docs: str) -> list[ReviewItem]:
    """Posts whose ``review_by`` date has come, longest overdue first."""
    today = content.now.date()
    due = sorted((p for p in content.posts if p.review_by and p.review_by <= today), key=lambda p: (p.review_by, p.slug))
    return [
        ReviewItem(f"{shown_docs}/{p.source}", p.title, p.review_by.isoformat(), (today - p.review_by).days, content.status(p))
        for p in due
    ]


def collect_jobs(content: Content, closed: bool) -> list[JobItem]:
    """Jobs already closed, or closing within CLOSING_DAYS, the soonest to close first."""
    now, horizon = content.now, content.now + timedelta(days=CLOSING_DAYS)

    def wanted(job: Job) -> bool:
        return job.valid_through < now if closed else now <= job.valid_through <= horizon

    # Feed jobs come and go with the feed; editors only act on data/jobs.yml.
    jobs = sorted((j for j in content.jobs if wanted(j) and not j.from_feed), key=lambda j: (j.valid_through, j.id))
    return [
        JobItem(j.id, j.title, j.location, j.valid_through.date().isoformat(), (j.valid_through.date() - now.date()).days)
        for j in jobs
    ]


def collect_unused_tags(content: Content) -> list[TagItem]:
    """Tags no published post uses: their tag page does not exist."""
    published = {name for p in content.posts if content.status(p) == "published" for name in p.tags}
    waiting: dict[str, int] = {}
    for post in content.posts:
        if content.status(post) != "published":
            for name in post.tags:
                waiting[name] = waiting.get(name, 0) + 1
    return [
        TagItem(tag.name, tag.slug, waiting.get(tag.name, 0))
        for tag in sorted(content.tags.values(), key=lambda t: t.name)
        if tag.name not in published
    ]


def collect_guides(content: Content, shown_docs: str) -> list[GuideItem]:
    """Every guide, by id, with the lines that embed it."""
    embeds: dict[str, list[str]] = {}
    for embed in sorted(content.embeds, key=lambda e: (e.source, e.line)):
        embeds.setdefault(embed.guide_id, []).append(f"{shown_docs}/{embed.source}:{embed.line}")
    # Published as `make site` publishes: the preview's drafts do not count.
    shown = {p.source for p in content.posts if content.status(p) == "published"}
    return [
        GuideItem(
            g.id, g.title, f"{shown_docs}/{g.source}", g.line,
            published=g.source in shown or g.source not in content.by_source,
            embedded_in=embeds.get(g.id, []),
        )
        for g in sorted(content.guides, key=lambda g: g.id)
    ]


def collect_feed(content: Content) -> FeedItem | None:
    status = content.feed
    if status is None:
        return None
    return FeedItem(
        source=status.source, snapshot=status.path,
        checked=status.checked.isoformat() if status.checked else None,
        age_days=round(status.age_days, 1) if status.checked else None,
        shown=status.shown, read=status.read, kept=status.kept,
        open=sum(1 for job in content.open_jobs if job.from_feed),
        skipped=list(status.skipped), notice=status.notice,
    )
