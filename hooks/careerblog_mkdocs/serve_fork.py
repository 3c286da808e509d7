"""The preview's work for many pages, shared with a forked copy of its process: both cores.

`mkdocs serve` alone (serve_model.py and serve_quick.py call it). A save that
changes what many pages show (a new or a deleted post at 1,000 posts: some 1,400
display digests, then 120 pages rendered and written) takes one core a second.
Here the process forks: the copy takes the second half of the pages, the process
the first. The copy starts warm (content loaded, templates compiled, pages read), so
nothing is loaded twice; it sends back what it computed (pickled, through a pipe)
and exits without running anything else of the server. Should it fail, the process
does that half itself, so any error is raised where it always was.

``CAREERBLOG_PREVIEW_SPLIT`` is the fewest pages worth a fork (100 by default; the
tests set 1 so that every save is shared). The copy costs CPU of its own (its first
writes to memory it shares with the process: a new post's rebuild at 1,000 posts took
1.4 s of CPU in one process, 1.05 s here and 0.6 s in the copy), so it pays only
while the second core is free: on a machine whose cores are busy the process waits
for its copy, and a save shows later than without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TypeVar

from careerblog.halves import split_in_two

Item = TypeVar("Item")
Result = TypeVar("Result")

_FEWEST = 100  # a title edit's 70 pages are not worth the copy's own CPU; a new post's 1,400 digests and 120 pages are
# The copy's first writes to the memory it shares with the process cost it about 35% more
# CPU than the process spends on as many pages (a new post at 1,000 posts: 0.29-0.33 s
# for its half against 0.23 s), so with half of them the process waited for it; with
# 40% both finish about together.
_CHILD_SHARE = 0.4
_copies_cpu = 0.0  # seconds of CPU the copies used since ``copies_cpu`` was last asked


def copies_cpu() -> float:
    """The CPU time the forked copies used since the last call (for the preview's log line)."""
    global _copies_cpu
    spent, _copies_cpu = _copies_cpu, 0.0
    return spent


def in_two(items: Sequence[Item], work: Callable[[Sequence[Item]], list[Result]]) -> list[Result]:
    """``work(items)``, the second half done in a forked copy (careerblog.halves); results in
    the order of ``items``."""
    fewest = int(os.environ.get("CAREERBLOG_PREVIEW_SPLIT", "") or _FEWEST)
    if len(items) < max(fewest, 2):
        return work(items)
    before = os.times()  # a child's CPU counts once it has been waited for
    try:
        return split_in_two(items, work, _CHILD_SHARE)
    finally:
        _count_copy(before, os.times())


def _count_copy(before: os.times_result, after: os.times_result) -> None:
    global _copies_cpu
    _copies_cpu += (after.children_user - before.children_user) + (after.children_system - before.children_system)
