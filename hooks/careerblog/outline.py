"""The outline that ``blog new`` writes into a new post, kept in one place.

``blog new`` writes it; the post rules refuse it in a post that is no longer a
draft, so that the placeholder sentences (and the made-up description) are
never published.
"""

from __future__ import annotations

import re

INTRO = ("Start with a short paragraph: who this post is for, and what they will know\n"
         "or be able to do once they have read it.")
POINTS = (
    ("The First Point", "Replace this heading and this paragraph with your first point."),
    ("The Second Point", "Replace this heading and this paragraph with your second point."),
)
# Lines of the outline that no real post would hold: each one left in is an error.
OUTLINE_LINES = frozenset([INTRO.splitlines()[0]] + [sentence for _, sentence in POINTS])

_ADVICE_TAILS = ("for job seekers", "for job seekers and new hires")
# "<title>: career advice for job seekers from <organization>." as default_description writes it.
_MADE_UP = re.compile(r"^(?P<head>.*?)[:!?] [Cc]areer advice for job seekers(?: and new hires)?(?: from .+)?\.$")


def outline_body() -> list[str]:
    """The lines below the front matter of a new post."""
    lines = [*INTRO.splitlines(), ""]
    for heading, sentence in POINTS:
        lines += [f"## {heading}", "", sentence, ""]
    return lines


def default_description(title: str, organization: str, length: tuple[int, int]) -> str:
    """A true sentence of 50-160 characters made from the title, for the editor to rewrite."""
    source = f" from {organization}" if organization else ""
    # "Oh No!" and "Why Now?" end a sentence already; other titles run on after a colon.
    head, advice = (title, "Career advice") if title.endswith(("!", "?")) else (title.rstrip(".:;,") + ":", "career advice")
    low, high = length
    for tail in (f"{advice} {_ADVICE_TAILS[0]}{source}.", f"{advice} {_ADVICE_TAILS[1]}{source}.", f"{advice} {_ADVICE_TAILS[0]}."):
        text = f"{head} {tail}"
        if low <= len(text) <= high:
            return text
    return text[: high - 1].rstrip() + "."


def is_made_up_description(description: str) -> bool:
    """Whether ``description`` is one that ``default_description`` made (for this title or an earlier one)."""
    return bool(_MADE_UP.match(description.strip()))
