"""Related posts: the "What's Happening" cards at the end of a post (contract section 8).

Up to N posts, ranked by shared tags weighted by rarity, then recency; the
editor's ``related.pin`` first, ``related.exclude`` never; never the post itself
or an unpublished post; topped up with the newest posts; always the same order
for the same posts.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta, timezone

import pytest

from careerblog.models import Post
from careerblog.publishing import newest_first
from careerblog.related import Related, RelatedIndex

JAN_1 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def post(slug: str, *tags: str, day: int = 0, pin: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> Post:
    """A published post dated ``day`` days after 1 January 2026."""
    return Post(
        source=f"blog/posts/{slug}.md", line_of={}, slug=slug, title=slug.replace("-", " ").title(),
        date=JAN_1 + timedelta(days=day), tags=tuple(tags), related_pin=pin, related_exclude=exclude,
    )


def index_of(*posts: Post) -> RelatedIndex:
    """The index a build makes: over the shown posts, newest first."""
    return RelatedIndex(tuple(newest_first(list(posts))))


def slugs(related: list[Related]) -> list[str]:
    return [item.post.slug for item in related]


# --- Ranking by shared tags ----------------------------------------------------


def test_a_rare_shared_tag_outranks_a_common_one():
    reader = post("missed-interview", "InterviewTips", "BaltimoreTempJobs", day=0)
    rare = post("baltimore-temp-guide", "BaltimoreTempJobs", day=1)
    common = [post(f"interview-tip-{n}", "InterviewTips", day=10 + n) for n in range(4)]  # all newer
    index = index_of(reader, rare, *common)

    assert slugs(index.rank(reader, 2)) == ["baltimore-temp-guide", "interview-tip-3"]


def test_tag_weights_are_inverse_document_frequency():
    posts = [post("a", "Rare", "Common"), post("b", "Rare", "Common", day=1)] + [post(f"c{n}", "Common", day=2 + n) for n in range(4)]

    index = index_of(*posts)

    # 6 posts: Rare is on 2 of them, Common on all 6.
    assert index.weight == pytest.approx({"Rare": math.log(1 + 6 / 2), "Common": math.log(1 + 6 / 6)})
    assert index.weight["Rare"] > index.weight["Common"]


def test_more_shared_weight_wins_over_recency():
    reader = post("reader", "Warehouse", "Boston", "Safety", day=0)
    three = post("shares-three", "Warehouse", "Boston", "Safety", day=1)
    two = post("shares-two", "Warehouse", "Boston", day=2)
    one = post("shares-one", "Warehouse", day=30)
    index = index_of(reader, three, two, one, post("unrelated", "Summer", day=40))

    ranked = index.rank(reader, 3)

    assert slugs(ranked) == ["shares-three", "shares-two", "shares-one"]
    assert [item.shared_tags for item in ranked] == [("Warehouse", "Boston", "Safety"), ("Warehouse", "Boston"), ("Warehouse",)]


def test_equal_weight_is_broken_by_recency_then_by_slug():
    reader = post("reader", "Warehouse", day=0)
    older = post("older", "Warehouse", day=3)
    newer = post("newer", "Warehouse", day=5)
    same_day_b = post("bravo", "Warehouse", day=4)
    same_day_a = post("alpha", "Warehouse", day=4)
    index = index_of(reader, older, newer, same_day_b, same_day_a)

    assert slugs(index.rank(reader, 4)) == ["newer", "alpha", "bravo", "older"]


def test_shared_tags_explain_the_choice_in_the_posts_own_tag_order():
    reader = post("reader", "Boston", "Warehouse", "Interview")
    other = post("other", "Interview", "Summer", "Boston", day=1)
    index = index_of(reader, other)

    assert index.rank(reader, 1) == [Related(other, ("Boston", "Interview"))]


# --- Pins, excludes and the post itself ----------------------------------------


def test_pins_come_first_in_the_given_order_even_without_shared_tags():
    reader = post("reader", "Warehouse", pin=("old-summer", "old-scams"))
    index = index_of(
        reader,
        post("old-scams", "Scams", day=1),
        post("old-summer", "Summer", day=2),
        post("warehouse-news", "Warehouse", day=3),
    )

    ranked = index.rank(reader, 3)

    assert slugs(ranked) == ["old-summer", "old-scams", "warehouse-news"]
    assert [item.shared_tags for item in ranked] == [(), (), ("Warehouse",)]


def test_a_pinned_post_that_shares_tags_shows_them():
    reader = post("reader", "Warehouse", pin=("pinned",))
    pinned = post("pinned", "Warehouse", "Boston", day=1)

    assert index_of(reader, pinned).rank(reader, 1) == [Related(pinned, ("Warehouse",))]


def test_pins_beyond_the_count_are_cut_in_order():
    reader = post("reader", pin=("c", "a", "b"))
    index = index_of(reader, post("a", day=1), post("b", day=2), post("c", day=3))

    assert slugs(index.rank(reader, 2)) == ["c", "a"]


def test_a_pin_that_is_not_shown_is_skipped():
    """Unknown, unpublished (not in the index) or given twice: the next pin moves up."""
    reader = post("reader", "Warehouse", pin=("draft-post", "real", "real", "reader"))
    index = index_of(reader, post("real", day=1), post("warehouse-news", "Warehouse", day=2))

    assert slugs(index.rank(reader, 3)) == ["real", "warehouse-news"]


def test_a_pin_that_is_also_excluded_is_never_shown():
    reader = post("reader", "Warehouse", pin=("both",), exclude=("both",))
    index = index_of(reader, post("both", "Warehouse", day=9), post("other", "Warehouse", day=1))

    assert slugs(index.rank(reader, 3)) == ["other"]


def test_an_excluded_post_never_appears_even_as_the_best_match_or_a_top_up():
    reader = post("reader", "Warehouse", "Boston", exclude=("best-match", "newest"))
    index = index_of(
        reader,
        post("best-match", "Warehouse", "Boston", day=1),
        post("weaker", "Warehouse", day=2),
        post("newest", "Summer", day=50),
        post("older", "Summer", day=3),
    )

    assert slugs(index.rank(reader, 5)) == ["weaker", "older"]


def test_a_post_is_never_related_to_itself():
    reader = post("reader", "Warehouse", day=100)  # the newest, and the best match for its own tags
    index = index_of(reader, post("other", day=1))

    assert slugs(index.rank(reader, 3)) == ["other"]


# --- Topping up and the count --------------------------------------------------


def test_fewer_matches_are_topped_up_with_the_newest_posts():
    reader = post("reader", "Warehouse", day=0)
    index = index_of(
        reader,
        post("match", "Warehouse", day=1),
        post("newest", "Summer", day=9),
        post("second-newest", "Scams", day=8),
        post("oldest", "Summer", day=2),
    )

    ranked = index.rank(reader, 3)

    assert slugs(ranked) == ["match", "newest", "second-newest"]
    assert [item.shared_tags for item in ranked] == [("Warehouse",), (), ()]


def test_a_post_whose_tags_nobody_shares_gets_the_newest_posts():
    reader = post("reader", "Lonely", day=5)
    index = index_of(reader, *(post(f"p{n}", "Other", day=n) for n in range(6)))

    assert slugs(index.rank(reader, 3)) == ["p5", "p4", "p3"]


@pytest.mark.parametrize(("count", "expected"), [(0, []), (1, ["b"]), (2, ["b", "a"]), (3, ["b", "a", "c"]), (9, ["b", "a", "c"])])
def test_the_count_is_respected(count, expected):
    reader = post("reader", "Warehouse", "Rare")
    index = index_of(reader, post("a", "Warehouse", day=1), post("b", "Warehouse", "Rare", day=2), post("c", day=3))

    assert slugs(index.rank(reader, count)) == expected


# --- The same posts always give the same order ---------------------------------


def a_small_blog() -> list[Post]:
    tags = ["Warehouse", "Boston", "Baltimore", "Temp", "Interview", "Safety"]
    chooser = random.Random(2026)
    posts = []
    for n in range(60):
        chosen = chooser.sample(tags, chooser.randint(0, 3))
        posts.append(post(f"post-{n:02d}", *chosen, day=n // 3))  # three posts a day: ties on date
    return posts


@pytest.mark.parametrize(
    "reader",
    [
        post("reader", "Warehouse", "Boston", "Safety", day=30, pin=("post-07",), exclude=("post-58",)),
        # Shares a tag with one post only: most cards are top-ups.
        post("reader", "Rare", day=30, pin=("post-07",), exclude=("post-59",)),
    ],
    ids=["ranked", "topped-up"],
)
def test_the_order_does_not_depend_on_the_order_posts_are_given_in(reader):
    posts = a_small_blog() + [post("rare-friend", "Rare", day=1), reader]
    expected = RelatedIndex(tuple(newest_first(posts))).rank(reader, 6)

    for seed in range(20):
        shuffled = list(posts)
        random.Random(seed).shuffle(shuffled)
        assert RelatedIndex(tuple(shuffled)).rank(reader, 6) == expected, f"shuffle seed {seed}"


def test_every_post_of_a_blog_gets_a_full_stable_list():
    posts = a_small_blog()
    index = index_of(*posts)

    first = {p.slug: slugs(index.rank(p, 3)) for p in posts}
    again = {p.slug: slugs(index_of(*reversed(posts)).rank(p, 3)) for p in posts}

    assert first == again
    assert all(len(related) == 3 and p not in related and len(set(related)) == 3 for p, related in first.items())


# --- The real blog -------------------------------------------------------------


def test_the_seed_posts_related_cards(project):
    content = project.load()
    by_slug = {p.slug: p for p in content.visible}
    index = content.related_index

    # Nothing else shares its tags: the three newest other posts.
    assert slugs(index.rank(by_slug["missed-your-interview"], 3)) == ["job-scams", "construction-safety-week", "summer-jobs"]
    # Summer jobs shares #JobSearchTips; then the newest.
    ranked = index.rank(by_slug["job-scams"], content.settings.related_count)
    assert slugs(ranked) == ["summer-jobs", "missed-your-interview", "construction-safety-week"]
    assert [item.shared_tags for item in ranked] == [("JobSearchTips",), (), ()]


def test_unpublished_posts_are_never_related(project):
    project.write_post("draft-scams.md", title="More Job Scams", tags=["JobSearchTips"], date=datetime(2024, 7, 20).date(), draft=True)
    project.write_post("future-scams.md", title="Scams Next Year", tags=["JobSearchTips"], date=datetime(2027, 1, 5).date())
    project.write_post("expired-scams.md", title="Old Scams", tags=["JobSearchTips"], date=datetime(2024, 7, 21).date(),
                       expires=datetime(2025, 1, 1).date())
    content = project.load()
    job_scams = next(p for p in content.visible if p.slug == "job-scams")

    assert slugs(content.related_index.rank(job_scams, 10)) == ["summer-jobs", "missed-your-interview", "construction-safety-week"]


def test_a_pinned_draft_is_skipped_and_the_next_pin_moves_up(project):
    project.write_post("secret.md", title="A Secret Draft", draft=True)
    project.write_post(
        "pins.md", title="A Post With Pins", date=datetime(2026, 11, 20).date(),
        related={"pin": ["secret", "construction-safety-week"], "exclude": ["job-scams"]},
    )
    content = project.load()
    pins = next(p for p in content.visible if p.slug == "pins")

    assert pins.related_pin == ("secret", "construction-safety-week")
    # InterviewTips is shared with missed-your-interview; then the newest post not excluded.
    assert slugs(content.related_index.rank(pins, 3)) == ["construction-safety-week", "missed-your-interview", "summer-jobs"]


# --- Work grows with the posts that share a tag, not with the blog --------------


class CountingList(list):
    """A list that counts the items anyone iterates over."""

    looked_at = 0

    def __iter__(self):
        for item in super().__iter__():
            CountingList.looked_at += 1
            yield item


def test_ranking_looks_only_at_posts_that_share_a_tag():
    """3,000 posts and 30 tags; counts the candidates the ranking reads, never the clock.

    Posts 0-2 carry only the rare tag T29; every other post carries one of the 29
    everyday tags T00-T28, round-robin.
    """
    posts = [
        Post(
            source=f"blog/posts/p{n}.md", line_of={}, slug=f"p{n:04d}",
            date=JAN_1 + timedelta(hours=n), tags=("T29",) if n < 3 else (f"T{n % 29:02d}",),
        )
        for n in range(3000)
    ]
    index = index_of(*posts)
    assert len(index.by_tag) == 30
    # The ranking reads the lists of posts filed under each combination of tags.
    index.containing = {tags: CountingList(filed) for tags, filed in index.containing.items()}

    CountingList.looked_at = 0
    ranked = index.rank(posts[0], 3)
    # The two other T29 posts, then the newest post as a top-up.
    assert slugs(ranked) == ["p0002", "p0001", "p2999"]
    assert CountingList.looked_at == 3  # p0000, p0001, p0002: not 3,000

    everyday = posts[100]  # tagged T13 (100 % 29), like every 29th post from 3 on
    CountingList.looked_at = 0
    ranked = index.rank(everyday, 3)
    assert len(index.by_tag["T13"]) == 103
    # At most the posts tagged T13 (the ranking may stop early), never the blog.
    assert 3 <= CountingList.looked_at <= 103
    assert all(item.shared_tags == ("T13",) for item in ranked)
    assert slugs(ranked) == ["p2971", "p2942", "p2913"]  # the newest posts tagged T13

    # For every post: no more than the posts that share one of its tags.
    for reader in posts[::97]:
        CountingList.looked_at = 0
        index.rank(reader, 3)
        assert CountingList.looked_at <= sum(len(index.by_tag[tag]) for tag in reader.tags) <= 104, reader.slug
