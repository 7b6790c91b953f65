"""The records the rest of the package passes around: places, themes, initiatives, messages."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True)
class Provincie:
    code: str  # CBS code, e.g. "PV28"
    naam: str  # official name, e.g. "Zuid-Holland", "Fryslân"
    slug: str  # e.g. "zuid-holland", "fryslan"



@dataclass(frozen=True)
class Gemeente:
    code: str  # CBS code, e.g. "GM0518"
    naam: str  # official CBS name, e.g. "'s-Gravenhage"
    naam_gangbaar: str  # common name shown on the site, e.g. "Den Haag"
    slug: str  # from the common name, e.g. "den-haag"
    provincie: Provincie
    lat: float  # a point inside the municipality (for the map)
    lon: float



@dataclass(frozen=True)
class Thema:
    slug: str
    label: str
    beschrijving: str



@dataclass(frozen=True)
class Initiative:
    slug: str
    source: str  # path relative to the repository root, with "/" separators
    titel: str
    samenvatting: str
    gemeenten: tuple[Gemeente, ...]  # empty when landelijk
    landelijk: bool
    themas: tuple[Thema, ...]
    status: str
    startjaar: int | None  # None: no source gives the year (shown as 'onbekend')
    eindjaar: int | None
    initiatiefnemer: str
    rol_overheid: str | None
    partners: tuple[str, ...]
    website: str | None
    contact: str | None
    trefwoorden: tuple[str, ...]
    bijgewerkt: dt.date
    body: str  # Markdown, as written
    body_line: int  # 1-based line of the file where the body starts
    # Every front-matter value by field name, as validated (text on one line, lists as tuples):
    # what pages and exports read for fields that need no special handling (see entries.fields).
    values: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    aanpakken: tuple[str, ...] = ()  # slugs of files in aanpakken/ (checked by entries.cross_kinds)

    def value(self, name: str) -> object:
        return self.values.get(name)

    @property
    def provincies(self) -> tuple[Provincie, ...]:
        seen: dict[str, Provincie] = {}
        for gemeente in self.gemeenten:
            seen.setdefault(gemeente.provincie.code, gemeente.provincie)
        return tuple(seen.values())


@dataclass(frozen=True, order=True)
class Message:
    """One finding of the check; sorted by path, then line."""

    path: str
    line: int
    field: str
    text: str
    level: str = "fout"  # "fout" (error) or "waarschuwing" (warning)


def grouped(items: Iterable[Item], keys: Callable[[Item], Iterable[str]]) -> dict[str, list[Item]]:
    """Items by each key they carry (an initiative with two municipalities is in both groups)."""
    members: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        for key in keys(item):
            members[key].append(item)
    return members
