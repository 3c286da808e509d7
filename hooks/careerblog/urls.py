"""The URL plan of contract section 6, as site-relative directory URLs.

Generated pages get the source ``<url>index.md``, which MkDocs builds into
``<url>index.html`` and links as ``<url>``.
"""

from __future__ import annotations

import re

BLOG = "blog/"
TAGS = "tags/"
POSTS_DIR = "blog/posts/"
# "https:", "mailto:", "tel:": any scheme, as a browser reads it.
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
# Post slugs that would land inside the blog's own generated folders.
RESERVED_POST_SLUGS = frozenset({"page", "archive", "posts", "images"})
# MkDocs 1.6 reads these as Markdown (mkdocs.utils.markdown_extensions; a test holds them equal).
MARKDOWN_EXTENSIONS = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def is_web_address(written: str) -> bool:
    """True for an address on another site or scheme (``https://``, ``//host``, ``mailto:``),
    as opposed to a file of this site."""
    return bool(_SCHEME.match(written)) or written.startswith("//")


def strip_markdown_extension(path: str) -> str:
    """``about.markdown`` -> ``about``; any other name is left as it is."""
    for extension in MARKDOWN_EXTENSIONS:
        if path.endswith(extension):
            return path[: -len(extension)]
    return path


def post_url(slug: str) -> str:
    return f"blog/{slug}/"


def blog_page_url(number: int) -> str:
    return BLOG if number == 1 else f"blog/page/{number}/"


def archive_url(year: int) -> str:
    return f"blog/archive/{year}/"


def tag_url(slug: str) -> str:
    return f"tags/{slug}/"


def author_url(author_id: str) -> str:
    return f"authors/{author_id}/"


def guide_url(guide_id: str) -> str:
    return f"guides/{guide_id}/"


def job_url(job_id: str) -> str:
    return f"jobs/{job_id}/"


GUIDES = "guides/"
JOBS = "jobs/"


def page_url_for(source: str) -> str:
    """The directory URL MkDocs gives a hand-written page: ``about.md`` -> ``about/``."""
    stem = strip_markdown_extension(source)
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{stem}/"


def source_for(url: str) -> str:
    """The Markdown source that MkDocs turns into the directory ``url``."""
    return f"{url}index.md"
