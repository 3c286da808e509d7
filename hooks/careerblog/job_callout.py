"""The "Browse Available Jobs" callout of a post (contract section 8), as plain data for its partial."""

from __future__ import annotations

from . import urls
from .board import Board, type_url, type_label
from .content import Content
from .jobs import Facets, JobIndex, facets_of, filtered_board_link, match_score
from .models import Job, Post
from .views import job_view

MARKER = "<!-- jobs -->"  # Python-Markdown passes the editor's comment through to the HTML


def jobs_callout(post: Post, content: Content, index: JobIndex, board: Board, inline: bool) -> dict:
    """Up to ``jobs.count`` matching open jobs and a call-to-action to the board, filtered as its jobs are."""
    settings = content.settings
    facets = facets_of(post, content.tags)
    jobs = index.match(facets, settings.jobs_count)
    location, job_type = cta_filter(jobs, facets)
    external = filtered_board_link(settings, location, job_type, post.slug)
    return {
        "heading": settings.jobs_heading,
        "line": f"Are you looking for work? {settings.organization.name} can find you the right job.",
        "jobs": [job_view(job) for job in jobs],
        "cta_url": external or internal_board_link(board, location, job_type),
        "cta_external": external is not None,
        "cta_label": cta_label(location, job_type),
        "inline": inline,
        "marker": MARKER,
    }


def cta_filter(jobs: list[Job], facets: Facets) -> tuple[str | None, str | None]:
    """(location, job type) the call-to-action filters by: what made the first job shown a match.

    The first job is the callout's best match (``match_score``): its place and type when a tag
    names both, its place when the post's place matched, its type when only the type did. A post
    about Baltimore whose callout shows Boston's warehouse jobs (none open in Baltimore) thus
    leads to every warehouse job, not to Baltimore. No job shown: the whole board.
    """
    if not jobs:
        return None, None
    best = jobs[0]
    score = match_score(best, facets)
    return (best.location if score >= 2 else None), (best.job_type if score in (3, 1) and best.job_type else None)


def cta_label(location: str | None, job_type: str | None) -> str:
    kind = f"{type_label(job_type).lower()} jobs" if job_type else "jobs"
    if location:
        return f"See all {kind} in {location}"
    return f"See all {kind}" if job_type else "See all open jobs"


def internal_board_link(board: Board, location: str | None, job_type: str | None) -> str:
    """Our own board: the location's page (at the type's section there), or the type's page."""
    place = board.location_of(location) if location else None
    if place is not None:
        link = next((t for t in place.types if job_type and t.job_type.name == job_type), None)
        return link.url if link else place.url
    kind = next((t for t in board.types if job_type and t.name == job_type), None)
    return type_url(kind.slug) if kind else urls.JOBS
