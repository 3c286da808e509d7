"""Material's navigation partials rendered once per set of relative links (hooks/navigation_cache.py)."""

from __future__ import annotations

from typing import Callable, Iterator

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url


def keep_rendered(template: jinja2.Template, config: MkDocsConfig) -> None:
    """Make ``template`` (included with the page's context) render once per key (``_key``).

    ``{% include %}`` runs the template's root render function, which is replaced here on
    the template the environment keeps, for this build (the environment is the build's).
    """
    render: Callable = template.root_render_func
    if getattr(render, "keeps_rendered", False):
        return
    kept: dict[tuple, str] = {}
    logo = config.theme.get("logo") or ""

    def root_render_func(context: jinja2.runtime.Context) -> Iterator[str]:
        key = _key(context, logo)
        if key is None:
            yield from render(context)
            return
        html = kept.get(key)
        if html is None:
            html = kept[key] = "".join(render(context))
        yield html

    root_render_func.keeps_rendered = True  # type: ignore[attr-defined]
    template.root_render_func = root_render_func


def _key(context: jinja2.runtime.Context, logo: str) -> tuple | None:
    """What the navigation's HTML depends on for a page outside it: every link as the page writes it."""
    page, nav = context.get("page"), context.get("nav")
    if not isinstance(page, Page) or not isinstance(nav, Navigation) or page.url is None:
        return None
    if any(item is page or item.active for item in _items(nav.items)):
        return None  # the page's own entry is shown active, with its table of contents
    return (context.get("base_url"), get_relative_url(logo, page.url),
            *(get_relative_url(item.url, page.url) for item in nav.pages))


def _items(items: list) -> Iterator:
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or [])
