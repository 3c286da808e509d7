"""How long an editor waits for the preview: from saving a file to the served page showing it.

    .venv/bin/python bench/preview.py [--runs 5] [posts ...]     # part of make bench

For each size it generates the blog of bench/corpus.py, starts a real
``mkdocs serve`` on a free port, waits for its first build, then for each kind of
edit saves a file ``--runs`` times and polls (every 5 ms) the pages that must show
the change, timing from just before the write to the first response that shows
it everywhere: the file watcher's delay and the rebuild are included. Between two
saves it waits for the server to be idle (Pagefind indexes after each build).
Prints medians, and the CPU time of each rebuild from the server's log; a figure,
not a test.

The pages that must show each edit (issue 15): body: the post; title: the post,
/blog/, its tag pages and a post listing it among related posts; guide section:
the guide's page and a page embedding it; job: its page, a post whose callout
shows it and its place's board; new post: its page and /blog/; deleted post: its
URL answers 404 and /blog/ no longer lists it.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

POSTS = Path("docs/blog/posts")
KINDS = ("body", "title", "guide section", "job", "new post", "deleted post")
SETTLE = 2.0  # seconds between saves, for Pagefind's indexing after the last build to end


class Server:
    def __init__(self, root: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "SOURCE_DATE_EPOCH": corpus.EPOCH, "NO_MKDOCS_2_WARNING": "1"}
        self.log = open(root.parent / "serve.log", "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        began = time.perf_counter()
        while self.fetch("") is None:
            if self.process.poll() is not None or time.perf_counter() - began > 900:
                raise SystemExit(f"mkdocs serve did not start; see {self.log.name}")
            time.sleep(0.2)
        self.first_build = time.perf_counter() - began

    def fetch(self, path: str) -> str | None:
        """The page's text, or None when it is missing."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=120) as response:
                return response.read().decode("utf-8", "replace")
        except (urllib.error.HTTPError, urllib.error.URLError, ConnectionError):
            return None

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def time_until(server: Server, save: Callable[[], None], shown: list[tuple[str, Callable[[str | None], bool]]]) -> float:
    """Seconds from the save to every page in ``shown`` passing its check."""
    began = time.perf_counter()
    save()
    pending = list(shown)
    while pending:
        if time.perf_counter() - began > 120:
            raise SystemExit(f"the preview never showed the edit on {[p for p, _ in pending]}")
        path, check = pending[0]
        if check(server.fetch(path)):
            pending.pop(0)
        else:
            time.sleep(0.005)
    return time.perf_counter() - began


def replace_line(path: Path, pattern: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(pattern, line, text, count=1, flags=re.MULTILINE), encoding="utf-8")


def bench_size(count: int, runs: int, kinds: tuple[str, ...] = KINDS) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as scratch:
        root = Path(scratch) / "blog"
        root.mkdir()
        corpus.write_ours(root, count)
        posts = sorted((root / POSTS).glob("*.md"))
        newest = posts[-1]
        newest_url = f"blog/{newest.stem[11:]}/"
        middle = posts[len(posts) // 2]
        middle_url = f"blog/{middle.stem[11:]}/"
        # A guide that some page embeds: the edit must reach the guide's page and that page.
        embedded = {m.group(1): p for p in posts for m in re.finditer(r"<!-- guide: (\S+) -->", p.read_text(encoding="utf-8"))}
        guide_post = next(p for p in posts if any(f"{{ .guide #{g} }}" in p.read_text(encoding="utf-8") for g in embedded))
        guide_id = next(g for g in embedded if f"{{ .guide #{g} }}" in guide_post.read_text(encoding="utf-8"))
        embedder_url = f"blog/{embedded[guide_id].stem[11:]}/"
        jobs = root / "data" / "jobs.yml"
        job_id, job_title, place = re.search(r"^- id: (\S+)\n  title: (.+)\n  location: (.+)$",
                                             jobs.read_text(encoding="utf-8"), re.MULTILINE).groups()
        board_url = "jobs/" + re.sub(r"[^a-z0-9]+", "-", place.lower()).strip("-") + "/"  # the board of its place
        server = Server(root)
        timings: dict[str, list[float]] = {kind: [] for kind in kinds}
        try:
            time.sleep(SETTLE * 2)
            # Pages that show the newest post (its tag pages, a post listing it among related
            # posts) and one post whose job callout shows the job, as the first build served them.
            newest_page = server.fetch(newest_url) or ""
            linked = set(re.findall(r'href="(?:\.\./)+(tags/[^"/#]+/)"', newest_page))
            tag_urls = [url for url in map(tag_url, front_list(newest, "tags")) if url in linked]
            related_url = find_page(server, posts, lambda t: f'/{newest_url}"' in t or f'../{newest_url[5:]}"' in t, newest_url)
            callout_url = find_page(server, posts, lambda t: f'jobs/{job_id}/"' in t and "data-jobs-callout" in t, "")
            for run in range(runs):
                marker = f"Preview edit {run} {time.time_ns()}"
                title = f"Retitled in the Preview {run}"
                job_marker = f"{job_title} {run}"
                new = root / POSTS / f"2026-11-26-written-in-the-preview-{run}.md"
                new_title = f"Written in the Preview {run}"
                edits = {
                    "body": (lambda: _append(middle, f"\n{marker}\n"),
                             [(middle_url, lambda t: t is not None and marker in t)]),
                    "title": (lambda: replace_line(newest, r"^title: .*$", f'title: "{title}"'),
                              [(url, lambda t: t is not None and title in t) for url in (newest_url, "blog/", *tag_urls, related_url)]),
                    "guide section": (lambda: replace_line(guide_post, r"(\{ \.guide #guide-\d+ \}\n\n)", rf"\g<1>{marker}. "),
                                      [(url, lambda t: t is not None and marker in t) for url in (f"guides/{guide_id}/", embedder_url)]),
                    "job": (lambda: replace_line(jobs, rf"^  title: {re.escape(job_title)}.*$", f"  title: {job_marker}"),
                            [(url, lambda t: t is not None and job_marker in t) for url in (f"jobs/{job_id}/", callout_url, board_url)]),
                    "new post": (lambda: new.write_text(
                        f'---\ntitle: "{new_title}"\ndate: 2026-11-26\nauthors: [erin-helms]\ntags: [InterviewTips]\n'
                        'description: "A post written while the preview runs, to time how soon it shows on the blog."\n---\n\nNew.\n',
                        encoding="utf-8"),
                        [(f"blog/written-in-the-preview-{run}/", lambda t: t is not None), ("blog/", lambda t: t is not None and new_title in t)]),
                    "deleted post": (new.unlink,
                                     [(f"blog/written-in-the-preview-{run}/", lambda t: t is None), ("blog/", lambda t: t is not None and new_title not in t)]),
                }
                for kind in kinds:
                    # A deleted post is the one this run's "new post" wrote: it needs that save first.
                    if kind == "deleted post" and "new post" not in kinds:
                        edits["new post"][0]()
                        time.sleep(SETTLE)
                    timings[kind].append(time_until(server, *edits[kind]))
                    time.sleep(SETTLE)
        finally:
            server.stop()
        result = {kind: statistics.median(values) for kind, values in timings.items()}
        result["first build"] = server.first_build
        result.update(rebuild_cpu(Path(server.log.name).read_text(errors="replace"), runs, kinds))
        return result


def rebuild_cpu(log: str, runs: int, kinds: tuple[str, ...]) -> dict[str, float]:
    """The median CPU time of each kind's rebuild, from the server's lines "Preview: rebuilt in
    ... (X s of CPU[ and Y s in a forked copy])"; nothing when a save did not make one rebuild."""
    spent = [float(cpu) + float(copy or 0) for cpu, copy in
             re.findall(r"Preview: rebuilt in [\d.]+ s \(([\d.]+) s of CPU(?: and ([\d.]+) s in a forked copy)?", log)]
    # Deleting a post needs one written first: without "new post" each run saves one more.
    done = [kind for kind in kinds for _ in range(2 if kind == "deleted post" and "new post" not in kinds else 1)]
    if len(spent) != runs * len(done):
        lines = [line for line in log.splitlines() if "Preview:" in line or "Detected" in line or "rror" in line]
        print(f"{len(spent)} rebuilds for {runs * len(done)} saves:", *lines, sep="\n  ", file=sys.stderr)
        return {}
    return {f"cpu {kind}": statistics.median(spent[i::len(done)]) for i, kind in enumerate(done)}


def front_list(path: Path, key: str) -> list[str]:
    """A flow list of the post's front matter (``tags: [A, B]``), as bench/corpus.py writes it."""
    found = re.search(rf"^{key}: \[(.*)\]$", path.read_text(encoding="utf-8"), re.MULTILINE)
    return [item.strip() for item in found.group(1).split(",")] if found else []


def tag_url(name: str) -> str:
    """A hashtag's page: ``PortlandOfficeWork`` is at /tags/portland-office-work/."""
    return "tags/" + re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower() + "/"


def find_page(server: Server, posts: list[Path], shows: Callable[[str], bool], other_than: str) -> str:
    """The URL of the first post page (newest first) whose served HTML passes ``shows``."""
    for post in reversed(posts):
        url = f"blog/{post.stem[11:]}/"
        if url != other_than and shows(server.fetch(url) or ""):
            return url
    raise SystemExit("no served post shows what the benchmark edits; see bench/corpus.py")


def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[300, 1000])
    parser.add_argument("--runs", type=int, default=5, help="saves of each kind (default 5); medians are printed")
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help=f"the kinds of edit to time, comma-separated (default all: {','.join(KINDS)})")
    args = parser.parse_args()
    kinds = tuple(kind.strip() for kind in args.kinds.split(","))
    if unknown := set(kinds) - set(KINDS):
        parser.error(f"unknown kinds of edit: {', '.join(sorted(unknown))}")
    results = {}
    for size in args.sizes:
        results[size] = bench_size(size, args.runs, kinds)
        print(f"measured {size} posts", file=sys.stderr, flush=True)
    print(f"\nPreview: save -> the served page shows it, median of {args.runs} (watcher included)\n")
    print("| posts | " + " | ".join(kinds) + " | first build |")
    print("|---|" + "---|" * (len(kinds) + 1))
    for size, result in results.items():
        cells = [f"{result[kind]:.2f} s" for kind in kinds] + [f"{result['first build']:.1f} s"]
        print(f"| {size:,} | " + " | ".join(cells) + " |")
    print("\nCPU per rebuild, from the server's log (forked copies included), median of the same saves\n")
    print("| posts | " + " | ".join(kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    for size, result in results.items():
        cells = [f"{result[f'cpu {kind}']:.2f} s" if f"cpu {kind}" in result else "-" for kind in kinds]
        print(f"| {size:,} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
