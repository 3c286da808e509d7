"""Write vocabulary.json: the schema.org types this site's JSON-LD uses, with every property
each accepts (its own and its supertypes') and the range of each property.

Made from a release of the schema.org vocabulary, the CSV files that schema.org publishes with
every release (schemaorg-current-https-types.csv and -properties.csv, in data/releases/<n>/ of
its repository). Run it again when the site's JSON-LD uses a new type:

    python tests/schema_org/extract.py TYPES.csv PROPERTIES.csv RELEASE > tests/schema_org/vocabulary.json
"""

from __future__ import annotations

import csv
import json
import sys

TYPES = [
    "BlogPosting", "BreadcrumbList", "EmploymentAgency", "ImageObject", "JobPosting", "ListItem",
    "MonetaryAmount", "Organization", "Person", "Place", "PostalAddress", "QuantitativeValue", "WebPage",
    "WebSite",
]
BASE = "https://schema.org/"


def label(uri: str) -> str:
    return uri.strip().removeprefix(BASE)


def split(cell: str) -> list[str]:
    return [label(part) for part in cell.split(",") if part.strip()]


def main(types_csv: str, properties_csv: str, release: str) -> None:
    with open(types_csv, encoding="utf-8") as handle:
        types = {label(row["id"]): row for row in csv.DictReader(handle)}
    with open(properties_csv, encoding="utf-8") as handle:
        properties = {label(row["id"]): row for row in csv.DictReader(handle)}

    def ancestors(name: str) -> list[str]:
        found, todo = [], [name]
        while todo:
            current = todo.pop(0)
            if current in found or current not in types:
                continue
            found.append(current)
            todo += split(types[current]["subTypeOf"])
        return found

    out_types = {}
    used_properties: set[str] = set()
    for name in TYPES:
        chain = ancestors(name)
        names = sorted({p for t in chain for p in split(types[t]["properties"])})
        out_types[name] = {"supertypes": chain[1:], "properties": names}
        used_properties.update(names)
    out_properties = {
        name: {"range": split(properties[name]["rangeIncludes"])}
        for name in sorted(used_properties) if name in properties
    }
    json.dump({
        "source": f"schema.org vocabulary, release {release} (schemaorg-current-https-types.csv and "
                  "-properties.csv); https://schema.org/docs/terms.html",
        "licence": "Creative Commons Attribution-ShareAlike 3.0 (CC BY-SA 3.0), as schema.org publishes its vocabulary",
        "types": out_types,
        "properties": out_properties,
    }, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
