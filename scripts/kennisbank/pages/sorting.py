"""Sorting and filtering the initiatives of a theme's, municipality's or province's page.

The generator lists the cards A-Z by title (listing.sort_by_title) and each card carries its status
and its date of `bijgewerkt` as data attributes (templates/_card.md.j2, on the card's meta line, so
the card stays one text on every page). The list worth sorting (more than one card) is marked with
`data-sorteren` on its wrapper, holding the status choices and their labels from the schema; the
small script assets/lijsten.js then offers "Volgorde" (A-Z, Nieuwste eerst: the most recently
updated first, Status: in the schema's order) and "Status" (Alle or one status, with counts). Without
the script the page is the complete A-Z list. The choice is kept in the address (?sorteer=&status=).
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sized

from markupsafe import Markup, escape

from kennisbank import PACKAGE_DIR
from kennisbank.entries import fields
from kennisbank.entries.collection import Collection

SCRIPT = "assets/lijsten.js"
SCRIPT_SOURCE = PACKAGE_DIR / "assets" / "lijsten.js"
STATUS = "status"


def choices() -> dict[str, object]:
    """What the script offers to filter on: the status values and their labels, in the schema's order."""
    status = fields.by_name()[STATUS]
    return {"status": {"label": status.title, "keuzes": [[str(v), status.label(v)] for v in status.definition.get("enum", [])]}}


def marker(items: Sized) -> Markup:
    """The value of the list wrapper's data-sorteren attribute; empty (no controls) for fewer than two cards."""
    if len(items) < 2:
        return Markup("")
    return Markup(escape(json.dumps(choices(), ensure_ascii=False)))


def script(items: Sized) -> dict[str, str]:
    """The front-matter key that loads the script, on a page whose list is marked."""
    return {"kb_script": SCRIPT} if len(items) > 1 else {}


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:  # one signature for every writer: this one needs nothing of it
    """The script of the list pages."""
    yield SCRIPT, SCRIPT_SOURCE.read_bytes()
