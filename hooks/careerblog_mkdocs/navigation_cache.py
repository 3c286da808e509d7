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


def keep_block_rendered(template: jinja2.Template, name: str) -> None:
    """Make the block ``name`` of ``template`` render once per ``base_url`` and per link it
    writes, as this page's ``url`` filter writes them.

    For Material's ``config`` block (base.html), the settings every page gives its scripts:
    the same JSON for every page but for the site's base and the search worker's link, its
    translations made by ten macro calls on each page. The block's other inputs are the
    build's configuration (its features, language and plugins), the same for every page. The
    links are those the block gave the filter when first rendered: a block whose links vary
    by page is not one to keep this way.
    """
    render: Callable = template.blocks[name]
    if getattr(render, "keeps_rendered", False):
        return
    kept: dict[tuple, str] = {}
    links: list = []

    def block(context: jinja2.runtime.Context) -> Iterator[str]:
        env = context.environment
        url = env.filters["url"]
        key = (context.get("base_url"), *(url(context, link) for link in links))
        html = kept.get(key)
        if html is None:
            given: list = []

            @jinja2.pass_context
            def recording_url(url_context, value) -> str:
                given.append(value)
                return url(url_context, value)

            env.filters["url"] = recording_url  # the compiled block looks its filters up as it starts
            try:
                html = "".join(render(context))
            finally:
                env.filters["url"] = url
            if not kept:
                links[:] = given
                key = (context.get("base_url"), *(url(context, link) for link in links))
            if given != links:
                raise RuntimeError(f"{template.name}: block {name} links by page; it cannot be kept")
            kept[key] = html
        yield html

    block.keeps_rendered = True  # type: ignore[attr-defined]
    template.blocks[name] = block
