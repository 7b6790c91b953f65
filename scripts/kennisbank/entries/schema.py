"""The initiative schema (declared once in schema/initiatief.schema.json) and its Dutch messages."""
from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import fastjsonschema
import jsonschema

from kennisbank import PACKAGE_DIR

SCHEMA_PATH = PACKAGE_DIR / "schema" / "initiatief.schema.json"
MESSAGES_PATH = PACKAGE_DIR / "schema" / "meldingen.json"


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def messages() -> dict[str, Any]:
    return json.loads(MESSAGES_PATH.read_text(encoding="utf-8"))


def properties() -> dict[str, dict[str, Any]]:
    return schema()["properties"]


def required() -> list[str]:
    return schema()["required"]


@cache
def property_validator(name: str) -> jsonschema.protocols.Validator:
    """A validator for one property's subschema, so every error maps to its field."""
    validator_class = jsonschema.validators.validator_for(schema())
    return validator_class(properties()[name])


def quote(value: object) -> str:
    """Show a value as the submitter wrote it: text in single quotes, others as YAML would."""
    if isinstance(value, str):
        return f"'{value}'"
    if value is None:
        return "(leeg)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def suggestion(value: object, choices: list[str]) -> str:
    """"; bedoelde u 'x'?" for a close match among the choices, else "." to end the sentence."""
    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(value.casefold(), list(folded), n=2, cutoff=0.6) if isinstance(value, str) else []
    if not close:
        return messages()["algemeen"]["geen_suggestie"]
    named = " of ".join(f"'{folded[match]}'" for match in close)
    return messages()["algemeen"]["suggestie"].format(suggestie=named)


def say(template: str, **values: object) -> str:
    return template.format(**{key: str(value) for key, value in values.items()})


def field_template(field_name: str, rule: str) -> str | None:
    return messages()["velden"].get(field_name, {}).get(rule)


def item_error_text(field_name: str, error: jsonschema.ValidationError) -> str | None:
    """Errors inside an item that is an object ({soort, tekst}): prefixed with the item's number.

    None for errors that are not about an object item, which error_text handles as before.
    """
    general = messages()["algemeen"]
    path = list(error.path)
    if len(path) >= 2 and isinstance(path[0], int):
        inner = jsonschema.ValidationError(error.message, validator=error.validator, schema=error.schema,
                                           instance=error.instance, validator_value=error.validator_value)
        return say(general["onderdeel"], nummer=path[0] + 1, veld=path[1], melding=error_text(f"{field_name}.{path[1]}", inner))
    rule = error.schema
    value = error.instance
    if error.validator == "type" and rule.get("type") == "object":
        return say(general["type_item_object"], keuzes=" en ".join(rule.get("properties", {})), waarde=quote(value))
    if len(path) != 1 or not isinstance(value, dict):
        return None
    number = path[0] + 1
    if error.validator == "required":
        missing = [name for name in rule["required"] if name not in value]
        named = re.match(r"^'(.+)' is a required property$", error.message)
        return say(general["onderdeel_verplicht"], nummer=number, veld=named.group(1) if named else missing[0])
    if error.validator == "additionalProperties":
        known = list(rule.get("properties", {}))
        extra = [key for key in value if key not in known]
        return say(general["onderdeel_onbekend"], nummer=number, veld=extra[0], suggestie=suggestion(extra[0], known), keuzes=", ".join(known))
    return None


def error_text(field_name: str, error: jsonschema.ValidationError) -> str:
    """Translate one jsonschema error on a field into the Dutch message from meldingen.json."""
    general = messages()["algemeen"]
    keyword = error.validator
    rule = error.schema
    value = error.instance
    nested = item_error_text(field_name, error)
    if nested is not None:
        return nested
    if keyword == "type":
        if error.path:  # an item inside a list
            return say(general["type_item_string"], waarde=quote(value))
        return say(general[f"type_{rule['type']}"], waarde=quote(value))
    if keyword in ("minLength", "maxLength"):
        if value == "" or (isinstance(value, str) and not value.strip()):
            return general["leeg"]
        low, high = rule.get("minLength"), rule.get("maxLength")
        template = general["lengte"] if low and high else general["lengte_max" if high else "lengte_min"]
        return say(template, min=low, max=high, lengte=len(value))
    if keyword in ("minItems", "maxItems"):
        low, high = rule.get("minItems"), rule.get("maxItems")
        template = general["aantal"] if low and high else general["aantal_max" if high else "aantal_min"]
        return say(template, min=low, max=high, aantal=len(value))
    if keyword == "uniqueItems":
        seen: set[str] = set()
        duplicate = value[0]
        for item in value:
            if repr(item) in seen:
                duplicate = item
                break
            seen.add(repr(item))
        return say(general["dubbel"], waarde=quote(duplicate))
    if keyword == "minimum":
        return say(general["minimum"], min=rule["minimum"], waarde=quote(value))
    if keyword == "enum":
        choices = rule["enum"]
        return say(general["keuze"], waarde=quote(value), suggestie=suggestion(value, choices), keuzes=", ".join(choices))
    if keyword == "pattern":
        template = field_template(field_name, "pattern") or general["keuze"]
        return say(template, waarde=quote(value))
    if keyword == "oneOf":
        if isinstance(value, list):
            return say(general["type_item_string"], waarde=quote(next((v for v in value if not isinstance(v, str) or not v), value)))
        return say(general["type_string"], waarde=quote(value))
    return error.message


@cache
def fast_check() -> Callable[[object], object]:
    """The whole schema compiled to Python: a fast yes/no before the slower, complete report."""
    return fastjsonschema.compile(schema())


def is_valid(values: dict[str, object]) -> bool:
    try:
        fast_check()(values)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def property_errors(field_name: str, value: object) -> list[tuple[int | None, str]]:
    """(item index or None, Dutch message) for every schema violation of one field's value."""
    found = []
    for error in property_validator(field_name).iter_errors(value):
        index = error.path[0] if error.path and isinstance(error.path[0], int) else None
        found.append((index, error_text(field_name, error)))
    return found
