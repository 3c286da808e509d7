"""Publishing rules: what is live on the build date (contract section 3)."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Literal, Mapping

from .models import Post
from .problems import ContentError, Problem

Status = Literal["published", "draft", "scheduled", "expired"]


def build_time(environ: Mapping[str, str] = os.environ) -> datetime:
    """The moment the site is built for: ``SOURCE_DATE_EPOCH`` when set, else now (UTC)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(timezone.utc)
    bad = ContentError([Problem("environment", 1, "SOURCE_DATE_EPOCH", f"'{epoch}' is not a number of seconds since 1970-01-01; unset it or give e.g. 1723248000")])
    # isascii: str.isdigit() also accepts digits such as '²' that int() refuses.
    if not (epoch.isascii() and epoch.isdigit()):
        raise bad
    try:
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    except (OverflowError, OSError, ValueError):  # beyond the years a datetime holds
        raise bad from None


def status_of(post: Post, now: datetime) -> Status:
    """Published means: not a draft, dated no later than ``now``, not yet expired."""
    if post.draft:
        return "draft"
    if post.date > now:
        return "scheduled"
    if post.expires is not None and post.expires <= now:
        return "expired"
    return "published"


def newest_first(posts: list[Post]) -> list[Post]:
    """Newest first; posts of the same moment by slug, so the order never depends on the disk."""
    return sorted(posts, key=lambda post: (-post.date.timestamp(), post.slug))
