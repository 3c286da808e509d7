"""Open jobs and the "Browse Available Jobs" callout (contract sections 4 and 8).

``data/jobs.yml`` lists the open positions; each mistake in it is reported with
file, line and field. A post's tags carry a location and a job type ("facets"):
the callout shows the open jobs that match them best, and links to the job
board filtered the same way, with UTM tags naming the post.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from careerblog import Problem
from careerblog.jobs import Facets, board_link, by_location, facets_of, match_jobs, match_score, open_jobs
from careerblog.models import Job, JobBoard, Organization, Post, Salary, Settings, Tag
from conftest import NOW

JOBS = "data/jobs.yml"
UTC = timezone.utc

# The first job of every test file: lines 1-10.
FIRST_JOB = {
    "id": "bos-wh-0142",
    "title": "Warehouse Associate",
    "location": "Boston, MA",
    "job_type": "warehouse",
    "employment_type": "TEMPORARY",
    "pay": '"$18-20/hr"',
    "posted": "2026-11-02",
    "valid_through": "2026-12-31",
    "apply_url": "https://www.labormax.com/find-a-job/?job=bos-wh-0142",
    "description": '"Pick, pack and ship orders for a regional grocery distributor."',
}
# The second job, changed by each test: its fields are on these lines.
SECOND_JOB = {
    "id": "bal-tmp-0310",                  # 11
    "title": "Temporary Production Worker",  # 12
    "location": "Baltimore, MD",           # 13
    "job_type": "temp",                    # 14
    "employment_type": "TEMPORARY",        # 15
    "pay": '"$16.50/hr"',                  # 16
    "posted": "2026-11-12",                # 17
    "valid_through": "2026-12-31",         # 18
    "apply_url": "https://www.labormax.com/find-a-job/?job=bal-tmp-0310",  # 19
    "description": '"Run packaging lines at a food manufacturer."',          # 20
}


def job_yaml(base: dict[str, str], **changes: str | None) -> str:
    """One list item; values are raw YAML, ``None`` leaves a field out, new keys go last."""
    values = {**base, **changes}
    lines = [f"{key}: {value}" for key, value in values.items() if value is not None]
    return "- " + "\n  ".join(lines) + "\n"


def write_jobs(project, **second: str | None) -> None:
    project.write(JOBS, job_yaml(FIRST_JOB) + job_yaml(SECOND_JOB, **second))


def assert_reported(problems: list[Problem], expected: list[tuple[str, int, str, str]]) -> None:
    """Exactly these problems (path, line, field), each message containing its phrase."""
    assert [(p.path, p.line, p.field) for p in problems] == [(path, line, field) for path, line, field, _ in expected], (
        "\n".join(str(p) for p in problems)
    )
    for problem, (_, _, _, phrase) in zip(problems, expected):
        assert phrase in problem.message, str(problem)


# The site's time zone (data/site.yml): a job's dates without a time are days there.
SITE_ZONE = ZoneInfo("America/New_York")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    """A moment on the site's clock."""
    return datetime(year, month, day, hour, minute, second, tzinfo=SITE_ZONE)


# --- data/jobs.yml, read and checked -------------------------------------------


def test_the_two_job_file_loads_both_jobs(project):
    write_jobs(project)

    content = project.load()

    assert [job.id for job in content.jobs] == ["bos-wh-0142", "bal-tmp-0310"]
    assert content.jobs[1] == Job(
        id="bal-tmp-0310", title="Temporary Production Worker", location="Baltimore, MD", job_type="temp",
        employment_type="TEMPORARY", posted=at(2026, 11, 12),
        valid_through=datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=SITE_ZONE),
        apply_url="https://www.labormax.com/find-a-job/?job=bal-tmp-0310",
        description="Run packaging lines at a food manufacturer.", pay="$16.50/hr",
        salary=Salary(16.5, None, "HOUR"),
    )
    assert content.jobs[1].url == "jobs/bal-tmp-0310/"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"id": "Bal_TMP_0310"}, (11, "id", "'Bal_TMP_0310' is not an id; use lower-case letters, digits and hyphens"), id="id-not-a-slug"),
        pytest.param({"id": "bal tmp"}, (11, "id", "'bal tmp' is not an id"), id="id-with-space"),
        pytest.param({"id": "bos-wh-0142"}, (11, "id", "'bos-wh-0142' is the id of another job already; ids must be unique"), id="id-twice"),
        pytest.param({"employment_type": "SEASONAL"}, (15, "employment_type", "'SEASONAL' is not one of FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY"), id="employment-type-unknown"),
        pytest.param({"employment_type": "temporary"}, (15, "employment_type", "'temporary' is not one of FULL_TIME"), id="employment-type-lower-case"),
        pytest.param({"apply_url": "http://www.labormax.com/find-a-job/"}, (19, "apply_url", "must start with https://"), id="apply-url-http"),
        pytest.param({"apply_url": "www.labormax.com/find-a-job/"}, (19, "apply_url", "must start with https://"), id="apply-url-no-scheme"),
        pytest.param({"apply_url": "mailto:jobs@labormax.com"}, (19, "apply_url", "must start with https://"), id="apply-url-mailto"),
        pytest.param({"posted": "2026-02-30"}, (17, "posted", "must be a date such as 2024-08-10"), id="posted-impossible-date"),
        pytest.param({"posted": "last week"}, (17, "posted", "must be a date such as 2024-08-10 (a time may follow"), id="posted-not-a-date"),
        pytest.param({"valid_through": "soon"}, (18, "valid_through", "must be a date such as 2024-08-10"), id="valid-through-not-a-date"),
        pytest.param({"valid_through": "2026-11-11"}, (18, "valid_through", "is before 'posted'; the job would never be open"), id="valid-through-before-posted"),
        pytest.param({"titel": "Packer"}, (21, "titel", "unknown field 'titel' (did you mean 'title'?)"), id="unknown-field-suggested"),
        pytest.param({"salary": '"$16/hr"'}, (21, "salary", "unknown field 'salary' (known fields: id, title, location"), id="unknown-field-listed"),
        pytest.param({"title": "x" * 91}, (12, "title", "is 91 characters long; keep it to 90 at most"), id="title-too-long"),
        pytest.param({"title": '""'}, (12, "title", "is 0 characters long; write at least 1"), id="title-empty"),
        pytest.param({"pay": "[16, 18]"}, (16, "pay", "must be text, not a list"), id="pay-not-text"),
    ],
)
def test_each_broken_job_rule_names_file_line_and_field(project, changes, expected):
    write_jobs(project, **changes)

    line, field, phrase = expected
    assert_reported(project.problems(), [(JOBS, line, field, phrase)])


@pytest.mark.parametrize(
    "field", ["id", "title", "location", "job_type", "employment_type", "posted", "valid_through", "apply_url", "description"],
)
def test_a_missing_required_field_is_reported_on_the_jobs_first_line(project, field):
    write_jobs(project, **{field: None})

    assert_reported(project.problems(), [(JOBS, 11, field, f"is missing; add '{field}:'")])


def test_pay_may_be_left_out(project):
    write_jobs(project, pay=None)

    assert project.load().jobs[1].pay == ""


def test_every_broken_job_is_reported_together(project):
    project.write(JOBS, job_yaml(FIRST_JOB, apply_url="http://x.example") + job_yaml(SECOND_JOB, employment_type="GIG", id="BAD"))

    assert_reported(project.problems(), [
        (JOBS, 9, "apply_url", "must start with https://"),
        (JOBS, 11, "id", "'BAD' is not an id"),
        (JOBS, 15, "employment_type", "'GIG' is not one of"),
    ])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("id: bos-wh-0142\ntitle: Packer\n", (1, "file", "must be a list of jobs, each starting with '- id: ...'"), id="a-mapping"),
        pytest.param("# one open job\n- just a title\n", (2, "file", "must be a job: a mapping starting with 'id:', not 'just a title'"), id="item-not-a-mapping"),
    ],
)
def test_a_jobs_file_of_the_wrong_shape_is_reported(project, text, expected):
    project.write(JOBS, text)

    line, field, phrase = expected
    assert_reported(project.problems(), [(JOBS, line, field, phrase)])


def test_a_blog_without_a_jobs_file_has_no_jobs(project):
    (project.root / JOBS).unlink()

    content = project.load()

    assert content.jobs == ()
    assert content.open_jobs == ()


def test_a_jobs_file_with_only_comments_has_no_jobs(project):
    project.write(JOBS, "# No open positions this week.\n")

    assert project.load().jobs == ()


# --- Open from posted through valid_through ------------------------------------


@pytest.fixture
def the_job(project):
    """bal-tmp-0310: posted 2026-11-12, valid through 2026-12-31 (dates only)."""
    write_jobs(project)
    return project.load().jobs[1]


@pytest.mark.parametrize(
    ("now", "is_open"),
    [
        (at(2026, 11, 11, 23, 59, 59), False),   # the day before it is posted
        (at(2026, 11, 12), True),                # from the first moment of the posted day
        (at(2026, 11, 27, 12), True),
        (at(2026, 12, 31), True),
        (at(2026, 12, 31, 23, 59, 59), True),    # through the whole last day
        (at(2027, 1, 1), False),                 # closed the day after
        (at(2027, 6, 1), False),
    ],
)
def test_a_job_is_open_from_posted_through_the_whole_valid_through_day(the_job, now, is_open):
    assert the_job.is_open(now) is is_open
    assert (open_jobs([the_job], now) == [the_job]) is is_open


def test_a_valid_through_with_a_time_closes_at_that_moment(project):
    write_jobs(project, valid_through="2026-12-31T17:00:00-05:00")
    job = project.load().jobs[1]

    assert job.is_open(at(2026, 12, 31, 17)) is True
    assert job.is_open(at(2026, 12, 31, 17, 0, 1)) is False


def test_open_jobs_follow_the_build_date(project):
    write_jobs(project, posted="2026-12-01")

    assert [job.id for job in project.load(now=NOW).open_jobs] == ["bos-wh-0142"]
    assert [job.id for job in project.load(now=at(2026, 12, 15)).open_jobs] == ["bos-wh-0142", "bal-tmp-0310"]
    assert project.load(now=at(2027, 1, 1)).open_jobs == ()


# --- Facets and matching -------------------------------------------------------

TAGS = {
    "InterviewTips": Tag("InterviewTips", "interview-tips"),
    "BaltimoreTempJobs": Tag("BaltimoreTempJobs", "baltimore-temp-jobs", location="Baltimore, MD", job_type="temp"),
    "BostonWarehouseJobs": Tag("BostonWarehouseJobs", "boston-warehouse-jobs", location="Boston, MA", job_type="warehouse"),
    "TempJobsBoston": Tag("TempJobsBoston", "temp-jobs-boston", location="Boston, MA", job_type="temp"),
    "ConstructionJobs": Tag("ConstructionJobs", "construction-jobs", job_type="construction"),
    "BostonJobs": Tag("BostonJobs", "boston-jobs", location="Boston, MA"),
}


def a_post(*tags: str, job_tags: tuple[str, ...] = ()) -> Post:
    return Post(source="blog/posts/p.md", line_of={}, slug="missed-your-interview", tags=tags, job_tags=job_tags)


def test_facets_come_from_the_posts_tags_that_have_them():
    facets = facets_of(a_post("InterviewTips", "BaltimoreTempJobs", "BostonWarehouseJobs", "TempJobsBoston"), TAGS)

    assert facets.pairs == (("Baltimore, MD", "temp"), ("Boston, MA", "warehouse"), ("Boston, MA", "temp"))
    assert facets.locations == ["Baltimore, MD", "Boston, MA"]
    assert facets.job_types == ["temp", "warehouse"]


def test_jobs_tags_steer_the_facets_instead_of_the_posts_tags():
    facets = facets_of(a_post("BaltimoreTempJobs", job_tags=("ConstructionJobs", "BostonJobs")), TAGS)

    assert facets.pairs == ((None, "construction"), ("Boston, MA", None))
    assert (facets.locations, facets.job_types) == (["Boston, MA"], ["construction"])


def test_tags_without_facets_give_no_facets():
    assert facets_of(a_post("InterviewTips", "NotInTheTagFile"), TAGS) == Facets(())
    assert facets_of(a_post(), TAGS).pairs == ()


def job(job_id: str, location: str, job_type: str, posted: str = "2026-11-01") -> Job:
    day = datetime.fromisoformat(posted).replace(tzinfo=UTC)
    return Job(job_id, job_id.title(), location, job_type, "TEMPORARY", day, day + timedelta(days=60),
               f"https://jobs.example.com/{job_id}", "A job.")


BOSTON_WAREHOUSE = Facets((("Boston, MA", "warehouse"), (None, "construction")))


@pytest.mark.parametrize(
    ("location", "job_type", "score"),
    [
        ("Boston, MA", "warehouse", 3),      # one tag names both its place and its type
        ("Boston, MA", "temp", 2),           # its place
        ("Boston, MA", "construction", 2),   # place and type, but from two different tags
        ("Baltimore, MD", "construction", 1),  # its type only
        ("Baltimore, MD", "warehouse", 1),
        ("Baltimore, MD", "temp", 0),
        ("boston, ma", "Warehouse", 0),      # facets match exactly as written
    ],
)
def test_match_score(location, job_type, score):
    assert match_score(job("j", location, job_type), BOSTON_WAREHOUSE) == score


def test_match_jobs_ranks_by_score_then_newest_then_id_and_stops_at_count():
    jobs = [
        job("bal-con-1", "Baltimore, MD", "construction", "2026-11-25"),  # 1
        job("bos-tmp-1", "Boston, MA", "temp", "2026-11-20"),             # 2
        job("bos-wh-2", "Boston, MA", "warehouse", "2026-11-02"),         # 3
        job("bos-wh-1", "Boston, MA", "warehouse", "2026-11-10"),         # 3, newer
        job("bos-wh-0", "Boston, MA", "warehouse", "2026-11-10"),         # 3, same day: by id
        job("bal-tmp-1", "Baltimore, MD", "temp", "2026-11-26"),          # 0: never shown
    ]

    assert [j.id for j in match_jobs(jobs, BOSTON_WAREHOUSE, 10)] == ["bos-wh-0", "bos-wh-1", "bos-wh-2", "bos-tmp-1", "bal-con-1"]
    assert [j.id for j in match_jobs(jobs, BOSTON_WAREHOUSE, 2)] == ["bos-wh-0", "bos-wh-1"]
    assert match_jobs(jobs, BOSTON_WAREHOUSE, 0) == []
    assert match_jobs(jobs, Facets(()), 3) == []


# --- The link to the job board -------------------------------------------------


def settings(board: JobBoard | None) -> Settings:
    return Settings(Organization("LaborMAX"), job_board=board)


BOARD = JobBoard("https://www.labormax.com/find-a-job/")
UTM = "utm_source=blog&utm_medium=callout&utm_campaign=missed-your-interview"


@pytest.mark.parametrize(
    ("board", "facets", "link"),
    [
        pytest.param(BOARD, Facets((("Baltimore, MD", "temp"), ("Boston, MA", "warehouse"))),
                     f"https://www.labormax.com/find-a-job/?location=Baltimore%2C+MD&type=temp&{UTM}", id="first-location-and-type"),
        pytest.param(BOARD, Facets(((None, "construction"), ("Boston, MA", None))),
                     f"https://www.labormax.com/find-a-job/?location=Boston%2C+MA&type=construction&{UTM}", id="location-before-type"),
        pytest.param(BOARD, Facets(((None, "construction"),)),
                     f"https://www.labormax.com/find-a-job/?type=construction&{UTM}", id="type-only"),
        pytest.param(BOARD, Facets(()), f"https://www.labormax.com/find-a-job/?{UTM}", id="no-facets"),
        pytest.param(JobBoard("https://jobs.example.com/search?lang=en&sort=new", "city", "category"),
                     Facets((("Boston, MA", "warehouse"),)),
                     f"https://jobs.example.com/search?lang=en&sort=new&city=Boston%2C+MA&category=warehouse&{UTM}",
                     id="own-params-and-query-kept"),
    ],
)
def test_board_link_is_filtered_and_tagged_for_the_campaign(board, facets, link):
    assert board_link(settings(board), facets, "missed-your-interview") == link


def test_no_job_board_means_no_board_link():
    assert board_link(settings(None), Facets((("Boston, MA", "warehouse"),)), "missed-your-interview") is None


# --- Grouping for /jobs/ -------------------------------------------------------


def test_by_location_groups_alphabetically_newest_first_within():
    jobs = [
        job("wor-1", "Worcester, MA", "temp", "2026-11-20"),
        job("bos-1", "Boston, MA", "temp", "2026-11-01"),
        job("bal-2", "Baltimore, MD", "temp", "2026-11-03"),
        job("bos-2", "Boston, MA", "warehouse", "2026-11-21"),
        job("bal-1", "Baltimore, MD", "warehouse", "2026-11-03"),
    ]

    grouped = [(place, [j.id for j in group]) for place, group in by_location(jobs)]

    assert grouped == [
        ("Baltimore, MD", ["bal-1", "bal-2"]),
        ("Boston, MA", ["bos-2", "bos-1"]),
        ("Worcester, MA", ["wor-1"]),
    ]
    assert by_location([]) == []


# --- The real jobs and posts, on Friday 27 November 2026 -----------------------

SEED_OPEN = [
    "bos-wh-0142", "bos-wh-0157", "bos-tmp-0088", "bos-tmp-0091", "bos-con-0023",
    "bal-tmp-0310", "bal-tmp-0318", "bal-wh-0204", "bal-con-0077",
]


def seed(project):
    content = project.load()
    posts = {post.slug: post for post in content.visible}
    return content, posts


def test_the_closed_seed_job_is_not_open(project):
    content, _ = seed(project)

    assert len(content.jobs) == 10
    assert [job.id for job in content.open_jobs] == SEED_OPEN
    closed = next(job for job in content.jobs if job.id == "bal-tmp-0295")
    assert closed.valid_through == datetime(2026, 11, 15, 23, 59, 59, 999999, tzinfo=SITE_ZONE)
    assert not closed.is_open(NOW)


def test_missed_your_interview_shows_baltimore_and_boston_temp_or_warehouse_jobs(project):
    content, posts = seed(project)
    facets = facets_of(posts["missed-your-interview"], content.tags)

    shown = match_jobs(list(content.open_jobs), facets, content.settings.jobs_count)

    assert [job.id for job in shown] == ["bal-tmp-0318", "bos-tmp-0088", "bos-wh-0157"]
    assert {(job.location, job.job_type) for job in shown} <= {
        ("Baltimore, MD", "temp"), ("Boston, MA", "temp"), ("Boston, MA", "warehouse"),
    }
    # Every job in those places matches; the tags' own place-and-type pairs first.
    assert [job.id for job in match_jobs(list(content.open_jobs), facets, 20)] == [
        "bal-tmp-0318", "bos-tmp-0088", "bos-wh-0157", "bal-tmp-0310", "bos-tmp-0091", "bos-wh-0142",
        "bal-con-0077", "bos-con-0023", "bal-wh-0204",
    ]
    assert board_link(content.settings, facets, "missed-your-interview") == (
        f"https://www.labormax.com/find-a-job/?location=Baltimore%2C+MD&type=temp&{UTM}"
    )


def test_seed_posts_without_place_facets(project):
    content, posts = seed(project)
    jobs = list(content.open_jobs)

    safety = facets_of(posts["construction-safety-week"], content.tags)
    assert [job.id for job in match_jobs(jobs, safety, 3)] == ["bal-con-0077", "bos-con-0023"]
    assert board_link(content.settings, safety, "construction-safety-week") == (
        "https://www.labormax.com/find-a-job/?type=construction"
        "&utm_source=blog&utm_medium=callout&utm_campaign=construction-safety-week"
    )
    # Summer jobs are 'seasonal': no open job, but the call-to-action still filters.
    summer = facets_of(posts["summer-jobs"], content.tags)
    assert match_jobs(jobs, summer, 3) == []
    assert "?type=seasonal&utm_source=blog" in board_link(content.settings, summer, "summer-jobs")
    # Job scams has no facets at all: the board, tagged only.
    scams = facets_of(posts["job-scams"], content.tags)
    assert match_jobs(jobs, scams, 3) == []
    assert board_link(content.settings, scams, "job-scams") == (
        "https://www.labormax.com/find-a-job/?utm_source=blog&utm_medium=callout&utm_campaign=job-scams"
    )


def test_a_posts_jobs_tags_steer_its_callout(project):
    project.write_post("warehouse.md", title="Warehouse Work in Boston", jobs={"tags": ["#BostonWarehouseJob"]})
    content, posts = seed(project)
    post = posts["warehouse"]

    assert post.job_tags == ("BostonWarehouseJobs",)  # the alias resolved
    shown = match_jobs(list(content.open_jobs), facets_of(post, content.tags), 3)
    assert [job.id for job in shown] == ["bos-wh-0157", "bos-wh-0142", "bos-tmp-0088"]


def test_the_seed_jobs_page_groups_by_place(project):
    content, _ = seed(project)

    grouped = [(place, [job.id for job in group]) for place, group in by_location(list(content.open_jobs))]

    assert grouped == [
        ("Baltimore, MD", ["bal-tmp-0318", "bal-con-0077", "bal-tmp-0310", "bal-wh-0204"]),
        ("Boston, MA", ["bos-tmp-0088", "bos-wh-0157", "bos-tmp-0091", "bos-con-0023", "bos-wh-0142"]),
    ]


def test_the_callout_index_ranks_exactly_as_scoring_every_job_would():
    """JobIndex reads a few lists instead of scoring 20,000 jobs per post: same jobs, same order."""
    import random

    from careerblog.jobs import JobIndex

    rng = random.Random(3)
    places, kinds = ["Boston, MA", "Baltimore, MD", "Denver, CO"], ["warehouse", "temp", "construction", ""]
    start = datetime(2026, 10, 1, tzinfo=timezone.utc)
    jobs = [
        Job(id=f"job-{n}", title="Job", location=rng.choice(places), job_type=rng.choice(kinds),
            employment_type="TEMPORARY", posted=start + timedelta(hours=rng.randint(0, 200)),
            valid_through=start + timedelta(days=90), apply_url="https://x.test/", description="x")
        for n in range(400)
    ]
    index = JobIndex(jobs)
    for _ in range(200):
        pairs = tuple((rng.choice(places + [None]), rng.choice(kinds[:3] + [None])) for _ in range(rng.randint(0, 3)))
        facets = Facets(tuple(p for p in pairs if p != (None, None)))
        count = rng.randint(0, 12)
        brute = sorted(((match_score(j, facets), j) for j in jobs if match_score(j, facets) > 0),
                       key=lambda sj: (-sj[0], -sj[1].posted.timestamp(), sj[1].id))
        assert [j.id for j in index.match(facets, count)] == [j.id for _, j in brute[:count]]
