"""The snapshot: the last good fetch, kept outside docs/ and data/, read by every build.

The build never touches the network: it reads this file. A snapshot older than
``max_age_days`` (against the build date) shows no feed job, and says so once.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from functools import lru_cache

from ..jobs import read_pay
from ..models import JobFeed, Job
from .records import parse_date

SNAPSHOT_PATH = ".cache/jobs/feed.json"  # under the project folder; .cache/ is git-ignored
# The cleaned HTML descriptions, apart: 50 MB at 20,000 jobs, read only when feed jobs get pages.
DESCRIPTIONS_PATH = ".cache/jobs/descriptions.json"
VERSION = 1


@dataclass(frozen=True)
class FeedStatus:
    """What the build and ``blog report`` say about the snapshot."""

    path: str  # as shown: .cache/jobs/feed.json
    source: str = ""
    checked: datetime | None = None  # the last fetch that reached the feed (200 or 304)
    age_days: float = 0.0
    read: int = 0
    kept: int = 0
    skipped: tuple[str, ...] = ()  # "feed job <ref>: <field>: <reason>" lines of the last fetch
    shown: bool = False  # its jobs are on the site
    notice: str = ""  # one line for the build log when its jobs are not shown


def snapshot_file(root: str) -> str:
    return os.path.join(root, SNAPSHOT_PATH)


def read_snapshot(root: str) -> dict | None:
    """The snapshot as written by ``write_snapshot``; None when there is none or it is unreadable."""
    try:
        with open(snapshot_file(root), encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("jobs"), list):
        return None
    return data


def write_snapshot(root: str, data: dict) -> None:
    """Written beside, then renamed over the old one: a reader never sees half a snapshot."""
    _write_json(snapshot_file(root), {"version": VERSION, **data})


class SnapshotWriter:
    """The next snapshot, written job by job beside the current one, so that a fetch of 20,000
    jobs never holds them all: ``.cache/jobs/feed.json.new`` and ``descriptions.json.new``
    (id -> cleaned HTML), put in place by ``commit`` only once every check has passed.
    """

    def __init__(self, root: str):
        self.root = root
        self.jobs_path = snapshot_file(root) + ".new"
        self.descriptions_path = os.path.join(root, DESCRIPTIONS_PATH + ".new")
        os.makedirs(os.path.dirname(self.jobs_path), exist_ok=True)
        self.jobs = open(self.jobs_path, "w", encoding="utf-8")
        self.descriptions = open(self.descriptions_path, "w", encoding="utf-8")
        self.jobs.write(f'{{"version":{VERSION},"jobs":[')
        self.descriptions.write("{")
        self.count = 0

    def add(self, record: dict) -> None:
        record = dict(record)
        html = record.pop("description")
        comma = "," if self.count else ""
        self.jobs.write(comma + json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        self.descriptions.write(comma + json.dumps(record["id"]) + ":" + json.dumps(html, ensure_ascii=False))
        self.count += 1

    def commit(self, data: dict) -> None:
        """Close with ``data`` (source, dates, counts) and replace the snapshot: descriptions first."""
        meta = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        self.jobs.write("]" + ("," + meta[1:] if len(meta) > 2 else "}"))
        self.descriptions.write("}")
        self.jobs.close()
        self.descriptions.close()
        os.replace(self.descriptions_path, os.path.join(self.root, DESCRIPTIONS_PATH))
        os.replace(self.jobs_path, snapshot_file(self.root))

    def discard(self) -> None:
        for handle, path in ((self.jobs, self.jobs_path), (self.descriptions, self.descriptions_path)):
            handle.close()
            if os.path.exists(path):
                os.remove(path)


def read_descriptions(root: str) -> dict[str, str]:
    try:
        with open(os.path.join(root, DESCRIPTIONS_PATH), encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: str, data: object) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        # dumps, not dump: json.dump encodes in Python, dumps in C (2 s against 0.3 s at 20,000 jobs).
        handle.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    os.replace(temporary, path)


def load_feed(root: str, feed: JobFeed | None, now: datetime) -> tuple[list[Job], FeedStatus | None]:
    """The feed's jobs for this build (none when the snapshot is missing, unreadable or too old)."""
    if feed is None:
        return [], None
    data = read_snapshot(root)
    if data is None:
        exists = os.path.exists(snapshot_file(root))
        why = "is unreadable (run 'blog jobs fetch' again)" if exists else "does not exist yet (run 'blog jobs fetch')"
        return [], FeedStatus(SNAPSHOT_PATH, notice=f"Job feed: no feed job is shown: {SNAPSHOT_PATH} {why}.")
    checked = parse_date(str(data.get("checked", ""))) or datetime.min.replace(tzinfo=timezone.utc)
    age = (now - checked).total_seconds() / 86400
    descriptions = read_descriptions(root) if feed.pages else {}
    mapped = FacetMap(feed)  # 20,000 jobs come from a few dozen places and categories
    jobs = [to_job(record, feed, checked, descriptions.get(record["id"], ""), mapped) for record in data["jobs"]]
    status = FeedStatus(
        SNAPSHOT_PATH, source=str(data.get("source", "")), checked=checked, age_days=age,
        read=int(data.get("read", 0)), kept=len(jobs), skipped=tuple(data.get("skipped", ())),
    )
    if age > feed.max_age_days:
        notice = (f"Job feed: no feed job is shown: the snapshot was last fetched {checked.date().isoformat()}, "
                  f"{int(age)} days before the build date, more than max_age_days ({feed.max_age_days}); "
                  "run 'blog jobs fetch'.")
        return jobs, _replace(status, notice=notice)
    return jobs, _replace(status, shown=True)


@lru_cache(maxsize=8)
def _table(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    # Case and spacing differ between exports of one ATS: "Warehouse " and "warehouse" are one word.
    return {" ".join(name.lower().split()): target for name, target in pairs}


def _replace(status: FeedStatus, **changes) -> FeedStatus:
    from dataclasses import replace

    return replace(status, **changes)


class FacetMap:
    """``map_location`` and ``map_job_type``, each distinct place and category worked out once."""

    def __init__(self, feed: JobFeed):
        self.feed = feed
        self.places: dict[tuple[str, str], str] = {}
        self.kinds: dict[tuple[str, str], str] = {}
        self.expiries: dict[datetime, datetime] = {}

    def location(self, record: dict) -> str:
        key = (record.get("city", ""), record.get("state", ""))
        if key not in self.places:
            self.places[key] = map_location(record, self.feed)
        return self.places[key]

    def job_type(self, record: dict) -> str:
        key = (record.get("category", ""), record.get("jobtype", ""))
        if key not in self.kinds:
            self.kinds[key] = map_job_type(record, self.feed)
        return self.kinds[key]

    def expiry(self, checked: datetime) -> datetime:
        """The feed lists open jobs; without an expiry date one stays open valid_days after it was last seen."""
        if checked not in self.expiries:
            day = checked.date() + timedelta(days=self.feed.valid_days)
            self.expiries[checked] = datetime.combine(day, time.max, timezone.utc)
        return self.expiries[checked]


def to_job(record: dict, feed: JobFeed, checked: datetime, description_html: str = "", mapped: FacetMap | None = None) -> Job:
    """A snapshot record as a Job, its place and type mapped to the facets of data/tags.yml."""
    mapped = mapped or FacetMap(feed)
    posted = datetime.fromisoformat(record["posted"])
    expires = datetime.fromisoformat(record["expires"]) if record.get("expires") else mapped.expiry(checked)
    return Job(
        id=record["id"], title=record["title"], location=mapped.location(record),
        job_type=mapped.job_type(record), employment_type=record["employment_type"],
        posted=posted, valid_through=expires, apply_url=record["url"], description=record["summary"],
        pay=record.get("pay", ""), reference=record["reference"], description_html=description_html,
        has_page=feed.pages, city=record.get("city", ""), region=record.get("state", ""),
        country=record.get("country", ""), postal_code=record.get("postalcode", ""), company=record.get("company", ""),
        # Read as amounts only where JSON-LD shows them: on feed jobs' own pages.
        salary=read_pay(record.get("pay", "")) if feed.pages else None,
    )


def place_of(record: dict) -> str:
    return ", ".join(part for part in (record.get("city", ""), record.get("state", "")) if part)


def map_location(record: dict, feed: JobFeed) -> str:
    place = place_of(record)
    return _lookup(feed.locations, [place]) or place


def map_job_type(record: dict, feed: JobFeed) -> str:
    """The first of the feed's category or jobtype words that ``job_types`` maps; "" when none does."""
    words = [w for text in (record.get("category", ""), record.get("jobtype", "")) for w in text.split(",")]
    return _lookup(feed.job_types, words) or ""


def unmapped_words(records: list[dict], feed: JobFeed) -> dict[str, int]:
    """Category texts of jobs that got no job type, with how many jobs carry each."""
    counts: dict[str, int] = {}
    for record in records:
        if not map_job_type(record, feed):
            word = record.get("category") or record.get("jobtype") or "(none)"
            counts[word] = counts.get(word, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _lookup(pairs: tuple[tuple[str, str], ...], words: list[str]) -> str | None:
    table = _table(pairs)
    for word in words:
        target = table.get(" ".join(word.lower().split()))
        if target:
            return target
    return None
