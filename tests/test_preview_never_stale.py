"""The preview is never stale: after every kind of edit, each page `mkdocs serve` serves
is the page a full build of the same sources makes.

A real `mkdocs serve` runs on a free port over a small generated blog (the real
project plus 24 generated posts, with guides, embeds and jobs). The story saves
edits one after the other, as an editor would: a post's body, its title, its
tags, a new post, a guide section, a job in data/jobs.yml, a deleted post, a
template, mkdocs.yml. After each, once the server says a new build is visible
(its live-reload endpoint), every file a full build of the same sources makes is
fetched from the server and compared byte for byte, and every URL that a full
build no longer makes must be gone (404). The story runs twice: as usual, and with
every rebuild shared with a forked copy of the server (careerblog_mkdocs/serve_fork.py).

Normalized, because it legitimately differs between the preview and `make site`:
- the live-reload script MkDocs' server adds before ``</body>`` of every HTML page;
- the Content-Security-Policy ``<meta>`` of built pages, which the preview leaves
  out so that the live-reload script may run (hooks/headers.py);
- ``site_url``: the preview publishes at its own address, so the full build is
  made with the server's address as ``site_url`` (canonical links, feed, JSON-LD);
- Pagefind's folder (``pagefind/``), which the preview writes after serving the page,
  and ``sitemap.xml.gz``, which is the same sitemap compressed.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from sitebuild import EPOCH, REPO, fixed_build_date

sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402

POSTS = "docs/blog/posts"
SEED_POST = f"{POSTS}/2024-08-10-missed-your-interview.md"
LIVE_RELOAD = re.compile(rb"<script>\nvar livereload = function.*?</script>", re.DOTALL)
META_POLICY = re.compile(rb'\n *<meta http-equiv="Content-Security-Policy" content="[^"]*">')
# The preview draws no link-preview cards (hooks/pictures.py): nobody shares a preview.
SKIPPED = ("pagefind/", "assets/cards/")
SKIPPED_FILES = ("sitemap.xml.gz",)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    """A running `mkdocs serve`, and full builds of the same sources to hold it to."""

    def __init__(self, root: Path, scratch: Path, env: dict[str, str]):
        self.root, self.scratch = root, scratch
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **env}
        self.log = open(scratch / "serve.log", "wb")
        self.forks_every_save = env.get("CAREERBLOG_PREVIEW_SPLIT") == "1"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
             "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        self.epoch = self._first_epoch()
        self.ever_built: set[str] = set()
        self.builds = 0

    def _first_epoch(self) -> int:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                page = self.get("")
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
                continue
            return int(re.search(rb"livereload\((\d+), \d+\)", page).group(1))
        pytest.fail(f"mkdocs serve did not start:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        return (self.scratch / "serve.log").read_text(errors="replace")

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            return response.read()

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(self.url + path, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def wait_for_rebuild(self) -> None:
        """Block until the server shows a build newer than the last one seen (its live-reload poll)."""
        newer = int(self.get(f"livereload/{self.epoch}/1"))
        assert newer > self.epoch, f"no rebuild within a minute:\n{self.output()}"
        self.epoch = newer

    def problems_shown(self, path: str) -> str | None:
        """How many problems the preview's error page for ``path`` lists (None: the page itself)."""
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            return response.headers.get("X-Preview-Problems")

    def full_build(self) -> Path:
        self.builds += 1
        site = self.scratch / f"full-{self.builds}"
        with fixed_build_date():
            config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(site), site_url=self.url)
            build(config)
        return site

    def assert_same_as_full_build(self, edit: str) -> None:
        site = self.full_build()
        built = {
            path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()
            and not path.relative_to(site).as_posix().startswith(SKIPPED) and path.name not in SKIPPED_FILES
        }
        stale = []
        for relative in sorted(built):
            served = self.get(relative)
            expected = (site / relative).read_bytes()
            if relative.endswith(".html"):
                served = LIVE_RELOAD.sub(b"", served, count=1)
                expected = META_POLICY.sub(b"", expected, count=1)
            if served != expected:
                stale.append(relative)
        gone = sorted(self.ever_built - built)
        still_served = [relative for relative in gone if self.status(relative) != 404]
        self.ever_built |= built
        assert not stale, f"after {edit}: served pages differ from a full build: {stale[:10]}"
        assert not still_served, f"after {edit}: pages a full build no longer makes are still served: {still_served}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


# The preview shares big rebuilds with a forked copy of itself from 100 pages on
# (careerblog_mkdocs/serve_fork.py); "1" shares every one, so both ways are held to a build.
@pytest.fixture(params=["", "1"], ids=["usual", "every-save-forked"])
def preview(tmp_path: Path, request):
    root = tmp_path / "blog"
    root.mkdir()
    corpus.write_ours(root, 24)
    running = Preview(root, tmp_path, {"CAREERBLOG_PREVIEW_SPLIT": request.param})
    try:
        yield running
    finally:
        running.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def save_through_a_temporary_file(path: Path, old: str, new: str) -> None:
    """Save as `sed -i` does (and editors' "safe write"): a new file in the folder, renamed over the page."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    temporary = path.with_name("sedK3x9Qa")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(temporary, path)


def shown_elsewhere(site: Path, needle: str, own_page: str) -> bool:
    """Whether ``needle`` appears on some post page other than ``own_page`` (as a related card, a callout)."""
    return any(needle in page.read_text(encoding="utf-8") for page in (site / "blog").glob("*/index.html")
               if page.parent.name != own_page)


def front_value(path: Path, key: str) -> str:
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(f"{key}:"))


def test_every_served_page_matches_a_full_build_after_each_edit(preview):
    root = preview.root
    seed = root / SEED_POST
    first = preview.full_build()
    # Edits that reach other pages: a post shown among others' related posts, a job in callouts.
    generated = sorted((root / POSTS).glob("20[12][0-9]-*.md"))
    related = next(p for p in generated if shown_elsewhere(first, front_value(p, "title").split(": ", 1)[1].strip('"'), p.stem[11:]))
    jobs = yaml.safe_load((root / "data" / "jobs.yml").read_text(encoding="utf-8"))
    job = next(j for j in jobs if shown_elsewhere(first, f"jobs/{j['id']}/", ""))
    deleted = next(p for p in reversed(generated) if p != related)
    # A post without guide sections or embeds, shown among others' related posts: adding or deleting
    # such a post is all a save changed, which the preview narrows to the pages it can reach
    # (careerblog_mkdocs/serve_posts.py); the new post's tags reorder others' related cards.
    plain = next(p for p in generated if p not in (related, deleted) and "{ .guide" not in p.read_text(encoding="utf-8")
                 and "<!--" not in p.read_text(encoding="utf-8")
                 and shown_elsewhere(first, front_value(p, "title").split(": ", 1)[1].strip('"'), p.stem[11:]))
    scripted = root / "docs" / "scripted.md"
    preview.assert_same_as_full_build("starting")

    edits = [
        ("a post's body", lambda: edit(seed, "Take a deep breath.", "Take a deep breath, then another.")),
        ("a post saved through a temporary file", lambda: save_through_a_temporary_file(
            seed, "Take a deep breath, then another.", "Take a deep breath, then a third.")),
        ("a post's title", lambda: edit(related, front_value(related, "title"), 'title: "A Title Changed in the Preview"')),
        ("a post's tags", lambda: edit(related, front_value(related, "tags"), "tags: [InterviewTips, TempJobsBoston]")),
        ("a new post", lambda: (root / POSTS / "2026-11-20-new-in-the-preview.md").write_text(
            "---\ntitle: \"A Post Written While the Preview Runs\"\ndate: 2026-11-20\nauthors: [erin-helms]\n"
            "tags: [InterviewTips]\ndescription: \"A post added while the preview is running, to see it appear on every listing.\"\n"
            "---\n\nNew words.\n\n<!-- guide: apologize-by-email -->\n", encoding="utf-8")),
        ("a guide section", lambda: edit(seed, "If you cannot reach the employer by phone",
                                         "If the employer does not answer the phone")),
        ("a job in data/jobs.yml", lambda: edit(root / "data" / "jobs.yml", f"title: {job['title']}",
                                                f"title: Senior {job['title']}")),
        ("a deleted post", lambda: deleted.unlink()),
        ("a new post alone", lambda: (root / POSTS / "2026-11-21-another-new-post.md").write_text(
            "---\ntitle: \"Another Post Written in the Preview\"\ndate: 2026-11-21\nauthors: [erin-helms]\n"
            f"{front_value(plain, 'tags')}\ndescription: \"A post that shares its tags with another, to move related cards.\"\n"
            "---\n\nMore new words.\n", encoding="utf-8")),
        ("a post shown among related posts deleted", lambda: plain.unlink()),
        # /_headers allows every inline script of the site by its hash (hooks/headers.py): the
        # preview lists the HTML files from its build's files, and reads again only those written.
        ("a page with an inline script of its own", lambda: scripted.write_text(
            "# Scripted\n\nA page with a script.\n\n<script>document.body.dataset.previewScript = 'yes'</script>\n",
            encoding="utf-8")),
        ("that page's script changed", lambda: edit(scripted, "= 'yes'", "= 'changed'")),
        ("that page deleted", lambda: scripted.unlink()),
        ("a template", lambda: edit(root / "overrides" / "partials" / "post-card.html", "data-post-card",
                                    "data-preview-edit data-post-card")),
        ("mkdocs.yml", lambda: edit(root / "mkdocs.yml", "site_description: Career advice",
                                    "site_description: Fresh career advice")),
    ]
    for name, apply in edits:
        apply()
        preview.wait_for_rebuild()
        preview.assert_same_as_full_build(name)
    output = preview.output()
    assert "Preview: read" in output, "the edits to pages were not built incrementally"
    # Every edit to pages and jobs was built on the last build's objects (careerblog_mkdocs/serve_quick.py).
    assert "a whole dirty build" not in output, "an edit to pages fell back to MkDocs' whole build"
    # ... every one of them (13), the save through a temporary file included: not a whole new build.
    assert output.count("Preview: rebuilt in") == 13, output
    # The new post alone and the deleted post shown among related posts were narrowed (serve_posts.py).
    assert output.count("(posts added or deleted)") >= 2, output
    if preview.forks_every_save:
        assert "in a forked copy" in output, "no rebuild was shared with a forked copy"
    # A post whose URL moves (its slug) cannot be built on the last build's navigation: the
    # preview falls back to MkDocs' whole build (serve_quick.py), which must agree all the same.
    edit(seed, front_value(seed, "title"), front_value(seed, "title") + "\nslug: missed-it")
    preview.wait_for_rebuild()
    preview.assert_same_as_full_build("a post's slug")
    assert preview.output()[len(output):].count("a whole dirty build") == 1, preview.output()[len(output):]

    # An editor's mistake, found by the content check (on_config): a new post's description too
    # short. The error page shows; a save to another post while it stands is not built either; the
    # save that fixes the mistake is built on the last good build's objects (ServeModel.failed in
    # careerblog_mkdocs/serve_model.py), not by MkDocs' whole build, and shows both saves.
    before_mistakes = len(preview.output())
    hasty = root / POSTS / "2026-11-26-written-in-haste.md"
    hasty_front = ("---\ntitle: \"A Post Written in Haste\"\ndate: 2026-11-26\nauthors: [erin-helms]\n"
                   "tags: [InterviewTips]\n")
    hasty.write_text(hasty_front + "description: \"Too short.\"\n---\n\nHasty words.\n", encoding="utf-8")
    preview.wait_for_rebuild()
    assert preview.problems_shown("blog/") == "1", preview.output()[before_mistakes:]
    edit(seed, "Take a deep breath, then a third.", "Take a deep breath while the mistake stands.")
    preview.wait_for_rebuild()
    assert preview.problems_shown("") == "1", preview.output()[before_mistakes:]
    edit(hasty, 'description: "Too short."',
         'description: "A post saved with a description too short at first, then fixed by its editor."')
    preview.wait_for_rebuild()
    assert preview.problems_shown("blog/") is None, preview.output()[before_mistakes:]
    preview.assert_same_as_full_build("a content problem fixed")
    fixed = preview.output()[before_mistakes:]
    assert "Building documentation" not in fixed, f"the fixing save ran MkDocs' whole build:\n{fixed}"
    assert fixed.count("Preview: rebuilt in") == 1 and "a whole dirty build" not in fixed, fixed
    # The same mistake again, undone by deleting the faulty file: the site as before it, at once.
    before_mistakes = len(preview.output())
    faulty = root / POSTS / "2026-11-27-deleted-in-haste.md"
    faulty.write_text(hasty_front.replace("2026-11-26", "2026-11-27") + "description: \"Too short.\"\n---\n\nWords.\n",
                      encoding="utf-8")
    preview.wait_for_rebuild()
    assert preview.problems_shown("") == "1", preview.output()[before_mistakes:]
    faulty.unlink()
    preview.wait_for_rebuild()
    preview.assert_same_as_full_build("the faulty file deleted")
    assert "Building documentation" not in preview.output()[before_mistakes:], preview.output()[before_mistakes:]
