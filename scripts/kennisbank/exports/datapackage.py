"""datapackage.json: a Frictionless Data Package that describes every table the site publishes.

The CSV conventions (';' between cells, a byte order mark, ' | ' between list items, 'ja'/'nee')
were prose only, so a reader had to guess the dialect. Here they are data: a dialect and a Table
Schema per file, derived from the same JSON Schemas as the files themselves (the export schema of
initiatieven.json, each kind's input schema), so a new field reaches the package without an edit.

The JSON files are tables too: their records sit under one key (`initiatieven`, `bijeenkomsten`,
...). Data Package 2.0 names that key `property` with `itemType: object`; frictionless-py 5 still
reads its own older form `json: {property, keyed}`, so the dialect carries both.
A CSV resource carries its size and SHA-256 hash, so a reader (and `frictionless validate`) can tell
it is the file described; the JSON ones do not, because frictionless-py 5 streams JSON without
counting bytes and reports any stated size as a mismatch. A JSON file without records is left out
(frictionless-py cannot read an empty keyed table); the kind's CSV, if it has one, still describes it.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from kennisbank import urls
from kennisbank.entries import kinds
from kennisbank.entries.entry_check import Entry
from kennisbank.entries.kinds import Kind
from kennisbank.exports import csvexport, exportschema, jsonexport, records
from kennisbank.site_config import SiteConfig

FILE = "datapackage.json"
TABLE_TYPES = ("text/csv", "application/json")  # the media types of the data files it describes
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
DIALECT_PROFILE = "https://datapackage.org/profiles/2.0/tabledialect.json"
TABLE_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
LIST_NOTE = f"Meerdere waarden staan in één cel, gescheiden door '{csvexport.LIST_SEPARATOR}'."
STRING: dict[str, Any] = {"type": "string"}
URL: dict[str, Any] = {"type": "string", "format": "uri"}
# Keys that the exports add after an entry's own fields, as JSON Schema.
ADDED: dict[str, dict[str, Any]] = {
    "slug": {"type": "string", "title": "Slug", "description": "Vaste sleutel: de bestandsnaam zonder .md."},
    "url": URL | {"title": "Pagina", "description": "Adres van de pagina op de site."},
    "bron": {"type": "string", "title": "Bronbestand", "description": "Het bestand in de repository waaruit het komt."},
    "bron_url": URL | {"title": "Bronbestand (webadres)"},
    "tekst": {"type": "string", "title": "Tekst", "description": "De vrije tekst onder de velden, in Markdown."},
    "gemeente_codes": {"type": "array", "title": "CBS-codes van de gemeenten"},
    "provincie_codes": {"type": "array", "title": "CBS-codes van de provincies"},
    "thema_slugs": {"type": "array", "title": "Vaste codes van de thema's"},
}


def unwrapped(definition: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The rules of a definition and whether null is allowed (the export's anyOf [rules, null])."""
    options = definition.get("anyOf")
    if isinstance(options, list):
        rules = [option for option in options if option.get("type") != "null"]
        return (rules[0] if len(rules) == 1 else {}), len(rules) < len(options)
    kinds = definition.get("type")
    if isinstance(kinds, list):
        rest = [kind for kind in kinds if kind != "null"]
        return definition | {"type": rest[0] if len(rest) == 1 else None}, "null" in kinds
    return definition, False


def table_type(rules: dict[str, Any], in_csv: bool) -> dict[str, Any]:
    """The Table Schema type of one JSON Schema rule set; in a CSV, lists and objects are text."""
    kind, form = rules.get("type"), rules.get("format")
    if kind in ("array", "object"):
        return {"type": "string"} if in_csv else {"type": kind}
    if kind == "boolean":
        return {"type": "boolean", "trueValues": ["ja"], "falseValues": ["nee"]} if in_csv else {"type": "boolean"}
    if kind in ("integer", "number"):
        limits = {key: rules[key] for key in ("minimum", "maximum") if key in rules}
        return {"type": kind} | ({"constraints": limits} if limits else {})
    if kind == "string" and form in ("date", "date-time"):
        return {"type": "date" if form == "date" else "datetime"}
    if kind == "string" and "enum" in rules:
        return {"type": "string", "constraints": {"enum": list(rules["enum"])}}
    if kind == "string" and form == "uri":
        return {"type": "string", "format": "uri"}
    return {"type": "string"} if kind == "string" or in_csv else {"type": "any"}  # a CSV cell is text at least


def table_field(name: str, definition: dict[str, Any], required: bool, in_csv: bool) -> dict[str, Any]:
    """One column: its name, title, description and type; required when the schema requires a value."""
    rules, nullable = unwrapped(definition)
    field: dict[str, Any] = {"name": name}
    for key in ("title", "description"):
        text = definition.get(key) or rules.get(key)
        if text:
            field[key] = str(text)
    if in_csv and rules.get("type") == "array":
        field["description"] = " ".join(filter(None, [field.get("description"), LIST_NOTE]))
    field |= table_type(rules, in_csv)
    if required and not nullable and rules.get("type") not in ("array", "object"):
        field["constraints"] = field.get("constraints", {}) | {"required": True}
    return field


def table_schema(columns: Iterable[tuple[str, dict[str, Any], bool]], in_csv: bool) -> dict[str, Any]:
    return {
        "$schema": TABLE_PROFILE,
        "fields": [table_field(name, definition, required, in_csv) for name, definition, required in columns],
        "fieldsMatch": "exact",
        "missingValues": [""] if in_csv else [],
        "primaryKey": ["slug"],
    }


def csv_dialect() -> dict[str, Any]:
    return {"$schema": DIALECT_PROFILE, "header": True, "delimiter": csvexport.DELIMITER, "quoteChar": '"',
            "doubleQuote": True, "lineTerminator": "\r\n"}


def json_dialect(key: str) -> dict[str, Any]:
    return {"$schema": DIALECT_PROFILE, "property": key, "itemType": "object", "json": {"property": key, "keyed": True}}


def integrity(content: bytes) -> dict[str, Any]:
    return {"bytes": len(content), "hash": "sha256:" + hashlib.sha256(content).hexdigest()}


def resource(path: str, title: str, content: bytes, columns: list[tuple[str, dict[str, Any], bool]], records_key: str | None) -> dict[str, Any]:
    """One table; `records_key` names the JSON key that holds the records, None for a CSV file."""
    in_csv = records_key is None
    found: dict[str, Any] = {
        "name": path.replace("/", "-").replace(".", "-"),
        "type": "table",
        "path": path,
        "title": title,
        "format": "csv" if in_csv else "json",
        "mediatype": "text/csv" if in_csv else "application/json",
        "encoding": "utf-8",
    } | (integrity(content) if in_csv else {})
    if in_csv:
        found["description"] = (
            "UTF-8 met byte order mark (voor Excel), ';' tussen de cellen. Een cel die een rekenprogramma als formule zou lezen "
            "(begint met = + - @ of een tab), krijgt één apostrof vooraan; haal die weg voor de oorspronkelijke tekst.")
    found["dialect"] = csv_dialect() if in_csv else json_dialect(records_key or "")
    found["schema"] = table_schema(columns, in_csv)
    return found


def initiative_columns(keys: Iterable[str]) -> list[tuple[str, dict[str, Any], bool]]:
    """Columns named by the export schema of initiatieven.json, where every key is present (null when empty)."""
    defined = exportschema.initiative_schema()["properties"]
    return [(key, defined.get(key) or ADDED[key], True) for key in keys]


def kind_columns(kind: Kind, properties: dict[str, dict[str, Any]] | None = None) -> list[tuple[str, dict[str, Any], bool]]:
    """A kind's records: slug, its schema's properties in order, then its page and source file."""
    defined = properties if properties is not None else kind.properties()
    required = set(kind.required())
    return ([("slug", ADDED["slug"], True)] + [(name, definition, name in required) for name, definition in defined.items()]
            + [("url", ADDED["url"], True), ("bron", ADDED["bron"], True)])


def meeting_columns() -> list[tuple[str, dict[str, Any], bool]]:
    """bijeenkomsten.json's records (exports.meetings_json.record): places reshaped, moments and addresses added."""
    place = {"type": "object"}
    required = set(kinds.meetings().required())
    columns: list[tuple[str, dict[str, Any], bool]] = [("slug", ADDED["slug"], True)]
    for name, definition in kinds.meetings().properties().items():
        if name == "gemeente":  # an online meeting has no place: never required here
            columns += [("gemeente", place | {"title": "Gemeente"}, False), ("provincie", place | {"title": "Provincie"}, False)]
        else:
            columns.append((name, definition, name in required))
    moment = {"type": "string", "format": "date-time"}
    return columns + [("start", moment | {"title": "Begin, met tijdzone"}, True), ("einde", moment | {"title": "Einde, met tijdzone"}, True),
                      ("url", ADDED["url"], True), ("ics_url", URL | {"title": "Agendabestand"}, True),
                      ("bron", ADDED["bron"], True), ("bron_url", ADDED["bron_url"], True), ("tekst", ADDED["tekst"], False)]


def as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def has_records(content: bytes, key: str) -> bool:
    return bool(json.loads(content).get(key))


def resources(produced: dict[str, bytes], others: Sequence[Kind]) -> list[dict[str, Any]]:
    """A resource for each table the build wrote, in the order of the open-data page."""
    found = []
    if jsonexport.FILE in produced and has_records(produced[jsonexport.FILE], "initiatieven"):
        keys = list(exportschema.initiative_schema()["properties"])
        found.append(resource(jsonexport.FILE, "Alle initiatieven (JSON)", produced[jsonexport.FILE], initiative_columns(keys), "initiatieven"))
    if csvexport.FILE in produced:
        headers = [header for header, _ in csvexport.columns()]
        found.append(resource(csvexport.FILE, "Alle initiatieven (CSV)", produced[csvexport.FILE], initiative_columns(headers), None))
    if urls.MEETINGS_DATA in produced and has_records(produced[urls.MEETINGS_DATA], "bijeenkomsten"):
        found.append(resource(urls.MEETINGS_DATA, "Alle bijeenkomsten (JSON)", produced[urls.MEETINGS_DATA], meeting_columns(), "bijeenkomsten"))
    for kind in others:
        for extension, key in (("json", kind.plural), ("csv", None)):
            path = urls.kind_data(kind.pages, extension)
            if path in produced and (key is None or has_records(produced[path], key)):
                title = f"Alle {kind.plural} ({extension.upper()})"
                found.append(resource(path, title, produced[path], kind_columns(kind), key))
    return found


def document(config: SiteConfig, produced: Iterable[tuple[str, str | bytes]], others: Sequence[Kind]) -> str:
    files = {path: as_bytes(content) for path, content in produced}
    package = {
        "$schema": PROFILE,
        "name": "kennisbank-maatschappelijke-initiatieven",
        "title": config.site_name,
        "description": "De tabellen van de kennisbank als open data: per bestand het formaat, de kolommen en hun soort waarde.",
        "homepage": config.site_url,
        "licenses": [{"name": "CC-BY-4.0", "path": records.LICENSE_URL, "title": records.LICENSE_NAME}],
        "resources": resources(files, others),
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


def write(config: SiteConfig, produced: Iterable[tuple[str, str | bytes]], others: Sequence[tuple[Kind, Sequence[Entry]]]) -> tuple[str, str]:
    """The package, made last: it describes (and hashes) the files the other writers made."""
    return FILE, document(config, produced, [kind for kind, _ in others])
