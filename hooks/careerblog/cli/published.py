"""``blog check --published SITEMAP``: would this build drop a URL that was published before?

SITEMAP is the last published ``sitemap.xml``, a file or its http(s) address. Each
URL in it must still be served, or redirected by an alias; what was taken off on
purpose (a draft, an expired post, a closed job) is listed, not counted as a problem.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlparse

import yaml

from .. import urls
from ..content import Content
from ..listings import plan_listings
from ..pages import page_url
from ..problems import suggest
from ..redirects import collect_aliases, compare_published, plan_redirects, taken_by_posts, unpublished_on_purpose
from .common import PROG, CommandError, Project, count

_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TIMEOUT = 30  # seconds; the publish workflow fails rather than hang on a slow host


def run_published(project: Project, content: Content, sitemap: str) -> int:
    """Print every published URL this build would drop; exit status 1 when there is any."""
    locations = read_sitemap(sitemap)
    prefix = urlparse(site_url(project)).path or "/"
    published = [_relative(loc, prefix) for loc in locations]
    shown_docs = project.shown(project.docs_dir)
    live = live_urls(content, shown_docs)
    taken = {**taken_by_posts(content, shown_docs), **live}
    redirects, _ = plan_redirects(taken, collect_aliases(content, shown_docs))
    result = compare_published(
        [u for u in published if u is not None], live, [r.url for r in redirects], unpublished_on_purpose(content, shown_docs)
    )
    for url, why in result.unpublished:
        print(f"unpublished on purpose: /{url} ({why})")
    for url in result.missing:
        print(f"{sitemap}: /{url}: was published, and this build neither serves nor redirects it; {_advice(url, content, shown_docs)}")
    outside = [loc for loc, url in zip(locations, published) if url is None]
    for loc in outside:
        print(f"{sitemap}: {loc}: is not under site_url {site_url(project)} (mkdocs.yml); is this the right sitemap?")
    problems = len(result.missing) + len(outside)
    if problems:
        print(f"{count(problems, 'published URL')} would break; fix and run '{PROG} check --published' again.", file=sys.stderr)
        return 1
    print(f"OK: every one of the {count(len(published), 'published URL')} is still served, redirected or unpublished on purpose.")
    return 0


def read_sitemap(source: str) -> list[str]:
    """The <loc> of every <url> in a sitemap file or at an http(s) address."""
    try:
        if urlparse(source).scheme in ("http", "https"):
            with urllib.request.urlopen(source, timeout=TIMEOUT) as response:  # noqa: S310 (http(s) only)
                data = response.read()
        else:
            with open(source, "rb") as handle:
                data = handle.read()
    except urllib.error.HTTPError as error:
        raise CommandError(f"{source}: the server answered {error.code} {error.reason}; is this the live sitemap.xml?") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or error
        raise CommandError(f"{source}: cannot be read ({reason})") from None
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise CommandError(f"{source}: is not a sitemap ({error})") from None
    if root.tag != f"{_SITEMAP_NS}urlset":
        raise CommandError(f"{source}: is not a sitemap: its root is <{root.tag.rpartition('}')[2]}>, not <urlset>")
    return [(loc.text or "").strip() for loc in root.iter(f"{_SITEMAP_NS}loc")]


def live_urls(content: Content, shown_docs: str) -> dict[str, str]:
    """URL -> source of every page the published build serves (hand-written, posts, generated)."""
    live = {page_url(source): f"{shown_docs}/{source}" for source in content.sources.pages}
    live.update((post.url, f"{shown_docs}/{post.source}") for post in content.posts if content.status(post) == "published")
    live.update((url, f"(generated page '{title}')") for url, title in plan_generated(content).items())
    return live


def site_url(project: Project) -> str:
    try:
        with open(os.path.join(project.root, "mkdocs.yml"), encoding="utf-8") as handle:
            config = yaml.load(handle, Loader=_Lenient) or {}
    except (OSError, yaml.YAMLError):
        return "/"
    return str(config.get("site_url") or "/")


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml for site_url, leaving its !!python and !ENV tags unresolved."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def _relative(location: str, prefix: str) -> str | None:
    path = urlparse(location).path or "/"
    if not path.startswith(prefix):
        return None
    return path[len(prefix):]


def _advice(url: str, content: Content, shown_docs: str) -> str:
    old = url.rstrip("/").rpartition("/")[2]
    if url.startswith(urls.BLOG):
        slugs = {post.slug: post for post in content.posts}
        guess = suggest(old, slugs)
        if guess is not None:
            return f"if the post moved to /{slugs[guess].url}, add 'aliases: [/{url}]' to {shown_docs}/{slugs[guess].source}"
        return f"add 'aliases: [/{url}]' to the post that took its place, or restore it"
    if url.startswith(urls.TAGS):
        return f"add 'url_aliases: [/{url}]' to the renamed hashtag in data/tags.yml, or restore it"
    if url.startswith(urls.GUIDES):
        return f"a guide's address comes from its heading's #id: keep the old id, or add 'aliases: [/{url}]' to the post that holds the guide now"
    return f"add 'aliases: [/{url}]' to the post that took its place, or restore the page"


def plan_generated(content: Content) -> dict[str, str]:
    """URL -> title of every page the published build generates: listings, guides and jobs."""
    pages = {listing.url: listing.title for listing in plan_listings(content)}
    pages[urls.GUIDES] = "Guides"
    pages.update((guide.url, guide.title) for guide in content.published_guides.values())
    with_pages = [job for job in content.open_jobs if job.has_page]  # feed jobs open the ATS's page
    pages.update((page.url, page.title) for page in content.board.pages)
    pages.update((job.url, job.title) for job in with_pages)
    return pages
