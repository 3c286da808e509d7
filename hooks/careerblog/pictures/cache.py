"""The picture cache: encoded files kept outside docs/ between builds.

A file is stored under its key (source bytes, recipe and library versions, see
``plan``), so a rebuild encodes nothing that did not change and a hit is a
copy. A small index remembers what each source file's header said, by path,
size and modification time, so a warm build neither hashes nor opens a photo.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import asdict

from .plan import Picture

INDEX = "index.json"


class PictureCache:
    def __init__(self, root: str, stamp: str):
        self.root = root
        self.stamp = stamp  # library versions: a new Pillow starts a new index
        self._index: dict[str, dict] = self._read_index()
        self._seen: set[str] = set()  # what this build used: the index keeps only that
        self._dirty = False

    # --- what each source file is

    def known(self, full: str) -> Picture | None:
        """The picture at ``full`` as last inspected, if the file has not changed since."""
        entry = self._index.get(full)
        if entry is None:
            return None
        try:
            stat = os.stat(full)
        except OSError:
            return None
        if entry["stat"] != [stat.st_size, stat.st_mtime_ns]:
            return None
        self._seen.add(full)
        return Picture(**entry["picture"])

    def remember(self, full: str, picture: Picture) -> None:
        stat = os.stat(full)
        entry = {"stat": [stat.st_size, stat.st_mtime_ns], "picture": asdict(picture)}
        self._seen.add(full)
        if self._index.get(full) != entry:
            self._index[full] = entry
            self._dirty = True

    def save(self) -> None:
        """Write the index, less the files this build did not use (deleted, renamed, other projects')."""
        if set(self._index) - self._seen:
            self._index = {full: entry for full, entry in self._index.items() if full in self._seen}
            self._dirty = True
        if self._dirty:
            os.makedirs(self.root, exist_ok=True)
            self._write(os.path.join(self.root, INDEX), json.dumps({"stamp": self.stamp, "files": self._index}, sort_keys=True).encode())
            self._dirty = False

    # --- encoded files

    def path(self, key: str, suffix: str) -> str:
        return os.path.join(self.root, key[:2], f"{key}.{suffix}")

    def has(self, key: str, suffix: str) -> bool:
        return os.path.exists(self.path(key, suffix))

    def store(self, key: str, suffix: str, data: bytes) -> None:
        target = self.path(key, suffix)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        self._write(target, data)

    def publish(self, key: str, suffix: str, destination: str) -> None:
        """Put a stored file into the site: a hard link (a thousand cards in a few milliseconds),
        or a copy where the cache and the site are on different file systems. Nothing writes
        into a published file (a new picture is a new file), so the cache stays intact."""
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        source = self.path(key, suffix)
        if os.path.lexists(destination):
            os.remove(destination)
        try:
            os.link(source, destination)
        except OSError:
            shutil.copyfile(source, destination)

    def prune(self, keep: set[str]) -> int:
        """Delete stored files whose key is not in ``keep`` (pictures no page uses any more,
        cards of old titles), so that a cache kept for years stays the size of one site."""
        removed = 0
        for folder in _folders(self.root):
            for entry in os.scandir(folder):
                key = entry.name.split(".")[0]
                if entry.is_file() and key not in keep:
                    os.remove(entry.path)
                    removed += 1
        return removed

    # ---

    def _read_index(self) -> dict[str, dict]:
        try:
            with open(os.path.join(self.root, INDEX), encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return {}
        return data.get("files", {}) if data.get("stamp") == self.stamp else {}

    @staticmethod
    def _write(target: str, data: bytes) -> None:
        # Written aside and renamed: a build stopped half-way never leaves half a file.
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".part-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)


def _folders(root: str) -> list[str]:
    """The cache's two-letter folders (its index and nothing else sits at the top)."""
    try:
        return [e.path for e in os.scandir(root) if e.is_dir() and len(e.name) == 2]
    except FileNotFoundError:
        return []
