"""initiatieven.csv: one row per initiative, for spreadsheets (Dutch Excel first) and any CSV reader.

Dutch Excel expects ';' between fields and needs a byte order mark to read UTF-8; CRLF line ends
and quoting follow RFC 4180, so other readers cope too. Lists are joined with ' | ', because
commas occur inside names. A cell that a spreadsheet would run as a formula (one starting with
= + - @, tab or carriage return or a full-width look-alike, possibly after apostrophes, spaces or
invisible characters such as U+FEFF and U+200B) gets one extra leading apostrophe;
`restore` takes it off again, so the text stays recoverable exactly.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

from kennisbank.entries import fields
from kennisbank.entries.fields import Field

FILE = "initiatieven.csv"
BOM = "\ufeff"
DELIMITER = ";"
LIST_SEPARATOR = " | "
# A formula start, possibly behind apostrophes, spaces or invisible characters (a byte order mark, a
# zero-width space), in its ASCII form or as a full-width, small or mathematical look-alike that
# some spreadsheets read the same way. Prefixing an apostrophe keeps the match, so restore can tell.
LEAD = "'\\s\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
STARTERS = "=+\\-@\\t\\r\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212"
FORMULA_START = re.compile(f"^[{LEAD}]*[{STARTERS}]")


def joined(key: str, field: str | None = None) -> Callable[[dict[str, Any]], str]:
    """A column that joins a list of the record (or one field of each object in it)."""
    def cell(item: dict[str, Any]) -> str:
        return LIST_SEPARATOR.join(str(value[field]) if field else str(value) for value in item[key])
    return cell


def objects(field: Field) -> Callable[[dict[str, Any]], str]:
    """A column for a list of objects ({soort, tekst}): 'Wat werkte: tekst | Valkuil: tekst'.

    Each object's values in the schema's order, enumerated ones by their label, joined by ': '.
    """
    subfields = field.item_fields

    def cell(item: dict[str, Any]) -> str:
        return LIST_SEPARATOR.join(
            ": ".join(sub.label(entry[name]) for name, sub in subfields.items() if entry.get(name) is not None)
            for entry in item[field.name]
        )
    return cell


def plain(key: str) -> Callable[[dict[str, Any]], str]:
    def cell(item: dict[str, Any]) -> str:
        value = item[key]
        if value is None:
            return ""
        if isinstance(value, bool):
            return "ja" if value else "nee"
        return str(value)
    return cell


def field_columns(field: Field) -> list[tuple[str, Callable[[dict[str, Any]], str]]]:
    """The columns of one schema field; places and themes as names and as codes, in separate columns."""
    if field.kind == "gemeente":
        return [("landelijk", plain("landelijk")), ("gemeenten", joined("gemeenten", "naam")), ("gemeente_codes", joined("gemeenten", "code")),
                ("provincies", joined("provincies", "naam")), ("provincie_codes", joined("provincies", "code"))]
    if field.kind == "thema":
        return [(field.name, joined(field.name, "label")), ("thema_slugs", joined(field.name, "slug"))]
    if field.is_list and field.item_properties:
        # x-csv names the one key a cell shows (a source by its address); else every value.
        key = field.definition.get("x-csv")
        return [(field.name, joined(field.name, str(key)) if key else objects(field))]
    if field.is_list:
        return [(field.name, joined(field.name))]
    return [(field.name, plain(field.name))]


def columns() -> list[tuple[str, Callable[[dict[str, Any]], str]]]:
    """(header, cell) in the order of the JSON record; the Markdown text is left out: too long for a cell."""
    found: list[tuple[str, Callable[[dict[str, Any]], str]]] = [("slug", plain("slug"))]
    for field in fields.shown("export"):
        found += field_columns(field)
    return found + [("url", plain("url")), ("bron", plain("bron"))]


def neutralise(text: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula: one leading apostrophe, shown by no one."""
    return "'" + text if FORMULA_START.match(text) else text


def restore(text: str) -> str:
    """The cell's original text (the inverse of neutralise)."""
    return text[1:] if text.startswith("'") and FORMULA_START.match(text[1:]) else text


def rows(items: list[dict[str, Any]]) -> list[list[str]]:
    table = columns()
    return [[header for header, _ in table]] + [[neutralise(cell(item)) for _, cell in table] for item in items]


def render(items: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows(rows(items))
    return (BOM + buffer.getvalue()).encode("utf-8")
