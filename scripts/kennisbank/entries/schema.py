"""The initiative schema (declared once in schema/initiatief.schema.json) and its Dutch messages."""
from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import fastjsonschema
import jsonschema

from kennisbank import PACKAGE_DIR
from kennisbank.entries import web_address

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


def whole_value(rule: Any) -> Any:
    """A copy of a schema (or subschema) whose patterns must match the whole value.

    JSON Schema patterns are searched, and Python's `$` also matches before a final newline, so
    '^...$' let "2026-05-01\\n" through. The schema file keeps the plain patterns, which the web
    form's JavaScript (where `$` has no such exception) reads as they are; Python validates with
    these anchored copies.
    """
    if isinstance(rule, list):
        return [whole_value(item) for item in rule]
    if not isinstance(rule, dict):
        return rule
    anchored: dict[str, Any] = {}
    for key, value in rule.items():
        if key == "pattern" and isinstance(value, str):
            anchored[key] = rf"\A(?:{value})\Z"
        elif key in ("properties", "$defs", "patternProperties"):
            anchored[key] = {name: whole_value(sub) for name, sub in value.items()}  # names, not keywords
        elif key.startswith("x-") or key in ("examples", "enum", "const", "default"):
            anchored[key] = copy.deepcopy(value)  # data, not rules
        else:
            anchored[key] = whole_value(value)
    return anchored


def validator(rule: dict[str, Any], root: dict[str, Any] | None = None) -> jsonschema.protocols.Validator:
    """A jsonschema validator for a (sub)schema of `root` (default: the initiative schema), patterns anchored."""
    validator_class = jsonschema.validators.validator_for(root if root is not None else schema())
    return validator_class(whole_value(rule))


@cache
def property_validator(name: str) -> jsonschema.protocols.Validator:
    """A validator for one property's subschema, so every error maps to its field."""
    return validator(properties()[name])


def quote(value: object) -> str:
    """Show a value as the submitter wrote it: text in single quotes, others as YAML would."""
    if isinstance(value, str):
        return f"'{visible(value)}'"
    if value is None:
        return "(leeg)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


QUOTED_MAX = 100


def visible(text: str) -> str:
    """Text for a one-line message: invisible and control characters written as escapes, long text cut.

    A message quotes what the submitter wrote; a newline in it would break the 'path:line: veld:
    melding' line, and a right-to-left override would turn the rest of the message around.
    """
    shown = text if len(text) <= QUOTED_MAX else text[:QUOTED_MAX] + "…"
    return "".join(
        char if char.isprintable() or char == " " else (r"\n" if char == "\n" else f"\\u{ord(char):04X}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08X}")
        for char in shown
    )


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


def error_text(field_name: str, error: jsonschema.ValidationError) -> str:
    """Translate one jsonschema error on a field into the Dutch message from meldingen.json."""
    if error.path and isinstance(error.path[0], int) and object_items(field_name):
        return item_error_text(field_name, error)
    return keyword_text(field_name, str(error.validator), error.schema, error.instance, bool(error.path), error.message)


def object_items(field_name: str) -> dict[str, Any] | None:
    """The item rule of a list of objects (such as the sources), else None."""
    items = properties().get(field_name, {}).get("items", {})
    return items if items.get("type") == "object" else None


def item_error_text(field_name: str, error: jsonschema.ValidationError) -> str:
    """An error inside one object of a list: 'bron 2, url: geen geldig webadres ...'."""
    general = messages()["algemeen"]
    own = messages()["velden"].get(field_name, {})
    item_rule = object_items(field_name) or {}
    item = say(own.get("onderdeel", "{nummer}"), nummer=error.path[0] + 1)
    keyword = error.validator
    if len(error.path) > 1:  # a key inside the object
        key = str(error.path[1])
        text = keyword_text(f"{field_name}.{key}", str(keyword), error.schema, error.instance, False, error.message)
        return f"{item}, {key}: {text}"
    if keyword == "type":
        return f"{item}: {say(own.get('object', general['type_string']), waarde=quote(error.instance))}"
    if keyword == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        return f"{item}, {missing[0] if missing else '?'}: {general['verplicht']}"
    if keyword == "additionalProperties":
        allowed = list(item_rule.get("properties", {}))
        unknown = [key for key in error.instance if key not in allowed]
        key = str(unknown[0]) if unknown else "?"
        hint = suggestion(key, allowed)
        return f"{item}: {say(general['onbekend_veld'], veld=key, suggestie=hint, keuzes=', '.join(allowed))}"
    return f"{item}: {error.message}"


def keyword_text(field_name: str, keyword: str, rule: Any, value: Any, in_list: bool, fallback: str) -> str:
    """The Dutch message for one failed keyword of a field's rule."""
    general = messages()["algemeen"]
    if keyword == "type":
        if in_list:  # an item inside a list
            return say(general["type_item_string"], waarde=quote(value))
        return say(field_template(field_name, "type") or general[f"type_{rule['type']}"], waarde=quote(value))
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
        if isinstance(duplicate, dict) and "url" in duplicate:
            duplicate = duplicate["url"]  # a source is known by its address
        return say(general["dubbel"], waarde=quote(duplicate))
    if keyword == "minimum":
        return say(general["minimum"], min=rule["minimum"], waarde=quote(value))
    if keyword == "enum":
        choices = rule["enum"]
        return say(general["keuze"], waarde=quote(value), suggestie=suggestion(value, choices), keuzes=", ".join(choices))
    if keyword == "pattern":
        proposal = web_address.completed(value, rule["pattern"])
        if proposal:  # only the scheme is missing: propose the whole address
            return say(messages()["webadres"]["zonder_schema"], waarde=quote(value), voorstel=quote(proposal))
        template = field_template(field_name, "pattern") or general["keuze"]
        return say(template, waarde=quote(value))
    if keyword == "oneOf":
        if isinstance(value, list):
            return say(general["type_item_string"], waarde=quote(next((v for v in value if not isinstance(v, str) or not v), value)))
        return say(general["type_string"], waarde=quote(value))
    return fallback


@cache
def fast_check() -> Callable[[object], object]:
    """The whole schema compiled to Python: a fast yes/no before the slower, complete report."""
    return fastjsonschema.compile(whole_value(schema()))


def is_valid(values: dict[str, object]) -> bool:
    try:
        fast_check()(values)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def property_errors(field_name: str, value: object) -> list[tuple[int | None, str]]:
    """(item index or None, Dutch message) for every schema violation of one field's value."""
    return [(index, text) for index, _, text in located_errors(field_name, value)]


def located_errors(field_name: str, value: object) -> list[tuple[int | None, str | None, str]]:
    """(item index or None, key inside that item or None, Dutch message) for every violation."""
    beyond = over_limit(field_name, properties()[field_name], value)
    if beyond is not None:
        return [(None, None, beyond)]
    found: list[tuple[int | None, str | None, str]] = []
    for error in property_validator(field_name).iter_errors(value):
        # A list that fails 'oneOf' for its length or repeats: report what the list option says.
        listed = [option for option in error.schema.get("oneOf", ()) if option.get("type") == "array"] if error.validator == "oneOf" else []
        if listed and isinstance(value, list) and all(isinstance(item, str) and item for item in value):
            for inner in validator(listed[0]).iter_errors(value):
                position = inner.path[0] if inner.path and isinstance(inner.path[0], int) else None
                found.append((position, None, error_text(field_name, inner)))
            continue
        index = error.path[0] if error.path and isinstance(error.path[0], int) else None
        key = str(error.path[1]) if index is not None and len(error.path) > 1 else None
        if index is not None and error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            key = next((str(k) for k in error.instance if k not in allowed), None)  # point at the unknown key
        found.append((index, key, error_text(field_name, error)))
    return found


def over_limit(field_name: str, rule: dict[str, Any], value: object) -> str | None:
    """The one message for a list of more than twice the items the field allows, before any other rule runs.

    Checking the items of an oversized list (their uniqueness is compared pair by pair) would cost
    minutes for ten thousand of them; the count is what the submitter must fix first. A list just
    over its limit still gets every message at once (the bound keeps that work small).
    """
    if not isinstance(value, list):
        return None
    listed = rule if "maxItems" in rule else next((o for o in rule.get("oneOf", ()) if "maxItems" in o), None)
    if listed is None or len(value) <= 2 * listed["maxItems"]:
        return None
    return keyword_text(field_name, "maxItems", listed, value, False, "")


@cache
def invisible_text() -> re.Pattern[str]:
    """Text made only of spaces, zero-width and other invisible characters (counts as empty)."""
    return re.compile(f"{schema()['x-tekens']['onzichtbaar']}*")


@cache
def control_character() -> re.Pattern[str]:
    """A control character, refused in any text."""
    return re.compile(schema()["x-tekens"]["stuurteken"])


def is_free_text(rule: dict[str, Any]) -> bool:
    """Typed text rather than a choice, a pattern or a vocabulary word: the text rules apply to it."""
    if any(key in rule for key in ("enum", "pattern", "format")) or rule.get("x-kind") == "thema":
        return False
    return rule.get("type") == "string" or rule.get("items", {}).get("type") == "string" or "oneOf" in rule


@cache
def free_text_fields() -> tuple[str, ...]:
    return tuple(name for name, rule in properties().items() if is_free_text(rule))


def text_errors(value: object) -> list[tuple[int | None, str]]:
    """(item index or None, Dutch message) for control characters and invisible-only text.

    assets/aanmelden.js applies the same rules with the same messages (textErrors there).
    """
    general = messages()["algemeen"]
    items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
    found: list[tuple[int | None, str]] = []
    for index, item in items:
        if not isinstance(item, str):
            continue
        control = control_character().search(item)
        if control:
            found.append((index, say(general["stuurteken"], teken=f"U+{ord(control.group()):04X}")))
        elif item and invisible_text().fullmatch(item):
            found.append((index, general["leeg"]))
    return found
