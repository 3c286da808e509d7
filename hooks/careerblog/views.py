"""Plain data for the page templates; markup stays in ``overrides/``."""

from __future__ import annotations

import posixpath

from .board import Board, BoardPage, JobType, type_anchor, type_url
from .content import Content
from .jobs import EMPLOYMENT_TYPES
from typing import Callable

from .listings import author_link, card, format_date, iso_date, tag_link
from .models import Guide, Job, Post

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
        # Feed jobs without a page of their own open the ATS's page for the job.
        "url": job.url if job.has_page else job.apply_url,
        "external": not job.has_page,
        "from_feed": job.from_feed,
        "description_html": job.description_html,
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


def embedders(content: Content, page_of: Callable[[str], tuple[str, str] | None]) -> dict[str, list[dict]]:
    """Guide id -> the pages that embed it, each once, as ``{"title", "url"}``.

    ``page_of(source)`` gives the final (title, URL) of the page built from ``source``, or
    None when none is built (an unpublished post).
    """
    found: dict[str, list[dict]] = {guide_id: [] for guide_id in content.published_guides}
    for embed in content.embeds:
        page = page_of(embed.source) if embed.guide_id in found else None
        if page is not None:
            link = {"title": page[0], "url": page[1]}
            if link not in found[embed.guide_id]:
                found[embed.guide_id].append(link)
    return found


def guide_view(guide: Guide, content: Content, embedded_in: dict[str, list[dict]]) -> dict:
    """Plain data for a guide on its own page and on /guides/."""
    post = content.by_source.get(guide.source)
    return {
        "id": guide.id,
        "title": guide.title,
        "url": guide.url,
        "source_title": post.title if post else guide.source,
        # "./" for the home page: a bare "#id" would point at the guide page itself.
        "source_url": f"{guide.page_url or './'}#{guide.id}",
        "tags": [tag_link(content.tags[t]) for t in post.tags] if post else [],
        "embedded_in": embedded_in.get(guide.id, []),
    }


def guides_index(content: Content, embedded_in: dict[str, list[dict]]) -> list[dict]:
    """Every published guide for /guides/, by title."""
    return [guide_view(g, content, embedded_in) for g in sorted(content.published_guides.values(), key=lambda g: g.title)]


def board_view(board: Board, page: BoardPage) -> dict:
    """Plain data for one page of the job board (``jobs.html``)."""

    def type_link(job_type: JobType, url: str, count: int) -> dict:
        return {"label": job_type.label, "slug": job_type.slug, "url": url, "count": count}

    view: dict = {"kind": page.kind, "total": sum(loc.count for loc in board.locations)}
    view["types"] = [type_link(t, type_url(t.slug), t.count) for t in board.types]
    if page.kind == "index":
        view["locations"] = [
            {"name": loc.name, "url": loc.url, "count": loc.count,
             "types": [type_link(t.job_type, t.url, t.count) for t in loc.types]}
            for loc in board.locations
        ]
        view["newest"] = [board_row(job, page.url, True) for job in board.newest]
    elif page.kind == "location":
        location = page.location
        view.update(
            location={"name": location.name, "url": location.url, "count": location.count},
            chips=[type_link(t.job_type, t.url, t.count) for t in location.types],
            sections=[
                {"label": s.job_type.label, "slug": s.job_type.slug, "anchor": type_anchor(s.job_type),
                 "continued": s.continued, "rows": [board_row(job, page.url) for job in s.jobs]}
                for s in page.sections
            ],
            pages=[{"number": n, "url": url, "current": n == page.number} for n, url in enumerate(page.page_urls, start=1)],
            complete=page.pages == 1,  # every job of the location is here: the type filter may work in place
        )
    else:
        job_type = page.job_type
        view.update(
            job_type={"label": job_type.label, "count": job_type.count},
            locations=[
                {"name": loc.name, "url": link.url, "count": link.count}
                for loc in board.locations for link in loc.types if link.job_type.name == job_type.name
            ],
        )
    return view


def board_row(job: Job, page_url: str, show_location: bool = False) -> tuple:
    """One job in a list of the board (``partials/job-rows.html``): what the row shows, in its order.

    A tuple with the link already relative to the board page: the board lists thousands of jobs,
    and a dict and a ``url`` filter per job cost more than the row itself.
    """
    href = job.url if job.has_page else job.apply_url
    if job.has_page:
        href = posixpath.relpath(href, page_url or ".") + "/"
    return (job.id, href, job.title, job.location if show_location else "",
            EMPLOYMENT_TYPES[job.employment_type], job.pay, job.posted.date().isoformat(), format_date(job.posted))
