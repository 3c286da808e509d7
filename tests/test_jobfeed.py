"""`blog jobs fetch` against a real HTTP server on 127.0.0.1, and what the build makes of the snapshot.

Every feed is made by the test (tests/jobfeeds.py); the build date is 27 November 2026.
"""

from __future__ import annotations

import json
import time

import pytest

from careerblog.cli import main
from careerblog.jobfeed import SNAPSHOT_PATH, fetch
from careerblog.jobfeed.parse import read_records
from conftest import NOW
from jobfeeds import BILLION_LAUGHS, FeedServer, Route, add_feed, feed_job, indeed_xml, jobposting_json
from sitebuild import EPOCH


@pytest.fixture(autouse=True)
def build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("JOBS_FEED_URL", raising=False)
    monkeypatch.setattr(fetch, "RETRY_PAUSE", 0.05)  # the real pause is seconds; the retry is what counts


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def fetch_jobs(project, capsys, *args: str):
    status = main(["jobs", "fetch", "--root", str(project.root), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def snapshot(project) -> dict:
    return json.loads((project.root / SNAPSHOT_PATH).read_text(encoding="utf-8"))


def good_jobs(count: int = 4) -> list[dict]:
    return [feed_job(n) for n in range(1, count + 1)]


# --- blog jobs fetch ----------------------------------------------------------------------------


@pytest.mark.parametrize("form, body", [("indeed-xml", indeed_xml), ("jobposting-json", jobposting_json)])
def test_a_good_feed_is_kept_and_the_build_shows_its_jobs_under_the_mapped_facets(project, server, capsys, form, body):
    server.routes["/feed"] = Route(body(good_jobs()))
    add_feed(project, server.url("/feed"), form)

    status, out, err = fetch_jobs(project, capsys)

    assert status == 0, err
    assert "Read 4 jobs: kept 4, skipped 0. Wrote .cache/jobs/feed.json." in out
    content = project.load()
    feed_jobs = {job.reference: job for job in content.open_jobs if job.from_feed}
    assert sorted(feed_jobs) == ["LMX-00001", "LMX-00002", "LMX-00003", "LMX-00004"]
    dorchester = feed_jobs["LMX-00004"]  # Dorchester, MA, category Warehouse
    assert (dorchester.location, dorchester.job_type) == ("Boston, MA", "warehouse")
    assert (dorchester.city, dorchester.region) == ("Dorchester", "MA")
    assert dorchester.apply_url == "https://jobs.example.test/apply/LMX-00004"
    assert dorchester.pay == "$18-20/hr"
    assert feed_jobs["LMX-00002"].location == "Towson, MD" or feed_jobs["LMX-00002"].location == "Baltimore, MD"
    assert feed_jobs["LMX-00001"].job_type == "temp"  # Light Industrial -> temp
    assert feed_jobs["LMX-00003"].location == "Worcester, MA"  # no mapping: the feed's own "City, ST"
    assert feed_jobs["LMX-00003"].job_type == ""  # Office is not mapped: listed under Other
    assert "'Office' (1)" in err
    # Hand-written jobs are still there.
    assert "bos-wh-0142" in {job.id for job in content.open_jobs}


def test_an_unchanged_feed_answers_304_and_the_snapshot_is_kept_and_refreshed(project, server, capsys):
    server.routes["/feed"] = Route(indeed_xml(good_jobs()))
    add_feed(project, server.url("/feed"))
    assert fetch_jobs(project, capsys)[0] == 0
    first = snapshot(project)

    status, out, _ = fetch_jobs(project, capsys)

    assert status == 0
    assert "Not modified since the last fetch" in out and "keeps its 4 jobs" in out
    second_request = server.hits("/feed")[1]
    assert second_request["If-None-Match"] == server.routes["/feed"].etag
    assert second_request["If-Modified-Since"] == "Fri, 27 Nov 2026 06:00:00 GMT"
    assert snapshot(project)["jobs"] == first["jobs"]


def test_a_server_error_is_retried_once_then_fails_and_keeps_the_last_snapshot(project, server, capsys):
    server.routes["/feed"] = Route(indeed_xml(good_jobs()))
    add_feed(project, server.url("/feed"))
    assert fetch_jobs(project, capsys)[0] == 0
    before = (project.root / SNAPSHOT_PATH).read_bytes()
    server.routes["/feed"] = Route(status=500)

    status, _, err = fetch_jobs(project, capsys)

    assert status == 1
    assert "HTTP 500" in err and "after one retry" in err and "last good snapshot" in err
    assert len(server.hits("/feed")) == 3  # the good fetch, then the failure and its retry
    assert (project.root / SNAPSHOT_PATH).read_bytes() == before


def test_a_silent_server_times_out(project, server, capsys):
    server.routes["/slow"] = Route(indeed_xml(good_jobs()), delay=1.5)
    add_feed(project, server.url("/slow"))

    started = time.monotonic()
    status, _, err = fetch_jobs(project, capsys, "--timeout", "0.3")

    assert status == 1
    assert "timed out" in err
    assert time.monotonic() - started < 1.4 * 2  # two short tries, not a hang
    assert not (project.root / SNAPSHOT_PATH).exists()


@pytest.mark.parametrize("body, expected", [
    (b"<?xml version='1.0'?><source><job><title>Cook</title></source>", "not well-formed XML: mismatched tag at line 1"),
    (BILLION_LAUGHS, "refused as unsafe XML"),
    (b"<html><body>Maintenance</body></html>", "first element is <html>, not <source>"),
    (b"<?xml version='1.0'?><source><publisher>LaborMAX</publisher></source>", "the feed holds no job"),
])
def test_a_broken_or_unsafe_document_fails_and_keeps_the_last_snapshot(project, server, capsys, body, expected):
    server.routes["/feed"] = Route(indeed_xml(good_jobs()))
    add_feed(project, server.url("/feed"))
    assert fetch_jobs(project, capsys)[0] == 0
    before = (project.root / SNAPSHOT_PATH).read_bytes()
    server.routes["/feed"] = Route(body)

    started = time.monotonic()
    status, _, err = fetch_jobs(project, capsys)

    assert status == 1
    assert expected in err
    assert time.monotonic() - started < 5  # the entity bomb is refused, never expanded
    assert (project.root / SNAPSHOT_PATH).read_bytes() == before


def test_a_feed_far_smaller_than_the_last_fails_unless_the_drop_is_accepted(project, server, capsys):
    server.routes["/feed"] = Route(indeed_xml(good_jobs(10)))
    add_feed(project, server.url("/feed"))
    assert fetch_jobs(project, capsys)[0] == 0
    server.routes["/feed"] = Route(indeed_xml(good_jobs(4)))

    status, _, err = fetch_jobs(project, capsys)
    assert status == 1
    assert "keeps 4 jobs where the last snapshot had 10" in err and "--accept-drop" in err
    assert len(snapshot(project)["jobs"]) == 10

    status, out, _ = fetch_jobs(project, capsys, "--accept-drop")
    assert status == 0 and len(snapshot(project)["jobs"]) == 4


def test_each_bad_job_is_skipped_with_its_reference_field_and_reason(project, server, capsys):
    jobs = [
        feed_job(1),
        feed_job(2, title=None),
        feed_job(3, url="http://jobs.example.test/3"),
        feed_job(4, date="next Tuesday"),
        feed_job(5, referencenumber=None),
        feed_job(6, city=None, state=None),
        feed_job(7, referencenumber="LMX-00001"),
    ]
    server.routes["/feed"] = Route(indeed_xml(jobs))
    add_feed(project, server.url("/feed"))

    status, out, _ = fetch_jobs(project, capsys)

    assert status == 0
    assert out.splitlines()[1:-1] == [
        "feed job LMX-00002: title: is missing",
        "feed job LMX-00003: url: 'http://jobs.example.test/3' does not start with https://",
        "feed job LMX-00004: date: 'next Tuesday' is not a date",
        "feed job #5 (no referencenumber): referencenumber: is missing; the ATS must give every job a reference number",
        "feed job LMX-00006: city: city and state are both missing; readers look for work by place",
        "feed job LMX-00001: referencenumber: gives the id 'lmx-00001' of the job LMX-00001 already in this feed",
    ]
    assert out.splitlines()[-1] == "Read 7 jobs: kept 1, skipped 6. Wrote .cache/jobs/feed.json."


def test_recruiters_html_is_cleaned_to_paragraphs_lists_emphasis_and_links(project, server, capsys):
    dirty = ('<p onclick="steal()">Great <em>pay</em><script>alert(1)</script></p>'
             '<ul><li><a href="javascript:alert(2)">click</a></li><li><a href="https://www.labormax.com/" onclick="x()">apply</a></li></ul>'
             '<img src=x onerror="alert(3)"><style>body{display:none}</style><iframe src="https://evil.test/"></iframe>')
    server.routes["/feed"] = Route(indeed_xml([feed_job(1, description=dirty)]))
    add_feed(project, server.url("/feed"), pages="true")  # the build reads the HTML only for feed jobs' pages

    assert fetch_jobs(project, capsys)[0] == 0

    job = next(job for job in project.load().open_jobs if job.from_feed)
    html = job.description_html
    for bad in ("<script", "alert", "onclick", "onerror", "javascript:", "<img", "<style", "<iframe", "display:none"):
        assert bad not in html
    assert "<p>Great <em>pay</em></p>" in html
    assert '<a href="https://www.labormax.com/" rel="nofollow noopener noreferrer">apply</a>' in html
    assert job.description == "Great pay click apply"


def test_a_feed_file_in_the_project_is_read_like_a_download(project, capsys):
    project.write("feeds/jobs.json", jobposting_json(good_jobs(2)).decode())
    add_feed(project, "feeds/jobs.json", "jobposting-json")

    status, out, _ = fetch_jobs(project, capsys)

    assert status == 0 and "kept 2" in out


def test_the_feed_url_may_be_overridden_by_an_environment_variable(project, server, capsys, monkeypatch):
    server.routes["/other"] = Route(indeed_xml(good_jobs(3)))
    add_feed(project, "feeds/missing.xml")
    monkeypatch.setenv("JOBS_FEED_URL", server.url("/other"))

    status, out, _ = fetch_jobs(project, capsys)

    assert status == 0 and "kept 3" in out and server.hits("/other")


def test_a_site_without_a_feed_has_nothing_to_fetch(project, capsys):
    status, out, _ = fetch_jobs(project, capsys)
    assert status == 0 and "has no jobs.feed" in out


def test_twenty_thousand_jobs_are_fetched_and_kept(project, server, capsys):
    server.routes["/big"] = Route(indeed_xml([feed_job(n) for n in range(20_000)]))
    add_feed(project, server.url("/big"))

    status, out, _ = fetch_jobs(project, capsys)

    assert status == 0
    assert "Read 20000 jobs: kept 20000, skipped 0." in out
    assert len(project.load().open_jobs) == 20_000 + 9


class _CountingReader:
    """A file that remembers how far it has been read."""

    def __init__(self, data: bytes):
        import io

        self.inner, self.size = io.BytesIO(data), len(data)

    def read(self, size: int = -1) -> bytes:
        return self.inner.read(size)

    @property
    def position(self) -> int:
        return self.inner.tell()


@pytest.mark.parametrize("form, body", [("indeed-xml", indeed_xml), ("jobposting-json", jobposting_json)])
def test_both_readers_stream_one_job_at_a_time(form, body):
    handle = _CountingReader(body([feed_job(n) for n in range(3000)]))
    records = read_records(handle, form)

    first = next(records)

    assert first["reference"] == "LMX-00000"
    assert handle.position < handle.size / 10  # the first job arrives long before the document is read
    assert sum(1 for _ in records) == 2999


# --- the build ------------------------------------------------------------------------------------


def test_a_stale_snapshot_shows_no_feed_job_and_fails_nothing(project, server, capsys):
    server.routes["/feed"] = Route(indeed_xml(good_jobs()))
    add_feed(project, server.url("/feed"), max_age_days="2")
    assert fetch_jobs(project, capsys)[0] == 0

    content = project.load(NOW.replace(day=30))

    assert not [job for job in content.open_jobs if job.from_feed]
    assert content.feed.notice.startswith("Job feed: no feed job is shown: the snapshot was last fetched 2026-11-27, 3 days")
    assert [job for job in project.load(NOW.replace(day=29)).open_jobs if job.from_feed]


def test_a_missing_snapshot_shows_no_feed_job_and_says_how_to_get_one(project):
    add_feed(project, "https://jobs.example.test/feed.xml")

    content = project.load()

    assert not [job for job in content.open_jobs if job.from_feed]
    assert "does not exist yet (run 'blog jobs fetch')" in content.feed.notice


def test_an_id_in_both_the_feed_and_data_jobs_is_an_error_naming_both(project, server, capsys):
    server.routes["/feed"] = Route(indeed_xml([feed_job(1, referencenumber="BOS-WH-0142"), feed_job(2)]))
    add_feed(project, server.url("/feed"))
    assert fetch_jobs(project, capsys)[0] == 0

    problems = [str(p) for p in project.problems()]

    assert problems == [
        "data/jobs.yml:3: id: 'bos-wh-0142' is also the id of feed job BOS-WH-0142 in the job feed's snapshot; "
        "ids must be unique: give this job another id",
    ]


@pytest.mark.parametrize("block, expected", [
    ("  feed:\n    url: /etc/jobs.xml\n    format: indeed-xml\n",
     "data/site.yml:21: jobs.feed.url: '/etc/jobs.xml' is neither an http(s):// address nor a path inside the project folder, such as feeds/jobs.xml"),
    ("  feed:\n    url: https://jobs.example.test/feed.xml\n    format: indeed\n",
     "data/site.yml:22: jobs.feed.format: 'indeed' is not a feed format (did you mean 'indeed-xml'?); use indeed-xml or jobposting-json"),
    ("  feed:\n    url: https://jobs.example.test/feed.xml\n    format: indeed-xml\n    max_age_days: 0\n",
     "data/site.yml:23: jobs.feed.max_age_days: must be a whole number from 1 to 60, not '0'"),
    ("  feed:\n    url: https://jobs.example.test/feed.xml\n    format: indeed-xml\n    job_types:\n      Warehouse: warehous\n",
     "data/site.yml:24: jobs.feed.job_types.Warehouse: 'warehous' is no tag's job_type in data/tags.yml (did you mean 'warehouse'?); known job types: construction, seasonal, temp, warehouse"),
    ("  feed:\n    url: https://jobs.example.test/feed.xml\n    format: indeed-xml\n    max_age: 3\n",
     "data/site.yml:23: jobs.feed.max_age: unknown field 'max_age' (did you mean 'max_age_days'?)"),
    ("  feed:\n    format: indeed-xml\n",
     "data/site.yml:20: jobs.feed.url: is missing; add 'url:'"),
])
def test_feed_settings_are_checked_with_file_line_and_field(project, block, expected):
    site = project.root / "data" / "site.yml"
    site.write_text(site.read_text().replace("  job_type_param: type\n", "  job_type_param: type\n" + block), encoding="utf-8")
    feed_line = site.read_text().splitlines().index("  feed:") + 1
    path, line, rest = expected.split(":", 2)  # lines in the cases count from 20 for "  feed:"

    assert [str(p) for p in project.problems()] == [f"{path}:{int(line) - 20 + feed_line}:{rest}"]


def test_report_shows_the_snapshots_age_counts_and_skipped_jobs(project, server, capsys):
    server.routes["/feed"] = Route(indeed_xml([feed_job(1), feed_job(2, title=None), feed_job(3)]))
    add_feed(project, server.url("/feed"))
    assert fetch_jobs(project, capsys)[0] == 0

    assert main(["report", "--root", str(project.root)]) == 0
    lines = capsys.readouterr().out.splitlines()

    assert lines[2:6] == [
        f"Job feed: {server.url('/feed')}",
        "  snapshot .cache/jobs/feed.json, last fetched 2026-11-27T12:00:00+00:00, 0 days old: shown",
        "  read 3, kept 2, skipped 1; 2 open on the build date",
        "  feed job LMX-00002: title: is missing",
    ]
    assert main(["report", "--json", "--root", str(project.root)]) == 0
    feed = json.loads(capsys.readouterr().out)["feed"]
    assert (feed["kept"], feed["skipped"], feed["shown"]) == (2, ["feed job LMX-00002: title: is missing"], True)


# --- publishing -----------------------------------------------------------------------------------


def _fetch_step(spec: dict) -> dict:
    return next(s for s in spec["jobs"]["build"]["steps"] if "blog jobs fetch" in s.get("run", ""))


@pytest.mark.parametrize("feed_works", [True, False])
def test_the_publish_workflow_fetches_before_building_and_goes_on_when_the_fetch_fails(project, server, feed_works, tmp_path):
    import os
    import subprocess

    import yaml

    from conftest import REPO

    spec = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    steps = spec["jobs"]["build"]["steps"]
    names = [s.get("run", "") + s.get("uses", "") for s in steps]
    fetch_at = names.index(_fetch_step(spec)["run"])
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/jobs" and cache["with"]["restore-keys"] == "jobfeed-"
    assert steps.index(cache) < fetch_at < names.index("make site")
    assert _fetch_step(spec)["env"]["JOBS_FEED_URL"] == "${{ vars.JOBS_FEED_URL }}"

    # The step's own script, run as the runner runs it (bash -e), on the project with its .venv.
    server.routes["/feed"] = Route(indeed_xml(good_jobs()) if feed_works else b"", status=200 if feed_works else 404)
    add_feed(project, server.url("/feed"))
    (project.root / ".venv").symlink_to(REPO / ".venv")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "JOBS_FEED_URL": ""}
    done = subprocess.run(["bash", "-e", "-c", _fetch_step(spec)["run"]], cwd=project.root, env=env,
                          capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr  # the publish goes on either way
    text = summary.read_text()
    assert text.startswith("## Job feed\n")
    if feed_works:
        assert "Read 4 jobs: kept 4" in text and "could not be fetched" not in text
    else:
        assert "**The job feed could not be fetched.**" in text and "HTTP 404" in text
        assert "::warning title=Job feed::" in done.stdout


def test_a_feed_job_near_a_hashtags_place_is_no_problem_of_data_jobs(project, server, capsys):
    """The editor's facet check is about data/jobs.yml: a feed job's place comes from the feed and its mappings."""
    server.routes["/feed"] = Route(indeed_xml([feed_job(1, city="Bostn", state="MA")]))
    add_feed(project, server.url("/feed"))
    assert fetch_jobs(project, capsys)[0] == 0

    feed_jobs = [job for job in project.load().open_jobs if job.from_feed]

    assert [job.location for job in feed_jobs] == ["Bostn, MA"]
