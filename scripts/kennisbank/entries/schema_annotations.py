"""The `x-` annotations of the entry schemas, checked against a meta-schema of their own.

The annotations steer pages, exports and forms (entries/fields.py). They are read with plain
dictionary look-ups, so a typo (`x-rendr`, or `x-render: badgee`) would silently fall back to the
default; `schema/annotaties.schema.json` lists every key and value that the code understands, and
check and build refuse a schema that uses another, naming the property, the key and the choices.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from kennisbank import PACKAGE_DIR
from kennisbank.entries import kinds, schema

META_SCHEMA_PATH = PACKAGE_DIR / "schema" / "annotaties.schema.json"


@cache
def meta_schema() -> dict[str, Any]:
    return json.loads(META_SCHEMA_PATH.read_text(encoding="utf-8"))


def is_unknown_key(error: jsonschema.ValidationError) -> bool:
    """A key refused by the meta-schema's propertyNames (an x- key it does not list)."""
    return "propertyNames" in error.relative_schema_path


def where(error: jsonschema.ValidationError) -> str:
    """'eigenschap website' or 'eigenschap bronnen > url' for the path of an error (the schema itself: 'het schema')."""
    path = [str(part) for part in error.absolute_path]
    names = [part for index, part in enumerate(path) if index and path[index - 1] == "properties"]
    return f"eigenschap {' > '.join(names)}" if names else "het schema"


def describe(error: jsonschema.ValidationError) -> str:
    if is_unknown_key(error):
        allowed = [str(key) for key in error.schema["anyOf"][1]["enum"]]
        hint = schema.suggestion(error.instance, allowed)
        return f"{where(error)}: onbekende annotatie '{error.instance}'{hint} Toegestaan zijn: {', '.join(allowed)}"
    key = next((str(part) for part in reversed(error.absolute_path) if str(part).startswith("x-")), None)
    if error.validator == "enum":
        choices = [str(choice) for choice in error.validator_value]
        hint = schema.suggestion(error.instance, choices)
        return f"{where(error)}: {key}: onbekende waarde {schema.quote(error.instance)}{hint} Kies uit: {', '.join(choices)}"
    return f"{where(error)}: {key or '?'}: {error.message}"


def problems(checked: dict[str, Any], name: str) -> list[str]:
    """Every problem of the annotations in one schema (named `name` in the messages): unknown keys
    first, then unknown values, each in the schema's order of properties (jsonschema's own order is not that)."""
    order = list(dict(checked.get("properties", {})))

    def position(error: jsonschema.ValidationError) -> tuple[bool, int, str]:
        path = [str(part) for part in error.absolute_path]
        top = path[1] if len(path) > 1 and path[0] == "properties" else ""
        return (not is_unknown_key(error), order.index(top) if top in order else -1, "/".join(path))

    found = sorted(jsonschema.Draft202012Validator(meta_schema()).iter_errors(checked), key=position)
    return [f"{name}: {describe(error)}" for error in found]


def schema_problems(schema_dir: Path = kinds.SCHEMA_DIR) -> list[str]:
    """The problems of the annotations of every kind's schema (each schema that declares x-soort,
    initiatives and meetings first); empty when every annotation is known."""
    paths = [kind.schema_path for kind in kinds.builtin().values()]
    paths += [path for path in sorted(schema_dir.glob(f"*{kinds.SCHEMA_SUFFIX}")) if path not in paths and "x-soort" in kinds.read_schema(path)]
    return [problem for path in paths for problem in problems(kinds.read_schema(path), path.name)]
