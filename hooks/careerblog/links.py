"""Links as editors write them: to a page's address, or to its source file.

An editor links to what the browser shows: ``/blog/job-scams/``,
``../job-scams/``, ``/jobs/``, ``/guides/<id>/``, ``/tags/<slug>/``, with or
without ``#section``. MkDocs only understands links to source files
(``2024-07-15-avoid-job-scams.md``), so every link is resolved here against a
plain mapping of URL -> page (``LinkTarget``): the build rewrites it to the
page's source path, which MkDocs then turns into a relative link, and
``blog check`` and the build report every link that leads nowhere in the same
words, ``path:line: link: ...``.

The mapping is built by ``plan_link_targets`` from what the core knows today
(posts, listings, guides, jobs, hand-written pages); a fuller page plan (and
the URLs that ``aliases`` redirect) can be passed in its place, as long as it
maps site-relative URLs ("blog/job-scams/", "" for the home page) to targets.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Mapping
from urllib.parse import unquote, urlsplit

from . import urls
from .models import Post
from .posts import PLACEHOLDER_ALTS
from .guides import heading_id, outside_code, parse_heading, scan_lines
from .problems import Problem, suggest

# An inline link or picture: [text](target "title") / ![alt](target); the target may be in <...>.
_INLINE = re.compile(r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(?P<target><[^>\n]*>|[^)\s]+)(?P<rest>[^)]*)\)")
# A reference definition: [name]: target
_REFERENCE = re.compile(r"^(?P<lead>\s{0,3}\[(?!\^)(?P<label>[^\]]+)\]:\s*)(?P<target><[^>\n]*>|\S+)", re.M)  # not footnotes, [^1]:
# A picture by reference: ![alt][label], ![alt][] (the alt is the label) or ![label] alone.
_PICTURE_REFERENCE = re.compile(r"!\[(?P<text>(?:[^\]\\]|\\.)*)\](?:\[(?P<label>[^\]]*)\])?(?!\(|:)")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
# Ids a page holds besides its headings': attr_list's { #id } and raw HTML id="..."
_ATTR_ID = re.compile(r"\{:?[^{}\n]*?#([\w-]+)[^{}\n]*\}")
_HTML_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""")
_FILE_TYPES = (".md", ".html")
# Files the build writes besides pages (the feed, the sitemap...): MkDocs does not know them
# as documentation files, so a link to one is written out as a full address of the site.
SITE_FILES = frozenset({"feed.xml", "sitemap.xml", "sitemap.xml.gz", "robots.txt", "404.html",
                        "search/search_index.json", "_redirects", "_headers"})


@dataclass(frozen=True)
class LinkTarget:
    """A page a link may lead to."""

    source: str  # the page's path under docs/, as MkDocs knows it (generated pages too)
    title: str = ""
    status: str = "published"  # or "draft", "scheduled", "expired": a post readers cannot see
    anchors: frozenset[str] | None = None  # section ids, when known; None: read from ``file`` when asked
    since: str = ""  # for a scheduled post, the day it appears
    file: str | None = None  # the Markdown file whose headings are the sections; None: not checked
    site_file: bool = False  # a file the build writes (``source`` is its path in the site), not a page
    markdown: str | None = field(default=None, repr=False, compare=False)  # sections read from it when asked


@dataclass(frozen=True)
class PageText:
    """The Markdown of one page as the editor wrote it."""

    source: str  # path under docs/
    shown: str  # the path errors name
    url: str  # the page's own URL, against which relative addresses resolve
    body: str  # the Markdown below the front matter
    first_line: int  # file line of the body's first line
    published: bool = True  # False for a post readers cannot see (a draft links where it likes)


@dataclass(frozen=True)
class Link:
    line: int
    target: str  # as written
    picture: bool
    text: str  # the link text, or a picture's alt
    label: str = ""  # a reference definition's label, as Python-Markdown matches it


# --- the map of the site ------------------------------------------------------------------------


def plan_link_targets(content, docs_dir: str, page_sources: Iterable[str] | None = None) -> dict[str, LinkTarget]:
    """URL -> page for every page the build makes from ``content`` (a ``Content``).

    Planned once per ``content``: the content check and hooks/links.py both ask for it.
    """
    if page_sources is not None:
        return _plan_link_targets(content, docs_dir, page_sources)
    planned = content.__dict__.setdefault("_link_targets", {})  # a frozen dataclass, as cached_property does
    if docs_dir not in planned:
        planned[docs_dir] = _plan_link_targets(content, docs_dir, None)
    return dict(planned[docs_dir])


def _plan_link_targets(content, docs_dir: str, page_sources: Iterable[str] | None) -> dict[str, LinkTarget]:
    from .listings import plan_listings  # listings imports content, which imports this module's users

    targets: dict[str, LinkTarget] = {}
    for source in page_sources if page_sources is not None else content.sources.pages:
        targets[urls.page_url_for(source)] = LinkTarget(source, file=os.path.join(docs_dir, source))
    for listing in plan_listings(content):
        targets.setdefault(listing.url, LinkTarget(urls.source_for(listing.url), listing.title, anchors=frozenset()))
    targets.setdefault(urls.GUIDES, LinkTarget(urls.source_for(urls.GUIDES), "Guides", anchors=frozenset()))
    for guide in content.published_guides.values():
        targets.setdefault(guide.url, LinkTarget(urls.source_for(guide.url), guide.title, markdown=guide.body))
    for name in sorted(SITE_FILES):
        targets.setdefault(name, LinkTarget(name, site_file=True))
    targets.setdefault(urls.JOBS, LinkTarget(urls.source_for(urls.JOBS), "Open jobs", anchors=frozenset()))
    for job in content.open_jobs:
        targets.setdefault(job.url, LinkTarget(urls.source_for(job.url), job.title, anchors=frozenset()))
    from .feeds import plan_feeds
    from .redirects import collect_aliases, read_alias

    for feed in plan_feeds(content, ""):  # the site's, and one per hashtag and author
        for url in (feed.url, *feed.earlier_urls):
            targets.setdefault(url, LinkTarget(url, site_file=True))
    for post in content.posts:
        status = "published" if content.preview else content.status(post)
        targets.setdefault(post.url, LinkTarget(
            post.source, post.title, status, since=post.date.date().isoformat(),
            file=os.path.join(docs_dir, post.source),
        ))
    # An earlier URL (aliases, url_aliases) leads where its redirect does: to the live page.
    for alias in collect_aliases(content):
        url, _wrong = read_alias(alias.written)
        if url is not None and alias.target in targets:
            targets.setdefault(url, targets[alias.target])
    return targets


def _anchors_of_file(path: str) -> frozenset[str] | None:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return anchors_of(handle.read())
    except (OSError, UnicodeDecodeError):
        return None


def anchors_of(markdown: str) -> frozenset[str]:
    """The section ids a Markdown page will have: its headings', as the toc extension makes
    them (a repeated id gets _1, _2...), and ids written in attributes or HTML."""
    found: set[str] = set()
    for line in scan_lines(markdown):
        if line.in_code:
            continue
        parsed = parse_heading(line.text) if line.text.startswith("#") else None
        if parsed:
            base = parsed[3] or heading_id(parsed[1])
            anchor, n = base, 0
            while anchor in found:
                n += 1
                anchor = f"{base}_{n}"
            found.add(anchor)
        found.update(_ATTR_ID.findall(line.text))
        found.update(_HTML_ID.findall(line.text))
    return frozenset(found)


# --- reading links ------------------------------------------------------------------------------


def find_links(markdown: str, first_line: int = 1) -> list[Link]:
    """Every link and picture outside code, with its file line."""
    if "](" not in markdown and "]:" not in markdown:
        return []  # no link, as in many posts: spared the line scan
    return list(_links_in(markdown, first_line))


# The preview checks every page's links after each save, and a save changes one page: the
# others' links are found once per text. Bounded so a long-lived process keeps a site's worth.
@lru_cache(maxsize=8192)
def _links_in(markdown: str, first_line: int) -> tuple[Link, ...]:
    links: list[Link] = []
    for line in scan_lines(markdown, first_line):
        if line.in_code or ("](" not in line.text and "]:" not in line.text):
            continue
        text = _blank_code_spans(line.text)
        for match in _INLINE.finditer(text):
            links.append(Link(line.number, match.group("target").strip("<>"), bool(match.group("bang")), match.group("text")))
        for match in _REFERENCE.finditer(text):
            links.append(Link(line.number, match.group("target").strip("<>"), False, "", _label(match.group("label"))))
    return tuple(links)


def find_pictures(markdown: str, first_line: int = 1) -> list[Link]:
    """Every picture outside code, with its file line: inline ones, and for pictures by
    reference the definitions they name (the definition's line holds the file)."""
    if "![" not in markdown:
        return []
    links = find_links(markdown, first_line)
    labels = {label for _line, _alt, label in _picture_references(markdown, first_line)}
    return [link for link in links if link.picture or link.label in labels]


@lru_cache(maxsize=4096)  # asked by the pictures' planning and by the link check, for the same text
def _picture_references(markdown: str, first_line: int) -> tuple[tuple[int, str, str], ...]:
    """(file line, alt, label) of every picture by reference outside code, defined or not."""
    return tuple((line.number, m.group("text"), _label(m.group("label") or m.group("text")))
                 for line in scan_lines(markdown, first_line) if not line.in_code and "![" in line.text
                 for m in _PICTURE_REFERENCE.finditer(_blank_code_spans(line.text)))


def _blank_code_spans(text: str) -> str:
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)  # same length: columns stay


def _label(text: str) -> str:
    return " ".join(text.lower().split())  # as Python-Markdown matches a reference to its definition


# --- resolving them -----------------------------------------------------------------------------


@dataclass
class Resolved:
    """Where a link leads: a page (``target``), a file under docs/ (``file``), or a problem."""

    target: LinkTarget | None = None
    url: str = ""
    file: str | None = None
    anchor: str = ""
    problem: str | None = None
    external: bool = False


@dataclass
class LinkResolver:
    """Resolves links of pages against one map of the site."""

    targets: Mapping[str, LinkTarget]
    docs_dir: str
    by_source: dict[str, tuple[str, LinkTarget]] = field(init=False)

    _anchors: dict[str, frozenset[str] | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.by_source = {t.source: (url, t) for url, t in self.targets.items()}

    def anchors(self, target: LinkTarget) -> frozenset[str] | None:
        """The sections of a page; a file is read only when a link asks for one of its sections."""
        if target.anchors is not None:
            return target.anchors
        if target.markdown is not None:
            key = f"markdown:{target.source}"
            if key not in self._anchors:
                self._anchors[key] = anchors_of(target.markdown)
            return self._anchors[key]
        if target.file is None:
            return None
        if target.file not in self._anchors:
            self._anchors[target.file] = _anchors_of_file(target.file)
        return self._anchors[target.file]

    def resolve(self, written: str, page: PageText) -> Resolved:
        scheme, netloc, path, _query, anchor = urlsplit(written)
        if scheme or netloc or urls.is_web_address(written):
            return Resolved(external=True)
        path = unquote(path)
        if not path:  # "#section" on the page itself
            own = self.by_source.get(page.source)
            return self._with_anchor(Resolved(target=own[1], url=own[0]) if own else Resolved(external=True), written, anchor)
        extension = posixpath.splitext(path.rstrip("/"))[1].lower()
        site_file = _join(page.url, path, by_folder=False) if extension else None
        if site_file in self.targets and self.targets[site_file].site_file:
            return Resolved(target=self.targets[site_file], url=site_file, anchor=anchor)
        if extension and extension not in _FILE_TYPES:
            return self._file(path, page, written)
        if extension == ".md":
            return self._with_anchor(self._source(path, page, written), written, anchor)
        return self._with_anchor(self._url(path, page, written), written, anchor)

    def _file(self, path: str, page: PageText, written: str) -> Resolved:
        relative = _join(page.source, path, by_folder=True)
        if relative is None:
            return Resolved(problem=f"'{written}' points outside docs/; put the file under docs/")
        if not os.path.isfile(os.path.join(self.docs_dir, relative)):
            return Resolved(problem=f"'{written}' does not exist (looked for docs/{relative})")
        return Resolved(file=relative)

    def _source(self, path: str, page: PageText, written: str) -> Resolved:
        relative = _join(page.source, path, by_folder=True)
        found = self.by_source.get(relative or "")
        if found is None:
            known = [s for s in self.by_source if s.endswith(".md") and not s.endswith("index.md") or s == "index.md"]
            guess = suggest(posixpath.basename(relative or path), [posixpath.basename(s) for s in known])
            hint = f" (did you mean '{_source_of(guess, known)}'?)" if guess else ""
            return Resolved(problem=f"'{written}' is no file of the site (looked for docs/{relative or path}){hint}")
        return Resolved(target=found[1], url=found[0])

    def _url(self, path: str, page: PageText, written: str) -> Resolved:
        url = _join(page.url, path, by_folder=False)
        if url is not None and url in self.targets:  # as written: an alias may be an .html file
            return Resolved(target=self.targets[url], url=url)
        if url is not None:
            url = re.sub(r"(^|/)index\.html$", r"\1", url)
            if url.endswith(".html"):
                url = url[:-5] + "/"
            if url and not url.endswith("/"):
                url += "/"
        found = self.targets.get(url) if url is not None else None
        if found is None:
            # MkDocs also accepts a source path without '.md' (relative to the file): so do we.
            relative = _join(page.source, path.rstrip("/") + ".md", by_folder=True)
            if relative in self.by_source:
                url, found = self.by_source[relative]
        if found is None:
            hint = self._did_you_mean(url or path)
            return Resolved(problem=f"'{written}' is no page of the site{hint}")
        return Resolved(target=found, url=url)

    def _did_you_mean(self, url: str) -> str:
        guess = suggest(url, self.targets)
        if guess is None:  # a post's slug alone, mistyped: compare the last parts
            by_slug = {u.rstrip("/").rsplit("/", 1)[-1]: u for u in self.targets if u}
            slug = suggest(url.rstrip("/").rsplit("/", 1)[-1], by_slug)
            guess = by_slug[slug] if slug else None
        return f" (did you mean '/{guess}'?)" if guess is not None else ""

    def _with_anchor(self, resolved: Resolved, written: str, anchor: str) -> Resolved:
        resolved.anchor = anchor
        target = resolved.target
        if resolved.problem or target is None or not anchor:
            return resolved
        anchors = self.anchors(target)
        if anchors is not None and anchor not in anchors:
            guess = suggest(anchor, anchors)
            hint = f" (did you mean '#{guess}'?)" if guess else ""
            page = f"/{resolved.url}" if written.partition("#")[0] else "this page"
            resolved.problem = f"'{written}': {page} has no section '#{anchor}'{hint}; its sections are its headings"
        return resolved


def _join(base: str, path: str, by_folder: bool) -> str | None:
    """``path`` resolved against the page ``base`` (a source file, or a URL); None when outside docs/."""
    if path.startswith("/"):
        joined = posixpath.normpath(path.lstrip("/")) if path.strip("/") else ""
    else:
        folder = posixpath.dirname(base) if by_folder else base.rstrip("/")
        if not by_folder and base and not base.endswith("/"):
            folder = posixpath.dirname(base)
        joined = posixpath.normpath(posixpath.join(folder, path))
    if joined in (".", ""):
        return ""
    if joined == ".." or joined.startswith("../"):
        return None
    return joined + ("/" if path.endswith("/") and not by_folder and joined else "")


def _source_of(name: str, sources: list[str]) -> str:
    return next(s for s in sources if posixpath.basename(s) == name)


# --- what the build and `blog check` do with them -----------------------------------------------


def check_page_links(page: PageText, resolver: LinkResolver) -> list[Problem]:
    """Every link of ``page`` that leads nowhere, or to a page readers cannot see, and every
    picture without a description."""
    problems = []
    links = find_links(page.body, page.first_line)
    for link in links:
        if link.picture and (message := check_picture_alt(link.text, link.target)):
            problems.append(Problem(page.shown, link.line, "picture", message))
        resolved = resolver.resolve(link.target, page)
        if resolved.external:
            continue
        message = resolved.problem or (_unseen(resolved, link.target) if page.published else None)
        if message:
            problems.append(Problem(page.shown, link.line, "link", message))
    if "![" in page.body:
        problems += _check_reference_alts(page, links)
    return sorted(problems, key=lambda problem: problem.line)


def _check_reference_alts(page: PageText, links: list[Link]) -> list[Problem]:
    """The alt text of pictures by reference (![alt][photo] + [photo]: file.jpg), checked where
    they are used; a reference without a definition is plain text, not a picture."""
    defined = {link.label: link.target for link in links if link.label}
    return [Problem(page.shown, line, "picture", message)
            for line, alt, label in _picture_references(page.body, page.first_line)
            if label in defined and (message := check_picture_alt(alt, defined[label]))]


def check_picture_alt(alt: str, src: str) -> str | None:
    """What is wrong with a body picture's alt text, as with the hero's (posts.PLACEHOLDER_ALTS)."""
    normal = " ".join(alt.split()).lower()
    filename = posixpath.basename(src.split("#")[0]).lower()
    if not normal:
        return (f"the picture '{src}' has no description; write what it shows between its square brackets, "
                "e.g. ![A recruiter on the phone with a job seeker]")
    if normal in PLACEHOLDER_ALTS or normal in (filename, posixpath.splitext(filename)[0]):
        return f"'{alt}' does not describe the picture '{src}'; say what it shows, e.g. ![A recruiter on the phone with a job seeker]"
    return None


def _unseen(resolved: Resolved, written: str) -> str | None:
    target = resolved.target
    if target is None or target.status == "published":
        return None
    why = {
        "draft": "is a draft",
        "scheduled": f"is scheduled for {target.since}",
        "expired": "has expired",
    }.get(target.status, f"is {target.status}")
    return (f"'{written}' goes to the post docs/{target.source}, which {why}: readers would find no page; "
            "remove the link until that post is published")


def rewrite_links(markdown: str, page: PageText, resolver: LinkResolver, site_url: str = "") -> str:
    """Links to a page's address made links to its source file, which MkDocs resolves;
    links to a file the build writes (``SITE_FILES``) made full addresses under ``site_url``."""
    if "](" not in markdown and "]:" not in markdown:
        return markdown

    def rewrite(written: str) -> str:
        resolved = resolver.resolve(written.strip("<>"), page)
        if resolved.external or resolved.problem or resolved.target is None:
            return written
        query = urlsplit(written.strip("<>")).query
        anchor = (f"?{query}" if query else "") + (f"#{resolved.anchor}" if resolved.anchor else "")
        if resolved.target.site_file:
            return f"{site_url.rstrip('/')}/{resolved.target.source}{anchor}" if site_url else written
        return f"/{resolved.target.source}{anchor}"

    return outside_code(markdown, lambda text: _rewrite_outside_code_spans(text, rewrite))


def _rewrite_outside_code_spans(text: str, rewrite: Callable[[str], str]) -> str:
    spans = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(text)]

    def in_code(position: int) -> bool:
        return any(start <= position < end for start, end in spans)

    def inline(m: re.Match) -> str:
        if in_code(m.start()):
            return m.group(0)
        start, end = m.span("target")
        whole = m.group(0)
        offset = m.start()
        return whole[: start - offset] + rewrite(m.group("target")) + whole[end - offset :]

    text = _INLINE.sub(inline, text)
    return _REFERENCE.sub(lambda m: m.group("lead") + rewrite(m.group("target")), text)


def pages_of(content, shown_docs: str, texts: Mapping[str, tuple[str, str, int]]) -> list[PageText]:
    """The pages whose links are checked: ``texts`` maps a source to (its URL, body, first line)."""
    pages = []
    for source, (url, body, first_line) in texts.items():
        post: Post | None = content.by_source.get(source)
        if post is not None:
            published = content.preview or content.status(post) == "published"
        else:  # a hand-written page, or a post with problems of its own (whose status is unknown)
            published = not source.startswith(urls.POSTS_DIR)
        pages.append(PageText(source, f"{shown_docs}/{source}", url, body, first_line, published))
    return pages


def check_links(content, docs_dir: str, shown_docs: str, texts: Mapping[str, tuple[str, str, int]],
                targets: Mapping[str, LinkTarget] | None = None) -> list[Problem]:
    """Every link problem in the pages of ``texts`` (see ``pages_of``).

    A post that has problems of its own is still a page to link to (``texts`` gives its
    URL): one mistake is one line.
    """
    targets = dict(targets if targets is not None else plan_link_targets(content, docs_dir))
    for source, (url, _body, _line) in texts.items():
        if source.startswith(urls.POSTS_DIR) and source not in content.by_source:
            targets.setdefault(url, LinkTarget(source, status="published"))
    resolver = LinkResolver(targets, docs_dir)
    problems: list[Problem] = []
    for page in pages_of(content, shown_docs, texts):
        problems += check_page_links(page, resolver)
    return problems
