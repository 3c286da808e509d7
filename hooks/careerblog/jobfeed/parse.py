"""Reading a downloaded feed one job at a time, never the whole document at once.

Both readers yield plain records with the same keys (``RECORD_KEYS``), in the feed's
own words; ``records.py`` checks and cleans them. A 50 MB feed of 20,000 jobs keeps
one job in memory at a time: the XML reader drops each ``<job>`` once read, the JSON
reader decodes one JobPosting object at a time from a sliding buffer.
"""

from __future__ import annotations

import json
from typing import IO, Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

RECORD_KEYS = (
    "reference", "title", "date", "expires", "url", "company", "city", "state", "country",
    "postalcode", "description", "salary", "jobtype", "category",
)
# Indeed's element for each record key (https://docs.indeed.com/indeed-apply/xml-feed).
INDEED_NAMES = {
    "reference": "referencenumber", "title": "title", "date": "date", "expires": "expirationdate",
    "url": "url", "company": "company", "city": "city", "state": "state", "country": "country",
    "postalcode": "postalcode", "description": "description", "salary": "salary",
    "jobtype": "jobtype", "category": "category",
}
# schema.org JobPosting's property for each record key, as skipped jobs name them.
JOBPOSTING_NAMES = {
    "reference": "identifier", "title": "title", "date": "datePosted", "expires": "validThrough",
    "url": "url", "company": "hiringOrganization", "city": "jobLocation", "state": "jobLocation",
    "country": "jobLocation", "postalcode": "jobLocation", "description": "description",
    "salary": "baseSalary", "jobtype": "employmentType", "category": "occupationalCategory",
}
FIELD_NAMES = {"indeed-xml": INDEED_NAMES, "jobposting-json": JOBPOSTING_NAMES}
_CHUNK = 1 << 16


class FeedError(Exception):
    """The document as a whole cannot be read: nothing of it is kept."""


def read_records(handle: IO[bytes], form: str) -> Iterator[dict[str, str]]:
    """The feed's jobs, one record at a time; raises FeedError on a malformed or unsafe document."""
    return _read_indeed(handle) if form == "indeed-xml" else _read_jobpostings(handle)


# --- Indeed XML ---------------------------------------------------------------------------------


def _read_indeed(handle: IO[bytes]) -> Iterator[dict[str, str]]:
    by_element = {element: key for key, element in INDEED_NAMES.items()}
    root = None
    try:
        # No DTD at all: a job feed never needs one, and entities are how bombs and XXE get in.
        for event, element in iterparse(handle, events=("start", "end"), forbid_dtd=True):
            if root is None:
                root = element
                if element.tag != "source":
                    raise FeedError(f"is not an Indeed XML job feed: its first element is <{element.tag}>, not <source>")
                continue
            if event != "end" or element.tag != "job":
                continue
            record = {key: "" for key in RECORD_KEYS}
            for child in element:
                key = by_element.get(child.tag)
                if key:
                    record[key] = "".join(child.itertext()).strip()
            yield record
            root.clear()  # the jobs read so far: drop them, keep memory flat
    except DefusedXmlException as error:
        raise FeedError(f"was refused as unsafe XML ({type(error).__name__}: a DTD or entity declaration; job feeds need neither)") from None
    except ParseError as error:
        line, column = error.position
        raise FeedError(f"is not well-formed XML: {_reason(error)} at line {line}, column {column + 1}") from None
    if root is None:
        raise FeedError("is empty: no XML in it")


def _reason(error: ParseError) -> str:
    return str(error).split(":")[0]


# --- JSON list of schema.org JobPosting objects ----------------------------------------------------


def _read_jobpostings(handle: IO[bytes]) -> Iterator[dict[str, str]]:
    for number, posting in enumerate(_json_array_items(handle), start=1):
        if not isinstance(posting, dict):
            yield {**{key: "" for key in RECORD_KEYS}, "reference": f"#{number}", "title": "", "_error": "is not a JobPosting object"}
            continue
        yield _from_jobposting(posting)


def _json_array_items(handle: IO[bytes]) -> Iterator[object]:
    """The items of a top-level JSON array, decoded one by one from a buffer refilled as needed."""
    decoder = json.JSONDecoder()
    reader = _TextChunks(handle)
    buffer, pos = reader.more(""), 0
    pos = _skip_space(buffer, pos)
    while pos >= len(buffer) and not reader.done:
        buffer = reader.more(buffer)
        pos = _skip_space(buffer, pos)
    if pos >= len(buffer):
        raise FeedError("is empty: no JSON in it")
    if buffer[pos] != "[":
        raise FeedError("is not a JSON list of JobPosting objects: it does not start with '['")
    pos += 1
    expect_item = True
    while True:
        pos = _skip_space(buffer, pos)
        if pos >= len(buffer):
            if reader.done:
                raise FeedError("is not valid JSON: it ends before the list is closed with ']'")
            buffer, pos = reader.more(buffer[pos:]), 0
            continue
        char = buffer[pos]
        if char == "]":
            return
        if char == "," and not expect_item:
            pos, expect_item = pos + 1, True
            continue
        try:
            item, end = decoder.raw_decode(buffer, pos)
        except json.JSONDecodeError as error:
            if reader.done:
                raise FeedError(f"is not valid JSON: {error.msg} near character {reader.offset(buffer, error.pos)}") from None
            buffer, pos = reader.more(buffer[pos:]), 0  # the item may go on in the next chunk
            continue
        if not expect_item:
            raise FeedError(f"is not valid JSON: a ',' is missing near character {reader.offset(buffer, pos)}")
        yield item
        pos, expect_item = end, False


class _TextChunks:
    def __init__(self, handle: IO[bytes]):
        import codecs

        self.handle = handle
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
        self.done = False
        self.consumed = 0  # characters dropped from the front of the buffer so far

    def more(self, keep: str) -> str:
        """``keep`` (the unread tail of the buffer) plus the next chunk."""
        chunk = self.handle.read(_CHUNK)
        self.done = not chunk
        try:
            text = self.decoder.decode(chunk, final=self.done)
        except UnicodeDecodeError:
            raise FeedError("is not UTF-8 text") from None
        return keep + text

    def offset(self, buffer: str, pos: int) -> int:
        return pos  # within the current buffer: good enough to find it with a search


def _skip_space(buffer: str, pos: int) -> int:
    while pos < len(buffer) and buffer[pos] in " \t\r\n":
        pos += 1
    return pos


def _from_jobposting(posting: dict) -> dict[str, str]:
    place = _first(posting.get("jobLocation"))
    address = _first(place.get("address")) if isinstance(place, dict) else {}
    address = address if isinstance(address, dict) else {}
    organization = posting.get("hiringOrganization")
    return {
        "reference": _text(_value(posting.get("identifier"))),
        "title": _text(posting.get("title")),
        "date": _text(posting.get("datePosted")),
        "expires": _text(posting.get("validThrough")),
        "url": _text(posting.get("url")),
        "company": _text(organization.get("name") if isinstance(organization, dict) else organization),
        "city": _text(address.get("addressLocality")),
        "state": _text(address.get("addressRegion")),
        "country": _text(_value(address.get("addressCountry"), "name")),
        "postalcode": _text(address.get("postalCode")),
        "description": _text(posting.get("description")),
        "salary": _salary_text(posting.get("baseSalary")),
        "jobtype": ", ".join(_text(t) for t in _as_list(posting.get("employmentType"))),
        "category": ", ".join(_text(c) for c in _as_list(posting.get("occupationalCategory") or posting.get("industry"))),
    }


_UNITS = {"HOUR": "hr", "DAY": "day", "WEEK": "wk", "MONTH": "mo", "YEAR": "yr"}


def _salary_text(salary: object) -> str:
    """A MonetaryAmount as pay text: ``$18-20/hr``."""
    if isinstance(salary, str):
        return salary.strip()
    if not isinstance(salary, dict):
        return ""
    value = salary.get("value")
    symbol = "$" if salary.get("currency", "USD") == "USD" else f"{salary.get('currency')} "
    if isinstance(value, (int, float)):
        return f"{symbol}{_number(value)}"
    if not isinstance(value, dict):
        return ""
    unit = _UNITS.get(str(value.get("unitText", "")).upper())
    low, high, single = value.get("minValue"), value.get("maxValue"), value.get("value")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)):
        amount = f"{symbol}{_number(low)}-{_number(high)}"
    elif isinstance(single, (int, float)):
        amount = f"{symbol}{_number(single)}"
    else:
        return ""
    return f"{amount}/{unit}" if unit else amount


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def _first(value: object) -> object:
    return value[0] if isinstance(value, list) and value else value if not isinstance(value, list) else {}


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _value(value: object, key: str = "value") -> object:
    return value.get(key) if isinstance(value, dict) else value


def _text(value: object) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    return ""
