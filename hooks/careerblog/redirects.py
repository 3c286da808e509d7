"""Earlier URLs that keep working (contract sections 6 and 11): ``aliases``.

A post's ``aliases`` (front matter) and a hashtag's ``url_aliases``
(data/tags.yml) name URL paths a page had before it was renamed. Each becomes a
redirect page that works on any static host (meta refresh, canonical link,
noindex, a visible link) and a ``301`` line in ``/_redirects``.

The plan is plain data in, plain data out: ``plan_redirects`` takes the set of
live URLs and the aliases with the file and line that declare them, so any page
plan (the build's file list, or ``blog check``'s plan from the sources) can feed it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from . import urls
from .problems import Problem

if TYPE_CHECKING:
    from .content import Content
    from .models import Post, Tag

# What a path on a static host may hold without quoting: no query, fragment, space or '%'.
_PATH = re.compile(r"^/[A-Za-z0-9._~/-]*$")
_PAGE_EXTENSIONS = (".html", ".htm")


@dataclass(frozen=True)
class Alias:
    """One earlier URL, as an editor wrote it, and the live page it stands for."""

    written: str  # "/blog/missed-interview/"
    target: str  # site-relative URL of the live page: "blog/missed-your-interview/"
    path: str  # the file that declares it, as errors name it
    line: int
    field: str = "aliases"
    live: bool = True  # False: the page is not published today (a draft...), so no redirect yet


@dataclass(frozen=True)
class Redirect:
    """A redirect page at ``url`` (site-relative) sending readers to ``target``."""

    url: str
    target: str

    @property
    def dest(self) -> str:
        """The file the redirect page is written to, under site/."""
        return f"{self.url}index.html" if self.url.endswith("/") or not self.url else self.url


def read_alias(written: str) -> tuple[str | None, str | None]:
    """``(site-relative URL, None)`` for a well-formed alias, or ``(None, what is wrong)``."""
    text = written.strip()
    example = "/blog/old-slug/"
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I):
        return None, f"'{text}' is a web address; write only its path, such as {example}"
    if not text.startswith("/"):
        guess = "/" + text.strip("/") + "/"
        return None, f"'{text}' is not a path from the site's root; write it with a leading '/', such as {guess}"
    if not _PATH.match(text) or "//" in text or "/../" in f"{text}/" or "/./" in f"{text}/":
        return None, f"'{text}' is not a plain URL path; use letters, digits, '-', '_', '.' and '/' only, such as {example}"
    url = text.lstrip("/")
    name = posixpath.basename(url)
    if url and not url.endswith("/"):
        if "." not in name:
            url += "/"  # hosts serve /blog/old as /blog/old/: the redirect page lives in the folder
        elif not name.lower().endswith(_PAGE_EXTENSIONS):
            return None, f"'{text}' is not a page; a redirect page can stand at a folder (ending in '/') or an .html file"
    return url, None


def plan_redirects(taken: Mapping[str, str], aliases: Iterable[Alias]) -> tuple[list[Redirect], list[Problem]]:
    """Redirects for the aliases of live pages, and every problem with any alias.

    ``taken`` maps each site-relative URL that a page (published or not yet) has
    to the file that owns it, as errors name it. An alias may not take one of
    those, repeat another, or lead to another redirect (a chain, or a cycle).
    """
    aliases = list(aliases)
    problems: list[Problem] = []
    first: dict[str, Alias] = {}
    valid: list[tuple[str, Alias]] = []
    for alias in aliases:
        url, wrong = read_alias(alias.written)
        if wrong:
            problems.append(Problem(alias.path, alias.line, alias.field, wrong))
            continue
        assert url is not None
        if url in first:
            earlier = first[url]
            where = "here" if earlier.path == alias.path else earlier.path
            problems.append(Problem(
                alias.path, alias.line, alias.field,
                f"'{alias.written}' is listed twice (first {where}, line {earlier.line}); an earlier URL can lead to one page only, remove one",
            ))
            continue
        first[url] = alias
        valid.append((url, alias))
    redirect_of = {url: alias.target for url, alias in valid}
    redirects = []
    for url, alias in valid:
        if url == alias.target:
            problems.append(Problem(alias.path, alias.line, alias.field, f"'{alias.written}' is this page's own URL; remove it"))
        elif url in taken:
            problems.append(Problem(alias.path, alias.line, alias.field, _taken_message(url, alias, taken, redirect_of)))
        elif alias.live:
            redirects.append(Redirect(url, alias.target))
    return sorted(redirects, key=lambda r: r.url), problems


def _taken_message(url: str, alias: Alias, taken: Mapping[str, str], redirect_of: Mapping[str, str]) -> str:
    hops = [url, alias.target]
    while hops[-1] in redirect_of and hops[-1] not in hops[:-1]:
        hops.append(redirect_of[hops[-1]])
    shown = " -> ".join(f"/{hop}" for hop in hops)
    owner = taken[url]
    if hops[-1] == url:
        return (f"'{alias.written}' is the URL of {owner}, and the aliases would loop: {shown}; "
                "a page keeps its own URL as long as it is published, so remove this alias or the other")
    leading_here = sorted(source for source, target in redirect_of.items() if target == url)
    if leading_here:
        return (f"'{alias.written}' is the URL of {owner}, which /{leading_here[0]} already redirects to, so redirects would chain; "
                "remove this alias, or point the other one at the page it should reach")
    return (f"'{alias.written}' is the URL of {owner}; an alias names an earlier URL "
            "that no page has any more, so remove it (or rename that page first)")


def render_redirects_file(redirects: Iterable[Redirect]) -> str:
    """``/_redirects`` for Netlify and Cloudflare Pages: one permanent redirect a line."""
    lines = ["# Earlier URLs (aliases in posts and data/tags.yml) and where they moved; written by the build."]
    lines += [f"/{r.url} /{r.target} 301" for r in redirects]
    return "\n".join(lines) + "\n"


def collect_aliases(content: Content, shown_docs: str = "docs") -> list[Alias]:
    """Every alias in the posts and in data/tags.yml, with the file and line declaring it.

    An unpublished post's aliases are checked too, but lead nowhere until it is published.
    """
    visible = content.visible_set
    tagged = {name for post in content.visible for name in post.tags}
    return list_aliases(content.posts, content.tags.values(), shown_docs,
                        live_post=lambda post: post in visible, live_tag=lambda tag: tag.name in tagged)


def list_aliases(
    posts: Iterable[Post], tags: Iterable[Tag], shown_docs: str = "docs",
    live_post: Callable[[Post], bool] = lambda post: True, live_tag: Callable[[Tag], bool] = lambda tag: True,
) -> list[Alias]:
    """The aliases of ``posts`` and ``tags``; the page plan checks them before any Content exists."""
    aliases = []
    for post in posts:
        for index, written in enumerate(post.aliases):
            line = post.line_of.get(f"aliases.{index}", post.line_of.get("aliases", 1))
            aliases.append(Alias(written, post.url, f"{shown_docs}/{post.source}", line, live=live_post(post)))
    for tag in tags:
        for index, written in enumerate(tag.url_aliases):
            line = tag.line_of.get(f"url_aliases.{index}", 1)
            aliases.append(Alias(written, tag.url, "data/tags.yml", line, "url_aliases", live=live_tag(tag)))
    return aliases


def taken_by_posts(content: Content, shown_docs: str = "docs") -> dict[str, str]:
    """The URL of every post, published or not: an alias there would collide once it is published."""
    return {post.url: f"{shown_docs}/{post.source}" for post in content.posts}


# --- the guard against breaking published URLs (blog check --published)


@dataclass(frozen=True)
class PublishedCheck:
    """What became of each URL of the last published sitemap."""

    missing: list[str]  # site-relative URLs neither served nor redirected any more
    unpublished: list[tuple[str, str]]  # (URL, why): taken off the site on purpose


def compare_published(
    published: Iterable[str], live: Iterable[str], redirected: Iterable[str], on_purpose: Mapping[str, str]
) -> PublishedCheck:
    """Sort the published URLs (site-relative) into kept, unpublished on purpose, and missing."""
    kept = set(live) | set(redirected)
    missing, unpublished = [], []
    for url in dict.fromkeys(published):
        if url in kept:
            continue
        reason = on_purpose.get(url) or _on_purpose_by_kind(url)
        if reason:
            unpublished.append((url, reason))
        else:
            missing.append(url)
    return PublishedCheck(missing, unpublished)


def unpublished_on_purpose(content: Content, shown_docs: str = "docs") -> dict[str, str]:
    """URL -> why it is off the site on purpose: an unpublished post (its URL, its aliases,
    its guides), and listings left empty while their tag, author or year still exists."""
    reasons: dict[str, str] = {}
    for post in content.posts:
        status = content.status(post)
        if status == "published":
            continue
        why = f"{status}: {shown_docs}/{post.source}"
        reasons[post.url] = why
        for written in post.aliases:
            url, _ = read_alias(written)
            if url is not None:
                reasons.setdefault(url, why)
        for guide in content.guides:
            if guide.source == post.source:
                reasons.setdefault(guide.url, f"guide of a post that is {why}")
    for tag in content.tags.values():
        reasons.setdefault(tag.url, f"no published post has #{tag.name} now (data/tags.yml)")
    for author in content.authors.values():
        reasons.setdefault(author.url, f"no published post by {author.name} now (data/authors.yml)")
    for post in content.posts:
        reasons.setdefault(urls.archive_url(post.year), f"no published post from {post.year} now")
    return reasons


def _on_purpose_by_kind(url: str) -> str | None:
    # Jobs close every day and leave the agency's feed; pages of the blog index go when posts do.
    if re.fullmatch(r"jobs/[^/]+/", url):
        return "a job that closed or left data/jobs.yml, or a place of the job board with no open job now"
    if re.fullmatch(r"jobs/[^/]+/page/\d+/|jobs/type/[^/]+/", url):
        return "a page of the job board, which has fewer jobs now"
    if re.fullmatch(r"blog/page/\d+/", url):
        return "a page of the blog index, which has fewer pages now"
    return None
