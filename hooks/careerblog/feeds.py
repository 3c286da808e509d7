"""Atom feeds (contract section 6): the site's ``/feed.xml`` and one per hashtag and author,
``/tags/<slug>/feed.xml`` and ``/authors/<id>/feed.xml``, so that a reader (or an email
service that turns a feed into a newsletter) can follow just #BostonWarehouseJobs.

Plain data for ``overrides/feed.xml``; the template escapes every string.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import Content
from .listings import iso_date
from .models import Post
from .redirects import read_alias
from .schema_org import absolute

FEED_SIZE = 20  # newest posts in each feed
FEED_FILE = "feed.xml"
_MEDIA_TYPES = {"svg": "image/svg+xml", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
                "webp": "image/webp", "gif": "image/gif", "avif": "image/avif"}


@dataclass(frozen=True)
class Feed:
    """One Atom feed: where it is served, the page it follows, and its newest posts."""

    url: str  # site-relative: "feed.xml", "tags/boston-warehouse-jobs/feed.xml"
    page_url: str  # the HTML page it follows: "", "tags/boston-warehouse-jobs/"
    title: str
    subtitle: str
    posts: tuple[Post, ...]
    # Where the feed was before its tag's page moved (url_aliases): followers subscribed
    # there keep getting posts, since a feed reader cannot follow a meta refresh.
    earlier_urls: tuple[str, ...] = ()


def plan_feeds(content: Content, site_name: str, site_description: str = "") -> list[Feed]:
    """The site's feed, then one per hashtag with published posts and one per author."""
    posts = [p for p in content.visible if content.status(p) == "published"]
    feeds = [Feed(FEED_FILE, "", site_name, site_description, tuple(posts[:FEED_SIZE]))]
    # Each post filed once under its tags and authors, newest first: not every post per tag.
    by_tag: dict[str, list[Post]] = {}
    by_author: dict[str, list[Post]] = {}
    for post in posts:
        for name in dict.fromkeys(post.tags):
            by_tag.setdefault(name, []).append(post)
        for id_ in dict.fromkeys(post.authors):
            by_author.setdefault(id_, []).append(post)
    for tag in sorted(content.tags.values(), key=lambda t: t.slug):
        tagged = tuple(by_tag.get(tag.name, ()))
        if tagged:  # like its page: a hashtag without published posts has no feed
            feeds.append(Feed(feed_url(tag.url), tag.url, f"{tag.label} - {site_name}",
                              tag.description or f"New posts tagged {tag.label}.", tagged[:FEED_SIZE],
                              earlier_urls=_earlier_feed_urls(tag.url_aliases)))
    for author in sorted(content.authors.values(), key=lambda a: a.id):
        written = tuple(by_author.get(author.id, ()))
        feeds.append(Feed(feed_url(author.url), author.url, f"{author.name} - {site_name}",
                          f"New posts by {author.name}.", written[:FEED_SIZE]))
    return feeds


def feed_url(page_url: str) -> str:
    """The feed that follows a tag or author page: ``tags/x/`` -> ``tags/x/feed.xml``."""
    return f"{page_url}{FEED_FILE}"


def _earlier_feed_urls(aliases: tuple[str, ...]) -> tuple[str, ...]:
    folders = (read_alias(written)[0] for written in aliases)
    return tuple(feed_url(url) for url in folders if url and url.endswith("/"))


def shown_besides_posts(content: Content, site_url: str) -> tuple:
    """What ``render_feed`` shows besides the feed's own fields and its posts: whoever keeps a
    rendered feed (the preview, hooks/feed.py) keys it with this, kept beside the code it reads."""
    return (site_url, content.settings.organization.name, content.authors, content.tags)


def render_feed(feed: Feed, content: Content, site_url: str) -> dict:
    """What ``overrides/feed.xml`` prints for ``feed``."""
    entries = [feed_entry(post, content, site_url) for post in feed.posts]
    return {
        "id": absolute(site_url, feed.url if feed.page_url else ""),
        "self": absolute(site_url, feed.url),
        "home": absolute(site_url, feed.page_url),
        "title": feed.title,
        "subtitle": feed.subtitle,
        "author": content.settings.organization.name,
        # The newest entry's date, not the clock: an unchanged blog gives an unchanged feed.
        "updated": max((e["updated"] for e in entries), default="1970-01-01T00:00:00+00:00"),
        "entries": entries,
    }


def feed_entry(post: Post, content: Content, site_url: str) -> dict:
    url = absolute(site_url, post.url)
    return {
        "id": url,
        "url": url,
        "title": post.title,
        "summary": post.description,
        "published": iso_date(post.date, True),
        "updated": iso_date(post.updated or post.date, True),
        "authors": [{"name": content.authors[a].name, "uri": absolute(site_url, content.authors[a].url)} for a in post.authors],
        "categories": [content.tags[t].name for t in post.tags],
        "image": absolute(site_url, post.image.src) if post.image else None,
        "image_type": media_type(post.image.src) if post.image else None,
    }


def media_type(path: str) -> str:
    return _MEDIA_TYPES.get(path.rsplit(".", 1)[-1].lower(), "application/octet-stream")
