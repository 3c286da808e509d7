"""Slugs: the lower-case, hyphenated names that appear in URLs."""

from __future__ import annotations

import re
import unicodedata

from .urls import strip_markdown_extension

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_CASE_CHANGE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def slugify(text: str) -> str:
    """``"Oh No! You Missed It"`` -> ``"oh-no-you-missed-it"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def tag_slug(name: str) -> str:
    """A hashtag split at its case changes: ``BostonWarehouseJobs`` -> ``boston-warehouse-jobs``."""
    return slugify(_CASE_CHANGE.sub("-", name))


def slug_from_filename(filename: str) -> str:
    """``2024-08-10-missed-your-interview.md`` -> ``missed-your-interview``."""
    stem = filename.rsplit("/", 1)[-1]
    stem = strip_markdown_extension(stem)
    return slugify(_DATE_PREFIX.sub("", stem))


def is_slug(text: str) -> bool:
    return bool(SLUG_PATTERN.match(text))
