"""JSON Schema of initiatieven.json, derived from the input schema wherever a field is passed on as is.

Fields copied from an initiative file keep the input schema's title, description and rules
(minus the x- hints meant for the form), so the two schemas cannot drift apart. Only fields the
export adds or reshapes (canonical places, theme objects, URLs) are described here.
"""
from __future__ import annotations

import copy
from typing import Any

from kennisbank.entries import fields, schema
from kennisbank.entries.fields import Field
from kennisbank.site_config import SiteConfig

SCHEMA_FILE = "initiatieven.schema.json"
INPUT_SCHEMA_FILE = "initiatief.schema.json"
URL = {"type": "string", "format": "uri", "pattern": "^https?://"}


def without_hints(definition: Any) -> Any:
    """A schema node without x- keys and examples, at every depth (items of a list of objects too)."""
    if isinstance(definition, dict):
        return {key: without_hints(value) for key, value in definition.items() if not key.startswith("x-") and key != "examples"}
    if isinstance(definition, list):
        return [without_hints(value) for value in definition]
    return definition


def copied(name: str) -> dict[str, Any]:
    """An input property without the form-only x- keys and examples."""
    return without_hints(copy.deepcopy(schema.properties()[name]))


def nullable(definition: dict[str, Any]) -> dict[str, Any]:
    """An optional field is present with null when the author left it out."""
    rules = {k: v for k, v in definition.items() if k not in ("title", "description")}
    return {key: definition[key] for key in ("title", "description") if key in definition} | {"anyOf": [rules, {"type": "null"}]}


def labelled(name: str) -> dict[str, Any]:
    """The display label of an enumerated input field, e.g. 'Lopend' for 'lopend'."""
    source = schema.properties()[name]
    return {
        "title": f"{source['title']} (weergave)",
        "description": f"Hoe de site '{source['title'].lower()}' toont.",
        "type": "string",
        "enum": sorted(set(source.get("x-labels", {}).values())),
    }


def place_object(kind: str, required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "title": kind, "additionalProperties": False, "required": required, "properties": properties}


def derived_properties() -> dict[str, Any]:
    """Fields that the export adds or reshapes; titles of reshaped input fields come from the input schema."""
    inputs = schema.properties()
    gemeente = place_object("Gemeente", ["code", "naam", "naam_officieel", "slug", "provincie_code", "lat", "lon", "url"], {
        "code": {"type": "string", "pattern": "^GM[0-9]{4}$", "description": "CBS-code van de gemeente."},
        "naam": {"type": "string", "description": "Gangbare naam, zoals op de site (Den Haag)."},
        "naam_officieel": {"type": "string", "description": "Officiële CBS-naam ('s-Gravenhage)."},
        "slug": {"type": "string", "pattern": "^[a-z0-9-]+$", "description": "Deel van het webadres van de gemeentepagina."},
        "provincie_code": {"type": "string", "pattern": "^PV[0-9]{2}$", "description": "CBS-code van de provincie."},
        "lat": {"type": "number", "minimum": 50, "maximum": 54, "description": "Breedtegraad (WGS84) van een punt binnen de gemeente."},
        "lon": {"type": "number", "minimum": 3, "maximum": 8, "description": "Lengtegraad (WGS84) van een punt binnen de gemeente."},
        "url": URL | {"description": "Adres van de gemeentepagina."},
    })
    provincie = place_object("Provincie", ["code", "naam", "slug", "url"], {
        "code": {"type": "string", "pattern": "^PV[0-9]{2}$", "description": "CBS-code van de provincie."},
        "naam": {"type": "string", "description": "Officiële naam (Fryslân)."},
        "slug": {"type": "string", "pattern": "^[a-z0-9-]+$"},
        "url": URL | {"description": "Adres van de provinciepagina."},
    })
    thema = place_object("Thema", ["slug", "label", "url"], {
        "slug": {"type": "string", "pattern": "^[a-z0-9-]+$", "description": "Vaste code van het thema."},
        "label": {"type": "string", "description": "Naam van het thema zoals op de site."},
        "url": URL | {"description": "Adres van de themapagina."},
    })
    return {
        "slug": {"title": "Slug", "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$",
                 "description": "Vaste sleutel van het initiatief: de bestandsnaam zonder .md."},
        "landelijk": {"title": "Landelijk", "type": "boolean",
                      "description": "Waar als het initiatief landelijk is; dan is de lijst gemeenten leeg."},
        "gemeenten": {"title": inputs["gemeente"]["title"], "type": "array", "uniqueItems": True, "items": gemeente,
                      "description": "De gemeenten waar het initiatief loopt, met hun CBS-code en gangbare naam (leeg bij landelijk)."},
        "provincies": {"title": "Provincies", "type": "array", "uniqueItems": True, "items": provincie,
                       "description": "De provincies van die gemeenten (leeg bij landelijk)."},
        "themas": {"title": inputs["themas"]["title"], "type": "array", "minItems": inputs["themas"]["minItems"],
                   "maxItems": inputs["themas"]["maxItems"], "items": thema,
                   "description": "De thema's, met vaste code en naam."},
        "url": URL | {"title": "Pagina", "description": "Adres van de pagina van het initiatief op de site."},
        "bron": {"title": "Bronbestand", "type": "string", "pattern": "^initiatives/.+\\.md$",
                 "description": "Pad van het bestand in de repository waaruit het initiatief komt."},
        "bron_url": URL | {"title": "Bronbestand (webadres)", "description": "Het bronbestand in de repository."},
        "tekst": {"title": "Tekst", "type": "string",
                  "description": "De vrije tekst onder de velden, in Markdown zoals geschreven (niet in de CSV)."},
    }


def field_properties(field: Field, derived: dict[str, Any]) -> dict[str, Any]:
    """The export keys of one schema field, in the order records.field_values writes them."""
    if field.kind == "gemeente":
        return {name: derived[name] for name in ("landelijk", "gemeenten", "provincies")}
    if field.kind == "thema":
        return {field.name: derived[field.name]}
    optional = not field.required and not field.is_list
    definition = copied(field.name)
    if field.is_list and not field.required:
        definition.pop("minItems", None)  # an optional list the author left out is exported as []
    found = {field.name: nullable(definition) if optional else definition}
    if field.labels:
        label = labelled(field.name)
        found[f"{field.name}_label"] = nullable(label) if optional else label
    return found


def initiative_schema() -> dict[str, Any]:
    """The schema of one record; every field is required (null when empty), so drift fails validation."""
    derived = derived_properties()
    properties = {"slug": derived["slug"]}
    for field in fields.shown("export"):
        properties |= field_properties(field, derived)
    properties |= {name: derived[name] for name in ("url", "bron", "bron_url", "tekst")}
    return {"type": "object", "additionalProperties": False, "required": list(properties), "properties": properties}


def export_schema(config: SiteConfig) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": config.site_url + SCHEMA_FILE,
        "title": "Initiatieven van de kennisbank (open data)",
        "description": "Alle initiatieven van de kennisbank, genormaliseerd: vaste codes voor gemeenten, provincies en thema's, "
                       f"en webadressen van hun pagina's. Velden die een auteur invult, volgen het invoerschema {INPUT_SCHEMA_FILE}.",
        "type": "object",
        "additionalProperties": False,
        "required": ["titel", "licentie", "licentie_url", "bron", "bijgewerkt", "aantal", "initiatieven"],
        "properties": {
            "$schema": URL,
            "titel": {"type": "string"},
            "licentie": {"type": "string", "description": "Licentie van de inhoud."},
            "licentie_url": URL,
            "bron": URL | {"description": "De site waar de gegevens vandaan komen."},
            "bijgewerkt": {"type": ["string", "null"], "format": "date",
                           "description": "De jongste datum 'bijgewerkt' van alle initiatieven."},
            "aantal": {"type": "integer", "minimum": 0, "description": "Het aantal initiatieven."},
            "initiatieven": {"type": "array", "items": {"$ref": "#/$defs/initiatief"}},
        },
        "$defs": {"initiatief": initiative_schema()},
    }
