"""Related posts: "What's Happening" cards at the end of every post (contract section 8).

Candidates come from an inverted index (tag -> posts), so a post is compared
only with the posts that share one of its tags, never with the whole blog.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass

from .models import Post


@dataclass(frozen=True)
class Related:
    post: Post
    shared_tags: tuple[str, ...]  # why it was chosen; empty for pins and top-ups


class RelatedIndex:
    """Built once per build over the posts that may be shown."""

    def __init__(self, posts: tuple[Post, ...]):
        self.posts = posts  # newest first: the order used to top up
        self.by_slug = {post.slug: post for post in posts}
        self.by_tag: dict[str, list[Post]] = defaultdict(list)
        for post in posts:
            for tag in post.tags:
                self.by_tag[tag].append(post)
        total = len(posts)
        # A tag on few posts says more than a tag on most: inverse document frequency.
        self.weight = {tag: math.log(1 + total / len(tagged)) for tag, tagged in self.by_tag.items()}

    def rank(self, post: Post, count: int) -> list[Related]:
        """Pins in the given order, then by shared-tag weight, newer first, then slug; topped up with the newest."""
        chosen: list[Related] = []
        taken = {post.slug, *post.related_exclude}
        for slug in post.related_pin:
            pinned = self.by_slug.get(slug)
            if pinned is not None and slug not in taken and len(chosen) < count:
                chosen.append(Related(pinned, self._shared(post, pinned)))
                taken.add(slug)
        if len(chosen) < count:
            for candidate in self._best(post, taken, count - len(chosen)):
                chosen.append(Related(candidate, self._shared(post, candidate)))
                taken.add(candidate.slug)
        for newest in self.posts:
            if len(chosen) >= count:
                break
            if newest.slug not in taken:
                chosen.append(Related(newest, ()))
                taken.add(newest.slug)
        return chosen

    def _best(self, post: Post, taken: set[str], limit: int) -> list[Post]:
        scores: dict[str, float] = defaultdict(float)
        for tag in post.tags:
            for other in self.by_tag.get(tag, ()):
                if other.slug not in taken:
                    scores[other.slug] += self.weight[tag]
        # Rounded so that float sums in another order cannot reorder equal scores.
        best = heapq.nsmallest(
            limit, scores.items(),
            key=lambda item: (-round(item[1], 9), -self.by_slug[item[0]].date.timestamp(), item[0]),
        )
        return [self.by_slug[slug] for slug, _ in best]

    @staticmethod
    def _shared(post: Post, other: Post) -> tuple[str, ...]:
        return tuple(tag for tag in post.tags if tag in other.tags)
