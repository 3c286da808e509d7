"""The picture pipeline's costs, and a site with a phone photo for `make budget`.

    .venv/bin/python bench/pictures.py [--site DIR]

Copies the project into a temporary folder, adds a post whose hero is a
12-megapixel phone photo (4000x3000 JPEG with a GPS position, rendered by
tests/photos.py: nothing is downloaded), and builds it twice with an empty
picture cache, then twice with a warm one. Prints the cold cost per photo and
per card, and the warm cost per picture; with --site, leaves the built site
there (for `bench/lighthouse.py --site DIR /blog/first-day/`). Figures, not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import photos  # noqa: E402
from sitebuild import build_site, copy_machinery  # noqa: E402

POST = """---
title: "Your First Day on a New Job"
date: 2024-09-02
authors: [erin-helms]
tags: [InterviewTips]
description: "What to bring, when to arrive and who to ask on the first day of a new job, from our recruiters."
image:
  src: ../images/first-day.jpg
  alt: "A desk by a window over the city, with a laptop and a mug"
---

Arrive ten minutes early, bring your ID and the name of the person you report to.
"""


def make_project(root: Path) -> None:
    for folder in ("data", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    copy_machinery(root)
    photos.photo(root / "docs/blog/images/first-day.jpg", 4000, 3000, gps=True)
    (root / "docs/blog/posts/2024-09-02-first-day.md").write_text(POST, encoding="utf-8")


def timed_build(root: Path, site: Path) -> float:
    start = time.process_time()
    build_site(root, site)
    return time.process_time() - start


def timed_pictures(root: Path, site: Path) -> tuple[float, int]:
    """CPU seconds spent in the picture pipeline's own calls during one build, and how many
    pictures and cards it published."""
    from careerblog.pictures.publish import PictureSet

    spent = [0.0]
    originals = {name: getattr(PictureSet, name) for name in ("open", "plan", "view", "card", "art", "publish")}

    def timing(function):
        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[0] += time.process_time() - start
        return timed

    sets = []
    for name, function in originals.items():
        if name == "open":
            opened = function.__func__
            setattr(PictureSet, name, classmethod(timing(lambda cls, *a: sets.append(opened(cls, *a)) or sets[-1])))
        else:
            setattr(PictureSet, name, timing(function))
    try:
        build_site(root, site)
    finally:
        for name, function in originals.items():
            setattr(PictureSet, name, function)
    made = sets[-1]
    return spent[0], len(made.plans) + len(made.copies) + len(made.cards)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="leave the built site in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        make_project(root)
        cache = root / ".cache-pictures"
        os.environ["CAREERBLOG_PICTURE_CACHE"] = str(cache)
        pages = None
        colds, warms, nones, pipeline = [], [], [], []
        for _ in range(2):
            shutil.rmtree(cache, ignore_errors=True)
            colds.append(timed_build(root, root / "site"))
            pages = len(list((root / "site/assets/cards").iterdir()))
        for _ in range(3):
            warms.append(timed_build(root, root / "site"))
        for _ in range(5):
            pipeline.append(timed_pictures(root, root / "site"))
        # The same site without the pictures hook: what the pictures cost when warm.
        config = (root / "mkdocs.yml").read_text()
        (root / "mkdocs.yml").write_text(config.replace("  - hooks/pictures.py\n", ""))
        for _ in range(3):
            nones.append(timed_build(root, root / "site-none"))
        (root / "mkdocs.yml").write_text(config)
        photo_only = measure_photo(root)
        card_only = measure_cards(root)
        if args.site:
            shutil.rmtree(args.site, ignore_errors=True)
            shutil.copytree(root / "site", args.site)
    cold, warm, none = statistics.median(colds), statistics.median(warms), statistics.median(nones)
    print(f"site: the seed plus a post with a 4000x3000 phone photo; {pages} pages, one card each (CPU seconds, medians)")
    print(f"  build, cold picture cache   {cold:6.2f} s")
    print(f"  build, warm picture cache   {warm:6.2f} s")
    print(f"  build without pictures hook {none:6.2f} s")
    spent = statistics.median(t for t, _ in pipeline)
    count = pipeline[0][1]
    print(f"  warm: the picture pipeline's calls took {1000 * spent:.1f} ms for {count} pictures and cards: "
          f"{1000 * spent / count:.2f} ms each")
    print(f"  cold: one 12 MP photo to 9 renditions (AVIF, WebP, JPEG x 480/960/1440): {photo_only:.0f} ms")
    print(f"  cold: one card: {card_only['svg']:.0f} ms with an SVG hero, {card_only['photo']:.0f} ms with the photo, {card_only['none']:.0f} ms without a hero")


def measure_photo(root: Path) -> float:
    from careerblog.pictures.encode import encode_picture, versions
    from careerblog.pictures.plan import inspect, plan_renditions

    full = str(root / "docs/blog/images/first-day.jpg")
    times = []
    for _ in range(3):
        start = time.process_time()
        plan = plan_renditions(inspect(full, "blog/images/first-day.jpg"), versions())
        encode_picture(full, plan, list(plan.renditions))
        times.append(time.process_time() - start)
    return 1000 * statistics.median(times)


def measure_cards(root: Path) -> dict:
    from careerblog.pictures.cards import Art, CardSpec, draw_card

    logo = Art(str(root / "docs/assets/images/logo.svg"), "l")
    heroes = {"svg": Art(str(root / "docs/blog/images/job-scams.svg"), "s"),
              "photo": Art(str(root / "docs/blog/images/first-day.jpg"), "p"), "none": None}
    result = {}
    for name, hero in heroes.items():
        spec = CardSpec("x", "Avoid These 3 Common Job Scams", "LaborMAX Career Blog", "#1f3a68", "#b8520a", logo, hero)
        times = []
        for _ in range(5):
            start = time.process_time()
            draw_card(spec)
            times.append(time.process_time() - start)
        result[name] = 1000 * statistics.median(times)
    return result


if __name__ == "__main__":
    main()
