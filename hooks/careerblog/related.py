"""Related posts: "What's Happening" cards at the end of every post (contract section 8).

A post's score against another is the weight of the tags they share, so every
candidate falls into one group per combination of the post's tags. The index
keeps, for every combination of tags some post carries, the posts carrying it
newest first; ranking walks a post's combinations heaviest first and reads only
the head of each list, so the work per post does not grow with the blog.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from .models import Post
from .publishing import newest_first

# A post with more tags than this is compared with every post instead of being
# filed under each of its 2**n tag combinations (which would grow too fast).
MAX_COMBINED_TAGS = 8


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
        self.bit = {tag: 1 << number for number, tag in enumerate(sorted(self.by_tag))}
        self.containing, self.crowded = self._file_by_combination()

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

    def _file_by_combination(self) -> tuple[dict[int, list[tuple[float, str]]], tuple[str, ...]]:
        """Every combination of tags (a bit mask) -> (age, slug) of the posts carrying it, newest first."""
        containing: dict[int, list[tuple[float, str]]] = defaultdict(list)
        crowded = []
        for post in self.posts:
            tags = self.tag_sets[post.slug]
            if len(tags) > MAX_COMBINED_TAGS:
                crowded.append(post.slug)
                continue
            mask = sum(self.bit[tag] for tag in tags)
            entry = (self.age[post.slug], post.slug)
            subset = mask
            while subset:
                containing[subset].append(entry)
                subset = (subset - 1) & mask
        return dict(containing), tuple(crowded)

    def _best(self, post: Post, taken: set[str], limit: int) -> list[Post]:
        """The ``limit`` best candidates by (score, recency, slug), exactly.

        Combinations of the post's tags are read heaviest first. A candidate whose
        shared tags are exactly the combination being read scores its weight; one
        sharing more was met (or ruled out) under its heavier combination already.
        So a list is left at the first entry that cannot beat the current top, and
        the walk ends when the next combination weighs less than the worst kept.
        """
        weighted = self._weighted(post)
        if len(weighted) > MAX_COMBINED_TAGS:
            return self._best_by_tag(post, taken, limit)
        seen: set[str] = set(taken)
        top: list[tuple[float, float, str]] = []  # sorted keys; smaller is better
        for slug in self.crowded:
            self._offer(top, seen, weighted, slug, limit)
        for combination, weight in self._combinations(weighted):
            if len(top) == limit and top[-1][0] < -weight - 1e-6:
                break
            exact = -round(sum(w for tag, w in weighted if self.bit[tag] & combination), 9)
            for age, slug in self.containing.get(combination, ()):
                if len(top) == limit and top[-1] < (exact, age, slug):
                    break  # the rest of this list is older, and sharing more would have been met before
                self._offer(top, seen, weighted, slug, limit)
        return [self.by_slug[slug] for _, _, slug in top]

    def _combinations(self, weighted: list[tuple[str, float]]) -> Iterator[tuple[int, float]]:
        """The non-empty combinations of the post's tags as bit masks, heaviest first.

        Yields what is left after removing the lightest sets of tags first: a heap of
        removed sets, each followed by adding the next tag or swapping its last one.
        """
        summed: dict[str, float] = defaultdict(float)
        for tag, weight in weighted:  # a tag written twice counts twice, as in the score
            summed[tag] += weight
        lightest = sorted(summed.items(), key=lambda item: (item[1], item[0]))
        bits = [self.bit[tag] for tag, _ in lightest]
        weights = [w for _, w in lightest]
        full = sum(bits)
        total = sum(weights)
        heap: list[tuple[float, int, int]] = [(0.0, -1, 0)]  # (removed weight, last removed index, removed mask)
        while heap:
            removed, last, mask = heapq.heappop(heap)
            if mask != full:
                yield full & ~mask, total - removed
            following = last + 1
            if following < len(bits):
                heapq.heappush(heap, (removed + weights[following], following, mask | bits[following]))
                if last >= 0:
                    heapq.heappush(heap, (removed - weights[last] + weights[following], following,
                                          (mask & ~bits[last]) | bits[following]))

    def _best_by_tag(self, post: Post, taken: set[str], limit: int) -> list[Post]:
        """The exact top ``limit`` read from the tags' lists, rarest tag first (for posts with many tags).

        Every candidate is scored in full when first met; a list (newest first) is
        left as soon as nothing further in it could beat the current top (the
        threshold algorithm).
        """
        tags = sorted(post.tags, key=lambda tag: (-self.weight.get(tag, 0.0), tag))
        remaining = [sum(self.weight.get(t, 0.0) for t in tags[i:]) for i in range(len(tags))]
        weighted = self._weighted(post)
        seen: set[str] = set(taken)
        top: list[tuple[float, float, str]] = []
        for position, tag in enumerate(tags):
            ceiling = -round(remaining[position], 9)
            if len(top) == limit and top[-1][0] < ceiling:
                break
            for other in self.by_tag.get(tag, ()):
                slug = other.slug
                if len(top) == limit and top[-1] < (ceiling, self.age[slug], slug):
                    break
                self._offer(top, seen, weighted, slug, limit)
        return [self.by_slug[slug] for _, _, slug in top]

    def _key(self, post: Post, other: Post) -> tuple[float, float, str]:
        """How well ``other`` relates to ``post``: (minus the shared tags' weight, age, slug); smaller is better."""
        return self._score(self._weighted(post), other.slug)

    def _weighted(self, post: Post) -> list[tuple[str, float]]:
        """The post's tags with their weights, in the post's order (computed once per ranking)."""
        return [(tag, self.weight[tag]) for tag in post.tags if tag in self.weight]

    def _offer(self, top: list[tuple[float, float, str]], seen: set[str], weighted: list[tuple[str, float]],
               slug: str, limit: int) -> None:
        """Score a candidate met for the first time into ``top`` (sorted, at most ``limit`` long)."""
        if slug in seen:
            return
        seen.add(slug)
        bisect.insort(top, self._score(weighted, slug))
        del top[limit:]

    def _score(self, weighted: list[tuple[str, float]], slug: str) -> tuple[float, float, str]:
        shared = self.tag_sets[slug]
        # Rounded so that float sums in another order cannot reorder equal scores.
        score = round(sum(weight for tag, weight in weighted if tag in shared), 9)
        return (-score, self.age[slug], slug)

    @staticmethod
    def _shared(post: Post, other: Post) -> tuple[str, ...]:
        return tuple(tag for tag in post.tags if tag in other.tags)
