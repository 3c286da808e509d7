"""Where editors use pictures, and the problems with each: for the build and `blog check` alike.

A post's hero (``image.src``) and ``social_image``, and every image written in a
page's Markdown (``![alt](file)`` or ``<img src>``), with the line it is on.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import unquote

from ..content import Content, body_of, read_text
from ..guides import scan_lines
from ..links import find_pictures
from ..problems import Problem
from ..urls import is_web_address
from .plan import Picture, PictureError, inspect, is_foreign, is_raster

_INLINE_CODE = re.compile(r"`+[^`]*`+")
# The preview's (``find_uses`` given the texts as read): each page's pictures by its text, as of the
# last call (1,000 posts scanned again took ~10 ms a save).
_by_text: dict[tuple[str, str, str, bool], tuple[Use, ...]] = {}
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\ssrc\s*=\s*[\"']([^\"']+)[\"']", re.I)


@dataclass(frozen=True)
class Use:
    """One place where a picture is used."""

    shown: str  # the file an editor opens, e.g. docs/blog/posts/x.md
    line: int
    field: str  # image.src, social_image
    source: str  # the picture's path under docs/
    role: str  # hero, social, body
    published: bool = True  # on a page the build publishes (not a draft, a scheduled or an expired post)

    def problem(self, message: str) -> Problem:
        return Problem(self.shown, self.line, self.field, message)


def find_uses(content: Content, docs_dir: str, shown_docs: str = "docs", texts: dict[str, str] | None = None) -> list[Use]:
    """Every raster (or refused) picture a page uses, published or not: a draft's pictures
    are checked like the rest of the draft, but published only with it. ``texts``: pages'
    text by source as the content was read from (the preview's), not read again."""
    uses = []
    for post in content.posts:
        path, shown = f"{shown_docs}/{post.source}", content.is_shown(post.source)
        if post.image and (is_raster(post.image.src) or is_foreign(post.image.src)):
            line = post.line_of.get("image.src", post.line_of.get("image", 1))
            uses.append(Use(path, line, "image.src", post.image.src, "hero", shown))
        if post.social_image:
            uses.append(Use(path, post.line_of.get("social_image", 1), "social_image", post.social_image, "social", shown))
    known = dict(_by_text)
    _by_text.clear()
    for source in content.sources.posts + content.sources.pages:  # the page plan's Markdown files
        text = texts.get(source) if texts else None
        if text is not None:
            # The preview's texts as read: a page's pictures found again only when its text changed.
            key = (source, shown_docs, text, content.is_shown(source))
            found = known.get(key)
            if found is None:
                found = tuple(markdown_uses(source, f"{shown_docs}/{source}", text, key[3]))
            _by_text[key] = found
            uses += found
            continue
        text, _ = read_text(os.path.join(docs_dir, source), f"{shown_docs}/{source}")
        if text is not None:
            uses += markdown_uses(source, f"{shown_docs}/{source}", text, content.is_shown(source))
    return uses


def markdown_uses(source: str, shown: str, text: str, published: bool = True) -> list[Use]:
    """Images written in a page's Markdown body, outside code."""
    if "![" not in text and "<img" not in text and "<IMG" not in text:
        return []  # most posts have none: no need to read them line by line
    body, first = body_of(text)
    uses = [use for picture in find_pictures(body, first) for use in _use(source, shown, picture.line, picture.target, published)]
    # Pictures in raw HTML: outside code, as Markdown reads it.
    for line in scan_lines(body, first) if "<img" in body.lower() else ():
        if not line.in_code and "<img" in line.text.lower():
            for match in _HTML_IMAGE.finditer(_INLINE_CODE.sub("", line.text)):
                uses += _use(source, shown, line.number, match.group(1), published)
    return sorted(uses, key=lambda use: use.line)


def _use(source: str, shown: str, number: int, written: str, published: bool) -> list[Use]:
    """The picture a page names at one place, when it is one of the site's raster pictures."""
    if is_web_address(written) or written.startswith("#"):
        return []
    path = unquote(written.split("#")[0].split("?")[0])
    if not (is_raster(path) or is_foreign(path)):
        return []
    if path.startswith("/"):
        resolved = posixpath.normpath(path.lstrip("/"))
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    return [Use(shown, number, "image.src", resolved, "body", published)]


def check_uses(
    uses: list[Use], docs_dir: str, known: Callable[[str], Picture | None] = lambda full: None,
) -> tuple[dict[str, Picture], list[Problem]]:
    """Inspect each used picture once: pictures by source, and a problem for each bad use.

    ``known`` returns what the cache remembers of a file that has not changed.
    """
    pictures: dict[str, Picture] = {}
    errors: dict[str, str] = {}
    problems = []
    for use in uses:
        if use.source not in pictures and use.source not in errors:
            full = os.path.join(docs_dir, use.source)
            if use.source.startswith("../") or os.path.islink(full):
                errors[use.source] = f"'{use.source}' is outside docs/ or a symbolic link; put the picture itself under docs/"
            else:
                try:
                    pictures[use.source] = known(full) or inspect(full, use.source)
                except PictureError as error:
                    errors[use.source] = str(error)
        if use.source in errors:
            problems.append(use.problem(errors[use.source]))
    return pictures, problems
