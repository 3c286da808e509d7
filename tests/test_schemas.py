"""The JSON Schemas in schemas/ agree with the build.

An editor's YAML language server underlines what the schema refuses; the build
refuses what the core refuses. These tests keep the two in step: the committed
files are what the generator makes from the core's field lists, the real files
pass both, broken files fail both, and every limit a schema states (lengths,
ranges, choices, required and unknown fields) is the build's limit too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest
import yaml

from careerblog import schemas
from careerblog.schemas import DATE_PATTERN, SchemaDrift, generate_schemas, render
from careerblog.yamlfile import split_front_matter

REPO = Path(__file__).resolve().parents[1]
DATA_SCHEMAS = {
    "data/authors.yml": "authors.schema.json",
    "data/tags.yml": "tags.schema.json",
    "data/jobs.yml": "jobs.schema.json",
    "data/site.yml": "site.schema.json",
}
FRONT_MATTER = "front-matter.schema.json"


class AsLanguageServer(yaml.SafeLoader):
    """YAML as editors' language servers read it (YAML 1.2): a date is text, not a timestamp."""


AsLanguageServer.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def as_editor_tools_read(text: str) -> Any:
    return yaml.load(text, Loader=AsLanguageServer)


def front_matter_of(text: str) -> Any:
    split = split_front_matter(text)
    assert split, "a post starts with its front matter"
    return as_editor_tools_read(split[0])


def validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((REPO / "schemas" / name).read_text(encoding="utf-8")))


def schema_errors(name: str, instance: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(instance)]


# --- The files editors' tools use -----------------------------------------------------------


def test_the_committed_schemas_are_what_the_core_generates():
    generated = generate_schemas()
    committed = sorted(p.name for p in (REPO / "schemas").glob("*.schema.json"))
    assert committed == sorted(generated), "run 'blog schemas --write'"
    for name, schema in generated.items():
        assert (REPO / "schemas" / name).read_text(encoding="utf-8") == render(schema), (
            f"schemas/{name} is out of date: run 'blog schemas --write'"
        )


@pytest.mark.parametrize("name", sorted(generate_schemas()))
def test_each_schema_is_a_valid_draft_7_schema(name):
    jsonschema.Draft7Validator.check_schema(json.loads((REPO / "schemas" / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", sorted(DATA_SCHEMAS))
def test_the_real_data_files_pass_their_schema(path):
    data = as_editor_tools_read((REPO / path).read_text(encoding="utf-8"))

    assert schema_errors(DATA_SCHEMAS[path], data) == []


@pytest.mark.parametrize("post", sorted(p.name for p in (REPO / "docs/blog/posts").glob("*.md")))
def test_the_seed_posts_front_matter_passes_the_schema(post):
    front = front_matter_of((REPO / "docs/blog/posts" / post).read_text(encoding="utf-8"))

    assert schema_errors(FRONT_MATTER, front) == []


def test_every_pattern_is_a_javascript_regexp_as_language_servers_read_it():
    # VS Code's language servers compile "pattern" as a JavaScript regexp with the 'u' flag,
    # stricter than Python's: an escaped space, for one, is an error there.
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    patterns = sorted({p for schema in generate_schemas().values() for p in _patterns(schema)})
    script = "for (const p of JSON.parse(process.argv[1])) { try { new RegExp(p, 'u') } catch (e) { console.log(p) } }"

    done = subprocess.run([node, "-e", script, json.dumps(patterns)], capture_output=True, text=True, timeout=60)

    assert (done.returncode, done.stdout) == (0, ""), done.stderr
    assert len(patterns) > 5


def _patterns(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "pattern":
                yield inner
            yield from _patterns(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _patterns(inner)


def test_a_field_the_core_learns_stops_the_generator_until_it_is_described(monkeypatch):
    monkeypatch.setattr(schemas, "POST_FIELDS", schemas.POST_FIELDS + ("subtitle",))

    with pytest.raises(SchemaDrift, match="posts.py POST_FIELDS has the field\\(s\\) subtitle"):
        generate_schemas()


# --- Broken input: refused by the schema and by the build alike --------------------------------

BAD = "docs/blog/posts/bad.md"
POST = (
    "---\n"
    'title: "Oh No! You Missed Your Interview"\n'
    "date: 2026-11-01\n"
    "authors: [erin-helms]\n"
    "tags: [InterviewTips]\n"
    'description: "How to apologize by phone or email after a missed job interview, and ask for a second chance."\n'
    "{extra}"
    "---\n\nBody.\n"
)

BROKEN_POSTS = [
    pytest.param('tittle: "Typo"\n', "tittle", id="unknown-field"),
    pytest.param("image:\n  src: ../images/missed-interview.svg\n", "image.alt", id="image-without-alt"),
    pytest.param("image:\n  src: ../images/missed-interview.svg\n  alt: Photo\n", "image.alt", id="placeholder-alt"),
    pytest.param('image:\n  src: ""\n  alt: "A job seeker on the phone"\n', "image.src", id="empty-image-src"),
    pytest.param('slug: "Bad Slug"\n', "slug", id="slug-not-a-slug"),
    pytest.param("slug: page\n", "slug", id="slug-reserved"),
    pytest.param("draft: maybe\n", "draft", id="draft-not-boolean"),
    pytest.param('jobs: "no"\n', "jobs", id="jobs-neither-false-nor-mapping"),
    pytest.param("review_by: next Tuesday\n", "review_by", id="date-in-words"),
    pytest.param("related: {pinned: [job-scams]}\n", "related.pinned", id="related-unknown-field"),
    pytest.param("tags: [Interview Tips]\n", "tags", id="tag-with-a-space"),
]


@pytest.mark.parametrize(("extra", "field"), BROKEN_POSTS)
def test_a_broken_post_is_refused_by_the_schema_and_the_build(project, extra, field):
    text = POST.format(extra=extra)
    if extra.startswith("tags:"):
        text = text.replace("tags: [InterviewTips]\n", "")
    project.write(BAD, text)

    assert schema_errors(FRONT_MATTER, front_matter_of(text)), "the schema accepts it"
    assert field in [p.field for p in project.problems() if p.path == BAD]


def test_the_post_of_these_cases_is_itself_valid_for_both(project):
    text = POST.format(extra="")
    project.write(BAD, text)

    assert schema_errors(FRONT_MATTER, front_matter_of(text)) == []
    assert [p.slug for p in project.load().posts][0] == "bad"


BROKEN_DATA = [
    pytest.param("data/authors.yml", "Erin Helms:\n  name: Erin Helms\n", "Erin Helms", id="author-id-not-a-slug"),
    pytest.param("data/authors.yml", "erin-helms:\n  role: Recruiter\n", "erin-helms.name", id="author-without-name"),
    pytest.param("data/tags.yml", "Interview Tips: {}\n", "Interview Tips", id="tag-name-with-space"),
    pytest.param("data/tags.yml", "InterviewTips:\n  slug: Interview Tips\n", "InterviewTips.slug", id="tag-bad-slug"),
    pytest.param("data/jobs.yml", "- {id: a-1, title: T, location: L, job_type: t, employment_type: FULLTIME, "
                 "posted: 2026-11-01, valid_through: 2026-12-01, apply_url: 'https://x.example/', description: D}\n",
                 "employment_type", id="job-employment-type"),
    pytest.param("data/jobs.yml", "- {id: a-1, title: T, location: L, job_type: t, employment_type: TEMPORARY, "
                 "posted: 2026-11-01, valid_through: 2026-12-01, apply_url: 'http://x.example/', description: D}\n",
                 "apply_url", id="job-apply-url-not-https"),
    pytest.param("data/site.yml", "organization:\n  name: LaborMAX\nblog:\n  posts_per_page: 0\n",
                 "blog.posts_per_page", id="site-posts-per-page-zero"),
    pytest.param("data/site.yml", "organization:\n  name: LaborMAX\nfooter: Copyright\n", "footer", id="site-unknown-section"),
]


@pytest.mark.parametrize(("path", "text", "field"), BROKEN_DATA)
def test_a_broken_data_file_is_refused_by_the_schema_and_the_build(project, path, text, field):
    project.remove_seed_posts()
    project.write(path, text)

    assert schema_errors(DATA_SCHEMAS[path], as_editor_tools_read(text)), "the schema accepts it"
    assert field in [p.field for p in project.problems() if p.path == path]


# --- Every limit a schema states is the build's limit ------------------------------------------
#
# Each case below is derived from a schema: a value one past a length or range,
# a choice not offered, a required field left out, an unknown field added. The
# build must report each at the same field; and a value right at a length limit
# must pass. A limit written in the schema that the core does not enforce fails here.

BASE_POST = {
    "title": "A Post That Passes Every Check",
    "date": "2026-11-01",
    "authors": ["erin-helms"],
    "tags": ["InterviewTips"],
    "description": "A description long enough for search results, and short enough to read.",
    "image": {"src": "../images/missed-interview.svg", "alt": "A job seeker on the phone", "caption": "Call first."},
    "related": {"pin": ["job-scams"]},
    "jobs": {"tags": ["BostonWarehouseJobs"]},
}
TARGETS = {FRONT_MATTER: BAD, **{schema: path for path, schema in DATA_SCHEMAS.items()}}


def leaves(schema: dict, at: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """(path, schema) of every field below an object or list; '*' stands for any key."""
    yield at, schema
    for key, sub in schema.get("properties", {}).items():
        yield from leaves(sub, at + (key,))
    if isinstance(schema.get("additionalProperties"), dict):
        yield from leaves(schema["additionalProperties"], at + ("*",))
    if isinstance(schema.get("items"), dict):
        yield from leaves(schema["items"], at + (0,))
    for branch in schema.get("anyOf", []):
        if branch.get("type") in ("object", ["object", "null"]):
            yield from leaves(branch, at)


def derived_cases() -> Iterator[Any]:
    for name, schema in generate_schemas().items():
        for at, leaf in leaves(schema):
            if "maxLength" in leaf:
                yield pytest.param(name, at, "x" * (leaf["maxLength"] + 1), True, id=f"{name}:{_id(at)}:too-long")
                yield pytest.param(name, at, "x" * leaf["maxLength"], False, id=f"{name}:{_id(at)}:longest")
            if leaf.get("minLength", 0) > 0:
                yield pytest.param(name, at, " " * leaf["minLength"], True, id=f"{name}:{_id(at)}:blank")
            if leaf.get("type") == "integer":
                low, high = leaf["minimum"], leaf["maximum"]
                yield pytest.param(name, at, low - 1, True, id=f"{name}:{_id(at)}:below")
                yield pytest.param(name, at, high + 1, True, id=f"{name}:{_id(at)}:above")
                yield pytest.param(name, at, low, False, id=f"{name}:{_id(at)}:lowest")
                yield pytest.param(name, at, high, False, id=f"{name}:{_id(at)}:highest")
            if "enum" in leaf:
                yield pytest.param(name, at, "NOT_ONE_OF_THEM", True, id=f"{name}:{_id(at)}:not-a-choice")
            if leaf.get("pattern") == DATE_PATTERN:
                yield pytest.param(name, at, "next Tuesday", True, id=f"{name}:{_id(at)}:not-a-date")
            for key in leaf.get("required", []):
                yield pytest.param(name, at + (key,), REMOVE, True, id=f"{name}:{_id(at + (key,))}:left-out")
            if leaf.get("additionalProperties") is False:
                yield pytest.param(name, at + ("zz_unknown",), "x", True, id=f"{name}:{_id(at + ('zz_unknown',))}:unknown")


REMOVE = object()


def _id(at: tuple) -> str:
    return ".".join(map(str, at)) or "(top)"


@pytest.mark.parametrize(("name", "at", "value", "refused"), list(derived_cases()))
def test_a_limit_in_a_schema_is_a_limit_of_the_build(project, name, at, value, refused):
    project.remove_seed_posts()
    target = TARGETS[name]
    base = BASE_POST if name == FRONT_MATTER else yaml.safe_load((REPO / target).read_text(encoding="utf-8"))
    document = json.loads(json.dumps(base, default=str))  # a deep copy, dates as text
    if name == "site.schema.json":  # the seed site has no job feed; its settings need one to vary
        document["jobs"].setdefault("feed", {"url": "feeds/jobs.xml", "format": "indeed-xml", "job_types": {"Warehouse": "warehouse"},
                                             "locations": {"Dorchester, MA": "Boston, MA"}})
    path = tuple(next(iter(_at(document, at[:i]))) if key == "*" else key for i, key in enumerate(at))
    _set(document, path, value)
    dumped = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    project.write(target, f"---\n{dumped}---\n\nBody.\n" if name == FRONT_MATTER else dumped)
    field = ".".join(str(k) for k in path if not isinstance(k, int))

    fields = [p.field for p in _problems(project) if p.path == target]
    shown = "(left out)" if value is REMOVE else repr(value)[:20]
    assert (field in fields) == refused, f"{target} with {field} = {shown}: the build reports {fields}"
    if name == FRONT_MATTER:  # the schema agrees
        assert bool(schema_errors(name, document)) == refused


def _at(document: Any, path: tuple) -> Any:
    for key in path:
        document = document[key]
    return document


def _set(document: Any, path: tuple, value: Any) -> None:
    parent = _at(document, path[:-1])
    if value is REMOVE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value


def _problems(project) -> list:
    from careerblog import ContentError

    try:
        project.load()
    except ContentError as error:
        return error.problems
    return []
