"""Pictures that travel: link-preview cards on every page, responsive renditions of
raster pictures without their metadata, clear errors for bad pictures, the cache,
and share links. Every picture here is made by tests/photos.py."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from mkdocs.exceptions import Abort
from PIL import Image

import photos
from careerblog.pictures.cards import BOLD, REGULAR, CardSpec, draw_card, fit_title, has_glyph, load_font
from careerblog.pictures.plan import PictureError, inspect, rendition_widths
from careerblog.pictures.uses import check_uses, find_uses, markdown_uses
from photos import make_photo_project
from sitebuild import REPO, Site, build_site

SITE_URL = "https://blog.labormax.com/"
RASTER = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory) -> Site:
    root = make_photo_project(tmp_path_factory.mktemp("photo-project"))
    return Site(build_site(root, root / "site"))


def raster_files(site: Site) -> list[Path]:
    return [p for p in sorted(site.root.rglob("*")) if p.suffix.lower() in RASTER and "pagefind" not in p.parts]


def page_urls(site: Site) -> list[str]:
    """Every HTML page a reader can reach (404 is a host's answer, not a shared page)."""
    urls = []
    for path in sorted(site.root.rglob("index.html")):
        if "pagefind" in path.parts:
            continue
        urls.append("/" + str(path.parent.relative_to(site.root)).replace(os.sep, "/").strip(".") + "/")
    return [u.replace("//", "/") for u in urls]


# --- link-preview cards


def test_every_page_has_a_raster_link_preview_card_in_the_site(photo_site):
    urls = page_urls(photo_site)
    kinds = {"/", "/blog/", "/blog/first-day/", "/guides/apologize-by-phone/", "/jobs/", "/jobs/bos-wh-0142/",
             "/tags/", "/tags/interview-tips/", "/authors/erin-helms/", "/blog/archive/2024/", "/contact/"}
    assert kinds <= set(urls)
    seen = set()
    for url in urls:
        head = photo_site.html(url)
        image = head.select_one("meta[property='og:image']")["content"]
        assert image.startswith(SITE_URL) and image.endswith((".jpg", ".png")), url
        assert ".svg" not in str(head.select("meta[property^='og:image'], meta[name^='twitter:image']"))
        assert head.select_one("meta[name='twitter:image']")["content"] == image
        assert head.select_one("meta[property='og:image:width']")["content"] == "1200"
        assert head.select_one("meta[property='og:image:height']")["content"] == "630"
        assert head.select_one("meta[property='og:image:type']")["content"] == "image/jpeg"
        assert head.select_one("meta[property='og:image:alt']")["content"].strip()
        assert head.select_one("meta[name='twitter:image:alt']")["content"].strip()
        assert head.select_one("meta[name='twitter:card']")["content"] == "summary_large_image"
        with Image.open(photo_site.root / image.removeprefix(SITE_URL)) as card:
            assert (card.format, card.size) == ("JPEG", (1200, 630))
        seen.add(image)
    assert len(seen) == len(urls), "each page has its own card"


def test_a_post_card_shows_its_hero_and_a_social_image_replaces_the_card(photo_site):
    def card_of(url):
        src = photo_site.html(url).select_one("meta[property='og:image']")["content"].removeprefix(SITE_URL)
        return Image.open(photo_site.root / src).convert("RGB")

    drawn = card_of("/blog/first-day/")
    brand = (0x1F, 0x3A, 0x68)
    assert max(abs(a - b) for a, b in zip(drawn.getpixel((20, 300)), brand)) < 12  # the brand colour
    assert drawn.getpixel((1000, 300)) != drawn.getpixel((20, 300))  # the hero on the right
    shared = card_of("/blog/share-me/")
    assert max(abs(a - b) for a, b in zip(shared.getpixel((20, 300)), brand)) > 30  # the photo, no panel


def test_a_card_gets_a_new_file_name_when_what_it_shows_changes():
    spec = CardSpec(name="blog-x", title="One", site_name="S", color="#1f3a68", accent="#b8520a")
    changed = CardSpec(name="blog-x", title="Two", site_name="S", color="#1f3a68", accent="#b8520a")
    assert spec.key("v") == spec.key("v")
    assert spec.path(spec.key("v")) != changed.path(changed.key("v"))
    assert spec.key("v") != spec.key("newer Pillow")
    assert re.fullmatch(r"assets/cards/blog-x\.[0-9a-f]{12}\.jpg", spec.path(spec.key("v")))


def test_a_card_draws_letters_of_other_languages_and_leaves_out_what_the_font_lacks():
    # Polish, Turkish, Vietnamese, Greek, Ukrainian titles and names are drawn, never as empty boxes.
    for character in "łźŞİệ—’€₹ΩЖї":
        assert has_glyph(BOLD, character) and has_glyph(REGULAR, character), character
    assert not has_glyph(BOLD, "🎉") and not has_glyph(BOLD, "职")

    def card(title: str, site: str = "Tri-State Staffing") -> bytes:
        return draw_card(CardSpec(name="x", title=title, site_name=site, color="#1f3a68", accent="#b8520a"))

    assert card("🎉 Summer Jobs in Kraków 🎉") == card("Summer Jobs in Kraków")
    assert card("Jobs", "Tri-State Staffing 职") == card("Jobs")
    assert card("Summer Jobs in Łódź") != card("Summer Jobs in ódź")  # Ł drawn


def test_a_long_title_is_shrunk_then_cut_to_three_lines_with_an_ellipsis():
    size, lines = fit_title("Avoid These 3 Common Job Scams", 600, 400)
    assert size == 76 and len(lines) <= 3
    long = " ".join(["Overtime"] * 30)
    size, lines = fit_title(long, 600, 400)
    assert size == 40 and len(lines) == 3 and lines[-1].endswith("…")
    assert all(load_font(BOLD, size).getlength(line) <= 600 for line in lines)
    # The vendored font, laid out by the engine every machine has (RAQM needs system libraries).
    from PIL import ImageFont

    assert load_font(BOLD, size).layout_engine == ImageFont.Layout.BASIC
    assert load_font(BOLD, size).path.endswith("pictures/fonts/Inter-Bold.otf")


# --- renditions


def test_a_phone_photo_hero_becomes_an_upright_picture_with_renditions(photo_site):
    page = photo_site.html("/blog/first-day/")
    hero = page.select_one("[data-hero] picture")
    img = hero.select_one("img")
    # Stored 1600x1200 with EXIF orientation 6: upright it is 1200 wide and 1600 high.
    assert (img["width"], img["height"]) == ("1200", "1600")
    assert img["fetchpriority"] == "high" and img["loading"] == "eager"
    types = [s["type"] for s in hero.select("source")]
    assert types == ["image/avif", "image/webp"]
    for source in hero.select("source") + [img]:
        widths = [int(w.rstrip("w")) for w in re.findall(r"\s(\d+w)", source["srcset"])]
        assert widths == [480, 960, 1200], "never wider than the photo"
        assert source["sizes"]
        for item in source["srcset"].split(", "):
            path, width = item.rsplit(" ", 1)
            with Image.open(photo_site.root / "blog/first-day" / path) as made:
                assert made.size[0] == int(width.rstrip("w"))
                assert made.height > made.width  # upright
    with Image.open(photo_site.root / "blog/first-day" / img["src"]) as fallback:
        assert fallback.format == "JPEG"


def test_body_pictures_are_lazy_and_keep_colour_transparency_and_animation(photo_site):
    page = photo_site.html("/blog/first-day/")
    body = page.select_one(".cb-post-body")
    pictures = {p.select_one("img")["alt"]: p for p in body.select("picture")}
    assert set(pictures) == {"A flyer printed in red", "The company badge", "Four steps to the front desk"}
    for picture in pictures.values():
        img = picture.select_one("img")
        assert img["loading"] == "lazy" and img["decoding"] == "async"

    def fallback(alt):
        return Image.open(photo_site.root / "blog/first-day" / pictures[alt].select_one("img")["src"])

    with fallback("A flyer printed in red") as flyer:  # CMYK made sRGB
        assert flyer.mode == "RGB"
        red = flyer.getpixel((100, 100))
        assert red[0] > 220 and red[1] < 40 and red[2] < 40
    with fallback("The company badge") as badge:
        assert badge.format == "PNG" and badge.getpixel((2, 2))[3] == 0
        assert pictures["The company badge"].select_one("img")["title"] == "Your badge"
    with fallback("Four steps to the front desk") as steps:
        assert steps.format == "GIF" and steps.n_frames == 4
    webp = pictures["Four steps to the front desk"].select_one("source[type='image/webp']")["srcset"].split(" ")[0]
    with Image.open(photo_site.root / "blog/first-day" / webp) as animated:
        assert animated.n_frames == 4
    assert "in-code" not in str(body.select("picture"))  # an image in a code block stays code
    assert "in-indented-code" not in str(body.select("picture"))
    assert not list(photo_site.root.rglob("steps.gif"))  # the original of a picture by reference is not published


def test_listing_cards_use_the_smallest_rendition_that_fills_them(photo_site):
    card = [c for c in photo_site.html("/blog/").select("[data-post-card]") if "first-day" in str(c)][0]
    img = card.select_one("picture img")
    assert "-480w." in img["src"]
    assert img["loading"] == "lazy" and (img["width"], img["height"]) == ("1200", "1600")


def test_no_picture_in_the_site_carries_metadata_and_no_original_is_published(photo_site):
    originals = {p.name for p in (photo_site.root.parent / "docs/blog/images").iterdir() if p.suffix in RASTER}
    files = raster_files(photo_site)
    assert files
    avatar = photo_site.root / "blog/images/authors/erin.jpg"
    assert avatar in files and avatar.read_bytes() != (photo_site.root.parent / "docs/blog/images/authors/erin.jpg").read_bytes()
    for path in files:
        assert path.name not in originals or path == avatar
        data = path.read_bytes()
        assert b"Exif" not in data and b"PhoneMaker" not in data and b"made by a phone" not in data, path
        with Image.open(path) as image:
            assert not image.getexif().get_ifd(photos.GPS_IFD), path
            assert "icc_profile" not in image.info and "exif" not in image.info, path


def test_structured_data_and_the_feed_name_a_published_rendition_of_a_photo_hero(photo_site):
    import json

    page = photo_site.html("/blog/first-day/")
    posting = [json.loads(s.string) for s in page.select("script[type='application/ld+json']")]
    image = next(item["image"] for item in posting if item.get("@type") == "BlogPosting")
    assert image.startswith(SITE_URL) and (photo_site.root / image.removeprefix(SITE_URL)).is_file()
    feed = (photo_site.root / "feed.xml").read_text()
    enclosure = re.search(r'<link rel="enclosure" type="image/jpeg" href="([^"]*first-day[^"]*)"', feed).group(1)
    assert (photo_site.root / enclosure.removeprefix(SITE_URL)).is_file()


def test_a_drafts_photo_is_not_published_in_any_form(photo_site):
    assert not [p for p in photo_site.root.rglob("*draft-photo*")]


def test_svg_heroes_stay_as_they_are(photo_site):
    img = photo_site.html("/blog/job-scams/").select_one("[data-hero] img")
    assert img["src"].endswith("job-scams.svg") and img.parent.name != "picture"


# --- the cache, and the same bytes twice


def test_a_second_build_encodes_nothing_and_writes_the_same_bytes(photo_site, shared_picture_cache, tmp_path):
    cached = {p: p.stat().st_mtime_ns for p in shared_picture_cache.rglob("*") if p.is_file() and p.name != "index.json"}
    again = build_site(photo_site.root.parent, tmp_path / "again")
    after = {p: p.stat().st_mtime_ns for p in shared_picture_cache.rglob("*") if p.is_file() and p.name != "index.json"}
    assert after == cached, "nothing was encoded again"

    def listing(root):
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    first, second = listing(photo_site.root), listing(again)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


# --- bad pictures


def test_bad_pictures_are_refused_with_file_line_and_field(project, tmp_path):
    images = project.docs / "blog/images"
    photos.bomb_png(images / "bomb.png")
    photos.damaged_jpeg(images / "cut.jpg")
    (images / "notes.jpg").write_text("these are not pixels")
    (images / "phone.heic").write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64)
    project.write_post("2026-11-05-bad.md", image={"src": "../images/bomb.png", "alt": "A huge picture"},
                       body="Words.\n\n![A photo cut short by the upload](../images/cut.jpg)\n\n"
                            "![Meeting notes typed into a file](../images/notes.jpg)\n\n"
                            "<img src=\"../images/phone.heic\" alt=\"A photo straight from a phone\">\n")
    content = project.load()
    pictures, problems = check_uses(find_uses(content, str(project.docs)), str(project.docs))
    lines = [str(p) for p in problems]
    post = "docs/blog/posts/2026-11-05-bad.md"
    text = (project.posts / "2026-11-05-bad.md").read_text().splitlines()

    def line_of(name):
        return next(n for n, line in enumerate(text, start=1) if name in line)

    assert any(l.startswith(f"{post}:{line_of('bomb.png')}: image.src: 'bomb.png' is 20000x20000 pixels (400 megapixels)") for l in lines), lines
    # A file that is not there at all is the link check's to report (careerblog.links).
    for name in ("cut.jpg", "notes.jpg", "phone.heic"):
        number = line_of(name)
        assert any(l.startswith(f"{post}:{number}: image.src: '{name}'") for l in lines), (name, lines)
    assert "cut short or damaged" in " ".join(lines)
    assert "not JPEG, PNG, WebP or GIF" in " ".join(lines)
    assert "HEIC" in " ".join(lines)
    assert len(problems) == 4


def test_pictures_in_lists_and_admonitions_are_used_and_pictures_in_code_are_not():
    body = ("- A step\n\n    ![The form, filled in](../images/step.jpg)\n\n"
            "!!! tip\n\n    ![A tidy desk](../images/desk.png)\n\n"
            "Write it like this:\n\n    ![An example](../images/example.jpg)\n\n"
            "```\n![Also an example](../images/fenced.jpg)\n```\n")

    uses = markdown_uses("blog/posts/p.md", "docs/blog/posts/p.md", body)

    assert [(use.line, use.source) for use in uses] == [(3, "blog/images/step.jpg"), (7, "blog/images/desk.png")]


def test_pictures_by_reference_are_used_where_their_definition_names_the_file():
    body = ("![The form, filled in][form] and ![Desk][] and ![Shelf]\n\n"
            "[form]: ../images/form.jpg\n[desk]: <../images/desk.png> \"A desk\"\n"
            "[shelf]: ../images/shelf.webp\n[a link, not a picture]: ../images/linked.jpg\n")

    uses = markdown_uses("blog/posts/p.md", "docs/blog/posts/p.md", body)

    assert [(use.line, use.source) for use in uses] == [
        (3, "blog/images/form.jpg"), (4, "blog/images/desk.png"), (5, "blog/images/shelf.webp")]


def test_pictures_over_the_byte_limit_are_refused_before_decoding(tmp_path, monkeypatch):
    from careerblog.pictures import plan

    path = photos.photo(tmp_path / "big.jpg", 400, 300)
    monkeypatch.setattr(plan, "MAX_BYTES", 1000)
    with pytest.raises(PictureError, match=r"'big.jpg' is 0.0 MB, over the limit"):
        inspect(str(path), "big.jpg")
    assert rendition_widths(300) == [300] and rendition_widths(4000) == [480, 960, 1440]


def test_the_build_and_blog_check_report_a_bad_picture_alike(buildable, tmp_path, caplog):
    photos.damaged_jpeg(buildable.docs / "blog/images/cut.jpg")
    buildable.append("docs/contact.md", "\n![Our office](blog/images/cut.jpg)\n")
    line = len((buildable.docs / "contact.md").read_text().splitlines())
    expected = f"docs/contact.md:{line}: image.src: 'cut.jpg' cannot be read: the file is cut short or damaged"
    with pytest.raises(Abort):
        build_site(buildable.root, tmp_path / "site")
    assert expected in caplog.text
    import subprocess

    done = subprocess.run([str(REPO / ".venv/bin/blog"), "check"], cwd=buildable.root, capture_output=True, text=True)
    assert done.returncode == 1 and expected in done.stdout


# --- share links


@pytest.mark.parametrize("url", ["/blog/first-day/", "/guides/apologize-by-phone/"])
def test_posts_and_guides_have_plain_share_links(photo_site, url):
    page = photo_site.html(url)
    box = page.select_one("[data-share]")
    canonical = page.select_one("link[rel=canonical]")["href"]
    links = {a["data-share-to"]: a for a in box.select("a[href]")}
    assert set(links) == {"linkedin", "facebook", "x", "whatsapp", "email"}
    for name, link in links.items():
        assert link["aria-label"].startswith("Share")
        query = parse_qs(urlparse(link["href"]).query)
        assert any(canonical in value for values in query.values() for value in values), (name, link["href"])
    title = page.select_one("h1").get_text(strip=True)
    assert parse_qs(urlparse(links["x"]["href"]).query)["text"] == [title]
    assert parse_qs(urlparse(links["email"]["href"]).query)["subject"] == [title]
    assert parse_qs(urlparse(links["whatsapp"]["href"]).query)["text"] == [f"{title} {canonical}"]
    assert box.select_one("button[data-share-copy]")["data-url"] == canonical
    assert not page.select("script[src^='http']")


def test_other_pages_have_no_share_links(photo_site):
    assert photo_site.html("/blog/").select("[data-share]") == []


def test_the_cache_forgets_what_a_build_no_longer_uses(tmp_path):
    from careerblog.pictures.cache import PictureCache

    cache = PictureCache(str(tmp_path / "cache"), "versions")
    used, old = "a1" + "0" * 62, "b2" + "0" * 62
    cache.store(used, "avif", b"used")
    cache.store(old, "jpg", b"old card")
    assert cache.prune({used}) == 1
    assert cache.has(used, "avif") and not cache.has(old, "jpg")
