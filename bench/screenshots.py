"""Screenshots for the README, taken in Debian's Chromium from a built site.

    .venv/bin/python bench/screenshots.py SITE_DIR URL_PATH OUT_PREFIX

Writes OUT_PREFIX-laptop.png (1280 px wide) and OUT_PREFIX-phone.png (375 px,
device scale 2) of the page's first screen. bench/pictures.py --site DIR builds
the seed plus a post with a generated 12-megapixel photo to take them from.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main(site: str, path: str, prefix: str) -> None:
    handler = functools.partial(_Quiet, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chromium = shutil.which("chromium") or shutil.which("google-chrome")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            for name, width, height, scale in (("laptop", 1280, 800, 1), ("phone", 375, 740, 2)):
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=scale)
                page.goto(f"http://127.0.0.1:{server.server_port}{path}", wait_until="networkidle")
                page.screenshot(path=f"{prefix}-{name}.png")
                page.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:4])
