"""Plain data for the page templates; markup stays in ``overrides/``."""

from __future__ import annotations

from .content import Content
from .jobs import EMPLOYMENT_TYPES
from .listings import author_link, card, format_date, iso_date
from .models import Job, Post

STATUS_LABELS = {
    "draft": "Draft: not published",
    "scheduled": "Scheduled: not published yet",
    "expired": "Expired: no longer published",
}


def post_page(post: Post, content: Content) -> dict:
    """Everything ``post.html`` shows around the post's body."""
    view = card(post, content)
    view.update(
        authors=[author_link(content.authors[a]) for a in post.authors],
        image=(
            {"src": post.image.src, "alt": post.image.alt, "caption": post.image.caption}
            if post.image else None
        ),
        updated=iso_date(post.updated, True) if post.updated else None,
        updated_text=format_date(post.updated) if post.updated else None,
        status_label=STATUS_LABELS.get(view["status"], ""),
    )
    return view


def job_view(job: Job) -> dict:
    """Plain data for a job in the callout, on /jobs/ and on its own page."""
    return {
        "id": job.id,
        "url": job.url,
        "title": job.title,
        "location": job.location,
        "job_type": job.job_type,
        "employment_type": job.employment_type,
        "employment_label": EMPLOYMENT_TYPES[job.employment_type],
        "pay": job.pay,
        "description": job.description,
        "apply_url": job.apply_url,
        "posted": job.posted.date().isoformat(),
        "posted_text": format_date(job.posted),
        "valid_through": job.valid_through.date().isoformat(),
        "valid_through_text": format_date(job.valid_through),
    }


def content_date(post: Post) -> str:
    """The day the post's content last changed: ``updated``, else ``date``."""
    return (post.updated or post.date).date().isoformat()
