"""``blog jobs fetch``: the agency's job feed into the snapshot the build reads (contract section 10)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace

from ..jobfeed import SNAPSHOT_PATH, FetchError, fetch_feed
from ..jobfeed.fetch import TIMEOUT
from .common import PROG, CommandError, count, current_time, find_project, read_site_data, stop_on
from ..jobfeed import check_feed_facets
from ..models import JobFeed

URL_VARIABLE = "JOBS_FEED_URL"  # overrides jobs.feed.url, e.g. from a CI repository variable


def add_jobs_command(commands, common: argparse.ArgumentParser) -> None:
    """``blog jobs ACTION``: the job feed's commands (``fetch`` for now)."""
    jobs = commands.add_parser(
        "jobs", help="the agency's job feed: 'jobs fetch' downloads it for the next build",
        description="Work with the job feed set in data/site.yml under jobs.feed.",
    )
    actions = jobs.add_subparsers(title="actions", metavar="ACTION", required=True)
    fetch = actions.add_parser(
        "fetch", parents=[common], help=f"download the feed into {SNAPSHOT_PATH}",
        description=f"Download the job feed (jobs.feed.url, or ${URL_VARIABLE} when set), check every job, and keep "
        f"the good ones in {SNAPSHOT_PATH} for the next builds. Prints what it read, kept and skipped. Exit status 1 "
        "on any failure, and then the last good snapshot is kept.",
    )
    fetch.add_argument("--timeout", type=float, default=TIMEOUT, metavar="SECONDS",
                       help=f"give up on a server silent this long (default {TIMEOUT:g}); one retry follows")
    fetch.add_argument("--accept-drop", action="store_true",
                       help="keep the feed even when it holds far fewer jobs than the last snapshot (max_drop_percent)")
    fetch.set_defaults(run=run_fetch)


def run_fetch(args: argparse.Namespace) -> int:
    project = find_project(args.root)
    feed = read_feed(project)
    if feed is None:
        print("No job feed: data/site.yml has no jobs.feed (EDITING.md shows how to add one). Nothing to fetch.")
        return 0
    override = os.environ.get(URL_VARIABLE, "").strip()
    if override:
        feed = replace(feed, url=override)
    print(f"Fetching {feed.url} ({feed.format})")
    try:
        result = fetch_feed(project.root, feed, current_time(), accept_drop=args.accept_drop, timeout=args.timeout)
    except FetchError as error:
        raise CommandError(f"{PROG} jobs fetch: failed: {error}. The last good snapshot, if any, is kept.") from None
    if result.not_modified:
        print(f"Not modified since the last fetch: {SNAPSHOT_PATH} keeps its {count(result.kept, 'job')}, checked now.")
        return 0
    for skipped in result.skipped:
        print(skipped)
    print(f"Read {count(result.read, 'job')}: kept {result.kept}, skipped {len(result.skipped)}. Wrote {SNAPSHOT_PATH}.")
    if result.unmapped:
        words = ", ".join(f"'{word}' ({number})" for word, number in list(result.unmapped.items())[:10])
        print(f"{count(sum(result.unmapped.values()), 'job')} got no job type (listed under Other; map their words in "
              f"jobs.feed.job_types of data/site.yml): {words}", file=sys.stderr)
    return 0


def read_feed(project) -> JobFeed | None:
    """``jobs.feed`` of data/site.yml, checked as the build checks it (tags give the known job types)."""
    then = f"run '{PROG} jobs fetch' again. Nothing was fetched."
    site = read_site_data(project, then, authors_too=False)  # the feed needs no authors
    if site.settings and site.settings.job_feed and site.site_doc:
        stop_on(check_feed_facets(site.site_doc, site.settings.job_feed, site.tags), then)
    return site.settings.job_feed if site.settings else None
