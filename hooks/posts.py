"""Posts: each published post at /blog/<slug>/, rendered with the post template.

Unpublished posts (drafts, scheduled, expired) are removed from the build, so
they appear nowhere; `mkdocs serve` keeps them, marked, for the preview.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog.models import Post
from careerblog.urls import POSTS_DIR
from careerblog.views import post_page
from careerblog_mkdocs import move, state_of


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    content = state_of(config).content
    for file in list(files):
        if not (file.src_uri.startswith(POSTS_DIR) and file.is_documentation_page()):
            continue
        post = content.by_source.get(file.src_uri)
        if post is None or post not in content.visible_set:
            files.remove(file)
        else:
            move(file, post.url, config)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _post_of(page, config) is not None:
        page.meta["template"] = "post.html"
        page.meta.setdefault("hide", ["navigation"])
    return markdown


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    post = _post_of(page, config)
    if post is not None:
        context["post"] = post_page(post, state_of(config).content)
    return context


# ---


def _post_of(page: Page, config: MkDocsConfig) -> Post | None:
    return state_of(config).content.by_source.get(page.file.src_uri)
