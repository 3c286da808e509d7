"""``blog report``: what needs an editor's attention on the build date."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Sequence

from ..content import load_content
from ..problems import ContentError
from ..report import CLOSING_DAYS, Report, build_report
from .common import PROG, CommandError, current_time, find_project, paused_gc


def run_report(args: argparse.Namespace) -> int:
    project = find_project(args.root)
    now = current_time()
    try:
        with paused_gc():
            content = load_content(project.root, project.docs_dir, now)
    except ContentError as error:
        lines = "\n".join(str(p) for p in error.problems)
        raise CommandError(f"{lines}\nFix these first ('{PROG} check' lists them too), then run '{PROG} report' again.") from None
    report = build_report(content, project.shown(project.docs_dir))
    if args.json:
        print(json.dumps(asdict(report), indent=2, ensure_ascii=False))
    else:
        print(render_report(report), end="")
    return 0


def render_report(report: Report) -> str:
    """The report as plain-text tables, one section per kind of attention."""
    sections = [
        ("Drafts", ("Date", "File", "Title"), [(p.date, p.file, p.title) for p in report.drafts]),
        ("Scheduled posts", ("Publishes", "File", "Title"), [(p.date, p.file, p.title) for p in report.scheduled]),
        ("Expired posts", ("Date", "File", "Title"), [(p.date, p.file, p.title) for p in report.expired]),
        ("Posts past review_by", ("Review by", "Days over", "File", "Title"),
         [(r.review_by, str(r.days_overdue), r.file, r.title) for r in report.review_due]),
        (f"Jobs closing within {CLOSING_DAYS} days", ("Closes", "Days left", "Id", "Title", "Location"),
         [(j.valid_through, str(j.days_left), j.id, j.title, j.location) for j in report.jobs_closing]),
        ("Closed jobs, to remove from data/jobs.yml", ("Closed", "Id", "Title", "Location"),
         [(j.valid_through, j.id, j.title, j.location) for j in report.jobs_closed]),
        ("Tags with no published post", ("Tag", "Unpublished posts"),
         [(t.name, str(t.unpublished_posts)) for t in report.unused_tags]),
        ("Guides", ("Id", "Defined at", "Published", "Embedded in"),
         [(g.id, f"{g.file}:{g.line}", "yes" if g.published else "no", ", ".join(g.embedded_in) or "-") for g in report.guides]),
    ]
    out = [f"Editorial report for {report.build_date}", ""]
    out += render_feed(report)
    for heading, columns, rows in sections:
        if not rows:
            out += [f"{heading}: none", ""]
            continue
        out += [f"{heading} ({len(rows)})", *render_table(columns, rows), ""]
    return "\n".join(out)


def render_table(columns: Sequence[str], rows: list[Sequence[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(columns, *rows)]
    return [
        "  " + "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip()
        for row in (columns, *rows)
    ]


def render_feed(report: Report) -> list[str]:
    """The job feed's snapshot: age, counts, and every job the last fetch skipped."""
    feed = report.feed
    if feed is None:
        return []
    if feed.checked is None:
        return [f"Job feed: {feed.notice}", ""]
    state = "shown" if feed.shown else "NOT shown (too old): run 'blog jobs fetch'"
    out = [
        f"Job feed: {feed.source}",
        f"  snapshot {feed.snapshot}, last fetched {feed.checked}, {feed.age_days:g} days old: {state}",
        f"  read {feed.read}, kept {feed.kept}, skipped {len(feed.skipped)}; {feed.open} open on the build date",
    ]
    out += [f"  {line}" for line in feed.skipped]
    return out + [""]
