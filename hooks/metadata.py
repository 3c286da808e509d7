"""What crawlers and link previews read: JSON-LD, Open Graph and Twitter tags, and
the sitemap's dates, which come from content (updated, else date), never the clock.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog import schema_org, urls
from careerblog.listings import iso_date
from careerblog.views import content_date
from careerblog_mkdocs import state_of


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs stamps every page with the build day; the sitemap's <lastmod> reads this.
    page.update_date = _content_date(page, config) or ""
    return markdown


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    state = state_of(config)
    content = state.content
    site_url = config.site_url or "/"
    post = content.by_source.get(page.file.src_uri)
    job_id = state.job_pages.get(page.file.src_uri)
    data: list[dict] = []
    social = {"type": "website", "image": None, "published": None, "modified": None, "tags": []}
    if post is not None:
        data.append(schema_org.blog_posting(post, content, site_url))
        data.append(schema_org.breadcrumbs([("Home", ""), ("Blog", urls.BLOG), (post.title, post.url)], site_url))
        social.update(
            type="article",
            image=schema_org.absolute(site_url, post.image.src) if post.image else None,
            image_alt=post.image.alt if post.image else None,
            published=iso_date(post.date, True),
            modified=iso_date(post.updated or post.date, True),
            tags=[content.tags[t].name for t in post.tags],
        )
    elif job_id:
        job = content.open_jobs_by_id[job_id]
        data.append(schema_org.job_posting(job, content.settings, site_url))
        data.append(schema_org.breadcrumbs([("Home", ""), ("Jobs", urls.JOBS), (job.title, job.url)], site_url))
    elif page.is_homepage:
        data.append(schema_org.employment_agency(content.settings, site_url))
    elif page.file.url and page.title:
        data.append(schema_org.breadcrumbs([("Home", ""), (str(page.title), page.file.url)], site_url))
    context["structured_data"] = data
    context["social"] = social
    return context


# ---


def _content_date(page: Page, config: MkDocsConfig) -> str | None:
    state = state_of(config)
    content = state.content
    src = page.file.src_uri
    if (post := content.by_source.get(src)) is not None:
        return content_date(post)
    if (listing := state.listings.get(src)) is not None:
        posts = listing.posts or content.visible
        return max((content_date(p) for p in posts), default=None)
    if (guide_id := state.guide_pages.get(src)) is not None:
        guides = [content.published_guides[guide_id]] if guide_id else content.published_guides.values()
        sources = [content.by_source.get(g.source) for g in guides]
        return max((content_date(p) for p in sources if p is not None), default=None)
    if (job_id := state.job_pages.get(src)) is not None:
        jobs = [content.open_jobs_by_id[job_id]] if job_id else content.open_jobs
        return max((j.posted.date().isoformat() for j in jobs), default=None)
    if page.is_homepage:
        return max((content_date(p) for p in content.visible), default=None)
    return None  # a hand-written page has no content date; better none than the build day
