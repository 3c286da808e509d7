"""YAML with line numbers, so that every problem can name its line.

PyYAML's composer keeps the position of every node; we walk the node tree once
to remember the line of each key and list item, then let the safe constructor
build plain Python values.
"""

from __future__ import annotations

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
            return _with_lines(*_load(_FAST, text), path, line_offset)
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
        return None, [Problem(path, line, "yaml", f"not valid YAML: {what} (check quotes, colons and indentation)")]
    except yaml.YAMLError as error:
        return None, [Problem(path, line_offset + 1, "yaml", f"not valid YAML: {error}")]
    return _with_lines(node, data, path, line_offset)


def _load(loader_class: type, text: str) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _with_lines(node: yaml.Node | None, data: Any, path: str, line_offset: int) -> tuple[YamlDoc, list[Problem]]:
    doc = YamlDoc(path, data, first_line=line_offset + 1)
    problems: list[Problem] = []
    if node is not None:
        _record_lines(node, (), doc, line_offset, problems)
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
