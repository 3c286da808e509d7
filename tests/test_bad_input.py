"""Bad input: every rule of contract sections 3 and 4, broken once.

Each case is one editor's mistake in a copy of the real project. The build must
refuse it with a problem that names the exact file, line and field, in words
the editor can act on - and never with a traceback.

Posts are written by ``post()``, whose front matter always has these lines::

    1  ---
    2  title: "Oh No! You Missed Your Interview"
    3  date: 2026-11-01
    4  authors: [erin-helms]
    5  tags: [InterviewTips]
    6  description: "How to apologize by phone or email ..."
    7  (the first extra field, in the order given)
"""

from __future__ import annotations

import contextlib
import io
import logging
import os

import pytest

from careerblog import ContentError, Problem
from conftest import REPO

BAD = "docs/blog/posts/bad.md"
AUTHORS, TAGS, SITE = "data/authors.yml", "data/tags.yml", "data/site.yml"

STANDARD = {
    "title": '"Oh No! You Missed Your Interview"',
    "date": "2026-11-01",
    "authors": "[erin-helms]",
    "tags": "[InterviewTips]",
    "description": '"How to apologize by phone or email after a missed job interview, and ask for a second chance."',
}


def post(**fields: str | None) -> str:
    """A post with the standard front matter, with ``fields`` (raw YAML) changed in place
    or added after line 6; ``None`` leaves a field out (the lines below move up)."""
    values = {**STANDARD, **fields}
    lines = ["---"]
    for key, value in values.items():
        if value is not None:
            lines.append(f"{key}:{value}" if value.startswith("\n") else f"{key}: {value}")
    return "\n".join(lines) + "\n---\n\nSo you missed your job interview. Take a deep breath.\n"


def front(*lines: str) -> str:
    """A post whose front matter is exactly ``lines`` (file lines 2, 3, ...)."""
    return "---\n" + "\n".join(lines) + "\n---\n\nBody.\n"


def with_front_matter(*replaced: tuple[str, str]) -> str:
    """The standard post as raw text, with whole lines swapped, for mistakes ``post()`` cannot make."""
    text = post()
    for old, new in replaced:
        assert old in text
        text = text.replace(old, new)
    return text


def assert_reported(problems: list[Problem], expected: list[tuple[str, int, str, str]]) -> None:
    """Exactly these problems (path, line, field), each message containing its phrase."""
    assert [(p.path, p.line, p.field) for p in problems] == [(path, line, field) for path, line, field, _ in expected], (
        "\n".join(str(p) for p in problems)
    )
    for problem, (_, _, _, phrase) in zip(problems, expected):
        assert phrase in problem.message, str(problem)


# --- Post front matter (contract section 3) ---------------------------------------------

POST_CASES = [
    pytest.param(
        "# Oh No! You Missed Your Interview\n\nNo front matter at all.\n",
        [(BAD, 1, "front matter", "missing; a post starts with a line '---'")],
        id="no-front-matter",
    ),
    pytest.param(
        front('title: "Oh No! You Missed Your Interview', "date: 2026-11-01", "authors: [erin-helms]"),
        [(BAD, 2, "yaml", "not valid YAML")],
        id="yaml-unclosed-quote",
    ),
    pytest.param(
        front('title: "Oh No!"', "date 2026-11-01", "authors: [erin-helms]"),
        [(BAD, 3, "yaml", "could not find expected ':'")],
        id="yaml-missing-colon",
    ),
    pytest.param(
        front('title: "Oh No!"', "date: 2026-11-01", "tags: [InterviewTips", 'description: "..."'),
        [(BAD, 4, "yaml", "not valid YAML")],
        id="yaml-unclosed-bracket",
    ),
    pytest.param(
        front('title: "Oh No!"', "date: 2026-11-01", "  authors: [erin-helms]"),
        [(BAD, 4, "yaml", "this field is indented under the line above")],
        id="yaml-bad-indent",
    ),
    pytest.param(
        front("title: Oh No: You Missed Your Interview", "date: 2026-11-01"),
        [(BAD, 2, "yaml", 'put the whole text in double quotes: title: "Oh No: You Missed Your Interview"')],
        id="yaml-colon-in-unquoted-title",
    ),
    pytest.param(
        with_front_matter(("title:", "tittle:")),
        [(BAD, 2, "title", "is missing; add 'title:'"), (BAD, 2, "tittle", "unknown field 'tittle' (did you mean 'title'?)")],
        id="unknown-key-tittle",
    ),
    pytest.param(
        post(summary='"Short."'),
        [(BAD, 7, "summary", "unknown field 'summary' (known fields: title, date,")],
        id="unknown-key-no-near-match",
    ),
    pytest.param(
        post(title='""'),
        [(BAD, 2, "title", "is 0 characters long; write at least 1")],
        id="title-empty",
    ),
    pytest.param(
        post(title=None),
        [(BAD, 2, "title", "is missing; add 'title:'")],
        id="title-missing",
    ),
    pytest.param(
        post(title='"Oh No! You Missed Your Interview: How to Apologize by Phone or Email and Ask for Another Try"'),
        [(BAD, 2, "title", "is 92 characters long; keep it to 90 at most")],
        id="title-too-long",
    ),
    pytest.param(
        post(title="[Oh No, Interview]"),
        [(BAD, 2, "title", "must be text, not a list")],
        id="title-not-text",
    ),
    pytest.param(
        post(description='"Missed your interview? Call them."'),
        [(BAD, 6, "description", "is 33 characters long; write at least 50")],
        id="description-too-short",
    ),
    pytest.param(
        post(description='"' + "x" * 161 + '"'),
        [(BAD, 6, "description", "is 161 characters long; keep it to 160 at most")],
        id="description-too-long",
    ),
    pytest.param(
        post(description=None),
        [(BAD, 2, "description", "is missing; add 'description:'")],
        id="description-missing",
    ),
    pytest.param(
        post(date=None),
        [(BAD, 2, "date", "is missing; add 'date:'")],
        id="date-missing",
    ),
    pytest.param(
        post(date="2024-13-45"),
        [(BAD, 3, "date", "must be a date such as 2024-08-10 (a time may follow: 2024-08-10 09:30:00+00:00), not '2024-13-45'")],
        id="date-invalid",
    ),
    pytest.param(
        post(date="next Tuesday"),
        [(BAD, 3, "date", "must be a date such as 2024-08-10")],
        id="date-words",
    ),
    pytest.param(
        post(updated="2026-10-31"),
        [(BAD, 7, "updated", "is before 'date'")],
        id="updated-before-date",
    ),
    pytest.param(
        post(expires="2026-11-01"),
        [(BAD, 7, "expires", "is not after 'date'; the post would never be published")],
        id="expires-on-date",
    ),
    pytest.param(
        post(expires="2026-10-01"),
        [(BAD, 7, "expires", "is not after 'date'")],
        id="expires-before-date",
    ),
    pytest.param(
        post(authors=None),
        [(BAD, 2, "authors", "is missing; add 'authors:'")],
        id="authors-missing",
    ),
    pytest.param(
        post(authors="[]"),
        [(BAD, 4, "authors", "needs at least one author id from data/authors.yml")],
        id="authors-empty",
    ),
    pytest.param(
        post(authors="[erin-helm]"),
        [(BAD, 4, "authors", "unknown author 'erin-helm' (did you mean 'erin-helms'?)")],
        id="author-unknown",
    ),
    pytest.param(
        post(authors="\n  - erin-helms\n  - erin-helm"),
        [(BAD, 6, "authors", "unknown author 'erin-helm' (did you mean 'erin-helms'?)")],
        id="author-unknown-in-block-list",
    ),
    pytest.param(
        post(tags="[InterviewTip]"),
        [(BAD, 5, "tags", "unknown tag 'InterviewTip' (did you mean 'InterviewTips'?); tags are listed in data/tags.yml")],
        id="tag-unknown",
    ),
    pytest.param(
        post(tags="['#InterviewTips', '#BostonWarehouse']"),
        [(BAD, 5, "tags", "unknown tag '#BostonWarehouse' (did you mean 'BostonWarehouseJob")],
        id="tag-unknown-with-hash",
    ),
    pytest.param(
        post(tags="&loop [*loop]"),  # a YAML alias of itself: a problem, not a RecursionError
        [(BAD, 5, "tags", "each item must be a name, not a list")],
        id="tag-list-that-contains-itself",
    ),
    pytest.param(
        post(image="\n  src: ../images/missed-interview.svg"),
        [(BAD, 7, "image.alt", "is missing; add 'alt:'")],
        id="image-without-alt",
    ),
    pytest.param(
        post(image="\n  src: ../images/missed-interview.svg\n  alt: Alternate Text"),
        [(BAD, 9, "image.alt", "'Alternate Text' does not describe the picture")],
        id="alt-alternate-text",
    ),
    pytest.param(
        post(image="\n  src: ../images/missed-interview.svg\n  alt: missed-interview.svg"),
        [(BAD, 9, "image.alt", "does not describe the picture")],
        id="alt-is-file-name",
    ),
    pytest.param(
        post(image="\n  src: ../images/missed-interview.svg\n  alt: Missed-Interview"),
        [(BAD, 9, "image.alt", "does not describe the picture")],
        id="alt-is-file-name-without-extension",
    ),
    pytest.param(
        post(image="\n  src: ../images/missed-interview.svg\n  alt: photo"),
        [(BAD, 9, "image.alt", "'photo' does not describe the picture")],
        id="alt-photo",
    ),
    pytest.param(
        post(image='\n  src: ../images/missed-interview.svg\n  alt: "  "'),
        [(BAD, 9, "image.alt", "is empty; describe what the picture shows")],
        id="alt-blank",
    ),
    pytest.param(
        post(image='\n  src: ../images/missed-interveiw.svg\n  alt: "A job seeker on the phone"'),
        [(BAD, 8, "image.src", "'../images/missed-interveiw.svg' does not exist (looked for docs/blog/images/missed-interveiw.svg)")],
        id="image-src-missing-file",
    ),
    pytest.param(
        post(image='\n  src: https://example.com/interview.jpg\n  alt: "A job seeker on the phone"'),
        [(BAD, 8, "image.src", "must be a file under docs/, not a web address")],
        id="image-src-web-url",
    ),
    pytest.param(
        post(image='\n  src: ../../../data/site.yml\n  alt: "A job seeker on the phone"'),
        [(BAD, 8, "image.src", "points outside docs/")],
        id="image-src-outside-docs",
    ),
    pytest.param(
        post(image='\n  src: ../images/missed-interview.svg\n  alt: "A job seeker on the phone"\n  credit: Erin'),
        [(BAD, 10, "image.credit", "unknown field 'credit'")],
        id="image-unknown-field",
    ),
    pytest.param(
        post(image="../images/missed-interview.svg"),
        [(BAD, 7, "image", "must be a mapping with 'src:' and 'alt:'")],
        id="image-not-a-mapping",
    ),
    pytest.param(
        post(slug='"Bad Slug"'),
        [(BAD, 7, "slug", "'Bad Slug' is not a slug; use lower-case letters, digits and hyphens")],
        id="slug-bad",
    ),
    pytest.param(
        post(slug="page"),
        [(BAD, 7, "slug", "'page' is reserved for the blog's own pages")],
        id="slug-reserved-page",
    ),
    pytest.param(
        post(slug="archive"),
        [(BAD, 7, "slug", "is reserved")],
        id="slug-reserved-archive",
    ),
    pytest.param(
        post(draft="maybe"),
        [(BAD, 7, "draft", "must be true or false, not 'maybe'")],
        id="draft-not-boolean",
    ),
    pytest.param(
        post(pin='"false"'),
        [(BAD, 7, "pin", "must be true or false, not 'false'")],
        id="pin-quoted-false",
    ),
    pytest.param(
        post(related="\n  pin:\n    - job-scam"),
        [(BAD, 9, "related.pin", "no post has the slug 'job-scam' (did you mean 'job-scams'?)")],
        id="related-pin-unknown-slug",
    ),
    pytest.param(
        post(related="{pin: [job-scams], exclude: [summer-job]}"),
        [(BAD, 7, "related.exclude", "no post has the slug 'summer-job' (did you mean 'summer-jobs'?)")],
        id="related-exclude-unknown-slug",
    ),
    pytest.param(
        post(related="\n  pin: [Job Scams]"),
        [(BAD, 8, "related.pin", "'Job Scams' is not a post slug")],
        id="related-pin-not-a-slug",
    ),
    pytest.param(
        post(related="\n  pinned: [job-scams]"),
        [(BAD, 8, "related.pinned", "unknown field 'pinned' (did you mean 'pin'?)")],
        id="related-unknown-field",
    ),
    pytest.param(
        post(jobs="\n  tags: [WarehouseJob]"),
        [(BAD, 8, "jobs.tags", "unknown tag 'WarehouseJob'")],
        id="jobs-tags-unknown-tag",
    ),
    pytest.param(
        post(jobs='"no"'),
        [(BAD, 7, "jobs", "must be false, or a mapping such as {tags: [BostonWarehouseJobs]}")],
        id="jobs-neither-false-nor-mapping",
    ),
    pytest.param(
        post(review_by="soon"),
        [(BAD, 7, "review_by", "must be a date")],
        id="review-by-not-a-date",
    ),
    pytest.param(
        with_front_matter(("tags: [InterviewTips]\n", "tags: [InterviewTips]\ntitle: \"Missed Your Interview?\"\n")),
        [(BAD, 6, "title", "given twice; keep one of them")],
        id="duplicate-key",
    ),
]


@pytest.mark.parametrize(("text", "expected"), POST_CASES)
def test_a_broken_post_is_reported_at_its_file_line_and_field(project, text, expected):
    project.write(BAD, text)

    assert_reported(project.problems(), expected)


def test_the_standard_post_of_these_cases_is_itself_valid(project):
    """So that each case above fails for its one mistake only."""
    project.write(BAD, post())
    project.write("docs/blog/posts/bad-with-image.md", post(
        image='\n  src: ../images/missed-interview.svg\n  alt: "A job seeker on the phone"',
        slug="bad-with-image",
    ))

    slugs = [p.slug for p in project.load().posts]
    assert slugs[:2] == ["bad", "bad-with-image"]


def test_two_posts_with_the_same_slug_name_both_files(project):
    # Erin copies the scams post to start a new one and forgets to change its slug.
    project.write(BAD, post(slug="job-scams"))

    [problem] = project.problems()
    assert (problem.path, problem.line, problem.field) == (BAD, 7, "slug")
    assert "docs/blog/posts/2024-07-15-avoid-job-scams.md" in problem.message
    assert "/blog/job-scams/" in problem.message


def test_a_slug_from_the_file_name_can_collide_too(project):
    project.write("docs/blog/posts/2026-01-01-job-scams.md", post())

    [problem] = project.problems()
    assert (problem.path, problem.line, problem.field) == ("docs/blog/posts/2026-01-01-job-scams.md", 1, "slug")
    assert "docs/blog/posts/2024-07-15-avoid-job-scams.md already has" in problem.message


def test_a_post_behind_a_symbolic_link_is_refused(project, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text(post(slug="elsewhere"), encoding="utf-8")
    os.symlink(outside, project.posts / "linked.md")

    assert_reported(project.problems(), [("docs/blog/posts/linked.md", 1, "file", "is a symbolic link")])


def test_a_folder_of_posts_behind_a_symbolic_link_is_refused(project, tmp_path):
    outside = tmp_path / "more-posts"
    outside.mkdir()
    (outside / "extra.md").write_text(post(slug="extra"), encoding="utf-8")
    os.symlink(outside, project.posts / "more")

    assert_reported(project.problems(), [("docs/blog/posts/more/extra.md", 1, "file", "is a symbolic link")])


def test_a_post_that_is_not_utf8_is_reported(project):
    (project.posts / "bad.md").write_bytes(post().replace("Oh No!", "Oh N\xf6!").encode("latin-1"))

    assert_reported(project.problems(), [(BAD, 1, "file", "is not UTF-8 text")])


# --- Data files (contract section 4), on a blog with no posts yet ----------------------------

DATA_CASES = [
    pytest.param(
        AUTHORS, "erin-helms:\n  name: Erin Helms\nsam-ortiz:\n  role: Recruiter\n",
        [(AUTHORS, 3, "sam-ortiz.name", "is missing; add 'name:'")],
        id="author-without-name",
    ),
    pytest.param(
        AUTHORS, "erin-helms:\n  name: Erin Helms\n  email: erin@example.com\n",
        [(AUTHORS, 3, "erin-helms.email", "unknown field 'email'")],
        id="author-unknown-field",
    ),
    pytest.param(
        AUTHORS, "erin-helms:\n  name: Erin Helms\n  avtar: blog/images/authors/erin-helms.svg\n",
        [(AUTHORS, 3, "erin-helms.avtar", "unknown field 'avtar' (did you mean 'avatar'?)")],
        id="author-unknown-field-suggested",
    ),
    pytest.param(
        AUTHORS, "erin-helms:\n  name: Erin Helms\n  avatar: blog/images/authors/erin.jpg\n",
        [(AUTHORS, 3, "erin-helms.avatar", "'blog/images/authors/erin.jpg' does not exist (looked for docs/blog/images/authors/erin.jpg)")],
        id="author-avatar-missing",
    ),
    pytest.param(
        AUTHORS, "Erin Helms:\n  name: Erin Helms\n",
        [(AUTHORS, 1, "Erin Helms", "author ids use lower-case letters, digits and hyphens")],
        id="author-id-not-a-slug",
    ),
    pytest.param(
        AUTHORS, "erin-helms:\n  name: Erin Helms\nerin-helms:\n  name: Erin H.\n",
        [(AUTHORS, 3, "erin-helms", "given twice; keep one of them")],
        id="author-given-twice",
    ),
    pytest.param(
        TAGS, "InterviewTips:\n  slug: Interview Tips\n",
        [(TAGS, 2, "InterviewTips.slug", "'Interview Tips' is not a slug")],
        id="tag-bad-slug",
    ),
    pytest.param(
        TAGS, "InterviewTips: {}\nJobInterviewTips:\n  slug: interview-tips\n",
        [(TAGS, 3, "JobInterviewTips.slug", "'interview-tips' is already the slug of InterviewTips")],
        id="tag-same-slug",
    ),
    pytest.param(
        TAGS, "JobsUSA: {}\nJobsUsa: {}\n",
        [(TAGS, 2, "JobsUsa.slug", "'jobs-usa' is already the slug of JobsUSA")],
        id="tag-same-default-slug",
    ),
    pytest.param(
        TAGS, "InterviewTips:\n  aliases: [Interviews]\nJobInterviews:\n  aliases:\n    - JobInterview\n    - Interviews\n",
        [(TAGS, 6, "JobInterviews.aliases", "'Interviews' already means InterviewTips")],
        id="tag-alias-taken",
    ),
    pytest.param(
        TAGS, "InterviewTips: {}\nJobInterviews:\n  aliases: [InterviewTips]\n",
        [(TAGS, 3, "JobInterviews.aliases", "'InterviewTips' already means InterviewTips")],
        id="tag-alias-is-another-tags-name",
    ),
    pytest.param(
        TAGS, "InterviewTips:\n  descripton: Prepare for job interviews.\n",
        [(TAGS, 2, "InterviewTips.descripton", "unknown field 'descripton' (did you mean 'description'?)")],
        id="tag-unknown-field",
    ),
    pytest.param(
        TAGS, "InterviewTips: {}\nInterview Tips: {}\n",
        [(TAGS, 2, "Interview Tips", "a tag name is one word of letters and digits")],
        id="tag-name-with-space",
    ),
    pytest.param(
        SITE, "organization:\n  url: https://www.labormax.com/\n",
        [(SITE, 1, "organization.name", "is missing; add 'name:'")],
        id="site-organization-without-name",
    ),
    pytest.param(
        SITE, "organization:\n  name: LaborMAX\n  url: http://www.labormax.com/\n",
        [(SITE, 3, "organization.url", "must start with https://")],
        id="site-organization-url-not-https",
    ),
    pytest.param(
        SITE, "organization:\n  name: LaborMAX\nfooter: Copyright LaborMAX\n",
        [(SITE, 3, "footer", "unknown field 'footer' (known fields: organization, blog, related, jobs, ")],
        id="site-unknown-key",
    ),
    pytest.param(
        SITE, "organization:\n  name: LaborMAX\nblog:\n  posts_per_pag: 10\n",
        [(SITE, 4, "blog.posts_per_pag", "unknown field 'posts_per_pag' (did you mean 'posts_per_page'?)")],
        id="site-unknown-blog-key",
    ),
    pytest.param(
        SITE, "organization:\n  name: LaborMAX\nblog:\n  posts_per_page: 0\n",
        [(SITE, 4, "blog.posts_per_page", "must be a whole number from 1 to 100, not '0'")],
        id="site-posts-per-page-zero",
    ),
    pytest.param(
        SITE, "organization:\n  name: LaborMAX\nblog:\n  home_posts: six\n",
        [(SITE, 4, "blog.home_posts", "must be a whole number from 0 to 30, not 'six'")],
        id="site-home-posts-not-a-number",
    ),
    pytest.param(
        SITE, "organization: LaborMAX\n",
        [(SITE, 1, "organization", "must be a mapping with at least 'name:'"), (SITE, 1, "organization.name", "is missing")],
        id="site-organization-not-a-mapping",
    ),
    pytest.param(
        TAGS, "InterviewTips: {}\nJobSearchTips: {description: \"Find openings\"\n",
        [(TAGS, 2, "yaml", "a '{' here is not closed with '}'")],  # the line where the '{' was opened
        id="data-yaml-unclosed-brace",
    ),
    pytest.param(
        AUTHORS, "- erin-helms\n",
        [(AUTHORS, 1, "file", "must be a mapping of author ids to their details, not a list")],
        id="authors-is-a-list",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), DATA_CASES)
def test_a_broken_data_file_is_reported_at_its_line_and_field(project, name, text, expected):
    project.remove_seed_posts()
    project.write(name, text)

    assert_reported(project.problems(), expected)


@pytest.mark.parametrize("name", ["site.yml", "authors.yml", "tags.yml"])
def test_a_missing_data_file_is_reported(project, name):
    project.remove_seed_posts()
    (project.root / "data" / name).unlink()

    assert_reported(project.problems(), [(f"data/{name}", 1, "file", "is missing; create it")])


def test_a_data_file_behind_a_symbolic_link_is_refused(project, tmp_path):
    project.remove_seed_posts()
    real = tmp_path / "tags-elsewhere.yml"
    (project.root / "data" / "tags.yml").rename(real)
    os.symlink(real, project.root / "data" / "tags.yml")

    assert_reported(project.problems(), [(TAGS, 1, "file", "is a symbolic link")])


# --- All at once --------------------------------------------------------------------------------


def test_a_post_with_several_mistakes_reports_all_of_them(project):
    project.write(BAD, post(
        title='""',
        date="2024-13-45",
        authors="[erin-helm]",
        tags="[InterviewTip, '#BaltimoreTempJobs']",
        description='"Too short."',
        image="\n  src: https://example.com/a.jpg\n  alt: Alternate Text",
        slug="page",
        draft="maybe",
        tittle="Oops",
    ))

    assert_reported(project.problems(), [
        (BAD, 2, "title", "is 0 characters long"),
        (BAD, 3, "date", "must be a date"),
        (BAD, 4, "authors", "did you mean 'erin-helms'?"),
        (BAD, 5, "tags", "did you mean 'InterviewTips'?"),
        (BAD, 6, "description", "write at least 50"),
        (BAD, 8, "image.src", "not a web address"),
        (BAD, 9, "image.alt", "does not describe the picture"),
        (BAD, 10, "slug", "is reserved"),
        (BAD, 11, "draft", "must be true or false"),
        (BAD, 12, "tittle", "did you mean 'title'?"),
    ])


def test_problems_in_different_files_are_reported_together(project):
    project.write(BAD, post(tags="[InterviewTip]"))
    project.write("docs/blog/posts/also-bad.md", post(slug="also-bad", authors="[erin]"))
    project.append(TAGS, "RemoteJobs:\n  slug: Remote Jobs\n")  # after the 27 lines of tags.yml
    project.write(SITE, "organization:\n  name: LaborMAX\n  url: http://www.labormax.com/\n")

    with pytest.raises(ContentError) as caught:
        project.load()
    assert_reported(caught.value.problems, [
        (SITE, 3, "organization.url", "must start with https://"),
        (TAGS, 29, "RemoteJobs.slug", "is not a slug"),
        ("docs/blog/posts/also-bad.md", 4, "authors", "unknown author 'erin'"),
        (BAD, 5, "tags", "unknown tag 'InterviewTip'"),
    ])
    # The message an editor sees lists every one of them, one a line.
    rendered = str(caught.value).splitlines()
    assert rendered[0] == "4 content problems found:"
    assert rendered[1:] == [str(problem) for problem in caught.value.problems]
    assert rendered[1].startswith("data/site.yml:3: organization.url: ")


def test_nothing_is_a_traceback_even_for_nonsense(project):
    # Front matter that is a list, a number, or empty: each one a problem, not a crash.
    project.write("docs/blog/posts/list.md", "---\n- title\n- date\n---\n")
    project.write("docs/blog/posts/number.md", "---\n42\n---\n")
    project.write("docs/blog/posts/empty.md", "---\n---\n")
    project.write(SITE, "")

    assert_reported(project.problems(), [
        (SITE, 1, "organization", "must be a mapping with at least 'name:', not nothing"),
        (SITE, 1, "organization.name", "is missing"),
        ("docs/blog/posts/empty.md", 2, "authors", "is missing"),
        ("docs/blog/posts/empty.md", 2, "date", "is missing"),
        ("docs/blog/posts/empty.md", 2, "description", "is missing"),
        ("docs/blog/posts/empty.md", 2, "title", "is missing"),
        ("docs/blog/posts/list.md", 2, "file", "must be fields such as 'title: ...', not a list"),
        ("docs/blog/posts/number.md", 2, "file", "must be fields such as 'title: ...', not '42'"),
    ])


# --- The cases of issue 13, each one a bug on the main branch before the page plan ------------

JOBS = "data/jobs.yml"
PAGE_PLAN_CASES = [
    # (files to write, keep the seed posts?, expected problems)
    pytest.param(
        {JOBS: (REPO / JOBS).read_text(encoding="utf-8").replace('pay: "$18-20/hr"', 'pay: "$18..50/hr"')},
        [(JOBS, 8, "pay", "'$18..50/hr' is not a pay such as \"$18-20/hr\"")],
        id="pay-that-does-not-read-as-amounts",
    ),
    pytest.param(
        {"docs/blog/posts/bad.markdown": post(tags="[InterviewTip]")},
        [("docs/blog/posts/bad.markdown", 5, "tags", "unknown tag 'InterviewTip'")],
        id="post-saved-as-dot-markdown-is-read",
    ),
    pytest.param(
        {BAD: post() + "\n## Apologize by Email { .guide #../../escaped }\n\nWrite soon.\n"},
        [(BAD, 11, "guide", "the guide id '../../escaped' cannot be a web address")],
        id="guide-id-that-escapes-guides",
    ),
    pytest.param(
        {BAD: post(date="2026-12-20", slug="holiday-hiring"), "docs/blog/holiday-hiring.md": "# Holiday hiring\n"},
        [(BAD, 7, "slug", "/blog/holiday-hiring/ would be built from both docs/blog/holiday-hiring.md and docs/blog/posts/bad.md")],
        id="scheduled-post-that-will-take-a-pages-url",
    ),
    pytest.param(
        {"docs/blog/posts/2026-11-01-images.md": post()},
        [("docs/blog/posts/2026-11-01-images.md", 1, "slug", "the file name gives the slug 'images', which is reserved")],
        id="file-name-with-a-reserved-slug",
    ),
    pytest.param(
        {BAD: post(title="Yes")},
        [(BAD, 2, "title", 'YAML reads Yes as true or false, not text; put it in quotes: title: "Yes"')],
        id="title-yes-is-not-true",
    ),
    pytest.param(
        {BAD: post(title="1.10")},
        [(BAD, 2, "title", 'YAML reads 1.10 as a number, not text; put it in quotes: title: "1.10"')],
        id="title-1-10-is-not-1-1",
    ),
    pytest.param(
        {TAGS: "InterviewTips: {}\nJobSearchTips: {description: \"Find openings\"\n"},
        [(TAGS, 2, "yaml", "a '{' here is not closed with '}'")],  # once, and no "unknown tag" line per post
        id="broken-tags-file-reported-once",
    ),
    pytest.param(
        {AUTHORS: "erin-helms:\n  name: [Erin\n"},
        [(AUTHORS, 2, "yaml", "not valid YAML")],  # once, and no "unknown author" line per post
        id="broken-authors-file-reported-once",
    ),
    pytest.param(
        {SITE: (REPO / SITE).read_text(encoding="utf-8").replace("timezone: America/New_York", "timezone: America/Bostn")},
        [(SITE, (REPO / SITE).read_text(encoding="utf-8").splitlines().index("timezone: America/New_York") + 1,
          "timezone", "unknown time zone 'America/Bostn'")],
        id="site-unknown-time-zone",
    ),
    pytest.param(
        {"docs/feed.xml": "<feed/>\n"},
        [("docs/feed.xml", 1, "file", "/feed.xml is the Atom feed, which the build writes")],
        id="file-where-the-build-writes-the-feed",
    ),
    pytest.param(
        {"docs/jobs/boston-ma.md": "# Jobs in Boston\n", "docs/jobs/type/warehouse/index.md": "# Warehouse work\n"},
        [("docs/jobs/boston-ma.md", 1, "file", "/jobs/boston-ma/ is the generated page 'Jobs in Boston, MA'; move or rename this file"),
         ("docs/jobs/type/warehouse/index.md", 1, "file",
          "/jobs/type/warehouse/ is the generated page 'Warehouse jobs'; move or rename this file")],
        id="page-where-the-job-board-lists-a-location-or-a-type",
    ),
]


@pytest.mark.parametrize(("files", "expected"), PAGE_PLAN_CASES)
def test_a_case_of_issue_13_is_reported_at_its_file_line_and_field(project, files, expected):
    for name, text in files.items():
        project.write(name, text)

    assert_reported(project.problems(), expected)


# --- blog check and the build agree on every case -------------------------------------------------


def _agreement_cases():
    for case in POST_CASES:
        text, _ = case.values
        yield pytest.param({BAD: text}, True, id=f"post-{case.id}")
    for case in DATA_CASES:
        name, text, _ = case.values
        yield pytest.param({name: text}, False, id=f"data-{case.id}")
    for case in PAGE_PLAN_CASES:
        files, _ = case.values
        yield pytest.param(files, True, id=f"plan-{case.id}")


@pytest.mark.parametrize(("files", "keep_posts"), list(_agreement_cases()))
def test_blog_check_and_the_build_report_the_same_problems(buildable, tmp_path, caplog, monkeypatch, files, keep_posts):
    """`blog check` runs the build's own loader and page plan: the same lines, never a traceback."""
    from careerblog.cli import main
    from mkdocs.exceptions import Abort, PluginError
    from sitebuild import EPOCH, build_site

    if not keep_posts:
        buildable.remove_seed_posts()
    for name, text in files.items():
        buildable.write(name, text)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        status = main(["check", "--root", str(buildable.root)])
    checked = printed.getvalue().splitlines()

    with pytest.raises((PluginError, Abort)):
        build_site(buildable.root, tmp_path / "out")
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "Traceback" not in errors[0], errors
    header, *built = errors[0].splitlines()

    assert status == 1 and checked
    assert header.endswith("found:") and built == checked
