"""What each page of the preview shows, so that a save renders again only the pages it changed.

`mkdocs serve` alone (nothing here runs in `mkdocs build`). MkDocs' server polls
the files every 0.5 s and rebuilds the whole site on every save; at 1,000 posts
that took 16 s. This module makes the rebuild after an edit to a page
(``docs/**/*.md``) or to ``data/jobs.yml`` touch only what changed:

- **A quick trigger.** Watchdog's inotify observer (installed with MkDocs) sees a
  save at once, instead of MkDocs' polling every 0.5 s plus 0.1 s of waiting; the
  build starts 1 ms after a save whose writes are all complete (_SAVED_DELAY).
- **Pages read again only when their Markdown may differ.** A page is read and
  converted again when its source text or URL changed, when it mentions a file
  that appeared, disappeared or moved, and, when the content changed (any post's
  front matter, a guide, the jobs), when it embeds a guide or holds a marker
  (``<!--``), and when it is generated or the home page (their dates come from the
  posts they list) unless only what posts, guides and jobs display changed.
  Every other page gets back what reading it gave last time (content, title,
  meta, ...), so navigation, cards and the search index still see every page.
- **Pages rendered again only when what they display changed.** After every hook's
  ``on_env``, each page's display model is digested: its content, title and meta,
  and the template data every hook's ``on_page_context`` gives it (its post, the
  cards of a listing, related posts and jobs callout, guides, structured data),
  with the navigation. Hooks added later are covered without change here. Only
  pages whose digest changed are rendered and written; pages that are gone are
  deleted from the served folder.
- **Templates compiled once** (a Jinja bytecode cache kept in memory, checked
  against each template's source), and Pagefind indexes after the page is served
  (hooks/search.py).
- **No new site for each save.** Such a save is built on the last build's
  configuration, files, navigation and Jinja environment (serve_quick.py); MkDocs'
  whole dirty build runs only when that declines (the navigation changed, a page
  moved, or the content has a problem to report).
- **A mistake costs no whole build.** When such a save fails the content check
  (on_config), the model and the last good build's objects are kept (``failed``):
  the save that fixes it is built as quickly as any other.

Anything else saved (a template, ``mkdocs.yml``, ``data/site.yml``, tags or authors,
a picture, a hook file) rebuilds everything, as MkDocs would, from a clean folder.
A hook whose ``on_page_markdown`` reads another page's data must be added to the
"read again" rules above; tests/test_preview_never_stale.py compares every
served page with a full build after each kind of edit.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
import hashlib
import io
import logging
import os
import pickle
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import jinja2
import watchdog.events
import watchdog.observers
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog.content import Content
from careerblog.state import BuildState
from careerblog_mkdocs import Session, project_root
from careerblog_mkdocs.serve_fork import copies_cpu, in_two
from careerblog_mkdocs.serve_posts import (Frame, PostsChange, digest_of, listing_keys, posts_change, related_changed,
                                           related_lists)
from careerblog_mkdocs.serve_quick import Contexts, Held, rebuild as rebuild_held

log = logging.getLogger("mkdocs.careerblog.preview")

# What MkDocs sets on a page from the navigation and the config, every build: not kept.
_STRUCTURE = frozenset({"file", "parent", "children", "previous_page", "next_page", "_Page__active",
                        "canonical_url", "abs_url", "edit_url"})
# Saves that only change pages, or the jobs: everything else rebuilds everything.
_PAGE_SUFFIX = ".md"
_JOBS_FILE = ("data", "jobs.yml")
# Only writes count. The kernel is asked for nothing else: by default inotify also reports
# every file opened and closed unwritten, and each rebuild reads some 3,000 files under the
# watched folders; the watcher's thread then handled 6,000 events in Python per rebuild,
# taking the GIL from the build (io.open looked 10 times slower than it is).
_WRITE_EVENTS = [watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent,
                 watchdog.events.FileMovedEvent, watchdog.events.FileDeletedEvent,
                 watchdog.events.FileClosedEvent, watchdog.events.DirCreatedEvent,
                 watchdog.events.DirMovedEvent, watchdog.events.DirDeletedEvent]
_WRITES = frozenset(event.event_type for event in _WRITE_EVENTS)
# An editor's own temporary files (vim's swap and probe files, backups) change nothing.
_SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".tmp")
_BUILD_DELAY = 0.02  # seconds of quiet after a save before building (MkDocs waits 0.1)
# ... once every file written since the last build is closed, renamed into place or deleted, and
# none of them is a new file closed other than a page (an editor's or sed's temporary file, such as
# sedK3x9Qa or 4913, renamed over the page a moment later): nothing is half-written, and the save
# shows 20 ms sooner.
_SAVED_DELAY = 0.001
_COMPLETE_EVENTS = frozenset({watchdog.events.EVENT_TYPE_CLOSED, watchdog.events.EVENT_TYPE_MOVED,
                              watchdog.events.EVENT_TYPE_DELETED})
_COLLECT_AFTER = 1.0  # seconds after a rebuild, when its pages are served, to collect its garbage


@dataclass
class _Kept:
    """A page as the last build read it, and the digest of what it displayed."""

    url: str
    source: str
    state: dict
    links_to_anchors: dict[str, dict[str, str]] | None
    digest: str | None = None
    shown: bytes | None = None  # what the digest was made of (pickled): which posts, guides and jobs it names


@dataclass
class ServeModel:
    """Lives as long as `mkdocs serve`; one build at a time uses it."""

    kept: dict[str, _Kept] = field(default_factory=dict)  # by src_uri
    outputs: set[str] = field(default_factory=set)  # files the last build left in the served folder
    templates: jinja2.BytecodeCache = field(default_factory=lambda: _MemoryBytecodeCache())
    incremental: bool = False  # this build renders changed pages only
    fingerprint: str = ""  # of the content every view is made from, and of page titles, at the last build
    content_fingerprint: str = ""  # of the content alone, at the last build
    # The content but what its posts, guides and jobs display (titles, descriptions, text),
    # and those displays by key: when only displays changed, only pages naming them can differ.
    frame: Frame = Frame("")
    displays: dict[tuple[str, str], str] = field(default_factory=dict)
    listings: dict[str, str] = field(default_factory=dict)  # what each listing page is made of (serve_posts.py)
    shared: str = ""  # the navigation, at the last build
    written: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # generated files (feeds) by path: text, digest
    theme_files: dict[tuple, list[str]] = field(default_factory=dict)  # the theme folders' templates
    # This build: which pages to read again, then which to render again.
    reading: set[str] = field(default_factory=set)
    rendering: set[str] = field(default_factory=set)
    _phase: str = "read"
    _same_frame: bool = False
    _posts_change: PostsChange | None = None  # this build only added or deleted posts (serve_posts.py)
    _last: Content | None = None  # the last build's content
    # The last related posts computed, and the digest of the frame they were computed for: they hold
    # for any content with that frame (ranking reads tags, dates, slugs, pins and the settings, not
    # what posts display). A title edit between two new posts leaves it: the second is not ranked
    # twice (~27 ms at 1,000 posts).
    _related: tuple[str, dict[str, tuple]] = ("", {})
    _digested: int = 0
    # Each post's display and frame piece, by the post object: the preview's memo of posts
    # as read hands back the same object while its file is unchanged (17 ms at 1,000 posts).
    _post_pieces: dict[int, tuple] = field(default_factory=dict)
    _displays_changed: set[str] = field(default_factory=set)
    # What each page's on_page_context hooks gave its digest, for pages rendered again: the
    # quick rebuild gives it to the page's template instead of running them again (serve_quick.py).
    contexts: Contexts = field(default_factory=lambda: Contexts())
    _nav: Navigation | None = None
    _files: Files | None = None
    _env: jinja2.Environment | None = None
    held: Held | None = None  # the last good build's objects, for the quick rebuild (serve_quick.py)
    # Paths changed since the last build; True when the path's first event created it.
    _changes: dict[str, bool] = field(default_factory=dict)
    _open_writes: set[str] = field(default_factory=set)  # paths written but not yet closed, since the last build
    # This rebuild's changed paths, when the watcher saw every write since the last build read
    # the files: not the first build's, which MkDocs makes before the watcher starts.
    _watched_last_build: bool = False
    # This build's content check (every on_config) has begun and not passed: a failure now changed
    # nothing the model relies on (see failed()).
    _checking: bool = False
    _failed_checking: bool = False  # this rebuild failed so: the model and held objects are kept
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _observer: object | None = None
    _watched: frozenset[str] = frozenset()  # folders and files whose changes rebuild
    _collector: _IdleCollector = field(default_factory=lambda: _IdleCollector())

    # --- the server: a quick trigger, and a builder that knows what changed --------

    def quicken(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
        """Watch with inotify what MkDocs watches so far (and the templates and hooks); build incrementally."""
        root = project_root(config)
        paths = set(server._watched_paths) | {os.path.join(root, "overrides"), os.path.join(root, "hooks")}
        paths = {os.path.abspath(path) for path in paths if os.path.exists(path)}
        for path in list(server._watch_refs):
            server.observer.unschedule(server._watch_refs.pop(path))  # no longer polled
        observer = watchdog.observers.Observer()
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = lambda event: self._saw(event, server)
        self._watched = frozenset(paths)
        # A single file (mkdocs.yml) is watched through its folder: an editor that saves by
        # renaming a new file over it would leave a watch on the file itself behind.
        folders = {path if os.path.isdir(path) else os.path.dirname(path) for path in paths}
        for folder in sorted(folders):
            observer.schedule(handler, folder, recursive=folder in paths, event_filter=_WRITE_EVENTS)
        for path in paths:
            server._watched_paths.setdefault(path, 1)
        observer.start()
        self._observer = observer
        server.build_delay = _BUILD_DELAY
        server.builder = self._incremental_builder(builder, config)
        return server

    def stop(self) -> None:
        self._collector.stop()
        if self._observer is not None:
            self._observer.stop()
            self._observer = None
        self.forget()

    def forget(self) -> None:
        """The next build starts from nothing: after an error, or a change to anything but pages."""
        self.held = None
        self.kept.clear()
        self.outputs.clear()
        self.fingerprint = self.content_fingerprint = self.shared = ""
        self.frame = Frame("")
        self._last = None
        self._related = ("", {})
        self._post_pieces.clear()
        self.contexts.clear()
        self.displays.clear()
        self.listings.clear()
        self.written.clear()
        self.theme_files.clear()
        self.templates.clear()
        if Session.posts_read is not None:
            Session.posts_read.clear()

    def check_begins(self) -> None:
        """This build loads and checks the content (on_config)."""
        self._checking = True

    def check_passed(self) -> None:
        """The content is loaded and checked (on_pre_build): from now on the build plans files and pages."""
        self._checking = False

    def failed(self) -> None:
        """A build failed: the next starts from nothing, unless the failure came in a rebuild of a save
        of pages before the content check passed (an editor's mistake, a description too short).

        Then the model and the last good build's objects are as that build left them: the quick
        rebuild declines before it takes any page when on_config fails, and MkDocs' dirty build
        that says the problems makes its own configuration and files. The fixing save (or the
        faulty file deleted) goes through the quick rebuild, with the failed save's paths (see
        _incremental_builder), instead of MkDocs' whole build (4.2-4.9 s at 1,000 posts, measured).
        """
        if self._checking and self.incremental and self.held is not None and self.kept:
            self._failed_checking = True
        else:
            self.forget()

    def _saw(self, event: watchdog.events.FileSystemEvent, server: LiveReloadServer) -> None:
        if event.is_directory or event.event_type not in _WRITES:
            return
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        paths = [os.fsdecode(path) for path in paths if path]
        # A page renamed to a scratch name (vim's and Emacs' backup, `post.md~`) is about to be
        # written again under its own name: until then the save is not complete.
        set_aside = event.event_type == watchdog.events.EVENT_TYPE_MOVED and len(paths) == 2 and _is_scratch(paths[1])
        paths = [path for path in paths if self._is_watched(path) and not _is_scratch(path)]
        if not paths:
            return
        with self._lock:
            for path in paths:
                self._changes.setdefault(path, event.event_type == watchdog.events.EVENT_TYPE_CREATED
                                         and path == os.fsdecode(event.src_path))
            complete = self._completes(event.event_type, paths, set_aside)
        with server._rebuild_cond:
            # MkDocs' build loop waits this long after each event before building.
            server.build_delay = _SAVED_DELAY if complete else _BUILD_DELAY
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    def _completes(self, kind: str, paths: list[str], set_aside: bool = False) -> bool:
        """Whether, with this event, every write seen since the last build is complete (see _SAVED_DELAY).
        ``set_aside``: the event renamed ``paths`` to a scratch name, to be written again (an open write)."""
        if kind not in _COMPLETE_EVENTS or set_aside:
            self._open_writes.update(paths)
            return False
        self._open_writes.difference_update(paths)
        temporary = kind == watchdog.events.EVENT_TYPE_CLOSED and any(
            self._changes.get(path) and not path.endswith(_PAGE_SUFFIX) for path in paths)
        return not self._open_writes and not temporary

    def _is_watched(self, path: str) -> bool:
        path = os.path.abspath(path)
        return path in self._watched or any(path.startswith(folder + os.sep) for folder in self._watched)

    def _incremental_builder(self, builder: Callable, config: MkDocsConfig) -> Callable:
        get_config = _closure_value(builder, "get_config")
        serve_url = _closure_value(builder, "serve_url")
        asked_for = _closure_value(builder, "is_clean") or _closure_value(builder, "is_dirty")
        if get_config is None or serve_url is None or asked_for:
            return builder  # `serve --clean`/`--dirty`, or a MkDocs that builds otherwise: leave it be
        root = project_root(config)
        docs_dir = os.path.abspath(config.docs_dir)
        jobs_file = os.path.join(root, *_JOBS_FILE)

        def rebuild(config: MkDocsConfig | None = None) -> None:
            with self._lock:
                seen, self._changes = self._changes, {}
                self._open_writes.clear()  # a write still open closes later, and builds again then
            # A file made and gone again since the last build changed nothing: `sed -i` and an
            # editor's safe write save through a temporary file renamed over the page.
            changes = {path for path, born in seen.items() if not (born and not os.path.lexists(path))}
            if seen and not changes:
                return
            # No change seen here: a path watched by another plugin changed, which only a full build knows.
            if config is not None or not self.kept or not changes or not _only_pages(changes, docs_dir, jobs_file):
                self.forget()
                return builder(config)
            began, cpu = time.perf_counter(), time.process_time()
            copies_cpu()  # the first build's copies are not this rebuild's
            self.incremental = True
            self._failed_checking = False
            self._collector.pause()
            if self._watched_last_build:
                Session.changed_files = frozenset(os.path.abspath(path) for path in seen)
            try:
                quick = self.held is not None and rebuild_held(self.held, self.contexts)
                if not quick:
                    fresh = get_config()
                    fresh.site_url = serve_url
                    with _Quiet("mkdocs.commands.build", "A 'dirty' build"):
                        build(fresh, serve_url=serve_url, dirty=True)
            except BaseException:
                if self._failed_checking:
                    self._carry(seen)
                else:
                    self.forget()
                raise
            finally:
                self.incremental = False
                Session.changed_files = None
                self._watched_last_build = True
                self._collector.collect_soon()
            forked = copies_cpu()
            log.info(f"Preview: rebuilt in {time.perf_counter() - began:.2f} s "
                     f"({time.process_time() - cpu:.2f} s of CPU{f' and {forked:.2f} s in a forked copy' if forked else ''}"
                     f"{'' if quick else ', a whole dirty build'})")

        return rebuild

    def _carry(self, seen: dict[str, bool]) -> None:
        """The paths of a save whose build failed, back among the changes: the next rebuild reads
        them again (a page the watcher saw no write to is taken as the last good build read it)."""
        with self._lock:
            self._changes = {**seen, **{path: born for path, born in self._changes.items() if path not in seen}}

    # --- one build ---------------------------------------------------------------

    def equip(self, theme) -> None:
        """Give every Jinja environment of this build the kept compiled templates and theme listing.

        MkDocs makes a new environment per build (and Material's search plugin more), which
        would compile every template again and list Material's 14,000 theme files again.
        """
        make_env = theme.get_env
        if getattr(make_env, "equipped", False):
            return  # the quick rebuild runs on_config again on the same theme

        def get_env() -> jinja2.Environment:
            env = make_env()
            env.bytecode_cache = self.templates
            env.list_templates = self._listing(env, tuple(theme.static_templates))
            return env

        get_env.equipped = True
        theme.get_env = get_env

    def _listing(self, env: jinja2.Environment, static_templates: tuple) -> Callable[..., list[str]]:
        """``env.list_templates``, remembered: the theme's folders change only with a full rebuild."""
        walk = env.list_templates
        searchpath = tuple(getattr(env.loader, "searchpath", ()))

        def list_templates(extensions=None, filter_func=None) -> list[str]:
            # MkDocs' filter (add_files_from_theme) depends on the theme's static templates only.
            key = (searchpath, tuple(extensions or ()), getattr(filter_func, "__qualname__", None), static_templates)
            if key not in self.theme_files:
                self.theme_files[key] = walk(extensions=extensions, filter_func=filter_func)
            return list(self.theme_files[key])

        return list_templates

    def plan_reading(self, files: Files, nav: Navigation, state: BuildState) -> None:
        """Decide which pages to read again; give the others what reading them gave last time."""
        self._nav, self._files, self._phase = nav, files, "read"
        content = state.content
        self.reading, self.rendering = set(), set()
        frame, displays = _frame_and_displays(content, self._post_pieces)
        # The content every hook's views are made from, as of now (statuses and open jobs included).
        fingerprint = digest_of(f"{frame.digest}{sorted(displays.items())!r}")
        same_content = fingerprint == self.content_fingerprint
        self.content_fingerprint = fingerprint
        self._same_frame = self.incremental and frame.digest == self.frame.digest
        self._displays_changed = {key for (_, key), _ in set(displays.items()) ^ set(self.displays.items())}
        before, self.frame, self.displays = self.frame, frame, displays
        self._posts_change = None
        last, self._last = self._last, content
        if not self.incremental:
            return
        pages = [file for file in files.documentation_pages() if file.page is not None]
        # Pages that appeared, disappeared or moved (a new slug): a page naming one links to it.
        changed = {file.src_uri for file in pages} ^ set(self.kept)
        changed |= {file.src_uri for file in pages if file.src_uri in self.kept and self.kept[file.src_uri].url != file.url}
        self._posts_change = self._posts_only(before, last, content, changed)
        listed, self.listings = self.listings, listing_keys(state)
        names = {os.path.splitext(os.path.basename(src))[0] for src in changed}
        written = Session.changed_files  # what the watcher saw written, after its first build
        for file in pages:
            kept = self.kept.get(file.src_uri)
            # A file the watcher saw no write to is as the last build read it (1,400 reads spared).
            unwritten = kept is not None and written is not None and file.abs_src_path is not None \
                and os.path.abspath(file.abs_src_path) not in written
            source = kept.source if unwritten else file.content_string
            if (kept is None or kept.source != source or kept.url != file.url or any(name in source for name in names)
                    or not same_content and _reads_other_pages(file, source, self._same_frame)
                    and not self._posts_leave(file, source, state, listed)):
                self.reading.add(file.src_uri)
            else:
                _restore(file.page, kept, files)
            file.is_modified = _Modified(self, file.src_uri)

    def _posts_leave(self, file: File, source: str, state: BuildState, listed: dict[str, str]) -> bool:
        """Whether a save that only added or deleted posts leaves this generated page as it was:
        a listing made of the same posts, or a guide, job or board page (serve_posts.py)."""
        if self._posts_change is None or file.generated_by is None or "<!--" in source:
            return False
        if file.src_uri in state.listings:
            key = self.listings.get(file.src_uri)
            return key is not None and key == listed.get(file.src_uri)
        return file.src_uri in state.guide_pages or file.src_uri in state.job_pages or file.src_uri in state.board_pages

    def _posts_only(self, before: Frame, last: Content | None, content: Content,
                    changed: set[str]) -> PostsChange | None:
        """What a save that only added or deleted posts changed (serve_posts.py); None for any other save."""
        sources = posts_change(before, self.frame, self._displays_changed)
        # No page but the posts' own appeared or went (a new tag page, a listing page more: any page).
        if sources is None or last is None or not changed <= sources[0] | sources[1]:
            return None
        was = self._related[1] if self._related[0] == before.digest else related_lists(last)
        lists = related_lists(content)
        self._related = (self.frame.digest, lists)
        removed_slugs = frozenset(before.posts[source][0] for source in sources[1])
        return PostsChange(removed_slugs, related_changed(was, lists))

    def plan_rendering(self, files: Files, config: MkDocsConfig, env: jinja2.Environment) -> None:
        """Keep what each page read, digest what it displays, and choose the pages to render again."""
        nav, self._env = self._nav, env
        shared = repr([(str(page.title), page.url) for page in nav.pages]) if nav else ""
        # What every hook builds its views from: when it is as before, a page not read again
        # displays what it did (a body edit reaches its own page only).
        pages = [file for file in files.documentation_pages() if file.page is not None]
        titles = [(file.src_uri, file.url, str(file.page.title)) for file in pages]
        fingerprint = self.content_fingerprint + digest_of(repr(titles))
        same_views = self.incremental and fingerprint == self.fingerprint
        self.fingerprint = fingerprint
        # Only what some posts, guides or jobs display changed (a title, a description, a
        # guide's text, a job's title or pay), not which ones exist nor how they rank or
        # match: a page not read again differs only if it named one of them last time.
        narrow = self._same_frame and shared == self.shared
        changed = [key.encode("utf-8", "surrogatepass") for key in sorted(self._displays_changed)]
        posts = self._posts_change if shared == self.shared else None
        self.shared = shared
        kept_now: dict[str, _Kept] = {}
        to_digest: list[File] = []
        for file in pages:
            old = self.kept.get(file.src_uri)
            if self.incremental and file.src_uri not in self.reading and old is not None:
                kept = _Kept(old.url, old.source, old.state, old.links_to_anchors)
                if (same_views or narrow and old.shown is not None and not any(key in old.shown for key in changed)
                        or posts is not None and old.shown is not None and file.src_uri not in posts.related
                        and not any(slug.encode() in old.shown for slug in posts.removed_slugs)):
                    kept.digest, kept.shown = old.digest, old.shown
                else:
                    to_digest.append(file)
            else:
                kept = _snapshot(file.page, file)
                to_digest.append(file)
            kept_now[file.src_uri] = kept
        # A new or deleted post changes what every page may show: ~1,400 digests, on both cores.
        # Material's search plugin gives a page's template nothing (it reads the page for its index).
        makers = [method for method in config.plugins.events["page_context"]
                  if config.plugins._event_origins.get(method) != "material/search"]
        self._digested = len(to_digest)
        contexts: dict[str, dict] = {}  # this process's share only: the forked copy's stay there

        def digest_some(some: list[Page]) -> list[tuple[str | None, str | None]]:
            digested = []
            for page in some:
                digest, shown, context = _digest(page, makers, config, nav, shared)
                contexts[page.file.src_uri] = context
                digested.append((digest, shown))
            return digested

        digests = in_two([file.page for file in to_digest], digest_some)
        for file, (digest, shown) in zip(to_digest, digests):
            kept_now[file.src_uri].digest, kept_now[file.src_uri].shown = digest, shown
        for src_uri, kept in kept_now.items():
            old = self.kept.get(src_uri)
            if (not self.incremental or kept.digest is None or old is None or old.digest != kept.digest
                    or not os.path.exists(files.src_uris[src_uri].abs_dest_path)):
                self.rendering.add(src_uri)
        self.kept = kept_now
        # Only the quick rebuild renders with them (MkDocs' own build runs the hooks itself).
        self.contexts.keep({src_uri: contexts[src_uri] for src_uri in self.rendering if src_uri in contexts}
                           if self.incremental else {}, frozenset(makers))
        self._phase = "render"
        self._skip_unchanged_files(files)

    def _skip_unchanged_files(self, files: Files) -> None:
        """Generated files other than pages (feeds) are written again only when their content changed.

        A file given the very text it had last time (hooks/feed.py hands back a feed it kept) is not
        hashed again (100 feeds, 3 MB: ~4 ms a save at 1,000 posts); the text is kept with its digest,
        so no other text can take its id."""
        written: dict[str, tuple[str | None, str]] = {}
        for file in files:
            if file.generated_by is None or file.is_documentation_page():
                continue
            text = getattr(file, "_content", None)  # MkDocs 1.6: a generated file's content as given
            text = text if isinstance(text, str) else None
            known = self.written.get(file.dest_uri)
            if text is not None and known is not None and known[0] is text:
                digest = known[1]
            else:
                digest = hashlib.blake2b(file.content_bytes, digest_size=16).hexdigest()
            written[file.dest_uri] = (text, digest)
            if self.incremental and known is not None and known[1] == digest and os.path.exists(file.abs_dest_path):
                file.is_modified = _unmodified
        self.written = written

    def finish(self, config: MkDocsConfig) -> None:
        """Delete from the served folder what this build no longer makes."""
        files = self._files
        if files is None:
            return
        outputs = {os.path.normpath(file.abs_dest_path) for file in files}
        if self.incremental:
            for gone in sorted(self.outputs - outputs):
                _remove(gone, os.path.abspath(config.site_dir))
            narrowed = " (posts added or deleted)" if self._posts_change is not None else ""
            log.info(f"Preview: read {len(self.reading)}, digested {self._digested}{narrowed} and rendered "
                     f"{len(self.rendering)} of {len(self.kept)} pages again")
        self.outputs = outputs
        self.contexts.clear()
        if self._nav is not None and self._env is not None:
            self.held = Held(config, files, self._nav, self._env)
        self._files = self._nav = self._env = None

    def is_modified(self, src_uri: str) -> bool:
        return src_uri in (self.reading if self._phase == "read" else self.rendering)


class _Modified:
    """Stands in for ``File.is_modified``, which MkDocs asks before reading and before rendering a page."""

    def __init__(self, model: ServeModel, src_uri: str):
        self.model, self.src_uri = model, src_uri

    def __call__(self) -> bool:
        return self.model.is_modified(self.src_uri)


def _unmodified() -> bool:
    return False


class _IdleCollector:
    """Python's cyclic garbage collector, run between saves instead of during the rebuild.

    At 1,000 posts the process holds some million objects (every page, kept for the next
    save): a full collection walks them all, 60 ms of CPU, and came in every second or
    third rebuild, with 10-15 ms of younger collections in each. During a quick rebuild
    the collector waits; once the rebuild is served (``_COLLECT_AFTER``) it collects what
    the rebuild left and runs as usual again. Memory grows by one rebuild's cycles at most.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._building = False

    def pause(self) -> None:
        with self._lock:
            self._building = True
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        gc.disable()

    def collect_soon(self) -> None:
        with self._lock:
            self._building = False
            self._timer = threading.Timer(_COLLECT_AFTER, self._collect)
            self._timer.daemon = True
            self._timer.start()

    def stop(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._building = False
        gc.enable()

    def _collect(self) -> None:
        with self._lock:
            if self._building:
                return  # a save came first: its rebuild will ask again
            self._timer = None
            gc.collect()
            gc.enable()


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates, kept across rebuilds; Jinja checks each against its template's source."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


class _Quiet(logging.Filter):
    """Hides one expected message (MkDocs' warning that a build is 'dirty') while active."""

    def __init__(self, logger: str, start: str):
        super().__init__()
        self.logger, self.start = logging.getLogger(logger), start

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.start)

    def __enter__(self) -> _Quiet:
        self.logger.addFilter(self)
        return self

    def __exit__(self, *exc) -> None:
        self.logger.removeFilter(self)


# ---


def _snapshot(page: Page, file: File) -> _Kept:
    state = {key: value for key, value in vars(page).items() if key not in _STRUCTURE and key != "links_to_anchors"}
    state["meta"] = copy.copy(page.meta)
    links = getattr(page, "links_to_anchors", None)
    kept_links = None if links is None else {f.src_uri: dict(v) for f, v in links.items()}
    return _Kept(file.url, file.content_string, state, kept_links)


def _restore(page: Page, kept: _Kept, files: Files) -> None:
    for key, value in kept.state.items():
        setattr(page, key, copy.copy(value) if key == "meta" else value)
    if kept.links_to_anchors is not None:
        # Kept by the files' own src_uri: looked up as is (get_file_from_path makes a PurePath of each).
        by_src_uri = files.src_uris
        page.links_to_anchors = {
            linked: dict(anchors) for src, anchors in kept.links_to_anchors.items()
            if (linked := by_src_uri.get(src)) is not None
        }


def _frame_and_displays(content: Content, pieces: dict[int, tuple]) -> tuple[Frame, dict[tuple[str, str], str]]:
    """The content with what each post, guide and job displays left out; and those displays.

    A post's word count shows on its own page only (reading time, on cards, is a display).
    A display is keyed by what any page showing it also names (a post's slug, a guide's
    or a job's id: in its URL, in a card, in a callout). Related posts rank by tags,
    dates and pins; callouts match jobs by place, type and date: none of those is a display.
    ``pieces``: each post's display and digest by the post object, kept for the next call.
    """
    displays: dict[tuple[str, str], str] = {}
    posts: dict[str, tuple[str, str]] = {}
    guides, jobs = [], []
    kept = dict(pieces)
    pieces.clear()
    for post in content.posts:
        known = kept.get(id(post))
        if known is None or known[0] is not post:
            bare = dataclasses.replace(post, title="", description="", image=None, reading_minutes=0, words=0)
            known = (post, repr((post.title, post.description, post.image, post.reading_minutes)), digest_of(repr(bare)))
        pieces[id(post)] = known
        displays[("post", post.slug)] = known[1]
        # The status moves with the clock (a scheduled post goes live): not kept.
        posts[post.source] = (post.slug, f"{known[2]} {content.status(post)}")
    for guide in content.published_guides.values():
        displays[("guide", guide.id)] = repr((guide.title, guide.body))
        guides.append(dataclasses.replace(guide, title="", body=""))
    for job in content.open_jobs:
        displays[("job", job.id)] = repr((job.title, job.description, job.description_html, job.pay, job.salary))
        jobs.append(dataclasses.replace(job, title="", description="", description_html="", pay="", salary=None))
    # The number of displays: a post, guide or job more or less changes the frame.
    rest = repr((content.settings, content.authors, content.tags, jobs, guides, content.embeds,
                 len(displays) - len(posts)))
    return Frame(digest_of(rest), posts), displays


def _reads_other_pages(file: File, source: str, same_frame: bool) -> bool:
    """Whether reading the page (its on_page_markdown hooks) may use what changed in the content.

    Pages embedding a guide or holding a marker (``<!--``); generated pages and the home
    page (their dates come from the posts they list) unless the frame is the same: then
    dates, URLs and which posts each lists are too, and a generated page whose own
    Markdown changed (a guide's text, a job's title) is read again for that.
    """
    if "<!--" in source:
        return True
    return not same_frame and (file.generated_by is not None or file.src_uri == "index.md")


def _digest(page: Page, makers: list[Callable], config: MkDocsConfig, nav: Navigation | None,
            shared: str) -> tuple[str | None, bytes | None, dict]:
    """Everything the page's template is given that can differ between two saves, and its description
    (None if unknowable), and what the hooks gave. ``makers``: the on_page_context events that give the
    template something."""
    context: dict = {}
    for method in makers:
        context = method(context, page=page, config=config, nav=nav) or context
    neighbours = [(str(p.title), p.url) if p else None for p in (page.previous_page, page.next_page)]
    shown = _described((page.url, str(page.title), sorted(page.meta.items(), key=lambda i: i[0]), page.update_date,
                        neighbours, sorted(context.items(), key=lambda i: i[0]), shared))
    if shown is None:
        return None, None, context  # something without a stable description: always render this page
    digest = hashlib.blake2b(shown, digest_size=16)
    digest.update((page.content or "").encode("utf-8", "surrogatepass"))
    return digest.hexdigest(), shown, context


def _described(value: object) -> bytes | None:
    """``value`` pickled without Pickle's memo: the same bytes for equal values however their objects are
    shared, and every string whole, in UTF-8 (a key is searched for in it). Six times quicker than its
    ``repr`` (a tag page's 300 cards: 0.4 ms against 2.4 ms; some 25 ms of a title edit at 1,000 posts).
    None when something in it cannot be pickled (a lambda, a lock) or refers to itself."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo (documented as deprecated, kept by CPython): bytes from the values only; a cycle raises
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return None
    return buffer.getvalue()


def _only_pages(changes: set[str], docs_dir: str, jobs_file: str) -> bool:
    """Whether every change is a page under docs/ or data/jobs.yml (or an editor's scratch file)."""
    for path in changes:
        path = os.path.abspath(path)
        if _is_scratch(path):
            continue
        if path == jobs_file:
            continue
        if path.endswith(_PAGE_SUFFIX) and path.startswith(docs_dir + os.sep):
            continue
        return False
    return True


def _is_scratch(path: str) -> bool:
    name = os.path.basename(path)
    # Python's compiled hooks (__pycache__/*.pyc) are written by the build itself: not an edit.
    return (name.startswith(".") or name.endswith(_SCRATCH_SUFFIXES) or name.isdigit()
            or name.endswith(".pyc") or f"{os.sep}__pycache__{os.sep}" in path)


def _remove(path: str, site_dir: str) -> None:
    """Delete a file the site no longer has, and the folders it leaves empty."""
    try:
        os.remove(path)
    except FileNotFoundError:
        return
    folder = os.path.dirname(path)
    while folder.startswith(site_dir + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)


def _closure_value(function: Callable, name: str):
    """A variable of the function MkDocs' `serve` hands plugins as ``builder`` (its closure)."""
    try:
        index = function.__code__.co_freevars.index(name)
        return function.__closure__[index].cell_contents
    except (AttributeError, ValueError, IndexError, TypeError):
        return None
