"""The filter box of the Gemeenten page: its script (assets/gemeenten.js) and the names it matches.

The page lists every municipality by its common name; the box also finds one by any other name the
check knows (the CBS name, aliases such as Den Bosch, names merged away since 2013), which the page
carries once, as JSON in the box's data-namen attribute, keyed by the municipality's page name.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from markupsafe import Markup, escape

from kennisbank import PACKAGE_DIR
from kennisbank.entries import places
from kennisbank.entries.collection import Collection

SCRIPT = "assets/gemeenten.js"
SCRIPT_SOURCE = PACKAGE_DIR / "assets" / "gemeenten.js"


def other_names() -> dict[str, list[str]]:
    """Per municipality (its slug), the names besides the one the list shows."""
    aliases, former = places.aliassen(), places.former_names()
    found = {}
    for gemeente in places.gemeenten():
        names = dict.fromkeys((gemeente.naam, *aliases.get(gemeente.code, ()), *former.get(gemeente.code, ())))
        names.pop(gemeente.naam_gangbaar, None)
        if names:
            found[gemeente.slug] = list(names)
    return found


def names() -> Markup:
    """The data-namen attribute's value, escaped for HTML."""
    return Markup(escape(json.dumps(other_names(), ensure_ascii=False, separators=(",", ":"))))


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:  # one signature for every writer: this one needs nothing of it
    """The Gemeenten page's script."""
    yield SCRIPT, SCRIPT_SOURCE.read_bytes()
