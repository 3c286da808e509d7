"""Jobs: the "Browse Available Jobs" callout on every post, /jobs/ and /jobs/<id>/.

The callout goes after the article, or where the post has a line ``<!-- jobs -->``.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog import urls
from careerblog.jobs import board_link, by_location, facets_of, match_jobs
from careerblog.views import job_view
from careerblog_mkdocs import add_page, state_of

MARKER = "<!-- jobs -->"  # Python-Markdown passes the editor's comment through to the HTML


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state = state_of(config)
    index = add_page(files, config, urls.JOBS, {
        "title": "Open jobs", "template": "jobs.html", "hide": ["navigation", "toc"],
        "description": f"Jobs open now with {state.content.settings.organization.name}, by location.",
    })
    state.job_pages[index] = ""
    for job in state.content.open_jobs:
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
            context["job_groups"] = [(place, [job_view(j) for j in jobs]) for place, jobs in by_location(list(content.open_jobs))]
        return context
    post = content.by_source.get(page.file.src_uri)
    if post is not None and post.jobs:
        context["jobs_callout"] = _callout(post, content, inline=MARKER in (page.content or ""))
    return context


# ---


def _callout(post, content, inline: bool) -> dict:
    settings = content.settings
    facets = facets_of(post, content.tags)
    place = facets.locations[0] if facets.locations else None
    return {
        "heading": settings.jobs_heading,
        "line": f"Are you looking for work? {settings.organization.name} can find you the right job.",
        "jobs": [job_view(job) for job in match_jobs(list(content.open_jobs), facets, settings.jobs_count)],
        "cta_url": board_link(settings, facets, post.slug) or urls.JOBS,
        "cta_external": settings.job_board is not None,
        "cta_label": f"See all jobs in {place}" if place else "See all open jobs",
        "inline": inline,
        "marker": MARKER,
    }
