"""The form's fields, derived from the one schema: label, help text, required mark, widget, choices."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kennisbank.entries import schema
from kennisbank.entries.themes import themas

LIST_HINT = "Eén per regel."
SOURCES_HINT = (
    "Eén bron per regel: eerst het webadres, dan eventueel de titel, en als laatste eventueel de datum "
    "waarop u de pagina las (JJJJ-MM-DD), bijvoorbeeld: https://www.voorbeeld.nl/artikel Artikel in de krant 2026-11-30"
)
KIND_LINES = "soort-regels"
KIND_LINES_HINT = "Eén per regel, beginnend met de soort en een dubbele punt: {voorbeelden}."
INITIATIVES = "initiatieven"
# A boolean as a choice (the issue form's dropdown); the web form shows a checkbox.
YES_NO = (("true", "Ja"), ("false", "Nee"))


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    help: str
    required: bool
    widget: str  # text, textarea, lines, bronnen, soort-regels, select, themes, gemeente, year, date, url,
    # and for meetings: time, checkbox (a boolean), initiatieven (slugs of initiatives, one per line)
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for select and themes
    max_length: int | None = None


def widget_of(rule: dict[str, Any]) -> str:
    """Which control fits a property, read from its JSON Schema keywords."""
    kind = rule.get("x-kind")
    if rule.get("x-widget") == "bronnen":
        return "bronnen"
    if rule.get("x-widget") in (KIND_LINES, INITIATIVES):
        return str(rule["x-widget"])
    if kind == "gemeente":
        return "gemeente"
    if kind == "werkgebied":  # provinces and municipalities, one per line
        return "lines"
    if kind == "thema":
        return "themes"
    if "enum" in rule:
        return "select"
    if rule.get("type") == "boolean":
        return "checkbox"
    if rule.get("type") == "integer":
        return "year"
    if rule.get("format") == "date":
        return "date"
    if rule.get("format") == "uri":
        return "url"
    if rule.get("type") == "array":
        return "lines"
    return rule.get("x-widget", "text")


def choices_of(rule: dict[str, Any], widget: str) -> tuple[tuple[str, str], ...]:
    if widget == "themes":
        return tuple((thema.slug, thema.label) for thema in themas())
    if widget == "select":
        labels = rule.get("x-labels", {})
        return tuple((value, labels.get(value, value)) for value in rule["enum"])
    if widget == KIND_LINES:
        key, kind = kind_property(rule)
        labels = kind.get("x-labels", {})
        return tuple((value, labels.get(value, value)) for value in kind.get("enum", []))
    if widget == "checkbox":
        return YES_NO
    return ()


def kind_property(rule: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """For a list of {kind, text} objects: the key and rule of the kind (the first enumerated key)."""
    properties = rule.get("items", {}).get("properties", {})
    return next(((key, sub) for key, sub in properties.items() if "enum" in sub), ("", {}))


def text_property(rule: dict[str, Any]) -> str:
    """For a list of {kind, text} objects: the key of the text (the first key that is not the kind)."""
    kind, _ = kind_property(rule)
    return next((key for key in rule.get("items", {}).get("properties", {}) if key != kind), "")


def kind_lines(text: str, rule: dict[str, Any]) -> list[dict[str, str]]:
    """'Label: tekst' lines back to {kind, text} objects, as assets/aanmelden.js reads them too.

    The label may also be the stored value ('werkte'), in any case. A line without a colon has
    no kind, and an unknown label is kept as the kind: the check then says what is wrong.
    """
    kind, sub = kind_property(rule)
    key = text_property(rule)
    labels = sub.get("x-labels", {})
    known = {value.casefold(): value for value in sub.get("enum", [])}
    known.update({label.casefold(): value for value, label in labels.items()})
    found: list[dict[str, str]] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip(" \t")
        if not line:
            continue
        head, colon, rest = line.partition(":")
        if not colon:
            found.append({key: line})
            continue
        typed = head.strip(" \t")
        found.append({kind: known.get(typed.casefold(), typed), key: rest.strip(" \t")})
    return found


def help_of(rule: dict[str, Any], widget: str) -> str:
    text = rule.get("description", "")
    if widget == "bronnen":
        return f"{text} {SOURCES_HINT}"
    if widget == KIND_LINES:
        examples = " of ".join(f"'{label}: ...'" for _, label in choices_of(rule, widget))
        return f"{text} {KIND_LINES_HINT.format(voorbeelden=examples)}"
    return f"{text} {LIST_HINT}" if widget in ("lines", INITIATIVES) else text


def fields() -> list[Field]:
    """Every property of the initiative schema as a form field, in the schema's order."""
    return fields_of(schema.schema())


def fields_of(rules: dict[str, Any]) -> list[Field]:
    """Every property of a schema (initiative or meeting) as a form field, in the schema's order."""
    required = set(rules.get("required", []))
    found = []
    for name, rule in rules["properties"].items():
        widget = widget_of(rule)
        found.append(
            Field(
                name=name,
                label=rule.get("title", name),
                help=help_of(rule, widget),
                required=name in required,
                widget=widget,
                choices=choices_of(rule, widget),
                max_length=rule.get("maxLength"),
            )
        )
    return found
