"""The sitemap's ``<lastmod>``: when a page's content last changed, never the build day.

A post's is its ``updated`` (else its ``date``); a listing's, its newest post's; a guide's,
its post's; a job page's, the job's ``posted``; a page of the job board, its newest job's. Hand-written pages have none: better none
than the build day. Moments carry the site's offset (``2024-08-10T00:00:00-04:00``), so a
crawler reads the same day the editor wrote.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from .models import Post
from .state import BuildState


def changed_at(post: Post) -> datetime:
    """The moment the post's content last changed: ``updated``, else ``date``."""
    return post.updated or post.date


def lastmod(state: BuildState, source: str, is_homepage: bool = False) -> str | None:
    """The ``<lastmod>`` of the page built from ``source`` (a path under docs/ or a generated page's)."""
    content = state.content
    if (post := content.by_source.get(source)) is not None:
        return _latest([changed_at(post)])
    if (listing := state.listings.get(source)) is not None:
        return _latest(changed_at(p) for p in (listing.posts or content.visible))
    if (guide_id := state.guide_pages.get(source)) is not None:
        guides = [content.published_guides[guide_id]] if guide_id else content.published_guides.values()
        posts = (content.by_source.get(g.source) for g in guides)
        return _latest(changed_at(p) for p in posts if p is not None)
    if (board_page := state.board_pages.get(source)) is not None:  # dated when planned: 20,000 jobs, 100 pages
        return _latest([board_page.updated] if board_page.updated else [])
    if (job_id := state.job_pages.get(source)) is not None:
        jobs = [content.open_jobs_by_id[job_id]] if job_id else content.open_jobs
        return _latest(job.posted for job in jobs)
    if is_homepage:
        return _latest(changed_at(p) for p in content.visible)
    return None


def _latest(moments: Iterable[datetime]) -> str | None:
    newest = max(moments, default=None)
    return newest.isoformat() if newest else None
