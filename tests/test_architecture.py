"""ARCHITECTURE.md stays true: its table of events names every event of every hook in
mkdocs.yml, with its priority, in the order MkDocs runs them."""

from __future__ import annotations

import importlib.util
import re

import yaml

from sitebuild import REPO

# The order in which MkDocs 1.6 fires the events of one build (mkdocs/commands/build.py).
EVENT_ORDER = [
    "on_startup", "on_config", "on_pre_build", "on_files", "on_nav", "on_pre_page", "on_page_read_source",
    "on_page_markdown", "on_page_content", "on_env", "on_pre_template", "on_template_context",
    "on_post_template", "on_page_context", "on_post_page", "on_post_build", "on_build_error", "on_serve",
    "on_shutdown",
]
ROW = re.compile(r"^\| `(on_\w+)` \| `(hooks/[\w/]+\.py)` \| (-?\d+) \|")


def hook_events() -> list[tuple[str, str, int]]:
    """(event, hook, priority) of every on_* function of every hook, as MkDocs would run them."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    found = []
    for position, hook in enumerate(config["hooks"]):
        spec = importlib.util.spec_from_file_location(f"_architecture_{position}", REPO / hook)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name in dir(module):
            if name.startswith("on_") and callable(getattr(module, name)):
                priority = getattr(getattr(module, name), "mkdocs_priority", 0)
                found.append((EVENT_ORDER.index(name), -priority, position, name, hook, priority))
    return [(name, hook, priority) for *_, name, hook, priority in sorted(found)]


def test_architecture_names_every_hook_event_in_the_order_mkdocs_runs_them():
    documented = [
        (m.group(1), m.group(2), int(m.group(3)))
        for line in (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8").splitlines()
        if (m := ROW.match(line))
    ]
    assert documented == hook_events()
