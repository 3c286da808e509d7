"""The editors' command line, `blog`, through its real entry points.

Each test works on a private copy of the project, as an editor would in their
checkout: the installed console script in a subprocess where the wiring
matters (help, exit status, the folder it runs in), ``careerblog.cli.main``
elsewhere. The build date is fixed by SOURCE_DATE_EPOCH: 27 November 2026.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from careerblog import ContentError
from careerblog.cli import main
from careerblog.schemas import generate_schemas, render
from conftest import REPO, Project
from sitebuild import EPOCH, build_site, copy_machinery

BLOG = Path(sys.executable).with_name("blog")
NEW_POST = "docs/blog/posts/2026-11-20-how-to-ask-for-a-raise.md"


@dataclass
class Ran:
    status: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


@pytest.fixture(autouse=True)
def build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture
def blog_dir(project: Project, monkeypatch) -> Project:
    """The project copy, with mkdocs.yml and schemas/ as in a checkout, as the current folder."""
    shutil.copy(REPO / "mkdocs.yml", project.root / "mkdocs.yml")
    shutil.copytree(REPO / "schemas", project.root / "schemas")
    monkeypatch.chdir(project.root)
    return project


def blog(*args: str, cwd: Path) -> Ran:
    """The installed console script, as an editor types it."""
    done = subprocess.run([str(BLOG), *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    return Ran(done.returncode, done.stdout, done.stderr)


def call(capsys, *args: str) -> Ran:
    """The console script's function, in this process."""
    status = main(list(args))
    captured = capsys.readouterr()
    return Ran(status, captured.out, captured.err)


def build_problems(project: Project) -> list[str]:
    """The problems the build's content loader reports, as lines."""
    with pytest.raises(ContentError) as caught:
        project.load()
    return [str(p) for p in caught.value.problems]


# --- blog, blog --help ---------------------------------------------------------------------------


def test_the_console_script_is_installed_and_lists_its_commands(blog_dir):
    ran = blog("--help", cwd=blog_dir.root)

    assert ran.status == 0
    for command in ("new", "check", "report", "schemas", "jobs"):
        assert f"    {command} " in ran.out


@pytest.mark.parametrize("command", ["new", "check", "report", "schemas"])
def test_each_command_explains_itself(blog_dir, command):
    ran = blog(command, "--help", cwd=blog_dir.root)

    assert ran.status == 0
    assert ran.out.startswith(f"usage: blog {command} ")
    assert "--root DIR" in ran.out


def test_without_a_command_it_shows_how_to_use_it(blog_dir):
    ran = blog(cwd=blog_dir.root)

    assert ran.status == 2
    assert "usage: blog" in ran.err


def test_the_command_line_never_loads_mkdocs():
    # A check must take a fraction of a build: the core and the CLI stand on their own.
    probe = "import sys, careerblog.cli; print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'material', 'properdocs'}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)

    assert done.stdout == "[]\n", done.stderr


def test_outside_the_blogs_folder_it_says_where_to_run_it(tmp_path):
    ran = blog("check", cwd=tmp_path)

    assert ran.status == 1
    assert ran.err == (
        f"{tmp_path} or any folder above it has no data/ and no docs/; run 'blog' in the blog's folder "
        "(the one holding mkdocs.yml, data/ and docs/) or a folder inside it, or name it with --root DIR\n"
    )


def test_from_a_folder_inside_the_blog_it_finds_the_blog_as_git_does(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "blog" / "data")
    shutil.copytree(REPO / "docs", tmp_path / "blog" / "docs")
    (tmp_path / "blog" / "docs" / "blog" / "posts" / "2026-11-21-x.md").write_text("# no front matter\n", encoding="utf-8")

    ran = blog("check", cwd=tmp_path / "blog" / "docs" / "blog" / "posts")

    assert ran.status == 1
    # Paths are the blog's, wherever the command ran.
    assert ran.out.startswith("docs/blog/posts/2026-11-21-x.md:1: front matter: missing"), ran.out


# --- blog check ----------------------------------------------------------------------------------


def test_check_passes_the_real_project_with_a_short_ok_line(blog_dir):
    ran = blog("check", cwd=blog_dir.root)

    assert (ran.status, ran.err) == (0, "")
    content = blog_dir.load()
    assert ran.out == (
        f"OK: {len(content.posts)} posts, {len(content.authors)} author, {len(content.tags)} tags "
        f"and {len(content.jobs)} jobs follow every rule.\n"
    )


def test_check_prints_every_problem_as_the_build_reports_it(blog_dir):
    blog_dir.write_post("bad.md", tags=["InterviewTip"], description="Too short.")
    blog_dir.write("data/tags.yml", (REPO / "data/tags.yml").read_text() + "RemoteJobs:\n  slug: Remote Jobs\n")

    ran = blog("check", cwd=blog_dir.root)

    assert ran.status == 1
    assert ran.lines == build_problems(blog_dir)
    assert ran.lines == [
        "data/tags.yml:29: RemoteJobs.slug: 'Remote Jobs' is not a slug; use lower-case letters, digits and hyphens",
        "docs/blog/posts/bad.md:5: tags: unknown tag 'InterviewTip' (did you mean 'InterviewTips'?); tags are listed in data/tags.yml",
        "docs/blog/posts/bad.md:6: description: is 10 characters long; write at least 50",
    ]
    assert ran.err == "3 problems found; fix them and run 'blog check' again.\n"


def test_check_with_a_file_reports_only_that_file(blog_dir, capsys):
    blog_dir.write_post("bad.md", tags=["InterviewTip"])
    blog_dir.write_post("also-bad.md", authors=["erin"])

    ran = call(capsys, "check", "docs/blog/posts/bad.md")

    assert ran.status == 1
    assert ran.lines == [
        "docs/blog/posts/bad.md:5: tags: unknown tag 'InterviewTip' (did you mean 'InterviewTips'?); tags are listed in data/tags.yml",
    ]
    assert ran.err.splitlines() == [
        "1 more problem in other files; run 'blog check' without file names to see them.",
        "1 problem found; fix it and run 'blog check' again.",
    ]


def test_check_of_a_good_file_passes_while_another_is_broken(blog_dir, capsys):
    good = blog_dir.write_post("good.md", slug="good")
    blog_dir.write_post("bad.md", tags=["InterviewTip"])

    ran = call(capsys, "check", str(good))

    assert ran.status == 0
    assert ran.out == "OK: no problems in docs/blog/posts/good.md.\n"
    assert "1 more problem in other files" in ran.err


def test_check_of_a_folder_reports_the_files_under_it(blog_dir, capsys):
    blog_dir.write_post("bad.md", tags=["InterviewTip"])
    blog_dir.write("data/site.yml", (REPO / "data/site.yml").read_text() + "footer: Copyright\n")

    ran = call(capsys, "check", "docs/blog/posts/")

    assert [line.split(":")[0] for line in ran.lines] == ["docs/blog/posts/bad.md"]
    assert "1 more problem in other files" in ran.err


def test_check_takes_file_names_relative_to_where_it_runs(blog_dir, monkeypatch, capsys):
    blog_dir.write_post("bad.md", tags=["InterviewTip"])
    monkeypatch.chdir(blog_dir.posts)

    ran = call(capsys, "check", "--root", str(blog_dir.root), "bad.md")

    assert ran.lines[0].startswith("docs/blog/posts/bad.md:5: tags: unknown tag 'InterviewTip'")


def test_check_refuses_a_file_that_does_not_exist_or_lies_outside(blog_dir, tmp_path, capsys):
    assert call(capsys, "check", "docs/blog/posts/nope.md") == Ran(1, "", "docs/blog/posts/nope.md: no such file or folder\n")

    outside = call(capsys, "check", str(tmp_path.parent))

    assert outside.status == 1
    assert outside.err == f"{tmp_path.parent}: is outside the blog's folder {blog_dir.root}; name files under it\n"


def test_check_names_a_broken_post_once_even_when_its_guide_is_embedded_elsewhere(blog_dir, capsys):
    # The guide still counts while its post is broken: the embed on the home page is fine.
    blog_dir.append("docs/index.md", "\n<!-- guide: apologize-by-phone -->\n")
    interview = blog_dir.posts / "2024-08-10-missed-your-interview.md"
    interview.write_text(interview.read_text().replace("authors: [erin-helms]", "authors: [erin-helm]"))

    ran = call(capsys, "check")

    assert [line.split(": ")[0] for line in ran.lines] == ["docs/blog/posts/2024-08-10-missed-your-interview.md:4"]


def test_check_finds_a_page_that_takes_a_posts_url_as_the_build_does(blog_dir, tmp_path_factory, caplog, capsys):
    # Someone saves a hand-written page where the scams post is published.
    blog_dir.write("docs/blog/job-scams.md", "# Job scams\n\nSee the post.\n")
    expected = (
        "docs/blog/posts/2024-07-15-avoid-job-scams.md:6: slug: /blog/job-scams/ would be built from both "
        "docs/blog/job-scams.md and docs/blog/posts/2024-07-15-avoid-job-scams.md; rename or move one of them "
        "(a post's URL comes from its slug)"
    )

    ran = call(capsys, "check")

    assert (ran.status, ran.lines) == (1, [expected])
    copy_machinery(blog_dir.root)
    with pytest.raises((PluginError, Abort)):
        build_site(blog_dir.root, tmp_path_factory.mktemp("site"))
    assert expected in caplog.text


def test_check_finds_a_page_where_the_blog_generates_one(blog_dir, capsys):
    blog_dir.write("docs/tags/index.md", "# Our tags\n")

    ran = call(capsys, "check")

    assert ran.lines == ["docs/tags/index.md:1: file: /tags/ is the generated page 'Tags'; move or rename this file"]


def test_check_finds_a_picture_behind_a_symbolic_link(blog_dir, tmp_path, capsys):
    picture = tmp_path / "elsewhere.svg"
    picture.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    os.symlink(picture, blog_dir.docs / "blog/images/linked.svg")

    ran = call(capsys, "check")

    assert ran.lines == [
        "docs/blog/images/linked.svg:1: file: is a symbolic link; symbolic links are not published, copy the real file here instead"
    ]


def test_check_names_a_wrong_source_date_epoch(blog_dir, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "tomorrow")

    ran = call(capsys, "check")

    assert ran.status == 1
    assert ran.err.startswith("environment:1: SOURCE_DATE_EPOCH: 'tomorrow' is not a number of seconds since 1970-01-01")


# --- blog new ------------------------------------------------------------------------------------


def test_new_writes_a_draft_that_passes_the_check(blog_dir):
    ran = blog("new", "How to Ask for a Raise", "--tags", "JobSearchTips,#InterviewTips", "--date", "2026-11-20", cwd=blog_dir.root)

    assert ran.status == 0, ran.err
    assert ran.lines == [
        f"Wrote {NEW_POST}: a draft, to be published at /blog/how-to-ask-for-a-raise/",
        "Next: write the post and its description, preview it with 'make serve', "
        "then delete the line 'draft: true' and run 'blog check'.",
    ]
    assert (blog_dir.root / NEW_POST).read_text(encoding="utf-8") == (
        "---\n"
        'title: "How to Ask for a Raise"\n'
        "date: 2026-11-20\n"
        "authors: [erin-helms]\n"
        "tags: [JobSearchTips, InterviewTips]\n"
        'description: "How to Ask for a Raise: career advice for job seekers from LaborMAX."\n'
        "draft: true\n"
        "---\n"
        "\n"
        "Start with a short paragraph: who this post is for, and what they will know\n"
        "or be able to do once they have read it.\n"
        "\n"
        "## The First Point\n"
        "\n"
        "Replace this heading and this paragraph with your first point.\n"
        "\n"
        "## The Second Point\n"
        "\n"
        "Replace this heading and this paragraph with your second point.\n"
    )
    assert blog("check", cwd=blog_dir.root).status == 0
    post = next(p for p in blog_dir.load().posts if p.slug == "how-to-ask-for-a-raise")
    assert (post.draft, post.tags, post.authors) == (True, ("JobSearchTips", "InterviewTips"), ("erin-helms",))


def test_new_dates_the_post_on_the_build_date_by_default(blog_dir, capsys):
    ran = call(capsys, "new", "Holiday Hours", "--tags", "JobSearchTips")

    assert ran.status == 0
    assert (blog_dir.posts / "2026-11-27-holiday-hours.md").exists()
    assert call(capsys, "check").status == 0


def test_new_never_overwrites_a_file(blog_dir, capsys):
    call(capsys, "new", "How to Ask for a Raise", "--tags", "JobSearchTips", "--date", "2026-11-20")
    (blog_dir.root / NEW_POST).write_text("my work\n", encoding="utf-8")

    ran = call(capsys, "new", "How to Ask for a Raise", "--tags", "JobSearchTips", "--date", "2026-11-20")

    assert ran.status == 1
    assert ran.err.splitlines() == [
        f"{NEW_POST}: already exists; edit that file, or choose another title or --date",
        "Nothing was written.",
    ]
    assert (blog_dir.root / NEW_POST).read_text(encoding="utf-8") == "my work\n"


def test_new_refuses_an_unknown_tag_with_the_builds_suggestion(blog_dir, capsys):
    ran = call(capsys, "new", "How to Ask for a Raise", "--tags", "JobSearchTips,InterviewTip", "--date", "2026-11-20")

    assert ran.status == 1
    assert ran.err.splitlines() == [
        "--tags: unknown tag 'InterviewTip' (did you mean 'InterviewTips'?); tags are listed in data/tags.yml",
        "Nothing was written.",
    ]
    assert not (blog_dir.root / NEW_POST).exists()
    # The same words as the build's for the same mistake in a post.
    blog_dir.write_post("bad.md", tags=["InterviewTip"])
    [problem] = build_problems(blog_dir)
    assert problem.endswith(ran.err.splitlines()[0].removeprefix("--tags: "))


def test_new_refuses_an_unknown_author_with_the_builds_suggestion(blog_dir, capsys):
    ran = call(capsys, "new", "How to Ask for a Raise", "--tags", "JobSearchTips", "--author", "erin-helm")

    assert ran.err.splitlines()[0] == (
        "--author: unknown author 'erin-helm' (did you mean 'erin-helms'?); authors are listed in data/authors.yml"
    )
    blog_dir.write_post("bad.md", authors=["erin-helm"])
    [problem] = build_problems(blog_dir)
    assert problem.endswith(ran.err.splitlines()[0].removeprefix("--author: "))


def test_new_needs_an_author_once_there_are_several(blog_dir, capsys):
    blog_dir.append("data/authors.yml", "marcus-reed:\n  name: Marcus Reed\n")

    ran = call(capsys, "new", "How to Ask for a Raise", "--tags", "JobSearchTips")

    assert ran.err.splitlines()[0] == "--author: there are several authors, so name one: erin-helms, marcus-reed"
    assert call(capsys, "new", "How to Ask for a Raise", "--tags", "JobSearchTips", "--author", "marcus-reed").status == 0
    assert "authors: [marcus-reed]" in next(blog_dir.posts.glob("*-how-to-ask-for-a-raise.md")).read_text()


def test_new_writes_the_tags_canonical_names(blog_dir, capsys):
    call(capsys, "new", "Warehouse Work in Boston", "--tags", "#BostonWarehouseJob, InterviewTips,BostonWarehouseJobs")

    text = next(blog_dir.posts.glob("*-warehouse-work-in-boston.md")).read_text()
    assert "tags: [BostonWarehouseJobs, InterviewTips]\n" in text


def test_new_reports_every_mistake_at_once(blog_dir, capsys):
    ran = call(capsys, "new", "x" * 91, "--tags", ",", "--date", "2026-02-30", "--description", "Too short.")

    assert ran.status == 1
    assert ran.err.splitlines() == [
        "title: is 91 characters long; keep it to 90 at most",
        "--date: '2026-02-30' is not a date such as 2026-12-01",
        "--tags: name at least one hashtag from data/tags.yml, such as --tags InterviewTips",
        "--description: is 10 characters long; write at least 50",
        "Nothing was written.",
    ]
    assert sorted(p.name for p in blog_dir.posts.iterdir()) == sorted(p.name for p in (REPO / "docs/blog/posts").iterdir())


@pytest.mark.parametrize(("title", "message"), [
    ("Avoid Job Scams", None),  # a different slug from the scams post's 'job-scams': fine
    ("Job Scams", "title: gives the URL /blog/job-scams/, which docs/blog/posts/2024-07-15-avoid-job-scams.md already has; choose another title"),
    ("Archive", "title: gives the URL /blog/archive/, which is reserved for the blog's own pages; choose another title"),
    ("!!!", "title: gives no file name or URL; use some letters or digits in it"),
])
def test_new_refuses_a_title_whose_url_is_taken(blog_dir, capsys, title, message):
    ran = call(capsys, "new", title, "--tags", "JobSearchTips")

    assert ran.status == (1 if message else 0)
    assert ran.err.splitlines()[:1] == ([message] if message else [])


def test_new_keeps_quotes_colons_and_hashes_in_a_title(blog_dir, capsys):
    title = 'Interview Tips: Say "Thank You" #1'

    call(capsys, "new", title, "--tags", "InterviewTips", "--date", "2026-11-20")

    [post] = [p for p in blog_dir.load().posts if p.slug == "interview-tips-say-thank-you-1"]
    assert post.title == title
    assert post.description == 'Interview Tips: Say "Thank You" #1: career advice for job seekers from LaborMAX.'


def test_new_takes_a_description_or_makes_one_of_the_right_length(blog_dir, capsys):
    mine = "What to say, and when, so that your manager says yes to a raise this year."
    call(capsys, "new", "Ask for a Raise", "--tags", "JobSearchTips", "--description", mine)
    call(capsys, "new", "Why Now?", "--tags", "JobSearchTips")
    call(capsys, "new", "Tips", "--tags", "JobSearchTips")

    by_slug = {p.slug: p.description for p in blog_dir.load().posts}
    assert by_slug["ask-for-a-raise"] == mine
    assert by_slug["why-now"] == "Why Now? Career advice for job seekers from LaborMAX."
    assert by_slug["tips"] == "Tips: career advice for job seekers from LaborMAX."
    assert all(50 <= len(d) <= 160 for d in by_slug.values())


def test_new_works_while_another_post_is_broken(blog_dir, capsys):
    blog_dir.write_post("bad.md", tags=["InterviewTip"])

    assert call(capsys, "new", "How to Ask for a Raise", "--tags", "JobSearchTips").status == 0


def test_new_stops_on_a_broken_data_file_and_says_so(blog_dir, capsys):
    blog_dir.write("data/tags.yml", "InterviewTips:\n  slug: Interview Tips\n")

    ran = call(capsys, "new", "How to Ask for a Raise", "--tags", "InterviewTips")

    assert ran.status == 1
    assert ran.err.splitlines() == [
        "data/tags.yml:2: InterviewTips.slug: 'Interview Tips' is not a slug; use lower-case letters, digits and hyphens",
        "Fix data/ first (the lines above say how), then run 'blog new' again. Nothing was written.",
    ]


def test_new_with_root_writes_into_that_folder(blog_dir, tmp_path_factory):
    ran = blog("new", "How to Ask for a Raise", "--tags", "JobSearchTips", "--date", "2026-11-20",
               "--root", str(blog_dir.root), cwd=tmp_path_factory.mktemp("elsewhere"))

    assert ran.status == 0
    assert (blog_dir.root / NEW_POST).exists()


# --- blog report ---------------------------------------------------------------------------------


@pytest.fixture
def busy_blog(blog_dir: Project) -> Project:
    """A blog with something in every section of the report, on 27 November 2026."""
    blog_dir.write_post("2026-11-20-raise.md", title="How to Ask for a Raise", draft=True, tags=["RemoteJobs"])
    blog_dir.write_post("2026-12-05-holidays.md", title="Holiday Hiring", date="2026-12-05 09:00:00-05:00")
    blog_dir.write_post("2026-01-05-resolutions.md", title="Resolutions", date=date(2026, 1, 5), review_by=date(2026, 11, 1))
    blog_dir.append("data/tags.yml", "RemoteJobs: {}\n")
    blog_dir.append("data/jobs.yml", (
        "- id: bos-wh-0200\n  title: Night Picker\n  location: Boston, MA\n  job_type: warehouse\n"
        "  employment_type: TEMPORARY\n  posted: 2026-11-01\n  valid_through: 2026-12-03\n"
        "  apply_url: https://www.labormax.com/find-a-job/?job=bos-wh-0200\n  description: \"Pick orders at night.\"\n"
    ))
    blog_dir.append("docs/index.md", "\n<!-- guide: apologize-by-phone -->\n")
    return blog_dir


def test_report_shows_what_needs_attention_as_tables(busy_blog):
    ran = blog("report", cwd=busy_blog.root)

    assert ran.status == 0, ran.err
    assert ran.out == (
        "Editorial report for 2026-11-27\n"
        "\n"
        "Drafts (1)\n"
        "  Date        File                                 Title\n"
        "  2026-11-01  docs/blog/posts/2026-11-20-raise.md  How to Ask for a Raise\n"
        "\n"
        "Scheduled posts (1)\n"
        "  Publishes                  File                                    Title\n"
        "  2026-12-05T09:00:00-05:00  docs/blog/posts/2026-12-05-holidays.md  Holiday Hiring\n"
        "\n"
        "Expired posts: none\n"
        "\n"
        "Posts past review_by (1)\n"
        "  Review by   Days over  File                                       Title\n"
        "  2026-11-01  26         docs/blog/posts/2026-01-05-resolutions.md  Resolutions\n"
        "\n"
        "Jobs closing within 14 days (1)\n"
        "  Closes      Days left  Id           Title         Location\n"
        "  2026-12-03  6          bos-wh-0200  Night Picker  Boston, MA\n"
        "\n"
        "Closed jobs, to remove from data/jobs.yml (1)\n"
        "  Closed      Id            Title                   Location\n"
        "  2026-11-15  bal-tmp-0295  Holiday Retail Stocker  Baltimore, MD\n"
        "\n"
        "Tags with no published post (1)\n"
        "  Tag         Unpublished posts\n"
        "  RemoteJobs  1\n"
        "\n"
        "Guides (2)\n"
        "  Id                  Defined at                                              Published  Embedded in\n"
        "  apologize-by-email  docs/blog/posts/2024-08-10-missed-your-interview.md:44  yes        -\n"
        "  apologize-by-phone  docs/blog/posts/2024-08-10-missed-your-interview.md:20  yes        docs/index.md:14\n"
    )


def test_report_as_json_has_a_stable_shape(busy_blog, capsys):
    ran = call(capsys, "report", "--json")

    report = json.loads(ran.out)
    assert list(report) == [
        "build_date", "drafts", "scheduled", "expired", "review_due",
        "jobs_closing", "jobs_closed", "unused_tags", "guides", "feed",
    ]
    assert report["drafts"] == [{"file": "docs/blog/posts/2026-11-20-raise.md", "title": "How to Ask for a Raise",
                                 "date": "2026-11-01", "status": "draft"}]
    assert report["scheduled"][0]["date"] == "2026-12-05T09:00:00-05:00"
    assert report["review_due"] == [{"file": "docs/blog/posts/2026-01-05-resolutions.md", "title": "Resolutions",
                                     "review_by": "2026-11-01", "days_overdue": 26, "status": "published"}]
    assert report["jobs_closing"] == [{"id": "bos-wh-0200", "title": "Night Picker", "location": "Boston, MA",
                                       "valid_through": "2026-12-03", "days_left": 6}]
    assert [j["id"] for j in report["jobs_closed"]] == ["bal-tmp-0295"]
    assert report["jobs_closed"][0]["days_left"] == -12
    assert report["unused_tags"] == [{"name": "RemoteJobs", "slug": "remote-jobs", "unpublished_posts": 1}]
    assert report["guides"][1] == {
        "id": "apologize-by-phone", "title": "Apologize by Phone",
        "file": "docs/blog/posts/2024-08-10-missed-your-interview.md", "line": 20,
        "published": True, "embedded_in": ["docs/index.md:14"],
    }
    assert report["feed"] is None  # no jobs.feed in this site
    assert call(capsys, "report", "--json").out == ran.out  # the same input, the same bytes


def test_report_lists_a_drafts_guides_as_unpublished(blog_dir, capsys):
    blog_dir.write_post("draft.md", draft=True, body="## Ask Early { .guide }\n\nAsk in the spring.\n")

    guides = json.loads(call(capsys, "report", "--json").out)["guides"]

    assert {g["id"]: g["published"] for g in guides}["ask-early"] is False


def test_report_on_broken_content_shows_the_problems_first(blog_dir, capsys):
    blog_dir.write_post("bad.md", tags=["InterviewTip"])

    ran = call(capsys, "report")

    assert ran.status == 1
    assert ran.err.splitlines() == [
        "docs/blog/posts/bad.md:5: tags: unknown tag 'InterviewTip' (did you mean 'InterviewTips'?); tags are listed in data/tags.yml",
        "Fix these first ('blog check' lists them too), then run 'blog report' again.",
    ]


# --- blog schemas --------------------------------------------------------------------------------


def test_schemas_are_up_to_date_in_the_project(blog_dir):
    ran = blog("schemas", cwd=blog_dir.root)

    assert (ran.status, ran.out) == (0, "OK: schemas/ matches the rules of the build.\n")


def test_schemas_write_regenerates_a_stale_or_missing_file(blog_dir, capsys):
    (blog_dir.root / "schemas/tags.schema.json").write_text("{}\n")
    (blog_dir.root / "schemas/jobs.schema.json").unlink()

    stale = call(capsys, "schemas")
    assert stale.status == 1
    assert stale.lines == [
        "schemas/tags.schema.json: is missing or out of date; run 'blog schemas --write'",
        "schemas/jobs.schema.json: is missing or out of date; run 'blog schemas --write'",
    ]

    written = call(capsys, "schemas", "--write")
    assert written.status == 0
    assert written.lines == [f"Wrote schemas/{name}" for name in generate_schemas()]
    for name, schema in generate_schemas().items():
        assert (blog_dir.root / "schemas" / name).read_text() == render(schema)
    assert call(capsys, "schemas").status == 0
