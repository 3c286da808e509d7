"""The full build on two cores: a forked worker process does part of each of MkDocs' two
loops over the pages (as much as it gets to), and the site is the one-process build's,
byte for byte.

MkDocs reads and converts every page (on_page_markdown, then Markdown to HTML), runs
on_env, then renders and writes every page (on_page_context, the template,
on_post_page), each loop in one process, one page after the other. Here:

1. **Markdown** (forked at the end of on_nav): the worker converts pages from the last
   one backwards while MkDocs' loop converts from the first one forwards; they meet
   wherever they meet (a page is taken by one of them, under a lock shared by both).
   MkDocs' loop still reads every page and runs every on_page_markdown hook itself;
   only the conversion of the worker's pages is replaced by the worker's result, and
   only when the worker converted the same Markdown at the same URL (the render cache's
   key, careerblog_mkdocs.render_cache): anything else is converted here. The hooks'
   side effects all happen in the main process, as in the one-process build.
2. **Pages** (forked at the end of on_env, when every view is made): the worker renders
   and writes the next page nobody has taken while MkDocs' loop takes the others and
   skips the worker's (``_build_page`` of the running ``mkdocs.commands.build``, or of
   a fork of MkDocs such as ProperDocs, is wrapped for the build: the loop calls it by
   its module-level name for each page, and it is the one place that sees every page).
   The worker's fork holds the same state as the main process, so a page comes out the
   same whoever renders it. What a page leaves for later in the
   main process (Pagefind's pages, hooks/search.py; the link-preview cards to draw,
   hooks/pictures.py) goes through ``in_page_order``: those calls run in the main
   process in the page order of the one-process build, whichever process rendered the
   page, and so do the worker's log records (``--strict`` counts its warnings); pages a
   hook asked to render last (``render_last``: those Pagefind leaves out, so that it
   builds its index while they are rendered) come last. A worker's error stops the build
   with the one-process build's message: that of the first failing page in MkDocs' order.

A worker that dies leaves what it had not handed over to the main process, which does it.
``CAREERBLOG_SERIAL_BUILD=1``, the preview (`mkdocs serve`), a machine with one core or
without ``os.fork`` build in one process; tests/test_serial_build.py compares the two
builds' sites byte for byte.

Measured at 1,000 posts on 2 cores shared with other work: the worker converts about
half of the Markdown and renders about half of the pages; all processes together take
some 0.7 s more CPU than the same build in one process (11.5 s against 10.8 s, medians
of 3: the worker's pages are read twice, results pickled, shared memory copied).
"""

from __future__ import annotations

import copy
import functools
import gc
import itertools
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import weakref
from dataclasses import replace
from typing import Callable

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog_mkdocs import Session, serial_build
from careerblog_mkdocs.render_cache import convert, replay, restore

_ENDED = "ended"  # the worker's last message
_fork = multiprocessing.get_context("fork") if hasattr(os, "fork") else None

# Functions whose calls run in the main process in page order, by a number given when they are
# decorated (a forked worker has the same numbers). Not by name: MkDocs loads a hook file once per
# path and process, so two projects built in one process (the tests) have hooks of one name.
_in_order: weakref.WeakValueDictionary[int, Callable] = weakref.WeakValueDictionary()
_numbers = itertools.count()
# What in_page_order does with a call right now: None outside a split page loop (call at once).
_recorder: Callable[[int, tuple], None] | None = None
# This process's split build, if any (a hook module lives as long as the process; one build at a time).
_build: "_SplitBuild | None" = None
# Whether hold_collector turned the cyclic garbage collector off until the worker forks.
_collector_held = False
# Whether a fork of this build froze this process's objects (gc.freeze) until the build ends.
_frozen = False
# What the last split build's worker did, for tests and the benchmark: pages converted, pages rendered.
shares = {"converted": 0, "rendered": 0}
_RENDER_LAST = "career_blog_render_last"  # config key: the source paths of pages to render after the others


def in_page_order(function: Callable) -> Callable:
    """Decorate a hook's helper ``function(config, *args)`` that a page's rendering calls for
    the main process (to index the page, to draw its card later). Its calls run in the main
    process, with that process's ``config``, in the page order of the one-process build (but
    for the pages asked to be rendered last, ``render_last``, whose calls come last); the
    arguments after ``config`` must pickle. In a build without a worker they run at once."""
    number = next(_numbers)
    _in_order[number] = function

    @functools.wraps(function)
    def call(config: MkDocsConfig, *args) -> None:
        if _recorder is None:
            function(config, *args)
        else:
            _recorder(number, args)

    return call


def render_last(config: MkDocsConfig, pages: list[Page]) -> None:
    """Ask the split page loop to render these pages after all the others (among themselves
    in MkDocs' order), and so to make their ``in_page_order`` calls last: hooks/search.py
    asks it for the pages that Pagefind will not index, so that Pagefind can build its index
    while they are rendered. Call it in ``on_env`` before hooks/parallel.py's."""
    config[_RENDER_LAST] = frozenset(page.file.src_uri for page in pages)


def wanted() -> bool:
    """Whether this build uses a worker: a full build, not the serial one, with two cores to use."""
    if _fork is None or Session.serving or serial_build():
        return False
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(cores) >= 2


def hold_collector() -> None:
    """In a build that will fork a worker, turn the cyclic garbage collector off until it
    does (``start_markdown``; ``stop`` if the build fails first): what the one-core start
    makes (settings, posts, files, pages) lives as long as the build, and the collector
    traversed it again and again for almost no garbage, 0.05 s of that start at 1,000 posts.
    The fork freezes those objects anyway (``_Worker``); both processes collect as usual."""
    global _collector_held
    if wanted() and gc.isenabled():
        gc.disable()
        _collector_held = True


def _release_collector() -> None:
    global _collector_held
    if _collector_held:
        _collector_held = False
        gc.enable()


def start_markdown(nav: Navigation, files: Files, config: MkDocsConfig) -> None:
    """Fork the Markdown worker (every page exists and every URL is final), if ``wanted``."""
    global _build
    stop()
    shares.update(converted=0, rendered=0)
    if not wanted():
        return
    pages = [file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
             if file.page is not None]
    build = _SplitBuild(nav)
    try:
        build.markdown = _MarkdownSplit(pages, files, config)
    except OSError:  # no process to be had (a limit on processes): the build runs in this one
        return
    _build = build


def start_pages(env: Environment, files: Files, config: MkDocsConfig) -> None:
    """Fork the page worker (every view is made): it renders pages beside MkDocs' loop."""
    if _build is None:
        return
    _build.end_markdown()
    if _running_build() is None:  # not run by MkDocs' build(): its loop renders every page
        return
    try:
        _build.pages = _PageSplit(_build, env, files, config)
    except OSError:  # no process to be had: MkDocs' loop renders every page
        pass


def _running_build() -> dict | None:
    """The globals of the module whose ``build`` runs this build (mkdocs.commands.build, or
    the same module of a fork of MkDocs, whose loop would not call MkDocs' own function)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "build" and callable(frame.f_globals.get("_build_page")):
            return frame.f_globals
        frame = frame.f_back
    return None


def finish() -> None:
    """After the page loop: the worker has ended and everything it did is delivered (normally
    already done by the loop's last page); raise the worker's error, if any."""
    _end_build(lambda build: build.finish())


def stop() -> None:
    """The build failed or is over: end any worker and put MkDocs (and the collector) back as it was."""
    _release_collector()
    _end_build(lambda build: build.stop())


def _end_build(end: Callable[["_SplitBuild"], None]) -> None:
    """``end`` this process's split build, if any; whatever happens, thaw what its forks froze."""
    global _build
    build, _build = _build, None
    try:
        if build is not None:
            end(build)
    finally:
        _thaw()


def _thaw() -> None:
    """The build is over: what it froze at the forks (``_Worker``) is collected as usual again."""
    global _frozen
    if _frozen:
        _frozen = False
        gc.unfreeze()


# --- the two processes ------------------------------------------------------------


class _Worker:
    """A forked process running ``work(send)``; in the parent, a thread hands each message it
    sends to ``receive``, then ``None`` once it has ended."""

    def __init__(self, work: Callable[[Callable], None], receive: Callable[[object], None]) -> None:
        assert _fork is not None
        reader, writer = _fork.Pipe(duplex=False)
        # Frozen, the objects made so far are not traversed by the worker's garbage collector,
        # which would otherwise write to (and so copy) nearly every page of memory it shares.
        # They stay frozen here too until the build ends (_thaw): they live as long as the
        # build, and the first full collection after the fork took 0.19 s of this process's
        # CPU at 1,000 posts to traverse them all.
        global _frozen
        gc.freeze()
        _frozen = True
        self.pid = os.fork()
        if self.pid == 0:
            _be_the_worker(reader, writer, work)  # never returns
        writer.close()
        self._thread = threading.Thread(target=self._read, args=(reader, receive), name="page-worker", daemon=True)
        self._thread.start()

    def join(self) -> None:
        self._thread.join()
        if self.pid:
            os.waitpid(self.pid, 0)  # its CPU time and memory count among this process's children
            self.pid = 0

    def kill(self) -> None:
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.join()

    @staticmethod
    def _read(reader, receive: Callable[[object], None]) -> None:
        try:
            while (message := reader.recv()) != _ENDED:
                receive(message)
        except (EOFError, OSError):
            pass  # ended without saying so (killed): the parent does what is left
        finally:
            reader.close()
            receive(None)


def _be_the_worker(reader, writer, work: Callable[[Callable], None]) -> None:
    """The forked process: do the work, say so, and leave without running anything of the
    parent's (no atexit, no hook cleanup: the Pagefind service and the site belong to it)."""
    code = 0
    try:
        reader.close()
        _keep_logs_for_the_parent()
        work(writer.send)
        writer.send(_ENDED)
    except BaseException:  # noqa: BLE001 - the parent sees the pipe close and carries on alone
        code = 1
    finally:
        os._exit(code)


class _Records(logging.Handler):
    """In the worker: what is logged, kept to be sent to the parent instead of printed."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(_portable(record))

    def take(self) -> list[logging.LogRecord]:
        taken, self.records = self.records, []
        return taken


_worker_records = _Records()


def _keep_logs_for_the_parent() -> None:
    # MkDocs' logger does not propagate to the root; both lose their console (and --strict's
    # counter) here: the parent logs the records again, where they are printed and counted.
    for name in ("mkdocs", ""):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(_worker_records)


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """A record that pickles: its message formatted, its traceback as text."""
    record = copy.copy(record)
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    record.msg, record.args, record.exc_info = record.getMessage(), None, None
    return record


def _portable_error(error: BaseException) -> BaseException:
    try:
        return pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - an exception that does not pickle keeps its message
        return PluginError(str(error))


class _Claims:
    """Which pages each process takes: two counters under a lock both processes share."""

    def __init__(self, count: int) -> None:
        assert _fork is not None
        self._lock = _fork.Lock()
        self._bounds = _fork.RawArray("q", [0, count])  # [first page not taken from the front, one past the last the back may take]

    def front(self, index: int) -> bool:
        """MkDocs' loop asks for page ``index`` (in order): take it unless the worker has."""
        with self._lock:
            if self._bounds[0] <= index < self._bounds[1]:
                self._bounds[0] = index + 1
                return True
            return False

    def next_from_front(self) -> int | None:
        """The worker of the page loop: the next page nobody has taken."""
        with self._lock:
            index = self._bounds[0]
            if index >= self._bounds[1]:
                return None
            self._bounds[0] = index + 1
            return index

    def next_from_back(self) -> int | None:
        """The Markdown worker: the last page nobody has taken."""
        with self._lock:
            if self._bounds[1] <= self._bounds[0]:
                return None
            self._bounds[1] -= 1
            return self._bounds[1]

    def close(self) -> None:
        """The worker takes nothing more."""
        with self._lock:
            self._bounds[1] = self._bounds[0]


class _SplitBuild:
    def __init__(self, nav: Navigation) -> None:
        self.nav = nav
        self.markdown: _MarkdownSplit | None = None
        self.pages: _PageSplit | None = None

    def end_markdown(self) -> None:
        if self.markdown is not None:
            self.markdown.end()
            self.markdown = None

    def finish(self) -> None:
        self.end_markdown()
        if self.pages is not None:
            pages, self.pages = self.pages, None
            pages.finish()

    def stop(self) -> None:
        global _recorder
        _recorder = None
        if self.markdown is not None:
            self.markdown.kill()
            self.markdown = None
        if self.pages is not None:
            self.pages.kill()
            self.pages = None


# --- 1. Markdown -------------------------------------------------------------------


class _MarkdownSplit:
    def __init__(self, pages: list[Page], files: Files, config: MkDocsConfig) -> None:
        self.pages, self.files, self.config = pages, files, config
        self.claims = _Claims(len(pages))
        self.converted: dict[int, tuple | None] = {}  # page index -> (url, markdown, rendered) or None
        self.ended = False
        self.arrived = threading.Condition()
        self.worker = _Worker(self._work, self._receive)
        for index, page in enumerate(pages):
            # MkDocs' loop calls page.render(config, files) for each page (the render cache's, or Page's own).
            page.render = _ConvertedOrHere(self, index, page.render)

    def take_or_wait(self, index: int) -> tuple | None:
        """None when this process converts page ``index``; otherwise what the worker sent for it."""
        if self.claims.front(index):
            return None
        with self.arrived:
            self.arrived.wait_for(lambda: index in self.converted or self.ended)
            return self.converted.pop(index, None)

    def end(self) -> None:
        self.claims.close()
        self.worker.join()
        self._unwrap()

    def kill(self) -> None:
        self.claims.close()
        self.worker.kill()
        self._unwrap()

    def _unwrap(self) -> None:
        for page in self.pages:
            if isinstance(page.render, _ConvertedOrHere):
                page.render = page.render.here

    def _receive(self, message) -> None:
        with self.arrived:
            if message is None:
                self.ended = True
            else:
                index, result = message
                self.converted[index] = result
            self.arrived.notify_all()

    def _work(self, send: Callable) -> None:
        """In the worker: read and convert pages from the last one, as MkDocs' loop would."""
        config, files = self.config, self.files
        while (index := self.claims.next_from_back()) is not None:
            page = self.pages[index]
            result = None
            config._current_page = page
            try:
                page = config.plugins.on_pre_page(page, config=config, files=files)
                page.read_source(config)
                page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
                if page.markdown.strip():  # pages with nothing to convert share one result in the parent
                    rendered = convert(page, config, files)
                    records = tuple(_portable(record) for record in rendered.records)
                    result = (page.file.url, page.markdown, replace(rendered, records=records))
            except Exception:  # noqa: BLE001 - MkDocs' loop meets the same problem and reports it
                result = None
            finally:
                config._current_page = None
            _worker_records.take()  # the parent's loop logs what reading the page logs
            send((index, result))


class _ConvertedOrHere:
    """Stands in for one page's ``render``: the worker's result when it converted the very same
    Markdown, otherwise the page's own conversion."""

    def __init__(self, split: _MarkdownSplit, index: int, here: Callable) -> None:
        self.split, self.index, self.here = split, index, here

    def __call__(self, config: MkDocsConfig, files: Files) -> None:
        page = self.split.pages[self.index]
        found = self.split.take_or_wait(self.index)
        if found is None or found[:2] != (page.file.url, page.markdown):
            self.here(config, files)
            return
        restore(page, found[2], files)
        shares["converted"] += 1


# --- 2. Pages ----------------------------------------------------------------------


class _PageSplit:
    """The page loop in two processes. Pages are taken in MkDocs' order, except those a hook
    asked to render last (``render_last``); their calls are delivered in that order too. A
    failure stops the build with the error of the first failing page in MkDocs' order, as in
    one process (``_first_failure``)."""

    def __init__(self, build: _SplitBuild, env: Environment, files: Files, config: MkDocsConfig) -> None:
        self.config = config
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        in_order = [file.page for file in doc_files if file.page is not None]
        last = config.get(_RENDER_LAST) or frozenset()
        self.pages = ([page for page in in_order if page.file.src_uri not in last]
                      + [page for page in in_order if page.file.src_uri in last])
        self.rank = {id(page): i for i, page in enumerate(in_order)}  # MkDocs' order
        self.page_ids = {id(page) for page in self.pages}
        self.called = 0  # pages MkDocs' loop has asked for so far
        self.claims = _Claims(len(self.pages))
        # Pages done, by index, until every earlier page is delivered: (records, calls, error).
        self.done: dict[int, tuple[list, list, BaseException | None]] = {}
        self.delivered = 0  # pages delivered in order so far
        self.failure: tuple[int, BaseException] | None = None  # the worker's first error, when its turn came
        self.lock = threading.RLock()
        self.loop = _running_build()
        self.building = self.loop["_build_page"]
        self.arguments = (doc_files, build.nav, env)
        self.worker = _Worker(self._work, self._receive)
        self.loop["_build_page"] = self._build_page

    # In the main process, for every page of MkDocs' loop (in place of its _build_page).
    def _build_page(self, page: Page, config: MkDocsConfig, doc_files, nav, env, dirty=False, excluded=False) -> None:
        if id(page) not in self.page_ids:  # not a page this split knows of: build it as MkDocs would
            return self.building(page, config, doc_files, nav, env, dirty, excluded)
        # MkDocs' loop asks for each page once, in its order; this process takes the split's
        # next page instead (the same pages, the ones asked to be last at the end).
        index, self.called = self.called, self.called + 1
        page = self.pages[index]
        self._raise_failure()
        if self.claims.front(index):
            self._build_here(index, (page, config, doc_files, nav, env, dirty, page.file.inclusion.is_excluded()))
        if index == len(self.pages) - 1:
            self.finish()

    def _build_here(self, index: int, arguments: tuple) -> None:
        global _recorder
        calls: list = []
        _recorder = lambda number, args: calls.append((number, args))  # noqa: E731
        try:
            self.building(*arguments)
        except BaseException as error:
            _recorder = None
            self._fail_here(index, error)
        _recorder = None
        self._arrive(index, ([], calls, None))

    def finish(self) -> None:
        """The loop's last page: wait for the worker, deliver the rest, raise its error if any."""
        if self.building is None:
            return
        self.worker.join()
        with self.lock:
            self._deliver()
            self._raise_failure()
        # A worker that ended without a word about a page it took (killed): the page is built here.
        while self.delivered < len(self.pages):
            page = self.pages[self.delivered]
            self._build_here(self.delivered, (page, self.config, *self.arguments, False, page.file.inclusion.is_excluded()))
            self._raise_failure()
        self.loop["_build_page"], self.building = self.building, None

    def kill(self) -> None:
        self.claims.close()
        self.worker.kill()
        if self.building is not None:
            self.loop["_build_page"], self.building = self.building, None

    def _fail_here(self, index: int, error: BaseException) -> None:
        """This process failed on page ``index``: the one-process build stops at the first
        failing page, which may be an earlier one of the worker's."""
        self.claims.close()
        self.worker.join()
        with self.lock:
            self._deliver()
        raise self._first_failure([(index, error)])

    def _raise_failure(self) -> None:
        if self.failure is not None:
            self.claims.close()
            self.worker.join()
            with self.lock:
                self._deliver()
            raise self._first_failure([])

    def _first_failure(self, known: list[tuple[int, BaseException]]) -> BaseException:
        """The error of the first page in MkDocs' order that fails, as the one-process build
        would raise it: among the failures known (``known``, ``self.failure``, and pages done
        but not delivered), and the pages before them in MkDocs' order that nobody rendered
        (pages rendered last), which are rendered here, in that order, until one fails."""
        known = known + ([self.failure] if self.failure is not None else [])
        known += [(index, outcome[2]) for index, outcome in self.done.items() if outcome[2] is not None]
        first, error = min(known, key=lambda failed: self.rank[id(self.pages[failed[0]])])
        before = self.rank[id(self.pages[first])]
        undone = sorted((index for index in range(self.delivered, len(self.pages)) if index not in self.done
                         and index not in dict(known) and self.rank[id(self.pages[index])] < before),
                        key=lambda index: self.rank[id(self.pages[index])])
        global _recorder
        for index in undone:
            page = self.pages[index]
            _recorder = lambda number, args: None  # noqa: E731 - the build fails: nothing is left for later
            try:
                self.building(page, self.config, *self.arguments, False, page.file.inclusion.is_excluded())
            except BaseException as failed:  # noqa: BLE001 - raised instead, as the earlier page's
                return failed
            finally:
                _recorder = None
        return error

    def _receive(self, message) -> None:
        if message is not None:
            index, records, calls, error = message
            shares["rendered"] += 1
            self._arrive(index, (records, calls, error))

    def _arrive(self, index: int, outcome: tuple) -> None:
        with self.lock:
            self.done[index] = outcome
            self._deliver()

    def _deliver(self) -> None:
        """Log and call what every page left, in page order, up to the first page not done."""
        while self.failure is None and self.delivered in self.done:
            records, calls, error = self.done.pop(self.delivered)
            replay(records)
            try:
                for number, args in calls:
                    _in_order[number](self.config, *args)
            except Exception as failed:  # noqa: BLE001 - raised in MkDocs' loop, as an error of that page
                error = error or failed
            if error is not None:
                self.failure = (self.delivered, error)
                return
            self.delivered += 1

    def _work(self, send: Callable) -> None:
        """In the worker: render and write the next page nobody has taken, as MkDocs' loop would."""
        global _recorder
        doc_files, nav, env = self.arguments
        while (index := self.claims.next_from_front()) is not None:
            page = self.pages[index]
            calls: list = []
            _recorder = lambda number, args: calls.append((number, args))  # noqa: E731
            error = None
            try:
                self.building(page, self.config, doc_files, nav, env, False, page.file.inclusion.is_excluded())
            except BaseException as failed:  # noqa: BLE001 - the parent raises it in its turn
                error = _portable_error(failed)
            _recorder = None
            send((index, _worker_records.take(), calls, error))
            if error is not None:
                return
