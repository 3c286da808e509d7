"""Build stories for guides, related posts and job callouts (contract sections 5, 7, 8)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from sitebuild import Site, build_site, resolve

POST = "/blog/missed-your-interview/"
OTHER_SEED_POSTS = ["/blog/job-scams/", "/blog/construction-safety-week/", "/blog/summer-jobs/"]
SEED_JOB_PLACES = {"Baltimore, MD", "Boston, MA"}


def build(project, tmp_path) -> Site:
    return Site(build_site(project.root, tmp_path / "out"))


# --- related posts ---------------------------------------------------------------


def test_seed_post_ends_with_the_three_other_seed_posts(site):
    page = site.html(POST)
    related = page.select_one("[data-related-posts]")
    assert related.select_one("h2").get_text(strip=True) == "What's Happening"
    links = [resolve(POST, card.select_one("a[href]")["href"]) for card in related.select("[data-post-card]")]
    assert sorted(links) == sorted(OTHER_SEED_POSTS)


def test_every_published_post_has_related_posts_never_itself(site):
    for url in ["/blog/job-scams/", "/blog/summer-jobs/", "/blog/construction-safety-week/", POST]:
        cards = site.html(url).select("[data-related-posts] [data-post-card]")
        links = [resolve(url, c.select_one("a[href]")["href"]) for c in cards]
        assert len(links) == 3 and url not in links


def test_a_shared_tag_ranks_first_and_says_why(site):
    cards = site.html("/blog/job-scams/").select("[data-related-posts] [data-post-card]")
    assert resolve("/blog/job-scams/", cards[0].select_one("a")["href"]) == "/blog/summer-jobs/"
    assert "#JobSearchTips" in cards[0].select_one(".cb-card-because").get_text()


def test_pins_come_first_and_excluded_posts_never_show(buildable, tmp_path):
    buildable.write_post("2026-11-01-steered.md", title="Steered Post", tags=["JobSearchTips"],
                         related={"pin": ["construction-safety-week"], "exclude": ["summer-jobs"]})
    site = build(buildable, tmp_path)
    links = [resolve("/blog/steered/", c.select_one("a")["href"])
             for c in site.html("/blog/steered/").select("[data-related-posts] [data-post-card]")]
    assert links[0] == "/blog/construction-safety-week/"
    assert "/blog/summer-jobs/" not in links and "/blog/steered/" not in links
    assert "/blog/job-scams/" in links


# --- job callouts ----------------------------------------------------------------


def test_seed_post_callout_lists_matching_open_jobs_and_a_tracked_call_to_action(site):
    callout = site.html(POST).select_one("[data-jobs-callout]")
    assert callout.select_one("h2").get_text(strip=True) == "Browse Available Jobs"
    assert "Are you looking for work? LaborMAX can find you the right job." in callout.get_text()
    jobs = callout.select("a[data-job]")
    assert len(jobs) == 3
    for job in jobs:
        job_url = resolve(POST, job["href"])
        assert job_url == f"/jobs/{job['data-job']}/" and site.exists(job_url)
        assert job.find_next("span").get_text().split(" · ")[0] in SEED_JOB_PLACES
    cta = urlsplit(callout.select_one("a[data-jobs-cta]")["href"])
    query = parse_qs(cta.query)
    assert cta.scheme == "https" and query["location"] == ["Baltimore, MD"] and query["type"] == ["temp"]
    assert query["utm_source"] == ["blog"] and query["utm_medium"] == ["callout"]
    assert query["utm_campaign"] == ["missed-your-interview"]


def test_callout_follows_the_article(site):
    page = site.html(POST)
    callout = page.select_one("[data-jobs-callout]")
    assert callout.find_parent(class_="cb-post-body") is None
    assert callout.find_previous("article", class_="cb-post") is not None


def test_a_closed_job_appears_nowhere(site):
    assert "bal-tmp-0295" not in site.text_of_all_files()
    assert "Holiday Retail Stocker" not in site.text_of_all_files()


def test_jobs_page_lists_locations_and_each_location_page_its_open_jobs_by_type(site):
    page = site.html("/jobs/")
    places = [a.get_text(strip=True) for a in page.select("a[data-location]")]
    assert places == ["Baltimore, MD", "Boston, MA"]
    assert len(page.select("a[data-job]")) == 9  # the newest jobs: all nine open seed jobs
    boston = site.html(resolve("/jobs/", page.select("a[data-location]")[1]["href"]))
    assert [h.get_text(strip=True) for h in boston.select("section h2")] == ["Construction", "Temp", "Warehouse"]
    assert len(boston.select("a[data-job]")) == 5
    job = site.html("/jobs/bos-wh-0142/")
    assert job.select_one("h1").get_text(strip=True) == "Warehouse Associate"
    assert job.select_one("a.md-button")["href"].startswith("https://www.labormax.com/")


def test_jobs_marker_places_the_callout_inside_the_post(buildable, tmp_path):
    buildable.write_post("2026-11-01-marked.md", title="Marked Post", tags=["TempJobsBoston"],
                         body="First paragraph.\n\n<!-- jobs -->\n\nLast paragraph.\n")
    page = build(buildable, tmp_path).html("/blog/marked/")
    callouts = page.select("[data-jobs-callout]")
    assert len(callouts) == 1
    body = callouts[0].find_parent(class_="cb-post-body")
    assert body is not None
    assert callouts[0].find_previous("p").get_text() != "Last paragraph."
    assert callouts[0].find_next("p", string="Last paragraph.") is not None


def test_jobs_false_removes_the_callout_and_jobs_tags_steer_it(buildable, tmp_path):
    buildable.write_post("2026-11-01-no-jobs.md", title="No Jobs Here", jobs=False)
    buildable.write_post("2026-11-02-steered-jobs.md", title="Steered Jobs", tags=["InterviewTips"],
                         jobs={"tags": ["ConstructionJobs"]})
    site = build(buildable, tmp_path)
    assert site.html("/blog/no-jobs/").select_one("[data-jobs-callout]") is None
    jobs = site.html("/blog/steered-jobs/").select("[data-jobs-callout] a[data-job]")
    assert [a["data-job"] for a in jobs] == ["bal-con-0077", "bos-con-0023"]


def test_with_no_matching_job_the_call_to_action_stands_alone(buildable, tmp_path):
    buildable.write_post("2026-11-01-general.md", title="General Advice", tags=["InterviewTips"])
    callout = build(buildable, tmp_path).html("/blog/general/").select_one("[data-jobs-callout]")
    assert callout.select("a[data-job]") == [] and callout.select("ul") == []
    query = parse_qs(urlsplit(callout.select_one("a[data-jobs-cta]")["href"]).query)
    assert "location" not in query and query["utm_campaign"] == ["general"]


def test_editor_adds_a_location_tag_a_job_and_an_embed_without_code(buildable, tmp_path):
    buildable.append("data/tags.yml", "WorcesterWarehouseJobs:\n  location: Worcester, MA\n  job_type: warehouse\n")
    buildable.append("data/jobs.yml", """- id: wor-wh-0001
  title: Order Picker
  location: Worcester, MA
  job_type: warehouse
  employment_type: FULL_TIME
  posted: 2026-11-20
  valid_through: 2026-12-31
  apply_url: https://www.labormax.com/find-a-job/?job=wor-wh-0001
  description: "Pick orders with a handheld scanner in a clean, climate-controlled warehouse."
""")
    buildable.write_post("2026-11-25-worcester.md", title="Warehouse Work in Worcester",
                         tags=["WorcesterWarehouseJobs"],
                         body="Before your first shift:\n\n<!-- guide: apologize-by-email -->\n\nGood luck!\n")
    site = build(buildable, tmp_path)
    page = site.html("/blog/worcester/")
    assert [a["data-job"] for a in page.select("[data-jobs-callout] a[data-job]")][0] == "wor-wh-0001"
    assert site.exists("/tags/worcester-warehouse-jobs/") and site.exists("/jobs/wor-wh-0001/")
    embed = page.select_one('[data-guide-embed="apologize-by-email"]')
    assert "Apologize and accept responsibility." in embed.get_text()
    assert resolve("/blog/worcester/", embed.select_one("a.cb-guide-embed-link, p.cb-guide-embed-link a")["href"]) == "/guides/apologize-by-email/"
    also = site.html("/guides/apologize-by-email/").select(".cb-embedded-in a")
    assert [resolve("/guides/apologize-by-email/", a["href"]) for a in also] == ["/blog/worcester/"]
    assert [a.get_text() for a in also] == ["Warehouse Work in Worcester"]


# --- guides ----------------------------------------------------------------------


@pytest.mark.parametrize("guide, title, first_step", [
    ("apologize-by-phone", "Apologize by Phone", "Contact the employer immediately."),
    ("apologize-by-email", "Apologize by Email", "Apologize and accept responsibility."),
])
def test_seed_apology_sections_are_guide_pages_linking_back(site, guide, title, first_step):
    url = f"/guides/{guide}/"
    page = site.html(url)
    assert page.select_one("article h1").get_text(strip=True) == title
    assert page.select_one("article ol li strong").get_text() == first_step
    back = resolve(url, page.select_one("[data-guide-source]")["href"])
    assert back == f"{POST}#{guide}"
    assert site.html(POST).select_one(f"#{guide}") is not None
    assert [a["data-tag"] for a in page.select("a[data-tag]")][0] == "interview-tips"
    assert "Get Expert Job Search Advice" not in page.select_one("article").get_text()


def test_guides_index_lists_every_guide(site):
    links = [resolve("/guides/", a["href"]) for a in site.html("/guides/").select(".cb-guide-list > li > a")]
    assert links == ["/guides/apologize-by-email/", "/guides/apologize-by-phone/"]


def test_guide_keeps_its_subheadings_and_images(buildable, tmp_path):
    buildable.write_post("2026-11-01-with-guide.md", title="A Post With a Guide", body="""Intro.

## Prepare Your Outfit { .guide }

Lay it out the night before.

### Shoes

![Clean work boots beside a bag](../images/job-scams.svg)

```markdown
## Not a heading { .guide #fake }
```

## After the Guide

Not part of it.
""")
    site = build(buildable, tmp_path)
    page = site.html("/guides/prepare-your-outfit/")
    assert page.select_one("article h2").get_text(strip=True).startswith("Shoes")
    assert resolve("/guides/prepare-your-outfit/", page.select_one("article img")["src"]) == "/blog/images/job-scams.svg"
    assert "Not part of it." not in page.get_text()
    assert not site.exists("/guides/fake/")


def test_a_drafts_guides_are_not_published(buildable, tmp_path):
    buildable.write_post("2026-11-01-draft-guide.md", title="Draft With Guide", draft=True,
                         body="## Secret Steps { .guide #secret-steps }\n\nNot yet.\n")
    site = build(buildable, tmp_path)
    assert not site.exists("/guides/secret-steps/")
    assert "secret-steps" not in site.text_of_all_files()


@pytest.mark.parametrize("body, expected", [
    ("<!-- guide: apologize-by-fax -->\n", "docs/blog/posts/2026-11-01-bad.md:9: guide: no guide has the id 'apologize-by-fax' (did you mean 'apologize-by-email'?)"),
    ("## Loop { .guide #loop }\n\n<!-- guide: loop -->\n", "docs/blog/posts/2026-11-01-bad.md:9: guide: guides embed each other in a circle: loop -> loop"),
    ("## Apologize by Phone { .guide #apologize-by-phone }\n\nAgain.\n", "docs/blog/posts/2026-11-01-bad.md:9: guide: the id 'apologize-by-phone' is already a guide at docs/blog/posts/2024-08-10-missed-your-interview.md:20"),
])
def test_guide_mistakes_stop_the_build_naming_file_and_line(buildable, tmp_path, caplog, body, expected):
    from mkdocs.exceptions import Abort, PluginError

    buildable.write_post("2026-11-01-bad.md", body=body)
    with pytest.raises((PluginError, Abort)):
        build(buildable, tmp_path)
    assert expected in caplog.text


def test_a_guide_on_a_hand_written_page_links_back_to_it(buildable, tmp_path):
    buildable.append("docs/index.md", "\n## Dress for the Job { .guide #dress-for-the-job }\n\nClean, simple, comfortable.\n")
    buildable.write("docs/advice.md", "# Advice\n\n<!-- guide: dress-for-the-job -->\n")
    site = build(buildable, tmp_path)
    page = site.html("/guides/dress-for-the-job/")
    assert resolve("/guides/dress-for-the-job/", page.select_one("[data-guide-source]")["href"]) == "/#dress-for-the-job"
    assert [resolve("/guides/dress-for-the-job/", a["href"]) for a in page.select(".cb-embedded-in a")] == ["/advice/"]
    assert "Clean, simple, comfortable." in site.html("/advice/").select_one('[data-guide-embed="dress-for-the-job"]').get_text()
