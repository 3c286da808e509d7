"""Guides: sections whose heading carries the class ``guide`` (contract section 5).

A section runs from its heading (level 2-4) to the next heading of the same or a
higher level; headings inside code (fenced or indented) do not count. A line
``<!-- guide: <id> -->`` embeds a guide anywhere.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import groupby
from typing import Callable

from .models import Embed, Guide
from .problems import Problem, did_you_mean
from .urls import is_web_address

# As Python-Markdown reads them: '#' in the first column, a space after it optional.
_HEADING = re.compile(r"^(#{1,6})(?!#)[ \t]*(.+?)[ \t]*$")
_INLINE_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]")
# attr_list needs a space before the brace: "## Title{.guide}" is a title with braces in it.
_ATTRS = re.compile(r"[ \t]+\{:?\s*([^{}]*?)\s*\}\s*$")
_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_EMBED = re.compile(r"^\s*<!--\s*guide:\s*(\S*?)\s*-->\s*$")
# What every guide mark, embed line and near miss holds (the near misses match "guide" with
# re.I, so this does too): a page without it has none of them.
_MAY_HOLD_GUIDES = re.compile(r"guide|<!--", re.I)
_INLINE_LINK = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
_REFERENCE = re.compile(r"^(\s{0,3}\[(?!\^)[^\]]+\]:\s*<?)(\S+?)(>?(?:\s|$))", re.M)  # not footnotes, [^1]:


@dataclass
class Line:
    number: int  # line number in the file
    text: str
    in_code: bool


@dataclass
class Heading:
    index: int  # position in the scanned lines
    level: int
    title: str
    classes: tuple[str, ...]
    id: str | None


@dataclass
class Scan:
    """What one page's Markdown holds: guide sections and embed lines."""

    guides: list[Guide] = field(default_factory=list)
    embeds: list[Embed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def scan_lines(markdown: str, first_line: int = 1) -> list[Line]:
    """Lines with their file line numbers, marked when inside a fenced or an indented code block."""
    lines, fence, blocks = [], None, _Blocks()
    for offset, text in enumerate(markdown.splitlines()):
        # A fence has three backticks or tildes: the test spares most lines the expression.
        opener = _FENCE.match(text) if "```" in text or "~~~" in text else None
        if fence is None and blocks.is_indented_code(text):
            lines.append(Line(first_line + offset, text, True))
        elif fence is None and opener:
            fence = opener.group(1)
            lines.append(Line(first_line + offset, text, True))
        elif fence is not None:
            closes = opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence) \
                and text.strip() == opener.group(1)
            lines.append(Line(first_line + offset, text, True))
            if closes:
                fence = None
                blocks.after_fence()
        else:
            lines.append(Line(first_line + offset, text, False))
    return lines


# What opens a block whose content is indented by 4 more spaces: a list item, an
# admonition or a collapsible (!!!, ???), a definition (def_list), a footnote.
_CONTAINER = re.compile(r"^(?:[-*+][ \t]|\d+[.)][ \t]|!!![ \t]|\?\?\?\+?[ \t]|:[ \t]|\[\^[^\]]+\]:)")


@dataclass
class _Blocks:
    """Where Python-Markdown sees an indented code block: 4 spaces deeper than the block the
    line is in, after a blank line (a code block never interrupts a paragraph).

    Inside a list item or an admonition, 4 spaces are the item's own text; code needs 8.
    """

    content_indents: list[int] = field(default_factory=list)  # of the open containers, innermost last
    after_blank: bool = True
    in_code: bool = False

    def is_indented_code(self, text: str) -> bool:
        if not text.strip():
            self.after_blank = True
            return self.in_code  # a blank line inside a code block belongs to it (harmless if it ends there)
        indent = _indent(text)
        base = self.content_indents[-1] if self.content_indents else 0
        if self.in_code and indent >= base + 4:
            self.after_blank = False
            return True
        if self.after_blank:
            while self.content_indents and self.content_indents[-1] > indent:
                self.content_indents.pop()
            base = self.content_indents[-1] if self.content_indents else 0
            if indent >= base + 4:
                self.in_code, self.after_blank = True, False
                return True
        self.in_code, self.after_blank = False, False
        if _CONTAINER.match(text.lstrip()):
            while self.content_indents and self.content_indents[-1] > indent:
                self.content_indents.pop()
            self.content_indents.append(indent + 4)
        return False

    def after_fence(self) -> None:
        self.after_blank = True  # a fence ends its block: what follows may start one


def _indent(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())


def parse_heading(text: str) -> tuple[int, str, tuple[str, ...], str | None] | None:
    """(level, title, classes, explicit id) of an ATX heading line, or None."""
    match = _HEADING.match(text)
    if not match:
        return None
    level, rest = len(match.group(1)), _CLOSING_HASHES.sub("", match.group(2))
    classes, explicit_id = (), None
    attrs = _ATTRS.search(rest)
    if attrs:
        tokens = attrs.group(1).split()
        classes = tuple(t[1:] for t in tokens if t.startswith("."))
        ids = [t[1:] for t in tokens if t.startswith("#")]
        explicit_id = ids[-1] if ids else None
        # Closing hashes may also stand before the attributes: "## Title ## { .guide }".
        rest = _CLOSING_HASHES.sub("", rest[: attrs.start()].rstrip())
    return level, rest.strip(), classes, explicit_id


def heading_id(title: str) -> str:
    """The id Python-Markdown's toc extension gives a heading, so links to it land."""
    # toc slugifies the rendered text: links, emphasis and code marks are gone by then.
    text = _INLINE_MARKUP.sub(lambda m: m.group(1) or "", re.sub(r"<[^>]+>", "", title))
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def scan_page(source: str, shown: str, page_url: str, markdown: str, first_line: int) -> Scan:
    """Find the guide sections and embed lines of one page (``source`` is its path under docs/)."""
    scan = Scan()
    if not _MAY_HOLD_GUIDES.search(markdown):
        return scan  # most posts: the line scan below would find nothing (0.2 s at 1,000 posts)
    lines = scan_lines(markdown, first_line)
    # The startswith tests skip the regular expressions on most lines: a post has hundreds.
    headings = [
        Heading(i, *parsed)
        for i, line in enumerate(lines)
        if not line.in_code and line.text.startswith("#") and (parsed := parse_heading(line.text))
    ]
    for position, heading in enumerate(headings):
        if "guide" not in heading.classes:
            continue
        line_no = lines[heading.index].number
        if not 2 <= heading.level <= 4:
            scan.problems.append(Problem(shown, line_no, "guide", f"a guide heading is level 2 to 4 (## to ####), not {'#' * heading.level}"))
            continue
        end = next((h.index for h in headings[position + 1 :] if h.level <= heading.level), len(lines))
        body = "\n".join(line.text for line in lines[heading.index + 1 : end]).strip("\n")
        guide_id = heading.id or heading_id(heading.title)
        scan.guides.append(Guide(
            id=guide_id, title=heading.title, level=heading.level,
            body=absolute_links(body, source, page_url), source=source, line=line_no, page_url=page_url,
        ))
    for line in lines:
        if not line.in_code and "<!--" in line.text and (match := _EMBED.match(line.text)):
            scan.embeds.append(Embed(match.group(1), source, line.number))
        elif not line.in_code and "<!--" in line.text and (hint := near_embed(line.text)):
            scan.problems.append(Problem(shown, line.number, "guide", hint))
    for position, heading in enumerate(headings):
        if "guide" not in heading.classes and (hint := near_guide_mark(lines[heading.index].text)):
            scan.problems.append(Problem(shown, lines[heading.index].number, "guide", hint))
    return scan


# Anything that looks like the guide mark: "guide" in braces at the end of a heading.
_NEAR_MARK = re.compile(r"\{[^{}]*\bguides?\b[^{}]*\}\s*$", re.I)
_NEAR_EMBED = re.compile(r"^\s*<!--\s*(guides?)\b\s*:?\s*(.*?)\s*-->\s*$", re.I)


def near_guide_mark(text: str) -> str | None:
    """What is wrong with a heading's attributes that nearly mark a guide, or None.

    ``{ guide }``, ``{ .Guide }``, ``{ .guides }``, ``{ .guide: #x }`` and
    ``Title{ .guide }`` make no guide, and say nothing: the heading stays a heading.
    """
    match = _NEAR_MARK.search(text)
    if not match:
        return None
    ids = re.findall(r"#([\w-]+)", match.group(0))
    right = "{ .guide" + (f" #{ids[-1]}" if ids else "") + " }"
    written = match.group(0).strip()
    if not text[: match.start()].endswith((" ", "\t")):
        return f"'{written}' needs a space before it to mark a guide; write: ... {right}"
    return f"'{written}' does not mark a guide; write it exactly {right} (a dot before guide, lower-case, no colon)"


def near_embed(text: str) -> str | None:
    """What is wrong with a comment that nearly embeds a guide, or None."""
    match = _NEAR_EMBED.match(text)
    if not match:
        return None
    word, rest = match.groups()
    written = text.strip()
    guide_id = heading_id(rest) if rest else "<id>"
    right = f"<!-- guide: {guide_id} -->"
    if rest and " " in rest:
        return f"'{written}' names the guide by its title; embed it by its id: {right}"
    return f"'{written}' embeds nothing; write it exactly {right} (lower-case 'guide', a colon, the guide's id)"


def absolute_links(markdown: str, source: str, page_url: str | None = None) -> str:
    """Relative links and images made docs-absolute (``/blog/images/x.svg``).

    A guide's text is shown on other pages too, where a link relative to the
    post that wrote it would point nowhere. MkDocs resolves ``/...`` against
    docs/ (``validation.links.absolute_links: relative_to_docs``).
    """
    if "](" not in markdown and "]:" not in markdown:
        return markdown  # no link to rewrite, as in most guides
    folder = posixpath.dirname(source)

    def rewrite(target: str) -> str:
        if is_web_address(target) or target.startswith("/"):
            return target
        path, sep, fragment = target.partition("#")
        if path and page_url is not None and not posixpath.splitext(path.rstrip("/"))[1]:
            # An address such as ../job-scams/ is relative to the page's URL, as a browser reads it.
            resolved = posixpath.normpath(posixpath.join(page_url or ".", path))
            if not resolved.startswith(".."):
                return "/" + ("" if resolved == "." else resolved + "/") + sep + fragment
        resolved = posixpath.normpath(posixpath.join(folder, path)) if path else source
        return "/" + resolved + sep + fragment

    def rewrite_text(text: str) -> str:
        text = _INLINE_LINK.sub(lambda m: m.group(1) + rewrite(m.group(2)), text)
        return _REFERENCE.sub(lambda m: m.group(1) + rewrite(m.group(2)) + m.group(3), text)

    # Code shows Markdown as written: a link in a fenced example is text, not a link.
    return outside_code(markdown, rewrite_text)


def outside_code(markdown: str, transform: Callable[[str], str]) -> str:
    """``markdown`` with every run of lines outside code blocks passed through ``transform``."""
    out = []
    for in_code, run in groupby(scan_lines(markdown), key=lambda line: line.in_code):
        text = "\n".join(line.text for line in run)
        out.append(text if in_code else transform(text))
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else "")


def check_guides(guides: list[Guide], embeds: list[Embed], shown: dict[str, str]) -> list[Problem]:
    """Ids defined twice, embeds of unknown ids, and embedding cycles; ``shown`` maps source to path."""
    problems: list[Problem] = []
    by_id: dict[str, Guide] = {}
    for guide in guides:
        first = by_id.setdefault(guide.id, guide)
        if first is not guide:
            problems.append(Problem(shown[guide.source], guide.line, "guide",
                f"the id '{guide.id}' is already a guide at {shown[first.source]}:{first.line}; give this heading another {{ #id }}"))
    for embed in embeds:
        if embed.guide_id not in by_id:
            hint = did_you_mean(embed.guide_id, by_id)
            problems.append(Problem(shown[embed.source], embed.line, "guide",
                f"no guide has the id '{embed.guide_id}'{hint}; guides are headings marked {{ .guide }}"))
    problems += _cycles(by_id, shown)
    return problems


def _cycles(by_id: dict[str, Guide], shown: dict[str, str]) -> list[Problem]:
    """Guides that embed themselves, directly or through others."""
    inner = {
        gid: [m.group(1) for line in scan_lines(g.body) if not line.in_code and (m := _EMBED.match(line.text))]
        if "<!--" in g.body else []
        for gid, g in by_id.items()
    }
    problems, done = [], set()
    for start in sorted(by_id):
        path, stack = [start], [iter(inner[start])]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                done.add(path.pop())
            elif nxt in path:
                cycle = " -> ".join(path[path.index(nxt):] + [nxt])
                guide = by_id[path[-1]]
                problems.append(Problem(shown[guide.source], guide.line, "guide", f"guides embed each other in a circle: {cycle}; remove one of the embed lines"))
            elif nxt in by_id and nxt not in done:
                path.append(nxt)
                stack.append(iter(inner[nxt]))
    return sorted(set(problems))


def expand_embeds(markdown: str, guides: dict[str, Guide], render) -> str:
    """Replace each embed line outside code with ``render(guide)``; unknown ids are left to the checks."""
    out = []
    for line in scan_lines(markdown):
        match = None if line.in_code else _EMBED.match(line.text)
        guide = guides.get(match.group(1)) if match else None
        out.append(render(guide) if guide else line.text)
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else "")


def shift_headings(markdown: str, by: int, strip_attrs: bool = False) -> str:
    """Raise (negative ``by``) or lower every heading outside code, keeping levels within 1-6."""
    out = []
    for line in scan_lines(markdown):
        parsed = None if line.in_code else parse_heading(line.text)
        if parsed is None:
            out.append(line.text)
            continue
        level = min(6, max(1, parsed[0] + by))
        text = line.text.lstrip()[parsed[0]:]
        if strip_attrs:
            text = " " + parsed[1]
        out.append("#" * level + text)
    return "\n".join(out)
