"""Measures of a post's text."""

from __future__ import annotations

import math
import re

WORDS_PER_MINUTE = 200
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
_NOISE = re.compile(r"<[^>]+>|\{[^}\n]*\}|\]\([^)]*\)|<!--.*?-->", re.S)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def count_words(markdown: str) -> int:
    """Words a reader reads: code blocks, HTML tags, link targets and attribute lists left out."""
    prose = _NOISE.sub(" ", _FENCE.sub(" ", markdown))
    return len(_WORD.findall(prose))


def reading_minutes(words: int) -> int:
    """Minutes at 200 words a minute, rounded up, at least one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
