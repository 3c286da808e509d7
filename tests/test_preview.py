"""The preview: after an editor saves one post, the rebuilt site shows the change everywhere.

`make serve` rebuilds in the process that built before, where rendered Markdown
is kept between builds (careerblog_mkdocs.render_cache). The edit must still
reach every page that depends on it, and only pages whose Markdown changed are
converted again.
"""

from __future__ import annotations

import shutil
import sys

import pytest
from mkdocs.exceptions import Abort
from mkdocs.structure.pages import Page

from careerblog_mkdocs import render_cache

from sitebuild import Site, build_site, copy_machinery, resolve, serving

POST = "/blog/missed-your-interview/"
POST_FILE = "docs/blog/posts/2024-08-10-missed-your-interview.md"
OLD_TITLE = "Oh No! You Missed Your Interview"
NEW_TITLE = "Oh No! You Slept Through Your Interview"
GUIDE = "/guides/apologize-by-phone/"
GUIDE_LINE = "Say sorry before you say anything else."
NEW_GUIDE_LINE = "Keep the call short, and smile while you talk."
# A second post on #InterviewTips keeps that tag's page when the edited post leaves it,
# and it shows the phone guide, so the guide's edit must reach it too.
OTHER = "/blog/interview-follow-up/"


@pytest.fixture
def preview(project, tmp_path):
    copy_machinery(project.root)
    post = project.root / POST_FILE
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace(
        "apologize by phone:\n", f"apologize by phone:\n\n{GUIDE_LINE}\n", 1), encoding="utf-8")
    project.write_post("2024-09-01-interview-follow-up.md", title="Follow Up After Every Interview",
                       date="2024-09-01", tags=["InterviewTips"],
                       body="Write to the interviewer the same day.\n\n<!-- guide: apologize-by-phone -->\n")
    with serving(project.root, tmp_path / "site") as rebuild:
        yield project, rebuild


def edit_post(project) -> None:
    """Title, tags (#InterviewTips out, #JobSearchTips in) and a line of the phone guide."""
    post = project.root / POST_FILE
    text = post.read_text(encoding="utf-8")
    assert OLD_TITLE in text and "tags: [InterviewTips, " in text and GUIDE_LINE in text
    post.write_text(
        text.replace(OLD_TITLE, NEW_TITLE)
        .replace("tags: [InterviewTips, ", "tags: [JobSearchTips, ")
        .replace(GUIDE_LINE, NEW_GUIDE_LINE),
        encoding="utf-8",
    )


def card_titles(site: Site, url: str, within: str = "") -> dict[str, str]:
    """Where each post card on the page links, and the title it shows."""
    cards = site.html(url).select(f"{within} [data-post-card]".strip())
    return {resolve(url, c.select_one("a[href]")["href"]): c.select_one("a[href]").get_text(strip=True) for c in cards}


def test_an_edit_shows_everywhere_after_the_rebuild(preview):
    project, rebuild = preview
    before = rebuild()
    assert card_titles(before, "/tags/interview-tips/")[POST] == OLD_TITLE
    assert GUIDE_LINE in before.html(OTHER).select_one('[data-guide-embed="apologize-by-phone"]').get_text()

    edit_post(project)
    site = rebuild()

    assert site.html(POST).select_one("article h1").get_text(strip=True) == NEW_TITLE
    assert [a["data-tag"] for a in site.html(POST).select("article.cb-post a[data-tag]")][0] == "job-search-tips"
    assert card_titles(site, "/blog/")[POST] == NEW_TITLE
    assert card_titles(site, "/")[POST] == NEW_TITLE
    assert card_titles(site, "/authors/erin-helms/")[POST] == NEW_TITLE
    # The tag it left lists it no more; the tag it joined does.
    assert list(card_titles(site, "/tags/interview-tips/")) == [OTHER]
    assert card_titles(site, "/tags/job-search-tips/")[POST] == NEW_TITLE
    # Related cards on the other posts, with the tags they now share.
    for url in ["/blog/job-scams/", "/blog/summer-jobs/"]:
        related = site.html(url).select("[data-related-posts] [data-post-card]")
        mine = [c for c in related if resolve(url, c.select_one("a[href]")["href"]) == POST]
        assert mine and mine[0].select_one("a[href]").get_text(strip=True) == NEW_TITLE
        assert "#JobSearchTips" in mine[0].select_one(".cb-card-because").get_text()
    # The guide's own page, and the page that embeds it.
    guide = site.html(GUIDE).get_text()
    assert NEW_GUIDE_LINE in guide and GUIDE_LINE not in guide and NEW_TITLE in guide
    embed = site.html(OTHER).select_one('[data-guide-embed="apologize-by-phone"]').get_text()
    assert NEW_GUIDE_LINE in embed and GUIDE_LINE not in embed
    # Nothing anywhere (pages, feed, sitemap, search index) still shows the old title.
    assert OLD_TITLE not in site.text_of_all_files()


def record_conversions(monkeypatch) -> list[str]:
    """The src_uri of every page converted from now on."""
    converted: list[str] = []

    def recording(render):
        def recording_render(page, config, files):
            converted.append(page.file.src_uri)
            return render(page, config, files)
        return recording_render

    # A page is converted by MkDocs' Page.render, or on the process's one converter (render_cache._render).
    monkeypatch.setattr(Page, "render", recording(Page.render))
    monkeypatch.setattr(render_cache, "_render", recording(render_cache._render))
    return converted


def test_the_rebuild_converts_only_the_markdown_that_changed(preview, monkeypatch):
    project, rebuild = preview
    rebuild()
    edit_post(project)
    converted = record_conversions(monkeypatch)
    rebuild()
    # The edited post, the post that embeds its guide, and the guide's page: nothing else.
    assert sorted(converted) == [
        "blog/posts/2024-08-10-missed-your-interview.md",
        "blog/posts/2024-09-01-interview-follow-up.md",
        "guides/apologize-by-phone/index.md",
    ]


def test_the_rebuilt_preview_equals_a_fresh_build(preview, tmp_path):
    project, rebuild = preview
    rebuild()
    edit_post(project)
    site = rebuild()
    # A copy elsewhere loads its own hooks, so nothing kept by the preview can reach it.
    copy = tmp_path / "copy"
    shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns("site", "fresh", "copy"))
    fresh = Site(build_site(copy, tmp_path / "fresh", serve=True))
    assert site.text_of_all_files() == fresh.text_of_all_files()


def test_a_warning_is_given_again_on_every_rebuild(preview, caplog):
    project, rebuild = preview
    project.write_post("2024-09-02-broken-link.md", title="A Post With a Broken Link", date="2024-09-02",
                       body="See [the missing page](no-such-post.md).\n")
    for _ in range(2):  # the second build takes the post's HTML from the cache
        caplog.clear()
        with pytest.raises(Abort):
            rebuild()
        assert "no-such-post.md" in caplog.text


def test_the_preview_indexes_search_beside_the_server(preview):
    import careerblog_mkdocs

    project, rebuild = preview
    site = rebuild()
    search_hook = sys.modules["hooks/search.py"]
    indexing = search_hook._indexing
    assert indexing is not None, "in the preview, Pagefind runs after the build returns"
    assert indexing.wait(timeout=120) == 0
    assert (site.root / "pagefind" / "pagefind.js").is_file()
    assert careerblog_mkdocs.Session.serving


def test_a_link_follows_the_post_it_names_when_that_post_moves(preview, monkeypatch):
    """The kept HTML of Markdown with links lasts while no file it names is added, removed or
    moved (careerblog_mkdocs.render_cache): a post's new slug reaches a page linking to its file,
    and a page naming no moved file keeps its HTML."""
    project, rebuild = preview
    post = project.root / POST_FILE
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("Take a deep breath.", "Take a deep breath. Read [about scams](2024-07-15-avoid-job-scams.md).", 1),
                    encoding="utf-8")
    site = rebuild()
    assert [a["href"] for a in site.html(POST).select("article a") if a.get_text() == "about scams"] == ["../job-scams/"]

    scams = project.root / "docs/blog/posts/2024-07-15-avoid-job-scams.md"
    scams.write_text(scams.read_text(encoding="utf-8").replace("slug: job-scams", "slug: scam-warnings", 1), encoding="utf-8")
    converted = record_conversions(monkeypatch)
    site = rebuild()
    assert [a["href"] for a in site.html(POST).select("article a") if a.get_text() == "about scams"] == ["../scam-warnings/"]
    # The post embedding a guide holds a '<' (a link sign) but names no moved file.
    assert POST_FILE.removeprefix("docs/") in converted
    assert "blog/posts/2024-09-01-interview-follow-up.md" not in converted


def test_a_folder_page_added_forgets_html_whose_links_reach_it_without_naming_it():
    # "[up](../)" names no file, yet MkDocs resolves (and warns about) it against the folder's
    # index.md: adding one must convert the page again, or its old warning would be replayed.
    from types import SimpleNamespace

    def files(*sources):
        return [SimpleNamespace(src_uri=src, url=src, dest_uri=src, inclusion=None) for src in sources]

    cache = render_cache.RenderCache()
    cache._forget_links_to(files("guides/career/x.md"))
    kept = (render_cache._LINKS + "site", "guides/career/x.md", "", "Back [up](../).")
    cache._kept[kept] = None
    cache._forget_links_to(files("guides/career/x.md", "about.md"))  # a page that nothing here names
    assert kept in cache._kept
    cache._forget_links_to(files("guides/career/x.md", "about.md", "blog/page/2/index.md"))  # not above it
    assert kept in cache._kept
    cache._forget_links_to(files("guides/career/x.md", "about.md", "guides/index.md"))
    assert kept not in cache._kept


def test_the_memo_of_posts_checks_the_links_of_the_text_as_saved(project):
    """The preview's memo of posts keeps each post's body with it (careerblog.content): the links
    checked after a save are those of the text as saved, not of the text first read."""
    from careerblog import ContentError, load_content

    from conftest import NOW

    post = project.write_post("2026-11-02-linked.md", body="See [the job scams post](../job-scams/).\n")
    memo: dict = {}
    load_content(str(project.root), str(project.docs), NOW, preview=True, memo=memo)
    post.write_text(post.read_text(encoding="utf-8").replace("../job-scams/", "../no-such-post/"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(str(project.root), str(project.docs), NOW, preview=True, memo=memo,
                     changed=frozenset({str(post)}))
    assert any("no-such-post" in problem.message and problem.path.endswith("2026-11-02-linked.md")
               for problem in caught.value.problems), caught.value.render()


def test_the_preview_finds_the_pictures_of_a_page_as_saved(project):
    """The preview hands the pictures' check its texts as read, and each page's pictures are found
    again only when its text changed (careerblog.pictures.uses): a picture added is seen."""
    from careerblog.pictures.uses import find_uses

    content = project.load(preview=True)
    source = content.sources.posts[0]
    text = (project.docs / source).read_text(encoding="utf-8")
    before = find_uses(content, str(project.docs), "docs", {source: text})
    edited = text + "\n![A worker at a desk](../images/a-new-photo.jpg)\n"
    after = find_uses(content, str(project.docs), "docs", {source: edited})
    assert "blog/images/a-new-photo.jpg" not in {use.source for use in before}
    assert "blog/images/a-new-photo.jpg" in {use.source for use in after}
    assert find_uses(content, str(project.docs), "docs", {source: text}) == before


def test_a_page_is_described_by_its_values_alone():
    """The serve model digests what a page displays pickled without Pickle's memo
    (serve_model._described): equal values give equal bytes however their objects are shared
    (else a page would render again for nothing), and what cannot be described is None (the
    page then renders on every save)."""
    from careerblog_mkdocs.serve_model import _described

    title = "Oh No! You Missed Your Interview"
    same_object = {"cards": [{"title": title}, {"title": title}]}
    equal_objects = {"cards": [{"title": title}, {"title": "".join(["Oh No! ", "You Missed Your Interview"])}]}
    assert _described(same_object) == _described(equal_objects)
    assert _described({"cards": [{"title": "A"}]}) != _described({"cards": [{"title": "B"}]})
    assert b"missed-your-interview" in _described({"url": "blog/missed-your-interview/"})
    loop: list = []
    loop.append(loop)
    assert _described(loop) is None
    assert _described({"render": lambda: title}) is None


def test_the_preview_builds_at_once_only_when_every_write_is_complete(tmp_path):
    """MkDocs' build loop waits the server's build_delay after each event (serve_model._saw): 20 ms
    while a file is still being written or a new file other than a page was just closed (a
    temporary file, renamed over the page a moment later); 1 ms once every write is complete."""
    import threading
    from types import SimpleNamespace

    from watchdog.events import FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent

    from careerblog_mkdocs.serve_model import _BUILD_DELAY, _SAVED_DELAY, ServeModel

    posts = tmp_path / "docs" / "blog" / "posts"
    page, temporary, new = (str(posts / name) for name in ("2024-08-10-a.md", "sedK3x9Qa", "2026-11-26-new.md"))
    model = ServeModel(_watched=frozenset({str(tmp_path / "docs")}))
    server = SimpleNamespace(_rebuild_cond=threading.Condition(), build_delay=None, _want_rebuild=False)

    def delay_after(*events) -> float:
        for event in events:
            model._saw(event, server)
        with model._lock:  # as a build takes the changes
            model._changes.clear()
            model._open_writes.clear()
        return server.build_delay

    assert delay_after(FileModifiedEvent(page), FileModifiedEvent(page), FileClosedEvent(page)) == _SAVED_DELAY
    assert delay_after(FileModifiedEvent(page)) == _BUILD_DELAY  # still open
    # `sed -i`, an editor's safe write: the temporary file is closed, then renamed over the page.
    assert delay_after(FileCreatedEvent(temporary), FileModifiedEvent(temporary), FileClosedEvent(temporary)) == _BUILD_DELAY
    assert delay_after(FileCreatedEvent(temporary), FileClosedEvent(temporary), FileMovedEvent(temporary, page)) == _SAVED_DELAY
    assert delay_after(FileCreatedEvent(new), FileModifiedEvent(new), FileClosedEvent(new)) == _SAVED_DELAY
    assert delay_after(FileModifiedEvent(new), FileDeletedEvent(page)) == _BUILD_DELAY  # one write still open
    assert delay_after(FileDeletedEvent(page)) == _SAVED_DELAY
    # vim's and Emacs' save: the page renamed to its backup, then written again under its name
    # (found in review: built at once, the post was served missing for one build).
    backup = page + "~"
    assert delay_after(FileMovedEvent(page, backup)) == _BUILD_DELAY
    assert delay_after(FileMovedEvent(page, backup), FileCreatedEvent(page), FileModifiedEvent(page),
                       FileClosedEvent(page), FileDeletedEvent(backup)) == _SAVED_DELAY


def test_a_new_post_ranks_the_related_posts_before_it_only_when_not_known(monkeypatch):
    """A save that only adds or deletes posts compares every post's related posts before and after
    (careerblog_mkdocs.serve_posts). Those before are the last ones ranked when they were ranked for
    the same frame (what ranking reads: tags, dates, slugs, pins, settings), as after a title edit;
    otherwise they are ranked again from the last content."""
    from careerblog_mkdocs import serve_model
    from careerblog_mkdocs.serve_posts import Frame

    ranked: list[str] = []

    def related_lists(content):
        ranked.append(content)
        return {"a.md": (content,)}

    monkeypatch.setattr(serve_model, "related_lists", related_lists)
    before = Frame("rest", {"a.md": ("a", "piece a")})
    after = Frame("rest", {"a.md": ("a", "piece a"), "b.md": ("b", "piece b")})

    def new_post_after(kept_for: Frame) -> list[str]:
        model = serve_model.ServeModel()
        model._related = (kept_for.digest, {"a.md": ("known",)})
        model.frame, model._displays_changed = after, {"b"}
        ranked.clear()
        change = model._posts_only(before, "last content", "content", {"b.md"})
        assert change is not None and model._related == (after.digest, {"a.md": ("content",)})
        return list(ranked)

    assert new_post_after(before) == ["content"]  # the kept ranking stands for the content before
    assert new_post_after(Frame("other rest", {"a.md": ("a", "piece a")})) == ["last content", "content"]
