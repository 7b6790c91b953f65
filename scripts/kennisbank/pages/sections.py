"""The sections of an initiative page made from `x-section` fields (such as 'Lessen', 'Bronnen').

A section field is a list of objects; each item becomes one list item under the section's heading.
How an item reads follows the field's `x-render`: "bron" shows a source as a link with its site and
date (pages.sources); any other item shows its labelled key (the kind) in bold, then its text.
Adding such a field to the schema is enough for its section to appear. Below the sections, a
quiet line for contributors says how to add a source (and, when there is none, that there is none).
"""
from __future__ import annotations

from markupsafe import Markup

from kennisbank import urls
from kennisbank.entries import fields
from kennisbank.entries.fields import Field
from kennisbank.entries.model import Initiative
from kennisbank.pages import sources
from kennisbank.pages.templating import mdtext


def kind_key(field: Field) -> str | None:
    """The key of an item that says what kind it is: the first one with labels."""
    return next((name for name, item in field.item_fields.items() if item.labels), None)


def item_line(field: Field, item: dict[str, object]) -> Markup:
    """One item: a source as a link, otherwise '**Wat werkte:** text' (other keys in the schema's order)."""
    if field.render == "bron":
        return sources.item(item)
    subfields = field.item_fields
    kind = kind_key(field)
    texts = [mdtext(item[name]) for name in subfields if name != kind and item.get(name) is not None]
    body = Markup(" ").join(texts)
    if kind and item.get(kind) is not None:
        return Markup(f"**{mdtext(subfields[kind].label(item[kind]))}:** {body}")
    return body


def explanation(field: Field, initiative: Initiative) -> Markup | None:
    """A section made of one text: its heading, then the explained field's label in bold (x-bij)."""
    text = initiative.value(field.name)
    if not isinstance(text, str) or not text:
        return None
    explained = field.definition.get("x-bij")
    value = initiative.value(explained) if explained else None
    lead = f"**{mdtext(fields.by_name()[explained].label(value))}.** " if explained and value is not None else ""
    return Markup(f"## {mdtext(field.section)}\n\n{lead}{mdtext(text)}\n")


def section(field: Field, initiative: Initiative) -> Markup | None:
    """One `x-section` field as Markdown: a heading and a list (or one text), or None when empty."""
    if field.definition.get("type") == "string":
        return explanation(field, initiative)
    items = initiative.value(field.name)
    if not isinstance(items, tuple) or not items:
        return None
    lines = [f"- {item_line(field, item)}" for item in items if isinstance(item, dict)]
    return Markup(f"## {mdtext(field.section)}\n\n" + "\n".join(lines) + "\n")


def sections(initiative: Initiative) -> list[Markup]:
    """Every non-empty section of an initiative, in the schema's order."""
    return [text for text in (section(f, initiative) for f in fields.sections()) if text]


SOURCE_HOW_TO = "#een-bron-toevoegen"  # the section of docs/meedoen.md that explains sources


def sources_note(initiative: Initiative, here: str) -> Markup | None:
    """One quiet line for contributors after the sections, or None when the schema has no sources."""
    kinds = [f for f in fields.sections() if f.render == "bron"]
    if not kinds:
        return None
    how = f"[Zo voegt u een bron toe]({urls.link(here, urls.JOIN)}{SOURCE_HOW_TO})."
    if any(initiative.value(f.name) for f in kinds):
        text = f"Mist u een bron voor een feit op deze pagina? {how}"
    else:
        text = f"Deze pagina noemt nog geen bron voor haar gegevens. Kent u een openbare pagina die ze bevestigt? {how}"
    return Markup(f"{text}\n{{ .kb-bijdragen }}\n")
