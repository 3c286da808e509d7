"""Pictures that travel: <picture> renditions of raster pictures, and a link-preview
card for every page (``og:image``, ``twitter:image``).

Pictures are checked and planned when the files are known, pages get their
markup while they are written, and the files are made (or copied from the
cache in .cache/pictures) once every page is written.
"""

from __future__ import annotations

import html
import os
import posixpath
import re

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from careerblog import schema_org
from careerblog.pictures.cards import HEIGHT, WIDTH, CardSpec
from careerblog.pictures.plan import is_raster
from careerblog.pictures.publish import CARD_MIN_WIDTH, CARD_SIZES, HERO_SIZES, PictureSet, card_name
from careerblog.problems import ContentError
from careerblog_mkdocs import Session, project_root, state_of
from careerblog_mkdocs.parallel import in_page_order

_KEY = "career_blog_pictures"
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = project_root(config)
    # Tests share one cache between their many builds through this variable; editors never need it.
    shared = os.environ.get("CAREERBLOG_PICTURE_CACHE")
    cache_dir = shared or os.path.join(root, ".cache", "pictures")
    pictures = PictureSet.open(config.docs_dir, config.site_dir, cache_dir, shared_cache=bool(shared))
    shown_docs = os.path.relpath(config.docs_dir, root).replace(os.sep, "/")
    rasters = [f.src_uri for f in files if not f.is_documentation_page() and is_raster(f.src_uri)]
    # The preview's posts as this build read them: 1,000 files not read a second time.
    texts = {source: text for source, text in Session.posts_read} if Session.posts_read else None
    problems = pictures.plan(state_of(config).content, shown_docs, rasters, texts)
    if problems:
        raise PluginError(ContentError(problems).render())
    config[_KEY] = pictures
    # The theme's templates, loaded once per build for the pictures written in Markdown.
    config[_KEY + "_template"] = config.theme.get_env().get_template("partials/picture.html")
    return files


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    pictures: PictureSet = config[_KEY]
    if not pictures.plans or "<img" not in html_text:
        return html_text
    folder = posixpath.dirname(page.file.dest_uri)
    template = config[_KEY + "_template"]

    def replace(match: re.Match) -> str:
        attributes = {k: html.unescape(v) for k, v in _ATTRIBUTE.findall(match.group(0))}
        source = posixpath.normpath(posixpath.join(folder, attributes.get("src", "")))
        view = pictures.view(source)
        if view is None:
            return match.group(0)
        return template.render(
            page=page, base_url=get_relative_url(".", page.url), picture=view, alt=attributes.get("alt", ""),
            title=attributes.get("title"), img_class=attributes.get("class"),
        ).strip()

    return _IMG.sub(replace, html_text)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    pictures: PictureSet = config[_KEY]
    # The originals never reach the site: their renditions (or a clean copy) stand in for them.
    for source in list(pictures.plans) + list(pictures.copies) + sorted(pictures.unpublished):
        file = files.get_file_from_path(source)
        if file is not None:
            files.remove(file)
    state = state_of(config)
    heroes = {}
    for post in state.content.visible:
        if post.image and post.image.src in pictures.plans:
            heroes[post.image.src] = pictures.view(post.image.src, HERO_SIZES)
            # Every listing shares the post's card (BuildState.card): its picture is set once here.
            state.card(post)["image"]["picture"] = pictures.view(post.image.src, CARD_SIZES, CARD_MIN_WIDTH)
    env.globals["pictures"] = {"hero": heroes}
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    pictures: PictureSet = config[_KEY]
    content = state_of(config).content
    settings = content.settings
    post = content.by_source.get(page.file.src_uri)
    title = html.unescape(str(page.title or "")) or config.site_name
    spec = CardSpec(
        name=card_name(page.file.url),
        title=post.title if post else title,
        site_name=config.site_name,
        color=settings.brand.color,
        accent=settings.brand.accent,
        logo=pictures.art(settings.organization.logo),
        hero=pictures.art(post.social_image or (post.image.src if post.image else None)) if post else None,
        photo_only=bool(post and post.social_image),
    )
    _point_at_renditions(context.get("structured_data") or [], pictures, config)
    social = context.setdefault("social", {})
    _draw_card_later(config, spec)
    social.update(
        image=schema_org.absolute(config.site_url or "/", pictures.card(spec)),
        image_width=WIDTH,
        image_height=HEIGHT,
        image_type="image/jpeg",
        image_alt=f"{spec.title} – {config.site_name}",
    )
    return context


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "feed.xml" and "feed" in context:
        _point_at_renditions(context["feed"]["entries"], config[_KEY], config, type_key="image_type")
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    pictures: PictureSet = config[_KEY]
    # The preview shows pages, not link previews: drawing every card would delay the first page.
    problems = pictures.publish(draw_cards=not Session.serving)
    if problems:
        raise PluginError("\n".join(problems))


# ---


@in_page_order
def _draw_card_later(config: MkDocsConfig, spec: CardSpec) -> None:
    """Plan the page's card in the build's main process, which draws the cards once every page
    is written, even when the page was rendered by the build's worker process (careerblog_mkdocs.parallel)."""
    config[_KEY].card(spec)


def _point_at_renditions(items: list[dict], pictures: PictureSet, config: MkDocsConfig, type_key: str = "") -> None:
    """JSON-LD and the feed name a post's hero by its source path; a raster hero's original is
    not published, so they get its largest fallback rendition (JPEG, PNG or GIF) instead."""
    site_url = config.site_url or "/"
    for item in items:
        image = item.get("image")
        if not isinstance(image, str) or not image.startswith(site_url):
            continue
        plan = pictures.plans.get(image.removeprefix(site_url))
        if plan is not None:
            item["image"] = schema_org.absolute(site_url, plan.fallback.path)
            if type_key:
                item[type_key] = plan.fallback.mime
