"""Provinces and municipalities: load the reference tables and resolve what authors write."""
from __future__ import annotations

import copyreg
import csv
import datetime as dt
import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from kennisbank import DATA_DIR
from kennisbank.dutch_dates import datum
from kennisbank.entries.model import Gemeente, Provincie

# Typographic quotes and backticks are what word processors and phones make of the
# apostrophe in "'s-Hertogenbosch"; the acute accent must be mapped before NFKD splits it.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# CBS disambiguates equal names with a province suffix: "Bergen (NH.)", "Hengelo (O.)".
_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")
_SUGGESTION_CUTOFF = 0.75
_MAX_SUGGESTIONS = 2


@dataclass(frozen=True)
class Lookup:
    """Result of lookup_gemeente: one match, one match with a warning, or an error."""

    gemeenten: tuple[Gemeente, ...]
    warning: str | None = None
    error: str | None = None

    def __post_init__(self) -> None:
        if (self.error is None) != (len(self.gemeenten) == 1):
            raise ValueError("Lookup needs either exactly one gemeente or an error")
        if self.error is not None and self.warning is not None:
            raise ValueError("Lookup cannot carry both a warning and an error")


@dataclass(frozen=True)
class Herindeling:
    """A municipality that no longer exists, with the current municipalities it ended up in."""

    oude_code: str
    oude_naam: str
    ingangsdatum: dt.date
    opvolgers: tuple[Gemeente, ...]
    soort: str  # "opgegaan", "opgesplitst" or "naamswijziging"


@dataclass(frozen=True)
class _GemeenteIndex:
    """Folded keys of everything lookup_gemeente accepts, built once."""

    current: dict[str, Gemeente]
    ambiguous: dict[str, tuple[Gemeente, ...]]
    former: dict[str, Herindeling]
    suggestions: dict[str, tuple[Gemeente, ...]]


# --- normalisation ---------------------------------------------------------------------


# Titles are folded again for every list they are sorted into.
@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Normalise for comparison: casefold, strip diacritics, unify apostrophes, collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.split())


def slugify(text: str) -> str:
    """Make an ASCII, lowercase, hyphen-separated slug ("'s-Hertogenbosch" -> "s-hertogenbosch")."""
    ascii_text = fold(text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text).strip("-")


# --- loading ---------------------------------------------------------------------------


def _read_csv(name: str) -> list[dict[str, str]]:
    """Read one of the package's data tables as a list of rows."""
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split_list(value: str) -> tuple[str, ...]:
    """Split a `|`-separated cell; never on commas, which occur in official names."""
    return tuple(item.strip() for item in value.split("|") if item.strip())


@cache
def _provincie_records() -> tuple[tuple[Provincie, tuple[str, ...]], ...]:
    """Provinces with their aliases, in file order (north to south)."""
    return tuple(
        (Provincie(code=row["code"], naam=row["naam"], slug=row["slug"]), _split_list(row["aliassen"]))
        for row in _read_csv("provincies.csv")
    )


@cache
def _gemeente_records() -> tuple[tuple[Gemeente, tuple[str, ...]], ...]:
    """Municipalities with their aliases, in file order (by code)."""
    provincie_by_code = {provincie.code: provincie for provincie in provincies()}
    records = []
    for row in _read_csv("gemeenten.csv"):
        gemeente = Gemeente(
            code=row["code"],
            naam=row["naam"],
            naam_gangbaar=row["naam_gangbaar"],
            slug=slugify(row["naam_gangbaar"]),
            provincie=provincie_by_code[row["provincie"]],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
        )
        records.append((gemeente, _split_list(row["aliassen"])))
    _require_unique("slug", [gemeente.slug for gemeente, _ in records])
    _require_unique("code", [gemeente.code for gemeente, _ in records])
    return tuple(records)


def _require_unique(what: str, values: list[str]) -> None:
    """Fail loudly on a duplicate, because URLs and lookups depend on uniqueness."""
    duplicates = sorted(value for value, count in Counter(values).items() if count > 1)
    if duplicates:
        raise ValueError(f"gemeenten.csv: duplicate {what}: {', '.join(duplicates)}")


@cache
def _herindelingen() -> tuple[Herindeling, ...]:
    """Former municipalities since 2013, each pointing at its current successor(s)."""
    return tuple(
        Herindeling(
            oude_code=row["oude_code"],
            oude_naam=row["oude_naam"],
            ingangsdatum=dt.date.fromisoformat(row["ingangsdatum"]),
            opvolgers=tuple(gemeente_by_code(code) for code in _split_list(row["opvolgers"])),
            soort=row["soort"],
        )
        for row in _read_csv("herindelingen.csv")
    )


# --- plain accessors -------------------------------------------------------------------


def herindelingen() -> tuple[Herindeling, ...]:
    """Every former municipality since 2013 with its current successor(s), in the table's order."""
    return _herindelingen()


@cache
def provincies() -> tuple[Provincie, ...]:
    """The 12 provinces, north to south."""
    return tuple(provincie for provincie, _ in _provincie_records())


def _sort_key(gemeente: Gemeente) -> tuple[str, str]:
    """Order by common name, ignoring case and diacritics (Súdwest- sorts with Sud-)."""
    return (fold(gemeente.naam_gangbaar), gemeente.code)


@cache
def gemeenten() -> tuple[Gemeente, ...]:
    """The 342 current municipalities, sorted by common name."""
    return tuple(sorted((gemeente for gemeente, _ in _gemeente_records()), key=_sort_key))


@cache
def _gemeente_by_code() -> dict[str, Gemeente]:
    return {gemeente.code: gemeente for gemeente, _ in _gemeente_records()}


@cache
def _gemeente_by_slug() -> dict[str, Gemeente]:
    return {gemeente.slug: gemeente for gemeente, _ in _gemeente_records()}


@cache
def _provincie_by_slug() -> dict[str, Provincie]:
    return {provincie.slug: provincie for provincie in provincies()}


@cache
def aliassen() -> dict[str, tuple[str, ...]]:
    """Well-known other names of each municipality, by CBS code (for pickers and search)."""
    return {gemeente.code: found for gemeente, found in _gemeente_records()}


@cache
def former_names() -> dict[str, tuple[str, ...]]:
    """Names of merged-away municipalities, by the CBS code of each current successor (for search)."""
    found: dict[str, list[str]] = {}
    for herindeling in _herindelingen():
        for opvolger in herindeling.opvolgers:
            found.setdefault(opvolger.code, []).append(herindeling.oude_naam)
    return {code: tuple(dict.fromkeys(names)) for code, names in found.items()}


@cache
def provincie_aliassen() -> dict[str, tuple[str, ...]]:
    """Other names of each province ("Friesland" for Fryslân), by CBS code (for search)."""
    return {provincie.code: found for provincie, found in _provincie_records()}


def gemeente_by_code(code: str) -> Gemeente:
    """The current municipality with this CBS code ("GM0518"); KeyError if unknown."""
    return _gemeente_by_code()[code]


def gemeente_by_slug(slug: str) -> Gemeente:
    """The current municipality with this slug ("den-haag"); KeyError if unknown."""
    return _gemeente_by_slug()[slug]


def provincie_by_slug(slug: str) -> Provincie:
    """The province with this slug ("fryslan"); KeyError if unknown."""
    return _provincie_by_slug()[slug]


# --- lookup of free text ---------------------------------------------------------------


@cache
def _provincie_index() -> dict[str, Provincie]:
    """Folded name, slug, code and aliases of each province."""
    index: dict[str, Provincie] = {}
    for provincie, aliassen in _provincie_records():
        for key in (provincie.naam, provincie.slug, provincie.code, *aliassen):
            index[fold(key)] = provincie
    return index


def lookup_provincie(text: str) -> Provincie | None:
    """The province meant by a name, slug, CBS code or alias ("Friesland"), or None."""
    return _provincie_index().get(fold(text))


def _current_keys(gemeente: Gemeente, aliassen: tuple[str, ...]) -> set[str]:
    """Every folded spelling that names this municipality unambiguously."""
    return {fold(name) for name in (gemeente.naam, gemeente.naam_gangbaar, gemeente.code, gemeente.slug, *aliassen)}


def _former_keys(herindeling: Herindeling) -> set[str]:
    """Folded spellings of a former municipality: name, code and slug of the name."""
    return {fold(herindeling.oude_naam), fold(herindeling.oude_code), slugify(herindeling.oude_naam)}


@cache
def _gemeente_index() -> _GemeenteIndex:
    """Build the lookup tables once; current names always win over former ones."""
    current: dict[str, Gemeente] = {}
    suggestions: dict[str, list[Gemeente]] = {}
    for gemeente, aliassen in _gemeente_records():
        for key in _current_keys(gemeente, aliassen):
            if current.setdefault(key, gemeente) is not gemeente:
                raise ValueError(f"gemeenten.csv: '{key}' names both {current[key].code} and {gemeente.code}")
        for name in (gemeente.naam, gemeente.naam_gangbaar, *aliassen):
            suggestions.setdefault(fold(name), []).append(gemeente)
    # "Bergen" without its suffix could be either Bergen: recognised, but refused as ambiguous.
    by_base: dict[str, list[Gemeente]] = {}
    for gemeente, _ in _gemeente_records():
        base = fold(_SUFFIX.sub("", gemeente.naam))
        if base not in current:
            by_base.setdefault(base, []).append(gemeente)
    ambiguous = {key: tuple(found) for key, found in by_base.items() if len(found) > 1}
    for key, found in ambiguous.items():
        suggestions.setdefault(key, []).extend(found)
    former: dict[str, Herindeling] = {}
    for herindeling in _herindelingen():
        for key in _former_keys(herindeling):
            if key not in current and key not in ambiguous:
                former[key] = herindeling
    return _GemeenteIndex(
        current=current,
        ambiguous=ambiguous,
        former=former,
        suggestions={key: _unique(found) for key, found in suggestions.items()},
    )


def _unique(gemeenten_: list[Gemeente]) -> tuple[Gemeente, ...]:
    """Drop repeats, keeping first-seen order."""
    return tuple(dict.fromkeys(gemeenten_))


def _opsomming(names: list[str]) -> str:
    """Dutch enumeration: "A, B en C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"


def _quoted_choices(gemeenten_: tuple[Gemeente, ...]) -> str:
    """"'A' of 'B'" for a question back to the author."""
    return " of ".join(f"'{gemeente.naam_gangbaar}'" for gemeente in gemeenten_)


def _former_lookup(shown: str, herindeling: Herindeling) -> Lookup:
    """A merged-away municipality resolves with a warning; a split one is an error."""
    subject = f"'{shown}'"
    if fold(shown) != fold(herindeling.oude_naam):  # e.g. written as a code: name it
        subject += f" ({herindeling.oude_naam})"
    effective = datum(herindeling.ingangsdatum)
    if len(herindeling.opvolgers) == 1:
        opvolger = herindeling.opvolgers[0]
        change = "hernoemd tot" if herindeling.soort == "naamswijziging" else "opgegaan in"
        warning = (
            f"{subject} is op {effective} {change} {opvolger.naam_gangbaar}; "
            f"schrijf voortaan '{opvolger.naam_gangbaar}'"
        )
        return Lookup(gemeenten=(opvolger,), warning=warning)
    names = [gemeente.naam_gangbaar for gemeente in sorted(herindeling.opvolgers, key=_sort_key)]
    error = f"{subject} is op {effective} opgesplitst over {_opsomming(names)}; kies de huidige gemeente"
    return Lookup(gemeenten=(), error=error)


def _suggest(key: str) -> tuple[Gemeente, ...]:
    """Up to two current municipalities whose names or aliases look like the key."""
    index = _gemeente_index()
    matches = difflib.get_close_matches(key, index.suggestions, n=10, cutoff=_SUGGESTION_CUTOFF)
    found = _unique([gemeente for match in matches for gemeente in index.suggestions[match]])
    return found[:_MAX_SUGGESTIONS]


def _unknown_lookup(shown: str, key: str) -> Lookup:
    """Error for a name we do not know, with a suggestion when one is close."""
    suggestions = _suggest(key)
    if suggestions:
        hint = f"bedoelde u {_quoted_choices(suggestions)}?"
    else:
        hint = "gebruik de naam of CBS-code (GMxxxx) van een huidige gemeente"
    return Lookup(gemeenten=(), error=f"onbekende gemeente '{shown}'; {hint}")


def resolves(text: str) -> bool:
    """Whether lookup_gemeente(text) finds a municipality; quick, as it computes no suggestions."""
    key = fold(text)
    index = _gemeente_index()
    return key in index.current or (key in index.former and len(index.former[key].opvolgers) == 1)


def lookup_gemeente(text: str) -> Lookup:
    """Resolve a name, common name, alias, slug or CBS code (also former ones) to a municipality."""
    shown = " ".join(text.split())
    key = fold(text)
    if not key:
        return Lookup(gemeenten=(), error="geen gemeente opgegeven")
    index = _gemeente_index()
    if key in index.current:
        return Lookup(gemeenten=(index.current[key],))
    if key in index.ambiguous:
        choices = _quoted_choices(tuple(sorted(index.ambiguous[key], key=_sort_key)))
        return Lookup(gemeenten=(), error=f"'{shown}' is niet eenduidig; bedoelde u {choices}?")
    if key in index.former:
        return _former_lookup(shown, index.former[key])
    return _unknown_lookup(shown, key)


def _reduce_gemeente(gemeente: Gemeente) -> tuple[Callable[[str], Gemeente], tuple[str]]:
    return gemeente_by_code, (gemeente.code,)


def _reduce_provincie(provincie: Provincie) -> tuple[Callable[[str], Provincie], tuple[str]]:
    return provincie_by_slug, (provincie.slug,)


# Places pickle as references to this table: a parallel check sends back thousands of
# initiatives, and copying every municipality record each time is slow.
copyreg.pickle(Gemeente, _reduce_gemeente)
copyreg.pickle(Provincie, _reduce_provincie)
# --- for the web form, which must judge names exactly as lookup_gemeente does ------------


def lookup_keys() -> dict[str, tuple[str, tuple[Gemeente, ...]]]:
    """Every folded spelling lookup_gemeente recognises, with its kind and the current municipalities
    it points at: 'huidig' (a current municipality), 'dubbelzinnig' (a name two municipalities
    share) or 'vroeger' (a former municipality: its successor, or all of them after a split)."""
    index = _gemeente_index()
    return {
        **{key: ("vroeger", tuple(sorted(item.opvolgers, key=_sort_key))) for key, item in index.former.items()},
        **{key: ("dubbelzinnig", tuple(sorted(found, key=_sort_key))) for key, found in index.ambiguous.items()},
        **{key: ("huidig", (gemeente,)) for key, gemeente in index.current.items()},
    }


def suggestion_index() -> dict[str, tuple[Gemeente, ...]]:
    """The folded names lookup_gemeente suggests from for an unknown name, each with its municipalities."""
    return _gemeente_index().suggestions


def suggestion_settings() -> tuple[float, int]:
    """difflib's cutoff and how many municipalities a suggestion names at most."""
    return _SUGGESTION_CUTOFF, _MAX_SUGGESTIONS
