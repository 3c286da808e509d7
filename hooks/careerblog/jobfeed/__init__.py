"""The agency's job feed (contract section 10): settings, fetching, the snapshot the build reads.

- ``settings``: ``jobs.feed`` in data/site.yml.
- ``fetch``: ``blog jobs fetch``: download (timeout, retry, conditional GET), check, keep.
- ``parse``: Indeed XML and JobPosting JSON read one job at a time, safely.
- ``records``: one job checked and its HTML sanitized.
- ``snapshot``: the file between a fetch and the builds, and its age.
"""

from .fetch import FetchError, FetchResult, fetch_feed
from .settings import FEED_FIELDS, FORMATS, check_feed_facets, read_feed_settings
from .snapshot import SNAPSHOT_PATH, FeedStatus, load_feed, read_snapshot

__all__ = [
    "FEED_FIELDS", "FORMATS", "SNAPSHOT_PATH", "FeedStatus", "FetchError", "FetchResult",
    "check_feed_facets", "fetch_feed", "load_feed", "read_feed_settings", "read_snapshot",
]
