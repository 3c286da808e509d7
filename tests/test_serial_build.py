"""The full build does work beside MkDocs: a forked worker process converts and renders
part of the pages (careerblog_mkdocs.parallel) and Pagefind indexes each page as it is
written. It must give the same bytes as the build that does everything one step after
another in one process (CAREERBLOG_SERIAL_BUILD=1), fail as it does, and give the same
search index as Pagefind's CLI."""

from __future__ import annotations

import filecmp
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from sitebuild import REPO, build_site, copy_real_project

TWO_CORES = len(os.sched_getaffinity(0)) >= 2 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) >= 2


def _shares() -> dict[str, int]:
    from careerblog_mkdocs import parallel  # loaded by the build's hooks

    return dict(parallel.shares)


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory) -> tuple[Path, Path]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAREERBLOG_SERIAL_BUILD", "1")
        serial = build_site(REPO, tmp_path_factory.mktemp("serial") / "site")
    # Another project in between, as in the whole suite: MkDocs loads each hook file once per
    # process, so the usual build runs the hooks loaded for the serial one, after another
    # project's; the two projects' hooks must not be confused.
    other = tmp_path_factory.mktemp("other")
    copy_real_project(other)
    build_site(other, other / "site")
    usual = build_site(REPO, tmp_path_factory.mktemp("usual") / "site")
    if TWO_CORES:  # otherwise there is nothing to compare: the usual build is the serial one
        shares = _shares()
        assert shares["converted"] > 0 and shares["rendered"] > 0, shares
    return usual, serial


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_the_usual_build_gives_the_same_bytes_as_the_serial_build(both_builds):
    usual, serial = both_builds
    names = _files(usual)
    assert names == _files(serial)
    assert any(name.startswith("pagefind/index/") for name in names)
    assert any(name.startswith("assets/cards/") for name in names)  # drawn for pages of both processes
    _, mismatch, errors = filecmp.cmpfiles(usual, serial, names, shallow=False)
    assert mismatch == [] and errors == []


def test_pagefind_indexes_the_same_pages_with_the_same_text_as_its_cli(both_builds, tmp_path):
    usual, _ = both_builds
    cli = tmp_path / "cli"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(usual), "--output-path", str(cli), "--silent"],
                   check=True, capture_output=True)
    # A fragment is named by the hash of one page's URL, title, text and filters; the rest
    # (Pagefind's scripts, styles and WebAssembly) must be whole. Only the index's page
    # numbering (index/, the .pf_meta and the entry naming it) follows the order pages came in.
    ours_files, cli_files = _files(usual / "pagefind"), _files(cli)
    assert _files(cli / "fragment") == _files(usual / "pagefind" / "fragment")
    same_anyway = [name for name in cli_files if not name.startswith("index/")
                   and not name.endswith(".pf_meta") and name != "pagefind-entry.json"]
    assert set(same_anyway) <= set(ours_files) and len(ours_files) == len(cli_files)
    _, mismatch, errors = filecmp.cmpfiles(cli, usual / "pagefind", same_anyway, shallow=False)
    assert mismatch == [] and errors == []
    ours = json.loads((usual / "pagefind" / "pagefind-entry.json").read_text())
    theirs = json.loads((cli / "pagefind-entry.json").read_text())
    assert ours["languages"]["en"]["page_count"] == theirs["languages"]["en"]["page_count"] > 10


# A hook that cannot render any page but the home page: the build stops at the first page in
# MkDocs' order, whichever process rendered it, with the one-process build's message.
FAILING_HOOK = '''
from mkdocs.exceptions import PluginError


def on_page_context(context, *, page, config, nav):
    if not page.is_homepage:
        raise PluginError(f"cannot render {page.file.src_uri}")
    return context
'''


def project_with_hook(root: Path, name: str, source: str) -> Path:
    """A copy of the project with one more hook, ``hooks/<name>.py``, listed first."""
    copy_real_project(root)
    (root / "hooks" / f"{name}.py").write_text(source, encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("hooks:\n", f"hooks:\n  - hooks/{name}.py\n", 1), encoding="utf-8")
    return root


def failed_build_errors(root: Path, out: Path, serial: bool, caplog, monkeypatch) -> list[str]:
    """The errors a build of ``root`` logs as it fails, serial or usual (into ``out``)."""
    caplog.clear()
    monkeypatch.setenv("CAREERBLOG_SERIAL_BUILD", "1" if serial else "0")
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        build_site(root, out / ("serial" if serial else "usual"))
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.skipif(not TWO_CORES, reason="one core: every build is the serial one")
def test_a_page_that_fails_in_the_worker_fails_the_build_as_in_one_process(tmp_path, caplog, monkeypatch):
    root = project_with_hook(tmp_path / "project", "failing", FAILING_HOOK)

    def errors(serial: bool) -> list[str]:
        return failed_build_errors(root, tmp_path, serial, caplog, monkeypatch)

    usual = errors(serial=False)
    assert _shares()["rendered"] > 0
    serial = errors(serial=True)
    assert serial[-1].startswith("cannot render ") and len(serial) == 2, serial
    # Both processes may have failed on a page before either knew of the other's failure: the
    # build stops with the error of the first page in MkDocs' order, as one process does.
    assert serial[0] in usual and usual[-1] == serial[-1], (usual, serial)



# A hook that kills whichever worker process runs it, on its second page: what the worker
# did not finish is done in the main process, and the site is the same.
KILLING_HOOK = '''
import os

MAIN = os.getpid()  # hooks are loaded in the main process, before any worker is forked
seen = []  # pages this process has seen
os.register_at_fork(after_in_child=seen.clear)


def on_page_markdown(markdown, *, page, config, files):
    _die_in_a_worker()
    return markdown


def on_page_context(context, *, page, config, nav):
    _die_in_a_worker()
    return context


def _die_in_a_worker():
    seen.append(1)
    if os.getpid() != MAIN and len(seen) == 2:
        os._exit(9)
'''


@pytest.mark.skipif(not TWO_CORES, reason="one core: every build is the serial one")
def test_a_worker_that_dies_leaves_its_pages_to_the_main_process(both_builds, tmp_path, monkeypatch):
    _, serial = both_builds
    root = project_with_hook(tmp_path / "project", "killing", KILLING_HOOK)
    usual = build_site(root, tmp_path / "site")
    shares = _shares()  # each worker died on its second page
    assert shares["converted"] <= 1 and shares["rendered"] == 1, shares
    names = _files(usual)
    assert names == _files(serial)
    _, mismatch, errors = filecmp.cmpfiles(usual, serial, names, shallow=False)
    assert mismatch == [] and errors == []


# A hook that marks the body of listing pages for Pagefind: the pages the build on two cores
# renders last (hooks/search.py asks it to) because Pagefind would leave them out. The index,
# asked for before they are rendered, is made again in page order: the same bytes.
MARKING_HOOK = '''
def on_post_page(output, *, page, config):
    if page.meta.get("template") == "listing.html":
        return output.replace("<header class=\\"cb-listing-header\\">", "<header class=\\"cb-listing-header\\" data-pagefind-body>", 1)
    return output
'''


def test_a_page_rendered_last_that_pagefind_indexes_after_all_gives_the_serial_index(tmp_path, caplog, monkeypatch):
    root = project_with_hook(tmp_path / "project", "marking", MARKING_HOOK)
    monkeypatch.setenv("CAREERBLOG_SERIAL_BUILD", "1")
    serial = build_site(root, tmp_path / "serial")
    monkeypatch.setenv("CAREERBLOG_SERIAL_BUILD", "0")
    with caplog.at_level(logging.INFO):
        usual = build_site(root, tmp_path / "usual")
    # On two cores, the index asked for before the listing pages was given up and made again in
    # page order (on one, the pages come in MkDocs' order and the index is asked for after them).
    assert any("the index is made again" in r.getMessage() for r in caplog.records) == TWO_CORES
    assert "data-pagefind-body" in (usual / "blog" / "index.html").read_text(encoding="utf-8")
    names = _files(usual)
    assert names == _files(serial)
    _, mismatch, errors = filecmp.cmpfiles(usual, serial, names, shallow=False)
    assert mismatch == [] and errors == []


# A hook that cannot render listing pages (rendered last on two cores) nor guide pages (after
# the listings in MkDocs' order, rendered before them): the build stops with the error of the
# first listing page, the first failing page in MkDocs' order, as in one process.
FAILING_LATE_HOOK = '''
from mkdocs.exceptions import PluginError


def on_page_context(context, *, page, config, nav):
    if page.meta.get("template") in ("listing.html", "guide.html"):
        raise PluginError(f"cannot render {page.file.src_uri}")
    return context
'''


@pytest.mark.skipif(not TWO_CORES, reason="one core: every build is the serial one")
def test_a_page_rendered_last_that_fails_first_in_page_order_fails_the_build(tmp_path, caplog, monkeypatch):
    root = project_with_hook(tmp_path / "project", "failing_late", FAILING_LATE_HOOK)

    def errors(serial: bool) -> list[str]:
        return failed_build_errors(root, tmp_path, serial, caplog, monkeypatch)

    serial = errors(serial=True)
    assert serial[-1].startswith("cannot render ") and "guides/" not in serial[-1], serial
    usual = errors(serial=False)
    assert usual[-1] == serial[-1], (usual, serial)


GC_RECORDER = '''
import gc, os

def _record(event):
    with open(os.environ["GC_RECORDS"], "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()} {event} {gc.isenabled()} {gc.get_freeze_count() > 0}\\n")

def on_files(files, config):
    _record("files")
    return files

def on_page_markdown(markdown, page, config, files):
    _record("page_markdown")
    return markdown

def on_page_context(context, page, config, nav):
    _record("page_context")
    return context
'''


@pytest.mark.skipif(not TWO_CORES, reason="one core: no worker, the collector is left alone")
def test_the_garbage_collector_waits_for_the_fork_and_no_longer(tmp_path, monkeypatch):
    """Off from the start (careerblog_mkdocs.parallel.hold_collector) until the Markdown worker
    forks; on in both processes for every page, and after the build. What the forks froze
    (gc.freeze) stays frozen in the main process until the build ends, and no longer."""
    import gc

    records = tmp_path / "gc.txt"
    monkeypatch.setenv("GC_RECORDS", str(records))
    monkeypatch.setenv("CAREERBLOG_SERIAL_BUILD", "0")
    build_site(project_with_hook(tmp_path / "project", "gc_recorder", GC_RECORDER), tmp_path / "site")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    seen = [line.split() for line in records.read_text(encoding="utf-8").splitlines()]
    assert [(enabled, frozen) for pid, event, enabled, frozen in seen if event == "files"] == [("False", "False")]
    pages = [(pid, enabled, frozen) for pid, event, enabled, frozen in seen if event != "files"]
    assert {(enabled, frozen) for _, enabled, frozen in pages} == {("True", "True")}
    assert str(os.getpid()) in {pid for pid, _, _ in pages} and len({pid for pid, _, _ in pages}) >= 2


@pytest.mark.skipif(not TWO_CORES, reason="one core: no worker, the collector is left alone")
def test_a_build_that_fails_before_the_fork_turns_the_garbage_collector_back_on(tmp_path, caplog, monkeypatch):
    import gc

    root = copy_real_project(tmp_path / "project")
    (root / "docs" / "blog" / "posts" / "broken.md").write_text("---\ntitle: [\n---\n\nText.\n", encoding="utf-8")
    assert failed_build_errors(root, tmp_path, False, caplog, monkeypatch)
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.skipif(not TWO_CORES, reason="one core: no worker, nothing frozen")
def test_a_build_that_fails_after_the_forks_leaves_nothing_frozen(tmp_path, caplog, monkeypatch):
    import gc

    root = project_with_hook(tmp_path / "project", "failing", FAILING_HOOK)
    assert failed_build_errors(root, tmp_path, False, caplog, monkeypatch)
    assert _shares()["rendered"] > 0  # the page worker was forked
    assert gc.isenabled() and gc.get_freeze_count() == 0
