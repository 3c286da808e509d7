"""YAML with line numbers, so that every problem can name its line.

PyYAML's composer keeps the position of every node; we walk the node tree once
to remember the line of each key and list item, then let the safe constructor
build plain Python values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

Path = tuple[Any, ...]


@dataclass
class YamlDoc:
    """Parsed YAML plus the line (1-based, in the file) of every key and item."""

    path: str
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    first_line: int = 1
    raw: dict[Path, str] = field(default_factory=dict)  # plain scalars as written, for "quote it" messages

    def line(self, *keys: Any) -> int:
        """Line of the deepest known key on the way to ``keys``."""
        for depth in range(len(keys), 0, -1):
            if keys[:depth] in self.lines:
                return self.lines[keys[:depth]]
        return self.first_line

    def problem(self, keys: Path, message: str, field_name: str | None = None) -> Problem:
        # List positions are left out: editors know "tags", not "tags.2"; the line says which.
        name = field_name or ".".join(str(k) for k in keys if not isinstance(k, int)) or "file"
        return Problem(self.path, self.line(*keys), name, message)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A date, except that an impossible date stays text for the date check to report."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


class _Loader(yaml.SafeLoader):
    """Safe loading, with impossible dates kept as text."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)

# libyaml parses ten times faster (1,000 posts: 0.1 s instead of 1.4 s), which keeps
# `blog check` under a second. Its error messages are worded differently, so a file it
# refuses is parsed again by the pure-Python loader, whose messages editors are shown.
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):
        """The same loader on libyaml."""

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
    _FAST: type | None = _FastLoader
else:
    _FAST = None


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse ``text``; ``line_offset`` is the file line just before the text starts."""
    if _FAST is not None:
        try:
            return _with_lines(*_load(_FAST, text), path, line_offset, text)
        except yaml.YAMLError:
            pass  # parsed again below, to report the mistake in the words editors know
    try:
        node, data = _load(_Loader, text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or "invalid YAML"
        context = error.context or ""
        if error.context_mark and context.startswith(("while scanning", "while parsing a flow")):
            # An unclosed quote or bracket, or a key without ':', is noticed lines later
            # (often at the closing '---'); the line where it began is the one to fix.
            mark = error.context_mark
            what = f"{what} {context}"
        line = line_offset + (mark.line + 1 if mark else 1)
        hashed = _hash_in_brackets(text) if "flow" in what else None
        if hashed:  # "[#A, B]": YAML's own mark lands at the end of the file, far from the '#'
            return None, [Problem(path, line_offset + hashed[0] + 1, "yaml", f"not valid YAML: {hashed[1]}")]
        return None, [Problem(path, line, "yaml", f"not valid YAML: {explain_yaml_error(what, text, mark)}")]
    except yaml.YAMLError as error:
        return None, [Problem(path, line_offset + 1, "yaml", f"not valid YAML: {error}")]
    return _with_lines(node, data, path, line_offset, text)


def _load(loader_class: type, text: str) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _with_lines(node: yaml.Node | None, data: Any, path: str, line_offset: int, text: str) -> tuple[YamlDoc, list[Problem]]:
    doc = YamlDoc(path, data, first_line=line_offset + 1)
    problems: list[Problem] = []
    if node is not None:
        _record_lines(node, (), doc, line_offset, problems)
        # '#' is rare in YAML values; most files are spared the walk.
        if "#" in text:
            problems += find_comment_traps(node, text, path, line_offset)
    return doc, problems


def _record_lines(
    node: yaml.Node, at: Path, doc: YamlDoc, offset: int, problems: list[Problem], walked: set[int] | None = None
) -> None:
    # An alias (*name) points at a node already walked; walking it again could loop forever.
    walked = set() if walked is None else walked
    if id(node) in walked:
        return
    walked.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = offset + key_node.start_mark.line + 1
            if key in seen:
                name = ".".join(str(k) for k in at + (key,))
                problems.append(Problem(doc.path, line, name, "given twice; keep one of them"))
            seen.add(key)
            doc.lines[at + (key,)] = line
            _record_lines(value_node, at + (key,), doc, offset, problems, walked)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            doc.lines[at + (index,)] = offset + item.start_mark.line + 1
            _record_lines(item, at + (index,), doc, offset, problems, walked)
    elif isinstance(node, yaml.ScalarNode) and not node.style and node.tag != "tag:yaml.org,2002:str":
        doc.raw[at] = node.value  # YAML resolved it to a number, yes/no or date


# --- YAML's traps, in an editor's words -----------------------------------------------------------

# PyYAML's words for a mistake -> what the editor did, and how to write it instead.
_EXPLAINED = (
    ("found character '\\t' that cannot start any token",
     "a tab character; YAML lines up fields with spaces only: replace the tab with spaces"),
    ("found character '\t' that cannot start any token",
     "a tab character; YAML lines up fields with spaces only: replace the tab with spaces"),
    ("found unexpected end of stream while scanning a quoted scalar",
     "a quote opened here is never closed; end the text with the same quote"),
    ("while scanning a quoted scalar",
     "a quote opened here is not closed on its line; end the text with the same quote"),
    ("while parsing a flow sequence",
     "a list opened with '[' here is not closed with ']' (or holds a stray quote or colon)"),
    ("while parsing a flow mapping",
     "a '{' here is not closed with '}'; to write text that starts with '{', put it in double quotes"),
    ("could not find expected ':' while scanning a simple key",
     "could not find expected ':' after the name on this line; each line is 'name: value'"),
    ("found undefined alias",
     "a value starting with '*' (YAML reads it as a reference); put the text in double quotes"),
    ("found undefined tag handle",
     "a value starting with '!' (YAML reads it as a type); put the text in double quotes"),
    ("that cannot start any token",
     "a value starting with a character YAML reserves ('@', '`', '%'); put the text in double quotes"),
    ("expected <block end>, but found '<scalar>'",
     "text after a closing bracket or quote; put the whole value in double quotes"),
    ("expected <block end>, but found '?'",
     "this line is indented differently from the fields above it; start each field at the beginning of its line"),
    ("expected <block end>, but found '<block mapping start>'",
     "this line is indented differently from the fields above it; start each field at the beginning of its line"),
    ("expected <block end>, but found '-'",
     "a list item ('- ...') where a field was expected; indent the items under their field, or write [a, b]"),
    ("expected <block end>",
     "this line does not line up with the lines above it; check its indentation and quotes"),
    ("did not find expected key",
     "this line does not line up with the lines above it; check its indentation and quotes"),
    ("did not find expected '-' indicator",
     "a list item here does not line up with the items above it; start each '- ' at the same column"),
    ("could not find expected ':'",
     "could not find expected ':' on this line; each line is 'name: value'"),
)


def explain_yaml_error(what: str, text: str, mark: Any) -> str:
    """PyYAML's message, told in words an editor can act on."""
    lines = text.splitlines()
    row = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "mapping values are not allowed here" in what:
        if row[:1].isspace():
            return "this field is indented under the line above; start each field at the beginning of its line"
        key, _, value = row.partition(":")
        example = f'{key.strip()}: "{value.strip()}"' if value.strip() else 'title: "Pay Day: How to Ask"'
        return f"a colon followed by a space inside a value; put the whole text in double quotes: {example}"
    for jargon, words in _EXPLAINED:
        if jargon in what:
            return words
    return f"{what} (check quotes, colons and indentation)"


def _hash_in_brackets(text: str) -> tuple[int, str] | None:
    """The first line with a '#' right after '[', '{' or ',' (a comment to YAML), and what to write."""
    for row, line in enumerate(text.splitlines()):
        if re.search(r"[\[{,]\s*#", line):
            key, _, value = line.partition(":")
            key = key.strip() or "tags"
            names = [n.strip().lstrip("#").strip() for n in value.strip().strip("[]{}").split(",")]
            names = [n for n in names if n]
            return row, (f"YAML reads '#' as the start of a comment, even inside [ ]; write the names without '#': "
                         f"{key}: [{', '.join(names)}]")
    return None


_LIST_KEYS = frozenset({"tags", "authors", "aliases", "pin", "exclude"})
_HASHTAGS = re.compile(r"#(\w+)")


def find_comment_traps(node: yaml.Node | None, text: str, path: str, line_offset: int) -> list[Problem]:
    """Values that YAML cut short at ' #', read from the raw lines.

    YAML reads ' #' as the start of a comment: ``tags: #A #B`` is an empty field,
    ``title: #1 Way`` a missing title, ``description: Jobs #BostonJobs`` text cut
    at the hashtag. A '#' followed by a letter or digit is a hashtag, not a comment.
    """
    lines = text.splitlines()
    problems = []
    for at, key_node, value_node in _pairs(node, ()):
        if not isinstance(value_node, yaml.ScalarNode) or value_node.style:  # plain: None, or "" from libyaml
            continue
        row = value_node.end_mark.line
        if row >= len(lines) or key_node.start_mark.line != row:
            continue
        after = lines[row][value_node.end_mark.column:]
        match = _COMMENT.match(after) if (value_node.value == "" or after[:1].isspace()) else None
        if match:
            key = str(key_node.value)
            problems.append(Problem(path, line_offset + row + 1, ".".join(at + (key,)),
                                    _trap_message(key, value_node.value, "#" + match.group(1))))
    return problems


_COMMENT = re.compile(r"\s*#(\S.*)$")


def _pairs(node: yaml.Node | None, at: tuple[str, ...], depth: int = 0):
    """Every (path, key, value) of the mappings in the document, list positions left out."""
    if depth > 4:
        return
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield at, key_node, value_node
            yield from _pairs(value_node, at + (str(key_node.value),), depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _pairs(item, at, depth + 1)


def _trap_message(key: str, value: str, comment: str) -> str:
    whole = f"{value} {comment}".strip() if value else comment
    if key in _LIST_KEYS:
        names = _HASHTAGS.findall(whole) or [w for w in whole.replace(",", " ").split() if w]
        return (f"YAML reads ' #' as the start of a comment, so '{key}' is empty; "
                f"write the names in brackets, without '#': {key}: [{', '.join(names)}]")
    if not value:
        return (f"YAML reads a value starting with '#' as a comment, so '{key}' is empty; "
                f"put the text in double quotes: {key}: \"{whole}\"")
    return (f"YAML reads ' #' as the start of a comment, so the text stops at '{value}'; "
            f"put the whole text in double quotes: {key}: \"{whole}\"")


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split a Markdown file into (front matter, body, body's first line).

    Returns None when the file does not open with a ``---`` line.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return front, body, index + 2
    return None
