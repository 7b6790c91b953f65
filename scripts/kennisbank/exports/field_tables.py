"""Field lists for the open-data page, read from the input schema and the export schema (never restated)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kennisbank.entries import schema

TYPES = {"string": "tekst", "integer": "geheel getal", "number": "getal", "boolean": "waar of onwaar", "object": "object", "null": "leeg"}
FORMATS = {"uri": "webadres", "date": "datum (JJJJ-MM-DD)"}


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    description: str
    kind: str  # the type in plain Dutch
    required: bool


def kind(definition: dict[str, Any]) -> str:
    """'tekst', 'lijst van tekst', 'één van: idee, lopend', 'geheel getal of leeg', ... for one schema node."""
    if "enum" in definition:
        return "één van: " + ", ".join(str(value) for value in definition["enum"])
    for combinator in ("oneOf", "anyOf"):
        if combinator in definition:
            return " of ".join(dict.fromkeys(kind(option) for option in definition[combinator]))
    name = definition.get("type")
    if isinstance(name, list):
        return " of ".join(TYPES.get(str(n), str(n)) for n in name)
    if name == "array":
        items = definition.get("items", {})
        inner = items.get("title", "").lower() if items.get("type") == "object" else kind(items)
        return f"lijst van {inner or 'waarden'}"
    if definition.get("format") in FORMATS:
        return FORMATS[definition["format"]]
    return TYPES.get(str(name), str(name or "waarde"))


def from_properties(properties: dict[str, Any], required: list[str]) -> list[Field]:
    return [Field(name, d.get("title", name), d.get("description", ""), kind(d), name in required) for name, d in properties.items()]


def input_fields() -> list[Field]:
    return from_properties(schema.properties(), schema.required())


def export_fields(export_schema: dict[str, Any]) -> list[Field]:
    definition = export_schema["$defs"]["initiatief"]
    return from_properties(definition["properties"], definition["required"])
