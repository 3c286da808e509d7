"""Which pages a post added or deleted can change: the preview digests only those.

`mkdocs serve` alone (serve_model.py asks; no MkDocs import here). After a save that
changes which posts exist, the serve model used to digest every page (its content and
what every hook's ``on_page_context`` gives it) to find the ones that changed: some
1,400 digests at 1,000 posts, 0.6 s of CPU, for about 120 pages that really change.

When a post was added or deleted and nothing else changed in what the views are made
from (the frame: settings, authors, tags, jobs, guides, embeds, and every other post
as it was, minus what posts display), a page that is not read again (serve_model.py
reads again every generated page, the home page and every page naming a file that
appeared or went) shows something different only if:

- it is a post whose related posts changed (which posts, or the tags they share): the
  ranking weighs tags by how many posts carry them, so one post more can reorder the
  cards of posts that do not share a tag with it; both rankings are computed and
  compared here (``related_changed``);
- it named the deleted post (its digest's description holds the slug: a card, a link).

Everything else a post's page shows comes from the post itself, the tags, the jobs and
the settings (its card, callout, structured data, share links). A hook that gives a post's
page something from other posts must be added to this list;

Of the generated pages, only listings show which posts exist: a listing page is read
and digested again only when what it is made of changed (``listing_keys``: its posts,
its place among its pages, the years of the archive; at 1,000 posts a new post with one
tag changes /blog/'s 100 pages and its tag's, not the other 88 tag pages or the authors').
Guide, job and board pages show guides, their source posts, the posts embedding them and
jobs, all in the frame's rest: such a save leaves them as they were. A hook that gives a
generated page something from which posts exist must be added here;
tests/test_preview_never_stale.py adds and deletes posts whose related cards reach
other posts, and compares every served page with a full build.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from careerblog.content import Content
from careerblog.state import BuildState


@dataclass(frozen=True)
class Frame:
    """What every view is made from, but what posts, guides and jobs display; split by post."""

    rest: str  # digest of the settings, authors, tags, jobs, guides and embeds
    posts: dict[str, tuple[str, str]] = field(default_factory=dict)  # by source: (slug, digest of the post)

    @cached_property  # asked for this save's frame and, next save, as the last one
    def digest(self) -> str:
        whole = hashlib.blake2b(self.rest.encode(), digest_size=16)
        for source, (slug, piece) in self.posts.items():  # in the content's order: newest first
            whole.update(f"\n{source}\t{slug}\t{piece}".encode("utf-8", "surrogatepass"))
        return whole.hexdigest()


@dataclass(frozen=True)
class PostsChange:
    """A save that added or deleted posts and changed nothing else the views are made from."""

    removed_slugs: frozenset[str]
    related: frozenset[str]  # sources of posts whose related posts changed


def digest_of(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def posts_change(before: Frame, after: Frame, displays_changed: set[str]) -> tuple[frozenset[str], frozenset[str]] | None:
    """(added, removed) post sources when that is all that changed between the frames; else None.

    ``displays_changed``: the keys (slugs, guide and job ids) whose display changed; only
    the added and removed posts' may have.
    """
    if before.rest != after.rest:
        return None
    added = frozenset(after.posts.keys() - before.posts.keys())
    removed = frozenset(before.posts.keys() - after.posts.keys())
    if not added and not removed:
        return None
    if any(before.posts[source] != after.posts[source] for source in after.posts.keys() & before.posts.keys()):
        return None
    touched = {before.posts[source][0] for source in removed} | {after.posts[source][0] for source in added}
    if not displays_changed <= touched:
        return None
    return added, removed


def listing_keys(state: BuildState) -> dict[str, str]:
    """What each listing page (by source) is made of but the display of its posts
    (hooks/listings.py: its cards, page links and years; its sitemap date from its posts).

    A listing of no posts (/tags/: counts of every tag; its date from every post) has none:
    it is read again after any such save.
    """
    keys: dict[str, str] = {}
    for source, listing in state.listings.items():
        if not listing.posts:
            continue
        shown_years = state.archive_years if listing.kind in ("blog", "archive") else None
        keys[source] = repr((listing.kind, listing.url, listing.title, listing.description, listing.number, listing.pages,
                             listing.tag, listing.author, listing.page_urls, [post.source for post in listing.posts],
                             shown_years))
    return keys


def related_lists(content: Content) -> dict[str, tuple]:
    """Each post's related posts, as its page shows them (hooks/related.py): slugs and shared tags."""
    count, index = content.settings.related_count, content.related_index
    return {post.source: tuple((r.post.slug, tuple(r.shared_tags)) for r in index.rank(post, count))
            for post in content.posts}


def related_changed(before: dict[str, tuple], after: dict[str, tuple]) -> frozenset[str]:
    """Sources of the posts in both whose related posts differ."""
    return frozenset(source for source, ranked in after.items() if source in before and before[source] != ranked)
