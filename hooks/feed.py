"""Atom feeds: /feed.xml for the whole blog, and one per hashtag and author
(/tags/<slug>/feed.xml, /authors/<id>/feed.xml), announced on their pages.

The core (careerblog.feeds) decides what each feed holds; this hook hands it to the
theme template ``feed.xml`` (a static template, see mkdocs.yml), so the markup
stays in overrides/ like every other page.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog.feeds import FEED_FILE, feed_url, plan_feeds, render_feed, shown_besides_posts
from careerblog.models import Post
from careerblog_mkdocs import Session, state_of

_KEY = "career_blog_feeds"
# The preview's feeds as written, by their template, what they list and what else their
# entries show: a save changes few of them, and rendering all ~100 again took 0.1-0.3 s at
# 1,000 posts. A feed's posts are compared by identity (the preview's memo of posts hands
# back the same object while its file is unchanged, and a post is frozen): describing
# every feed's entries to compare them took 15-20 ms a save. Each entry keeps its posts, so
# that no other post can take their ids.
_written: dict[tuple, tuple[tuple[Post, ...], str]] = {}


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    content = state_of(config).content
    feeds = plan_feeds(content, config.site_name, config.site_description or "")
    config[_KEY] = {feed.url: feed for feed in feeds}
    template = env.get_template(FEED_FILE)
    site_url = config.site_url or "/"
    source = env.loader.get_source(env, FEED_FILE)[0] if Session.serving and env.loader else None
    shared = repr((source, *shown_besides_posts(content, site_url))) if source else ""
    written: dict[tuple, tuple[tuple[Post, ...], str]] = {}
    for feed in feeds:
        if feed.url == FEED_FILE:  # /feed.xml itself is the theme's static template
            continue
        key = (shared, feed.url, feed.page_url, feed.title, feed.subtitle, tuple(map(id, feed.posts)))
        kept = _written.get(key) if source is not None else None
        if kept is not None and all(was is post for was, post in zip(kept[0], feed.posts)):
            xml = kept[1]
        else:
            xml = template.render(feed=render_feed(feed, content, site_url))
        if source is not None:
            written[key] = (feed.posts, xml)
        for url in (feed.url, *feed.earlier_urls):
            files.append(File.generated(config, url, content=xml))
    _written.clear()
    _written.update(written)
    return env


def on_shutdown() -> None:
    _written.clear()


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == FEED_FILE:
        context["feed"] = render_feed(config[_KEY][FEED_FILE], state_of(config).content, config.site_url or "/")
    return context


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    # A tag or author page announces its own feed, beside the site's.
    feed = config[_KEY].get(feed_url(page.file.url)) if page.file.url else None
    if feed is not None:
        context["follow"] = {"url": feed.url, "title": feed.title, "name": feed.title.rsplit(" - ", 1)[0]}
    return context
