"""The reader-side budget: Lighthouse (mobile) on the post page, in Debian's Chromium.

    .venv/bin/python bench/lighthouse.py [url-path [site-dir]]     (make budget)

Installs lighthouse@12.2.3 (the release for Node 20) into .cache/lighthouse on
first use, serves site/ on 127.0.0.1, and prints the four scores, the bytes
transferred (also without the hero image), the request count and any request to
another origin, against the targets. A figure to read, not a test.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / ".cache" / "lighthouse"
CLI = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
VERSION = "12.2.3"
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
BUDGET_KB = 150
RUNS = 3


def install() -> None:
    if not CLI.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", f"lighthouse@{VERSION}"], cwd=CACHE, check=True)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves site/ compressed, as static hosts (GitHub Pages, Netlify, nginx) do."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in self.COMPRESSIBLE and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def run(url: str) -> dict:
    chromium = shutil.which("chromium") or shutil.which("google-chrome")
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            ["node", str(CLI), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--chrome-path={chromium}", f"--chrome-flags={FLAGS}",
             "--only-categories=performance,accessibility,best-practices,seo"],
            check=True,
        )
        return json.loads(report.read_text())


def summarize(reports: list[dict], origin: str, hero: str | None) -> None:
    """Scores and timings are the median run's; bytes and requests do not vary."""
    report = sorted(reports, key=lambda r: r["categories"]["performance"]["score"])[len(reports) // 2]
    scores = {key: [round(r["categories"][key]["score"] * 100) for r in reports] for key in TARGETS}
    print(f"Lighthouse {report['lighthouseVersion']}, {report['configSettings']['formFactor']}, "
          f"median of {len(reports)} runs: {report['finalDisplayedUrl']}")
    for key, target in TARGETS.items():
        score = statistics.median(scores[key])
        print(f"  {report['categories'][key]['title']:<16} {score:>4.0f}   target {target:>3}  {'ok' if score >= target else 'MISSED'}"
              f"   (runs: {', '.join(map(str, scores[key]))})")
    requests = report["audits"]["network-requests"]["details"]["items"]
    total = sum(r.get("transferSize", 0) for r in requests)
    hero_bytes = sum(r.get("transferSize", 0) for r in requests if hero and r["url"].endswith(hero))
    foreign = sorted({r["url"] for r in requests if not r["url"].startswith(origin)})
    without = (total - hero_bytes) / 1024
    print(f"  transferred      {total / 1024:>6.1f} KB in {len(requests)} requests; "
          f"without the hero image {without:.1f} KB (target {BUDGET_KB} KB)  {'ok' if without <= BUDGET_KB else 'MISSED'}")
    print(f"  other origins    {len(foreign)}  {'ok' if not foreign else foreign}")
    for audit in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"):
        print(f"  {report['audits'][audit]['title']:<26} {report['audits'][audit]['displayValue']}")
    # What Lighthouse says would help most, to know where the missing points are.
    for audit in report["audits"].values():
        details = audit.get("details") or {}
        saving = details.get("overallSavingsMs", 0)
        if audit.get("score") is not None and audit["score"] < 0.9 and (saving or audit.get("displayValue")):
            print(f"  to improve: {audit['title']}: {audit.get('displayValue', '')} (saves ~{saving:.0f} ms)")


def main(path: str, site: Path = REPO / "site") -> None:
    if not (site / "index.html").exists():
        sys.exit("site/ is missing: run `make site` first")
    install()
    server, origin = serve(site)
    try:
        reports = [run(origin + path) for _ in range(RUNS)]
    finally:
        server.shutdown()
    hero = "missed-interview.svg" if "missed-your-interview" in path else None
    summarize(reports, origin, hero)


if __name__ == "__main__":
    # A site built elsewhere, e.g. by bench/pictures.py --site DIR (a post with a 12 MP photo hero).
    main(sys.argv[1] if len(sys.argv) > 1 else "/blog/missed-your-interview/",
         Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "site")
