"""The "Browse Available Jobs" callout of a post (contract section 8), as plain data for its partial."""

from __future__ import annotations

from . import urls
from .board import Board, type_url
from .content import Content
from .jobs import Facets, JobIndex, board_link, facets_of
from .models import Post
from .views import job_view

MARKER = "<!-- jobs -->"  # Python-Markdown passes the editor's comment through to the HTML


def jobs_callout(post: Post, content: Content, index: JobIndex, board: Board, inline: bool) -> dict:
    """Up to ``jobs.count`` matching open jobs and a call-to-action to the board, filtered where known."""
    settings = content.settings
    facets = facets_of(post, content.tags)
    place = facets.locations[0] if facets.locations else None
    external = board_link(settings, facets, post.slug)
    return {
        "heading": settings.jobs_heading,
        "line": f"Are you looking for work? {settings.organization.name} can find you the right job.",
        "jobs": [job_view(job) for job in index.match(facets, settings.jobs_count)],
        "cta_url": external or internal_board_link(board, facets),
        "cta_external": external is not None,
        "cta_label": f"See all jobs in {place}" if place else "See all open jobs",
        "inline": inline,
        "marker": MARKER,
    }


def internal_board_link(board: Board, facets: Facets) -> str:
    """Our own board, at the post's first location (and its first job type's section there)."""
    location = next((board.location_of(p) for p in facets.locations if board.location_of(p)), None)
    if location is not None:
        for kind in facets.job_types:
            link = next((t for t in location.types if t.job_type.name == kind), None)
            if link:
                return link.url
        return location.url
    for kind in facets.job_types:
        job_type = next((t for t in board.types if t.name == kind), None)
        if job_type:
            return type_url(job_type.slug)
    return urls.JOBS
