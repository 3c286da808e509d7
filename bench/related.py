"""How long ranking related posts takes for every post of a generated blog.

    .venv/bin/python bench/related.py [posts ...]

Prints, for each size, the median of several runs of: building the tag index
and ranking 3 related posts for every post, in wall-clock time and in CPU time
(steadier on a machine shared with other work). A figure, not a test.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone

from careerblog.models import Post
from careerblog.related import RelatedIndex

RUNS = 7
# A realistic spread: a few tags on many posts, many tags on few.
TAGS = [f"Tag{n}" for n in range(60)]
WEIGHTS = [1 / (rank + 1) for rank in range(len(TAGS))]


def make_posts(count: int) -> tuple[Post, ...]:
    rng = random.Random(count)
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    posts = []
    for n in range(count):
        tags = tuple(dict.fromkeys(rng.choices(TAGS, WEIGHTS, k=rng.randint(1, 5))))
        posts.append(Post(source=f"blog/posts/p{n}.md", line_of={}, slug=f"post-{n}",
                          title=f"Post {n}", date=start + timedelta(hours=n * 7), tags=tags))
    return tuple(sorted(posts, key=lambda p: (-p.date.timestamp(), p.slug)))


def rank_all(posts: tuple[Post, ...]) -> None:
    index = RelatedIndex(posts)
    for post in posts:
        index.rank(post, 3)


def main(sizes: list[int]) -> None:
    print(f"{'posts':>6}  {'median ms':>9}  {'ms per post':>11}  {'CPU ms':>7}  {'CPU ms per post':>15}")
    for size in sizes:
        posts = make_posts(size)
        timings, cpu = [], []
        for _ in range(RUNS):
            began, began_cpu = time.perf_counter(), time.process_time()
            rank_all(posts)
            timings.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        median, median_cpu = statistics.median(timings), statistics.median(cpu)
        print(f"{size:>6}  {median:>9.1f}  {median / size:>11.3f}  {median_cpu:>7.1f}  {median_cpu / size:>15.3f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [300, 1000, 3000])
