"""Field checks shared by post front matter and data files.

A ``Fields`` wraps one parsed YAML document and collects problems instead of
raising, so that a file with five mistakes reports five lines.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone, tzinfo
from typing import Any, Iterable

from .problems import Problem, did_you_mean
from .yamlfile import Path, YamlDoc


class Fields:
    def __init__(self, doc: YamlDoc, zone: tzinfo = timezone.utc):
        self.doc = doc
        self.zone = zone  # the site's time zone: a date without an offset is a moment there
        self.problems: list[Problem] = []

    def report(self, at: Path, message: str) -> None:
        self.problems.append(self.doc.problem(at, message))

    def mapping(self, value: Any, at: Path, what: str = "a mapping of names to values") -> dict | None:
        if isinstance(value, dict):
            return value
        self.report(at, f"must be {what}, not {describe(value)}")
        return None

    def unknown_keys(self, mapping: dict, at: Path, known: Iterable[str]) -> None:
        known = list(known)
        for key in mapping:
            if key not in known:
                hint = did_you_mean(str(key), known) or f" (known fields: {', '.join(known)})"
                self.report(at + (key,), f"unknown field '{key}'{hint}")

    def text(
        self, mapping: dict, at: Path, key: str, *, required: bool = False, min_len: int = 0, max_len: int = 0
    ) -> str | None:
        value = mapping.get(key)
        if value is None:
            if required:
                self.missing(at, key)
            return None
        if not isinstance(value, str):
            # YAML turns unquoted yes/no, numbers and dates into other types: `title: Yes` would
            # be published as "True" and `1.10` as "1.1". Only quotes keep what was written.
            if isinstance(value, (int, float, bool, date)):
                self.report(at + (key,), quote_it(key, value, self.doc.raw.get(at + (key,))))
            else:
                self.report(at + (key,), f"must be text, not {describe(value)}")
            return None
        value = value.strip()
        if min_len and len(value) < min_len:
            self.report(at + (key,), f"is {len(value)} characters long; write at least {min_len}")
        elif max_len and len(value) > max_len:
            self.report(at + (key,), f"is {len(value)} characters long; keep it to {max_len} at most")
        return value

    def missing(self, at: Path, key: str) -> None:
        # Like YamlDoc.problem: list positions are left out ("title", not "1.title"); the line says which.
        name = ".".join(str(k) for k in at + (key,) if not isinstance(k, int))
        self.problems.append(Problem(self.doc.path, self.doc.line(*at), name, f"is missing; add '{key}:'"))

    def boolean(self, mapping: dict, at: Path, key: str, default: bool = False) -> bool:
        value = mapping.get(key, default)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.report(at + (key,), f"must be true or false, not {describe(value)}")
            return default
        return value

    def integer(self, mapping: dict, at: Path, key: str, default: int, low: int, high: int) -> int:
        value = mapping.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.report(at + (key,), f"must be a whole number from {low} to {high}, not {describe(value)}")
            return default
        return value

    def when(self, mapping: dict, at: Path, key: str, *, required: bool = False) -> tuple[datetime, bool] | None:
        """A date, or a date with time and offset: (aware datetime, has_time)."""
        value = mapping.get(key)
        if value is None:
            if required:
                self.missing(at, key)
            return None
        parsed = to_datetime(value, self.zone)
        if parsed is None:
            self.report(at + (key,), f"must be a date such as 2024-08-10 (a time may follow: 2024-08-10 09:30:00+00:00), not {describe(value)}")
        return parsed

    def string_list(self, mapping: dict, at: Path, key: str) -> list[tuple[str, Path]]:
        """Items of a list of strings, each with its own path; a single string counts as a list of one."""
        value = mapping.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            if "," in value or len(value.split()) > 1:
                # "tags: A, B" is one name to YAML, not two.
                names = [n for n in value.replace(",", " ").split() if n]
                self.report(at + (key,), f"'{value}' is one piece of text to YAML, not a list; "
                            f"write the names in brackets: {key}: [{', '.join(names)}]")
                return []
            return [(value, at + (key,))]
        if not isinstance(value, list):
            self.report(at + (key,), f"must be a list such as [a, b], not {describe(value)}")
            return []
        items = []
        for index, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                items.append((item.strip(), at + (key, index)))
            else:
                self.report(at + (key, index), f"each item must be a name, not {describe(item)}")
        return items


def to_datetime(value: Any, zone: tzinfo = timezone.utc) -> tuple[datetime, bool] | None:
    """Read a YAML date, datetime or ISO string as an aware datetime in ``zone``.

    A date alone is midnight in ``zone``, and so is a time without an offset; a moment with
    an offset is the same moment, shown in ``zone``.
    """
    if isinstance(value, datetime):
        moment, has_time = value, True
    elif isinstance(value, date):
        moment, has_time = datetime.combine(value, time()), False
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        has_time = len(value.strip()) > 10
    else:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(zone), has_time


def quote_it(key: str, value: Any, written: str | None) -> str:
    """The problem with an unquoted value that YAML read as something other than text."""
    written = written if written is not None else str(value)
    kind = ("true or false" if isinstance(value, bool) else "a date" if isinstance(value, date)
            else "a number")
    quoted = written.replace("\\", "\\\\").replace('"', '\\"')
    return f"YAML reads {written} as {kind}, not text; put it in quotes: {key}: \"{quoted}\""


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"
