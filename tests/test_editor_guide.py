"""Every example in EDITING.md, done to a copy of the project as an editor would do it.

The guide is a story: an editor starts a post, previews it, gives it a hero
image, a new location tag with a job, an author, a guide section, and
publishes. Each step is a fenced example announced by an HTML comment that the
rendered guide hides:

    <!-- example: ACTION [PATH] -> OUTCOME [URL [SELECTOR]] -->

ACTION is what the editor does with the fence below it:

    write PATH     the fence is the whole file
    append PATH    the fence is added at the end of the file
    set PATH       the fence's top-level fields replace (or join) those of the
                   file; of the front matter for a post
    run            the fence is one command, ``blog ...``, run in the project
    show PATH      the fence is what the file holds now
    picture PATH   the editor saves a picture there (the fence shows how)
    remove PATH    the editor deletes the file (no fence)
    link PATH      the file becomes a symbolic link (no fence)
    latin1 PATH    like write, saved in Latin-1 instead of UTF-8
    make           the fence is ``make TARGET``
    settings       the fence is VS Code's settings.json

OUTCOME is what must happen:

    builds [URL [SELECTOR]]  kept for the next steps; `blog check` passes, and
                             the site built at the end has URL (and SELECTOR on it)
    passes                   an alternative: on a copy, `blog check` passes
    fails                    on a copy, `blog check` (or the command) prints
                             exactly the next fence and exits with 1
    prints                   the command prints exactly the next fence; kept
    matches                  the file holds exactly the fence
    previews URL [SELECTOR]  `make serve`'s build of the project as it is now
                             has URL (and SELECTOR)
    validates                the settings map each data file to its schema

A fence without a comment is an example nobody checks: a test refuses it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import shutil
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from careerblog.cli import main
from careerblog.yamlfile import split_front_matter
from sitebuild import EPOCH, Site, build_site, copy_real_project

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "EDITING.md"
MARKER = re.compile(r"<!--\s*example:\s*(?P<action>[a-z0-9]+)(?:[ \t]+(?P<path>[^\s>-][^\s>]*))?"
                    r"[ \t]*->[ \t]*(?P<outcome>[a-z]+)(?P<rest>[^>]*?)\s*-->")
FENCE = re.compile(r"^(?P<ticks>```+)(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=ticks)[ \t]*$", re.M | re.S)
WITH_INPUT = {"write", "append", "set", "run", "show", "picture", "latin1", "make", "settings"}
KEPT = {"builds", "prints", "matches", "previews", "validates"}


@dataclass
class Example:
    line: int  # line of the comment in EDITING.md
    action: str
    path: str | None
    outcome: str
    target: list[str]  # URL and selector, for builds and previews
    body: str = ""  # the fence the action uses
    expected: str | None = None  # the fence the outcome compares with

    @property
    def id(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"EDITING.md:{self.line} {self.action}{where} -> {self.outcome}"


@dataclass
class Guide:
    examples: list[Example]
    unchecked: list[int]  # lines of fences no comment announces


def read_guide(text: str) -> Guide:
    """The examples of the guide, each with the fences it uses, in order."""
    def line_of(offset: int) -> int:
        return text.count("\n", 0, offset) + 1

    items = sorted(
        [(m.start(), "marker", m) for m in MARKER.finditer(text)] + [(m.start(), "fence", m) for m in FENCE.finditer(text)],
        key=lambda item: item[0],
    )
    examples, unchecked, position = [], [], 0
    while position < len(items):
        offset, kind, match = items[position]
        position += 1
        if kind == "fence":
            unchecked.append(line_of(offset))
            continue
        rest = match.group("rest").split(maxsplit=1)
        example = Example(line_of(offset), match.group("action"), match.group("path"), match.group("outcome"), rest)

        def take_fence() -> str | None:
            nonlocal position
            if position < len(items) and items[position][1] == "fence":
                position += 1
                return items[position - 1][2].group("body")
            return None

        if example.action in WITH_INPUT:
            example.body = take_fence() or ""
        if example.outcome in ("fails", "prints"):
            example.expected = take_fence()
        elif example.outcome == "matches":
            example.expected = example.body
        examples.append(example)
    return Guide(examples, unchecked)


GUIDE_EXAMPLES = read_guide(GUIDE.read_text(encoding="utf-8"))


# --- doing what the guide says -------------------------------------------------------------------


def apply(example: Example, root: Path) -> None:
    """Do to the project at ``root`` what the example's action says."""
    path = root / example.path if example.path else None
    if example.action == "write":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(example.body, encoding="utf-8")
    elif example.action == "latin1":
        path.write_bytes(example.body.encode("latin-1"))
    elif example.action == "append":
        text = path.read_text(encoding="utf-8")
        text += "" if text.endswith("\n") else "\n"
        # In Markdown a blank line keeps the new part from running into the last paragraph.
        path.write_text(text + ("\n" if path.suffix == ".md" else "") + example.body, encoding="utf-8")
    elif example.action == "set":
        path.write_text(set_fields(path.read_text(encoding="utf-8"), example.body, path.suffix == ".md"), encoding="utf-8")
    elif example.action == "picture":
        assert path.name in example.body, f"the fence should show where the picture goes: {path.name}"
        path.write_bytes(tiny_png())
    elif example.action == "remove":
        path.unlink()
    elif example.action == "link":
        elsewhere = root.parent / f"{root.name}-elsewhere" / path.name
        elsewhere.parent.mkdir(exist_ok=True)
        shutil.move(path, elsewhere)
        os.symlink(elsewhere, path)
    elif example.action not in ("run", "show", "make", "settings"):
        raise AssertionError(f"{example.id}: unknown action '{example.action}'")


def set_fields(text: str, fragment: str, is_post: bool) -> str:
    """Replace the top-level fields the fragment names (or add them at the end)."""
    if is_post:
        split = split_front_matter(text)
        assert split, "a post to change must have front matter"
        front, body, _ = split
    else:
        front, body = text, None
    lines = front.splitlines()
    for key, block in top_level_blocks(fragment.splitlines()):
        start = next((i for i, line in enumerate(lines) if re.match(rf"{re.escape(key)}\s*:", line)), None)
        if start is None:
            lines += block
            continue
        end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "\t")), len(lines))
        lines[start:end] = block
    changed = "\n".join(lines) + "\n"
    return f"---\n{changed}---\n{body}" if is_post else changed


def top_level_blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    blocks: list[tuple[str, list[str]]] = []
    for line in lines:
        match = re.match(r"([^\s#][^:]*):", line)
        if match and not line.startswith((" ", "\t")):
            blocks.append((match.group(1).strip(), [line]))
        else:
            assert blocks, f"a 'set' fragment starts with a field: {line!r}"
            blocks[-1][1].append(line)
    return blocks


def tiny_png() -> bytes:
    """A real 1x1 PNG, so the picture is a picture."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xd0\xd0\xd0")) + chunk(b"IEND", b""))


@contextlib.contextmanager
def inside(root: Path, env: dict[str, str]):
    """Run as an editor would: in the project's folder, with the fixed build date."""
    saved_dir, saved_env = os.getcwd(), dict(os.environ)
    os.chdir(root)
    os.environ.update({"SOURCE_DATE_EPOCH": EPOCH, **env})
    try:
        yield
    finally:
        os.chdir(saved_dir)
        os.environ.clear()
        os.environ.update(saved_env)


@dataclass
class Ran:
    status: int
    out: str  # what the command printed on its standard output
    both: str  # everything, in order, as a terminal shows it


class _Tee(io.StringIO):
    def __init__(self, both: io.StringIO):
        super().__init__()
        self.both = both

    def write(self, text: str) -> int:
        self.both.write(text)
        return super().write(text)


def run_blog(command: str, root: Path) -> Ran:
    """A `blog ...` line of the guide, through the console script's function."""
    words = shlex.split(command.strip())
    env = {}
    while words and re.match(r"^[A-Z_]+=", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[:1] == ["blog"], f"a command of the guide runs blog: {command!r}"
    both = io.StringIO()
    out, err = _Tee(both), _Tee(both)
    with inside(root, env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(words[1:])
    return Ran(status, out.getvalue(), both.getvalue())


def check(root: Path) -> Ran:
    return run_blog("blog check", root)


def copy_project(source: Path, destination: Path) -> Path:
    shutil.copytree(source, destination, symlinks=True, ignore=shutil.ignore_patterns("site", "__pycache__"))
    return destination


# --- the story, told once ------------------------------------------------------------------------


@dataclass
class Story:
    root: Path
    site: Site | None = None
    failures: dict[int, str] = field(default_factory=dict)  # example line -> what went wrong
    snapshots: dict[int, Path] = field(default_factory=dict)  # example line -> the project before it
    previews: dict[int, Site] = field(default_factory=dict)


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Story:
    """Every kept example, in the guide's order, on one copy of the project; then one strict build."""
    root = tmp_path_factory.mktemp("story") / "blog"
    copy_real_project(root)
    told = Story(root)
    for example in GUIDE_EXAMPLES.examples:
        if example.outcome not in KEPT:
            told.snapshots[example.line] = copy_project(root, tmp_path_factory.mktemp("before") / "blog")
            continue
        try:
            tell(example, told, tmp_path_factory)
        except Exception as error:  # recorded, and reported by that example's own test
            told.failures[example.line] = f"{type(error).__name__}: {error}"
    try:
        told.site = Site(build_site(root, tmp_path_factory.mktemp("site")))
    except (PluginError, Abort) as error:
        told.failures[0] = f"the finished project does not build: {error}"
    return told


def tell(example: Example, told: Story, tmp_path_factory) -> None:
    root = told.root
    if example.action == "run":
        ran = run_blog(example.body, root)
        assert (ran.status, ran.both) == (0, example.expected), f"{example.body.strip()} exited {ran.status}, printing:\n{ran.both}"
    elif example.action == "show":
        assert (root / example.path).read_text(encoding="utf-8") == example.expected
    elif example.action == "make":
        target = example.body.split()[1]
        assert re.search(rf"^{target}:", (REPO / "Makefile").read_text(), re.M), f"the Makefile has no target {target}"
        if example.outcome == "previews":
            told.previews[example.line] = Site(build_site(root, tmp_path_factory.mktemp("preview"), serve=True))
    elif example.action == "settings":
        check_settings(json.loads(example.body))
    else:
        apply(example, root)
        ran = check(root)
        assert ran.status == 0, f"blog check after this step:\n{ran.both}"


def check_settings(settings: dict) -> None:
    """Each schema the settings name exists and accepts the real file it is mapped to."""
    mapped = settings["yaml.schemas"]
    assert sorted(mapped.values()) == sorted(f"data/{n}.yml" for n in ("authors", "tags", "jobs", "site"))
    for schema, data_file in mapped.items():
        validator = jsonschema.Draft7Validator(json.loads((REPO / schema).read_text(encoding="utf-8")))
        loaded = yaml.load((REPO / data_file).read_text(encoding="utf-8"), Loader=_YamlOneTwo)
        assert list(validator.iter_errors(loaded)) == [], data_file


class _YamlOneTwo(yaml.SafeLoader):
    """Dates stay text, as in the YAML 1.2 of editors' language servers."""


_YamlOneTwo.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def assert_page(site: Site, target: list[str], where: str) -> None:
    url, selector = target[0], " ".join(target[1:])
    assert site.exists(url), f"{where}: the site has no page {url}"
    if selector:
        assert site.html(url).select(selector), f"{where}: {url} has nothing matching {selector}"


# --- the tests -----------------------------------------------------------------------------------


def test_every_fence_in_the_guide_is_a_checked_example():
    assert GUIDE_EXAMPLES.unchecked == [], (
        f"EDITING.md lines {GUIDE_EXAMPLES.unchecked}: announce each example with <!-- example: ... -->"
    )
    assert len(GUIDE_EXAMPLES.examples) > 40


@pytest.mark.parametrize("example", GUIDE_EXAMPLES.examples, ids=lambda e: e.id)
def test_the_guides_example(example, story, tmp_path):
    if example.outcome in KEPT:
        assert example.line not in story.failures, f"{example.id}: {story.failures.get(example.line)}"
        if example.outcome == "builds" and example.target:
            assert story.site is not None, story.failures.get(0)
            assert_page(story.site, example.target, example.id)
        if example.outcome == "previews":
            assert_page(story.previews[example.line], example.target, example.id)
        return
    root = copy_project(story.snapshots[example.line], tmp_path / "blog")
    if example.action == "run":
        ran = run_blog(example.body, root)
        printed = ran.both  # a command's errors, as the terminal shows them
    else:
        apply(example, root)
        ran = check(root)
        printed = ran.out  # the problem lines; the count below them is the same each time
    if example.outcome == "passes":
        assert ran.status == 0, f"{example.id}: blog check says\n{ran.both}"
    else:
        assert example.outcome == "fails", f"{example.id}: unknown outcome"
        assert example.expected is not None, f"{example.id}: the error the editor will see belongs in a fence below"
        assert (ran.status, printed) == (1, example.expected)


def test_the_finished_story_builds_strictly(story):
    assert 0 not in story.failures, story.failures.get(0)


def test_a_documented_error_stops_the_real_build_with_the_same_line(story, tmp_path, caplog):
    [example] = [e for e in GUIDE_EXAMPLES.examples if e.outcome == "fails" and "unknown tag" in (e.expected or "")][:1]
    root = copy_project(story.snapshots[example.line], tmp_path / "blog")
    apply(example, root)

    with pytest.raises((PluginError, Abort)):
        build_site(root, tmp_path / "site")
    assert example.expected.strip() in caplog.text
