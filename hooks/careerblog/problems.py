"""Problems found in content, reported the way editors can act on them.

Every problem is one line: ``path:line: field: message``. Loaders collect all
problems before failing, so an editor fixes everything in one round.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found, sorted by file and line."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.render())

    def render(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(str(p) for p in self.problems)
        return f"{count} content {noun} found:\n{lines}"


def suggest(word: str, known: Iterable[str]) -> str | None:
    """Return the known word closest to ``word``, if any is close enough.

    Case is ignored when matching, because editors often mistype it.
    """
    by_lower = {k.lower(): k for k in known}
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """A parenthesised hint such as " (did you mean 'tags'?)", or ""."""
    guess = suggest(word, known)
    return f" (did you mean '{guess}'?)" if guess else ""
