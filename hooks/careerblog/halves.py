"""A list computed in two processes: the second half in a forked child, which sends its
results back pickled. The full build reads its posts this way (``load_content(...,
two_processes=True)``): reading and checking 1,000 posts is 0.45 s of one core before
MkDocs' page loops can start.
"""

from __future__ import annotations

import os
import pickle
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_in_two(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """``[function(item) for item in items]``, the second half computed in a forked child
    process. ``function`` must not change anything but its result, and the results must
    pickle. Without ``os.fork``, or when the child fails, this process computes it all
    (an error of ``function`` is raised here, as without the child)."""
    return split_in_two(items, lambda part: [function(item) for item in part])


def split_in_two(items: Sequence[Item], work: Callable[[Sequence[Item]], list[Result]],
                 child_share: float = 0.5) -> list[Result]:
    """``work(items)`` with ``work(items[half:])`` done in a forked child process: ``work``
    returns one result per item, changes nothing else, and its results pickle. Without
    ``os.fork``, or when the child fails, this process does it all. ``child_share``: the
    part of the items the child takes (its last ones), for a child slower than this process."""
    if not hasattr(os, "fork") or len(items) < 2:
        return work(items)
    half = len(items) // 2 if child_share == 0.5 else min(len(items) - 1, max(1, round(len(items) * (1 - child_share))))
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no process to be had
        os.close(reader)
        os.close(writer)
        return work(items)
    if pid == 0:
        _be_the_child(work, items[half:], reader, writer)  # never returns
    os.close(writer)
    try:
        first = work(items[:half])
    finally:
        # Always wait for the child, even when this half failed: no process is left behind.
        with os.fdopen(reader, "rb") as handle:  # read before waiting: the child blocks on a full pipe
            data = handle.read()
        _, status = os.waitpid(pid, 0)
    second = _unpickled(data) if os.waitstatus_to_exitcode(status) == 0 else None
    if second is None or len(second) != len(items) - half:
        second = work(items[half:])
    return first + second


def _be_the_child(work: Callable, items: Sequence, reader: int, writer: int) -> None:
    """The forked process: compute, send, and leave without running anything of the parent's."""
    code = 1
    try:
        os.close(reader)
        data = pickle.dumps(work(items), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as out:
            out.write(data)
        code = 0
    finally:
        os._exit(code)


def _unpickled(data: bytes) -> list | None:
    try:
        found = pickle.loads(data)
    except Exception:  # noqa: BLE001 - cut short: this process computes the half again
        return None
    return found if isinstance(found, list) else None
