"""Share links on posts and guides ([data-share], partials/share.html): the links are
computed once per page in the core (careerblog.share); the template only prints them."""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog.share import share_links
from careerblog_mkdocs import state_of


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    state = state_of(config)
    post = state.content.by_source.get(page.file.src_uri)
    guide_id = state.guide_pages.get(page.file.src_uri)
    if page.canonical_url and (post is not None or guide_id):
        title = post.title if post is not None else html.unescape(str(page.title or ""))
        context["share"] = {"url": page.canonical_url, "title": title, "links": share_links(page.canonical_url, title)}
    return context
