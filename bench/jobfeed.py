"""The job feed at scale: `blog jobs fetch` of a 20,000-job feed, and a build with those jobs.

1. fetch: a generated Indeed XML feed of N jobs (~2.5 KB of HTML description each, about
   50 MB at 20,000), served on 127.0.0.1, fetched by `blog jobs fetch` in a fresh process;
   wall time and peak memory (max RSS). Reference in the same run: the same file parsed
   whole by ElementTree (a DOM of it all), in a fresh process too.
2. build: bench/corpus.py's blog of P posts built with its own data/jobs.yml ("seed jobs"),
   and again with the N feed jobs in the snapshot (callouts, board): the difference is what
   the feed costs a build.

Prints medians of RUNS; a benchmark, not a test. The machine is shared: quote the figures
with the command and the load of the day.

    .venv/bin/python bench/jobfeed.py                 # 20,000 jobs, 1,000 posts, 3 runs
    .venv/bin/python bench/jobfeed.py --jobs 2000 --posts 100 --runs 1
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from corpus import CITIES, EPOCH, JOB_TYPES, dump, tag_catalogue, write_ours  # noqa: E402
from jobfeeds import FeedServer, Route, indeed_xml  # noqa: E402

SUBURBS = ["North", "East", "West", "South", "Lake", "Mount"]
CATEGORIES = [label for label, _ in JOB_TYPES] + ["Light Industrial", "Healthcare", "Hospitality"]
POSTED = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)

# Peak memory of this process alone: VmHWM is reset by exec, where ru_maxrss keeps the parent's
# (the parent holds the 50 MB feed it serves).
PEAK = """
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""
CHILD_FETCH = PEAK + """
import json, sys, time
from careerblog.cli import main
started = time.perf_counter()
status = main(["jobs", "fetch", "--root", sys.argv[1]])
print(json.dumps({"status": status, "seconds": time.perf_counter() - started,
                  "max_rss_mb": peak_mb()}), file=sys.stderr)
"""
CHILD_DOM = PEAK + """
import json, sys, time
import xml.etree.ElementTree as ET
started = time.perf_counter()
jobs = len(ET.parse(sys.argv[1]).getroot().findall("job"))
print(json.dumps({"jobs": jobs, "seconds": time.perf_counter() - started,
                  "max_rss_mb": peak_mb()}))
"""
CHILD_BUILD = """
import json, resource, sys, time
import mkdocs.commands.build as B
from mkdocs.config import load_config
board = [0.0]
render = B._build_page
def timed(page, *args, **kwargs):  # the time spent rendering the pages under /jobs/
    started = time.perf_counter()
    try:
        return render(page, *args, **kwargs)
    finally:
        if page.file.src_uri.startswith("jobs/"):
            board[0] += time.perf_counter() - started
B._build_page = timed
started = time.perf_counter()
config = load_config(config_file=sys.argv[1] + "/mkdocs.yml", site_dir=sys.argv[2], strict=True)
B.build(config)
# CPU time, this process's and its children's (the search indexer): steadier than wall time on a shared machine.
cpu = sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))
print(json.dumps({"seconds": time.perf_counter() - started, "board": board[0], "cpu": cpu}))
"""


def feed_jobs(count: int) -> list[dict]:
    """Jobs in the corpus's cities and their suburbs ("North Boston, MA"), in its job types and a few more."""
    rng = random.Random(11)
    words = ("pick pack ship load forklift safety shift team weekly pay training site lift scan sort clean "
             "drive route customer schedule overtime benefits").split()
    jobs = []
    for number in range(count):
        city, location = CITIES[number % len(CITIES)]
        if number % 3 == 0:
            city = f"{rng.choice(SUBURBS)} {city}"
        state = location.split(", ")[1]
        paragraphs = "".join(f"<p>{' '.join(rng.choice(words) for _ in range(60)).capitalize()}.</p>" for _ in range(5))
        jobs.append({
            "referencenumber": f"ATS-{number:06d}",
            "title": f"{rng.choice(CATEGORIES)} Associate",
            "date": POSTED - timedelta(minutes=number),
            "url": f"https://ats.example.test/jobs/ATS-{number:06d}",
            "company": "LaborMAX", "city": city, "state": state, "country": "US", "postalcode": "00000",
            "description": f"{paragraphs}<ul><li>Weekly pay</li><li>Benefits</li></ul><script>track()</script>",
            "salary": f"${rng.randint(15, 26)}-{rng.randint(27, 32)}/hr",
            "jobtype": rng.choice(["fulltime", "parttime", "temporary", "contract"]),
            "category": rng.choice(CATEGORIES),
        })
    return jobs


def feed_block(url: str) -> str:
    mapping = "".join(f"      {label}: {job_type}\n" for label, job_type in JOB_TYPES)
    places = "".join(f'      "{s} {city}, {loc.split(", ")[1]}": "{loc}"\n' for city, loc in CITIES for s in SUBURBS)
    return f"  feed:\n    url: {url}\n    format: indeed-xml\n    job_types:\n{mapping}    locations:\n{places}"


def add_feed(root: Path, url: str) -> None:
    site = root / "data" / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("  job_type_param: type\n", "  job_type_param: type\n" + feed_block(url), 1), encoding="utf-8")


def run_child(code: str, *args: str) -> dict:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    if done.returncode or '"status": 1' in done.stderr:
        sys.exit(f"failed: {done.stdout}\n{done.stderr}")
    # The fetch child prints the command's own output on stdout and its figures last on stderr.
    return json.loads((done.stderr if '"status"' in done.stderr else done.stdout).strip().splitlines()[-1])


def bench_fetch(folder: Path, jobs: int, runs: int) -> None:
    body = indeed_xml(feed_jobs(jobs))
    feed_file = folder / "feed.xml"
    feed_file.write_bytes(body)
    project = folder / "fetch-project"
    (project / "data").mkdir(parents=True)
    shutil.copytree(HERE.parent / "docs", project / "docs")  # the logo and avatars that site.yml names
    for name in ("site.yml", "tags.yml", "authors.yml"):
        (project / "data" / name).write_text((HERE.parent / "data" / name).read_text())
    with open(project / "data" / "tags.yml", "a", encoding="utf-8") as handle:
        handle.write("\n" + dump(tag_catalogue()))  # the job types the feed settings map to
    fetches, doms = [], []
    with FeedServer() as server:
        server.routes["/feed.xml"] = Route(body)
        add_feed(project, server.url("/feed.xml"))
        for _ in range(runs):
            (project / ".cache" / "jobs" / "feed.json").unlink(missing_ok=True)  # a full download, not a 304
            fetches.append(run_child(CHILD_FETCH, str(project)))
            doms.append(run_child(CHILD_DOM, str(feed_file)))
    assert all(f["status"] == 0 for f in fetches), fetches
    size = len(body) / 2**20
    print(f"blog jobs fetch, {jobs} jobs, {size:.1f} MB feed served on 127.0.0.1, {runs} runs (medians):")
    print(f"  fetch + check + sanitize + snapshot: {_median(fetches, 'seconds'):.2f} s, peak memory (VmHWM) {_median(fetches, 'max_rss_mb'):.0f} MB")
    print(f"  reference, ElementTree.parse of the whole file (parse only): {_median(doms, 'seconds'):.2f} s, "
          f"peak memory (VmHWM) {_median(doms, 'max_rss_mb'):.0f} MB")
    snapshot = project / ".cache" / "jobs" / "feed.json"
    print(f"  snapshot: {snapshot.stat().st_size / 2**20:.1f} MB")


def bench_build(folder: Path, jobs: int, posts: int, runs: int) -> None:
    root = folder / "ours"
    root.mkdir()
    write_ours(root, posts)
    (root / "feeds").mkdir()
    (root / "feeds" / "feed.xml").write_bytes(indeed_xml(feed_jobs(jobs)))
    add_feed(root, "feeds/feed.xml")
    from careerblog.cli import main as blog

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    assert blog(["jobs", "fetch", "--root", str(root)]) == 0
    snapshot = root / ".cache" / "jobs" / "feed.json"
    aside = folder / "feed.json"
    seed, fed = [], []
    # One untimed build of each first: the first draws every page's link-preview card into
    # .cache/pictures (some 14 s at 1,000 posts), which the daily publish keeps between runs.
    for site in ("site-seed", "site-feed"):
        snapshot.rename(aside) if site == "site-seed" else aside.rename(snapshot)
        run_child(CHILD_BUILD, str(root), str(folder / site))
    for _ in range(runs):  # interleaved, so that the machine's load of the moment hits both alike
        snapshot.rename(aside)  # no snapshot: the seed jobs only (the build says so in one line)
        seed.append(run_child(CHILD_BUILD, str(root), str(folder / "site-seed")))
        aside.rename(snapshot)
        fed.append(run_child(CHILD_BUILD, str(root), str(folder / "site-feed")))
    pages = sum(1 for _ in (folder / "site-feed" / "jobs").rglob("index.html"))
    seed_pages = sum(1 for _ in (folder / "site-seed" / "jobs").rglob("index.html"))
    print(f"build, {posts} posts, strict, {runs} runs each, interleaved (medians):")
    print(f"  seed jobs (data/jobs.yml only): {_median(seed, 'seconds'):.2f} s, {seed_pages} pages under /jobs/ "
          f"rendered in {_median(seed, 'board'):.2f} s")
    print(f"  + {jobs} feed jobs:             {_median(fed, 'seconds'):.2f} s, {pages} pages under /jobs/ "
          f"rendered in {_median(fed, 'board'):.2f} s")
    print(f"  the feed adds {_median(fed, 'seconds') - _median(seed, 'seconds'):+.2f} s in all, "
          f"{_median(fed, 'board') - _median(seed, 'board'):+.2f} s of it rendering the board")
    spread = [f"{f['seconds'] - s['seconds']:+.2f}" for s, f in zip(seed, fed)]
    print(f"  run by run (feed - seed): {', '.join(spread)} s")
    cpu = [f"{f['cpu'] - s['cpu']:+.2f}" for s, f in zip(seed, fed)]
    print(f"  CPU time (with the search indexer's): seed {_median(seed, 'cpu'):.2f} s, feed {_median(fed, 'cpu'):.2f} s, "
          f"the feed adds {_median(fed, 'cpu') - _median(seed, 'cpu'):+.2f} s; run by run {', '.join(cpu)} s")
    weights = sorted((len(gzip.compress(p.read_bytes())), p.stat().st_size, p) for p in (folder / "site-feed" / "jobs").rglob("index.html"))
    heaviest = weights[-1]
    print(f"  heaviest board page: {heaviest[2].relative_to(folder / 'site-feed')}, {heaviest[1] / 1024:.0f} KB, "
          f"{heaviest[0] / 1024:.0f} KB gzipped; median {statistics.median(w[0] for w in weights) / 1024:.0f} KB gzipped")


def _median(found: list[dict], key: str) -> float:
    return statistics.median(f[key] for f in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=20_000, help="feed jobs (default 20000)")
    parser.add_argument("--posts", type=int, default=1000, help="posts in the build (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (default 3)")
    parser.add_argument("--only", choices=["fetch", "build"], help="one of the two benchmarks")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-jobfeed-") as folder:
        if args.only in (None, "fetch"):
            bench_fetch(Path(folder), args.jobs, args.runs)
        if args.only in (None, "build"):
            bench_build(Path(folder), args.jobs, args.posts, args.runs)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s in all)")
