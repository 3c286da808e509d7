"""The preview's quick rebuild: a save of pages or jobs built on the last build's objects.

`mkdocs serve` alone (serve_model.py decides when). MkDocs' ``build()`` starts every
rebuild from nothing: the configuration loaded again, a ``File`` and a ``Page`` for
each of the site's files, the navigation, the theme's files listed again, Material's
Jinja environment made again (some 0.15 s of a body edit's 0.55 s of CPU at 1,000
posts). After a save that changed only pages under ``docs/`` or
``data/jobs.yml``, none of that changed: this rebuild keeps the last build's
configuration, files, navigation and Jinja environment, and runs every plugin event
on them as ``build()`` does, so every hook does what it does in a build:

1. ``on_config`` (the content is loaded and checked again, with the preview's memo
   of posts) and ``on_pre_build``;
2. ``on_files`` on a new file list (``get_files``: the generated pages are planned
   from the new content); the kept list takes over its pages: a generated page's
   new Markdown, a new post's file, a deleted post's file gone;
3. ``on_nav`` on the kept navigation (the serve model decides which pages to read
   again, see serve_model.py), the pages read, ``on_env`` (feeds and redirect
   pages made again), then static templates and pages written as ``build()``
   writes them (many pages: half of them by a forked copy, serve_fork.py), and
   ``on_post_build``.

It declines (returns False, having written nothing) when the save changed what the
navigation holds or moved a page, or when loading the content or planning the files
fails: then MkDocs' own build runs, which says the problems as always.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import jinja2
from mkdocs.commands.build import _build_extra_template, _build_page, _build_theme_template, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog_mkdocs import card_cache
from careerblog_mkdocs.serve_fork import in_two

log = logging.getLogger("mkdocs.careerblog.preview")


@dataclass
class Held:
    """What the last good build made, kept for the next save."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment


@dataclass
class Contexts:
    """What the hooks' ``on_page_context`` gave each page this rebuild, when the serve model
    digested it (serve_model.py), by ``src_uri``; ``makers``: those events.

    The digest runs them on an empty context, in their order, after every ``on_env``; a
    page's template gets the same by running them again on MkDocs' context, as long as
    they only add keys (none reads what MkDocs puts there). Given back instead, a title
    edit's 70 pages skip 70 runs of every hook (related posts ranked again, cards, jobs).
    """

    by_page: dict[str, dict] = field(default_factory=dict)
    makers: frozenset[Callable] = frozenset()

    def keep(self, by_page: dict[str, dict], makers: frozenset[Callable]) -> None:
        # In place: the quick rebuild was handed this object before the model's on_env ran.
        self.by_page, self.makers = by_page, makers

    def clear(self) -> None:
        self.keep({}, frozenset())


def rebuild(held: Held, contexts: Contexts | None = None) -> bool:
    """Build the site again on ``held``; False (nothing written) when only a whole build can.

    ``contexts``: filled by the serve model during this rebuild's ``on_env``."""
    config, files, nav, env = held.config, held.files, held.nav, held.env
    # Templates as a new environment has them, each build: a hook may change a template
    # for one build (hooks/navigation_cache.py keeps the navigation's HTML on it). Their
    # compiled code stays in the preview's bytecode cache (serve_model.equip).
    if env.cache is not None:
        env.cache.clear()
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        planned = get_files(config)
        planned.add_files_from_theme(env, config)  # the theme's file listing is kept (serve_model.equip)
        planned = config.plugins.on_files(planned, config=config)
        set_exclusions(planned, config)
    except Exception:
        return False  # an editor's mistake, most likely: MkDocs' build tells it as always
    if not _take_pages(files, planned, config, nav):
        return False
    _order_as_planned(files, planned)
    try:
        with _pages_listed_once(files):
            _build(config, files, nav, env, contexts or Contexts())
    except Exception as error:
        # What build() does with a failed build: hooks hear of it, MkDocs says it.
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            log.error(str(error))
            raise Abort("Aborted with a BuildError!") from None
        raise
    return True


def _take_pages(files: Files, planned: Files, config: MkDocsConfig, nav: Navigation) -> bool:
    """Make the kept file list hold the planned pages; False when the navigation would change."""
    kept = {file.src_uri: file for file in files.documentation_pages()}
    new = {file.src_uri: file for file in planned.documentation_pages()}
    in_nav = {page.file.src_uri for page in nav.pages}
    for src_uri in kept.keys() - new.keys():
        if src_uri in in_nav:
            return False
    for src_uri in new.keys() - kept.keys():
        # Without a nav in mkdocs.yml every page is in it; a page the nav names may now resolve.
        if config["nav"] is None or _named(config["nav"], src_uri):
            return False
    for src_uri in kept.keys() & new.keys():
        old, now = kept[src_uri], new[src_uri]
        if (old.url, old.dest_uri, old.generated_by is None) != (now.url, now.dest_uri, now.generated_by is None):
            return False  # a page moved: links to it change everywhere
    for src_uri in kept.keys() - new.keys():
        files.remove(kept[src_uri])
    for src_uri in sorted(new.keys() - kept.keys()):
        files.append(new[src_uri])
        Page(None, new[src_uri], config)  # as get_navigation makes pages outside the nav
    for src_uri in kept.keys() & new.keys():
        old, now = kept[src_uri], new[src_uri]
        if old.generated_by is not None and old.content_string != now.content_string:
            old.content_string = now.content_string
    return True


def _order_as_planned(files: Files, planned: Files) -> None:
    """Make the kept list hold the planned files, in their order, with the kept pages' files.

    Listings of every page (the sitemap, the search index, the render cache's key) follow
    this order: a new post goes where ``get_files`` found it, not last. Files that are not
    pages are the planned ones: what on_env hooks made last time (feeds, redirect pages) is
    left out until they make it again, and an original picture is back until on_env leaves
    it out again, as at this step of a whole build.
    """
    kept = files.src_uris
    order = [kept.get(file.src_uri, file) if file.is_documentation_page() else file for file in planned]
    for file in list(files):
        files.remove(file)
    for file in order:
        files.append(file)


def _build(config: MkDocsConfig, files: Files, nav: Navigation, env: jinja2.Environment, contexts: Contexts) -> None:
    """The rest of MkDocs' build() (mkdocs/commands/build.py), as a dirty build of the preview runs it."""
    inclusion = InclusionLevel.is_in_serve
    nav = config.plugins.on_nav(nav, config=config, files=files)
    for file in files.documentation_pages(inclusion=inclusion):
        _populate_page(file.page, config, files, dirty=True)
    env = config.plugins.on_env(env, config=config, files=files)
    # A save of pages changes no picture, style or theme file: only generated files are written.
    for file in files:
        if file.generated_by is not None and not file.is_documentation_page() and file.is_modified():
            file.copy_file(dirty=True)
    for template in config.theme.static_templates:
        _build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        _build_extra_template(template, files, config, nav)
    doc_files = files.documentation_pages(inclusion=inclusion)
    changed = [file for file in doc_files if file.is_modified()]  # the serve model's choice

    def write(some: list[File]) -> list:
        # Each page's result: the post cards it added to the card cache or used, for the
        # process to keep what its forked copy did (card_cache.py).
        written = []
        for file in some:
            _build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
            written.append(card_cache.taken())
        return written

    with _reusing(config, contexts):
        for cards in in_two(changed, write):  # a new post's 120 pages on both cores (serve_fork.py)
            card_cache.merge(cards)
    for file in doc_files:
        file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    config.plugins.on_post_build(config=config)


@contextmanager
def _pages_listed_once(files: Files) -> Iterator[None]:
    """``files.documentation_pages()`` listed once while the list holds the same files.

    Some dozen callers (the serve model, the render cache, MkDocs' context of each static
    template, the search hook) each walked the 2,500 files at 1,000 posts again (~1 ms a
    walk). Once the files are planned, hooks only add files (feeds, redirect pages), which
    changes the count: a listing is kept by the filter and the number of files.
    """
    listed: dict[tuple, list[File]] = {}
    walk = files.documentation_pages

    def documentation_pages(*, inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included) -> list[File]:
        key = (inclusion, len(files))
        if key not in listed:
            listed[key] = walk(inclusion=inclusion)
        return list(listed[key])  # a caller's own list, as MkDocs gives

    files.documentation_pages = documentation_pages
    try:
        yield
    finally:
        del files.documentation_pages


@contextmanager
def _reusing(config: MkDocsConfig, contexts: Contexts) -> Iterator[None]:
    """While pages render, their ``on_page_context`` gives what the digest's run gave (Contexts)."""
    events = config.plugins.events["page_context"]
    hooks = list(events)

    def page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        given = contexts.by_page.get(page.file.src_uri)
        if given is not None:
            context.update(given)
        for method in hooks:
            # The others (Material's search plugin) only read the page: they run as always.
            if given is None or method not in contexts.makers:
                context = method(context, page=page, config=config, nav=nav) or context
        return context

    events[:] = [page_context]
    try:
        yield
    finally:
        events[:] = hooks


def _named(nav_config: object, src_uri: str) -> bool:
    """Whether mkdocs.yml's ``nav`` names the file (at any depth)."""
    if isinstance(nav_config, str):
        return nav_config == src_uri
    if isinstance(nav_config, dict):
        return any(_named(value, src_uri) for value in nav_config.values())
    if isinstance(nav_config, Iterable):
        return any(_named(item, src_uri) for item in nav_config)
    return False
