"""Links between the kinds on the pages: initiatives, organisations and approaches.

An initiative's `initiatiefnemer` and `partners` link to an organisation's page when they name it
(written the same, case and spaces aside), its `aanpakken` to the approaches' pages. An
organisation's page lists the initiatives that name it; an approach's page its initiatives by
municipality, with their lessons; theme, province and municipality pages get "Hulp en contacten":
the organisations whose werkgebied (and, on a theme page, themes) cover them.
"""
from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from kennisbank import urls
from kennisbank.entries import fields
from kennisbank.entries.collection import Collection
from kennisbank.entries.cross_kinds import APPROACHES, ORGANISATIONS, fold
from kennisbank.entries.entry_check import Entry
from kennisbank.entries.kinds import Kind
from kennisbank.entries.memo import PerEntry
from kennisbank.entries.model import Gemeente, Initiative, Provincie, Thema
from kennisbank.pages.templating import mdtext

LESSONS, KIND = "lessen", "soort"


@dataclass(frozen=True)
class Linked:
    """What one initiative's page links to: hashable, so a page is rendered again only when it changes."""

    organisations: tuple[tuple[str, str], ...] = ()  # (folded name, page) for the names it uses
    approaches: tuple[tuple[str, str, str], ...] = ()  # (slug, title, page) for its aanpakken

    def organisation(self, name: str) -> str | None:
        return dict(self.organisations).get(fold(name))


NOTHING = Linked()


class Links:
    """The entries of the other kinds, looked up by the pages of every kind."""

    def __init__(self, initiatives: Sequence[Initiative], others: Sequence[tuple[Kind, Sequence[Entry]]]) -> None:
        self.initiatives = list(initiatives)
        self.kinds = {kind.name: (kind, list(entries)) for kind, entries in others}
        org_kind, orgs = self.kinds.get(ORGANISATIONS, (None, []))
        self.organisations = orgs
        self.org_pages = {fold(e.titel): urls.entry_page(org_kind.pages, e.slug) for e in orgs} if org_kind else {}
        app_kind, approaches = self.kinds.get(APPROACHES, (None, []))
        self.approach_pages = {e.slug: (e.titel, urls.entry_page(app_kind.pages, e.slug)) for e in approaches} if app_kind else {}
        # Indexed once: a page per organisation or approach must not walk every initiative.
        self.by_name: dict[str, list[Initiative]] = {}
        self.by_approach: dict[str, list[Initiative]] = {}
        for initiative in sorted(self.initiatives, key=lambda i: i.titel.casefold()):
            for name in dict.fromkeys(fold(n) for n in (initiative.initiatiefnemer, *initiative.partners)):
                self.by_name.setdefault(name, []).append(initiative)
            for slug in dict.fromkeys(initiative.aanpakken):
                self.by_approach.setdefault(slug, []).append(initiative)

    def for_initiative(self, initiative: Initiative) -> Linked:
        names = (initiative.initiatiefnemer, *initiative.partners)
        organisations = tuple((fold(n), self.org_pages[fold(n)]) for n in names if fold(n) in self.org_pages)
        approaches = tuple((slug, *self.approach_pages[slug]) for slug in initiative.aanpakken if slug in self.approach_pages)
        return Linked(organisations, approaches)

    def naming(self, organisation: Entry) -> list[Initiative]:
        """The initiatives whose initiatiefnemer or partners name the organisation."""
        return self.by_name.get(fold(organisation.titel), [])

    def using(self, approach: Entry) -> list[Initiative]:
        return self.by_approach.get(approach.slug, [])

    def context(self, kind: Kind, entry: Entry, here: str) -> dict[str, object]:
        """What an organisation's or approach's page shows of the initiatives."""
        if kind.name == ORGANISATIONS:
            return {"related": [(i.titel, urls.link(here, urls.initiative(i.slug))) for i in self.naming(entry)]}
        if kind.name == APPROACHES:
            return {"related": by_place(self.using(entry), here)}
        return {}

    def approaches_near(self, initiatives: Sequence[Initiative], here: str) -> tuple[tuple[str, str], ...]:
        """(title, link) of the approaches these initiatives use, by title: 'used here and nearby'."""
        slugs = {slug for i in initiatives for slug in i.aanpakken if slug in self.approach_pages}
        found = sorted((self.approach_pages[slug] for slug in slugs), key=lambda pair: pair[0].casefold())
        return tuple((title, urls.link(here, page)) for title, page in found)

    def helpers(self, here: str, gemeente: Gemeente | None = None, provincie: Provincie | None = None, thema: Thema | None = None) -> Markup:
        """The section "Hulp en contacten": nearest first (the municipality, the province, then national)."""
        def rank(entry: Entry) -> tuple[int, str]:
            area = entry.area
            if area is None or area.landelijk:
                return 2, entry.titel.casefold()
            return (0 if gemeente is not None and gemeente in area.gemeenten else 1), entry.titel.casefold()

        found = []
        for entry in self.organisations:
            area = entry.area
            if area is None:
                continue
            if gemeente is not None and not area.covers_gemeente(gemeente):
                continue
            if provincie is not None and not area.covers_provincie(provincie):
                continue
            if thema is not None and thema not in entry.themas:
                continue
            found.append(entry)
        if not found:
            return Markup("")
        org_kind = self.kinds[ORGANISATIONS][0]
        lines = [_helper_lines(entry, urls.link(here, urls.entry_page(org_kind.pages, entry.slug))) for entry in sorted(found, key=rank)]
        intro = "Organisaties die initiatieven hier helpen, met advies, kennis, geld of een netwerk. Het dichtstbij staat bovenaan."
        return Markup("## Hulp en contacten\n\n" + intro + "\n\n" + "\n".join(lines) + "\n")


# A collection does not change (entries.collection): its links are made once, for as long as it lives.
_MADE: weakref.WeakKeyDictionary[Collection, Links] = weakref.WeakKeyDictionary()


def links_of(collection: Collection) -> Links:
    """The links of one collection, however many writers ask for them."""
    if collection not in _MADE:
        _MADE[collection] = Links(collection.initiatives, collection.others)
    return _MADE[collection]


def helper_line(entry: Entry, href: str) -> str:
    area = ", ".join(entry.area.names()) if entry.area else ""
    offered = entry.values.get("biedt")
    offer = ", ".join(str(o) for o in offered) if isinstance(offered, tuple) else ""
    meta = " · ".join(part for part in (area, offer) if part)
    return f"- [{mdtext(entry.titel)}]({href}): {mdtext(entry.samenvatting)} *{mdtext(meta)}*"


# The same organisation is listed on every page its werkgebied covers: its line is made once per link.
_helper_lines: PerEntry[Entry, str] = PerEntry(helper_line)


def lesson_lines(initiative: Initiative) -> list[Markup]:
    items = initiative.value(LESSONS)
    if not isinstance(items, tuple):
        return []
    kinds_field = fields.by_name()[LESSONS].item_fields[KIND]
    return [Markup(f"**{mdtext(kinds_field.label(item.get(KIND)))}:** {mdtext(item.get('tekst', ''))}") for item in items if isinstance(item, dict)]


def by_place(initiatives: list[Initiative], here: str) -> list[tuple[str, list[tuple[str, str, list[Markup]]]]]:
    """(municipality or 'Landelijk', [(title, link, lessons)]) in alphabetical order of the places."""
    groups: dict[str, list[tuple[str, str, list[Markup]]]] = {}
    for initiative in initiatives:
        names = ["Landelijk"] if initiative.landelijk else [g.naam_gangbaar for g in initiative.gemeenten]
        for name in names:
            groups.setdefault(name, []).append((initiative.titel, urls.link(here, urls.initiative(initiative.slug)), lesson_lines(initiative)))
    return sorted(groups.items(), key=lambda item: (item[0] == "Landelijk", item[0].casefold()))
