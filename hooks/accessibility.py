"""Mend the few places in Material's markup that accessibility checkers flag.

Material's search panel is a dialog without a name, so a screen reader announces
only "dialog". Copying its partial to add one would fork it; naming it in the
finished page keeps Material's own markup, and the browser tests (axe-core)
fail if a Material update moves it.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_UNNAMED_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(?![^>]*aria-label)')


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _name_search_dialog(output)


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a theme template, not a page, but carries the same header.
    return _name_search_dialog(output)


# ---


def _name_search_dialog(html: str) -> str:
    return _UNNAMED_SEARCH_DIALOG.sub(r'\1 aria-label="Search"', html, count=1)
