"""Material's navigation partials rendered once per set of relative links (hooks/navigation_cache.py)."""

from __future__ import annotations

from types import MappingProxyType
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
    kept = _kept_by_links(f"{template.name}: block {name}")

    def block(context: jinja2.runtime.Context) -> Iterator[str]:
        yield kept(context, lambda: "".join(render(context)))

    block.keeps_rendered = True  # type: ignore[attr-defined]
    template.blocks[name] = block


def keep_rendered_but_title(template: jinja2.Template) -> None:
    """Make ``template`` (Material's partials/header.html, included with the page's context)
    render once per ``base_url`` and per link it writes, as this page writes them, with the
    page's title filled in for each page.

    The header shows the site's logo, name, palette and search box (the build's configuration,
    the same for every page), a link home, and the page's title (``page.meta.title`` or
    ``page.title``). It is rendered with a stand-in for the page whose title is a mark, then the
    mark is replaced by each page's title as the header writes it. The stand-in gives the
    header nothing else of the page but its URL (for the ``url`` filter): a header that reads
    anything more of the page stops the build, and so does one whose links vary by page.
    """
    render: Callable = template.root_render_func
    if getattr(render, "keeps_rendered", False):
        return
    kept = _kept_by_links(template.name)

    def root_render_func(context: jinja2.runtime.Context) -> Iterator[str]:
        page = context.get("page")
        if not isinstance(page, Page):
            yield from render(context)
            return

        def render_marked() -> str:
            marked = template.new_context({**context.get_all(), "page": _TitleMarked(page)}, shared=True)
            html = "".join(render(marked))
            if _URL_MARK in html:
                raise RuntimeError(f"{template.name} writes page.url itself (not through the url filter), "
                                   "which varies by page: it cannot be kept")
            return html

        yield _title_as_written(page).join(kept(context, render_marked).split(_TITLE_MARK))

    root_render_func.keeps_rendered = True  # type: ignore[attr-defined]
    template.root_render_func = root_render_func


# What the header writes where it shows the page's title: no filter of it changes the mark.
_TITLE_MARK = "\x00careerblog:title\x00"
# What the header would write if it wrote the page's URL itself (see _PageURL).
_URL_MARK = "\x00careerblog:page.url\x00"


class _PageURL(str):
    """The page's URL as the stand-in gives it: the url filter computes with its text, but
    written out (``{{ page.url }}``, ``| e``, ``~``: all go through ``str()``) it is a mark the
    kept header refuses, since another page of the same links would be served this one's URL."""

    __slots__ = ()

    def __str__(self) -> str:
        return _URL_MARK


def _title_as_written(page: Page) -> str:
    """What Material's header writes as the page's title: ``{{ page.meta.title }}`` when the page
    has one, else ``{{ page.title }}`` (Jinja writes a value as ``str`` gives it)."""
    meta_title = page.meta.get("title") if page.meta else None
    return str(meta_title if meta_title else page.title)


class _TitleMarked:
    """The page as the kept header sees it: a title that is a mark, no meta (so the header
    shows ``page.title``: the mark), and the page's URL, which the ``url`` filter reads (and
    which the header may not write itself: _PageURL)."""

    __slots__ = ("_page",)
    title = _TITLE_MARK
    meta = MappingProxyType({})

    def __init__(self, page: Page) -> None:
        self._page = page

    @property
    def url(self) -> str:
        return _PageURL(self._page.url)

    def __getattr__(self, name: str):
        # Not AttributeError, which Jinja would turn into an undefined value and write on.
        raise RuntimeError(f"the header reads page.{name}, which varies by page: it cannot be kept")


def _kept_by_links(what: str) -> Callable[[jinja2.runtime.Context, Callable[[], str]], str]:
    """``kept(context, render)``: the HTML ``render()`` gave for a page with the same ``base_url``
    and the same links, as this page's ``url`` filter writes them; rendered when there is none.

    The links are those given to the filter when first rendered; a later rendering that gives
    it others (links that vary by page) stops the build: ``what`` cannot be kept this way.
    """
    kept: dict[tuple, str] = {}
    links: list = []

    def html(context: jinja2.runtime.Context, render: Callable[[], str]) -> str:
        env = context.environment
        url = env.filters["url"]
        key = (context.get("base_url"), *(url(context, link) for link in links))
        found = kept.get(key)
        if found is None:
            given: list = []

            @jinja2.pass_context
            def recording_url(url_context, value) -> str:
                given.append(value)
                return url(url_context, value)

            env.filters["url"] = recording_url  # the compiled template looks its filters up as it starts
            try:
                found = render()
            finally:
                env.filters["url"] = url
            if not kept:
                links[:] = given
                key = (context.get("base_url"), *(url(context, link) for link in links))
            if given != links:
                raise RuntimeError(f"{what} links by page; it cannot be kept")
            kept[key] = found
        return found

    return html
