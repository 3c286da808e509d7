"""Links as editors write them: ``/blog/job-scams/``, ``../job-scams/``, ``/jobs/``,
``/guides/<id>/``, ``/tags/<slug>/``, with or without ``#section``.

The core (careerblog.links) resolves each link against the map of the site's
pages; here a link to a page's address becomes a link to its source file, which
MkDocs then checks and makes relative. A link that leads nowhere was already
refused, in the editor's words, when the content was loaded (hooks/content.py),
exactly as `blog check` refuses it. Should MkDocs still find something to say
about a link, it is said in the same words: file, line, `link:`.
"""

from __future__ import annotations

import logging
import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from careerblog.links import LinkResolver, PageText, plan_link_targets, rewrite_links
from careerblog_mkdocs import project_root, state_of

_RESOLVER_KEY = "career_blog_links"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    pages_logger = logging.getLogger("mkdocs.structure.pages")
    # One filter per process, told of each build's folders: hooks stay loaded across rebuilds,
    # and a process that builds several projects (the tests) loads this file once per project.
    words = next((f for f in pages_logger.filters if getattr(f, "tells_links_in_editors_words", False)), None)
    if words is None:
        words = _InEditorsWords()
        pages_logger.addFilter(words)
    words.root, words.docs_dir = project_root(config), config.docs_dir
    return config


# Priority -90: after the hooks that add generated pages and move posts (hooks/sources.py is -100).
@event_priority(-90)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    content = state_of(config).content
    config[_RESOLVER_KEY] = LinkResolver(plan_link_targets(content, config.docs_dir), config.docs_dir)
    return files


# Priority -50: after embedded guides are expanded (their links are rewritten with the page's).
@event_priority(-50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    resolver = config.get(_RESOLVER_KEY)
    if resolver is None:
        return markdown
    where = PageText(page.file.src_uri, page.file.src_uri, page.file.url, markdown, 1)
    # `mkdocs serve` sets site_url to the preview's address, so the feed's link works there too.
    return rewrite_links(markdown, where, resolver, config.site_url or "")


# ---


class _InEditorsWords(logging.Filter):
    """MkDocs' link warnings, told as `blog check` tells problems: ``path:line: link: ...``."""

    tells_links_in_editors_words = True
    root = "."
    docs_dir = "docs"
    _DOC = re.compile(r"^Doc file '(?P<src>[^']+)' contains (?:a link|an unrecognized relative link|an absolute link) "
                      r"'(?P<url>[^']+)'(?P<rest>.*)$", re.S)

    def filter(self, record: logging.LogRecord) -> bool:
        match = self._DOC.match(record.getMessage())
        if not match:
            return True
        src, url, rest = match.group("src", "url", "rest")
        anchor = re.search(r"does not contain an anchor '([^']+)'", rest)
        if anchor:
            what = f"'{url}' goes to a section that page does not have; sections are its headings"
        else:
            what = f"'{url}' is no page or file of the site"
        guess = re.search(r"Did you mean '([^']+)'\?", rest)
        if guess:
            what += f" (did you mean '{guess.group(1)}'?)"
        record.msg, record.args = f"{self._shown(src)}:{self._line(src, url)}: link: {what}", ()
        return True

    def _shown(self, src: str) -> str:
        return os.path.relpath(os.path.join(self.docs_dir, src), self.root).replace(os.sep, "/")

    def _line(self, src: str, url: str) -> int:
        try:
            with open(os.path.join(self.docs_dir, src), encoding="utf-8-sig") as handle:
                for number, line in enumerate(handle, 1):
                    if url in line:
                        return number
        except OSError:
            pass
        return 1
