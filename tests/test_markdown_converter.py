"""A build converts every page's Markdown on one converter per process, reset between pages
(careerblog_mkdocs.render_cache._render), where MkDocs makes a new one per page: nothing a
page leaves in the converter (footnotes, abbreviations, link references, heading ids, code
blocks) may reach the next page. Pages that use every extension of mkdocs.yml, built both
ways, give the same bytes."""

from __future__ import annotations

import filecmp

import pytest

from careerblog_mkdocs import render_cache
from sitebuild import build_site, copy_real_project

# Two pages with the same footnote labels and headings; the first defines an abbreviation and
# a link reference that the second uses without defining (it must not get them).
FIRST = """---
title: Converter notes one
description: "The first of two pages that use every Markdown extension of the site."
---

# Notes

## Same heading

An HTML page with a footnote[^1] and a [reference link][ref].

[^1]: The first page's footnote.

*[HTML]: Hyper Text Markup Language
[ref]: https://example.com/one

!!! tip "A tip"

    Inside an admonition.

??? note "Details"

    Folded text.

- [x] done
- [ ] not done

Term
:   Its definition.

| a | b |
|---|---|
| 1 | 2 |

```python
print("one")
```

<div markdown>
**Markdown in HTML**
</div>

A paragraph with attributes.
{ .lead #first-paragraph }
"""

SECOND = """---
title: Converter notes two
description: "The second of two pages that use every Markdown extension of the site."
---

# Notes

## Same heading

## Same heading

An HTML page with a footnote[^1] and a [reference link][ref] it does not define.

[^1]: The second page's footnote.

```python
print("two")
```

- [ ] still to do
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_real_project(tmp_path_factory.mktemp("converter") / "project")
    for name, text in (("notes-one.md", FIRST), ("notes-two.md", SECOND), ("notes-three.md", FIRST)):
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return root


def test_one_converter_per_process_gives_the_pages_a_new_one_per_page_gives(project, tmp_path, monkeypatch):
    reused = build_site(project, tmp_path / "reused")
    assert "<abbr" in (reused / "notes-one" / "index.html").read_text(encoding="utf-8")
    monkeypatch.setattr(render_cache, "_render", lambda page, config, files: type(page).render(page, config, files))
    fresh = build_site(project, tmp_path / "fresh")
    names = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file())
    assert any(name.startswith("notes-two/") for name in names)
    _, mismatch, errors = filecmp.cmpfiles(reused, fresh, names, shallow=False)
    assert mismatch == [] and errors == []
