"""The job board and callouts once the feed's snapshot is in: a real build, read as readers get it."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit


from careerblog.board import PAGE_SIZE, plan_board
from careerblog.cli import main
from careerblog.models import Job
from jobfeeds import add_feed, feed_job, indeed_xml
from sitebuild import EPOCH, Site, build_site, resolve

POST = "/blog/missed-your-interview/"  # tagged BaltimoreTempJobs, BostonWarehouseJobs, TempJobsBoston
DIRTY = ('<p onclick="steal()">Lift <em>safely</em><script>alert(1)</script></p>'
         '<ul><li><a href="javascript:alert(2)">x</a></li><li>Weekly pay</li></ul>')


def fetched_site(project, tmp_path, monkeypatch, **settings) -> Site:
    """The project with a feed file fetched into its snapshot, built strictly on 27 November 2026."""
    jobs = [feed_job(n) for n in range(1, 9)] + [feed_job(9, description=DIRTY, referencenumber="LMX-DIRTY")]
    project.write("feeds/jobs.xml", indeed_xml(jobs).decode())
    add_feed(project, "feeds/jobs.xml", **settings)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert main(["jobs", "fetch", "--root", str(project.root)]) == 0
    return Site(build_site(project.root, tmp_path / "out"))


def test_feed_jobs_join_the_board_by_location_and_type_and_open_the_ats_page(buildable, tmp_path, monkeypatch):
    site = fetched_site(buildable, tmp_path, monkeypatch)

    index = site.html("/jobs/")
    places = [a.get_text(strip=True) for a in index.select("a[data-location]")]
    assert places == ["Baltimore, MD", "Boston, MA", "Worcester, MA"]
    boston = site.html("/jobs/boston-ma/")
    sections = [s["data-section-type"] for s in boston.select("[data-section-type]")]
    assert sections == ["construction", "temp", "warehouse"]
    feed_link = boston.select_one('a[data-job="lmx-00004"]')  # Dorchester, MA, mapped to Boston, MA
    assert feed_link["href"] == "https://jobs.example.test/apply/LMX-00004"
    assert not site.exists("/jobs/lmx-00004/")  # the ATS's page is the job's page
    chips = {a["data-filter-type"]: a["href"] for a in boston.select("a[data-filter-type]")}
    assert chips["warehouse"] == "#type-warehouse" and boston.select_one("#type-warehouse")
    worcester = site.html("/jobs/worcester-ma/")
    assert [s["data-section-type"] for s in worcester.select("[data-section-type]")] == ["other"]
    # No JavaScript: the type filter on /jobs/ links to a page per type, listing its locations.
    warehouse_href = index.select_one('a[data-filter-type="warehouse"]')["href"]
    warehouse = site.html(resolve("/jobs/", warehouse_href))
    assert [a.get_text(strip=True) for a in warehouse.select("a[data-location]")] == ["Baltimore, MD", "Boston, MA"]
    # The sitemap lists the board's pages, never a feed job.
    sitemap = site.path("/sitemap.xml").read_text()
    assert "/jobs/boston-ma/" in sitemap and "lmx-" not in sitemap


def test_callouts_match_feed_jobs_through_the_mapped_facets(buildable, tmp_path, monkeypatch):
    site = fetched_site(buildable, tmp_path, monkeypatch)

    callout = site.html(POST).select_one("[data-jobs-callout]")
    links = [(a["data-job"], a["href"]) for a in callout.select("a[data-job]")]

    # Place and type both match, newest first: a hand-written Baltimore temp job (23 November), then feed
    # jobs of 20 November: Baltimore "Light Industrial" (mapped to temp) and Dorchester, MA (mapped to
    # Boston, MA) "Warehouse".
    assert [job for job, _ in links] == ["bal-tmp-0318", "lmx-00001", "lmx-00004"]
    assert links[1][1] == "https://jobs.example.test/apply/LMX-00001"
    assert resolve(POST, links[0][1]) == "/jobs/bal-tmp-0318/"


def test_feed_job_pages_when_asked_carry_the_cleaned_description_in_page_and_json_ld(buildable, tmp_path, monkeypatch):
    site = fetched_site(buildable, tmp_path, monkeypatch, pages="true")

    page = site.html("/jobs/lmx-dirty/")
    article = page.select_one("[data-job-page]")
    assert "<script" not in str(article) and "onclick" not in str(article) and "javascript:" not in str(article)
    assert article.select_one(".cb-job-description em").get_text() == "safely"
    postings = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    posting = next(p for p in postings if p.get("@type") == "JobPosting")
    assert posting["description"] == (
        "<p>Lift <em>safely</em></p><ul><li><a rel=\"nofollow noopener noreferrer\">x</a></li><li>Weekly pay</li></ul>")
    assert posting["jobLocation"]["address"]["addressLocality"] == "Baltimore"
    board_link = site.html("/jobs/baltimore-md/").select_one('a[data-job="lmx-dirty"]')
    assert resolve("/jobs/baltimore-md/", board_link["href"]) == "/jobs/lmx-dirty/"


def test_a_stale_snapshot_hides_feed_jobs_says_so_once_and_the_strict_build_passes(buildable, tmp_path, monkeypatch, caplog):
    jobs = [feed_job(n) for n in range(1, 5)]
    buildable.write("feeds/jobs.xml", indeed_xml(jobs).decode())
    add_feed(buildable, "feeds/jobs.xml", max_age_days="3")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) - 5 * 86400))  # fetched five days before the build
    assert main(["jobs", "fetch", "--root", str(buildable.root)]) == 0

    with caplog.at_level(logging.INFO, logger="mkdocs"):
        site = Site(build_site(buildable.root, tmp_path / "out"))

    notices = [r for r in caplog.records if "Job feed:" in r.getMessage()]
    assert len(notices) == 1 and notices[0].levelno == logging.INFO
    assert "last fetched 2026-11-22, 5 days before the build date, more than max_age_days (3)" in notices[0].getMessage()
    assert "jobs.example.test" not in site.text_of_all_files()
    assert len(site.html("/jobs/").select("a[data-location]")) == 2  # the hand-written jobs' places


# --- the board's plan, in the core ----------------------------------------------------------------


def _job(number: int, location: str, job_type: str) -> Job:
    posted = datetime(2026, 11, 1, tzinfo=timezone.utc) + timedelta(minutes=number)
    return Job(
        id=f"job-{number}", title=f"Job {number}", location=location, job_type=job_type, employment_type="TEMPORARY",
        posted=posted, valid_through=posted + timedelta(days=30), apply_url="https://ats.test/", description="x",
        reference=f"J{number}", has_page=False,
    )


def test_a_big_location_is_paged_and_type_links_go_to_the_page_where_their_section_starts():
    jobs = [_job(n, "Baltimore, MD", "temp" if n % 4 else "warehouse") for n in range(PAGE_SIZE * 2 + 50)]
    jobs += [_job(10_000, "Boston, MA", "")]

    board = plan_board(jobs, "LaborMAX")

    baltimore = board.location_of("Baltimore, MD")
    pages = [p for p in board.pages if p.location == baltimore]
    assert [p.url for p in pages] == ["jobs/baltimore-md/", "jobs/baltimore-md/page/2/", "jobs/baltimore-md/page/3/"]
    assert sum(len(s.jobs) for p in pages for s in p.sections) == PAGE_SIZE * 2 + 50
    links = {t.job_type.name: t.url for t in baltimore.types}
    assert links == {"temp": "jobs/baltimore-md/#type-temp", "warehouse": "jobs/baltimore-md/page/2/#type-warehouse"}
    assert pages[1].sections[0].continued and not pages[1].sections[1].continued
    assert [t.label for t in board.types] == ["Temp", "Warehouse", "Other"]
    assert board.location_of("Boston, MA").types[0].job_type.slug == "other"
    assert len(board.newest) == 20 and board.newest[0].id == "job-10000"


def test_a_location_whose_slug_is_a_job_id_gets_another_url():
    board = plan_board([_job(1, "Baltimore, MD", "temp")], "LaborMAX", taken={"baltimore-md"})
    assert board.location_of("Baltimore, MD").url == "jobs/baltimore-md-2/"


def test_the_page_plan_claims_the_board_of_today_and_of_jobs_posted_later():
    from careerblog.board import board_claims, board_of

    now = datetime(2026, 11, 10, tzinfo=timezone.utc)
    later = replace(_job(2, "Denver, CO", "driver"), posted=now + timedelta(days=3))
    jobs = [_job(1, "Boston, MA", "temp"), later, replace(_job(3, "Tampa, FL", "temp"), valid_through=now - timedelta(days=1))]

    board = board_of(jobs, now, "LaborMAX")
    claimed = dict(board_claims(board, jobs, now, "LaborMAX"))

    assert [loc.name for loc in board.locations] == ["Boston, MA"]  # built today: the open job only
    assert claimed == {"jobs/boston-ma/": "Jobs in Boston, MA", "jobs/denver-co/": "Jobs in Denver, CO",
                       "jobs/type/temp/": "Temp jobs", "jobs/type/driver/": "Driver jobs"}  # never an expired job's


def test_board_pages_that_go_with_the_jobs_do_not_stop_the_publish():
    """`blog check --published` lists a vanished place, type or page of the board as gone on purpose."""
    from careerblog.redirects import compare_published

    gone = ["jobs/worcester-ma/", "jobs/boston-ma/page/3/", "jobs/type/driver/", "jobs/lmx-00412/"]
    checked = compare_published(["jobs/", *gone], live=["jobs/"], redirected=[], on_purpose={})

    assert checked.missing == []
    assert [url for url, _ in checked.unpublished] == gone


# --- The callout's call-to-action says what its jobs are ------------------------------------------


def test_the_call_to_action_filters_by_what_made_the_first_job_a_match():
    from careerblog.job_callout import cta_filter, cta_label, internal_board_link
    from careerblog.jobs import Facets, JobIndex

    jobs = [_job(1, "Boston, MA", "warehouse"), _job(2, "Boston, MA", "temp"), _job(3, "Denver, CO", "temp")]
    board, index = plan_board(jobs, "LaborMAX"), JobIndex(jobs)

    def cta(*pairs):
        facets = Facets(pairs)
        location, job_type = cta_filter(index.match(facets, 3), facets)
        return cta_label(location, job_type), internal_board_link(board, location, job_type)

    # No Baltimore job is open: the callout shows Boston's warehouse job, and says so, not "in Baltimore".
    assert cta(("Baltimore, MD", "warehouse")) == ("See all warehouse jobs", "jobs/type/warehouse/")
    assert cta(("Baltimore, MD", None), ("Boston, MA", None)) == ("See all jobs in Boston, MA", "jobs/boston-ma/")
    assert cta(("Boston, MA", "temp")) == ("See all temp jobs in Boston, MA", "jobs/boston-ma/#type-temp")
    assert cta(("Baltimore, MD", None)) == ("See all open jobs", "jobs/")  # nothing matches: no job, no filter
    assert cta() == ("See all open jobs", "jobs/")


def test_a_callout_showing_jobs_elsewhere_does_not_name_the_posts_place(buildable, tmp_path):
    # Worcester has no open seed job: the callout shows warehouse jobs elsewhere (the type matches).
    buildable.append("data/tags.yml", "WorcesterWarehouseJobs:\n  location: Worcester, MA\n  job_type: warehouse\n")
    buildable.write_post("2026-11-01-worcester.md", title="Work in Worcester", tags=["WorcesterWarehouseJobs"])
    site = Site(build_site(buildable.root, tmp_path / "out"))

    callout = site.html("/blog/worcester/").select_one("[data-jobs-callout]")
    places = {a.find_next("span").get_text().split(" · ")[0] for a in callout.select("a[data-job]")}
    cta = callout.select_one("a[data-jobs-cta]")
    query = parse_qs(urlsplit(cta["href"]).query)
    assert places and "Worcester, MA" not in places
    assert cta.get_text(strip=True) == "See all warehouse jobs"
    assert query["type"] == ["warehouse"] and "location" not in query and query["utm_campaign"] == ["worcester"]
