"""Related posts: "What's Happening" cards at the end of every post, ranked by the core."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog_mkdocs import state_of


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    state = state_of(config)
    content = state.content
    post = content.by_source.get(page.file.src_uri)
    if post is None:
        return context
    settings = content.settings
    cards = []
    for related in content.related_index.rank(post, settings.related_count):
        because = [content.tags[name].label for name in related.shared_tags]
        cards.append({**state.card(related.post), "because": because})
    context["related"] = {"heading": settings.related_heading, "cards": cards}
    return context
