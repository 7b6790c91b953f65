"""The `x-` annotations of the entry schemas, checked against a meta-schema of their own.

The annotations steer pages, exports and forms (entries/fields.py). They are read with plain
dictionary look-ups, so a typo (`x-rendr`, or `x-render: badgee`) would silently fall back to the
default; `schema/annotaties.schema.json` lists every key and value that the code understands, and
check and build refuse a schema that uses another, naming the property, the key and the choices.
"""
from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema

from kennisbank import PACKAGE_DIR
from kennisbank.entries import meetings, schema

META_SCHEMA_PATH = PACKAGE_DIR / "schema" / "annotaties.schema.json"


@cache
def meta_schema() -> dict[str, Any]:
    return json.loads(META_SCHEMA_PATH.read_text(encoding="utf-8"))


def known_keys(error: jsonschema.ValidationError) -> list[str]:
    """The x- keys the meta-schema allows where this propertyNames error was found."""
    options = error.schema.get("anyOf", [{}, {}])[1] if isinstance(error.schema, dict) else {}
    return list(options.get("enum", []))


def where(error: jsonschema.ValidationError) -> str:
    """'eigenschap website' or 'eigenschap bronnen > url' for the path of an error (the schema itself: 'het schema')."""
    path = [str(part) for part in error.absolute_path]
    names = [part for index, part in enumerate(path) if index and path[index - 1] == "properties"]
    return f"eigenschap {' > '.join(names)}" if names else "het schema"


def describe(error: jsonschema.ValidationError) -> str:
    if error.validator == "propertyNames" or (error.validator == "anyOf" and "propertyNames" in error.relative_schema_path):
        return ""
    key = next((str(part) for part in reversed(error.absolute_path) if str(part).startswith("x-")), None)
    if error.validator == "enum":
        choices = ", ".join(str(choice) for choice in error.validator_value)
        return f"{where(error)}: {key}: onbekende waarde {schema.quote(error.instance)}{schema.suggestion(error.instance, [str(c) for c in error.validator_value])} Kies uit: {choices}"
    return f"{where(error)}: {key or '?'}: {error.message}"


def unknown_key_messages(rule: Any, path: str, allowed: list[str]) -> list[str]:
    """Unknown x- keys, found by walking the schema like the meta-schema does (with a suggestion)."""
    if not isinstance(rule, dict):
        return []
    found = []
    for key in rule:
        if isinstance(key, str) and key.startswith("x-") and key not in allowed:
            hint = schema.suggestion(key, allowed)
            found.append(f"{path}: onbekende annotatie '{key}'{hint} Toegestaan zijn: {', '.join(allowed)}")
    return found


def problems(checked: dict[str, Any], name: str) -> list[str]:
    """Every problem of the annotations in one schema (named `name` in the messages), in order."""
    meta = meta_schema()
    property_keys = list(meta["$defs"]["property"]["propertyNames"]["anyOf"][1]["enum"])
    top_keys = list(meta["propertyNames"]["anyOf"][1]["enum"])
    found = unknown_key_messages(checked, "het schema", top_keys)

    def walk(rule: Any, label: str) -> None:
        if not isinstance(rule, dict):
            return
        found.extend(unknown_key_messages(rule, label, property_keys))
        for key, sub in dict(rule.get("properties", {})).items():
            walk(sub, f"{label} > {key}" if label.startswith("eigenschap") else f"eigenschap {key}")
        if isinstance(rule.get("items"), dict):
            walk(rule["items"], label)
        for option in rule.get("oneOf", []) if isinstance(rule.get("oneOf"), list) else []:
            walk(option, label)

    for key, sub in dict(checked.get("properties", {})).items():
        walk(sub, f"eigenschap {key}")
    validator = jsonschema.Draft202012Validator(meta)
    order = list(dict(checked.get("properties", {})))

    def position(error: jsonschema.ValidationError) -> tuple[int, str]:
        """Messages in the schema's order of properties (jsonschema's own order is not that)."""
        path = [str(part) for part in error.absolute_path]
        top = path[1] if len(path) > 1 and path[0] == "properties" else ""
        return (order.index(top) if top in order else -1, "/".join(path))

    found.extend(text for text in (describe(e) for e in sorted(validator.iter_errors(checked), key=position)) if text)
    return [f"{name}: {text}" for text in found]


def schema_problems() -> list[str]:
    """The problems of both entry schemas' annotations; empty when every annotation is known."""
    return problems(schema.schema(), schema.SCHEMA_PATH.name) + problems(meetings.meeting_schema(), meetings.SCHEMA_PATH.name)
