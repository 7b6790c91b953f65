"""The fields of an initiative, read from the schema: the one list that pages, exports and forms follow.

Each property of `initiatief.schema.json` is a field, in the schema's order. Its `x-` annotations
say how it is shown; without them a field appears in the page's panel and in every export, so a
field added to the schema alone is never silently missing:

- `x-show`: where the field appears, any of "panel" (the metadata panel of its page), "card"
  (list cards), "export" (JSON, CSV, GeoJSON); default all but "card".
- `x-kind`: "gemeente" or "thema", fields that are resolved against our tables and shown and
  exported as places or themes rather than as typed.
- `x-render`: a special way to show the value in the panel: "badge", "looptijd", "link",
  "contact", "datum"; for a section's items: "bron" (a source: link, site, date).
- `x-labels`: display labels of enumerated values; `x-panel-label`: the panel's label (default
  the title).
- `x-csv`: for a list of objects, the one key its CSV cell shows (default: every value).
- `x-section`: the heading of a section of its own on the initiative page (for a list of objects
  such as `lessen`, which a panel row cannot hold, or one longer text); such a field is usually
  left out of "panel".
- `x-bij`: for a section made of one text, the field it explains (`rol_toelichting` explains
  `rol_overheid`): the section starts with that field's label.
- `x-widget`: the form's control; "soort-regels" is a list of {soort, tekst} objects typed as one
  line per item, "Label: tekst", where the label is one of the `soort` labels.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kennisbank.entries import schema

DEFAULT_SHOW = frozenset({"panel", "export"})


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    description: str
    required: bool
    definition: dict[str, Any]

    @property
    def show(self) -> frozenset[str]:
        return frozenset(self.definition.get("x-show", DEFAULT_SHOW))

    @property
    def kind(self) -> str | None:
        return self.definition.get("x-kind")

    @property
    def render(self) -> str | None:
        return self.definition.get("x-render")

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.definition.get("x-labels", {}))

    @property
    def panel_label(self) -> str:
        return str(self.definition.get("x-panel-label", self.title))

    @property
    def section(self) -> str | None:
        return self.definition.get("x-section")

    @property
    def item_fields(self) -> dict[str, Field]:
        """For a list of objects: each key of an item as a Field of its own (labels, title)."""
        items = self.definition.get("items", {})
        required = set(items.get("required", []))
        return {
            name: Field(name, str(d.get("title", name)), str(d.get("description", "")), name in required, d)
            for name, d in items.get("properties", {}).items()
        }

    @property
    def is_list(self) -> bool:
        return self.definition.get("type") == "array"

    @property
    def item_properties(self) -> list[str]:
        """For a list of objects: the keys of each object, in order."""
        return list(self.definition.get("items", {}).get("properties", {}))

    def label(self, value: object) -> str:
        """How the site shows one value: its label for an enumerated field, else the value."""
        labels = self.definition.get("x-labels", {})  # not self.labels: that copies, and pages ask thousands of times
        return str(labels.get(str(value), str(value)))


@cache
def fields() -> tuple[Field, ...]:
    required = set(schema.required())
    return tuple(
        Field(name, str(d.get("title", name)), str(d.get("description", "")), name in required, d)
        for name, d in schema.properties().items()
    )


@cache
def by_name() -> dict[str, Field]:
    return {f.name: f for f in fields()}


@cache
def shown(where: str) -> tuple[Field, ...]:
    return tuple(f for f in fields() if where in f.show)


@cache
def sections() -> tuple[Field, ...]:
    """Fields shown as a section of their own on the initiative page, in the schema's order."""
    return tuple(f for f in fields() if f.section)


def label(field_name: str, value: object) -> str:
    return by_name()[field_name].label(value)
