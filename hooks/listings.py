"""Listing pages: /blog/ (10 a page), /tags/ and a page per tag, author pages,
year archives, and the newest posts on the home page.

The pages are generated (``File.generated``), planned from front matter only:
no post is rendered again for a listing.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from careerblog.listings import Listing, plan_listings
from careerblog.state import BuildState
from careerblog_mkdocs import add_page, state_of


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state = state_of(config)
    for listing in plan_listings(state.content):
        state.listings[add_page(files, config, listing.url, _meta(listing))] = listing
    return files


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    state = state_of(config)
    listing = state.listings.get(page.file.src_uri)
    if listing is not None:
        context["listing"] = _listing_view(listing, state)
    elif page.is_homepage:
        newest = state.content.visible[: state.content.settings.home_posts]
        context["latest"] = [state.card(post) for post in newest]
    return context


# ---


def _meta(listing: Listing) -> dict:
    return {
        "title": listing.title,
        "description": listing.description or listing.title,
        "template": "listing.html",
        "hide": ["navigation", "toc"],
        # Only tag pages say something a search should find; the rest are lists of links.
        "search": {"exclude": listing.kind != "tag"},
    }


def _listing_view(listing: Listing, state: BuildState) -> dict:
    return {
        "kind": listing.kind,
        "title": listing.title,
        "description": listing.description,
        "cards": [state.card(post) for post in listing.posts],
        "number": listing.number,
        "pages": listing.pages,
        "page_links": listing.page_links(),
        "previous_url": listing.previous_url,
        "next_url": listing.next_url,
        "author": listing.author,
        "tags": [{"tag": tag, "count": count} for tag, count in state.tag_counts] if listing.kind == "tags" else [],
        "years": state.archive_years if listing.kind in ("blog", "archive") else [],
    }
