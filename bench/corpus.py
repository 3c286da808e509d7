"""A deterministic blog of N generated posts, in three shapes built from the same posts.

``ours``  the project itself (mkdocs.yml, hooks/, overrides/, data/, docs/) with the
          generated posts, tags, authors and jobs added to the copy;
``blog``  the same posts for Material's blog plugin (date, authors from
          ``.authors.yml``, categories for our tags, ``<!-- more -->`` excerpts), no hooks;
``floor`` the same posts as plain MkDocs + Material pages: no blog features, no hooks.

Same N, same posts, same output every time: the generator draws from one seeded
random source and the build date is fixed (``EPOCH``).
"""

from __future__ import annotations

import random
import re
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
# The build date of every benchmark build: 27 November 2026, 12:00 UTC (as in the tests).
EPOCH = "1795780800"
NOW = datetime.fromtimestamp(int(EPOCH), timezone.utc)
FIRST_DAY = date(2018, 1, 1)
SEED = 6

CITIES = [
    ("Boston", "Boston, MA"), ("Baltimore", "Baltimore, MD"), ("Denver", "Denver, CO"),
    ("Austin", "Austin, TX"), ("Phoenix", "Phoenix, AZ"), ("Atlanta", "Atlanta, GA"),
    ("Columbus", "Columbus, OH"), ("Tampa", "Tampa, FL"), ("Raleigh", "Raleigh, NC"),
    ("Nashville", "Nashville, TN"), ("Portland", "Portland, OR"), ("Richmond", "Richmond, VA"),
]
JOB_TYPES = [("Warehouse", "warehouse"), ("Temp", "temp"), ("Construction", "construction"),
             ("Office", "office"), ("Driver", "driver")]
TOPICS = ["ResumeTips", "CareerAdvice", "Interviewing", "Networking", "SalaryTalk", "FirstJob",
          "CareerChange", "RemoteWork", "Onboarding", "SkillsTraining", "Benefits", "ShiftWork",
          "Teamwork", "Leadership", "WorkLifeBalance", "JobFairs", "References", "CoverLetters",
          "Certifications", "Overtime"]
AUTHORS = [("maria-lopez", "Maria Lopez"), ("devon-carter", "Devon Carter"), ("priya-nair", "Priya Nair"),
           ("sam-oconnor", "Sam O'Connor"), ("lena-fischer", "Lena Fischer"), ("marcus-reed", "Marcus Reed"),
           ("aiko-tanaka", "Aiko Tanaka"), ("omar-haddad", "Omar Haddad")]
IMAGES = [("../images/missed-interview.svg", "Illustration of a job seeker on the phone beside a calendar"),
          ("../images/job-scams.svg", "Illustration of a job offer letter under a magnifying glass"),
          ("../images/construction-safety-week.svg", "Illustration of a hard hat and safety vest on a site"),
          ("../images/summer-job-search.svg", "Illustration of a sunny street with help-wanted signs")]
OPENERS = ["How to", "Ways to", "Why You Should", "When to", "What to Know Before You",
           "Five Tips to", "A Simple Plan to", "The Right Way to", "Common Mistakes When You",
           "Questions to Ask Before You", "Is It Time to", "Do Not Forget to", "Before You",
           "Smart Ways to", "Everything You Need to"]
ACTIONS = ["Prepare for an Interview", "Ask for a Raise", "Start a New Shift", "Write a Resume",
           "Follow Up After an Interview", "Stay Safe on Site", "Find Seasonal Work", "Pick Up Overtime",
           "Talk to Your Supervisor", "Negotiate Your Pay", "Get Certified", "Change Careers",
           "Work Nights", "Land Your First Job", "Join a Job Fair", "Ask for References",
           "Handle a Tough Manager", "Move From Temp to Hire", "Learn a Forklift", "Pass a Drug Test"]
WORDS = ("job work shift team hiring manager interview resume skills pay schedule site warehouse "
         "safety training employer worker staff role offer wage benefits career advice question answer "
         "plan goal week day morning evening call email apply position agency temporary permanent "
         "crew supervisor equipment boots vest gloves forklift truck order package customer office "
         "clerk driver route license reference experience strength reliable honest early ready prepared "
         "clear simple helpful quick steady careful friendly local busy seasonal weekly hourly").split()


def sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    text = " ".join(sentence(rng) for _ in range(sentences))
    # Wrap as editors do, so that the Markdown has realistic line lengths.
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > 78:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])


def tag_catalogue() -> dict[str, dict]:
    """Generated tags: a location and job type facet on each city tag, none on topics."""
    tags: dict[str, dict] = {}
    for city, location in CITIES:
        for label, job_type in JOB_TYPES:
            tags[f"{city}{label}Work"] = {"description": f"{label} jobs in and around {location}.",
                                         "location": location, "job_type": job_type}
    for topic in TOPICS:
        tags[topic] = {"description": f"Posts about {topic}."}
    return tags


def generated_jobs(rng: random.Random) -> list[dict]:
    jobs = []
    for number, ((city, location), (label, job_type)) in enumerate(
            (c, t) for c in CITIES for t in JOB_TYPES):
        if rng.random() < 0.3:
            continue  # not every city has every kind of job open
        posted = date(2026, 11, 1) + timedelta(days=rng.randint(0, 25))
        jobs.append({
            "id": f"gen-{city.lower()}-{job_type}-{number:03d}",
            "title": f"{label} Associate",
            "location": location,
            "job_type": job_type,
            "employment_type": rng.choice(["TEMPORARY", "FULL_TIME", "PART_TIME", "CONTRACTOR"]),
            "pay": f"${rng.randint(15, 26)}/hr",
            "posted": posted,
            "valid_through": posted + timedelta(days=rng.randint(20, 90)),
            "apply_url": f"https://www.labormax.com/find-a-job/?job=gen-{number:03d}",
            "description": paragraph(rng, 2).replace("\n", " ")[:400],
        })
    return jobs


def generated_posts(count: int) -> list[dict]:
    """Front matter (our format) and Markdown body of ``count`` posts, oldest first."""
    rng = random.Random(SEED * 1_000_003 + count)
    tag_names = list(tag_catalogue())
    # A few tags on many posts, many tags on few.
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(tag_names))]
    rng.shuffle(weights)
    titles = [f"{o} {a} in {c}" for o in OPENERS for a in ACTIONS for c, _ in CITIES]
    rng.shuffle(titles)
    span = (NOW.date() - timedelta(days=7) - FIRST_DAY).days
    posts, guides = [], []
    for number in range(count):
        day = FIRST_DAY + timedelta(days=(number * span) // max(count, 1))
        title = titles[number] if number < len(titles) else f"{titles[number % len(titles)]}, Part {number // len(titles) + 1}"
        front: dict = {
            "title": title,
            "date": day,
            "authors": [rng.choice(AUTHORS)[0]] + ([rng.choice(AUTHORS)[0]] if rng.random() < 0.1 else []),
            "tags": list(dict.fromkeys(rng.choices(tag_names, weights, k=rng.randint(1, 5)))),
            "description": (sentence(rng, 10, 14) + " " + sentence(rng, 6, 10))[:155].rstrip(" .") + ".",
        }
        front["authors"] = list(dict.fromkeys(front["authors"]))
        if len(front["description"]) < 50:
            front["description"] = front["description"].rstrip(".") + ", with practical steps for job seekers."
        if rng.random() < 0.4:
            src, alt = rng.choice(IMAGES)
            front["image"] = {"src": src, "alt": alt}
        sections = [paragraph(rng, 3), paragraph(rng, 2)]
        for index in range(rng.randint(3, 5)):
            heading = f"## {sentence(rng, 3, 6).rstrip('.')}"
            if index == 1 and number % 10 == 3:  # one post in ten has a guide section
                guide_id = f"guide-{number}"
                heading += f" {{ .guide #{guide_id} }}"
                guides.append(guide_id)
            sections.append(heading)
            sections.append(paragraph(rng, rng.randint(2, 4)))
            shape = rng.random()
            if shape < 0.4:
                sections.append("\n".join(f"{n}. **{sentence(rng, 2, 4).rstrip('.')}.** {sentence(rng)}" for n in range(1, rng.randint(3, 6))))
            elif shape < 0.6:
                sections.append("\n".join(f"- {sentence(rng, 4, 10)}" for _ in range(rng.randint(3, 6))))
            elif shape < 0.7:
                sections.append(f'!!! tip "{sentence(rng, 2, 4).rstrip(".")}"\n\n    {sentence(rng)}')
            elif shape < 0.75:
                sections.append("| Shift | Pay |\n|---|---|\n| Day | $18/hr |\n| Night | $20/hr |")
            sections.append(paragraph(rng, rng.randint(1, 3)))
        if posts and rng.random() < 0.15:
            other = rng.choice(posts)
            sections.append(f"See also [{other['front']['title']}]({other['file']}).")
        if guides[:-1] and number % 50 == 7:  # a few posts embed another post's guide
            sections.append("## Read more")
            sections.append(f"<!-- guide: {rng.choice(guides[:-1])} -->")
        slug = "-".join("".join(ch for ch in word.lower() if ch.isalnum()) for word in title.split())
        posts.append({"file": f"{day.isoformat()}-{slug}.md", "front": front, "body": "\n\n".join(sections) + "\n"})
    return posts


def dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)


def write_ours(root: Path, count: int) -> None:
    """The project with ``count`` generated posts, tags, authors and jobs added to the copy."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("hooks", "overrides", "data", "docs"):
        shutil.copytree(REPO / folder, root / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    rng = random.Random(SEED)
    with open(root / "data" / "tags.yml", "a", encoding="utf-8") as handle:
        handle.write("\n# Generated for the benchmark.\n" + dump(tag_catalogue()))
    with open(root / "data" / "authors.yml", "a", encoding="utf-8") as handle:
        authors = {id_: {"name": name, "role": "Recruiter", "bio": paragraph(rng, 1).replace("\n", " ")}
                   for id_, name in AUTHORS}
        handle.write("\n" + dump(authors))
    with open(root / "data" / "jobs.yml", "a", encoding="utf-8") as handle:
        handle.write("\n" + dump(generated_jobs(rng)))
    posts_dir = root / "docs" / "blog" / "posts"
    for post in generated_posts(count):
        (posts_dir / post["file"]).write_text(f"---\n{dump(post['front'])}---\n\n{post['body']}", encoding="utf-8")


def write_floor(root: Path, ours: Path) -> None:
    """The same docs/ as ``ours`` (posts included, as written) built as plain pages."""
    _copy_docs(ours, root)
    (root / "mkdocs.yml").write_text(_reference_config(ours, plugins=["search"], nav=[{"Home": "index.md"}]))


def write_material_blog(root: Path, ours: Path) -> None:
    """The same posts for Material's blog plugin: its front matter, authors file and excerpts."""
    _copy_docs(ours, root)
    blog = root / "docs" / "blog"
    (blog / "index.md").write_text("# Blog\n", encoding="utf-8")
    authors = yaml.safe_load((ours / "data" / "authors.yml").read_text(encoding="utf-8"))
    (blog / ".authors.yml").write_text(dump({"authors": {
        id_: {"name": a["name"], "description": a.get("role", "Writer"),
              "avatar": "../../images/authors/erin-helms.svg"}
        for id_, a in authors.items()
    }}), encoding="utf-8")
    for path in sorted((blog / "posts").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        material = {"title": meta["title"], "date": meta["date"], "authors": meta["authors"],
                    "categories": [t.lstrip("#") for t in meta["tags"]], "description": meta["description"]}
        intro, _, rest = body.strip("\n").partition("\n\n")
        path.write_text(f"---\n{dump(material)}---\n\n{intro}\n\n<!-- more -->\n\n{rest}\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(_reference_config(
        ours, plugins=["search", "blog"], nav=[{"Home": "index.md"}, {"Blog": "blog/index.md"}]))


def _copy_docs(ours: Path, root: Path) -> None:
    """docs/ of ``ours`` for a reference site: hand-written pages without our templates."""
    shutil.copytree(ours / "docs", root / "docs")
    for page in (root / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if text.startswith("---\n") and "\ntemplate:" in text:
            page.write_text(re.sub(r"\ntemplate:[^\n]*", "", text, count=1), encoding="utf-8")


def _reference_config(ours: Path, plugins: list, nav: list) -> str:
    """Our site's theme, Markdown extensions and validation, without hooks or templates of ours."""
    config = yaml.safe_load((ours / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"].pop("custom_dir", None)
    config["theme"].pop("static_templates", None)
    keep = ("site_name", "site_description", "site_url", "copyright", "theme", "extra_css",
            "markdown_extensions", "validation", "not_in_nav")
    reference = {key: config[key] for key in keep if key in config}
    reference.update(plugins=plugins, nav=nav)
    return dump(reference)


def write_all(root: Path, count: int) -> dict[str, Path]:
    """The three sites for ``count`` posts under ``root``; returns their folders by variant."""
    folders = {name: root / name for name in ("ours", "blog", "floor")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    write_ours(folders["ours"], count)
    write_material_blog(folders["blog"], folders["ours"])
    write_floor(folders["floor"], folders["ours"])
    return folders
