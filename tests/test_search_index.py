"""/search/search_index.json (contract section 6): Material's index format, one entry per page.

Full-text search is Pagefind's; this file stays for tools that read Material's
index, so it lists every searchable page with its URL, title and description.
"""

from __future__ import annotations

import json

from careerblog.listings import plan_listings
from sitebuild import EPOCH, REPO


def index_of(site) -> dict:
    return json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_the_index_keeps_materials_format_and_settings(site):
    index = index_of(site)

    assert set(index) == {"config", "docs"}
    assert index["config"]["lang"] == ["en"]
    assert {"separator", "pipeline", "fields"} <= set(index["config"])
    assert all(set(doc) == {"location", "title", "text"} for doc in index["docs"])


def test_every_post_is_listed_with_its_title_and_description(site, project):
    from datetime import datetime, timezone

    content = project.load(datetime.fromtimestamp(int(EPOCH), timezone.utc))
    by_location = {doc["location"]: doc for doc in index_of(site)["docs"]}

    assert content.visible, "the real blog has posts"
    for post in content.visible:
        doc = by_location[post.url]
        assert doc["title"] == post.title
        assert doc["text"] == post.description
    # Titles are plain text, as written: "Oh No!" not "Oh No&#33;".
    assert any("!" in doc["title"] for doc in by_location.values())


def test_lists_of_links_stay_out_and_tag_pages_are_in(site, project):
    from datetime import datetime, timezone

    content = project.load(datetime.fromtimestamp(int(EPOCH), timezone.utc))
    locations = {doc["location"] for doc in index_of(site)["docs"]}
    listings = plan_listings(content)

    assert "blog/" not in locations
    tag_pages = [listing.url for listing in listings if listing.kind == "tag"]
    assert tag_pages and all(url in locations for url in tag_pages)
    assert not [listing.url for listing in listings if listing.kind != "tag" and listing.url in locations]
    assert len(locations) == len(index_of(site)["docs"]), "one entry per page"
    assert (REPO / "docs" / "contact.md").exists() and "contact/" in locations
