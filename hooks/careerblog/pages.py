"""The page plan: which files under docs/ become pages, at which URLs, and who claims each URL
on any date (contract sections 2 and 6).

One plan for the build and for ``blog check``: the content loader lists sources here, and the
build's last ``on_files`` hook only verifies that MkDocs built what the plan says. The plan
works from the file tree and from values read out of front matter and data files (slugs, ids,
years), never from the loaded ``Content``, so that ``content.py`` and ``listings.py`` can
both use it without an import cycle.

URLs are checked **for every date**: every post claims its URL whether it is published,
scheduled, a draft or expired, and every page the blog could generate from the posts it
holds (a tag page as soon as one post has the tag, a year archive, a guide, a job) claims its
URL too. A scheduled post that will take a hand-written page's URL on its publish day is
therefore an error today, not a failed build on that day.

Earlier URLs (``aliases``, issue 12) join as ``Claim(kind="alias")`` before ``find_clashes``.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Iterable, Literal

from . import urls
from .data import behind_symlink
from .problems import Problem
from .slugs import is_slug

MARKDOWN_EXTENSIONS = urls.MARKDOWN_EXTENSIONS
# MkDocs 1.6 leaves these out of every site (mkdocs.structure.files._default_exclude, the
# gitignore patterns '.*' and '/templates/'): hidden files and folders at any depth, and the
# top-level templates/ folder.
EXCLUDED_TOP_FOLDERS = ("templates",)
# Files the build writes itself; a file of docs/ at one of these would be overwritten or clash.
RESERVED_FILES = {
    "feed.xml": "the Atom feed",
    "sitemap.xml": "the sitemap",
    "sitemap.xml.gz": "the sitemap",
    "robots.txt": "robots.txt (edit overrides/robots.txt instead)",
    "404.html": "the page-not-found page (edit overrides/404.html instead)",
    "search/search_index.json": "the search index",
}
RESERVED_FOLDERS = {"pagefind/": "the search index (Pagefind)"}

Kind = Literal["page", "post", "file", "generated", "reserved", "alias"]
UNREADABLE = "cannot be read (permission denied); give the blog's user read access, e.g. chmod a+r on the file"
SYMLINK = "is a symbolic link; symbolic links are not published, copy the real file here instead"


@dataclass(frozen=True)
class SourceTree:
    """What MkDocs would read from docs/, split the way the blog treats it (paths under docs/)."""

    pages: tuple[str, ...] = ()  # hand-written Markdown pages
    posts: tuple[str, ...] = ()  # Markdown under blog/posts/
    files: tuple[str, ...] = ()  # every other file MkDocs copies (pictures, CSS...)
    linked: tuple[str, ...] = ()  # files reached through a symbolic link: refused, never published
    unlisted: tuple[str, ...] = ()  # folders that could not be read
    unreadable: tuple[str, ...] = ()  # files that could not be read (permissions)


@dataclass(frozen=True)
class Claim:
    """One source's hold on one URL. ``url`` is site-relative: ``blog/x/`` or ``feed.xml``."""

    url: str
    owner: str  # as errors name it: docs/about.md, or a generated page's title
    kind: Kind
    line: int = 1
    field: str = "file"
    slug: str = ""  # a post's slug, for the message that tells which slug to change

    @property
    def dest(self) -> str:
        """The file it is written to: a directory URL is its index.html."""
        return f"{self.url}index.html" if self.url.endswith("/") or not self.url else self.url


# --- Which files are pages -----------------------------------------------------------------


def is_markdown(name: str) -> bool:
    """Whether MkDocs reads ``name`` as Markdown (it compares extensions case-sensitively)."""
    return name.endswith(MARKDOWN_EXTENSIONS)


def is_excluded(source: str) -> bool:
    """Whether MkDocs leaves ``source`` (a path under docs/) out of the site by default."""
    parts = source.split("/")
    return any(part.startswith(".") for part in parts) or (len(parts) > 1 and parts[0] in EXCLUDED_TOP_FOLDERS)


def is_post_source(source: str) -> bool:
    return source.startswith(urls.POSTS_DIR) and is_markdown(source)


def scan_sources(docs_dir: str) -> SourceTree:
    """Walk docs/ as MkDocs does (following links, sorted), keeping what it would build."""
    pages: list[str] = []
    posts: list[str] = []
    files: list[str] = []
    linked: list[str] = []
    unlisted: list[str] = []
    unreadable: list[str] = []
    root = os.path.abspath(docs_dir)

    def note_unreadable(error: OSError) -> None:
        unlisted.append(_relative(error.filename or docs_dir, root))

    for folder, dirs, names in os.walk(root, followlinks=True, onerror=note_unreadable):
        here = _relative(folder, root)
        dirs[:] = sorted(d for d in dirs if not is_excluded(_join(here, d) + "/x"))
        # Whether the folder is behind a link, asked once for its files (3 lstat calls a post, 1 now).
        folder_linked = behind_symlink(folder, root)
        for name in sorted(names):
            source = _join(here, name)
            if is_excluded(source):
                continue
            full = os.path.join(folder, name)
            if folder_linked or os.path.islink(full):
                linked.append(source)
                continue
            if not os.access(full, os.R_OK):
                unreadable.append(source)  # MkDocs would stop on it with a traceback
                continue
            elif is_post_source(source):
                posts.append(source)
            elif is_markdown(name):
                pages.append(source)
            else:
                files.append(source)
    return SourceTree(tuple(pages), tuple(posts), tuple(files), tuple(linked), tuple(unlisted), tuple(unreadable))


def tree_problems(tree: SourceTree, shown_docs: str) -> list[Problem]:
    """Files behind symbolic links, and folders that could not be read."""
    problems = [Problem(f"{shown_docs}/{source}", 1, "file", SYMLINK) for source in tree.linked]
    problems += [
        Problem(f"{shown_docs}/{folder}".rstrip("/"), 1, "file",
                "is a folder that cannot be read (permission denied?); give the blog's user read access, e.g. chmod -R a+rX")
        for folder in tree.unlisted
    ]
    problems += [Problem(f"{shown_docs}/{source}", 1, "file", UNREADABLE) for source in tree.unreadable]
    return problems


def page_url(source: str) -> str:
    """The directory URL MkDocs gives a hand-written page: ``about.md`` -> ``about/``."""
    return urls.page_url_for(source)


# --- Ids that become parts of URLs ----------------------------------------------------------


def post_slug_problem(slug: str) -> str | None:
    """Why ``slug`` cannot be a post's slug, or None: one rule for ``slug:``, file names and `blog new`."""
    if not is_slug(slug):
        return f"'{slug}' is not a slug; use lower-case letters, digits and hyphens, such as missed-interview"
    if slug in urls.RESERVED_POST_SLUGS:
        return f"'{slug}' is reserved for the blog's own pages; choose another slug"
    return None


def guide_id_problem(guide_id: str) -> str | None:
    """Why ``guide_id`` cannot name /guides/<id>/, or None."""
    if is_slug(guide_id):
        return None
    return (f"the guide id '{guide_id}' cannot be a web address; use lower-case letters, digits and hyphens, "
            "such as { .guide #apologize-by-email }")


# --- URL claims, for every date -----------------------------------------------------------------


def source_claims(tree: SourceTree, shown_docs: str) -> list[Claim]:
    """Hand-written pages and copied files, each at the URL MkDocs gives it."""
    claims = [Claim(page_url(s), f"{shown_docs}/{s}", "page") for s in tree.pages]
    claims += [Claim(s, f"{shown_docs}/{s}", "file") for s in tree.files]
    return claims


def reserved_claims() -> list[Claim]:
    return [Claim(path, what, "reserved") for path, what in RESERVED_FILES.items()]


def generated_claims(
    *,
    post_count: int,
    per_page: int,
    years: Iterable[int],
    tags: Iterable[tuple[str, str]],  # (slug, label) of every tag some post has
    authors: Iterable[tuple[str, str]],  # (id, name)
    guides: Iterable[tuple[str, str]],  # (id, title)
    jobs: Iterable[tuple[str, str]],  # (id, title)
    board: Iterable[tuple[str, str]] = (),  # (URL, title) of the job board's pages but /jobs/ (board.board_claims)
) -> list[Claim]:
    """Every page the blog generates when all the posts it holds are published at once."""
    pages = max(1, math.ceil(post_count / per_page))
    claims = [Claim(urls.blog_page_url(n), "Blog", "generated") for n in range(1, pages + 1)]
    claims += [Claim(urls.archive_url(y), f"Posts from {y}", "generated") for y in sorted(set(years))]
    claims.append(Claim(urls.TAGS, "Tags", "generated"))
    claims += [Claim(urls.tag_url(slug), label, "generated") for slug, label in tags]
    claims += [Claim(urls.author_url(i), name, "generated") for i, name in authors]
    claims.append(Claim(urls.GUIDES, "Guides", "generated"))
    claims += [Claim(urls.guide_url(i), title, "generated") for i, title in guides]
    claims.append(Claim(urls.JOBS, "Open jobs", "generated"))
    claims += [Claim(urls.job_url(i), title, "generated") for i, title in jobs]
    claims += [Claim(url, title, "generated") for url, title in board]
    return claims


def find_clashes(claims: Iterable[Claim]) -> list[Problem]:
    """Two claims on one URL. The first claim of a URL holds it; each later one is a problem.

    Pass generated and reserved claims first, then pages and files, then posts (oldest file
    first), so that the file an editor should move is the one named.
    """
    by_dest: dict[str, list[Claim]] = {}
    for claim in claims:
        by_dest.setdefault(claim.dest, []).append(claim)
    for folder, what in RESERVED_FOLDERS.items():
        for dest in by_dest:
            if dest.startswith(folder):
                by_dest[dest].insert(0, Claim(dest, what, "reserved"))
    problems: list[Problem] = []
    for group in by_dest.values():
        if len(group) > 1:
            problems += _clash(group)
    return problems


def _clash(group: list[Claim]) -> list[Problem]:
    holder = group[0]
    url = "/" + holder.url
    if holder.kind in ("generated", "reserved"):
        # Two generated pages at one URL are ruled where their ids are read (duplicate ids, tag slugs).
        return [
            Problem(c.owner, c.line, c.field, f"{url} is the generated page '{holder.owner}'; "
                    + ("give this post another 'slug:'" if c.kind == "post" else "move or rename this file"))
            if holder.kind == "generated" else
            Problem(c.owner, c.line, c.field, f"{url} is {holder.owner}, which the build writes; move or rename this file")
            for c in group[1:] if c.kind not in ("generated", "reserved")
        ]
    if all(c.kind == "post" for c in group):
        return [
            Problem(c.owner, c.line, c.field,
                    f"'{c.slug}' gives the URL {url}, which {holder.owner} already has; give one of them another 'slug:'")
            for c in group[1:]
        ]
    owners = sorted(group, key=lambda c: c.owner)
    names = " and ".join(c.owner for c in owners)
    last = owners[-1]
    return [Problem(last.owner, last.line, "slug" if last.kind == "post" else "url",
                    f"{url} would be built from both {names}; rename or move one of them (a post's URL comes from its slug)")]


# --- The build agrees with the plan ------------------------------------------------------------


@dataclass(frozen=True)
class BuiltFile:
    """A file in MkDocs' list, as the last on_files hook sees it."""

    src: str  # path under docs/, or the generated page's source
    dest: str
    generated: bool
    page: bool  # a documentation page (Markdown)


def check_build(built: Iterable[BuiltFile], tree: SourceTree, shown: str, shown_docs: str) -> list[Problem]:
    """What MkDocs is about to write, against the plan: the same pages, one file per destination.

    An editor never causes these: they mean that a setting in mkdocs.yml (``exclude_docs``) or
    another plugin changed which files MkDocs reads, and the plan must learn it.
    """
    problems: list[Problem] = []
    planned = set(tree.pages) | set(tree.posts)
    owners: dict[str, list[BuiltFile]] = {}
    for file in built:
        owners.setdefault(file.dest, []).append(file)
        if file.page and not file.generated and file.src not in planned:
            problems.append(Problem(f"{shown_docs}/{file.src}", 1, "file",
                                    "MkDocs builds this page but the blog's page plan leaves it out; "
                                    "keep MkDocs' default file exclusions (no exclude_docs in mkdocs.yml)"))
    for dest, files in owners.items():
        if len(files) > 1:
            names = " and ".join(f"{shown_docs}/{f.src}" if not f.generated else f"(generated page {f.src})" for f in files)
            problems.append(Problem(shown, 1, "url", f"/{dest} would be written from both {names}"))
    return problems


# ---


def _relative(path: str, root: str) -> str:
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    return "" if rel == "." else rel


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name
