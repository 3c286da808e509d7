"""The theme's files listed without walking hidden folders (careerblog_mkdocs.theme_listing)
give MkDocs the very files, in the very order, that Jinja's whole walk gives it."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from careerblog_mkdocs.theme_listing import list_templates_without_hidden

REPO = Path(__file__).resolve().parents[1]


def _theme_files(env: jinja2.Environment, config) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return [(file.src_uri, file.abs_src_path) for file in files]


def _with_and_without(config) -> tuple[list, list]:
    env = config.theme.get_env()
    whole = _theme_files(env, config)
    env.list_templates = list_templates_without_hidden(env)
    return _theme_files(env, config), whole


def test_the_build_copies_the_same_theme_files_as_with_jinjas_whole_walk(tmp_path):
    config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    shortcut, whole = _with_and_without(config)
    assert shortcut == whole
    assert len(whole) > 10  # Material's stylesheets and scripts, ours over theirs


def _folders(tmp_path: Path) -> list[str]:
    """Two theme folders: the first one's files win; hidden files and folders at every depth."""
    names = ["ours/a.css", "ours/.hidden.css", "ours/x/.icons/i.svg", "ours/x/b.js", "ours/x/.well/k.css",
             "theirs/a.css", "theirs/.icons/deep/i.svg", "theirs/z/c.css", "theirs/z/.d/e.css", "theirs/y.js"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    return [str(tmp_path / "ours"), str(tmp_path / "theirs")]


def test_hidden_files_and_folders_at_every_depth_in_several_folders(tmp_path):
    config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.theme.dirs = _folders(tmp_path / "theme")
    shortcut, whole = _with_and_without(config)
    assert shortcut == whole
    assert [src for src, _ in whole] == ["a.css", "x/b.js", "y.js", "z/c.css"]
    assert whole[0][1].endswith("/ours/a.css")


def test_any_other_filter_gets_jinjas_whole_walk(tmp_path):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_folders(tmp_path)))
    shortcut = list_templates_without_hidden(env)
    for keeps in (lambda name: name.endswith(".svg"), lambda name: name.endswith("e.css"),
                  lambda name: not any(part.startswith(".") for part in name.split("/"))):
        assert shortcut(filter_func=keeps) == env.list_templates(filter_func=keeps) != []
    assert shortcut() == env.list_templates()
    assert shortcut(extensions=["svg"]) == env.list_templates(extensions=["svg"]) != []
