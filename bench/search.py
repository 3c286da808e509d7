"""Search at scale, measured in the browser: Material's index loaded on demand vs Pagefind.

    .venv/bin/python bench/search.py [posts]      (default 1,000; needs chromium and pagefind[bin])

Builds the generated blog (bench/corpus.py), indexes the same site with Pagefind,
then in Chromium measures for each way: bytes on page load, bytes for a first
query, and milliseconds from typing to the first result. Medians of 5 runs.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from corpus import EPOCH, write_ours  # noqa: E402

RUNS = 5
QUERY = "reschedule"
PAGE = "/blog/missed-your-interview/"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def build(root: Path) -> Path:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=root, env=env, check=True)
    # hooks/search.py has indexed site/ with Pagefind as part of the build.
    return root / "site"


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


class Meter:
    """Bytes of every response the page receives (the test server sends them uncompressed)."""

    def __init__(self, page):
        self.total = 0
        page.on("requestfinished", self._count)

    def _count(self, request):
        sizes = request.sizes()
        self.total += sizes["responseBodySize"] + sizes["responseHeadersSize"]


def material(browser, origin: str) -> tuple[int, int, float]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    meter = Meter(page)
    page.goto(origin + PAGE, wait_until="networkidle")
    on_load = meter.total
    page.locator("input[data-md-component='search-query']").click()
    began = time.perf_counter()
    page.keyboard.type(QUERY)
    page.locator(".md-search-result__item").first.wait_for(timeout=60000)
    elapsed = (time.perf_counter() - began) * 1000
    page.wait_for_load_state("networkidle")
    query = meter.total - on_load
    page.close()
    return on_load, query, elapsed


def pagefind(browser, origin: str) -> tuple[int, int, float]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    meter = Meter(page)
    page.goto(origin + PAGE, wait_until="networkidle")
    on_load = meter.total
    elapsed = page.evaluate("""async (query) => {
        const began = performance.now();
        const pagefind = await import("/pagefind/pagefind.js");
        const found = await pagefind.search(query);
        await found.results[0].data();
        return performance.now() - began;
    }""", QUERY)
    page.wait_for_load_state("networkidle")
    query = meter.total - on_load
    page.close()
    return on_load, query, elapsed


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ours"
        root.mkdir()
        write_ours(root, count)
        site = build(root)
        index = (site / "search" / "search_index.json").stat().st_size
        pagefind_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
        server, origin = serve(site)
        chromium = shutil.which("chromium") or shutil.which("google-chrome")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            rows = {}
            for name, measure in (("Material, index on demand", material), ("Pagefind", pagefind)):
                runs = [measure(browser, origin) for _ in range(RUNS)]
                rows[name] = [statistics.median(r[i] for r in runs) for i in range(3)]
            browser.close()
        server.shutdown()
    print(f"{count} posts; Material's search_index.json: {index / 1024:.0f} KB; Pagefind's index folder: {pagefind_bytes / 1024:.0f} KB on disk")
    print(f"{'':28} {'page load KB':>12} {'first query KB':>15} {'ms to first result':>19}")
    for name, (on_load, query, ms) in rows.items():
        print(f"{name:28} {on_load / 1024:>12.0f} {query / 1024:>15.0f} {ms:>19.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
