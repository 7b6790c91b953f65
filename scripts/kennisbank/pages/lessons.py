"""Lessons learned: the page 'Lessen' (the section on each initiative page is pages.sections).

The 'Lessen' page gathers every
lesson by theme (once, under its initiative's first theme); each item carries its kind and the government's role as data attributes, which
the small script assets/lessen.js uses to filter. Without the script the page is complete, and
every item says its kind and role in words.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from kennisbank import PACKAGE_DIR, urls
from kennisbank.entries import fields
from kennisbank.entries.collection import Collection
from kennisbank.entries.fields import Field
from kennisbank.entries.memo import PerEntry
from kennisbank.entries.model import Initiative
from kennisbank.entries.themes import themas
from kennisbank.pages.listing import sort_by_title
from kennisbank.pages.templating import front_matter, mdtext, render

FIELD = "lessen"
KIND = "soort"
TEXT = "tekst"
ROLE = "rol_overheid"
SCRIPT = "assets/lessen.js"
SCRIPT_SOURCE = PACKAGE_DIR / "assets" / "lessen.js"


@dataclass(frozen=True)
class Lesson:
    initiative: Initiative
    soort: str
    tekst: str

    @property
    def rol(self) -> str:
        return str(self.initiative.rol_overheid or "")


def lessons_of(initiative: Initiative) -> list[Lesson]:
    items = initiative.value(FIELD)
    if not isinstance(items, tuple):
        return []
    return [Lesson(initiative, str(item[KIND]), str(item[TEXT])) for item in items if isinstance(item, dict)]


def choices(field: Field) -> list[tuple[str, str]]:
    return [(str(value), field.label(value)) for value in field.definition.get("enum", [])]


def filters() -> dict[str, object]:
    """What the filter script offers: the kinds and the roles, with their labels, from the schema."""
    lessen = fields.by_name()[FIELD]
    soort = lessen.item_fields[KIND]
    rol = fields.by_name()[ROLE]
    return {
        "soort": {"label": soort.title, "keuzes": choices(soort)},
        "rol": {"label": rol.title, "keuzes": choices(rol)},
    }


def lesson_item(lesson: Lesson, here: str) -> Markup:
    """One lesson as a list item: kind, text, initiative (linked) and role; attributes for the filter."""
    soort = fields.by_name()[FIELD].item_fields[KIND]
    target = urls.link(here, urls.initiative(lesson.initiative.slug))
    role = f" Rol van de overheid: {mdtext(fields.label(ROLE, lesson.rol))}." if lesson.rol else ""
    attributes = f'data-soort="{escape(lesson.soort)}" data-rol="{escape(lesson.rol)}"'
    return Markup(
        f"- **{mdtext(soort.label(lesson.soort))}:** {mdtext(lesson.tekst)} "
        f"Uit: [{mdtext(lesson.initiative.titel)}]({target}).{role}\n  {{ {attributes} }}"
    )


def items_of(initiative: Initiative, here: str) -> tuple[Markup, ...]:
    return tuple(lesson_item(lesson, here) for lesson in lessons_of(initiative))


# The live preview renders again only the lessons of changed entries.
_items_of: PerEntry[Initiative, tuple[Markup, ...]] = PerEntry(items_of)


def groups(initiatives: list[Initiative], here: str) -> list[tuple[str, str, list[Markup]]]:
    """(theme label, theme slug, lesson items) for every theme with lessons, in the themes' order.

    A lesson is listed once, under its initiative's first theme: the page's count and the filter's
    count are then the same number, and nobody reads one lesson three times.
    """
    ordered = sort_by_title(initiatives)
    found = []
    for thema in themas():
        items = [item for initiative in ordered if initiative.themas[:1] == (thema,) for item in _items_of(initiative, here)]
        if items:
            found.append((thema.label, thema.slug, items))
    return found


def lessons_page(initiatives: list[Initiative]) -> tuple[str, str]:
    here = urls.LESSONS
    counts = [len(_items_of(initiative, here)) for initiative in initiatives]
    return here, render(
        "lessen.md.j2", here=here, groups=groups(initiatives, here), total=sum(counts), initiatives=sum(1 for count in counts if count),
        filters=Markup(escape(json.dumps(filters(), ensure_ascii=False))),
        front_matter=front_matter("Lessen", "Wat initiatieven leerden: wat werkte, valkuilen en tips voor de gemeente, per thema.",
                                  kb_script=SCRIPT),
    )


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:
    """The page and its filter script."""
    yield lessons_page(list(collection.initiatives))
    yield SCRIPT, SCRIPT_SOURCE.read_bytes()
