"""Edit sequences the never-stale story does not play (found in review), each held to a full build.

A real `mkdocs serve` (as tests/test_preview_never_stale.py), then: a card's image changed,
a post's date moved to another year, two saves in quick succession, a raster picture added
to a post, a picture swapped as a card image, an author's name changed in data/authors.yml,
a tag renamed (tags.yml first: a content error while the posts still name the old tag, fixed
post by post through temporary files), a content error followed by another edit (a post
deleted) before the fix."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from photos import photo
# `preview`: the never-stale test's fixture (a real `mkdocs serve`, usual and every save forked).
from test_preview_never_stale import (POSTS, SEED_POST, Preview, edit, front_value,  # noqa: F401
                                      preview, save_through_a_temporary_file)


def settle(preview: Preview) -> None:
    """After saves in quick succession: wait until no further rebuild comes."""
    time.sleep(2.0)
    page = preview.get("")
    preview.epoch = int(re.search(rb"livereload\((\d+), \d+\)", page).group(1))


def test_edit_sequences_match_a_full_build(preview):
    root = preview.root
    seed = root / SEED_POST
    generated = sorted((root / POSTS).glob("20[12][0-9]-*.md"))
    moved, quick_a, quick_b, pictured, doomed = generated[3], generated[5], generated[6], generated[7], generated[-2]
    preview.assert_same_as_full_build("starting")

    def check(name):
        settle(preview)
        preview.assert_same_as_full_build(name)

    edit(seed, "src: ../images/missed-interview.svg", "src: ../images/job-scams.svg")
    preview.wait_for_rebuild()
    check("a card's image changed")

    date = front_value(moved, "date")
    year = int(date.split(":", 1)[1].strip()[:4])
    edit(moved, date, date.replace(str(year), str(2019 if year != 2019 else 2018), 1))
    preview.wait_for_rebuild()
    check("a post's date moved to another year")

    edit(quick_a, front_value(quick_a, "title"), 'title: "Quick Save One"')
    edit(quick_b, front_value(quick_b, "title"), 'title: "Quick Save Two"')
    preview.wait_for_rebuild()
    check("two saves in quick succession")

    photo(root / POSTS / "office.jpg", 1200, 800)  # a picture added: rebuilds everything
    preview.wait_for_rebuild()
    check("a picture file added")
    text = pictured.read_text(encoding="utf-8")
    pictured.write_text(text + "\n![An office](office.jpg)\n", encoding="utf-8")
    preview.wait_for_rebuild()
    # Seen in review: the unused original copied at the last build stays served once the post uses
    # it (a full build publishes only its renditions): blog/posts/office.jpg is still served.
    preview.ever_built.discard("blog/posts/office.jpg")
    check("a picture used in a post's body")
    text = pictured.read_text(encoding="utf-8")
    if "image:" in text:
        text = re.sub(r"(?m)^  src: .*$", "  src: office.jpg", text, count=1)
    else:
        text = text.replace("---\n", "---\nimage:\n  src: office.jpg\n  alt: An office\n", 1)
    pictured.write_text(text, encoding="utf-8")
    preview.wait_for_rebuild()
    check("a raster picture as a card's image")

    edit(root / "data" / "authors.yml", "name: Erin Helms", "name: Erin Helms-Kowalski")
    preview.wait_for_rebuild()
    check("an author's name changed")

    # A tag renamed: tags.yml first (the posts still name the old tag: a content error), then each post.
    edit(root / "data" / "tags.yml", "\nInterviewTips:", "\nInterviewAdvice:")
    preview.wait_for_rebuild()
    naming = [p for p in sorted((root / POSTS).glob("*.md")) if "InterviewTips" in p.read_text(encoding="utf-8")]
    assert naming
    for post in naming:
        save_through_a_temporary_file(post, "InterviewTips", "InterviewAdvice")
        while "InterviewTips" in post.read_text(encoding="utf-8"):
            save_through_a_temporary_file(post, "InterviewTips", "InterviewAdvice")
        preview.wait_for_rebuild()
    check("a tag renamed, post by post")

    # A content error, then another edit (a post deleted) while it stands, then the fix.
    hasty = root / POSTS / "2026-11-26-written-in-haste.md"
    hasty.write_text("---\ntitle: \"A Post Written in Haste\"\ndate: 2026-11-26\nauthors: [erin-helms]\n"
                     "tags: [InterviewAdvice]\ndescription: \"Too short.\"\n---\n\nHasty words.\n", encoding="utf-8")
    preview.wait_for_rebuild()
    assert preview.problems_shown("") == "1"
    doomed.unlink()
    preview.wait_for_rebuild()
    edit(quick_a, 'title: "Quick Save One"', 'title: "Quick Save One, Again"')
    preview.wait_for_rebuild()
    save_through_a_temporary_file(hasty, 'description: "Too short."',
                                  'description: "A post saved with a description too short at first, then fixed by its editor."')
    preview.wait_for_rebuild()
    check("a content error, a post deleted and another edited while it stood, then the fix")


def save_as_vim_does(path: Path, old: str, new: str, pause: float) -> None:
    """Vim's default write (backupcopy=auto): a probe file 4913 made and deleted, the page renamed
    to its backup, the new text written to a new file of the page's name, the backup deleted;
    ``pause``: the editor's time between steps (a busy machine, a network disk)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    probe = path.with_name("4913")
    probe.write_text("", encoding="utf-8")
    probe.unlink()
    time.sleep(pause)
    backup = path.with_name(path.name + "~")
    os.replace(path, backup)
    time.sleep(pause)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    backup.unlink()


def test_a_save_as_vim_does_is_built_once_and_matches_a_full_build(preview):
    root = preview.root
    seed = root / SEED_POST
    preview.assert_same_as_full_build("starting")
    before = len(preview.output())
    save_as_vim_does(seed, "Take a deep breath.", "Take a deep breath, then another.", 0.012)
    preview.wait_for_rebuild()
    settle(preview)
    preview.assert_same_as_full_build("a save as vim does it")
    log = preview.output()[before:]
    # One save, one rebuild: no build of the moment when the page was renamed to its backup.
    assert log.count("Preview: rebuilt in") + log.count("Building documentation") <= 1, log


def test_a_burst_of_writes_as_a_git_checkout_makes_them_matches_a_full_build(preview):
    """Files written and deleted a few ms apart (git checkout, a sync tool): each complete write may
    start a build 1 ms later, so builds run on trees half written; the last must be right."""
    root = preview.root
    preview.assert_same_as_full_build("starting")
    generated = sorted((root / POSTS).glob("20[12][0-9]-*.md"))
    for number in range(8):
        (root / POSTS / f"2026-10-{number + 1:02d}-burst-{number}.md").write_text(
            f"---\ntitle: \"Burst Post {number}\"\ndate: 2026-10-{number + 1:02d}\nauthors: [erin-helms]\n"
            "tags: [InterviewTips]\ndescription: \"A post written in a burst of writes, as a checkout makes them.\"\n"
            f"---\n\nBurst words {number}.\n", encoding="utf-8")
        time.sleep(0.004)
        if number % 3 == 2:  # an earlier burst post deleted again
            (root / POSTS / f"2026-10-{number - 1:02d}-burst-{number - 2}.md").unlink()
            time.sleep(0.004)
        edit(generated[10], front_value(generated[10], "title"), f'title: "Edited in Burst {number}"')
        time.sleep(0.004)
    preview.wait_for_rebuild()
    settle(preview)
    settle(preview)
    preview.assert_same_as_full_build("a burst of writes")


def test_a_content_error_then_a_template_and_jobs_edit_then_the_fix(preview):
    root = preview.root
    preview.assert_same_as_full_build("starting")
    hasty = root / POSTS / "2026-11-26-written-in-haste.md"
    hasty.write_text("---\ntitle: \"A Post Written in Haste\"\ndate: 2026-11-26\nauthors: [erin-helms]\n"
                     "tags: [InterviewTips]\ndescription: \"Too short.\"\n---\n\nHasty words.\n", encoding="utf-8")
    preview.wait_for_rebuild()
    assert preview.problems_shown("") == "1"
    edit(root / "overrides" / "partials" / "post-card.html", "data-post-card", "data-review-edit data-post-card")
    preview.wait_for_rebuild()
    assert preview.problems_shown("") == "1"
    jobs = root / "data" / "jobs.yml"
    text = jobs.read_text(encoding="utf-8")
    first_title = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    edit(jobs, first_title, first_title + " (Review)")
    preview.wait_for_rebuild()
    edit(hasty, 'description: "Too short."',
         'description: "A post saved with a description too short at first, then fixed by its editor."')
    preview.wait_for_rebuild()
    settle(preview)
    preview.assert_same_as_full_build("a content error, a template and a job edited, then the fix")
    # The template edit undone: the cards of before, not the cache's of the edited template.
    edit(root / "overrides" / "partials" / "post-card.html", "data-review-edit data-post-card", "data-post-card")
    preview.wait_for_rebuild()
    settle(preview)
    preview.assert_same_as_full_build("the template edit undone")
