"""Jobs: the "Browse Available Jobs" callout on every post, the job board under /jobs/, and
/jobs/<id>/ for hand-written jobs (and feed jobs when jobs.feed.pages is true).

The callout goes after the article, or where the post has a line ``<!-- jobs -->``.
The core plans the board and computes each callout; this hook hands them to templates.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog.job_callout import MARKER, jobs_callout
from careerblog.jobs import JobIndex
from careerblog.views import board_view, job_view
from careerblog_mkdocs import add_page, state_of

_log = logging.getLogger("mkdocs.hooks.jobs")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    feed = state_of(config).content.feed
    # INFO, not WARNING: `--strict` fails on warnings, and the daily publish must go out with stale jobs hidden.
    if feed is not None and feed.notice:
        _log.info(feed.notice)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state = state_of(config)
    content = state.content
    with_pages = [job for job in content.open_jobs if job.has_page]
    state.board = content.board  # planned with the page plan, so that `blog check` sees its URLs too
    state.job_index = JobIndex(list(content.open_jobs))
    for board_page in state.board.pages:
        meta = {"title": board_page.title, "template": "jobs.html", "hide": ["navigation", "toc"],
                "description": board_page.description}
        src = add_page(files, config, board_page.url, meta)
        state.job_pages[src] = ""
        state.board_pages[src] = board_page
    for job in with_pages:
        meta = {"title": job.title, "template": "job.html", "hide": ["navigation", "toc"],
                "description": f"{job.title} in {job.location}: {job.description}"[:160]}
        state.job_pages[add_page(files, config, job.url, meta)] = job.id
    return files


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    state = state_of(config)
    content = state.content
    job_id = state.job_pages.get(page.file.src_uri)
    if job_id is not None:
        if job_id:
            context["job"] = job_view(content.open_jobs_by_id[job_id])
        else:
            context["board"] = board_view(state.board, state.board_pages[page.file.src_uri])
        return context
    post = content.by_source.get(page.file.src_uri)
    if post is not None and post.jobs:
        inline = MARKER in (page.content or "")
        context["jobs_callout"] = jobs_callout(post, content, state.job_index, state.board, inline)
    return context
