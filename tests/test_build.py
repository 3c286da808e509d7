"""Build stories: the real site, and small variations of it, built strictly by MkDocs."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys

import pytest
from mkdocs.exceptions import Abort, PluginError

from sitebuild import REPO, Site, build_site, resolve

SEED_SLUGS = ["missed-your-interview", "job-scams", "construction-safety-week", "summer-jobs"]
SEED_URLS = [f"/blog/{slug}/" for slug in SEED_SLUGS]


# --- posts ---------------------------------------------------------------------


def test_every_seed_post_has_its_own_url(site):
    for url in SEED_URLS:
        assert site.exists(url), url
    assert not (site.root / "blog" / "posts").exists(), "posts are published under /blog/<slug>/ only"


def test_post_page_shows_hero_title_byline_and_hashtags(site):
    page = site.html("/blog/missed-your-interview/")
    hero = page.select_one("figure[data-hero]")
    image = hero.select_one("img")
    assert image["alt"].startswith("Illustration of a job seeker on the phone")
    assert resolve("/blog/missed-your-interview/", image["src"]) == "/blog/images/missed-interview.svg"
    assert hero.select_one("figcaption").get_text(strip=True) == "Call the employer as soon as you realize you missed the interview."
    assert page.select_one("article h1").get_text(strip=True) == "Oh No! You Missed Your Interview"
    assert page.select_one("article time[datetime]")["datetime"] == "2024-08-10"
    author = page.select_one(".cb-byline a")
    assert resolve("/blog/missed-your-interview/", author["href"]) == "/authors/erin-helms/"
    assert author.get_text(strip=True) == "Erin Helms"
    assert resolve("/blog/missed-your-interview/", author.select_one("img")["src"]) == "/blog/images/authors/erin-helms.svg"
    assert "3 min read" in page.select_one(".cb-post-meta").get_text()
    tags = page.select("article.cb-post a[data-tag]")
    assert [(a["data-tag"], a.get_text(strip=True)) for a in tags] == [
        ("interview-tips", "#InterviewTips"),
        ("baltimore-temp-jobs", "#BaltimoreTempJobs"),
        ("boston-warehouse-jobs", "#BostonWarehouseJobs"),
        ("temp-jobs-boston", "#TempJobsBoston"),
    ]
    assert resolve("/blog/missed-your-interview/", tags[0]["href"]) == "/tags/interview-tips/"


def test_post_keeps_guide_sections_as_headings_with_their_ids(site):
    page = site.html("/blog/missed-your-interview/")
    assert page.select_one("h2#apologize-by-phone.guide").get_text(strip=True).startswith("Apologize by Phone")
    assert page.select_one("h2#apologize-by-email.guide")
    assert len(page.select("h2#apologize-by-phone + p + ol > li")) == 4


def test_updated_date_is_shown_when_given(buildable, tmp_path):
    buildable.write_post("2026-10-01-fresh.md", title="Fresh Advice", date="2026-10-01", updated="2026-11-02")
    site = Site(build_site(buildable.root, tmp_path / "out"))
    times = site.html("/blog/fresh/").select(".cb-post-meta time")
    assert [t["datetime"] for t in times] == ["2026-10-01", "2026-11-02T00:00:00-05:00"]


def test_posts_stay_out_of_the_navigation(site):
    nav = site.html("/").select_one("nav.md-nav--primary")
    assert "missed-your-interview" not in str(nav)


# --- listings ------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/blog/", "/authors/erin-helms/", "/blog/archive/2024/"])
def test_listings_show_every_seed_post_as_a_card(site, url):
    assert sorted(site.card_links(url)) == sorted(SEED_URLS)


def test_blog_index_is_newest_first(site):
    assert site.card_links("/blog/") == SEED_URLS


def test_tag_pages_list_their_posts(site):
    assert site.card_links("/tags/interview-tips/") == ["/blog/missed-your-interview/"]
    assert site.card_links("/tags/job-search-tips/") == ["/blog/job-scams/", "/blog/summer-jobs/"]
    assert site.html("/tags/interview-tips/").select_one("h1").get_text(strip=True) == "#InterviewTips"


def test_tags_index_lists_every_used_tag_with_its_count(site):
    page = site.html("/tags/")
    links = {a["data-tag"]: a for a in page.select("a[data-tag]")}
    assert set(links) == {
        "interview-tips", "baltimore-temp-jobs", "boston-warehouse-jobs", "temp-jobs-boston",
        "job-search-tips", "construction-jobs", "workplace-safety", "summer-jobs",
    }
    assert resolve("/tags/", links["job-search-tips"]["href"]) == "/tags/job-search-tips/"
    assert "2 posts" in links["job-search-tips"].parent.get_text()


def test_card_carries_thumbnail_title_date_author_description_and_hashtags(site):
    card = site.html("/blog/").select_one("[data-post-card]")
    assert resolve("/blog/", card.select_one("img")["src"]) == "/blog/images/missed-interview.svg"
    assert card.select_one("h2 a").get_text(strip=True) == "Oh No! You Missed Your Interview"
    assert card.select_one("time")["datetime"] == "2024-08-10"
    assert "Erin Helms" in card.select_one(".cb-card-meta").get_text()
    assert card.select_one(".cb-card-description").get_text(strip=True).startswith("How to apologize by phone or email")
    assert [a["data-tag"] for a in card.select("a[data-tag]")][:2] == ["interview-tips", "baltimore-temp-jobs"]


def test_author_page_shows_the_author(site):
    page = site.html("/authors/erin-helms/")
    assert page.select_one("h1").get_text(strip=True) == "Erin Helms"
    assert "Staffing Specialist" in page.select_one(".cb-author-card").get_text()


def test_blog_index_paginates_ten_a_page_with_pinned_posts_first(buildable, tmp_path):
    buildable.remove_seed_posts()
    for day in range(1, 24):
        buildable.write_post(f"2025-01-{day:02d}-post-{day}.md", title=f"Post number {day}", date=f"2025-01-{day:02d}")
    buildable.write_post("2024-06-01-pinned.md", title="Pinned Post", date="2024-06-01", pin=True)
    site = Site(build_site(buildable.root, tmp_path / "out"))
    first = site.card_links("/blog/")
    assert first[0] == "/blog/pinned/"
    assert first[1:] == [f"/blog/post-{d}/" for d in range(23, 14, -1)]
    assert len(site.card_links("/blog/page/2/")) == 10
    assert site.card_links("/blog/page/3/") == [f"/blog/post-{d}/" for d in range(4, 0, -1)]
    assert not site.exists("/blog/page/4/")
    pages = site.html("/blog/page/2/").select_one("nav.cb-pages")
    assert resolve("/blog/page/2/", pages.select_one("a[rel=prev]")["href"]) == "/blog/"
    assert resolve("/blog/page/2/", pages.select_one("a[rel=next]")["href"]) == "/blog/page/3/"
    assert pages.select_one("[aria-current=page]").get_text() == "2"
    assert sorted(site.card_links("/blog/archive/2025/")) == sorted(f"/blog/post-{d}/" for d in range(1, 24))


# --- publishing ----------------------------------------------------------------


def _unpublished(project) -> None:
    project.write_post("2026-01-01-secret-draft.md", title="Secret Draft Post", draft=True)
    project.write_post("2027-03-01-future-post.md", title="Future Scheduled Post", date="2027-03-01", tags=["SummerJobs"])
    project.write_post("2023-01-01-expired-post.md", title="Expired Old Post", date="2023-01-01", expires="2024-01-01")


def test_unpublished_posts_appear_nowhere(buildable, tmp_path):
    _unpublished(buildable)
    site = Site(build_site(buildable.root, tmp_path / "out"))
    everything = site.text_of_all_files()
    for slug, title in [("secret-draft", "Secret Draft Post"), ("future-post", "Future Scheduled Post"), ("expired-post", "Expired Old Post")]:
        assert not site.exists(f"/blog/{slug}/")
        assert slug not in everything and title not in everything
    assert not site.exists("/blog/archive/2023/") and not site.exists("/blog/archive/2027/")
    assert site.card_links("/tags/summer-jobs/") == ["/blog/summer-jobs/"]


def test_preview_shows_unpublished_posts_marked(buildable, tmp_path):
    _unpublished(buildable)
    site = Site(build_site(buildable.root, tmp_path / "out", serve=True))
    assert site.html("/blog/secret-draft/").select_one("[data-status]")["data-status"] == "draft"
    assert site.html("/blog/future-post/").select_one("[data-status]")["data-status"] == "scheduled"
    assert "/blog/future-post/" in site.card_links("/blog/")
    # The preview flag does not leak into the next build in the same process.
    again = Site(build_site(buildable.root, tmp_path / "again"))
    assert not again.exists("/blog/secret-draft/")


# --- safety --------------------------------------------------------------------


def test_front_matter_strings_are_escaped_everywhere(buildable, tmp_path):
    buildable.write_post(
        "2026-11-01-escape.md",
        title='Tips & <script>alert("t")</script>',
        description='A description with "quotes" & <b>markup</b> that must never reach the page as HTML.',
        image={"src": "../images/job-scams.svg", "alt": 'A "quoted" <img> alt that must stay text'},
    )
    site = Site(build_site(buildable.root, tmp_path / "out"))
    for url in ("/blog/escape/", "/blog/", "/tags/interview-tips/"):
        raw = site.path(url).read_text(encoding="utf-8")
        assert "<script>alert" not in raw and "<b>markup</b>" not in raw, url
    page = site.html("/blog/escape/")
    assert page.select_one("article h1").get_text() == 'Tips & <script>alert("t")</script>'
    assert page.select_one("meta[name=description]")["content"].startswith('A description with "quotes"')
    assert page.select_one("[data-hero] img")["alt"] == 'A "quoted" <img> alt that must stay text'


def test_no_page_asks_another_origin_for_fonts_or_scripts(site):
    for page in site.root.rglob("*.html"):
        soup = Site(site.root).html("/" + page.relative_to(site.root).as_posix())
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.select(f"{tag}[{attr}]"):
                value = element[attr]
                if tag == "link" and element.get("rel") == ["canonical"]:
                    continue
                assert not value.startswith(("http://", "https://", "//")), f"{page}: {value}"


def test_two_builds_in_one_process_are_identical(tmp_path):
    first = build_site(REPO, tmp_path / "one")
    second = build_site(REPO, tmp_path / "two")
    comparison = filecmp.dircmp(first, second)
    differences = []

    def collect(cmp):
        differences.extend(cmp.left_only + cmp.right_only + cmp.diff_files)
        for sub in cmp.subdirs.values():
            collect(sub)

    collect(comparison)
    _, mismatch, errors = filecmp.cmpfiles(first, second, [p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()], shallow=False)
    assert differences == [] and mismatch == [] and errors == []


# --- refusals ------------------------------------------------------------------


@pytest.fixture
def build_error(caplog, tmp_path):
    """Build a project that must fail; return what MkDocs told the editor."""

    def run(project) -> str:
        with pytest.raises((PluginError, Abort)):
            build_site(project.root, tmp_path / "out")
        return caplog.text

    return run


def test_content_problems_stop_the_build_listing_every_one(buildable, tmp_path, build_error):
    buildable.write_post("2026-11-01-broken.md", tags=["InterviewTip"], authors=["erin-helm"])
    message = build_error(buildable)
    assert "docs/blog/posts/2026-11-01-broken.md:5: tags: unknown tag 'InterviewTip' (did you mean 'InterviewTips'?)" in message
    assert "docs/blog/posts/2026-11-01-broken.md:4: authors: unknown author 'erin-helm' (did you mean 'erin-helms'?)" in message


def test_a_broken_build_shows_no_traceback(buildable):
    buildable.write_post("2026-11-01-broken.md", description="Too short.")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(buildable.root / "out")],
        cwd=buildable.root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    assert "docs/blog/posts/2026-11-01-broken.md:6: description: is 10 characters long; write at least 50" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_symlinked_post_is_refused(buildable, tmp_path, build_error):
    outside = tmp_path / "elsewhere.md"
    outside.write_text(buildable.write_post("2026-11-01-real.md").read_text())
    (buildable.posts / "2026-11-01-real.md").unlink()
    os.symlink(outside, buildable.posts / "2026-11-01-linked.md")
    assert "docs/blog/posts/2026-11-01-linked.md:1: file: is a symbolic link" in build_error(buildable)


def test_a_symlinked_page_is_refused(buildable, tmp_path, build_error):
    outside = tmp_path / "about.md"
    outside.write_text("# About\n")
    os.symlink(outside, buildable.docs / "about.md")
    assert "docs/about.md:1: file: is a symbolic link" in build_error(buildable)


def test_a_page_and_a_post_with_one_url_are_refused_naming_both(buildable, tmp_path, build_error):
    buildable.write("docs/blog/job-scams.md", "# Job scams\n")
    message = build_error(buildable)
    assert "docs/blog/job-scams.md" in message and "docs/blog/posts/2024-07-15-avoid-job-scams.md" in message


def test_a_page_where_a_generated_page_goes_is_refused(buildable, tmp_path, build_error):
    buildable.write("docs/tags/index.md", "# My tags\n")
    assert "docs/tags/index.md:1: file: /tags/ is the generated page 'Tags'" in build_error(buildable)


def test_post_ends_with_an_author_card_linking_to_the_author(site):
    card = site.html("/blog/missed-your-interview/").select_one("article.cb-post .cb-author-card")
    link = card.select_one(".cb-author-name a")
    assert link.get_text() == "Erin Helms"
    assert resolve("/blog/missed-your-interview/", link["href"]) == "/authors/erin-helms/"
    assert "Staffing Specialist" in card.get_text() and "Baltimore and Boston" in card.get_text()


def test_long_listings_link_the_first_last_and_nearby_pages(buildable, tmp_path):
    buildable.remove_seed_posts()
    for n in range(1, 81):
        buildable.write_post(f"2025-01-01-p{n}.md", title=f"Post {n}", date=f"2025-{(n - 1) // 28 + 1:02d}-{(n - 1) % 28 + 1:02d}")
    site = Site(build_site(buildable.root, tmp_path / "out"))
    pages = site.html("/blog/page/5/").select_one("nav.cb-pages")
    numbers = [li.get_text(strip=True) for li in pages.select("ol li")]
    assert numbers == ["1", "…", "3", "4", "5", "6", "7", "8"]
    assert resolve("/blog/page/5/", pages.select_one("ol a[href]")["href"]) == "/blog/"


def test_brand_colour_and_logo_come_from_site_settings(buildable, tmp_path):
    settings = (buildable.root / "data" / "site.yml").read_text()
    (buildable.root / "data" / "site.yml").write_text(settings.replace('color: "#1f3a68"', 'color: "#0a5c36"'))
    page = Site(build_site(buildable.root, tmp_path / "out")).html("/")
    assert "--md-primary-fg-color: #0a5c36;" in page.select_one("head style").get_text()
    logo = page.select_one(".md-header__button.md-logo img")
    assert resolve("/", logo["src"]) == "/assets/images/logo.svg"
