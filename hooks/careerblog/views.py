"""Plain data for the post page template; markup stays in ``overrides/``."""

from __future__ import annotations

from .content import Content
from .listings import author_link, card, format_date, iso_date
from .models import Post

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
