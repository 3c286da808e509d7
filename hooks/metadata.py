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
from careerblog.sitemap import lastmod
from careerblog_mkdocs import state_of


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs stamps every page with the build day; the sitemap's <lastmod> reads this.
    page.update_date = lastmod(state_of(config), page.file.src_uri, page.is_homepage) or ""
    return markdown


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    state = state_of(config)
    content = state.content
    site_url = config.site_url or "/"
    post = content.by_source.get(page.file.src_uri)
    job_id = state.job_pages.get(page.file.src_uri)
    data: list[dict] = []
    # The preview picture (og:image) is the page's drawn card, set by hooks/pictures.py.
    social = {"type": "website", "image": None, "published": None, "modified": None, "tags": []}
    if post is not None:
        data.append(schema_org.blog_posting(post, content, site_url))
        data.append(schema_org.breadcrumbs([("Home", ""), ("Blog", urls.BLOG), (post.title, post.url)], site_url))
        social.update(
            type="article",
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
