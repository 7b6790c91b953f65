"""JSON and CSV of a kind of entry that has no export code of its own, from its declaration alone.

The JSON file wraps the records as initiatieven.json does (licence, source, newest `bijgewerkt`,
count); the CSV follows the conventions of initiatieven.csv (csvexport: UTF-8 with BOM, ';' between
cells, ' | ' between list items, an apostrophe before a cell a spreadsheet would read as a formula).
Columns and keys are the schema's properties in its order, then the entry's address and source file.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from kennisbank import urls
from kennisbank.entries.collection import Collection
from kennisbank.entries.entry_check import Entry
from kennisbank.entries.kinds import Kind
from kennisbank.exports import csvexport, jsonexport, records
from kennisbank.site_config import SiteConfig


def record(kind: Kind, entry: Entry, config: SiteConfig) -> dict[str, Any]:
    """One entry as its schema names it: every property (None when empty), then slug, url and bron."""
    values = {name: entry.values.get(name) for name in kind.properties()}
    return {
        "slug": entry.slug, **values,
        "url": urls.absolute(config.site_url, urls.entry_page(kind.pages, entry.slug)),
        "bron": f"{config.repo_url}/blob/{config.branch}/{entry.source}",
    }


def json_document(kind: Kind, items: list[dict[str, Any]], config: SiteConfig) -> str:
    return jsonexport.dumps({
        "titel": f"{config.site_name}: alle {kind.plural}",
        "licentie": records.LICENSE_NAME,
        "licentie_url": records.LICENSE_URL,
        "bron": config.site_url,
        "bijgewerkt": max((str(item["bijgewerkt"]) for item in items if item.get("bijgewerkt")), default=None),
        "aantal": len(items),
        kind.plural: items,
    })


def cell(value: object) -> str:
    """A value as one CSV cell: a list joined by ' | ', an object as 'key: value' pairs."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return csvexport.LIST_SEPARATOR.join(cell(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {cell(item)}" for key, item in value.items())
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def csv_document(items: list[dict[str, Any]], columns: list[str]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=csvexport.DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([csvexport.neutralise(cell(item.get(column))) for column in columns] for item in items)
    return (csvexport.BOM + buffer.getvalue()).encode("utf-8")


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:
    """The JSON and CSV of every kind without code of its own."""
    for kind, entries in collection.others:
        yield from files(kind, list(entries), collection.config)


def files(kind: Kind, entries: list[Entry], config: SiteConfig) -> Iterator[tuple[str, str | bytes]]:
    """The data files the kind's declaration asks for ("json", "csv" in its uitvoer)."""
    items = [record(kind, entry, config) for entry in sorted(entries, key=lambda e: e.slug)]
    if "json" in kind.outputs:
        yield urls.kind_data(kind.pages, "json"), json_document(kind, items, config)
    if "csv" in kind.outputs:
        yield urls.kind_data(kind.pages, "csv"), csv_document(items, ["slug", *kind.properties(), "url", "bron"])
