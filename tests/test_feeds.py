"""Following a hashtag or an author: /tags/<slug>/feed.xml and /authors/<id>/feed.xml,
Atom like /feed.xml, announced on their pages (contract section 6)."""

from __future__ import annotations

from datetime import date

import feedparser
import pytest

from careerblog.feeds import plan_feeds
from conftest import NOW
from sitebuild import resolve

SITE_URL = "https://blog.labormax.com/"


def parse(site, url: str):
    parsed = feedparser.parse(site.path(url).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def tag_pages(site) -> list[str]:
    return sorted(f"/tags/{p.parent.name}/" for p in (site.root / "tags").glob("*/index.html"))


def test_every_tag_page_announces_its_feed_and_offers_a_follow_link(site):
    pages = tag_pages(site)
    assert "/tags/boston-warehouse-jobs/" in pages and len(pages) >= 5
    for url in pages:
        page = site.html(url)
        links = [resolve(url, a["href"]) for a in page.select('link[rel~="alternate"][type="application/atom+xml"]')]
        assert links == ["/feed.xml", f"{url}feed.xml"], url
        follow = page.select_one("[data-follow] a[href]")
        assert resolve(url, follow["href"]) == f"{url}feed.xml"
        assert follow.get_text(" ", strip=True) == f"Follow {page.h1.get_text(strip=True)}"


def test_a_tag_feed_holds_exactly_that_tags_posts(site):
    for url in tag_pages(site):
        parsed = parse(site, f"{url}feed.xml")
        name = site.html(url).h1.get_text(strip=True).lstrip("#")
        on_page = [SITE_URL + link.lstrip("/") for link in site.card_links(url)]
        assert [e.link for e in parsed.entries] == on_page, url
        assert all(name in [t.term for t in e.tags] for e in parsed.entries), url
        assert parsed.feed.links[0].href == SITE_URL + f"{url.lstrip('/')}feed.xml"
        assert parsed.feed.title == f"#{name} - LaborMAX Career Blog"


def test_an_author_feed_holds_the_authors_posts(site):
    url = "/authors/erin-helms/"
    page = site.html(url)
    assert resolve(url, page.select_one("[data-follow] a")["href"]) == f"{url}feed.xml"
    parsed = parse(site, f"{url}feed.xml")
    assert [e.link for e in parsed.entries] == [SITE_URL + u.lstrip("/") for u in site.card_links(url)]
    assert parsed.entries and all(e.author == "Erin Helms" for e in parsed.entries)


def test_other_pages_announce_only_the_sites_feed(site):
    for url in ("/", "/blog/", "/tags/", "/blog/missed-your-interview/"):
        page = site.html(url)
        assert len(page.select('link[rel~="alternate"][type="application/atom+xml"]')) == 1, url
        assert page.select_one("[data-follow]") is None, url


def test_a_tag_feed_leaves_out_other_tags_and_unpublished_posts(project):
    project.remove_seed_posts()
    def post(day: date, title: str, *tags: str, **front) -> None:
        project.write_post(f"{day}-{title.lower().replace(' ', '-')}.md", title=title, date=day, tags=list(tags), **front)

    post(date(2026, 10, 1), "Boston Warehouse Shifts", "BostonWarehouseJobs")
    post(date(2026, 10, 2), "Interview Tips", "InterviewTips")
    post(date(2026, 10, 3), "Boston Interviews", "InterviewTips", "#BostonWarehouseJob")
    post(date(2026, 10, 4), "Boston Draft", "BostonWarehouseJobs", draft=True)
    post(date(2026, 12, 24), "Boston Later", "BostonWarehouseJobs")
    feeds = {feed.url: feed for feed in plan_feeds(project.load(NOW), "Blog")}
    assert [p.title for p in feeds["tags/boston-warehouse-jobs/feed.xml"].posts] == ["Boston Interviews", "Boston Warehouse Shifts"]
    assert [p.title for p in feeds["tags/interview-tips/feed.xml"].posts] == ["Boston Interviews", "Interview Tips"]
    assert "tags/summer-jobs/feed.xml" not in feeds  # no published post: no page, no feed
    assert len(feeds["feed.xml"].posts) == 3


@pytest.mark.parametrize("url", ["/tags/interview-tips/feed.xml", "/authors/erin-helms/feed.xml"])
def test_feeds_are_not_in_the_sitemap_but_pages_are(site, url):
    sitemap = site.path("/sitemap.xml").read_text()
    assert SITE_URL + url.lstrip("/") not in sitemap
    assert SITE_URL + url.removesuffix("feed.xml").lstrip("/") in sitemap
