"""Guides: tagged sections of a page become pages of their own (contract section 5).

An editor marks a heading ``## Apologize by Phone { .guide }``; the section under
it, up to the next heading of the same or a higher level, becomes
``/guides/<id>/``. A line ``<!-- guide: <id> -->`` embeds a guide anywhere.
These stories feed the scanner the Markdown editors really write: code
fences that hold headings, attribute lists in every spelling, front matter
that shifts line numbers, links that must still work on another page.
"""

from __future__ import annotations

import re

import markdown
import pytest
from markdown.extensions.toc import slugify

from careerblog.guides import (
    absolute_links,
    check_guides,
    expand_embeds,
    heading_id,
    parse_heading,
    scan_lines,
    scan_page,
    shift_headings,
)
from careerblog.models import Embed, Guide
from careerblog.problems import Problem

SOURCE = "blog/posts/2024-08-10-missed-your-interview.md"
SHOWN = f"docs/{SOURCE}"
URL = "blog/missed-your-interview/"


def md(*lines: str) -> str:
    """A Markdown page body: one argument per line, so line numbers can be counted."""
    return "\n".join(lines) + "\n"


def scan(text: str, first_line: int = 1):
    return scan_page(SOURCE, SHOWN, URL, text, first_line)


def bodies(text: str) -> dict[str, str]:
    """Guide id -> the section's body, for a page body."""
    return {guide.id: guide.body for guide in scan(text).guides}


def rendered_heading(line: str) -> tuple[int, tuple[str, ...], str, str] | None:
    """What Python-Markdown (as configured in mkdocs.yml) makes of one heading line:
    (level, classes, id, text), or None when it is not a heading."""
    html = markdown.markdown(line, extensions=["attr_list", "toc"])
    match = re.fullmatch(r'<h(\d)(?: class="([^"]*)")? id="([^"]*)">(.*)</h\1>', html)
    if not match:
        return None
    return int(match[1]), tuple((match[2] or "").split()), match[3], match[4]


# --- Where a section ends ------------------------------------------------------


def test_a_level_2_guide_keeps_its_subheadings_and_ends_at_the_next_level_2():
    page = md(
        "Intro for the whole post.",             # 1
        "",                                      # 2
        "## Call the Employer { .guide #call }",  # 3
        "",                                      # 4
        "Call first.",                           # 5
        "",                                      # 6
        "### What to Say",                       # 7
        "",                                      # 8
        "Say sorry.",                            # 9
        "",                                      # 10
        "#### The Short Version",                # 11
        "",                                      # 12
        "Sorry!",                                # 13
        "",                                      # 14
        "## Get Expert Advice",                  # 15
        "",                                      # 16
        "Not part of the guide.",                # 17
    )

    [guide] = scan(page).guides

    assert guide == Guide(
        id="call", title="Call the Employer", level=2,
        body="Call first.\n\n### What to Say\n\nSay sorry.\n\n#### The Short Version\n\nSorry!",
        source=SOURCE, line=3, page_url=URL,
    )


def test_a_level_2_guide_also_ends_at_a_level_1_heading():
    page = md(
        "## Call { .guide }",
        "Call first.",
        "# A New Part of the Page",
        "Not part of the guide.",
    )

    assert bodies(page) == {"call": "Call first."}


def test_a_level_3_guide_ends_at_the_next_level_3_or_level_2_heading():
    page = md(
        "## Two Ways to Apologize",
        "### By Phone { .guide }",
        "Call.",
        "#### Tip",
        "Be quick.",
        "### By Email { .guide }",
        "Write.",
        "## After You Apologize",
        "Wait a day.",
    )

    assert bodies(page) == {"by-phone": "Call.\n#### Tip\nBe quick.", "by-email": "Write."}
    assert [guide.level for guide in scan(page).guides] == [3, 3]


def test_a_guide_at_the_end_of_the_page_runs_to_the_end():
    page = md("## Last Words { .guide }", "", "Good luck.", "", "")

    assert bodies(page) == {"last-words": "Good luck."}


def test_a_level_4_guide_is_allowed_and_ends_at_any_heading_of_level_4_or_higher():
    page = md("#### Tiny Tip { .guide }", "Smile.", "##### Detail", "Even on the phone.", "### Next", "Other.")

    assert bodies(page) == {"tiny-tip": "Smile.\n##### Detail\nEven on the phone."}


# --- Headings in code do not count ---------------------------------------------

CODE_BLOCKS = {
    "backticks": ["```", "## Not a Heading", "# Nor This { .guide }", "```"],
    "tildes": ["~~~", "## Not a Heading", "~~~"],
    "info-string": ["```markdown", "## Fake { .guide #fake }", "```"],
    # A longer fence shows a shorter one: the inner ``` neither opens nor closes.
    "longer-fence-holds-shorter": ["````markdown", "```", "## Not a Heading", "```", "## Still Code", "````"],
    "tildes-hold-backticks": ["~~~", "```", "## Not a Heading", "~~~"],
    "backticks-hold-tildes": ["```", "~~~", "## Not a Heading", "~~~", "## Still Code", "```"],
    # A closing fence has nothing after it: "``` python" inside code is still code.
    "text-after-backticks-does-not-close": ["```", "``` python", "## Not a Heading", "```"],
    # A fenced block inside a numbered list item is indented.
    "in-a-list-item": ["1. Open your mail and type:", "", "   ```", "   ## Not a Heading", "   ```"],
}


@pytest.mark.parametrize("code", CODE_BLOCKS.values(), ids=CODE_BLOCKS.keys())
def test_a_heading_in_fenced_code_neither_starts_nor_ends_a_section(code):
    page = md("## Show the Template { .guide #template }", "Copy this:", "", *code, "", "After the code.", "## Real End", "Outside.")

    [guide] = scan(page).guides

    assert guide.id == "template"
    assert guide.body == "\n".join(["Copy this:", "", *code, "", "After the code."])


def test_scan_lines_marks_fence_lines_and_everything_between_as_code():
    page = md("text", "````", "```", "## in code", "```", "````", "## after", "  ~~~", "x", "  ~~~", "end")

    lines = scan_lines(page, first_line=10)

    assert [(line.number, line.in_code) for line in lines] == [
        (10, False), (11, True), (12, True), (13, True), (14, True), (15, True),
        (16, False), (17, True), (18, True), (19, True), (20, False),
    ]
    assert [line.text for line in lines][:2] == ["text", "````"]


def test_an_unclosed_fence_runs_to_the_end_of_the_page():
    page = md("## Call { .guide }", "Call.", "```", "## Not a Heading", "## Nor This")

    assert bodies(page) == {"call": "Call.\n```\n## Not a Heading\n## Nor This"}


# --- Attribute lists, titles and ids -------------------------------------------

GUIDE_HEADINGS = [
    # (heading line, title, id)
    ("## Call Them { .guide #call-them-now }", "Call Them", "call-them-now"),
    ("## Call Them {.guide}", "Call Them", "call-them"),
    ("## Call Them {: .guide #x }", "Call Them", "x"),
    ("## Call Them {:.guide}", "Call Them", "call-them"),
    ("## Call Them { #x .guide .other }", "Call Them", "x"),
    ("## Call Them { .other .guide }", "Call Them", "call-them"),
    # Closing hashes, before or after the attribute list.
    ("## Call Them ## { .guide }", "Call Them", "call-them"),
    ("## Call Them { .guide } ##", "Call Them", "call-them"),
    ("### Call Them ### {: #x .guide }", "Call Them", "x"),
    # A '#' inside the title is text, not a closing sequence.
    ("## Learn C# Fast { .guide }", "Learn C# Fast", "learn-c-fast"),
    ("## Title #2 { .guide }", "Title #2", "title-2"),
]


@pytest.mark.parametrize(("line", "title", "guide_id"), GUIDE_HEADINGS)
def test_every_spelling_of_the_guide_class_marks_a_guide(line, title, guide_id):
    [guide] = scan(md(line, "Body.")).guides

    assert (guide.title, guide.id, guide.body) == (title, guide_id, "Body.")


@pytest.mark.parametrize(("line", "title", "guide_id"), GUIDE_HEADINGS)
def test_the_guide_title_and_id_are_what_python_markdown_renders(line, title, guide_id):
    """The guide's link back to ``<post url>#<id>`` lands only if the ids agree."""
    level, classes, rendered_id, text = rendered_heading(line)

    assert "guide" in classes
    assert (level, text, rendered_id) == (len(line.split()[0]), title, guide_id)


NOT_GUIDES = [
    "## A Guide to Interviews",            # the word, not the class
    "## Call Them { .other }",             # another class
    "## Call Them { #guide }",             # an id, not a class
    "## Call Them{.guide}",                # no space: Python-Markdown keeps it as text
    "## Call Them ##{.guide}",
    " ## Call Them { .guide }",            # indented: Python-Markdown renders a paragraph
    "    ## Call Them { .guide }",         # indented code, not a heading
]


@pytest.mark.parametrize("line", NOT_GUIDES)
def test_headings_without_the_guide_class_are_not_guides(line):
    assert scan(md(line, "Body.")).guides == []


@pytest.mark.parametrize("line", NOT_GUIDES[:5])
def test_python_markdown_agrees_those_headings_have_no_guide_class(line):
    assert "guide" not in rendered_heading(line)[1]


def test_parse_heading_reads_level_title_classes_and_id():
    assert parse_heading("### Say Sorry { #sorry .guide .tip }") == (3, "Say Sorry", ("guide", "tip"), "sorry")
    assert parse_heading("## Plain Heading ##") == (2, "Plain Heading", (), None)
    # As Python-Markdown reads them: no space needed after '#', no indentation allowed.
    assert parse_heading("##Call Them { .guide }") == (2, "Call Them", ("guide",), None)
    assert parse_heading("   # Three Spaces Are a Paragraph") is None
    assert parse_heading("Just a paragraph.") is None
    assert parse_heading("####### Seven Hashes") is None


TITLES = [
    "Apologize by Phone",
    "What's Next?",
    "Don’t Panic: Call the Employer",
    "Café Jobs in Montréal",
    "Résumé Tips & Tricks",
    "50% of Hiring Managers Say…",
    "  Spaces   and -- dashes  ",
    "Über-Schnell: Step 1",
    "Pay: $18–20/hr",
]


@pytest.mark.parametrize("title", TITLES)
def test_heading_id_is_python_markdowns_toc_slug(title):
    assert heading_id(title) == slugify(title, "-")


@pytest.mark.parametrize("title", TITLES[:6])
def test_a_guide_without_an_id_gets_the_id_the_rendered_heading_has(title):
    [guide] = scan(md(f"## {title} {{ .guide }}", "Body.")).guides

    assert guide.id == rendered_heading(f"## {title} {{ .guide }}")[2]


def test_heading_ids_of_some_titles_spelled_out():
    assert heading_id("What's Next?") == "whats-next"
    assert heading_id("Café Jobs in Montréal") == "cafe-jobs-in-montreal"
    assert heading_id("Résumé Tips & Tricks") == "resume-tips-tricks"
    assert heading_id("Call <em>Now</em>") == "call-now"


# --- Levels, line numbers and embeds -------------------------------------------


def test_a_level_1_or_level_5_guide_is_a_problem_on_its_line():
    page = md(
        "# The Whole Page { .guide }",   # 7
        "Text.",                         # 8
        "##### Tiny { .guide }",         # 9
        "Text.",                         # 10
        "###### Tinier { .guide }",      # 11
        "## Fine { .guide }",            # 12
    )

    found = scan(page, first_line=7)

    assert [guide.id for guide in found.guides] == ["fine"]
    assert found.problems == [
        Problem(SHOWN, 7, "guide", "a guide heading is level 2 to 4 (## to ####), not #"),
        Problem(SHOWN, 9, "guide", "a guide heading is level 2 to 4 (## to ####), not #####"),
        Problem(SHOWN, 11, "guide", "a guide heading is level 2 to 4 (## to ####), not ######"),
    ]


def test_guide_and_embed_lines_count_from_the_first_line_after_the_front_matter():
    page = md(
        "Intro.",                          # 12
        "",                                # 13
        "<!-- guide: by-email -->",        # 14
        "## By Phone { .guide }",          # 15
        "Call.",                           # 16
        "### By Email { .guide }",         # 17
        "Write.",                          # 18
        "  <!--guide:by-phone-->  ",       # 19
    )

    found = scan(page, first_line=12)

    assert [(guide.id, guide.line) for guide in found.guides] == [("by-phone", 15), ("by-email", 17)]
    assert found.embeds == [Embed("by-email", SOURCE, 14), Embed("by-phone", SOURCE, 19)]
    assert found.problems == []


def test_embed_lines_in_code_or_inside_a_sentence_are_not_embeds():
    page = md(
        "To embed a guide, write:",                 # 1
        "",                                         # 2
        "```",                                      # 3
        "<!-- guide: by-phone -->",                 # 4
        "```",                                      # 5
        "",                                         # 6
        "~~~~",                                     # 7
        "~~~",                                      # 8
        "<!-- guide: by-email -->",                 # 9
        "~~~~",                                     # 10
        "Read <!-- guide: by-phone --> here.",      # 11
        "<!-- guide: by-email -->",                 # 12
    )

    assert scan(page).embeds == [Embed("by-email", SOURCE, 12)]


# --- Links in a guide must work on other pages ---------------------------------


@pytest.mark.parametrize(
    ("written", "absolute"),
    [
        ("![A phone](../images/phone.svg)", "![A phone](/blog/images/phone.svg)"),
        ("[Scams](2024-07-15-avoid-job-scams.md)", "[Scams](/blog/posts/2024-07-15-avoid-job-scams.md)"),
        ("[Email instead](#apologize-by-email)", f"[Email instead](/{SOURCE}#apologize-by-email)"),
        ("[Tips](other.md#tips)", "[Tips](/blog/posts/other.md#tips)"),
        ("[Home](../../index.md)", "[Home](/index.md)"),
        ('[Call](./call.md "How to call")', '[Call](/blog/posts/call.md "How to call")'),
        ("[Angle](<../images/phone.svg>)", "[Angle](</blog/images/phone.svg>)"),
        ("Two: [a](a.md) and ![b](../b.png).", "Two: [a](/blog/posts/a.md) and ![b](/blog/b.png)."),
        ("[phone]: ../images/phone.svg", "[phone]: /blog/images/phone.svg"),
        ('[scams]: ./scams.md "Job scams"', '[scams]: /blog/posts/scams.md "Job scams"'),
        ("[top]: #intro", f"[top]: /{SOURCE}#intro"),
    ],
)
def test_relative_links_and_images_become_docs_absolute(written, absolute):
    assert absolute_links(written, SOURCE) == absolute


@pytest.mark.parametrize(
    "written",
    [
        "[LaborMAX](https://www.labormax.com/)",
        "[Write us](mailto:jobs@labormax.com)",
        "[Call us](tel:+14105550100)",
        "[Jobs](/jobs/)",
        "![Logo](/assets/logo.svg)",
        "[CDN](//cdn.example.com/a.js)",
        "[site]: https://www.labormax.com/",
        "[mail]: mailto:jobs@labormax.com",
        "No links here (just parentheses).",
    ],
)
def test_web_addresses_and_absolute_links_are_left_alone(written):
    assert absolute_links(written, SOURCE) == written


def test_links_on_a_hand_written_page_resolve_from_its_folder():
    assert absolute_links("![Map](images/map.svg) [FAQ](faq.md)", "advice.md") == "![Map](/images/map.svg) [FAQ](/faq.md)"
    assert absolute_links("[Back](../index.md)", "help/index.md") == "[Back](/index.md)"


def test_links_in_fenced_code_are_shown_as_written():
    text = md("See [this](a.md).", "```markdown", "[link](a.md)", "[ref]: a.md", "```", "And [that](b.md).")

    assert absolute_links(text, SOURCE) == md(
        "See [this](/blog/posts/a.md).", "```markdown", "[link](a.md)", "[ref]: a.md", "```", "And [that](/blog/posts/b.md).",
    )


def test_a_guide_body_carries_absolute_links():
    page = md("## Call { .guide }", "![Phone](../images/phone.svg) and [email](#by-email).")

    assert bodies(page) == {"call": f"![Phone](/blog/images/phone.svg) and [email](/{SOURCE}#by-email)."}


# --- Shifting headings and expanding embeds ------------------------------------


def test_shift_headings_moves_every_heading_outside_code():
    text = md("### Say Sorry { #sorry }", "Text.", "```", "## Code Heading", "```", "#### Deeper", "Not # a heading.")

    assert shift_headings(text, -1) == "\n".join(
        ["## Say Sorry { #sorry }", "Text.", "```", "## Code Heading", "```", "### Deeper", "Not # a heading."]
    )
    assert shift_headings(text, -1, strip_attrs=True).splitlines()[0] == "## Say Sorry"
    assert shift_headings(text, 1).splitlines()[3] == "## Code Heading"


def test_shift_headings_keeps_levels_between_1_and_6():
    assert shift_headings("# Top\n###### Bottom", -2) == "# Top\n#### Bottom"
    assert shift_headings("# Top\n###### Bottom", 3) == "#### Top\n###### Bottom"


def test_expand_embeds_replaces_only_embed_lines_outside_code():
    guides = {"call": Guide("call", "Call", 2, "Call.", SOURCE, 3, URL)}
    text = md("Intro.", "<!-- guide: call -->", "```", "<!-- guide: call -->", "```", "<!-- guide: unknown -->", "End.")

    expanded = expand_embeds(text, guides, lambda guide: f"[[embedded {guide.id}]]")

    assert expanded == md(
        "Intro.", "[[embedded call]]", "```", "<!-- guide: call -->", "```", "<!-- guide: unknown -->", "End.",
    )
    assert expand_embeds("<!-- guide: call -->", guides, lambda guide: "X") == "X"


# --- Checks across pages -------------------------------------------------------

PAGES = {"blog/posts/a.md": "docs/blog/posts/a.md", "advice.md": "docs/advice.md"}


def guide(guide_id: str, source: str = "blog/posts/a.md", line: int = 5, body: str = "Text.") -> Guide:
    return Guide(guide_id, guide_id.title(), 2, body, source, line, "blog/a/")


def test_all_good_guides_and_embeds_have_no_problems():
    guides = [guide("by-phone", body="<!-- guide: by-email -->"), guide("by-email", line=9)]
    embeds = [Embed("by-phone", "advice.md", 3), Embed("by-email", "blog/posts/a.md", 12)]

    assert check_guides(guides, embeds, PAGES) == []


def test_a_guide_id_defined_twice_names_both_places():
    guides = [guide("by-phone", line=20), guide("by-phone", source="advice.md", line=4)]

    [problem] = check_guides(guides, [], PAGES)

    assert (problem.path, problem.line, problem.field) == ("docs/advice.md", 4, "guide")
    assert problem.message == (
        "the id 'by-phone' is already a guide at docs/blog/posts/a.md:20; give this heading another { #id }"
    )


def test_an_embed_of_an_unknown_id_suggests_the_nearest_guide():
    guides = [guide("apologize-by-phone"), guide("apologize-by-email")]
    embeds = [Embed("apologise-by-phone", "advice.md", 8), Embed("zzz", "advice.md", 9)]

    assert check_guides(guides, embeds, PAGES) == [
        Problem("docs/advice.md", 8, "guide",
                "no guide has the id 'apologise-by-phone' (did you mean 'apologize-by-phone'?); guides are headings marked { .guide }"),
        Problem("docs/advice.md", 9, "guide", "no guide has the id 'zzz'; guides are headings marked { .guide }"),
    ]


def test_guides_that_embed_each_other_are_a_cycle_reported_once():
    page = md(
        "## A { .guide #a }",        # 1
        "<!-- guide: b -->",         # 2
        "## B { .guide #b }",        # 3
        "<!-- guide: a -->",         # 4
    )
    found = scan(page)

    assert check_guides(found.guides, found.embeds, {SOURCE: SHOWN}) == [
        Problem(SHOWN, 3, "guide", "guides embed each other in a circle: a -> b -> a; remove one of the embed lines"),
    ]


def test_a_longer_cycle_names_every_guide_on_it():
    page = md("## A { .guide #a }", "<!-- guide: b -->", "## B { .guide #b }", "<!-- guide: c -->", "## C { .guide #c }", "<!-- guide: a -->")
    found = scan(page, first_line=10)

    [problem] = check_guides(found.guides, found.embeds, {SOURCE: SHOWN})

    assert (problem.path, problem.line) == (SHOWN, 14)
    assert "a -> b -> c -> a" in problem.message


def test_a_guide_that_embeds_itself_is_a_cycle():
    page = md("Intro.", "## Call { .guide }", "Call.", "<!-- guide: call -->")
    found = scan(page, first_line=6)

    assert check_guides(found.guides, found.embeds, {SOURCE: SHOWN}) == [
        Problem(SHOWN, 7, "guide", "guides embed each other in a circle: call -> call; remove one of the embed lines"),
    ]


def test_an_embed_line_shown_in_code_inside_a_guide_is_not_a_cycle():
    """A guide that teaches editors how to embed a guide shows the line in code."""
    page = md("## How to Embed a Guide { .guide }", "Write this line:", "", "```", "<!-- guide: how-to-embed-a-guide -->", "```")
    found = scan(page)

    assert found.embeds == []
    assert check_guides(found.guides, found.embeds, {SOURCE: SHOWN}) == []


# --- Through load_content ------------------------------------------------------


def test_the_seed_post_yields_its_two_guides(project):
    content = project.load()

    assert [(g.id, g.title, g.level, g.line, g.source, g.page_url) for g in content.guides] == [
        ("apologize-by-phone", "Apologize by Phone", 2, 20, SOURCE, "blog/missed-your-interview/"),
        ("apologize-by-email", "Apologize by Email", 2, 44, SOURCE, "blog/missed-your-interview/"),
    ]
    assert list(content.published_guides) == ["apologize-by-phone", "apologize-by-email"]
    assert content.embeds == ()


def test_the_seed_guides_hold_their_own_section_only(project):
    guides = project.load().published_guides
    phone, email = guides["apologize-by-phone"].body, guides["apologize-by-email"].body

    assert phone.startswith("You must apologize as soon as possible if you miss an interview.")
    assert phone.endswith("   opportunities.")
    assert len(phone.splitlines()) == 21  # file lines 22 to 42
    assert email.startswith("If you cannot reach the employer by phone")
    assert email.endswith("   final apology.")
    assert "Get Expert Job Search Advice" not in email
    assert guides["apologize-by-phone"].url == "guides/apologize-by-phone/"


def test_a_draft_posts_guide_is_found_but_not_published(project):
    project.write_post("secret.md", draft=True, body="## Secret Steps { .guide }\n\nShh.\n")

    content = project.load()

    # ---, title, date, authors, tags, description, draft, ---, blank line: the heading is line 10.
    assert [(g.id, g.line) for g in content.guides if g.source == "blog/posts/secret.md"] == [("secret-steps", 10)]
    assert "secret-steps" not in content.published_guides
    assert project.load(preview=True).published_guides["secret-steps"].title == "Secret Steps"


def test_a_guide_in_a_hand_written_page_is_found(project):
    project.write("docs/advice.md", md(
        "---",                                        # 1
        "title: Advice",                              # 2
        "---",                                        # 3
        "",                                           # 4
        "# Advice for Job Seekers",                   # 5
        "",                                           # 6
        "## Dress for the Job { .guide }",            # 7
        "",                                           # 8
        "Wear boots on a site visit. ![Work boots by a door](images/boots.svg)",
    ))
    project.write("docs/images/boots.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>')
    project.write("docs/help/index.md", "## Ask Us { .guide #ask }\n\nCall us.\n")

    guides = project.load().published_guides

    assert guides["dress-for-the-job"] == Guide(
        id="dress-for-the-job", title="Dress for the Job", level=2,
        body="Wear boots on a site visit. ![Work boots by a door](/images/boots.svg)",
        source="advice.md", line=7, page_url="advice/",
    )
    assert (guides["ask"].source, guides["ask"].line, guides["ask"].page_url) == ("help/index.md", 1, "help/")


def test_embeds_of_known_guides_load_with_their_file_and_line(project):
    project.write("docs/advice.md", "# Advice\n\n<!-- guide: apologize-by-phone -->\n")

    content = project.load()

    assert content.embeds == (Embed("apologize-by-phone", "advice.md", 3),)


def test_an_embed_of_an_unknown_id_in_a_page_fails_the_build(project):
    project.write("docs/advice.md", "---\ntitle: Advice\n---\n\n# Advice\n\n<!-- guide: apologize-by-fone -->\n")

    assert project.problems() == [
        Problem("docs/advice.md", 7, "guide",
                "no guide has the id 'apologize-by-fone' (did you mean 'apologize-by-phone'?); guides are headings marked { .guide }"),
    ]


def test_an_embed_of_an_unknown_id_in_a_post_fails_the_build(project):
    project.write_post("embeds.md", body="Intro.\n\n<!-- guide: apologize-by-text -->\n")

    [problem] = project.problems()

    # ---, five fields, ---, blank, "Intro.", blank: the embed is line 11.
    assert (problem.path, problem.line, problem.field) == ("docs/blog/posts/embeds.md", 11, "guide")
    assert "'apologize-by-text'" in problem.message


def test_a_guide_id_taken_by_a_seed_guide_fails_the_build_naming_both(project):
    project.write("docs/advice.md", "# Advice\n\n## Phone Tips { .guide #apologize-by-phone }\n\nCall.\n")

    assert project.problems() == [
        Problem("docs/advice.md", 3, "guide",
                "the id 'apologize-by-phone' is already a guide at "
                "docs/blog/posts/2024-08-10-missed-your-interview.md:20; give this heading another { #id }"),
    ]


def test_a_level_1_guide_in_a_post_fails_the_build_on_its_line(project):
    project.write_post("levels.md", body="# Everything { .guide }\n\nText.\n")

    # ---, five fields, ---, blank line: the heading is line 9.
    assert project.problems() == [
        Problem("docs/blog/posts/levels.md", 9, "guide", "a guide heading is level 2 to 4 (## to ####), not #"),
    ]


@pytest.mark.parametrize("title", ["Call [HR](https://example.com/hr)", "**Bold** Move", "Use `code` Now", "*Quietly* _Apologize_"])
def test_heading_id_matches_the_rendered_id_when_the_title_has_markup(title):
    import markdown

    html = markdown.markdown(f"## {title}", extensions=["toc"])
    rendered = re.search(r'id="([^"]+)"', html).group(1)
    assert heading_id(title) == rendered


# Indented code blocks: what Python-Markdown, with the site's extensions, puts in <pre>.
_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
               "pymdownx.details", "pymdownx.superfences"]
_INDENTED = {
    "top-level code after a paragraph": md("Text t0", "", "    code t2", "    more t3", "", "Back t5"),
    "an indented line continuing a paragraph": md("Text t0", "    still text t1"),
    "a list item's second paragraph": md("- item t0", "", "    second paragraph t2", "", "After t4"),
    "code inside a list item": md("1. item t0", "", "        code t2", "", "    text t4"),
    "a nested list": md("- item t0", "    - nested t1", "", "        nested text t3", "",
                        "            nested code t5"),
    "an admonition's text and its code": md("!!! note", "", "    text t2", "", "        code t4", "",
                                             "Out t6", "", "    code again t8"),
    "a collapsible": md("??? tip \"Open\"", "    text t1", "", "        code t3"),
    "a definition": md("Term t0", ":   definition t1", "", "    more of it t3", "", "        code t5"),
    "a footnote": md("Text[^1] t0", "", "[^1]: note t2", "    more t3", "", "Then t5", "", "    code t7"),
    "a blank line inside code": md("T t0", "", "    code t2", "", "    code t4", "T t5"),
    "after a fence": md("T t0", "", "```", "fenced t3", "```", "", "    code t6"),
    "a tab": md("T t0", "", "\tcode t2"),
}


@pytest.mark.parametrize("name", sorted(_INDENTED))
def test_scan_lines_marks_the_lines_python_markdown_puts_in_code_blocks(name):
    page = _INDENTED[name]
    html = markdown.markdown(page, extensions=_EXTENSIONS)
    in_pre = {token for block in re.findall(r"<pre.*?</pre>", html, re.S) for token in re.findall(r"\bt\d+\b", block)}

    scanned = {m.group(0): line.in_code for line in scan_lines(page) if (m := re.search(r"\bt\d+\b", line.text))}

    assert {token for token, code in scanned.items() if code} == in_pre, html
