"""Where an organisation works (its `werkgebied`): the whole country, or provinces and municipalities.

A name is looked up as the check looks up an initiative's municipality (CBS names, common names,
aliases, merged municipalities with a warning), or as a province (name, code, alias such as
Friesland). Utrecht and Groningen are both: the file says which with 'provincie Utrecht' or
'gemeente Utrecht', and a bare name gets a message that says so, never a guess.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kennisbank.entries import places, schema
from kennisbank.entries.model import Gemeente, Provincie

LANDELIJK = "landelijk"
PROVINCE_PREFIX, MUNICIPALITY_PREFIX = "provincie ", "gemeente "


@dataclass(frozen=True)
class Area:
    landelijk: bool
    provincies: tuple[Provincie, ...] = ()
    gemeenten: tuple[Gemeente, ...] = ()

    def covers_gemeente(self, gemeente: Gemeente) -> bool:
        return self.landelijk or gemeente in self.gemeenten or gemeente.provincie in self.provincies

    def covers_provincie(self, provincie: Provincie) -> bool:
        """A province is covered by the whole country, itself, or one of its municipalities."""
        return self.landelijk or provincie in self.provincies or any(g.provincie == provincie for g in self.gemeenten)

    def names(self) -> tuple[str, ...]:
        if self.landelijk:
            return ("Landelijk",)
        return (*(f"provincie {p.naam}" for p in self.provincies), *(g.naam_gangbaar for g in self.gemeenten))


@dataclass(frozen=True)
class Finding:
    text: str
    level: str  # "fout" or "waarschuwing"
    index: int | None


def resolve(value: object) -> tuple[Area | None, list[Finding]]:
    """The area a werkgebied names, and what is wrong with it (None when any name is unknown)."""
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    texts = schema.messages()["velden"]["werkgebied"]
    named = [(index if isinstance(value, list) else None, name.strip()) for index, name in enumerate(names) if isinstance(name, str) and name.strip()]
    if any(name.casefold() == LANDELIJK for _, name in named):
        if len(named) > 1:
            return None, [Finding(texts["landelijk_lijst"], "fout", None)]
        return Area(landelijk=True), []
    findings: list[Finding] = []
    provincies: list[Provincie] = []
    gemeenten: list[Gemeente] = []
    for index, name in named:
        found, said = one_place(name, index)
        findings.extend(said)
        if isinstance(found, Provincie) and found not in provincies:
            provincies.append(found)
        elif isinstance(found, tuple):
            gemeenten.extend(g for g in found if g not in gemeenten)
    if any(f.level == "fout" for f in findings):
        return None, findings
    return Area(False, tuple(provincies), tuple(gemeenten)), findings


def one_place(name: str, index: int | None) -> tuple[Provincie | tuple[Gemeente, ...] | None, list[Finding]]:
    texts = schema.messages()["velden"]["werkgebied"]
    lowered = name.casefold()
    if lowered.startswith(PROVINCE_PREFIX):
        provincie = places.lookup_provincie(name[len(PROVINCE_PREFIX):].strip())
        if provincie is None:
            return None, [Finding(schema.say(texts["geen_provincie"], waarde=schema.quote(name), keuzes=", ".join(p.naam for p in places.provincies())), "fout", index)]
        return provincie, []
    as_municipality = name[len(MUNICIPALITY_PREFIX):].strip() if lowered.startswith(MUNICIPALITY_PREFIX) else name
    provincie = None if lowered.startswith(MUNICIPALITY_PREFIX) else places.lookup_provincie(name)
    lookup = places.lookup_gemeente(as_municipality)
    if provincie is not None:
        if not lookup.error:
            return None, [Finding(schema.say(texts["dubbelzinnig"], waarde=schema.quote(name), naam=provincie.naam), "fout", index)]
        return provincie, []
    if lookup.error:
        return None, [Finding(lookup.error, "fout", index)]
    warnings = [Finding(lookup.warning, "waarschuwing", index)] if lookup.warning else []
    return tuple(lookup.gemeenten), warnings


def covering(areas: Iterable[tuple[object, Area]], gemeente: Gemeente | None = None, provincie: Provincie | None = None) -> list[object]:
    """The items whose area covers the municipality (or the province)."""
    found = []
    for item, area in areas:
        if (gemeente is not None and area.covers_gemeente(gemeente)) or (provincie is not None and area.covers_provincie(provincie)):
            found.append(item)
    return found
