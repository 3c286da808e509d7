"""URLs that last (contract sections 6 and 11): aliases, /_redirects, and the guard
against dropping a published URL (`blog check --published`)."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from careerblog.cli import main
from careerblog.redirects import Alias, compare_published, plan_redirects, read_alias
from conftest import Project
from sitebuild import EPOCH, REPO, Site, build_site

SCAMS = "docs/blog/posts/2024-07-15-avoid-job-scams.md"
MISSED = "docs/blog/posts/2024-08-10-missed-your-interview.md"


@pytest.fixture(autouse=True)
def build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def edit_front(project: Project, post: str, **lines: str) -> None:
    """Add or replace front matter lines, as an editor would in the file."""
    path = project.root / post
    text = path.read_text(encoding="utf-8")
    for key, value in lines.items():
        text, found = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
        if not found:
            text = text.replace("\n", f"\n{key}: {value}\n", 1)
    path.write_text(text, encoding="utf-8")


def line_of(project: Project, relative: str, needle: str) -> int:
    lines = (project.root / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if needle in text)


def check(capsys, project: Project, *args: str) -> tuple[int, list[str]]:
    status = main(["check", "--root", str(project.root), *args])
    return status, capsys.readouterr().out.splitlines()


# --- the plan, from plain inputs -------------------------------------------------------------------


def alias(written: str, target: str, path: str = "docs/blog/posts/a.md", line: int = 3) -> Alias:
    return Alias(written, target, path, line)


def test_an_alias_becomes_a_redirect_to_its_page():
    redirects, problems = plan_redirects({"blog/new/": "a.md"}, [alias("/blog/old/", "blog/new/"), alias("/old.html", "blog/new/")])
    assert problems == []
    assert [(r.url, r.dest, r.target) for r in redirects] == [
        ("blog/old/", "blog/old/index.html", "blog/new/"), ("old.html", "old.html", "blog/new/")]


@pytest.mark.parametrize("written, expected", [
    ("/blog/old", "blog/old/"), ("/blog/old/", "blog/old/"), ("/a/b.html", "a/b.html"),
])
def test_alias_paths_are_read_as_hosts_serve_them(written, expected):
    assert read_alias(written) == (expected, None)


@pytest.mark.parametrize("written, says", [
    ("blog/old/", "with a leading '/', such as /blog/old/"),
    ("https://blog.labormax.com/blog/old/", "is a web address; write only its path"),
    ("/blog/old/?page=2", "not a plain URL path"),
    ("/blog/../etc/", "not a plain URL path"),
    ("/files/report.pdf", "is not a page"),
])
def test_malformed_aliases_are_refused_with_a_fix(written, says):
    url, wrong = read_alias(written)
    assert url is None and says in wrong


def test_an_alias_listed_twice_names_both_lines():
    _, problems = plan_redirects({}, [alias("/blog/old/", "blog/a/", "x.md", 4), alias("/blog/old", "blog/b/", "y.md", 7)])
    assert [str(p) for p in problems] == [
        "y.md:7: aliases: '/blog/old' is listed twice (first x.md, line 4); an earlier URL can lead to one page only, remove one"]


def test_an_alias_may_not_take_a_live_url_or_its_own():
    taken = {"blog/a/": "docs/blog/posts/a.md", "blog/b/": "docs/blog/posts/b.md"}
    _, problems = plan_redirects(taken, [alias("/blog/b/", "blog/a/", line=5), alias("/blog/a/", "blog/a/", line=6)])
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (5, "'/blog/b/' is the URL of docs/blog/posts/b.md"),
        (6, "'/blog/a/' is this page's own URL"),
    ]


def test_a_cycle_and_a_chain_are_named_with_file_and_line():
    taken = {"blog/a/": "docs/blog/posts/a.md", "blog/b/": "docs/blog/posts/b.md", "blog/c/": "docs/blog/posts/c.md"}
    cycle = [alias("/blog/b/", "blog/a/", "docs/blog/posts/a.md", 5), alias("/blog/a/", "blog/b/", "docs/blog/posts/b.md", 6)]
    _, problems = plan_redirects(taken, cycle)
    assert [(p.path, p.line) for p in problems] == [("docs/blog/posts/a.md", 5), ("docs/blog/posts/b.md", 6)]
    assert "loop: /blog/b/ -> /blog/a/ -> /blog/b/" in problems[0].message
    chain = [alias("/blog/old/", "blog/c/", "docs/blog/posts/c.md", 4), alias("/blog/c/", "blog/b/", "docs/blog/posts/b.md", 8)]
    _, problems = plan_redirects(taken, chain)
    assert [(p.path, p.line) for p in problems] == [("docs/blog/posts/b.md", 8)]
    assert "which /blog/old/ already redirects to, so redirects would chain" in problems[0].message


def test_published_urls_are_sorted_into_kept_on_purpose_and_missing():
    result = compare_published(
        ["blog/a/", "blog/old/", "blog/gone/", "blog/draft/", "jobs/x-1/", "blog/page/9/"],
        live={"blog/a/"}, redirected={"blog/old/"}, on_purpose={"blog/draft/": "draft: docs/blog/posts/d.md"},
    )
    assert result.missing == ["blog/gone/"]
    assert [url for url, _ in result.unpublished] == ["blog/draft/", "jobs/x-1/", "blog/page/9/"]


# --- editors' files -------------------------------------------------------------------------------


def test_a_malformed_alias_names_file_line_and_field(project):
    edit_front(project, SCAMS, aliases="[/blog/old-scams/, blog/scams/]")
    problems = [str(p) for p in project.problems()]
    assert problems == [
        f"{SCAMS}:2: aliases: 'blog/scams/' is not a path from the site's root; write it with a leading '/', such as /blog/scams/"]


def test_a_tag_url_alias_is_checked_in_data_tags_yml(project):
    project.append("data/tags.yml", "  url_aliases: [summer-jobs]\n")
    line = line_of(project, "data/tags.yml", "url_aliases")
    assert [str(p) for p in project.problems()] == [
        f"data/tags.yml:{line}: SummerJobs.url_aliases: 'summer-jobs' is not a path from the site's root; write it with a leading '/', such as /summer-jobs/"]


def test_blog_check_finds_an_alias_that_takes_a_live_url(project, capsys):
    edit_front(project, SCAMS, aliases="[/blog/missed-your-interview/]")
    status, lines = check(capsys, project)
    assert status == 1
    assert lines == [
        f"{SCAMS}:2: aliases: '/blog/missed-your-interview/' is the URL of {MISSED}; "
        "an alias names an earlier URL that no page has any more, so remove it (or rename that page first)"]


def test_blog_check_finds_aliases_that_loop(project, capsys):
    edit_front(project, SCAMS, aliases="[/blog/missed-your-interview/]")
    edit_front(project, MISSED, aliases="[/blog/job-scams/]")
    status, lines = check(capsys, project)
    assert status == 1
    assert [line.split(": aliases: ")[0] for line in lines] == [f"{SCAMS}:2", f"{MISSED}:2"]
    assert all("the aliases would loop" in line for line in lines)


# --- a rename, built --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The sitemap of the site as it is published today (the real project, built)."""
    site = build_site(REPO, tmp_path_factory.mktemp("published"))
    return site / "sitemap.xml"


def test_a_renamed_post_with_an_alias_keeps_its_old_url_working(buildable, tmp_path, published, capsys):
    edit_front(buildable, SCAMS, slug="scams-to-avoid", aliases="[/blog/job-scams/]")
    project_tags = buildable.root / "data/tags.yml"
    project_tags.write_text(project_tags.read_text().replace("SummerJobs:", "SummerJobs:\n  slug: summer-work\n  url_aliases: [/tags/summer-jobs/]"))
    site = Site(build_site(buildable.root, tmp_path / "site"))

    old = site.html("/blog/job-scams/")
    assert old.select_one("meta[http-equiv=refresh]")["content"] == "0; url=../scams-to-avoid/"
    assert old.select_one("link[rel=canonical]")["href"] == "https://blog.labormax.com/blog/scams-to-avoid/"
    assert old.select_one("meta[name=robots]")["content"] == "noindex"
    assert old.select_one("a[href='../scams-to-avoid/']")
    # The site's icon, named: a browser would otherwise ask for /favicon.ico, a 404 on any host.
    assert old.select_one("link[rel=icon]")["href"] == "../../assets/images/logo.svg"
    assert site.html("/tags/summer-jobs/").select_one("link[rel=canonical]")["href"] == "https://blog.labormax.com/tags/summer-work/"
    # Followers of the old tag feed keep getting posts: the feed is served at both places.
    assert site.path("/tags/summer-jobs/feed.xml").read_text() == site.path("/tags/summer-work/feed.xml").read_text()
    assert "/tags/summer-work/feed.xml" in site.path("/tags/summer-jobs/feed.xml").read_text()
    assert (site.root / "_redirects").read_text().splitlines()[1:] == [
        "/blog/job-scams/ /blog/scams-to-avoid/ 301", "/tags/summer-jobs/ /tags/summer-work/ 301"]
    sitemap = (site.root / "sitemap.xml").read_text()
    assert "/blog/scams-to-avoid/" in sitemap and "/blog/job-scams/" not in sitemap and "/tags/summer-jobs/" not in sitemap
    # The guard agrees: every URL published before is served or redirected.
    status, lines = check(capsys, buildable, "--published", str(published))
    assert status == 0 and lines[-1].startswith("OK: every one of the")


def test_a_renamed_post_without_an_alias_is_caught_before_publishing(project, published, capsys):
    edit_front(project, SCAMS, slug="scams-to-avoid")
    edit_front(project, MISSED, draft="true")
    status, lines = check(capsys, project, "--published", str(published))
    assert status == 1
    assert f"{published}: /blog/job-scams/: was published, and this build neither serves nor redirects it; " \
           "add 'aliases: [/blog/job-scams/]' to the post that took its place, or restore it" in lines
    # A draft is off the site on purpose: listed, not a problem.
    assert f"unpublished on purpose: /blog/missed-your-interview/ (draft: {MISSED})" in lines
    assert not [line for line in lines if "missed-your-interview" in line and "was published" in line]


def test_the_guard_reads_the_live_sitemap_over_http(project, published, capsys):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(published.parent))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        origin = f"http://127.0.0.1:{server.server_port}"
        assert check(capsys, project, "--published", f"{origin}/sitemap.xml")[0] == 0
        edit_front(project, SCAMS, slug="scams-to-avoid")
        status, lines = check(capsys, project, "--published", f"{origin}/sitemap.xml")
        assert status == 1 and any(line.startswith(f"{origin}/sitemap.xml: /blog/job-scams/: was published") for line in lines)
        status = main(["check", "--root", str(project.root), "--published", f"{origin}/missing.xml"])
        assert status == 1 and "the server answered 404" in capsys.readouterr().err
    finally:
        server.shutdown()


def test_the_build_stops_on_an_alias_that_takes_a_live_url(buildable, tmp_path, caplog):
    edit_front(buildable, SCAMS, aliases="[/blog/missed-your-interview/]")
    with pytest.raises((PluginError, Abort)):
        build_site(buildable.root, tmp_path / "site")
    assert f"{SCAMS}:2: aliases: '/blog/missed-your-interview/' is the URL of {MISSED}" in caplog.text


# --- the publish workflow runs the guard before deploying ------------------------------------------


def guard_step() -> str:
    workflow = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    names = [step.get("name", step.get("uses", "")) for step in steps]
    guard = next(i for i, name in enumerate(names) if name.startswith("Keep every published URL working"))
    assert names.index("Build with --strict") < guard < names.index("actions/upload-pages-artifact@v3")
    return steps[guard]["run"]


@pytest.mark.parametrize("renamed, served, expected_status, says", [
    (False, True, 0, "OK: every one of the"),
    (True, True, 1, "/blog/job-scams/: was published"),
    (True, False, 0, "No sitemap at"),  # the first deploy
])
def test_the_publish_workflow_checks_the_live_sitemap_before_deploying(project, published, tmp_path, renamed, served, expected_status, says):
    live = tmp_path / "live"
    live.mkdir()
    if served:
        shutil.copy(published, live / "sitemap.xml")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(live))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        config = (REPO / "mkdocs.yml").read_text().replace("https://blog.labormax.com/", f"http://127.0.0.1:{server.server_port}/")
        project.write("mkdocs.yml", config)
        if renamed:
            edit_front(project, SCAMS, slug="scams-to-avoid")
        script = guard_step().replace(".venv/bin/", str(Path(sys.executable).parent) + "/")
        ran = subprocess.run(["bash", "-e", "-c", script], cwd=project.root, capture_output=True, text=True, timeout=120)
    finally:
        server.shutdown()
    assert ran.returncode == expected_status, ran.stdout + ran.stderr
    assert says in ran.stdout


def test_an_alias_may_not_take_the_url_of_a_post_not_yet_published(project, capsys):
    # The draft would collide with the redirect on the day it is published.
    draft = project.write_post("2026-11-25-draft.md", slug="raise-tips", draft=True)
    edit_front(project, SCAMS, aliases="[/blog/raise-tips/]")
    status, lines = check(capsys, project)
    assert status == 1
    assert lines == [f"{SCAMS}:2: aliases: '/blog/raise-tips/' is the URL of docs/blog/posts/{draft.name}; "
                     "an alias names an earlier URL that no page has any more, so remove it (or rename that page first)"]
