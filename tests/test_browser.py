"""Reader stories in a real browser: Debian's Chromium, driven by Playwright, on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from urllib.parse import parse_qs

import pytest

from sitebuild import REPO, build_site, copy_real_project

# Debian's chromium here; the Chrome that GitHub's runners carry in the publish workflow.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = ["/", "/blog/", "/blog/missed-your-interview/", "/tags/", "/tags/interview-tips/",
         "/guides/", "/guides/apologize-by-phone/", "/jobs/", "/jobs/boston-ma/", "/jobs/bos-wh-0142/",
         "/authors/erin-helms/", "/blog/archive/2024/", "/contact/", "/404.html"]

# Playwright and axe are test dependencies (pyproject.toml): when they do not import, the
# installation is broken, and that fails everywhere instead of skipping the reader's tests.
try:
    from axe_playwright_python.sync_playwright import Axe
    from playwright import sync_api
except ImportError as error:  # pragma: no cover - the failure is the point
    pytest.fail(f"Playwright is broken ({error}); reinstall the test dependencies: "
                ".venv/bin/python -m pip install -e '.[test]'", pytrace=False)

# The one thing that may be missing is the browser, a system package; `make test` installs it
# as root. Only outside CI do the tests skip then, and they say what to install.
if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is missing on CI: `make test` installs Debian's chromium", pytrace=False)
    pytest.skip("Chromium is missing: run `apt-get install chromium` as root (Debian's package), "
                "or `make test` as root, which does it", allow_module_level=True)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site with the headers of its _headers file, as Netlify and Cloudflare Pages
    do; records form posts, as a form service would receive them."""

    posts: list[dict] = []

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in host_headers(self.directory, self.path):
            self.send_header(name, value)
        super().end_headers()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.posts.append({k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()})
        self.send_response(303)
        self.send_header("Location", "/")
        self.end_headers()


def host_headers(folder: str, path: str) -> list[tuple[str, str]]:
    """The headers _headers gives ``path``: Netlify's syntax, a path (with '*') then indented lines."""
    rules, current = [], None
    try:
        text = open(os.path.join(folder, "_headers"), encoding="utf-8").read()
    except FileNotFoundError:
        return []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = (re.compile(re.escape(line.strip()).replace(r"\*", ".*") + "$"), [])
            rules.append(current)
        elif current is not None:
            name, _, value = line.strip().partition(":")
            current[1].append((name.strip(), value.strip()))
    path = path.split("?", 1)[0]
    return [header for pattern, headers in rules if pattern.match(path) for header in headers]


def serve(folder) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    """The real site, built and served on 127.0.0.1 at a free port."""
    server, url = serve(build_site(REPO, tmp_path_factory.mktemp("browser-site")))
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def open_page(browser, origin, path, width=1280):
    """Open ``path``, recording console errors, requests to other origins and every request."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.errors, page.foreign, page.requested = [], [], []
    # Every Content-Security-Policy violation, whether the header's or the page's <meta>.
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                         "e => window.__csp.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber))")
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: (page.requested.append(r.url), None if r.url.startswith(origin) else page.foreign.append(r.url)))
    page.response = page.goto(origin + path, wait_until="networkidle")
    return page


@pytest.mark.parametrize("width", [1280, 375, 320])
@pytest.mark.parametrize("path", PAGES)
def test_page_works_for_everyone_from_its_own_origin(browser, origin, path, width):
    page = open_page(browser, origin, path, width)
    assert page.response.status == 200
    assert "script-src 'self'" in page.response.headers["content-security-policy"]
    assert page.evaluate("window.__csp") == []
    assert page.errors == []
    assert page.foreign == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})" for v in serious)
    page.close()


def test_reader_goes_from_the_blog_to_a_post_and_its_tag(browser, origin):
    page = open_page(browser, origin, "/blog/", 375)
    page.get_by_role("link", name="Oh No! You Missed Your Interview").click()
    page.wait_for_url("**/blog/missed-your-interview/")
    assert page.locator("[data-hero] img").evaluate("img => img.complete && img.naturalWidth > 0")
    page.locator("article.cb-post a[data-tag='interview-tips']").click()
    page.wait_for_url("**/tags/interview-tips/")
    assert page.locator("[data-post-card]").count() == 1
    page.close()


def test_a_page_view_downloads_no_search_index(browser, origin):
    page = open_page(browser, origin, "/blog/missed-your-interview/")
    assert not [u for u in page.requested if "search_index" in u or "/pagefind/" in u]
    page.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_searching_reschedule_offers_the_missed_interview_post(browser, origin, width):
    page = open_page(browser, origin, "/jobs/", width)
    if width < 960:
        page.locator("label.md-header__button[for='__search']").click()  # the phone header's search button
    else:
        page.locator("form[data-cb-search] input").click()
    page.keyboard.type("reschedule")
    result = page.locator("[data-cb-search-results] a[href*='missed-your-interview']").first
    result.wait_for(timeout=10000)
    # Pagefind fetched a few chunks; Material's whole index was never downloaded.
    assert [u for u in page.requested if "/pagefind/" in u]
    assert not [u for u in page.requested if "search_index" in u]
    assert page.evaluate("window.__csp") == []  # Pagefind's WebAssembly runs under the policy
    result.click()
    page.wait_for_url("**/blog/missed-your-interview/**")
    assert page.errors == []
    assert page.evaluate("window.__csp") == []
    page.close()


def test_search_is_keyboard_usable(browser, origin):
    page = open_page(browser, origin, "/blog/")
    page.keyboard.press("/")
    page.keyboard.type("apologize by email")
    page.locator("[data-cb-search-results] a").first.wait_for(timeout=10000)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/apologize-by-email/" in page.url or "/missed-your-interview/" in page.url
    page.close()


@pytest.fixture(scope="module")
def site_with_form(tmp_path_factory):
    """The site with a form endpoint: this test server, standing in for a form service."""
    root = tmp_path_factory.mktemp("form-project")
    copy_real_project(root)
    server, url = serve(root / "site")
    settings = (root / "data" / "site.yml").read_text()
    (root / "data" / "site.yml").write_text(settings.replace("  # endpoint: https://formspree.io/f/<your-form-id>", f"  endpoint: {url}/form"))
    post = root / "docs" / "blog" / "posts" / "2024-08-10-missed-your-interview.md"  # renamed once: an earlier URL
    post.write_text(post.read_text().replace("\ndate:", "\naliases: [/blog/missed-interview/]\ndate:", 1))
    (root / "docs" / "blog" / "posts" / "2024-09-02-code-samples.md").write_text(CODE_SAMPLES)
    build_site(root, root / "site")
    _Handler.posts.clear()
    yield url
    server.shutdown()


# What an editor may quote in a post: every kind of highlighted text must stay readable.
CODE_SAMPLES = """---
title: "Templates to Copy"
date: 2024-09-02
authors: [erin-helms]
tags: [JobSearchTips]
description: "An email, a résumé heading and a web page snippet, ready to copy."
---

```markdown
## Jane Doe { .resume }
**Forklift operator** -- [my profile][p] <!-- keep it short -->
```

```yaml
name: Jane Doe  # as on your ID
shifts: [day, night]
years: 3
```

```html
<a href="mailto:jane@example.com" class="contact">Email me</a>
```

```python
def follow_up(days: int = 2) -> str:  # a reminder
    return f"Call back in {days} days" if days > 1 else None
```
"""


def test_our_stylesheet_holds_only_top_level_rules_as_the_browser_reads_it(browser, origin):
    # An unclosed brace does not break a stylesheet: the browser reads every rule after it as
    # nested in the open one, so they stop applying without a single error.
    page = open_page(browser, origin, "/blog/missed-your-interview/", 375)
    ours = "[...document.styleSheets].filter(s => s.href && s.href.endsWith('/blog.css'))"
    assert page.evaluate(f"() => {ours}.length") == 1  # the rule below reads the sheet it means
    nested = page.evaluate(f"""() => {ours}
        .flatMap(s => [...s.cssRules]).filter(r => r.cssRules && r.cssRules.length && !r.media && !r.conditionText)
        .map(r => r.selectorText + ' holds ' + [...r.cssRules].map(n => n.selectorText).join(', '))""")
    assert nested == []
    assert page.locator(".cb-share-links").evaluate("e => getComputedStyle(e).display") == "flex"
    page.close()


def test_highlighted_code_is_readable_for_everyone(browser, site_with_form):
    page = open_page(browser, site_with_form, "/blog/code-samples/", 375)
    assert page.response.status == 200 and page.locator(".highlight").count() == 4
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})" for v in serious)
    page.close()


def test_get_in_touch_is_keyboard_usable_and_posts_every_field(browser, site_with_form):
    page = open_page(browser, site_with_form, "/blog/missed-your-interview/", 375)
    form = page.locator("form[data-contact-form]")
    assert form.get_attribute("action") == f"{site_with_form}/form"
    page.get_by_label("Name").focus()
    page.keyboard.type("Dana Reyes")
    page.keyboard.press("Tab")
    page.keyboard.type("dana@example.org")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the phone is optional
    page.keyboard.type("Can you help me reschedule?")
    page.keyboard.press("Tab")  # the honeypot is skipped by the keyboard
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    sent, = _Handler.posts
    assert page.evaluate("window.__csp") == []  # form-action allows the endpoint
    assert sent["name"] == "Dana Reyes" and sent["email"] == "dana@example.org"
    assert sent["message"] == "Can you help me reschedule?"
    assert sent["page"].endswith("/blog/missed-your-interview/")
    assert "_gotcha" not in sent or sent["_gotcha"] == ""
    page.close()


def test_without_an_endpoint_readers_get_the_email_instead_of_a_form(browser, origin):
    page = open_page(browser, origin, "/contact/")
    assert page.locator("form").filter(has=page.locator("textarea")).count() == 0
    assert page.locator("[data-contact-form] a[href='mailto:info@labormax.com']").count() == 1
    page.close()


def test_the_policy_blocks_an_inline_script_it_does_not_know(browser, origin, tmp_path):
    """The policy is enforced, not decorative: a script slipped into a built page never runs."""
    page = open_page(browser, origin, "/blog/missed-your-interview/")
    assert page.evaluate("window.__csp") == []
    page.route("**/blog/missed-your-interview/", lambda route: route.fulfill(
        response=route.fetch(),
        body=route.fetch().text().replace("</body>", "<script>window.__injected = true</script></body>")))
    page.reload(wait_until="networkidle")
    assert page.evaluate("window.__injected === undefined")
    assert [v for v in page.evaluate("window.__csp") if v.startswith("script-src")]
    page.close()


def test_an_earlier_url_brings_the_reader_to_the_post(browser, site_with_form):
    page = open_page(browser, site_with_form, "/blog/missed-interview/", 375)
    page.wait_for_url("**/blog/missed-your-interview/")
    assert page.locator("h1").first.inner_text() == "Oh No! You Missed Your Interview"
    assert page.evaluate("window.__csp") == [] and page.errors == []
    page.close()


def test_job_board_filters_by_type_in_place_with_javascript(browser, origin):
    page = open_page(browser, origin, "/jobs/boston-ma/", 375)
    page.get_by_role("link", name="Warehouse 2").click()
    shown = page.eval_on_selector_all("[data-section-type]", "els => els.filter(e => !e.hidden).map(e => e.dataset.sectionType)")
    assert shown == ["warehouse"]
    assert page.url.endswith("/jobs/boston-ma/#type-warehouse")
    page.get_by_role("link", name="All 5").click()
    assert len(page.eval_on_selector_all("[data-section-type]", "els => els.filter(e => !e.hidden)")) == 3
    assert page.errors == []
    page.close()


def test_job_board_finds_a_location_as_you_type_and_by_type(browser, origin):
    page = open_page(browser, origin, "/jobs/")
    # A box a reader can see: Material's reset leaves a bare input with no border at all.
    assert page.get_by_label("Find a location").evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    visible = "els => els.filter(e => !e.hidden).map(e => e.querySelector('a').textContent)"
    page.get_by_label("Find a location").fill("balt")
    assert page.eval_on_selector_all("li[data-place]", visible) == ["Baltimore, MD"]
    page.get_by_label("Find a location").fill("")
    assert page.eval_on_selector_all("li[data-place]", visible) == ["Baltimore, MD", "Boston, MA"]
    page.close()


def test_job_board_filters_are_plain_links_without_javascript(browser, origin):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(origin + "/jobs/")
    assert page.get_by_label("Find a location").is_hidden()  # a box that needs JavaScript is not offered
    page.get_by_role("link", name="Warehouse 3").first.click()
    assert page.url.endswith("/jobs/type/warehouse/")
    page.get_by_role("link", name="Boston, MA").click()  # its warehouse section
    assert page.url.endswith("/jobs/boston-ma/#type-warehouse")
    page.get_by_role("link", name="Construction 1").click()
    assert page.url.endswith("/jobs/boston-ma/#type-construction")
    assert len(page.query_selector_all("[data-section-type]:not([hidden])")) == 3
    context.close()


def test_share_links_are_plain_links_and_copy_link_copies_the_address(browser, origin):
    context = browser.new_context(viewport={"width": 375, "height": 800}, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: None if r.url.startswith(origin) else foreign.append(r.url))
    page.goto(origin + "/blog/missed-your-interview/", wait_until="networkidle")
    share = page.locator("[data-share]")
    for name in ("Share on LinkedIn", "Share on Facebook", "Share on X", "Share on WhatsApp", "Share by email"):
        assert share.get_by_role("link", name=name).count() == 1
    copy = share.get_by_role("button", name="Copy link")
    copy.click()
    share.get_by_text("Link copied.").wait_for(timeout=5000)
    assert page.evaluate("navigator.clipboard.readText()") == "https://blog.labormax.com/blog/missed-your-interview/"
    assert foreign == []
    context.close()


@pytest.fixture(scope="module")
def photo_origin(tmp_path_factory):
    """The site with a post whose hero is a phone photo (tests/photos.py), served on 127.0.0.1."""
    from photos import make_photo_project

    root = make_photo_project(tmp_path_factory.mktemp("photo-browser"))
    server, url = serve(build_site(root, root / "site"))
    yield url
    server.shutdown()


def test_a_phone_reader_gets_the_photo_hero_as_a_small_modern_file(browser, photo_origin):
    page = open_page(browser, photo_origin, "/blog/first-day/", 375)
    hero = page.locator("[data-hero] img")
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    assert hero.evaluate("img => img.currentSrc").endswith(".avif")
    assert "-960w." in hero.evaluate("img => img.currentSrc") or "-480w." in hero.evaluate("img => img.currentSrc")
    assert page.errors == [] and page.foreign == []
    assert not [u for u in page.requested if u.endswith("/first-day.jpg")], "the original is never asked for"
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations if v["impact"] in ("serious", "critical")] == []
    page.close()
