"""Related posts: "What's Happening" cards at the end of every post (contract section 8).

Candidates come from an inverted index (tag -> posts), so a post is compared
only with the posts that share one of its tags, never with the whole blog.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass

from .models import Post
from .publishing import newest_first


@dataclass(frozen=True)
class Related:
    post: Post
    shared_tags: tuple[str, ...]  # the post's tags it shares, in the post's order; empty for top-ups


class RelatedIndex:
    """Built once per build over the posts that may be shown."""

    def __init__(self, posts: tuple[Post, ...]):
        # Newest first, the order used to top up, whatever order the posts come in.
        self.posts = tuple(newest_first(list(posts)))
        self.by_slug = {post.slug: post for post in posts}
        self.tag_sets = {post.slug: frozenset(post.tags) for post in posts}
        self.age = {post.slug: -post.date.timestamp() for post in posts}  # smaller is newer
        self.by_tag: dict[str, list[Post]] = defaultdict(list)
        for post in self.posts:
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
        """The ``limit`` best candidates by (score, recency, slug), exactly.

        Rarest tags are read first and every candidate is scored in full when first
        met; a posting list (newest first) is left as soon as nothing further in it
        could beat the current top ``limit`` (the threshold algorithm). So a post
        with only common tags reads a few posts, not every post that has them.
        """
        tags = sorted(post.tags, key=lambda tag: (-self.weight.get(tag, 0.0), tag))
        remaining = [sum(self.weight.get(t, 0.0) for t in tags[i:]) for i in range(len(tags))]
        weighted = self._weighted(post)
        seen: set[str] = set(taken)
        top: list[tuple[float, float, str]] = []  # sorted keys; smaller is better
        for position, tag in enumerate(tags):
            ceiling = -round(remaining[position], 9)
            if len(top) == limit and top[-1][0] < ceiling:
                break
            for other in self.by_tag.get(tag, ()):
                slug = other.slug
                if len(top) == limit and top[-1] < (ceiling, self.age[slug], slug):
                    break  # older entries in this list can only score as high, never higher
                if slug in seen:
                    continue
                seen.add(slug)
                bisect.insort(top, self._score(weighted, slug))
                del top[limit:]
        return [self.by_slug[slug] for _, _, slug in top]

    def _key(self, post: Post, other: Post) -> tuple[float, float, str]:
        """How well ``other`` relates to ``post``: (minus the shared tags' weight, age, slug); smaller is better."""
        return self._score(self._weighted(post), other.slug)

    def _weighted(self, post: Post) -> list[tuple[str, float]]:
        """The post's tags with their weights, in the post's order (computed once per ranking)."""
        return [(tag, self.weight[tag]) for tag in post.tags if tag in self.weight]

    def _score(self, weighted: list[tuple[str, float]], slug: str) -> tuple[float, float, str]:
        shared = self.tag_sets[slug]
        # Rounded so that float sums in another order cannot reorder equal scores.
        score = round(sum(weight for tag, weight in weighted if tag in shared), 9)
        return (-score, self.age[slug], slug)

    @staticmethod
    def _shared(post: Post, other: Post) -> tuple[str, ...]:
        return tuple(tag for tag in post.tags if tag in other.tags)
