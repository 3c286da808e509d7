"""Guides: every section headed ``{ .guide }`` becomes /guides/<id>/, listed at /guides/,
and a line ``<!-- guide: <id> -->`` embeds it in any page.
"""

from __future__ import annotations

import html

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog import urls
from careerblog.guides import expand_embeds, shift_headings
from careerblog.models import Guide
from careerblog.views import embedders, guide_view, guides_index
from careerblog_mkdocs import add_page, state_of

# Markdown, not HTML: the embedded guide is converted with the page and found by search.
_EMBED = """<div class="cb-guide-embed" data-guide-embed="{id}" markdown>

{heading} {title}

{body}

[Read the guide "{title}" on its own page](/{source})
{{ .cb-guide-embed-link }}

</div>"""


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state = state_of(config)
    guides = state.content.published_guides
    # /guides/ is in the navigation, so it exists even before the first guide.
    index = add_page(files, config, urls.GUIDES, {
        "title": "Guides", "template": "guides.html", "hide": ["navigation", "toc"],
        "description": "Step-by-step guides from our career advice, each on its own page.",
    })
    state.guide_pages[index] = ""
    organization = state.content.settings.organization.name
    for guide in guides.values():
        meta = {"title": guide.title, "template": "guide.html", "hide": ["navigation"],
                "description": f"{guide.title}: a step-by-step guide from {organization}'s career advice."}
        # The guide's heading becomes the page's h1, so its subheadings move up to match.
        body = shift_headings(guide.body, 1 - guide.level)
        state.guide_pages[add_page(files, config, guide.url, meta, body)] = guide.id
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    guides = state_of(config).content.published_guides
    if "<!--" not in markdown or not guides:
        return markdown
    return expand_embeds(markdown, guides, lambda guide: _render_embed(guide, guides))


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    # Titles and URLs are final only now, after every page was read.
    state = state_of(config)
    state.embedded_in = embedders(state.content, lambda source: _page_of(files, source))
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    state = state_of(config)
    guide_id = state.guide_pages.get(page.file.src_uri)
    if guide_id is None:
        return context
    content = state.content
    if guide_id:
        context["guide"] = guide_view(content.published_guides[guide_id], content, state.embedded_in)
    else:
        context["guides"] = guides_index(content, state.embedded_in)
    return context


# ---


def _render_embed(guide: Guide, guides: dict[str, Guide]) -> str:
    # Embeds inside the guide are expanded too; cycles were refused when content was loaded.
    body = expand_embeds(guide.body, guides, lambda inner: _render_embed(inner, guides))
    return _EMBED.format(
        id=html.escape(guide.id), heading="#" * guide.level, title=guide.title,
        # Ids in the copy would clash with the original's on the same site and page.
        body=shift_headings(body, 0, strip_attrs=True), source=urls.source_for(guide.url),
    )


def _page_of(files: Files, source: str) -> tuple[str, str] | None:
    file = files.get_file_from_path(source)
    if file is None or file.page is None:
        return None
    return str(file.page.title or file.url), file.url
