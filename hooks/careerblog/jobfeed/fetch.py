"""``blog jobs fetch``: download the feed, read it job by job, keep the good jobs in the snapshot.

The download goes to a temporary file first (streamed, never held in memory), with
a timeout, one retry after a network error or a 5xx answer, and a conditional GET
(If-None-Match / If-Modified-Since) so that an unchanged feed costs a 304. Any
failure leaves the last good snapshot as it was.
"""

from __future__ import annotations

import os
from collections import Counter
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from ..models import JobFeed
from .parse import FeedError, read_records
from .records import Skipped, check_record
from .settings import is_url
from .snapshot import SnapshotWriter, read_snapshot, unmapped_words, write_snapshot

TIMEOUT = 30.0  # seconds without a byte from the server
RETRY_PAUSE = 5.0  # seconds before the one retry
MAX_BYTES = 200 * 1024 * 1024  # a feed four times the 50 MB of a big agency is a broken export
USER_AGENT = "career-blog-jobfeed/1 (+blog jobs fetch)"


class FetchError(Exception):
    """Why the fetch failed; the last good snapshot is kept."""


@dataclass
class FetchResult:
    not_modified: bool = False
    read: int = 0
    kept: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    unmapped: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0


def fetch_feed(
    root: str, feed: JobFeed, now: datetime, *, accept_drop: bool = False,
    timeout: float = TIMEOUT, retry_pause: float | None = None, sleep: Callable[[float], None] = time.sleep,
) -> FetchResult:
    """Fetch, check and keep the feed; raises FetchError, leaving the snapshot untouched, on failure."""
    retry_pause = RETRY_PAUSE if retry_pause is None else retry_pause
    previous = read_snapshot(root)
    same_source = previous is not None and previous.get("source") == feed.url and previous.get("format") == feed.format
    with tempfile.TemporaryDirectory(prefix="jobfeed-") as folder:
        download = os.path.join(folder, "feed")
        if is_url(feed.url):
            validators = (previous.get("etag"), previous.get("last_modified")) if same_source else (None, None)
            answer = _download(feed.url, download, validators, timeout, retry_pause, sleep)
        else:
            answer = _copy_local(root, feed.url, download)
        if answer.status == 304 and previous is None:
            raise FetchError("the feed answered 304 Not Modified, but there is no snapshot to keep; delete nothing and run again")
        if answer.status == 304:
            write_snapshot(root, {**_without_version(previous), "checked": now.isoformat()})
            return FetchResult(not_modified=True, read=previous.get("read", 0), kept=len(previous["jobs"]),
                               skipped=[Skipped(**s) for s in previous.get("skipped_records", [])])
        writer = SnapshotWriter(root)
        try:
            result = _read(download, feed, writer)
            _refuse_bad_news(result, previous if same_source else None, feed, accept_drop)
        except BaseException:
            writer.discard()
            raise
    writer.commit({
        "source": feed.url, "format": feed.format, "fetched": now.isoformat(), "checked": now.isoformat(),
        "etag": answer.etag, "last_modified": answer.last_modified, "read": result.read,
        "skipped": [str(s) for s in result.skipped],
        "skipped_records": [s.__dict__ for s in result.skipped],
    })
    return result


def _without_version(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "version"}


@dataclass(frozen=True)
class _Answer:
    status: int
    etag: str | None = None
    last_modified: str | None = None


def _download(url: str, dest: str, validators, timeout: float, pause: float, sleep) -> _Answer:
    etag, modified = validators
    headers = {"User-Agent": USER_AGENT, "Accept": "application/xml, application/json;q=0.9, */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    for attempt in (1, 2):
        try:
            return _get(urllib.request.Request(url, headers=headers), dest, timeout)
        except FetchError as error:
            retry = getattr(error, "retry", False)
            if attempt == 2 or not retry:
                raise FetchError(f"{error}{' (after one retry)' if attempt == 2 else ''}") from None
            sleep(pause)
    raise AssertionError("unreachable")


def _get(request: urllib.request.Request, dest: str, timeout: float) -> _Answer:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            _save(response, dest)
            return _Answer(200, response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return _Answer(304)
        raise _error(f"the feed answered HTTP {error.code} {error.reason}", retry=error.code >= 500) from None
    except urllib.error.URLError as error:
        raise _error(f"could not reach the feed: {error.reason}", retry=True) from None
    except TimeoutError:
        raise _error(f"the feed sent nothing for {timeout:g} seconds (timed out)", retry=True) from None
    except OSError as error:
        raise _error(f"the download broke off: {error}", retry=True) from None


def _save(response, dest: str) -> None:
    size = 0
    with open(dest, "wb") as out:
        while chunk := response.read(1 << 16):
            size += len(chunk)
            if size > MAX_BYTES:
                raise _error(f"the feed is larger than {MAX_BYTES // 2**20} MB; that is not a job feed", retry=False)
            out.write(chunk)


def _error(message: str, *, retry: bool) -> FetchError:
    error = FetchError(message)
    error.retry = retry  # type: ignore[attr-defined]
    return error


def _copy_local(root: str, path: str, dest: str) -> _Answer:
    source = os.path.join(root, path)
    if not os.path.isfile(source):
        raise FetchError(f"the feed file {path} does not exist (jobs.feed.url in data/site.yml is read from the project folder)")
    shutil.copyfile(source, dest)
    return _Answer(200)


def _read(path: str, feed: JobFeed, writer: SnapshotWriter) -> FetchResult:
    result = FetchResult()
    seen: dict[str, str] = {}
    unmapped = Counter()
    try:
        with open(path, "rb") as handle:
            for number, raw in enumerate(read_records(handle, feed.format), start=1):
                result.read = number
                record, skipped = check_record(raw, number, feed.format)
                if record is not None and record["id"] in seen:
                    skipped = Skipped(record["reference"], "referencenumber" if feed.format == "indeed-xml" else "identifier",
                                      f"gives the id '{record['id']}' of the job {seen[record['id']]} already in this feed")
                    record = None
                if skipped is not None:
                    result.skipped.append(skipped)
                    continue
                seen[record["id"]] = record["reference"]
                unmapped.update(unmapped_words([record], feed))
                writer.add(record)
    except FeedError as error:
        raise FetchError(f"the feed {error}") from None
    result.kept = len(seen)
    result.unmapped = dict(sorted(unmapped.items(), key=lambda item: (-item[1], item[0])))
    return result


def _refuse_bad_news(result: FetchResult, previous: dict | None, feed: JobFeed, accept_drop: bool) -> None:
    """An empty feed, or one far smaller than the last, is an ATS export gone wrong far more often than real news."""
    if result.kept == 0:
        why = "holds no job" if result.read == 0 else f"holds {result.read} jobs, none of them usable"
        raise FetchError(f"the feed {why}; the last good snapshot is kept")
    last = len(previous["jobs"]) if previous else 0
    if last and not accept_drop and result.kept * 100 < last * feed.max_drop_percent:
        raise FetchError(
            f"the feed keeps {result.kept} jobs where the last snapshot had {last}, fewer than "
            f"max_drop_percent ({feed.max_drop_percent}%) of them; if that is real, run "
            "'blog jobs fetch --accept-drop' once; the last good snapshot is kept"
        )
