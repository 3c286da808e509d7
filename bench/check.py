"""How long `blog check` takes on a generated blog, as an editor runs it.

    .venv/bin/python bench/check.py [posts ...]

Copies data/ and docs/ into a temporary folder, adds posts made from the seed
post with a guide (each about 700 words, a hero image, two hashtags), then runs
the installed `blog check` in a fresh process several times and prints the
median wall time: Python's start-up included, as the editor waits for it.
A figure, not a test.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUNS = 7
SEED = REPO / "docs/blog/posts/2024-08-10-missed-your-interview.md"
TAGS = ["InterviewTips", "JobSearchTips", "BostonWarehouseJobs", "BaltimoreTempJobs", "WorkplaceSafety"]


def make_blog(folder: Path, count: int) -> None:
    shutil.copytree(REPO / "data", folder / "data")
    shutil.copytree(REPO / "docs", folder / "docs")
    body = SEED.read_text(encoding="utf-8").split("---\n", 2)[2]
    # Each generated post keeps its two guide sections under ids of its own.
    for n in range(count):
        text = body.replace("#apologize-by-phone", f"#phone-{n}").replace("#apologize-by-email", f"#email-{n}")
        front = (
            "---\n"
            f'title: "Generated Post Number {n}"\n'
            f"date: 2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}\n"
            "authors: [erin-helms]\n"
            f"tags: [{TAGS[n % 5]}, {TAGS[(n + 2) % 5]}]\n"
            f'description: "Generated post {n}: how to apologize by phone or email after a missed job interview."\n'
            "image:\n"
            "  src: ../images/missed-interview.svg\n"
            '  alt: "A job seeker on the phone, beside a calendar"\n'
            "---\n"
        )
        (folder / f"docs/blog/posts/2025-gen-{n:04d}.md").write_text(front + text, encoding="utf-8")


def time_check(folder: Path) -> list[float]:
    blog = Path(sys.executable).with_name("blog")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795780800"}
    timings = []
    for _ in range(RUNS):
        began = time.perf_counter()
        done = subprocess.run([str(blog), "check", "--root", str(folder)], capture_output=True, text=True, env=env)
        timings.append(time.perf_counter() - began)
        if done.returncode != 0:
            raise SystemExit(done.stdout + done.stderr)
    return timings


def main(sizes: list[int]) -> None:
    print(f"{'posts':>6}  {'median s':>8}  {'min s':>6}  {'max s':>6}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            make_blog(Path(tmp), size)
            timings = time_check(Path(tmp))
        print(f"{size:>6}  {statistics.median(timings):>8.2f}  {min(timings):>6.2f}  {max(timings):>6.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000])
