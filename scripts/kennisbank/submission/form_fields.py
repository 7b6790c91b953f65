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


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    help: str
    required: bool
    widget: str  # text, textarea, lines, bronnen, select, themes, gemeente, year, date, url
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for select and themes
    max_length: int | None = None


def widget_of(rule: dict[str, Any]) -> str:
    """Which control fits a property, read from its JSON Schema keywords."""
    kind = rule.get("x-kind")
    if rule.get("x-widget") == "bronnen":
        return "bronnen"
    if kind == "gemeente":
        return "gemeente"
    if kind == "thema":
        return "themes"
    if "enum" in rule:
        return "select"
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
    return ()


def help_of(rule: dict[str, Any], widget: str) -> str:
    text = rule.get("description", "")
    if widget == "bronnen":
        return f"{text} {SOURCES_HINT}"
    return f"{text} {LIST_HINT}" if widget == "lines" else text


def fields() -> list[Field]:
    """Every schema property as a form field, in the schema's order."""
    required = set(schema.required())
    found = []
    for name, rule in schema.properties().items():
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
