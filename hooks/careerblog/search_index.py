"""Pagefind's index of the built site, fed page by page to Pagefind's service.

Pagefind's binary runs as a service (``pagefind --service``, the protocol its Python
package speaks): it parses each page we send in its own process, on another core,
while the build renders the next page. The package's own client reads one answer
per 0.1 s, too slow for 1,000 pages, so this module speaks the protocol itself
(base64 JSON messages ending in a comma) from one thread.

Pages are sent in the order they are given, and the service handles them in that
order: Pagefind numbers pages in the order it indexes them, so the
same order gives byte-identical files (its CLI walks the folder in the file
system's order, which differs between machines).
"""

from __future__ import annotations

import base64
import json
import os
import queue
import re
import subprocess
import threading
from pathlib import Path
from typing import Callable

_DONE = object()
_MARKED_BODY = "data-pagefind-body"
# How the service's answer to GetFiles starts (serde writes message_id, then the payload's tag).
_FILES_ANSWER = re.compile(rb'\s*\{"message_id":(\d+),"payload":\{"type":"GetFiles","files":\[')
_FILES_ANSWER_LENGTH = len('{"message_id":4294967295,"payload":{"type":"GetFiles","files":[')


class SearchIndexError(Exception):
    pass


class PagesOutOfOrder(SearchIndexError):
    """A page Pagefind would index came after the index was asked for (``expect``): the
    index is not the one of the pages in order, and must be made again."""


def pagefind_executable() -> Path:
    # pagefind[bin] ships the binary in the virtualenv.
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise SearchIndexError("Pagefind's binary is missing: reinstall the project (pip install -e .)")
    return executable


class SearchIndexer:
    """One build's Pagefind index: ``add`` pages (returns at once), then ``write``."""

    def __init__(self, site_dir: str) -> None:
        self.site_dir = os.path.abspath(site_dir)
        self.indexed: set[str] = set()
        # Bounded: should Pagefind fall behind, the build waits rather than piling pages up in memory.
        self._pages: queue.Queue = queue.Queue(maxsize=64)
        self._process = subprocess.Popen([str(pagefind_executable()), "--service"], cwd=self.site_dir,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._message_id = 0
        self._received = b""  # what was read of the next answer
        self._paths: dict[int, str] = {}  # message id -> the page it sent
        self._answers: dict[int, dict] = {}  # message id -> Pagefind's answer, kept for errors and the last
        self._answered = threading.Condition()
        self._service_gone = False
        self._awaited: set[str] | None = None  # pages to add before asking for the index (expect)
        self._later: set[str] = set()  # pages the build adds after asking for the index (expect)
        self._misnamed: list[str] = []  # files of the index named outside site/pagefind (not written)
        self._unwritten: list[str] = []  # files of the index that could not be written, with why
        self._written = 0  # files of the index written
        self._reader_error: Exception | None = None  # why answers stopped being read, if they did
        self.out_of_order = False  # a page that Pagefind indexes came after the index was asked for
        self._last: int | None = None  # the message asking for the index, once sent
        self._bodies_marked = False  # whether a page sent so far marks its body for Pagefind
        self._finishing = threading.Lock()  # the last page may come from another thread than write()
        first = self._send({"type": "NewIndex", "config": None})
        try:
            self._index_id = _payload(self._next_answer(), first)["index_id"]
        except (OSError, ValueError, KeyError) as error:
            self.close()
            raise SearchIndexError(f"Pagefind's service did not start ({error})") from error
        # Pages are sent without waiting for each answer: Pagefind's service handles its
        # messages one after the other, in the order they arrive (pagefind/src/service).
        self._sender = threading.Thread(target=self._send_pages, name="pagefind-send", daemon=True)
        self._reader = threading.Thread(target=self._read_answers, name="pagefind-read", daemon=True)
        self._sender.start()
        self._reader.start()

    def expect(self, paths: set[str], later: set[str]) -> None:
        """Once the pages at ``paths`` are added, the index is asked for (``finish_adding``),
        so that Pagefind builds it while the build does its last steps, such as rendering the
        pages it will not index (0.7 s of Pagefind's CPU at 1,000 posts), instead of after
        them. The pages at ``later``, added after, must be ones Pagefind leaves out (``_queue``)."""
        self._later = set(later)
        self._awaited = set(paths) - self.indexed
        if not self._awaited:
            self.finish_adding()

    def add(self, path: str, html: str) -> None:
        """Queue the page written at ``path`` (relative to site/) with this HTML."""
        self._queue(path, html)
        if self._awaited:
            self._awaited.discard(path)
            if not self._awaited:
                self.finish_adding()

    def finish_adding(self) -> None:
        """Add what is left (``add_remaining``) and ask Pagefind for the index; ``write`` writes it."""
        with self._finishing:
            if self._last is None:
                self.add_remaining()
                self._pages.put(_DONE)
                self._sender.join()
                try:
                    self._last = self._send({"type": "GetFiles", "index_id": self._index_id})
                except OSError:
                    self._last = 0  # never answered: write() says that the service stopped

    def add_remaining(self) -> None:
        """Queue, in sorted order, every HTML file of site/ not added yet (404.html, redirect
        pages), but for the pages the build adds later (``expect``)."""
        for path in sorted(_html_files(self.site_dir)):
            if path not in self.indexed and path not in self._later:
                with open(os.path.join(self.site_dir, path), encoding="utf-8") as handle:
                    self._queue(path, handle.read())

    def _queue(self, path: str, html: str) -> None:
        # Once a page marks its body (data-pagefind-body), Pagefind leaves every page without one
        # out of the index: such a page is not sent at all (a quarter of the bytes at 1,000 posts,
        # listings mostly; the same index, see tests/test_serial_build.py). One sent before the
        # first marked page is left out by Pagefind itself.
        marked = _MARKED_BODY in html
        sent = marked or not self._bodies_marked
        self.indexed.add(path)
        if self._last is not None:
            self.out_of_order = self.out_of_order or sent  # too late for the index asked for
            return
        self._bodies_marked = self._bodies_marked or marked
        if sent:
            self._pages.put((path, html))

    def write(self) -> None:
        """Wait for every page, then write site/pagefind/; raises SearchIndexError on any problem,
        PagesOutOfOrder (writing nothing) when a page to index came after the index was asked for."""
        try:
            # GetFiles, not WriteFiles: the service answers WriteFiles before its last file is
            # flushed, so stopping it then can leave a file cut short.
            self.finish_adding()
            last = self._last
            with self._answered:
                self._answered.wait_for(lambda: last in self._answers or self._service_gone)
            problems = [f"{self._paths.get(id_, 'site/pagefind')}: Pagefind could not index it: {answer.get('message')}"
                        for id_, answer in sorted(self._answers.items()) if answer.get("type") == "Error"]
            if last not in self._answers:
                error = self._reader_error
                why = f" ({type(error).__name__}: {error})" if error else ""
                problems.append(f"Pagefind's service stopped before writing the index{why}")
            elif not self._written and not self._unwritten:
                problems.append("Pagefind's answer held no file of the index: is the installed pagefind a version "
                                "this build reads (pyproject.toml)?")
            problems += self._unwritten
            if self.out_of_order:
                raise PagesOutOfOrder("a page to index came after the index was asked for")
            if problems:
                raise SearchIndexError("\n".join(problems))
            if self._misnamed:
                raise SearchIndexError(f"Pagefind named files outside site/pagefind: {', '.join(self._misnamed)}")
        except OSError as error:
            raise SearchIndexError(f"Pagefind's service stopped answering ({error})") from error
        finally:
            self.close()

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            self._process.wait()

    # ---

    def _send_pages(self) -> None:
        while (item := self._pages.get()) is not _DONE:
            path, html = item
            try:
                self._paths[self._send({"type": "AddFile", "index_id": self._index_id, "url": None,
                                        "file_contents": html, "file_path": path})] = path
            except OSError:
                return  # the service is gone: write() says so

    def _send(self, payload: dict) -> int:
        self._message_id += 1
        message = {"message_id": self._message_id, "payload": payload}
        assert self._process.stdin is not None
        self._process.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        self._process.stdin.flush()
        return self._message_id

    def _write_file(self, name: str, content: bytes) -> None:
        """Write one file of the index as its answer arrives (in the thread that reads answers,
        while the build renders its last pages): the index is never held whole in memory."""
        folder = os.path.join(self.site_dir, "pagefind")
        path = os.path.normpath(os.path.join(folder, name))
        if not path.startswith(folder + os.sep):
            self._misnamed.append(name)
            return
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(content)
        except OSError as error:  # said by write(), with the file and the cause; the next files still come
            self._unwritten.append(f"{os.path.relpath(path, os.path.dirname(self.site_dir))}: could not write it ({error})")
            return
        self._written += 1

    def _read_answers(self) -> None:
        try:
            while True:
                answer = self._next_answer()
                payload = answer.get("payload") or {}
                if payload.get("type") == "GetFiles":
                    # An answer _Answer did not take apart as it arrived (written otherwise than
                    # serde's compact JSON): its files are still here, whole.
                    for file in payload.get("files") or []:
                        if isinstance(file, dict):
                            self._write_file(file["path"], base64.b64decode(file["content"]))
                if payload.get("type") in ("Error", "GetFiles"):
                    with self._answered:
                        self._answers[answer.get("message_id", 0)] = payload
                        self._answered.notify_all()
        except Exception as error:  # noqa: BLE001 — whatever stops the reading, write() must not wait forever
            with self._answered:
                # The service closing its output ("no answer") is said by write() as it is; anything else is a cause.
                self._reader_error = None if str(error) == "no answer" else error
                self._service_gone = True
                self._answered.notify_all()

    def _next_answer(self) -> dict:
        """The next answer, up to the comma that ends it, decoded as it arrives (read in chunks:
        byte by byte took 0.3 s). GetFiles' answer holds the whole index, base64 files in JSON
        in base64 (6 MB at 1,000 posts for 3 MB of files): ``_Answer`` takes it apart file by
        file, so that its text is never held whole (it was the build's peak memory, 18 MB)."""
        assert self._process.stdout is not None
        answer = _Answer(self._write_file)
        while (end := self._received.find(b",")) < 0:
            answer.feed(self._received)
            self._received = self._process.stdout.read1(65536)
            if not self._received:
                raise OSError("no answer")
        with memoryview(self._received) as received:
            answer.feed(received[:end])
        self._received = self._received[end + 1:]  # the start of the next answer, if any
        return answer.end()


class _Answer:
    """One answer of Pagefind's service, fed its base64 text piece by piece. An answer is
    parsed whole at its end, except GetFiles': recognised by its start, its list of files is
    parsed one file at a time as the text arrives, each file's content decoded at once and
    handed to ``take_file(path, content)``. ``end`` gives the answer as JSON would, GetFiles'
    files as ``(path, bytes)`` pairs, but for those handed to ``take_file``."""

    def __init__(self, take_file: Callable[[str, bytes], None] | None = None) -> None:
        self._take_file = take_file or (lambda path, content: self._files.append((path, content)))
        self._base64 = bytearray()  # received, not decoded yet (under 4 characters between feeds)
        self._json = bytearray()  # decoded, not parsed yet
        self._is_files: bool | None = None  # whether this is GetFiles' answer, once known
        self._message_id = 0
        self._files: list[tuple[str, bytes]] = []
        self._searched = 0  # self._json[:_searched] holds no "}" that ends a whole file object

    def feed(self, text: bytes | memoryview) -> None:
        self._base64 += text
        whole = len(self._base64) - len(self._base64) % 4
        if whole:
            with memoryview(self._base64) as groups:
                self._json += base64.b64decode(groups[:whole])
            del self._base64[:whole]
        if self._is_files is None and len(self._json) >= _FILES_ANSWER_LENGTH:
            self._recognise()
        if self._is_files:
            self._take_files()

    def end(self) -> dict:
        if self._base64:
            raise ValueError("an answer cut short")
        if self._is_files is None:
            self._recognise()
        if not self._is_files:
            return json.loads(self._json)
        self._take_files()
        if self._json.strip() != b"]}}":
            raise ValueError("GetFiles' answer ends unexpectedly")
        return {"message_id": self._message_id, "payload": {"type": "GetFiles", "files": self._files}}

    def _recognise(self) -> None:
        start = _FILES_ANSWER.match(self._json)
        self._is_files = start is not None
        if start is not None:
            self._message_id = int(start.group(1))
            del self._json[:start.end()]

    def _take_files(self) -> None:
        """Parse every whole file object at the start of the decoded text, and drop its text."""
        while (close := self._json.find(b"}", self._searched)) >= 0:
            text = self._json[:close + 1].decode("utf-8").lstrip(" \n\r\t,")
            try:
                file = json.loads(text)
            except json.JSONDecodeError:  # a "}" inside the file's name: the object goes on
                self._searched = close + 1
                continue
            self._take_file(file["path"], base64.b64decode(file["content"]))
            del self._json[:close + 1]
            self._searched = 0
        self._searched = len(self._json)


def without_chrome(html: str) -> str:
    """The page without what lies between ``<body>`` and its ``data-pagefind-body`` element
    (Material's header and navigation, a third of a post's HTML), which Pagefind skips on a
    page that marks its body: it parses a fifth less (0.6 s of its CPU at 1,000 posts) and
    writes the same index (tests/test_serial_build.py compares it with Pagefind's CLI run on
    the whole pages). A page with another ``data-pagefind-*`` attribute before its body
    element is sent whole."""
    marked = html.find("data-pagefind")
    if marked < 0 or not html.startswith(_MARKED_BODY, marked):
        return html
    body = html.find("<body")
    element = html.rfind("<", 0, marked)
    body_end = html.find(">", body) + 1 if body >= 0 else 0
    if body < 0 or not 0 < body_end <= element:
        return html
    return html[:body_end] + html[element:]


def _payload(message: dict, message_id: int) -> dict:
    payload = message.get("payload") or {}
    if message.get("message_id") != message_id or payload.get("type") == "Error":
        raise ValueError(payload.get("message") or "unexpected answer")
    return payload


def _html_files(site_dir: str) -> list[str]:
    found = []
    for folder, folders, names in os.walk(site_dir):
        folders[:] = [name for name in folders if not (folder == site_dir and name == "pagefind")]
        found += [os.path.relpath(os.path.join(folder, name), site_dir) for name in names if name.endswith(".html")]
    return found
