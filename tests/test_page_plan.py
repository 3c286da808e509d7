"""The page plan (hooks/careerblog/pages.py): the files MkDocs builds, their URLs, and who claims
each URL on any date - one plan for `blog check` and the build (issue 13).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.utils import markdown_extensions

from careerblog import urls
from careerblog.cli import main
from careerblog.pages import BuiltFile, Claim, SourceTree, check_build, find_clashes, scan_sources
from careerblog.sitemap import lastmod
from careerblog.state import BuildState
from careerblog.views import embedders, guide_view, guides_index
from conftest import NOW, REPO
from sitebuild import EPOCH, Site, build_site

BIN = Path(sys.executable).parent
NEW_YORK = ZoneInfo("America/New_York")


# --- Which files are pages: as MkDocs decides -------------------------------------------------


def test_the_plan_reads_every_markdown_extension_mkdocs_reads():
    assert urls.MARKDOWN_EXTENSIONS == markdown_extensions


def test_the_plan_lists_the_pages_mkdocs_builds_and_leaves_out_what_it_excludes(tmp_path):
    docs = tmp_path / "docs"
    for name in (
        "index.md", "about.markdown", "team.mdown", "faq.mkdn", "old.mkd", "notes.txt",
        ".hidden.md", ".drafts/idea.md", "templates/page.md", "guides-extra/templates/ok.md",
        "blog/posts/2026-01-01-a.md", "blog/posts/2026-01-02-b.markdown", "blog/posts/.wip/c.md",
        "blog/posts/.d.md", "blog/images/x.svg", "UPPER.MD",
    ):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# x\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    built = {f.src_uri for f in get_files(config) if f.inclusion.is_included()}

    tree = scan_sources(str(docs))

    assert set(tree.pages) | set(tree.posts) == {s for s in built if s.endswith(markdown_extensions)}
    assert set(tree.files) == {s for s in built if not s.endswith(markdown_extensions)}
    assert tree.posts == ("blog/posts/2026-01-01-a.md", "blog/posts/2026-01-02-b.markdown")


def test_a_page_url_drops_any_markdown_extension():
    assert urls.page_url_for("about.markdown") == "about/"
    assert urls.page_url_for("team/README.mdown") == "team/"
    assert urls.page_url_for("index.md") == ""


# --- URL clashes, on every date -------------------------------------------------------------------


def test_the_first_claim_holds_a_url_and_every_later_one_is_named():
    problems = find_clashes([
        Claim("tags/", "Tags", "generated"),
        Claim("tags/", "docs/tags/index.md", "page"),
        Claim("blog/a/", "docs/blog/posts/1-a.md", "post", 3, "slug", "a"),
        Claim("blog/a/", "docs/blog/posts/2-a.md", "post", 4, "slug", "a"),
        Claim("pagefind/pagefind.js", "docs/pagefind/pagefind.js", "file"),
        Claim("about/", "docs/about.md", "page"),
    ])
    assert [str(p) for p in problems] == [
        "docs/tags/index.md:1: file: /tags/ is the generated page 'Tags'; move or rename this file",
        "docs/blog/posts/2-a.md:4: slug: 'a' gives the URL /blog/a/, which docs/blog/posts/1-a.md already has; give one of them another 'slug:'",
        "docs/pagefind/pagefind.js:1: file: /pagefind/pagefind.js is the search index (Pagefind), which the build writes; move or rename this file",
    ]


def test_a_scheduled_post_that_will_take_a_pages_url_is_an_error_today(project):
    project.write("docs/blog/holiday-hiring.md", "# Holiday hiring\n")
    project.write_post("2026-12-20-holiday-hiring.md", date=datetime(2026, 12, 20).date())

    [problem] = project.problems(now=NOW)  # three weeks before the post goes live

    assert (problem.path, problem.field) == ("docs/blog/posts/2026-12-20-holiday-hiring.md", "slug")
    assert "/blog/holiday-hiring/ would be built from both docs/blog/holiday-hiring.md" in problem.message


def test_a_page_where_a_tag_page_will_appear_is_an_error_before_the_tag_has_a_published_post(project):
    project.write("docs/tags/remote-jobs/index.md", "# Remote jobs\n")
    project.append("data/tags.yml", "RemoteJobs: {}\n")
    project.write_post("2027-01-05-remote.md", date=datetime(2027, 1, 5).date(), tags=["RemoteJobs"])

    [problem] = project.problems(now=NOW)

    assert str(problem) == "docs/tags/remote-jobs/index.md:1: file: /tags/remote-jobs/ is the generated page '#RemoteJobs'; move or rename this file"


def test_the_build_stops_when_mkdocs_would_build_what_the_plan_does_not_know():
    tree = SourceTree(pages=("index.md",), posts=("blog/posts/a.md",))
    built = [
        BuiltFile("index.md", "index.html", False, True),
        BuiltFile("blog/posts/a.md", "blog/a/index.html", False, True),
        BuiltFile(".drafts/x.md", ".drafts/x/index.html", False, True),  # e.g. a plugin that includes it
        BuiltFile("blog/index.md", "blog/a/index.html", True, True),
    ]
    assert [str(p) for p in check_build(built, tree, "mkdocs.yml", "docs")] == [
        "docs/.drafts/x.md:1: file: MkDocs builds this page but the blog's page plan leaves it out; "
        "keep MkDocs' default file exclusions (no exclude_docs in mkdocs.yml)",
        "mkdocs.yml:1: url: /blog/a/index.html would be written from both docs/blog/posts/a.md and (generated page blog/index.md)",
    ]


# --- Posts MkDocs does not build are not listed; posts it builds are --------------------------


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory):
    """The real project plus a post kept in a dot-folder and a post saved as .markdown."""
    from conftest import Project
    from sitebuild import copy_machinery

    root = tmp_path_factory.mktemp("odd")
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "docs", root / "docs")
    project = Project(root)
    project.write_post(".wip/2026-11-20-secret-plans.md", title="Secret Plans", tags=["InterviewTips"])
    project.write_post("2026-11-21-markdown-extension.markdown", title="Saved As Markdown", tags=["InterviewTips"])
    copy_machinery(root)
    return Site(build_site(root, tmp_path_factory.mktemp("odd-site")))


def test_a_post_in_a_dot_folder_appears_nowhere(odd_site):
    assert "Secret Plans" not in odd_site.text_of_all_files()
    assert "secret-plans" not in odd_site.text_of_all_files()


def test_a_post_saved_as_dot_markdown_is_published_and_listed(odd_site):
    assert odd_site.html("/blog/markdown-extension/").select_one("article h1").get_text(strip=True) == "Saved As Markdown"
    for listing in ("/blog/", "/", "/tags/interview-tips/", "/authors/erin-helms/", "/blog/archive/2026/"):
        assert "/blog/markdown-extension/" in odd_site.card_links(listing), listing
    assert "https://blog.labormax.com/blog/markdown-extension/" in odd_site.path("/feed.xml").read_text()


# --- The site's time zone -----------------------------------------------------------------------------


def test_a_date_without_a_time_is_midnight_in_the_sites_time_zone(project):
    project.write_post("2026-12-01-boston.md", date=datetime(2026, 12, 1).date())
    evening_before = datetime(2026, 11, 30, 20, tzinfo=NEW_YORK)  # 01:00 UTC on 12-01

    post = next(p for p in project.load(now=evening_before).posts if p.slug == "boston")

    assert post.date == datetime(2026, 12, 1, tzinfo=NEW_YORK)
    assert project.load(now=evening_before).status(post) == "scheduled"
    assert project.load(now=datetime(2026, 12, 1, 0, 1, tzinfo=NEW_YORK)).status(post) == "published"


def test_blog_new_after_7_pm_in_boston_writes_todays_date_there(project, monkeypatch, capsys):
    shutil.copy(REPO / "mkdocs.yml", project.root / "mkdocs.yml")
    evening = datetime(2026, 11, 30, 19, 30, tzinfo=NEW_YORK)  # 00:30 UTC, 1 December
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(evening.timestamp())))

    assert main(["new", "Holiday Hiring", "--tags", "InterviewTips", "--root", str(project.root)]) == 0

    assert (project.posts / "2026-11-30-holiday-hiring.md").exists()


def test_without_a_time_zone_the_site_keeps_utc(project):
    settings = (project.root / "data/site.yml").read_text()
    project.write("data/site.yml", settings.replace("timezone: America/New_York\n", ""))

    content = project.load()

    assert content.settings.timezone == timezone.utc
    assert content.posts[0].date.isoformat() == "2024-08-10T00:00:00+00:00"


# --- Hooks hand over what the core computes: sitemap dates and guide views -------------------------


def test_lastmod_is_the_content_date_with_the_sites_offset(project):
    state = BuildState(project.load())
    post = state.content.by_source["blog/posts/2024-08-10-missed-your-interview.md"]

    assert lastmod(state, post.source) == "2024-08-10T00:00:00-04:00"
    assert lastmod(state, "index.md", is_homepage=True) == "2024-08-10T00:00:00-04:00"
    assert lastmod(state, "contact.md") is None


def test_guide_views_name_their_post_and_the_pages_that_embed_them(project):
    project.append("docs/index.md", "\n<!-- guide: apologize-by-phone -->\n")
    content = project.load()
    pages = {"index.md": ("Home", ""), "blog/posts/2024-08-10-missed-your-interview.md": ("Missed", "blog/missed-your-interview/")}

    embedded = embedders(content, pages.get)
    view = guide_view(content.published_guides["apologize-by-phone"], content, embedded)

    assert embedded["apologize-by-phone"] == [{"title": "Home", "url": ""}]
    assert view["source_title"] == "Oh No! You Missed Your Interview"
    assert view["source_url"] == "blog/missed-your-interview/#apologize-by-phone"
    assert view["embedded_in"] == [{"title": "Home", "url": ""}]
    titles = [g["title"] for g in guides_index(content, embedded)]
    assert titles == sorted(titles) and "Apologize by Phone" in titles


# --- Files the blog's user cannot read ------------------------------------------------------------------


def _as_a_reader(command: list[str]) -> list[str]:
    """Run ``command`` as someone the file's permissions apply to: root reads anything, so it
    runs without the capabilities that let root ignore them (util-linux's setpriv)."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    assert setpriv, "root ignores file permissions: install util-linux's setpriv to run this test"
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *command]


def test_unreadable_files_are_problems_in_blog_check_and_the_build(buildable, tmp_path):
    buildable.write_post("2026-11-01-locked.md").chmod(0)
    (buildable.root / "data/tags.yml").chmod(0)  # reported once: no "unknown tag" line per post
    expected = ("data/tags.yml:1: file: cannot be read (permission denied); give the blog's user read access, e.g. chmod a+r on the file\n"
                "docs/blog/posts/2026-11-01-locked.md:1: file: cannot be read (permission denied)")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}

    checked = subprocess.run(_as_a_reader([str(BIN / "blog"), "check", "--root", str(buildable.root)]),
                             capture_output=True, text=True, env=env, timeout=120)
    built = subprocess.run(_as_a_reader([str(BIN / "mkdocs"), "build", "--strict", "-f", str(buildable.root / "mkdocs.yml"),
                                         "-d", str(tmp_path / "out")]), capture_output=True, text=True, env=env, timeout=300)

    assert checked.returncode == 1 and checked.stdout.startswith(expected), checked.stdout + checked.stderr
    assert built.returncode != 0 and expected in built.stderr and "Traceback" not in built.stderr, built.stderr


@pytest.mark.parametrize(
    "written, web",
    [
        ("https://example.com/a.jpg", True),
        ("HTTP://example.com/", True),
        ("//cdn.example.com/a.jpg", True),
        ("mailto:jobs@example.com", True),
        ("tel:+15551234", True),
        ("../images/a.jpg", False),
        ("/images/a.jpg", False),
        ("images/a:b.jpg", False),  # a colon after a slash is part of a path
        ("#section", False),
    ],
)
def test_web_addresses_are_told_from_files_of_the_site(written: str, web: bool) -> None:
    # One rule for links, guides, pictures and front matter images.
    assert urls.is_web_address(written) is web
