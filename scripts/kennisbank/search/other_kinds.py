"""The other kinds on the search page: a query naming an organisation or an approach shows it first.

zoeken/data/soorten.js holds, per entry of each kind with pages (organisations, approaches): what
kind it is, its page, its name, summary and the index terms of its names (its title and any
`ook_genoemd`), analysed exactly as the page analyses a query (search.text), so the page only
compares. A query whose terms hold all terms of one of those names, in order, shows the entry
above the initiatives, as a place name offers its page.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from kennisbank import urls
from kennisbank.entries.collection import Collection
from kennisbank.entries.entry_check import Entry
from kennisbank.entries.kinds import Kind
from kennisbank.search import codec, text
from kennisbank.search.payload import DATA

NAME = "soorten"
OTHER_NAMES = "ook_genoemd"


def names_of(entry: Entry) -> list[str]:
    other = entry.values.get(OTHER_NAMES)
    return [entry.titel, *(str(name) for name in other)] if isinstance(other, tuple) else [entry.titel]


def rows(others: Sequence[tuple[Kind, Sequence[Entry]]]) -> list[list[str]]:
    found = []
    for kind, entries in others:
        if "pagina" not in kind.outputs:
            continue
        label = kind.singular[:1].upper() + kind.singular[1:]
        for entry in sorted(entries, key=lambda e: e.titel.casefold()):
            href = urls.html_link(urls.SEARCH, urls.entry_page(kind.pages, entry.slug))  # from zoeken.html
            # Each term once, as the page's query groups hold it ("Fonds voor fondsen": fond voor).
            terms = "|".join(" ".join(dict.fromkeys(text.terms(name))) or "-" for name in names_of(entry))
            found.append([label, href, entry.titel, entry.samenvatting, terms])
    return found


def files(others: Sequence[tuple[Kind, Sequence[Entry]]]) -> Iterator[tuple[str, str]]:
    yield f"{DATA}/{NAME}.js", codec.data_script(NAME, rows(others))


def write(collection: Collection) -> Iterator[tuple[str, str]]:
    yield from files(collection.others)
