"""``blog schemas``: the JSON Schemas in schemas/ for editors' YAML tools."""

from __future__ import annotations

import argparse

from ..schemas import SchemaDrift, outdated_schemas, write_schemas
from .common import PROG, CommandError, find_project


def run_schemas(args: argparse.Namespace) -> int:
    project = find_project(args.root)
    try:
        if args.write:
            for path in write_schemas(project.root):
                print(f"Wrote {path}")
            return 0
        stale = outdated_schemas(project.root)
    except SchemaDrift as error:
        raise CommandError(str(error)) from None
    for path in stale:
        print(f"{path}: is missing or out of date; run '{PROG} schemas --write'")
    if stale:
        return 1
    print("OK: schemas/ matches the rules of the build.")
    return 0
