"""The fast related-posts ranking gives exactly what comparing every pair would."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from careerblog.models import Post
from careerblog.related import RelatedIndex


def blog(seed: int, count: int) -> tuple[Post, ...]:
    rng = random.Random(seed)
    tags = [f"Tag{n}" for n in range(12)]
    start = datetime(2022, 1, 1, tzinfo=timezone.utc)
    posts = [
        Post(source=f"p{n}.md", line_of={}, slug=f"post-{n:03d}", title=str(n),
             # Some posts share a date, so ties fall to the slug.
             date=start + timedelta(days=rng.randint(0, 40)),
             tags=tuple(dict.fromkeys(rng.choices(tags, [1 / (i + 1) for i in range(12)], k=rng.randint(0, 4)))))
        for n in range(count)
    ]
    return tuple(sorted(posts, key=lambda p: (-p.date.timestamp(), p.slug)))


def brute_force(index: RelatedIndex, post: Post, count: int) -> list[str]:
    """Score every other post; the definition the index must match."""
    keys = sorted(index._key(post, other) for other in index.posts
                  if other.slug != post.slug and set(other.tags) & set(post.tags))
    chosen = [slug for _, _, slug in keys[:count]]
    chosen += [p.slug for p in index.posts if p.slug != post.slug and p.slug not in chosen][: count - len(chosen)]
    return chosen


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("count", [1, 3, 6])
def test_ranking_equals_comparing_every_pair(seed, count):
    posts = blog(seed, 150)
    index = RelatedIndex(posts)
    for post in posts:
        assert [r.post.slug for r in index.rank(post, count)] == brute_force(index, post, count), post.slug


@pytest.mark.parametrize("seed", range(3))
def test_posts_with_many_tags_rank_as_comparing_every_pair(seed):
    """Posts with more tags than are filed by combination (crowded ones) still rank exactly."""
    rng = random.Random(100 + seed)
    tags = [f"Tag{n}" for n in range(14)]
    start = datetime(2022, 1, 1, tzinfo=timezone.utc)
    posts = [
        Post(source=f"p{n}.md", line_of={}, slug=f"post-{n:03d}", title=str(n),
             date=start + timedelta(days=rng.randint(0, 30)),
             tags=tuple(rng.sample(tags, rng.choice([1, 2, 3, 9, 11]))))
        for n in range(120)
    ]
    index = RelatedIndex(tuple(sorted(posts, key=lambda p: (-p.date.timestamp(), p.slug))))
    assert index.crowded, "the blog must hold posts with more than 8 tags"
    for post in index.posts:
        assert [r.post.slug for r in index.rank(post, 3)] == brute_force(index, post, 3), post.slug
