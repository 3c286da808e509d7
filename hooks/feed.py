"""The Atom feed, /feed.xml: the newest published posts, for feed readers.

Rendered from the theme template ``feed.xml`` (a static template, see
mkdocs.yml), so the markup stays in overrides/ like every other page.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from careerblog import schema_org
from careerblog.listings import iso_date
from careerblog_mkdocs import state_of

FEED_SIZE = 20


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    if template_name != "feed.xml":
        return context
    content = state_of(config).content
    site_url = config.site_url or "/"
    # In `make serve` drafts are visible; the feed, like the site, shows what is published.
    posts = [p for p in content.visible if content.status(p) == "published"][:FEED_SIZE]
    entries = []
    for post in posts:
        entries.append({
            "id": schema_org.absolute(site_url, post.url),
            "url": schema_org.absolute(site_url, post.url),
            "title": post.title,
            "summary": post.description,
            "published": iso_date(post.date, True),
            "updated": iso_date(post.updated or post.date, True),
            "authors": [{"name": content.authors[a].name, "uri": schema_org.absolute(site_url, content.authors[a].url)} for a in post.authors],
            "categories": [content.tags[t].name for t in post.tags],
            "image": schema_org.absolute(site_url, post.image.src) if post.image else None,
            "image_type": _media_type(post.image.src) if post.image else None,
        })
    context["feed"] = {
        "id": schema_org.absolute(site_url, ""),
        "self": schema_org.absolute(site_url, "feed.xml"),
        "home": schema_org.absolute(site_url, ""),
        "title": config.site_name,
        "subtitle": config.site_description or "",
        "author": content.settings.organization.name,
        # The newest entry's date, not the clock: an unchanged blog gives an unchanged feed.
        "updated": max((e["updated"] for e in entries), default="1970-01-01T00:00:00+00:00"),
        "entries": entries,
    }
    return context


# ---


def _media_type(path: str) -> str:
    extension = path.rsplit(".", 1)[-1].lower()
    return {"svg": "image/svg+xml", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
            "webp": "image/webp", "gif": "image/gif", "avif": "image/avif"}.get(extension, "application/octet-stream")
