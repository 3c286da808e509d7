"""Publishing stories: feed, structured data, link previews, sitemap, reproducible
output, no broken links, the CI workflow, and a build under ProperDocs."""

from __future__ import annotations

import re

import filecmp
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from pyld import jsonld

from sitebuild import EPOCH, REPO, Site, build_site, copy_machinery, resolve

SITE_URL = "https://blog.labormax.com/"
POST = "/blog/missed-your-interview/"
ATOM = "{http://www.w3.org/2005/Atom}"


def html_pages(site: Site) -> list[str]:
    return sorted("/" + p.relative_to(site.root).as_posix().removesuffix("index.html")
                  for p in site.root.rglob("*.html"))


def json_ld(site: Site, url: str) -> list[dict]:
    return [json.loads(s.string) for s in site.html(url).select('script[type="application/ld+json"]')]


def of_type(items: list[dict], kind: str) -> list[dict]:
    return [item for item in items if item.get("@type") == kind]


# --- feed --------------------------------------------------------------------------


def test_feed_lists_published_posts_newest_first_with_what_readers_need(site):
    root = ET.parse(site.path("/feed.xml")).getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}").text
    entries = root.findall(f"{ATOM}entry")
    links = [e.find(f"{ATOM}link[@rel='alternate']").get("href") for e in entries]
    assert links == [SITE_URL + u.lstrip("/") for u in
                     [POST, "/blog/job-scams/", "/blog/construction-safety-week/", "/blog/summer-jobs/"]]
    first = entries[0]
    assert first.find(f"{ATOM}title").text == "Oh No! You Missed Your Interview"
    assert first.find(f"{ATOM}published").text == "2024-08-10T00:00:00-04:00"
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Erin Helms"
    assert first.find(f"{ATOM}summary").text.startswith("How to apologize by phone")
    assert first.find(f"{ATOM}link[@rel='enclosure']").get("href") == SITE_URL + "blog/images/missed-interview.svg"
    assert root.find(f"{ATOM}updated").text == "2024-08-10T00:00:00-04:00"


def test_feed_parses_cleanly_as_feed_readers_parse_it(site):
    parsed = feedparser.parse(site.path("/feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [e.title for e in parsed.entries][0] == "Oh No! You Missed Your Interview"
    assert all(e.get("author") and e.get("summary") and e.get("published") for e in parsed.entries)


def test_every_page_links_the_feed(site):
    for url in html_pages(site):
        link = site.html(url).select_one('link[rel="alternate"][type="application/atom+xml"]')
        assert link is not None and resolve(url, link["href"]) == "/feed.xml", url


# --- structured data --------------------------------------------------------------


BLOG_POSTING = ("headline", "description", "datePublished", "dateModified", "author", "publisher", "image", "mainEntityOfPage")
JOB_POSTING = ("title", "description", "datePosted", "validThrough", "employmentType", "hiringOrganization", "jobLocation")


def test_post_carries_blog_posting_with_every_property(site):
    posting, = of_type(json_ld(site, POST), "BlogPosting")
    for prop in BLOG_POSTING:
        assert posting.get(prop), prop
    assert posting["headline"] == "Oh No! You Missed Your Interview"
    assert posting["datePublished"] == "2024-08-10T00:00:00-04:00"  # midnight in the site's time zone
    assert posting["author"] == [{"@type": "Person", "name": "Erin Helms", "url": SITE_URL + "authors/erin-helms/"}]
    assert posting["publisher"]["name"] == "LaborMAX"
    assert posting["image"] == SITE_URL + "blog/images/missed-interview.svg"
    assert posting["mainEntityOfPage"]["@id"] == SITE_URL + "blog/missed-your-interview/"
    crumbs, = of_type(json_ld(site, POST), "BreadcrumbList")
    assert [i["name"] for i in crumbs["itemListElement"]] == ["Home", "Blog", "Oh No! You Missed Your Interview"]


def test_home_page_names_the_employment_agency(site):
    agency, = of_type(json_ld(site, "/"), "EmploymentAgency")
    assert agency["name"] == "LaborMAX" and agency["url"].startswith("https://")


def test_job_pages_and_only_job_pages_carry_job_posting(site):
    job, = of_type(json_ld(site, "/jobs/bos-wh-0142/"), "JobPosting")
    for prop in JOB_POSTING:
        assert job.get(prop), prop
    assert job["employmentType"] == "TEMPORARY"
    assert job["validThrough"].startswith("2026-12-31T23:59:59")
    assert job["jobLocation"]["address"]["addressLocality"] == "Boston"
    assert job["jobLocation"]["address"]["addressRegion"] == "MA"
    assert job["baseSalary"]["value"] == {"@type": "QuantitativeValue", "minValue": 18.0, "maxValue": 20.0, "unitText": "HOUR"}
    for url in html_pages(site):
        if not url.startswith("/jobs/") or url == "/jobs/":
            assert of_type(json_ld(site, url), "JobPosting") == [], url


def test_structured_data_is_valid_json_ld(site):
    for url in (POST, "/", "/jobs/bos-wh-0142/"):
        for item in json_ld(site, url):
            expanded = jsonld.expand(item, {"documentLoader": _schema_context_loader})
            assert expanded and expanded[0]["@type"], url


# schema.org's own vocabulary for the types the site uses (tests/schema_org/README.md): @vocab
# expansion alone turns any key into a schema.org term, so a misspelled property would pass.
VOCABULARY = json.loads((Path(__file__).parent / "schema_org" / "vocabulary.json").read_text(encoding="utf-8"))


def vocabulary_problems(item, where: str = "") -> list[str]:
    """Every type schema.org does not define here, property its type does not accept, and
    nested object whose type is outside its property's range."""
    if isinstance(item, list):
        return [p for index, value in enumerate(item) for p in vocabulary_problems(value, f"{where}[{index}]")]
    if not isinstance(item, dict):
        return []
    kind = item.get("@type")
    if kind not in VOCABULARY["types"]:
        return [f"{where or 'top'}: @type {kind!r} is not a schema.org type known here"] if kind or not item.get("@id") else []
    accepted = VOCABULARY["types"][kind]["properties"]
    problems = []
    for key, value in item.items():
        if key.startswith("@"):
            continue
        if key not in accepted:
            problems.append(f"{where}.{key}: schema.org's {kind} has no property {key!r}")
            continue
        for nested in value if isinstance(value, list) else [value]:
            if isinstance(nested, dict) and nested.get("@type") in VOCABULARY["types"]:
                lineage = [nested["@type"], *VOCABULARY["types"][nested["@type"]]["supertypes"]]
                if not set(lineage) & set(VOCABULARY["properties"][key]["range"]):
                    problems.append(f"{where}.{key}: a {nested['@type']} is not in the range of {key}")
        problems += vocabulary_problems(value, f"{where}.{key}")
    return problems


def test_structured_data_uses_only_schema_orgs_vocabulary(site):
    checked = set()
    for url in html_pages(site):
        for item in json_ld(site, url):
            checked.add(item["@type"])
            assert vocabulary_problems(item) == [], url
    assert {"BlogPosting", "BreadcrumbList", "EmploymentAgency", "JobPosting"} <= checked


@pytest.mark.parametrize(("item", "problem"), [
    ({"@type": "BlogPosting", "headlin": "Oh No!"}, ".headlin: schema.org's BlogPosting has no property 'headlin'"),
    ({"@type": "JobPosting", "salary": "$18/hr"}, ".salary: schema.org's JobPosting has no property 'salary'"),
    ({"@type": "BlogPost", "headline": "Oh No!"}, "top: @type 'BlogPost' is not a schema.org type known here"),
    ({"@type": "BlogPosting", "author": {"@type": "PostalAddress", "addressRegion": "MA"}},
     ".author: a PostalAddress is not in the range of author"),
])
def test_the_vocabulary_check_fails_on_what_schema_org_does_not_define(item, problem):
    assert vocabulary_problems(item) == [problem]


def _schema_context_loader(url, options=None):
    # No network: schema.org's context maps every term into its vocabulary.
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}}}


def test_no_value_can_close_the_script(project, tmp_path):
    copy_machinery(project.root)
    project.write_post("2026-11-01-sneaky.md", title="Sneaky </script><script>alert(1)</script>")
    site = Site(build_site(project.root, tmp_path / "out"))
    raw = site.path("/blog/sneaky/").read_text()
    assert "</script><script>alert(1)" not in raw
    posting, = of_type(json_ld(site, "/blog/sneaky/"), "BlogPosting")
    assert posting["headline"] == "Sneaky </script><script>alert(1)</script>"


# --- link previews and canonical URLs ------------------------------------------------


def test_post_has_article_previews(site):
    page = site.html(POST)
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.select("meta[content]") if m.get("property") or m.get("name")}
    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Oh No! You Missed Your Interview"
    assert meta["og:url"] == SITE_URL + "blog/missed-your-interview/"
    # The drawn link-preview card (hooks/pictures.py), never the SVG hero.
    assert re.fullmatch(re.escape(SITE_URL) + r"assets/cards/blog-missed-your-interview\.[0-9a-f]{12}\.jpg", meta["og:image"])
    assert meta["article:published_time"] == "2024-08-10T00:00:00-04:00"
    assert meta["article:modified_time"] == "2024-08-10T00:00:00-04:00"
    assert [m["content"] for m in page.select('meta[property="article:tag"]')] == [
        "InterviewTips", "BaltimoreTempJobs", "BostonWarehouseJobs", "TempJobsBoston"]
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:title"] == meta["og:title"] and meta["twitter:image"] == meta["og:image"]
    assert meta["twitter:description"] == meta["og:description"]


def test_every_page_has_a_canonical_link_under_the_site_url(site):
    for url in html_pages(site):
        if url == "/404.html":
            continue
        canonical = site.html(url).select_one('link[rel="canonical"]')
        assert canonical is not None and canonical["href"] == SITE_URL + url.lstrip("/"), url


# --- sitemap, robots, 404 ------------------------------------------------------------


def test_sitemap_dates_come_from_content_not_the_build_day(site):
    root = ET.parse(site.path("/sitemap.xml")).getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    lastmod = {u.find(f"{ns}loc").text: (u.find(f"{ns}lastmod").text if u.find(f"{ns}lastmod") is not None else None)
               for u in root.findall(f"{ns}url")}
    # Midnight in the site's time zone (data/site.yml: America/New_York), with its offset.
    assert lastmod[SITE_URL + "blog/missed-your-interview/"] == "2024-08-10T00:00:00-04:00"
    assert lastmod[SITE_URL + "blog/summer-jobs/"] == "2024-03-18T00:00:00-04:00"
    assert lastmod[SITE_URL + "tags/job-search-tips/"] == "2024-07-15T00:00:00-04:00"
    assert lastmod[SITE_URL + "guides/apologize-by-phone/"] == "2024-08-10T00:00:00-04:00"
    assert lastmod[SITE_URL + "jobs/bos-wh-0142/"] == "2026-11-02T00:00:00-05:00"
    assert not any((value or "").startswith("2026-11-27") for value in lastmod.values()), "no page is stamped with the build day"


def test_robots_names_the_sitemap(site):
    assert f"Sitemap: {SITE_URL}sitemap.xml" in site.path("/robots.txt").read_text().splitlines()


def test_404_page_leads_to_the_blog_and_the_jobs(site):
    links = {a["href"] for a in site.html("/404.html").select("article a[href]")}
    assert {"/blog/", "/jobs/"} <= links


# --- reproducible, and nothing broken ----------------------------------------------------


def _build_in_subprocess(folder: Path, hash_seed: str) -> Path:
    shutil.copytree(REPO / "data", folder / "data")
    shutil.copytree(REPO / "docs", folder / "docs")
    copy_machinery(folder)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": hash_seed, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"],
                   cwd=folder, env=env, check=True, capture_output=True)
    return folder / "site"


def test_same_sources_give_byte_identical_sites_in_any_folder_and_hash_seed(tmp_path):
    first = _build_in_subprocess(tmp_path / "a", "1")
    second = _build_in_subprocess(tmp_path / "elsewhere" / "b", "4242")
    names = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    assert mismatch == [] and errors == []


def test_no_internal_link_or_anchor_is_broken(site):
    broken = []
    ids: dict[Path, set[str]] = {}
    for page in sorted(site.root.rglob("*.html")):
        url = "/" + page.relative_to(site.root).as_posix()
        soup = Site(site.root).html(url)
        for element, attr in [(e, "href") for e in soup.select("a[href], link[href]")] + [(e, "src") for e in soup.select("[src]")]:
            target = element[attr]
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith("mailto:"):
                continue
            absolute = urlsplit(resolve(url, target))
            file = site.root / unquote(absolute.path).lstrip("/")
            if absolute.path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{url}: {target}")
                continue
            if absolute.fragment and file.suffix == ".html":
                if file not in ids:
                    ids[file] = {e["id"] for e in Site(site.root).html("/" + file.relative_to(site.root).as_posix()).select("[id]")}
                if unquote(absolute.fragment) not in ids[file]:
                    broken.append(f"{url}: {target} (no such anchor)")
    assert broken == []


# --- CI publishing and longevity ---------------------------------------------------------


def test_publish_workflow_is_valid_and_runs_daily_on_push_and_by_hand():
    workflow = REPO / ".github" / "workflows" / "publish.yml"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    import yaml

    spec = yaml.safe_load(workflow.read_text())
    triggers = spec[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers and triggers["schedule"]
    steps = [s.get("run", "") + s.get("uses", "") for s in spec["jobs"]["build"]["steps"]]
    assert "make test" in steps and "make site" in steps
    assert any(s.startswith("actions/deploy-pages") for s in [st.get("uses", "") for st in spec["jobs"]["deploy"]["steps"]])


def test_the_site_builds_the_same_under_properdocs(tmp_path, site):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    out = tmp_path / "properdocs-site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    ours = sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert theirs == ours
    for name in ours:
        if name.endswith(".html"):
            strip = lambda text: "\n".join(l for l in text.splitlines() if 'name="generator"' not in l)
            assert strip((out / name).read_text()) == strip((site.root / name).read_text()), name
