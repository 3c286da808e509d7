"""Reader stories in a real browser: Debian's Chromium, driven by Playwright, on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading

import pytest

from sitebuild import REPO, build_site

# Debian's chromium here; the Chrome that GitHub's runners carry in the publish workflow.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = ["/", "/blog/", "/blog/missed-your-interview/", "/tags/", "/tags/interview-tips/",
         "/authors/erin-helms/", "/blog/archive/2024/"]

if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is missing on CI: `make test` installs Debian's chromium", pytrace=False)
    pytest.skip("Chromium is missing: install Debian's chromium (make test does it as root)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    """The real site, built and served on 127.0.0.1 at a free port."""
    site = build_site(REPO, tmp_path_factory.mktemp("browser-site"))
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_from_its_own_origin_only(browser, origin, path, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    errors, foreign = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: foreign.append(request.url) if not request.url.startswith(origin) else None)
    response = page.goto(origin + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    assert errors == []
    assert foreign == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    page.close()


def test_reader_goes_from_the_blog_to_a_post_and_its_tag(browser, origin):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(origin + "/blog/")
    page.get_by_role("link", name="Oh No! You Missed Your Interview").click()
    page.wait_for_url("**/blog/missed-your-interview/")
    hero = page.locator("[data-hero] img")
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    page.locator("article a[data-tag='interview-tips']").click()
    page.wait_for_url("**/tags/interview-tips/")
    assert page.locator("[data-post-card]").count() == 1
    page.close()
