"""Everything an editor wrote, read and checked once per build.

``load_content`` is the single entry point used by the MkDocs hooks, the tests
and the editor tools. It either returns a ``Content`` snapshot or raises
``ContentError`` listing every problem in every file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property

from .board import Board, board_claims, board_of
from .data import behind_symlink, read_authors, read_settings, read_tags
from .guides import check_guides, scan_page
from .halves import map_in_two
from .jobfeed import FeedStatus, check_feed_facets, load_feed
from .jobs import read_jobs
from .safety import check_content
from .models import Author, Embed, Guide, Job, Post, Settings, Tag
from .pages import (
    Claim, SourceTree, find_clashes, generated_claims, guide_id_problem, reserved_claims, scan_sources,
    source_claims, tree_problems,
)
from .posts import TagIndex, check_related_lists, read_post
from .problems import ContentError, Problem, did_you_mean
from .publishing import Status, newest_first, status_of
from .redirects import list_aliases, plan_redirects, read_alias
from .related import RelatedIndex
from .slugs import slug_from_filename
from .urls import page_url_for, post_url
from .yamlfile import YamlDoc, parse_yaml, split_front_matter


@dataclass(frozen=True)
class Content:
    settings: Settings
    authors: dict[str, Author]
    tags: dict[str, Tag]
    posts: tuple[Post, ...]  # every post that passed its checks, newest first
    now: datetime
    preview: bool = False  # `make serve`: drafts and scheduled posts are shown, marked
    jobs: tuple[Job, ...] = ()
    guides: tuple[Guide, ...] = ()  # every guide section, published or not
    embeds: tuple[Embed, ...] = ()  # every <!-- guide: id --> line
    sources: SourceTree = SourceTree()  # the page plan's files under docs/
    feed: FeedStatus | None = None  # the job feed's snapshot, when data/site.yml has jobs.feed
    board: Board | None = None  # the job board of the open jobs (board.board_of), planned with the URLs
    tag_index: TagIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tag_index", TagIndex(self.tags))

    def status(self, post: Post) -> Status:
        return status_of(post, self.now)

    @cached_property
    def visible(self) -> tuple[Post, ...]:
        """The posts that get pages and appear in listings, newest first."""
        return tuple(p for p in self.posts if self.preview or self.status(p) == "published")

    @cached_property
    def by_source(self) -> dict[str, Post]:
        return {post.source: post for post in self.posts}

    def is_shown(self, source: str) -> bool:
        """Whether the page at ``source`` (under docs/) is built: any page but an unshown post."""
        post = self.by_source.get(source)
        return post is None or post in self.visible_set

    @cached_property
    def visible_set(self) -> frozenset[Post]:
        return frozenset(self.visible)

    @cached_property
    def published_guides(self) -> dict[str, Guide]:
        """Guides whose page is built, by id: a draft's guides are not published."""
        return {g.id: g for g in self.guides if self.is_shown(g.source)}

    @cached_property
    def open_jobs(self) -> tuple[Job, ...]:
        return tuple(job for job in self.jobs if job.is_open(self.now))

    @cached_property
    def open_jobs_by_id(self) -> dict[str, Job]:
        return {job.id: job for job in self.open_jobs}

    @cached_property
    def related_index(self) -> RelatedIndex:
        return RelatedIndex(self.visible)


def load_content(root: str, docs_dir: str, now: datetime, preview: bool = False, memo: dict | None = None,
                 two_processes: bool = False, changed: frozenset[str] | None = None) -> Content:
    """Read ``data/`` and the pages of the page plan under ``root``; raise ContentError on any problem.

    ``memo`` (the preview's) keeps each post as read from its text, valid while data/site.yml,
    data/tags.yml, data/authors.yml and the files under docs/ other than pages stay unchanged;
    it ends up holding this build's posts only. ``changed`` (the preview's, with the memo): the
    files (absolute paths) written since the memo was made; a post not among them is not read
    again, its text is the memo's. ``two_processes`` (the full build's, without a
    memo) reads the second half of the posts in a forked process (``halves.map_in_two``).
    """
    problems: list[Problem] = []
    kept = {} if memo is None else dict(memo)
    if memo is not None:
        memo.clear()
    shown_docs = os.path.relpath(docs_dir, root).replace(os.sep, "/")

    def load(name: str) -> YamlDoc | None:
        doc, found = read_data_file(root, name)
        problems.extend(found)
        return doc

    settings_doc, authors_doc, tags_doc = load("site.yml"), load("authors.yml"), load("tags.yml")
    # A blog without open jobs is still a blog: data/jobs.yml may be left out.
    jobs_doc = load("jobs.yml") if os.path.lexists(os.path.join(root, "data", "jobs.yml")) else None
    settings = authors = tags = None
    if settings_doc:
        settings, found = read_settings(settings_doc, docs_dir)
        problems.extend(found)
    zone = settings.timezone if settings else timezone.utc
    if authors_doc:
        authors, found = read_authors(authors_doc, docs_dir)
        problems.extend(found)
    if tags_doc:
        tags, found = read_tags(tags_doc)
        problems.extend(found)
    # The feed's snapshot is read even when too old to show: an id it shares with data/jobs.yml
    # is an error every day, not only on days the fetch worked.
    feed_jobs, feed = load_feed(root, settings.job_feed if settings else None, now)
    if settings and settings.job_feed and settings_doc and tags is not None:
        problems.extend(check_feed_facets(settings_doc, settings.job_feed, tags))
    jobs: list[Job] = []
    if jobs_doc:
        jobs, found = read_jobs(jobs_doc, zone, {job.id: job.reference for job in feed_jobs})
        problems.extend(found)
    if feed is not None and feed.shown:
        jobs += feed_jobs
    # A data file that could not be read is reported once: its ids are then not checked in
    # every post, which would bury the one real problem under a line per post.
    tag_index = TagIndex(tags) if tags is not None else None
    tree = scan_sources(docs_dir)
    problems += tree_problems(tree, shown_docs)
    posts: list[Post] = []
    guides: list[Guide] = []
    embeds: list[Embed] = []
    shown_paths: dict[str, str] = {}
    texts: dict[str, tuple[str, str, int]] = {}  # source -> (URL, body, body's first line), for links

    # At 1,000 posts reading every post again took 30 ms of a save's rebuild, for one changed file.
    unchanged = {} if changed is None else {
        source: text for source, text in kept if os.path.join(docs_dir, source) not in changed}

    def read_source(source: str) -> tuple[str | None, list[Problem], tuple | None]:
        shown = f"{shown_docs}/{source}"
        text, found = (unchanged[source], []) if source in unchanged else read_text(os.path.join(docs_dir, source), shown)
        if text is None:
            return None, found, None
        return text, found, kept.get((source, text)) or _read_post_and_scan(source, text, shown, tag_index, authors, docs_dir, zone)

    if two_processes and memo is None:
        read_posts = map_in_two(read_source, tree.posts)
    else:
        read_posts = [read_source(source) for source in tree.posts]
    for source, (text, found, read) in zip(tree.posts, read_posts):
        shown = f"{shown_docs}/{source}"
        problems.extend(found)
        if text is None:
            continue
        if memo is not None:
            memo[(source, text)] = read
        post, found, scan, body = read
        problems.extend(found)
        if post:
            posts.append(post)
        texts[source] = (post_url(post.slug if post else slug_from_filename(source)), *body)
        guides += scan.guides
        embeds += scan.embeds
        problems += scan.problems
        shown_paths[source] = shown
    for source in tree.pages:
        shown = f"{shown_docs}/{source}"
        text, found = read_text(os.path.join(docs_dir, source), shown)
        problems.extend(found)
        if text is not None:
            scan = scan_markdown(source, shown, page_url_for(source), text)
            texts[source] = (page_url_for(source), *body_of(text))
            guides += scan.guides
            embeds += scan.embeds
            problems += scan.problems
            shown_paths[source] = shown
    problems.extend(check_across_posts(posts, shown_docs))
    problems.extend(check_guides(guides, embeds, shown_paths))
    problems.extend(check_guide_ids(guides, shown_paths))
    # Feed jobs link to the ATS's page: only jobs with a page of their own claim /jobs/<id>/.
    board = board_of(jobs, now, settings.organization.name) if settings else None
    claims = plan_claims(tree, shown_docs, posts, guides, [j for j in jobs if j.has_page], settings, authors, tags,
                         board_claims(board, jobs, now, settings.organization.name) if board else ())
    problems.extend(find_clashes(claims))
    problems.extend(check_aliases(claims, posts, tags, shown_docs))
    if settings is None:
        raise ContentError(problems)
    content = Content(
        settings, authors or {}, tags or {}, tuple(newest_first(posts)), now, preview,
        jobs=tuple(jobs), guides=tuple(guides), embeds=tuple(embeds), sources=tree, feed=feed, board=board,
    )
    # Checked on what passed so far, so that a link's mistake shows with every other one;
    # not without the hashtags and authors, whose pages links would then seem to miss.
    if tags is not None and authors is not None:
        problems.extend(check_content(content, docs_dir, shown_docs, texts, tags_doc, jobs_doc))
    if problems:
        raise ContentError(problems)
    return content


def body_of(text: str) -> tuple[str, int]:
    """A page's Markdown below its front matter, and the file line it starts on."""
    split = split_front_matter(text)
    return (split[1], split[2]) if split else (text, 1)


def plan_claims(
    tree: SourceTree, shown_docs: str, posts: list[Post], guides: list[Guide], jobs: list[Job],
    settings: Settings | None, authors: dict[str, Author] | None, tags: dict[str, Tag] | None,
    board: list[tuple[str, str]] | tuple = (),
) -> list[Claim]:
    """Every URL any source claims on any date, holders first (see ``pages.find_clashes``)."""
    tagged = {name for post in posts for name in post.tags}
    claims = reserved_claims()
    claims += generated_claims(
        post_count=len(posts),
        per_page=settings.posts_per_page if settings else 10,
        years=(post.year for post in posts),
        tags=((tag.slug, tag.label) for name, tag in sorted((tags or {}).items()) if name in tagged),
        authors=((author.id, author.name) for author in (authors or {}).values()),
        guides=((guide.id, guide.title) for guide in guides if guide_id_problem(guide.id) is None),
        jobs=((job.id, job.title) for job in jobs),
        board=board,
    )
    claims += source_claims(tree, shown_docs)
    claims += [
        Claim(post.url, f"{shown_docs}/{post.source}", "post", post.line_of.get("slug", 1), "slug", post.slug)
        for post in sorted(posts, key=lambda p: p.source)
    ]
    return claims


def check_aliases(claims: list[Claim], posts: list[Post], tags: dict[str, Tag] | None, shown_docs: str) -> list[Problem]:
    """Aliases that take a URL some source claims on any date, repeat, chain or loop."""
    taken: dict[str, str] = {}
    for claim in claims:
        owner = f"the generated page '{claim.owner}'" if claim.kind == "generated" else claim.owner
        taken.setdefault(claim.url, owner)
    # Each alias's form is ruled where it is read (posts.py, data.py): only well-formed ones here.
    aliases = [a for a in list_aliases(posts, (tags or {}).values(), shown_docs) if read_alias(a.written)[0]]
    return plan_redirects(taken, aliases)[1]


def check_guide_ids(guides: list[Guide], shown: dict[str, str]) -> list[Problem]:
    """A guide id becomes /guides/<id>/: it must be a slug, or the page lands elsewhere."""
    return [
        Problem(shown[guide.source], guide.line, "guide", message)
        for guide in guides if (message := guide_id_problem(guide.id))
    ]


def _read_post_and_scan(source: str, text: str, shown: str, tag_index: TagIndex, authors, docs_dir: str, zone):
    """The post, its problems, its guides and embeds, and its body (``body_of``): kept together in
    the preview's memo, so an unchanged post's text is not split again (10 ms a save at 1,000 posts)."""
    post, found = read_post(source, text, shown, tag_index, authors, docs_dir, zone)
    body = body_of(text)
    # A broken post's guides still count: an embed of one elsewhere is not a second problem.
    scan = scan_page(source, shown, post_url(post.slug if post else slug_from_filename(source)), *body)
    return post, found, scan, body


def scan_markdown(source: str, shown: str, url: str, text: str):
    """Guide sections and embed lines of a page, skipping its front matter."""
    split = split_front_matter(text)
    body, first_line = (split[1], split[2]) if split else (text, 1)
    return scan_page(source, shown, url, body, first_line)


def read_data_file(root: str, name: str) -> tuple[YamlDoc | None, list[Problem]]:
    shown = f"data/{name}"
    full = os.path.join(root, "data", name)
    if not os.path.exists(full):
        return None, [Problem(shown, 1, "file", "is missing; create it (see the editor's guide for its fields)")]
    if behind_symlink(full, root):
        return None, [Problem(shown, 1, "file", "is a symbolic link; replace it with the real file")]
    text, problems = read_text(full, shown)
    if text is None:
        return None, problems
    doc, problems = parse_yaml(text, shown)
    if doc is not None and doc.data is None:
        doc.data = {}
    return doc, problems


def read_text(full: str, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        with open(full, encoding="utf-8-sig") as handle:
            return handle.read(), []
    except UnicodeDecodeError:
        return None, [Problem(shown, 1, "file", "is not UTF-8 text; save it as UTF-8")]
    except OSError as error:  # permissions, or a folder where a file should be
        reason = "permission denied" if isinstance(error, PermissionError) else (error.strerror or "unreadable").lower()
        return None, [Problem(shown, 1, "file", f"cannot be read ({reason}); give the blog's user read access, e.g. chmod a+r on the file")]


def list_post_sources(docs_dir: str) -> list[str]:
    """The posts of the page plan, as paths under docs/, in a stable order."""
    return list(scan_sources(docs_dir).posts)


def check_across_posts(posts: list[Post], shown_docs: str) -> list[Problem]:
    """Related slugs that exist; two posts at one URL are the page plan's to find."""
    problems: list[Problem] = []
    owner = {post.slug: post for post in posts}
    for post in posts:
        problems += check_related_lists(post, f"{shown_docs}/{post.source}")
        for key, slugs in (("pin", post.related_pin), ("exclude", post.related_exclude)):
            for index, slug in enumerate(slugs):
                if slug not in owner:
                    hint = did_you_mean(slug, owner)
                    problems.append(Problem(
                        f"{shown_docs}/{post.source}", post.line_of.get(f"related.{key}.{index}", 1), f"related.{key}",
                        f"no post has the slug '{slug}'{hint}",
                    ))
    return problems
