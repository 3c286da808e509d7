"""Pagefind's index of the built site, fed page by page to Pagefind's service.

Pagefind's binary runs as a service (``pagefind --service``, the protocol its Python
package speaks): it parses each page we send in its own process, on another core,
while the build renders the next page. The package's own client reads one answer
per 0.1 s, too slow for 1,000 pages, so this module speaks the protocol itself
(base64 JSON messages ending in a comma) from one thread.

Pages are sent one after the other, each after the previous one's answer, in the
order they are given: Pagefind numbers pages in the order it indexes them, so the
same order gives byte-identical files (its CLI walks the folder in the file
system's order, which differs between machines).
"""

from __future__ import annotations

import base64
import json
import os
import queue
import subprocess
import threading
from pathlib import Path

_DONE = object()


class SearchIndexError(Exception):
    pass


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
        self._pages: queue.Queue = queue.Queue()
        self._errors: list[str] = []
        self._process = subprocess.Popen([str(pagefind_executable()), "--service"], cwd=self.site_dir,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._message_id = 0
        self._received = bytearray()
        self._index_id = self._request({"type": "NewIndex", "config": None})["index_id"]
        self._thread = threading.Thread(target=self._send_pages, name="pagefind", daemon=True)
        self._thread.start()

    def add(self, path: str, html: str) -> None:
        """Queue the page written at ``path`` (relative to site/) with this HTML."""
        self.indexed.add(path)
        self._pages.put((path, html))

    def add_remaining(self) -> None:
        """Queue, in sorted order, every HTML file of site/ not added yet (404.html, redirect pages)."""
        for path in sorted(_html_files(self.site_dir)):
            if path not in self.indexed:
                with open(os.path.join(self.site_dir, path), encoding="utf-8") as handle:
                    self.add(path, handle.read())

    def write(self) -> None:
        """Wait for every page, then write site/pagefind/; raises SearchIndexError on any problem."""
        self._pages.put(_DONE)
        self._thread.join()
        try:
            if self._errors:
                raise SearchIndexError("\n".join(self._errors))
            self._request({"type": "WriteFiles", "index_id": self._index_id,
                           "output_path": os.path.join(self.site_dir, "pagefind")})
        finally:
            self.close()

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            self._process.wait()

    # ---

    def _send_pages(self) -> None:
        while (item := self._pages.get()) is not _DONE:
            if self._errors:
                continue  # drain the queue; the first problem is reported by write()
            path, html = item
            try:
                self._request({"type": "AddFile", "index_id": self._index_id, "url": None,
                               "file_contents": html, "file_path": path})
            except SearchIndexError as error:
                self._errors.append(f"{path}: {error}")

    def _request(self, payload: dict) -> dict:
        self._message_id += 1
        message = {"message_id": self._message_id, "payload": payload}
        assert self._process.stdin is not None and self._process.stdout is not None
        try:
            self._process.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
            self._process.stdin.flush()
            answer = json.loads(base64.b64decode(self._next_answer()))
        except (OSError, ValueError) as error:
            raise SearchIndexError(f"Pagefind's service stopped answering ({error})") from error
        result = answer.get("payload") or {}
        if result.get("type") == "Error":
            raise SearchIndexError(f"Pagefind could not index it: {result.get('message')}")
        return result

    def _next_answer(self) -> bytes:
        """The next answer, up to the comma that ends it (read in chunks: byte by byte took 0.3 s)."""
        assert self._process.stdout is not None
        while (end := self._received.find(b",")) < 0:
            chunk = self._process.stdout.read1(65536)
            if not chunk:
                raise OSError("no answer")
            self._received += chunk
        answer = bytes(self._received[:end])
        del self._received[:end + 1]
        return answer


def _html_files(site_dir: str) -> list[str]:
    found = []
    for folder, folders, names in os.walk(site_dir):
        folders[:] = [name for name in folders if not (folder == site_dir and name == "pagefind")]
        found += [os.path.relpath(os.path.join(folder, name), site_dir) for name in names if name.endswith(".html")]
    return found
