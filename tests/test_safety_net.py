"""The editor's safety net: each natural slip is caught by `blog check` and by the build, in
the same words, ``path:line: field: message``, all at once.

Each case is one slip made in a copy of the real project, as an editor would make it.
`blog check` must print exactly the expected lines, and the real build (`make site`'s
strict build) must stop with the same lines. Then the links an editor writes are
built into a real site, and the preview is played against a real `mkdocs serve`.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from careerblog.cli import main
from sitebuild import EPOCH, REPO, Site, build_site, copy_real_project, resolve

POST = "docs/blog/posts/2024-08-10-missed-your-interview.md"
SCAMS = "docs/blog/posts/2024-07-15-avoid-job-scams.md"
INDEX = "docs/index.md"
JOBS = "data/jobs.yml"


# --- making slips -------------------------------------------------------------------------------


def replace(path: str, old: str, new: str):
    def edit(root: Path) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{path} has no {old!r}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def append(path: str, text: str):
    def edit(root: Path) -> None:
        with open(root / path, "a", encoding="utf-8") as handle:
            handle.write(text)
    return edit


def replace_line(path: str, start: str, new: str):
    """The first line starting with ``start`` becomes ``new``."""
    def edit(root: Path) -> None:
        file = root / path
        lines = file.read_text(encoding="utf-8").split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith(start))
        lines[index] = new
        file.write_text("\n".join(lines), encoding="utf-8")
    return edit


def write(path: str, text: str):
    def edit(root: Path) -> None:
        (root / path).write_text(text, encoding="utf-8")
    return edit


def line_of(root: Path, path: str, needle: str) -> int:
    for number, line in enumerate((root / path).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{path} has no line with {needle!r}")


def draft_post(slug: str, body: str = "Text.\n", draft: bool = True) -> str:
    return (f"---\ntitle: \"A Draft About {slug}\"\ndate: 2026-11-01\nauthors: [erin-helms]\ntags: [InterviewTips]\n"
            f"description: \"A post that is still being written, so it is not on the site yet, and links to it lead nowhere.\"\n"
            + ("draft: true\n" if draft else "") + f"---\n\n{body}")


# Each case: the edits, then the lines `blog check` prints, with {line:PATH:NEEDLE} standing for
# the line of NEEDLE in PATH after the edits.
CASES = [
    pytest.param(
        [append(POST, "\nRead [how to spot a scam](/blog/job-scam/) first.\n")],
        ["{P}:{line:P:/blog/job-scam/}: link: '/blog/job-scam/' is no page of the site (did you mean '/blog/job-scams/'?)"],
        id="link-to-a-mistyped-url",
    ),
    pytest.param(
        [append(POST, "\nSee [our jobs](../../job/) too.\n")],
        ["{P}:{line:P:../../job/}: link: '../../job/' is no page of the site (did you mean '/jobs/'?)"],
        id="relative-link-to-no-page",
    ),
    pytest.param(
        [write("docs/blog/posts/2026-11-01-raise-draft.md", draft_post("raises")),
         append(POST, "\nNext: [asking for a raise](/blog/raise-draft/).\n")],
        ["{P}:{line:P:/blog/raise-draft/}: link: '/blog/raise-draft/' goes to the post docs/blog/posts/2026-11-01-raise-draft.md, "
         "which is a draft: readers would find no page; remove the link until that post is published"],
        id="link-to-a-draft",
    ),
    pytest.param(
        [append(POST, "\nSee [what to do](/blog/job-scams/#what-to-do).\n")],
        ["{P}:{line:P:#what-to-do}: link: '/blog/job-scams/#what-to-do': /blog/job-scams/ has no section '#what-to-do'; "
         "its sections are its headings"],
        id="link-to-a-missing-section",
    ),
    pytest.param(
        [append(POST, "\nSee [the phone guide](#apologise-by-phone).\n")],
        ["{P}:{line:P:(#apologise-by-phone)}: link: '#apologise-by-phone': this page has no section '#apologise-by-phone' "
         "(did you mean '#apologize-by-phone'?); its sections are its headings"],
        id="link-to-a-mistyped-section-of-the-page",
    ),
    pytest.param(
        [append(POST, "\n![A handshake after an interview](../images/handshake.jpg)\n")],
        ["{P}:{line:P:handshake.jpg}: link: '../images/handshake.jpg' does not exist (looked for docs/blog/images/handshake.jpg)"],
        id="picture-that-is-not-there",
    ),
    pytest.param(
        [append(POST, "\n![](../images/job-scams.svg)\n")],
        ["{P}:{line:P:![](}: picture: the picture '../images/job-scams.svg' has no description; write what it shows "
         "between its square brackets, e.g. ![A recruiter on the phone with a job seeker]"],
        id="body-picture-with-empty-alt",
    ),
    pytest.param(
        # Checked where it is used; "![photo][nowhere]" has no definition, so it is text, not a picture.
        [append(POST, "\n![photo][hero]\n\nSee ![photo][nowhere].\n\n[hero]: ../images/job-scams.svg\n")],
        ["{P}:{line:P:![photo][hero]}: picture: 'photo' does not describe the picture '../images/job-scams.svg'; "
         "say what it shows, e.g. ![A recruiter on the phone with a job seeker]"],
        id="picture-by-reference-with-placeholder-alt",
    ),
    pytest.param(
        [replace(POST, "tags: [", "tags: #BostonWarehouseJobs #InterviewTips\nold_tags: [")],
        None,  # checked below: the tags line's own problem comes with the unknown old_tags field
        id="tags-read-as-a-comment",
    ),
    pytest.param(
        [replace(POST, "description: \"", "description: Jobs in Boston #BostonWarehouseJobs and more\nx_description: \"")],
        None,
        id="description-cut-at-a-hashtag",
    ),
    pytest.param(
        [replace(POST, 'title: "Oh No! You Missed Your Interview"', "title: #1 Way to Recover From a Missed Interview")],
        ["{P}:2: title: YAML reads a value starting with '#' as a comment, so 'title' is empty; put the text in double quotes: "
         "title: \"#1 Way to Recover From a Missed Interview\""],
        id="title-starting-with-hash",
    ),
    pytest.param(
        [replace_line(POST, "tags:", "tags: InterviewTips, BaltimoreTempJobs")],
        ["{P}:{line:P:tags:}: tags: 'InterviewTips, BaltimoreTempJobs' is one piece of text to YAML, not a list; "
         "write the names in brackets: tags: [InterviewTips, BaltimoreTempJobs]"],
        id="tags-without-brackets",
    ),
    pytest.param(
        [replace(POST, "\ndate: ", "\n\tdate: ")],
        ["{P}:3: yaml: not valid YAML: a tab character; YAML lines up fields with spaces only: replace the tab with spaces"],
        id="tab-in-front-matter",
    ),
    pytest.param(
        [write("docs/blog/posts/2026-11-01-outline.md", draft_post("outlines", draft=False, body=(
            "Start with a short paragraph: who this post is for, and what they will know\n"
            "or be able to do once they have read it.\n\n## The First Point\n\n"
            "Replace this heading and this paragraph with your first point.\n")))],
        ["docs/blog/posts/2026-11-01-outline.md:9: text: 'Start with a short paragraph: who this post is for, and what they will know' "
         "is still the outline of 'blog new'; replace it with your own text, or keep 'draft: true' until the post is written",
         "docs/blog/posts/2026-11-01-outline.md:14: text: 'Replace this heading and this paragraph with your first point.' "
         "is still the outline of 'blog new'; replace it with your own text, or keep 'draft: true' until the post is written"],
        id="outline-of-blog-new-published",
    ),
    pytest.param(
        [replace_line(POST, "description:", 'description: "Oh No! You Missed Your Interview! Career advice for job seekers from LaborMAX."')],
        ["{P}:6: description: is still the one 'blog new' made up; write your own, one or two sentences (50-160 characters) "
         "that make a reader want to click"],
        id="made-up-description-published",
    ),
    pytest.param(
        [replace(POST, "{ .guide #apologize-by-phone }", "{ guide #apologize-by-phone }")],
        ["{P}:{line:P:{ guide #}: guide: '{ guide #apologize-by-phone }' does not mark a guide; write it exactly "
         "{ .guide #apologize-by-phone } (a dot before guide, lower-case, no colon)"],
        id="guide-mark-without-the-dot",
    ),
    pytest.param(
        [replace(POST, "{ .guide #apologize-by-phone }", "{ .Guide #apologize-by-phone }")],
        ["{P}:{line:P:.Guide}: guide: '{ .Guide #apologize-by-phone }' does not mark a guide; write it exactly "
         "{ .guide #apologize-by-phone } (a dot before guide, lower-case, no colon)"],
        id="guide-mark-in-another-case",
    ),
    pytest.param(
        [replace(POST, "{ .guide #apologize-by-phone }", "{ .guides #apologize-by-phone }")],
        ["{P}:{line:P:.guides}: guide: '{ .guides #apologize-by-phone }' does not mark a guide; write it exactly "
         "{ .guide #apologize-by-phone } (a dot before guide, lower-case, no colon)"],
        id="guide-mark-plural",
    ),
    pytest.param(
        [replace(POST, "{ .guide #apologize-by-phone }", "{ .guide: #apologize-by-phone }")],
        ["{P}:{line:P:.guide:}: guide: '{ .guide: #apologize-by-phone }' does not mark a guide; write it exactly "
         "{ .guide #apologize-by-phone } (a dot before guide, lower-case, no colon)"],
        id="guide-mark-with-a-colon",
    ),
    pytest.param(
        [append(INDEX, "\n<!-- guide: Apologize by Email -->\n")],
        ["docs/index.md:{line:docs/index.md:Apologize by Email}: guide: '<!-- guide: Apologize by Email -->' names the guide "
         "by its title; embed it by its id: <!-- guide: apologize-by-email -->"],
        id="embed-by-title",
    ),
    pytest.param(
        [append(INDEX, "\n<!-- Guide: apologize-by-email -->\n")],
        ["docs/index.md:{line:docs/index.md:Guide:}: guide: '<!-- Guide: apologize-by-email -->' embeds nothing; write it exactly "
         "<!-- guide: apologize-by-email --> (lower-case 'guide', a colon, the guide's id)"],
        id="embed-in-another-case",
    ),
    pytest.param(
        [write("docs/blog/posts/2026-11-01-draft-guide.md", draft_post("guides", body="## Dress Well { .guide #dress-well }\n\nIron a shirt.\n")),
         append(INDEX, "\n<!-- guide: dress-well -->\n")],
        ["docs/index.md:{line:docs/index.md:dress-well}: guide: 'dress-well' is a guide of docs/blog/posts/2026-11-01-draft-guide.md, "
         "which is a draft, so the guide would show nowhere; publish that post first, or remove this line"],
        id="embed-of-a-drafts-guide",
    ),
    pytest.param(
        [replace(JOBS, "location: Boston, MA", "location: Boston MA")],
        ["data/jobs.yml:{line:data/jobs.yml:Boston MA}: location: 'Boston MA' matches no hashtag's location in data/tags.yml "
         "(did you mean 'Boston, MA'?); write it exactly as the hashtags do, or the job shows in no post's job box"],
        id="job-location-near-miss",
    ),
    pytest.param(
        [replace(JOBS, "job_type: warehouse", "job_type: Warehouse")],
        ["data/jobs.yml:{line:data/jobs.yml:job_type: Warehouse}: job_type: 'Warehouse' matches no hashtag's job_type in data/tags.yml "
         "(did you mean 'warehouse'?); write it exactly as the hashtags do, or the job shows in no post's job box"],
        id="job-type-near-miss",
    ),
    pytest.param(
        [replace(POST, "\nauthors:", "\nrelated: {pin: [missed-your-interview]}\nauthors:")],
        ["{P}:{line:P:related:}: related.pin: 'missed-your-interview' is this post itself; a post is never shown among "
         "its own related posts, so remove it"],
        id="pin-the-post-itself",
    ),
    pytest.param(
        [replace(POST, "\nauthors:", "\nrelated: {pin: [job-scams], exclude: [job-scams]}\nauthors:")],
        ["{P}:{line:P:related:}: related.exclude: 'job-scams' is also in related.pin; keep it in one of the two lists"],
        id="pin-and-exclude-one-slug",
    ),
    pytest.param(
        [replace(POST, "\nauthors:", "\nreview_by: 2024-01-01\nauthors:")],
        ["{P}:{line:P:review_by}: review_by: is before 'date'; the advice cannot need checking before it is published"],
        id="review-by-before-date",
    ),
    pytest.param(
        [replace(POST, "date: 2024-08-10", "date: 2024-08-32"),
         replace(POST, "\nauthors:", "\nrelated: {pin: [job-scam]}\nauthors:"),
         append(POST, "\nRead [how to spot a scam](/blog/job-scam/) first.\n")],
        ["{P}:3: date: must be a date such as 2024-08-10 (a time may follow: 2024-08-10 09:30:00+00:00), not '2024-08-32'",
         "{P}:{line:P:related:}: related.pin: no post has the slug 'job-scam' (did you mean 'job-scams'?)",
         "{P}:{line:P:/blog/job-scam/}: link: '/blog/job-scam/' is no page of the site (did you mean '/blog/job-scams/'?)"],
        id="all-problems-at-once",
    ),
    pytest.param(
        [replace(POST, "date: 2024-08-10", "date: 2024-08-32"),
         replace(POST, "\nauthors:", "\nrelated: {pin: [missed-your-interview]}\nauthors:")],
        ["{P}:3: date: must be a date such as 2024-08-10 (a time may follow: 2024-08-10 09:30:00+00:00), not '2024-08-32'",
         "{P}:{line:P:related:}: related.pin: 'missed-your-interview' is this post itself; a post is never shown among "
         "its own related posts, so remove it"],
        id="pin-itself-beside-a-date-error",
    ),
]

TRAPS = {
    "tags-read-as-a-comment": "{P}:5: tags: YAML reads ' #' as the start of a comment, so 'tags' is empty; "
                              "write the names in brackets, without '#': tags: [BostonWarehouseJobs, InterviewTips]",
    "description-cut-at-a-hashtag": "{P}:6: description: YAML reads ' #' as the start of a comment, so the text stops at "
                                    "'Jobs in Boston'; put the whole text in double quotes: "
                                    "description: \"Jobs in Boston #BostonWarehouseJobs and more\"",
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pristine") / "blog"
    copy_real_project(root)
    return root


def expand(lines: list[str], root: Path) -> list[str]:
    def fill(match: re.Match) -> str:
        path, needle = match.group(1), match.group(2)
        return str(line_of(root, POST if path == "P" else path, needle))

    return [re.sub(r"\{line:([^:]+):(.+?)\}(?=:)", fill, line).replace("{P}", POST) for line in lines]


def blog_check(root: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = os.getcwd()
    os.chdir(root)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["check"])
    finally:
        os.chdir(saved)
    return status, out.getvalue()


@pytest.mark.parametrize(("edits", "expected"), CASES)
def test_a_slip_is_caught_by_blog_check_and_by_the_build_in_the_same_words(edits, expected, pristine, tmp_path, caplog, request):
    root = tmp_path / "blog"
    shutil.copytree(pristine, root, symlinks=True)
    for edit in edits:
        edit(root)
    case = request.node.callspec.id
    if expected is None:
        expected = [TRAPS[case]]
    lines = expand(expected, root)

    status, printed = blog_check(root)
    shown = printed.splitlines()
    if case in TRAPS:  # the renamed line beside the trap is an unknown field, reported too
        shown = [line for line in shown if "unknown field" not in line]
    assert (status, shown) == (1, lines), printed

    with pytest.raises((PluginError, Abort)) as stopped:
        build_site(root, tmp_path / "site")
    told = str(stopped.value) + "\n" + caplog.text
    for line in lines:
        assert line in told, f"the build did not say:\n{line}\nit said:\n{told}"
    assert "Doc file" not in told and "Traceback" not in told


# --- links that work ---------------------------------------------------------------------------

LINKS = """
## Where to Go Next

- [Job scams](/blog/job-scams/) and [the same, relative](../job-scams/)
- [Red flags section](/blog/missed-your-interview/#apologize-by-phone)
- [Open jobs](/jobs/) and [one job](/jobs/bos-wh-0142/)
- [The phone guide](/guides/apologize-by-phone/) and [all guides](/guides/)
- [Interview tips](/tags/interview-tips/) and [home](/) and [contact](/contact/)
- [By source file](2024-07-15-avoid-job-scams.md) and [a section here](#apologize-by-email)
- [The feed](/feed.xml) for feed readers, [Boston jobs](/jobs/?location=Boston)
- [The tips feed](/tags/interview-tips/feed.xml) and [an earlier address](/blog/scams-to-avoid/)
- A footnote[^1] stays a footnote

[^1]: Footnotes are not links.
- `[code stays code](/nowhere/)`

![A job seeker reading a list of warning signs](../images/job-scams.svg)

Copy this line into your notes:

    [an indented example](/nowhere-either/)
"""


def test_links_written_as_addresses_lead_to_their_pages(pristine, tmp_path):
    root = tmp_path / "blog"
    shutil.copytree(pristine, root, symlinks=True)
    append(POST, LINKS)(root)
    replace(SCAMS, "\nauthors:", "\naliases: [/blog/scams-to-avoid/]\nauthors:")(root)
    assert blog_check(root)[0] == 0

    site = Site(build_site(root, tmp_path / "site"))

    page = "/blog/missed-your-interview/"
    links = {a.get_text(): resolve(page, a["href"]) for a in site.html(page).select("article a[href], .md-content a[href]")}
    assert links["Job scams"] == links["the same, relative"] == links["By source file"] == "/blog/job-scams/"
    assert links["Red flags section"] in ("/blog/missed-your-interview/#apologize-by-phone", "#apologize-by-phone")
    assert links["Open jobs"] == "/jobs/" and links["one job"] == "/jobs/bos-wh-0142/"
    assert links["The phone guide"] == "/guides/apologize-by-phone/" and links["all guides"] == "/guides/"
    assert links["Interview tips"] == "/tags/interview-tips/" and links["home"] == "/" and links["contact"] == "/contact/"
    assert links["a section here"].endswith("#apologize-by-email")
    assert links["The feed"] == "https://blog.labormax.com/feed.xml"  # site_url + the file the build writes
    assert links["Boston jobs"] == "/jobs/?location=Boston"
    assert links["The tips feed"] == "https://blog.labormax.com/tags/interview-tips/feed.xml"
    assert links["an earlier address"] == "/blog/job-scams/"  # through the alias, to the live page
    for target in {url for text, url in links.items() if text in LINKS and "feed" not in text}:
        assert site.exists(target.split("#")[0].split("?")[0] or page), target
    assert "[code stays code](/nowhere/)" in site.html(page).get_text()
    assert "[an indented example](/nowhere-either/)" in site.html(page).select_one("pre code").get_text()


# --- the preview ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> tuple[int, str]:
    """(status, body); the preview's error page counts as status 503, whatever it answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read().decode()
            return (503 if response.headers.get("X-Preview-Problems") else response.status), body
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(condition, timeout: float = 60, every: float = 0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(every)
    raise AssertionError("waited in vain")


@contextlib.contextmanager
def preview_of(root: Path, tmp_path: Path, first_answer: int = 200):
    """A real `mkdocs serve` of the project at ``root``, on a free port."""
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
    )
    origin = f"http://127.0.0.1:{port}"

    def up():
        try:
            return fetch(origin + "/", timeout=2)[0] == first_answer
        except OSError:
            return False
    try:
        wait_for(up, timeout=120)
        yield root, origin, log
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


@pytest.fixture
def running_preview(pristine, tmp_path):
    root = tmp_path / "blog"
    shutil.copytree(pristine, root, symlinks=True)
    with preview_of(root, tmp_path) as running:
        yield running


@pytest.fixture
def preview_started_broken(pristine, tmp_path):
    root = tmp_path / "blog"
    shutil.copytree(pristine, root, symlinks=True)
    replace(SCAMS, "date: 2024-07-15", "date: 2024-07-32")(root)
    with preview_of(root, tmp_path, first_answer=503) as running:
        yield running


def test_a_broken_save_shows_its_problems_in_the_browser_and_a_fix_brings_the_page_back(running_preview):
    root, origin, log = running_preview
    page = origin + "/blog/job-scams/"
    assert fetch(page)[0] == 200
    replace(SCAMS, "date: 2024-07-15", "date: 2024-07-32")(root)

    # The page answers at once (it used to wait forever), listing file, line and message.
    status, body = wait_for(lambda: answer if (answer := fetch(page))[0] != 200 else None)
    assert status == 503  # the error page, in place of the page
    assert f"{SCAMS}:3</code>" in body and "must be a date such as 2024-08-10" in body
    assert "livereload" in body  # MkDocs' own script, which reloads the page after the next build
    log.seek(0)
    assert "Traceback" not in log.read()

    replace(SCAMS, "date: 2024-07-32", "date: 2024-07-15")(root)
    status, body = wait_for(lambda: answer if (answer := fetch(page))[0] == 200 else None)
    assert "data-preview-errors" not in body


def test_a_preview_started_with_a_mistake_starts_and_shows_it(preview_started_broken):
    root, origin, log = preview_started_broken
    status, body = fetch(origin + "/blog/job-scams/")
    assert status == 503 and f"{SCAMS}:3</code>" in body
    log.seek(0)
    assert "Traceback" not in log.read()

    replace(SCAMS, "date: 2024-07-32", "date: 2024-07-15")(root)
    status, body = wait_for(lambda: answer if (answer := fetch(origin + "/blog/job-scams/"))[0] == 200 else None)
    assert "data-related-posts" in body


def test_the_open_page_reloads_itself_to_the_errors_and_back(running_preview, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        pytest.skip("Chromium is missing")
    root, origin, _ = running_preview
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=flags)
        page = browser.new_page()
        page.goto(origin + "/blog/job-scams/")
        page.wait_for_selector("[data-related-posts]")

        append(SCAMS, "\nRead [the guide](/guides/apologise-by-phone/).\n")(root)
        page.wait_for_selector("[data-preview-errors]", timeout=60_000)
        problem = page.locator("[data-problem]").first.inner_text()
        assert "docs/blog/posts/2024-07-15-avoid-job-scams.md:" in problem and "no page of the site" in problem
        page.screenshot(path=str(tmp_path / "preview-errors.png"))
        if os.environ.get("SAFETY_NET_SCREENSHOTS"):
            shutil.copy(tmp_path / "preview-errors.png", os.environ["SAFETY_NET_SCREENSHOTS"])

        replace(SCAMS, "/guides/apologise-by-phone/", "/guides/apologize-by-phone/")(root)
        page.wait_for_selector("[data-related-posts]", timeout=60_000)
        assert page.locator("[data-preview-errors]").count() == 0
        browser.close()


def test_make_serve_on_a_taken_port_says_so_in_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(["make", "--no-print-directory", "-s", "serve", f"PORT={port}"], cwd=REPO,
                              capture_output=True, text=True, timeout=120)
    ours = [line for line in done.stderr.splitlines() if not re.match(r"make(\[\d+\])?: \*\*\*", line)]  # make's own
    assert done.returncode != 0
    assert ours == [f"Port {port} on 127.0.0.1 is already in use (is another 'make serve' running?); "
                    f"stop it, or preview on another port: make serve PORT={port + 1}"]
    assert "Traceback" not in done.stdout + done.stderr


def test_a_link_warning_mkdocs_would_still_give_is_told_in_the_editors_words(pristine, tmp_path, caplog):
    # Every link problem the core knows stops the build first; should MkDocs find another
    # (its rules are not ours), the editor still reads file, line and `link:`, not MkDocs' words.
    root = tmp_path / "blog"
    shutil.copytree(pristine, root, symlinks=True)
    append(POST, "\nSee [the jobs](/jobs/).\n")(root)
    build_site(root, tmp_path / "site")  # installs the translation on MkDocs' page logger
    import logging

    logging.getLogger("mkdocs.structure.pages").warning(
        "Doc file 'blog/posts/2024-08-10-missed-your-interview.md' contains a link '/jobs/', "
        "but the target 'jobs' is not found among documentation files. Did you mean '/jobs/index.md'?")
    line = line_of(root, POST, "/jobs/")
    assert f"{POST}:{line}: link: '/jobs/' is no page or file of the site (did you mean '/jobs/index.md'?)" in caplog.text
    assert "Doc file" not in caplog.text


def test_blog_new_takes_tags_separated_by_spaces(pristine, tmp_path):
    root = tmp_path / "blog"
    shutil.copytree(pristine, root, symlinks=True)
    out = io.StringIO()
    saved = os.getcwd()
    os.chdir(root / "docs")  # from a folder inside the blog, too
    try:
        with contextlib.redirect_stdout(out):
            status = main(["new", "Ask for a Raise", "--tags", "InterviewTips", "#JobSearchTips", "--date", "2026-11-20"])
    finally:
        os.chdir(saved)
    assert status == 0, out.getvalue()
    written = (root / "docs/blog/posts/2026-11-20-ask-for-a-raise.md").read_text(encoding="utf-8")
    assert "tags: [InterviewTips, JobSearchTips]" in written
