"""The rules of the content core, one small story each (contract sections 2, 3 and 6).

The build date is fixed (``NOW``: 27 November 2026, noon UTC), so a test never
depends on the day it runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from careerblog import ContentError, Problem, build_time
from careerblog.listings import (
    Listing,
    PageLink,
    archive_years,
    paginate_blog,
    plan_author_pages,
    plan_listings,
    tag_counts,
)
from careerblog.publishing import newest_first
from careerblog.slugs import slug_from_filename, slugify, tag_slug
from careerblog.text import count_words, reading_minutes
from conftest import NOW

SEED_SLUGS = ["missed-your-interview", "job-scams", "construction-safety-week", "summer-jobs"]


def words(count: int) -> str:
    return " ".join(["word"] * count) + "\n"


def only_post(project):
    """Load a project whose one post is ``post.md`` and return (content, post)."""
    content = project.load(preview=True)
    [post] = content.posts
    return content, post


# --- The real project --------------------------------------------------------


def test_the_four_seed_posts_load_newest_first(project):
    content = project.load()

    assert [post.slug for post in content.posts] == SEED_SLUGS
    assert [post.slug for post in content.visible] == SEED_SLUGS
    assert content.posts[0].title == "Oh No! You Missed Your Interview"
    assert content.posts[0].url == "blog/missed-your-interview/"
    assert content.settings.organization.name == "LaborMAX"


def test_seed_slugs_come_from_slug_field_or_file_name(project):
    by_source = project.load().by_source

    # 2024-08-10-missed-your-interview.md has no 'slug:', so the file name gives it.
    assert by_source["blog/posts/2024-08-10-missed-your-interview.md"].slug == "missed-your-interview"
    # 2024-07-15-avoid-job-scams.md says 'slug: job-scams'.
    assert by_source["blog/posts/2024-07-15-avoid-job-scams.md"].slug == "job-scams"


# --- Slugs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("InterviewTips", "interview-tips"),
        ("BOSJobs", "bos-jobs"),
        ("TempJobsBoston", "temp-jobs-boston"),
        ("BostonWarehouseJobs", "boston-warehouse-jobs"),
        ("Jobs2024", "jobs2024"),
    ],
)
def test_tag_slug_splits_the_hashtag_at_case_changes(name, slug):
    assert tag_slug(name) == slug


def test_slugify_keeps_letters_and_digits_only():
    assert slugify("Oh No! You Missed Your Interview") == "oh-no-you-missed-your-interview"
    assert slugify("  Café & Résumé Tips  ") == "cafe-resume-tips"


@pytest.mark.parametrize(
    ("filename", "slug"),
    [
        ("2024-08-10-missed-your-interview.md", "missed-your-interview"),
        ("blog/posts/2024-07-15-avoid-job-scams.md", "avoid-job-scams"),
        ("summer-jobs-2024.md", "summer-jobs-2024"),
        ("Construction Safety Week.md", "construction-safety-week"),
    ],
)
def test_slug_from_filename_drops_a_leading_date(filename, slug):
    assert slug_from_filename(filename) == slug


def test_tags_get_their_default_or_explicit_slug_and_url(project):
    project.append("data/tags.yml", "RemoteJobs:\n  slug: remote\n")
    tags = project.load().tags

    assert tags["BostonWarehouseJobs"].slug == "boston-warehouse-jobs"
    assert tags["BostonWarehouseJobs"].url == "tags/boston-warehouse-jobs/"
    assert tags["RemoteJobs"].slug == "remote"


# --- Reading time ----------------------------------------------------------------


@pytest.mark.parametrize(("count", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (400, 2), (401, 3)])
def test_reading_time_is_200_words_a_minute_rounded_up_at_least_one(count, minutes):
    assert reading_minutes(count) == minutes


def test_code_blocks_are_not_counted_as_reading():
    markdown = "Run this command:\n\n```bash\nmake site && make test && make serve\n```\n\nThen wait.\n"
    assert count_words(markdown) == 5  # "Run this command" + "Then wait"


def test_a_post_gets_its_reading_time_from_its_body(project):
    project.remove_seed_posts()
    code = "```\n" + words(1000) + "```\n"
    project.write_post("post.md", body=words(401) + code)

    _, post = only_post(project)
    assert post.words == 401
    assert post.reading_minutes == 3


# --- Publishing status -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({}, "published"),
        ({"draft": True}, "draft"),
        ({"draft": False}, "published"),
        ({"date": date(2026, 11, 28)}, "scheduled"),
        ({"date": date(2026, 11, 27)}, "published"),  # dated today: out today
        ({"expires": date(2026, 11, 27)}, "expired"),  # not published from this date on
        ({"expires": date(2026, 11, 28)}, "published"),
        ({"draft": True, "date": date(2026, 12, 1)}, "draft"),
    ],
    ids=["plain", "draft", "draft-false", "tomorrow", "today", "expires-today", "expires-tomorrow", "future-draft"],
)
def test_publishing_status(project, fields, status):
    project.remove_seed_posts()
    project.write_post("post.md", **fields)

    content, post = only_post(project)
    assert content.status(post) == status


@pytest.mark.parametrize(
    ("written", "status"),
    [
        # 14:00 at UTC+2 is 12:00 UTC: exactly the build moment, so it is out.
        ("2026-11-27T14:00:00+02:00", "published"),
        # 09:00 at UTC-5 is 14:00 UTC: two hours after the build, although 09:00 < 12:00.
        ("2026-11-27T09:00:00-05:00", "scheduled"),
        # No offset: the site's time zone (America/New_York, UTC-5 in November).
        ("2026-11-27 06:59:00", "published"),
        ("2026-11-27 07:01:00", "scheduled"),
    ],
)
def test_a_date_with_time_and_offset_is_compared_as_a_moment(project, written, status):
    project.remove_seed_posts()
    project.write("docs/blog/posts/post.md", (
        "---\n"
        'title: "A Post With a Publishing Time"\n'
        f"date: {written}\n"
        "authors: [erin-helms]\n"
        'description: "A description long enough for search results, and short enough to read."\n'
        "---\n\nWords.\n"
    ))

    content, post = only_post(project)
    assert post.has_time is True
    assert content.status(post) == status


def test_unpublished_posts_are_loaded_but_not_visible(project):
    project.write_post("draft.md", draft=True)
    project.write_post("tomorrow.md", date=date(2026, 11, 28))
    project.write_post("gone.md", expires=date(2026, 11, 1), date=date(2026, 10, 1))

    content = project.load()
    assert {post.slug for post in content.posts} == set(SEED_SLUGS) | {"draft", "tomorrow", "gone"}
    assert [post.slug for post in content.visible] == SEED_SLUGS


def test_preview_shows_drafts_and_scheduled_posts_still_marked(project):
    project.write_post("draft.md", draft=True, date=date(2026, 11, 20))
    project.write_post("tomorrow.md", date=date(2026, 11, 28))

    content = project.load(preview=True)
    assert [post.slug for post in content.visible] == ["tomorrow", "draft", *SEED_SLUGS]
    assert [content.status(post) for post in content.visible[:2]] == ["scheduled", "draft"]


# --- Build date -----------------------------------------------------------------------


def test_build_time_is_source_date_epoch_when_set():
    assert build_time({"SOURCE_DATE_EPOCH": "1723248000"}) == datetime(2024, 8, 10, tzinfo=timezone.utc)
    assert build_time({"SOURCE_DATE_EPOCH": " 0 "}) == datetime(1970, 1, 1, tzinfo=timezone.utc)


def test_build_time_is_now_without_source_date_epoch():
    before = datetime.now(timezone.utc)
    built = build_time({})
    assert before <= built <= datetime.now(timezone.utc)
    assert build_time({"SOURCE_DATE_EPOCH": ""}).tzinfo is not None


@pytest.mark.parametrize("value", ["yesterday", "-1", "1.5", "1e9", "99999999999999", "²"])
def test_a_bad_source_date_epoch_is_a_content_error(value):
    with pytest.raises(ContentError) as caught:
        build_time({"SOURCE_DATE_EPOCH": value})
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.field) == ("environment", 1, "SOURCE_DATE_EPOCH")
    assert "not a number of seconds since 1970-01-01" in problem.message


# --- Order ------------------------------------------------------------------------------


def test_newest_first_with_ties_broken_by_slug(project):
    project.remove_seed_posts()
    # Written in an order that is neither by slug nor by date.
    project.write_post("zebra.md", date=date(2026, 11, 2))
    project.write_post("2026-11-01-older.md", date=date(2026, 11, 1))
    project.write_post("apple.md", date=date(2026, 11, 2))
    project.write_post("mango.md", date=datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc))

    content = project.load()
    assert [post.slug for post in content.posts] == ["mango", "apple", "zebra", "older"]
    assert newest_first(list(reversed(content.posts))) == list(content.posts)


# --- Tags -----------------------------------------------------------------------------


def test_hash_prefix_and_aliases_resolve_to_the_canonical_tag(project):
    project.remove_seed_posts()
    project.write_post("post.md", tags=["#BostonWarehouseJob", "InterviewTips", "#InterviewTips", "BostonWarehouseJobs"])

    _, post = only_post(project)
    assert post.tags == ("BostonWarehouseJobs", "InterviewTips")


# --- Listings ---------------------------------------------------------------------------


def write_dated_posts(project, count: int) -> list[str]:
    """``count`` posts, one a day back from 26 November 2026; returns slugs newest first."""
    project.remove_seed_posts()
    slugs = []
    for n in range(count):
        slug = f"post-{n + 1:02d}"
        project.write_post(f"{slug}.md", date=date(2026, 11, 26) - timedelta(days=n), title=f"Post {n + 1}")
        slugs.append(slug)
    return slugs


def test_blog_index_has_ten_posts_a_page(project):
    slugs = write_dated_posts(project, 23)

    pages = [listing for listing in plan_listings(project.load()) if listing.kind == "blog"]
    assert [page.url for page in pages] == ["blog/", "blog/page/2/", "blog/page/3/"]
    assert [[post.slug for post in page.posts] for page in pages] == [slugs[:10], slugs[10:20], slugs[20:]]
    assert [(page.previous_url, page.next_url) for page in pages] == [
        (None, "blog/page/2/"),
        ("blog/", "blog/page/3/"),
        ("blog/page/2/", None),
    ]
    assert [page.title for page in pages] == ["Blog", "Blog, page 2 of 3", "Blog, page 3 of 3"]


def _page_numbers(pages: int, number: int) -> list[str]:
    urls = tuple(f"blog/page/{n}/" for n in range(1, pages + 1))
    listing = Listing(kind="blog", url=urls[number - 1], title="Blog", number=number, pages=pages, page_urls=urls)
    return ["…" if link is None else f"[{link.number}]" if link.current else str(link.number)
            for link in listing.page_links()]


def test_page_links_are_the_first_last_and_nearby_pages_with_one_gap_each_side():
    assert Listing(kind="tags", url="tags/", title="Tags").page_links() == []
    assert _page_numbers(5, 3) == ["1", "2", "[3]", "4", "5"]
    assert _page_numbers(8, 5) == ["1", "…", "3", "4", "[5]", "6", "7", "8"]
    assert _page_numbers(100, 1) == ["[1]", "2", "3", "…", "100"]
    assert _page_numbers(100, 50) == ["1", "…", "48", "49", "[50]", "51", "52", "…", "100"]
    assert _page_numbers(100, 99) == ["1", "…", "97", "98", "[99]", "100"]
    # However long the blog, a page links at most nine numbers: the template no longer loops
    # over every page from every page.
    assert max(len(_page_numbers(300, n)) for n in range(1, 301)) == 9
    urls = tuple(f"blog/page/{n}/" for n in range(1, 4))
    assert Listing(kind="blog", url=urls[1], title="Blog", number=2, pages=3, page_urls=urls).page_links() == [
        PageLink(1, "blog/page/1/", False),
        PageLink(2, "blog/page/2/", True),
        PageLink(3, "blog/page/3/", False),
    ]


def test_posts_per_page_comes_from_site_settings(project):
    project.write("data/site.yml", "organization:\n  name: LaborMAX\nblog:\n  posts_per_page: 3\n")
    write_dated_posts(project, 7)

    content = project.load()
    pages = paginate_blog(list(content.visible), content.settings.posts_per_page)
    assert [len(page.posts) for page in pages] == [3, 3, 1]


def test_an_empty_blog_still_has_its_index_page(project):
    project.remove_seed_posts()

    pages = paginate_blog([], 10)
    assert [(page.url, page.posts, page.pages) for page in pages] == [("blog/", (), 1)]


def test_pinned_posts_come_first_on_the_blog_index_only(project):
    project.write_post("old-but-important.md", date=date(2023, 1, 5), pin=True)

    content = project.load()
    index = paginate_blog(list(content.visible), 10)[0]
    assert [post.slug for post in index.posts] == ["old-but-important", *SEED_SLUGS]
    # Everywhere else, newest first still holds.
    archives = {listing.url: listing for listing in plan_listings(content) if listing.kind == "archive"}
    assert [post.slug for post in archives["blog/archive/2023/"].posts] == ["old-but-important"]
    assert [post.slug for post in content.visible][-1] == "old-but-important"


def test_tag_pages_exist_only_for_tags_with_visible_posts(project):
    project.append("data/tags.yml", "RemoteJobs: {}\nNightShiftJobs: {}\n")
    # RemoteJobs is only on a post that is not out yet; NightShiftJobs on none.
    project.write_post("remote.md", date=date(2026, 12, 1), tags=["RemoteJobs"])

    live = {listing.url for listing in plan_listings(project.load()) if listing.kind == "tag"}
    assert live == {
        "tags/baltimore-temp-jobs/", "tags/boston-warehouse-jobs/", "tags/construction-jobs/",
        "tags/interview-tips/", "tags/job-search-tips/", "tags/summer-jobs/",
        "tags/temp-jobs-boston/", "tags/workplace-safety/",
    }
    previewed = {listing.url for listing in plan_listings(project.load(preview=True)) if listing.kind == "tag"}
    assert previewed == live | {"tags/remote-jobs/"}


def test_a_tag_page_lists_its_posts_newest_first(project):
    content = project.load()
    pages = {listing.url: listing for listing in plan_listings(content)}

    page = pages["tags/job-search-tips/"]
    assert page.title == "#JobSearchTips"
    assert [post.slug for post in page.posts] == ["job-scams", "summer-jobs"]
    assert pages["tags/"].kind == "tags"
    assert [(tag.name, count) for tag, count in tag_counts(content)][0] == ("JobSearchTips", 2)


def test_year_archives_newest_year_first(project):
    project.write_post("new-year.md", date=date(2025, 1, 2))
    project.write_post("not-yet.md", date=date(2027, 1, 2))  # scheduled: no 2027 archive

    content = project.load()
    archives = [listing for listing in plan_listings(content) if listing.kind == "archive"]
    assert [(a.url, a.title, len(a.posts)) for a in archives] == [
        ("blog/archive/2025/", "Posts from 2025", 1),
        ("blog/archive/2024/", "Posts from 2024", 4),
    ]
    assert archive_years(content) == [(2025, "blog/archive/2025/", 1), (2024, "blog/archive/2024/", 4)]


def test_author_pages_list_the_authors_visible_posts(project):
    project.append("data/authors.yml", "sam-ortiz:\n  name: Sam Ortiz\n")
    project.write_post("duet.md", date=date(2026, 1, 5), authors=["sam-ortiz", "erin-helms"])
    project.write_post("sams-draft.md", draft=True, authors=["sam-ortiz"])

    content = project.load()
    pages = {page.url: page for page in plan_author_pages(content, list(content.visible))}
    assert [post.slug for post in pages["authors/sam-ortiz/"].posts] == ["duet"]
    assert pages["authors/sam-ortiz/"].title == "Sam Ortiz"
    assert [post.slug for post in pages["authors/erin-helms/"].posts] == ["duet", *SEED_SLUGS]


# --- Dates for readers -------------------------------------------------------------------


def test_format_date_is_english_whatever_the_locale(tmp_path):
    """Under a German locale that really is in force (strftime says "März"), dates stay English.

    The locale is compiled for the test (glibc's localedef, from Debian's `locales` package), so
    the test never falls back to English on a machine that has no other locale installed.
    """
    localedef = shutil.which("localedef")
    assert localedef and Path("/usr/share/i18n/locales/de_DE").exists(), \
        "install Debian's 'locales' package (localedef and its locale sources) to run this test"
    subprocess.run([localedef, "-i", "de_DE", "-f", "UTF-8", str(tmp_path / "de_DE.UTF-8")], check=True,
                   capture_output=True)
    script = (
        "import locale; from datetime import datetime; from careerblog.listings import format_date\n"
        "locale.setlocale(locale.LC_ALL, '')\n"
        "print(datetime(2024, 3, 1).strftime('%B'))\n"
        "print(format_date(datetime(2024, 3, 1))); print(format_date(datetime(2024, 5, 6, 23, 59)))\n"
    )
    env = {**os.environ, "LOCPATH": str(tmp_path), "LC_ALL": "de_DE.UTF-8"}
    ran = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)

    in_force, march, may = ran.stdout.splitlines()
    assert in_force == "März", "the German locale is not in force, so this test would prove nothing"
    assert (march, may) == ("March 1, 2024", "May 6, 2024")


# --- How problems read ----------------------------------------------------------------------


def test_a_problem_reads_path_line_field_message():
    problem = Problem("docs/blog/posts/bad.md", 3, "title", "is missing; add 'title:'")
    assert str(problem) == "docs/blog/posts/bad.md:3: title: is missing; add 'title:'"

    error = ContentError([problem, Problem("data/tags.yml", 1, "file", "is missing")])
    assert str(error).splitlines() == [
        "2 content problems found:",
        "data/tags.yml:1: file: is missing",
        "docs/blog/posts/bad.md:3: title: is missing; add 'title:'",
    ]


def test_load_content_does_not_need_now_to_be_today(project):
    # Built "in 2024", the summer post is live and a post dated today is not.
    project.write_post("today.md", date=NOW.date())
    content = project.load(now=datetime(2024, 8, 10, 4, tzinfo=timezone.utc))  # midnight in New York
    assert [post.slug for post in content.visible] == SEED_SLUGS

    content = project.load(now=datetime(2024, 7, 1, tzinfo=timezone.utc))
    assert [post.slug for post in content.visible] == SEED_SLUGS[2:]
