"""The editor's safety net: rules that need the whole content, checked after every file was read.

Each one catches a slip that would otherwise publish something wrong without a
word: a link to no page, an embed of a guide that is not published, a job whose
place or kind of work no hashtag has, related posts of a post that has other
mistakes. ``load_content`` runs them on what passed so far, so that every
problem is reported at once, whatever its kind.
"""

from __future__ import annotations

import difflib
import re

from .links import check_links
from .problems import Problem, suggest
from .slugs import is_slug
from .urls import POSTS_DIR, post_url
from .yamlfile import YamlDoc, parse_yaml, split_front_matter


def check_content(content, docs_dir: str, shown_docs: str, texts: dict[str, tuple[str, str, int]],
                  tags_doc: YamlDoc | None, jobs_doc: YamlDoc | None) -> list[Problem]:
    """Every problem across files that the per-file checks cannot see."""
    texts = {source: (_url_of_broken_post(docs_dir, source, shown_docs) or url, body, line)
             if source.startswith(POSTS_DIR) and source not in content.by_source else (url, body, line)
             for source, (url, body, line) in texts.items()}
    problems = check_links(content, docs_dir, shown_docs, texts)
    problems += check_unpublished_embeds(content, shown_docs)
    problems += check_job_facets(content, jobs_doc)
    problems += check_related_of_broken_posts(content, docs_dir, shown_docs, texts)
    return problems


def check_unpublished_embeds(content, shown_docs: str) -> list[Problem]:
    """An embed, in a page readers see, of a guide whose post they do not see."""
    problems = []
    defined = {guide.id: guide for guide in content.guides}
    for embed in content.embeds:
        guide = defined.get(embed.guide_id)
        if guide is None or guide.id in content.published_guides or not content.is_shown(embed.source):
            continue
        post = content.by_source.get(guide.source)
        why = content.status(post) if post is not None else "not published"
        why = {"draft": "a draft", "scheduled": f"scheduled for {post.date.date().isoformat()}" if post else "",
               "expired": "expired"}.get(why, why)
        problems.append(Problem(
            f"{shown_docs}/{embed.source}", embed.line, "guide",
            f"'{guide.id}' is a guide of {shown_docs}/{guide.source}, which is {why}, so the guide would show nowhere; "
            "publish that post first, or remove this line",
        ))
    return problems


def check_job_facets(content, jobs_doc: YamlDoc | None) -> list[Problem]:
    """A job whose location or job type nearly matches a hashtag's facet: no callout would ever show it."""
    if jobs_doc is None or not isinstance(jobs_doc.data, list):
        return []
    facets = {
        "location": {t.location for t in content.tags.values() if t.location},
        "job_type": {t.job_type for t in content.tags.values() if t.job_type},
    }
    index_of = {entry.get("id"): i for i, entry in enumerate(jobs_doc.data) if isinstance(entry, dict)}
    problems = []
    for job in content.jobs:
        if job.from_feed:  # its facets come from the feed and jobs.feed's mappings, not from data/jobs.yml
            continue
        for key, known in facets.items():
            value = getattr(job, key)
            if value in known or not known:
                continue
            guess = _near_facet(value, known)
            if guess is None:
                continue  # a place or kind of work no hashtag covers yet: shown on /jobs/, not a slip
            index = index_of.get(job.id, 0)
            problems.append(jobs_doc.problem(
                (index, key),
                f"'{value}' matches no hashtag's {key} in data/tags.yml (did you mean '{guess}'?); "
                "write it exactly as the hashtags do, or the job shows in no post's job box",
            ))
    return problems


def _near_facet(value: str, known: set[str]) -> str | None:
    def squash(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", text.lower())

    by_squash = {squash(k): k for k in known}
    if squash(value) in by_squash:
        return by_squash[squash(value)]
    # Close spellings only: "Boston, NY" is another place than "Boston, MA", not a typo of it.
    close = difflib.get_close_matches(squash(value), list(by_squash), n=1, cutoff=0.85)
    return by_squash[close[0]] if close else None


def check_related_of_broken_posts(content, docs_dir: str, shown_docs: str,
                                  texts: dict[str, tuple[str, str, int]]) -> list[Problem]:
    """``related`` slugs of posts that have other problems, which the rules across posts did not see.

    A date error must not hide a related.pin error: the editor fixes both in one round.
    """
    broken = [source for source in texts if source.startswith(POSTS_DIR) and source not in content.by_source]
    if not broken:
        return []
    slugs = {post.slug for post in content.posts}
    slugs |= {url.rstrip("/").rsplit("/", 1)[-1] for source, (url, _, _) in texts.items() if source in broken}
    problems = []
    for source in broken:
        doc = _front_matter(docs_dir, source, f"{shown_docs}/{source}")
        related = doc.data.get("related") if doc is not None and isinstance(doc.data, dict) else None
        if not isinstance(related, dict):
            continue
        own = texts[source][0].rstrip("/").rsplit("/", 1)[-1]
        for key in ("pin", "exclude"):
            values = related.get(key)
            for index, slug in enumerate(values if isinstance(values, list) else []):
                if slug == own:
                    problems.append(doc.problem(("related", key, index), f"'{slug}' is this post itself; a post is never "
                                                "shown among its own related posts, so remove it"))
                elif isinstance(slug, str) and is_slug(slug) and slug not in slugs:
                    guess = suggest(slug, slugs)
                    hint = f" (did you mean '{guess}'?)" if guess else ""
                    problems.append(doc.problem(("related", key, index), f"no post has the slug '{slug}'{hint}"))
    return problems


def _url_of_broken_post(docs_dir: str, source: str, shown_docs: str) -> str | None:
    """The URL a post with problems will have, from its 'slug:' if it wrote a good one."""
    doc = _front_matter(docs_dir, source, f"{shown_docs}/{source}")
    slug = doc.data.get("slug") if doc is not None and isinstance(doc.data, dict) else None
    return post_url(slug) if isinstance(slug, str) and is_slug(slug) else None


def _front_matter(docs_dir: str, source: str, shown: str) -> YamlDoc | None:
    try:
        with open(f"{docs_dir}/{source}", encoding="utf-8-sig") as handle:
            split = split_front_matter(handle.read())
    except (OSError, UnicodeDecodeError):
        return None
    return parse_yaml(split[0], shown, line_offset=1)[0] if split else None

