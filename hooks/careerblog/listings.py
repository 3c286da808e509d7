"""Listing pages (blog index, tags, authors, year archives) and the cards on them.

Listings are planned from front matter alone, so no post is rendered twice:
a card needs only the title, date, authors, description, tags and hero image.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from . import urls
from .content import Content
from .models import Author, Post, Tag

Kind = Literal["blog", "tag", "tags", "author", "archive"]
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")


@dataclass(frozen=True)
class Listing:
    """One generated page that lists posts (or, for ``/tags/``, tags)."""

    kind: Kind
    url: str
    title: str
    posts: tuple[Post, ...] = ()
    description: str = ""
    number: int = 1  # page number within a paginated listing
    pages: int = 1
    tag: Tag | None = None
    author: Author | None = None
    page_urls: tuple[str, ...] = field(default=(), repr=False)

    @property
    def previous_url(self) -> str | None:
        return self.page_urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.page_urls[self.number] if self.number < self.pages else None

    def page_links(self) -> list[PageLink | None]:
        """The page numbers this page links: the first, the last and those within two of this
        one, None for a gap ("…") where page 2 or the last but one is left out. Chosen here,
        not by the template looping over every page: that is the square of the pages over a
        blog's listing (100 pages of 100 page links at 1,000 posts, for each new post)."""
        if self.pages < 2:
            return []  # nothing to page through (and no page URLs given)
        near = range(max(1, self.number - 2), min(self.pages, self.number + 2) + 1)
        shown = sorted({1, self.pages, *near})
        links: list[PageLink | None] = []
        for before, number in zip([0, *shown], shown):
            if before and number - before > 1:
                links.append(None)
            links.append(PageLink(number, self.page_urls[number - 1], number == self.number))
        return links


@dataclass(frozen=True)
class PageLink:
    """A page number in a listing's page links: its page's URL, and whether it is this page."""

    number: int
    url: str
    current: bool


def plan_listings(content: Content) -> list[Listing]:
    """Every listing page of the site, in a stable order.

    Planned once per ``content``: the content check's map of link targets and hooks/listings.py
    both ask for it (3-5 ms each at 1,000 posts, on every preview save)."""
    planned = content.__dict__.get("_listings")  # a frozen dataclass, as cached_property does
    if planned is None:
        planned = content.__dict__["_listings"] = tuple(_plan_listings(content))
    return list(planned)


def _plan_listings(content: Content) -> list[Listing]:
    posts = list(content.visible)
    listings = paginate_blog(posts, content.settings.posts_per_page)
    listings += plan_tag_pages(content, posts)
    listings += plan_author_pages(content, posts)
    listings += plan_archives(posts)
    return listings


def paginate_blog(posts: list[Post], per_page: int) -> list[Listing]:
    """``/blog/``, ``/blog/page/2/``...: pinned posts first, then newest first."""
    ordered = [p for p in posts if p.pin] + [p for p in posts if not p.pin]
    pages = max(1, math.ceil(len(ordered) / per_page))
    page_urls = tuple(urls.blog_page_url(n) for n in range(1, pages + 1))
    return [
        Listing(
            kind="blog",
            url=page_urls[n - 1],
            title="Blog" if n == 1 else f"Blog, page {n} of {pages}",
            posts=tuple(ordered[(n - 1) * per_page : n * per_page]),
            description="Career advice, interview tips and job search news.",
            number=n,
            pages=pages,
            page_urls=page_urls,
        )
        for n in range(1, pages + 1)
    ]


def plan_tag_pages(content: Content, posts: list[Post]) -> list[Listing]:
    """One page per tag that has posts, and ``/tags/`` listing those tags."""
    tagged: dict[str, list[Post]] = defaultdict(list)
    for post in posts:
        for name in post.tags:
            tagged[name].append(post)
    pages = [
        Listing(kind="tag", url=tag.url, title=tag.label, posts=tuple(tagged[tag.name]),
                description=tag.description, tag=tag)
        for tag in sorted(content.tags.values(), key=lambda t: t.slug)
        if tagged[tag.name]
    ]
    index = Listing(kind="tags", url=urls.TAGS, title="Tags",
                    description="Every hashtag on the blog, with its number of posts.")
    return [index] + pages


def tag_counts(content: Content) -> list[tuple[Tag, int]]:
    """Tags with published posts, most used first, then by name."""
    counts: dict[str, int] = defaultdict(int)
    for post in content.visible:
        for name in post.tags:
            counts[name] += 1
    return sorted(((content.tags[n], c) for n, c in counts.items()), key=lambda tc: (-tc[1], tc[0].slug))


def plan_author_pages(content: Content, posts: list[Post]) -> list[Listing]:
    return [
        Listing(kind="author", url=author.url, title=author.name, author=author,
                description=author.bio or f"Posts by {author.name}.",
                posts=tuple(p for p in posts if author.id in p.authors))
        for author in sorted(content.authors.values(), key=lambda a: a.id)
    ]


def plan_archives(posts: list[Post]) -> list[Listing]:
    years = sorted({p.year for p in posts}, reverse=True)
    return [
        Listing(kind="archive", url=urls.archive_url(year), title=f"Posts from {year}",
                posts=tuple(p for p in posts if p.year == year))
        for year in years
    ]


def archive_years(content: Content) -> list[tuple[int, str, int]]:
    """(year, url, number of posts), newest year first."""
    counts: dict[int, int] = defaultdict(int)
    for post in content.visible:
        counts[post.year] += 1
    return [(year, urls.archive_url(year), counts[year]) for year in sorted(counts, reverse=True)]


def format_date(moment: datetime) -> str:
    """``August 10, 2024``, the same on every machine whatever its locale."""
    return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def iso_date(moment: datetime, has_time: bool) -> str:
    return moment.isoformat() if has_time else moment.date().isoformat()


def card(post: Post, content: Content) -> dict:
    """Plain data for ``partials/post-card.html``; the partial escapes every string."""
    return {
        "url": post.url,
        "title": post.title,
        "description": post.description,
        "date": iso_date(post.date, post.has_time),
        "date_text": format_date(post.date),
        "reading_minutes": post.reading_minutes,
        "authors": [author_link(content.authors[a]) for a in post.authors],
        "tags": [tag_link(content.tags[t]) for t in post.tags],
        "image": {"src": post.image.src, "alt": post.image.alt} if post.image else None,
        "status": content.status(post),
    }


def author_link(author: Author) -> dict:
    return {"id": author.id, "name": author.name, "url": author.url, "avatar": author.avatar,
            "role": author.role, "bio": author.bio}


def tag_link(tag: Tag) -> dict:
    return {"name": tag.name, "label": tag.label, "slug": tag.slug, "url": tag.url}
