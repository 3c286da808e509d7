"""Posts: each published post at /blog/<slug>/, rendered with the post template.

Unpublished posts (drafts, scheduled, expired) are removed from the build, so
they appear nowhere; `mkdocs serve` keeps them, marked, for the preview.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog.state import STATE_KEY, BuildState
from careerblog.urls import POSTS_DIR
from careerblog.views import post_page


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state: BuildState = config[STATE_KEY]
    visible = set(state.content.visible)
    for file in list(files):
        if not (file.src_uri.startswith(POSTS_DIR) and file.is_documentation_page()):
            continue
        post = state.content.by_source.get(file.src_uri)
        if post is None or post not in visible:
            files.remove(file)
        else:
            _move(file, post.url, config)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _post_of(page, config) is not None:
        page.meta["template"] = "post.html"
        page.meta.setdefault("hide", ["navigation"])
    return markdown


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    post = _post_of(page, config)
    if post is not None:
        context["post"] = post_page(post, config[STATE_KEY].content)
    return context


# ---


def _post_of(page: Page, config: MkDocsConfig):
    return config[STATE_KEY].content.by_source.get(page.file.src_uri)


def _move(file: File, url: str, config: MkDocsConfig) -> None:
    """Publish ``file`` at the directory ``url`` instead of under blog/posts/."""
    file.dest_uri = f"{url}index.html"
    file.url = url
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))
