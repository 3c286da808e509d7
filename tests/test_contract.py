"""CONTRACT.md holds true: its field tables are the fields the build accepts, every URL
and HTML marker it lists is in a built site, and no Markdown document of the repository
links outside it (contract section 1: the repository stands alone)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from careerblog.data import AUTHOR_FIELDS, SETTINGS_FIELDS, TAG_FIELDS
from careerblog.jobs import JOB_FIELDS
from careerblog.posts import POST_FIELDS
from sitebuild import REPO, Site, build_site, copy_real_project

CONTRACT = (REPO / "CONTRACT.md").read_text(encoding="utf-8")
# The values that stand in for each placeholder of the URL and marker tables.
EXAMPLES = {"<slug>": "missed-your-interview", "<tag-slug>": "interview-tips", "<author-id>": "erin-helms",
            "<guide-id>": "apologize-by-phone", "<job-id>": "bos-wh-0142", "<yyyy>": "2024", "<n>": "2",
            "<location-slug>": "boston-ma", "<job-type>": "warehouse"}


def section(number: int) -> str:
    return re.search(rf"^## {number}\. .*?(?=^## |\Z)", CONTRACT, re.S | re.M).group(0)


def tables(text: str) -> list[list[str]]:
    """The first cell of each row of each table in ``text``, table by table."""
    found, current = [], None
    for line in text.splitlines():
        if line.startswith("|---"):
            continue
        if line.startswith("|"):
            if current is None:
                current = []  # the header row
                found.append(current)
            else:
                current.append(line.split("|")[1].strip())
        else:
            current = None
    return found


def codes(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def fill(text: str) -> str:
    for placeholder, value in EXAMPLES.items():
        text = text.replace(placeholder, value)
    return text


# --- the tables of fields are the fields the build accepts ----------------------------------------


def test_the_front_matter_table_lists_exactly_the_fields_a_post_may_have():
    table, = tables(section(3))
    assert [codes(cell)[0] for cell in table] == list(POST_FIELDS)


def test_the_data_file_tables_list_exactly_the_fields_each_file_may_have():
    authors, tags, site = tables(section(4))
    assert [codes(cell)[0] for cell in authors] == list(AUTHOR_FIELDS)
    assert [codes(cell)[0] for cell in tags] == list(TAG_FIELDS)
    assert [codes(cell)[0] for cell in site] == list(SETTINGS_FIELDS)
    jobs = re.search(r"a list of open positions \(([^)]*)\)", section(4)).group(1)
    assert codes(jobs) == list(JOB_FIELDS)


# --- every URL and marker listed is in a built site ------------------------------------------------


@pytest.fixture(scope="module")
def full_site(tmp_path_factory) -> Site:
    """The real project, with one post a page (so the blog index has page 2), an alias and an embedded guide."""
    root = tmp_path_factory.mktemp("contract")
    copy_real_project(root)
    settings = root / "data/site.yml"
    settings.write_text(settings.read_text().replace("posts_per_page: 10", "posts_per_page: 1"))
    post = root / "docs/blog/posts/2024-07-15-avoid-job-scams.md"
    post.write_text(post.read_text().replace("\ndate:", "\naliases: [/blog/scams/]\ndate:", 1))
    page = root / "docs/contact.md"
    page.write_text(page.read_text() + "\n<!-- guide: apologize-by-phone -->\n")
    return Site(build_site(root, root / "site"))


def listed_urls() -> list[str]:
    rows = [line for line in section(6).splitlines() if line.startswith("| ") and not line.startswith("| page")]
    return [url for row in rows for url in codes(row.split("|")[2]) if url.startswith("/")]


def test_the_url_table_is_read_whole():
    assert {"/", "/blog/<slug>/", "/tags/<tag-slug>/feed.xml", "/_headers", "/search/search_index.json"} <= set(listed_urls())


@pytest.mark.parametrize("pattern", listed_urls())
def test_every_url_listed_is_served(full_site, pattern):
    url = fill(pattern)
    assert full_site.exists(url), f"{pattern} ({url}) is not in the built site"


def test_an_alias_is_served_as_the_contract_says(full_site):
    assert full_site.html("/blog/scams/").select_one("[data-redirect-to]")["href"] == "../job-scams/"
    assert "/blog/scams/ /blog/job-scams/ 301" in full_site.path("/_redirects").read_text()


def listed_markers() -> list[str]:
    rows = [line for line in section(7).splitlines() if line.startswith("| `")]
    return [codes(row.split("|")[1])[0] for row in rows]


@pytest.fixture(scope="module")
def full_site_pages(full_site) -> list:
    """Every page of the built site, parsed once."""
    return [full_site.html("/" + p.relative_to(full_site.root).as_posix())
            for p in sorted(full_site.root.rglob("*.html")) if "pagefind" not in p.parts]


@pytest.mark.parametrize("marker", listed_markers())
def test_every_html_marker_listed_is_on_a_built_page(full_site_pages, marker):
    selector = fill(marker)
    assert any(page.select_one(selector) for page in full_site_pages), f"no page of the built site has {selector}"


# --- the repository stands alone -------------------------------------------------------------------

_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|^\s*\[[^\]]+\]:\s*(\S+)|\b(?:href|src)=\"([^\"]+)\"", re.M)


def markdown_documents() -> list[Path]:
    """Every Markdown file a clone of the repository holds (tracked, or new and not ignored)."""
    try:
        listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.md"],
                                cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: the folder as it is
        ignored = {".venv", "site", ".cache", ".pytest_cache", "node_modules"}
        listed = [p.relative_to(REPO).as_posix() for p in REPO.rglob("*.md") if not ignored & set(p.relative_to(REPO).parts)]
    return sorted(REPO / name for name in set(listed) if (REPO / name).is_file())


def relative_links(text: str) -> list[tuple[int, str]]:
    """(line, target) of every relative link outside code: inline, reference and HTML links."""
    text = re.sub(r"^(```|~~~).*?^\1", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S | re.M)
    lines = ["" if re.match(r"^( {4}|\t)", line) else re.sub(r"`[^`]*`", "", line) for line in text.splitlines()]
    found = []
    for number, line in enumerate(lines, 1):
        for match in _LINK.finditer(line):
            target = next(group for group in match.groups() if group)
            if not urlparse(target).scheme and not target.startswith(("#", "//")):
                found.append((number, target))
    return found


def broken_links(path: Path) -> list[str]:
    broken = []
    root = REPO.resolve()
    for line, target in relative_links(path.read_text(encoding="utf-8")):
        file_part = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not file_part:
            continue
        base = REPO / "docs" if file_part.startswith("/") and "docs" in path.relative_to(REPO).parts[:1] else path.parent
        resolved = Path(os.path.normpath(base / file_part.lstrip("/")))
        if not resolved.is_relative_to(root) or not resolved.exists():
            broken.append(f"{path.relative_to(REPO)}:{line}: {target}")
    return broken


def test_every_relative_link_in_the_repositorys_markdown_resolves_inside_it():
    documents = markdown_documents()
    assert {"README.md", "EDITING.md", "CONTRACT.md"} <= {p.name for p in documents}
    assert [link for path in documents for link in broken_links(path)] == []


# A reader of the raw file, or a link checker that does not skip code, reads "](/..." or
# "](../..." in an example as a link that leaves the repository: examples write addresses
# as reference definitions ("[name]: /blog/x/") or in angle brackets instead.
_RAW_OUTSIDE = re.compile(r"\]\((/|\.\./)")


def test_no_markdown_document_spells_a_link_out_of_the_repository_even_in_code():
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in markdown_documents() if "docs" not in path.relative_to(REPO).parts[:1]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _RAW_OUTSIDE.search(line)
    ]
    assert found == []


def test_the_link_check_catches_a_link_outside_the_repository(tmp_path):
    outside = REPO / "tests" / "_outside_link_probe.md"
    outside.write_text("See [the design](../../shared/design/contract.md) and [ok](../README.md),\n"
                       "`[not a link](../nowhere.md)`, and [gone](missing.md#part).\n", encoding="utf-8")
    try:
        assert broken_links(outside) == [
            "tests/_outside_link_probe.md:1: ../../shared/design/contract.md",
            "tests/_outside_link_probe.md:2: missing.md#part",
        ]
    finally:
        outside.unlink()
