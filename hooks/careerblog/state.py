"""What the hooks share during one build: the content snapshot and the pages planned from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .board import Board, BoardPage
from .content import Content
from .jobs import JobIndex
from .listings import Listing, archive_years, card, tag_counts
from .models import Post, Tag

# The key under which the hooks keep the state in MkDocs' config: one object per
# build, created in on_config, so nothing leaks from one build into the next.
STATE_KEY = "career_blog"


@dataclass
class BuildState:
    content: Content
    listings: dict[str, Listing] = field(default_factory=dict)  # by generated source path
    guide_pages: dict[str, str] = field(default_factory=dict)  # generated source path -> guide id
    job_pages: dict[str, str] = field(default_factory=dict)  # generated source path -> job id ("" for board pages)
    board_pages: dict[str, BoardPage] = field(default_factory=dict)  # generated source path -> board page
    board: Board | None = None  # the job board (Content.board, planned with the page plan)
    job_index: JobIndex | None = None  # open jobs indexed for the callouts
    # Filled in on_env, when every page's title is final: guide id -> pages that embed it.
    embedded_in: dict[str, list[dict]] = field(default_factory=dict)
    # Views that many pages show, made once per build: a post's card appears on the blog
    # index, its tag, author and year pages and as a related post (some ten times each).
    _cards: dict[str, dict] = field(default_factory=dict, repr=False)

    def card(self, post: Post) -> dict:
        """The post's card (``listings.card``). Shared between pages: copy it to change it."""
        view = self._cards.get(post.slug)
        if view is None:
            view = self._cards[post.slug] = card(post, self.content)
        return view

    @cached_property
    def tag_counts(self) -> list[tuple[Tag, int]]:
        return tag_counts(self.content)

    @cached_property
    def archive_years(self) -> list[tuple[int, str, int]]:
        """Shown on every blog and archive page."""
        return archive_years(self.content)
