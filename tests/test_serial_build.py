"""The full build does work beside MkDocs (Pagefind indexes each page as it is written);
it must give the same bytes as the build that does everything one step after another
(CAREERBLOG_SERIAL_BUILD=1), and the same search index as Pagefind's CLI."""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import REPO, build_site


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory) -> tuple[Path, Path]:
    usual = build_site(REPO, tmp_path_factory.mktemp("usual") / "site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAREERBLOG_SERIAL_BUILD", "1")
        serial = build_site(REPO, tmp_path_factory.mktemp("serial") / "site")
    return usual, serial


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_the_usual_build_gives_the_same_bytes_as_the_serial_build(both_builds):
    usual, serial = both_builds
    names = _files(usual)
    assert names == _files(serial)
    assert any(name.startswith("pagefind/index/") for name in names)
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
