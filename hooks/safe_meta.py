"""Escape what editors write before Material prints it.

Material's templates print ``page.meta.title``, ``page.meta.description`` and
``page.title`` without escaping (its Jinja does not auto-escape), so a title with
``<`` or ``"`` would break the page. Escaping once here, as Markup, makes every
later use safe and keeps ``| e`` in our own templates from escaping twice.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_FIELDS = ("title", "description")


# Priority 100: before any other hook or plugin reads the page's meta.
@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    for key in _FIELDS:
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)
    if isinstance(page.title, str) and not isinstance(page.title, Markup):
        page.title = escape(page.title)
    return markdown

