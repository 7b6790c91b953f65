"""Every file zoeken.html loads, as (path in the build folder, content) pairs.

The data is split so that a first result needs little: a small `basis.js` (labels, synonyms, the
list of term files), one term file per two-letter start of a term (`t-xx.js`, loaded only for the
words asked for), display records in blocks of a few initiatives (`d-n.js`, loaded only for the
results shown) and `facetten.js` with every initiative's facet values (loaded when a filter is set
or right after the first results, to count the facets) and `woorden.js` with the words "Bedoelde u ...?"
may offer (loaded only when a query finds little). The page loads two scripts from the head
(overrides/partials/kb-zoeken-head.html): basis.js, whose data is followed by the code of
assets/zoeken-start.js, which starts loading the query's term files at once (a plain script: an
async one waited behind Material's bundle for up to a quarter of a second on a busy machine), and
zoeken.js, async, which is lunr.js, lunr.stemmer.support.js and lunr.nl.js as installed with MkDocs
followed by the page's own script (one file: one request is cheaper than four).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import cache

from kennisbank import PACKAGE_DIR
from kennisbank.entries import places, schema
from kennisbank.entries.collection import Collection
from kennisbank.entries.cross_kinds import APPROACHES
from kennisbank.entries.model import Gemeente, Initiative
from kennisbank.entries.themes import themas
from kennisbank.search import codec, compounds, lunrjs, text
from kennisbank.search import vocabulary as words
from kennisbank.search.index import SearchIndex, build, gemeente_names, provincie_names

FOLDER = "zoeken"
DATA = f"{FOLDER}/data"
ASSETS = ("zoeken.css",)
START = "zoeken-start.js"  # appended to basis.js: starts loading the query's term files
CODE = "zoeken.js"  # the page's own script, shipped after lunr's files in one file
SPLIT_ABOVE = 8_000  # characters of a term file; a larger one is split (term_files)
BLOCK = 5  # initiatives per display file: results are scattered, so small files waste little
# Compound heads listed in basis.js: enough for the common ones (buurt, energie, zorg), few enough
# to add well under a kilobyte to the file every search waits for.
HEAD_HINTS = 120
HEAD_HINT_LENGTH = 4  # three letters start too many words that are no compound (bur-, mar-)
VERSION = 1
LANDELIJK = ("landelijk", "Landelijk")
NO_TERMS = "-"  # a place name that is only stop words (never a token: "-" is no word character)
SUFFIX = re.compile(r"\s*\([^)]*\)$")  # CBS's "(NH.)", "(L.)" after a shared name


def choices(field_name: str) -> list[list[str]]:
    """[value, Dutch label] of an enum field, in the schema's order."""
    prop = schema.properties()[field_name]
    labels = prop.get("x-labels", {})
    return [[value, labels.get(value, value)] for value in prop["enum"]]


class Vocabulary:
    """Positions of every facet value in basis.js's lists, which the other files refer to."""

    def __init__(self, initiatives: tuple[Initiative, ...], approaches: Mapping[str, str] | None = None) -> None:
        """`approaches`: the approaches' titles by slug (an initiative's aanpakken); only those in use are offered."""
        used = {g.code for i in initiatives for g in i.gemeenten}
        # The rest of the 342: a query naming one of them is a place query too (search_places).
        self.plaatsen = [g for g in places.gemeenten() if g.code not in used]
        titles = approaches or {}
        in_use = {slug for i in initiatives for slug in i.aanpakken}
        self.aanpakken = sorted(([slug, titles.get(slug, slug)] for slug in in_use), key=lambda pair: pair[1].casefold())
        self.provincies = list(places.provincies())
        self.gemeenten = [g for g in places.gemeenten() if g.code in used]
        self.themas = list(themas())
        self.statussen = choices("status")
        self.rollen = choices("rol_overheid")
        self.provincie_nr = {p.code: n for n, p in enumerate(self.provincies)}
        self.gemeente_nr = {g.code: n for n, g in enumerate(self.gemeenten)}
        self.thema_nr = {t.slug: n for n, t in enumerate(self.themas)}
        self.status_nr = {value: n for n, (value, _) in enumerate(self.statussen)}
        self.rol_nr = {value: n for n, (value, _) in enumerate(self.rollen)}
        self.aanpak_nr = {slug: n for n, (slug, _) in enumerate(self.aanpakken)}

    def provinces_of(self, initiative: Initiative) -> list[int]:
        """Province positions; national initiatives get the extra 'Landelijk' position at the end."""
        if initiative.landelijk:
            return [len(self.provincies)]
        return [self.provincie_nr[p.code] for p in initiative.provincies]


def totals(index: SearchIndex, vocabulary: Vocabulary) -> dict[str, list[int]]:
    """Facet counts over all initiatives: the page shows them before facetten.js has arrived."""
    counted: dict[str, Counter[int]] = {name: Counter() for name in ("thema", "provincie", "gemeente", "status", "rol", "aanpak")}
    for initiative in index.initiatives:
        counted["thema"].update(vocabulary.thema_nr[t.slug] for t in initiative.themas)
        counted["provincie"].update(vocabulary.provinces_of(initiative))
        counted["gemeente"].update(vocabulary.gemeente_nr[g.code] for g in initiative.gemeenten)
        counted["status"][vocabulary.status_nr[initiative.status]] += 1
        if initiative.rol_overheid:
            counted["rol"][vocabulary.rol_nr[initiative.rol_overheid]] += 1
        counted["aanpak"].update(vocabulary.aanpak_nr[slug] for slug in initiative.aanpakken)
    sizes = {"thema": len(vocabulary.themas), "provincie": len(vocabulary.provincies) + 1, "gemeente": len(vocabulary.gemeenten),
             "status": len(vocabulary.statussen), "rol": len(vocabulary.rollen), "aanpak": len(vocabulary.aanpakken)}
    return {name: [counted[name][n] for n in range(sizes[name])] for name in sizes}


def term_files(index: SearchIndex, split_above: int = SPLIT_ABOVE) -> dict[str, dict[str, str]]:
    """shard key -> {term: packed postings}: by the terms' first two characters, and a file that
    would be larger than SPLIT_ABOVE by their first three (zoeken.js takes the longest key in 'delen').

    Common beginnings ('be', 'ge', 'bu') would otherwise make one word cost a large file to load.
    """
    shards: dict[str, dict[str, str]] = {}
    for term in sorted(index.postings):
        shards.setdefault(codec.shard_key(term), {})[term] = codec.postings(index.postings[term])
    for key in [key for key, terms in shards.items() if file_size(terms) > split_above]:
        for term, packed in shards.pop(key).items():
            shards.setdefault(codec.shard_key(term, 3), {})[term] = packed
    return shards


def file_size(terms: dict[str, str]) -> int:
    return sum(len(term) + len(packed) + 6 for term, packed in terms.items())


def years(index: SearchIndex) -> list[int]:
    found = [i.startjaar for i in index.initiatives if i.startjaar is not None]
    return [min(found), max(found)] if found else [0, 0]


def synonyms_in(index: SearchIndex) -> dict[str, list[str]]:
    """The synonym list, keeping only synonyms the index holds: the page never loads a file in vain."""
    found = {key: [other for other in others if other in index.postings] for key, others in text.synonyms().items()}
    return {key: others for key, others in found.items() if others}


def common_heads(index: SearchIndex, count: int = HEAD_HINTS) -> list[str]:
    """Terms that start a longer term of the index (buurt: buurtmoestuin), those in most documents
    first, the chosen ones in alphabetical order (which packs best)."""
    terms = sorted(index.postings)
    found = []
    for position, term in enumerate(terms):
        if len(term) < HEAD_HINT_LENGTH:
            continue
        end = bisect.bisect_left(terms, term + "\uffff", position + 1)
        if any(len(other) - len(term) >= compounds.MIN_TAIL for other in terms[position + 1:end]):
            found.append(term)
    found.sort(key=lambda term: (-len(index.postings[term]), term))
    return sorted(found[:count])


def search_names(gemeente: Gemeente) -> list[str]:
    """The names the check knows, and a bare name two municipalities share ('Bergen' for Bergen (NH.)
    and Bergen (L.)): such a query names both, and never matches Bergen op Zoom by the word."""
    return list(dict.fromkeys((*gemeente_names(gemeente), *shared_bare_names().get(gemeente.code, ()))))


@cache
def shared_bare_names() -> dict[str, tuple[str, ...]]:
    by_bare: dict[str, list[Gemeente]] = {}
    for gemeente in places.gemeenten():
        by_bare.setdefault(SUFFIX.sub("", gemeente.naam), []).append(gemeente)
    return {g.code: (bare,) for bare, found in by_bare.items() if len(found) > 1 for g in found}


def place_row(gemeente: Gemeente, vocabulary: Vocabulary) -> list[object]:
    """[page name (short_slug), name, province position, other names, their analysed terms]."""
    names = search_names(gemeente)
    return [short_slug(gemeente.slug, gemeente.naam_gangbaar), gemeente.naam_gangbaar, vocabulary.provincie_nr[gemeente.provincie.code],
            names[1:], analysed_names(names)]


def analysed_names(names: list[str]) -> str:
    """Each name's index terms, names separated by "|", in the order given.

    The page matches a query against every place name; stemming them all in the browser cost about
    30 ms before the first result, so the terms come ready-made (text.terms analyses exactly as the
    browser does). Most names are their own terms (Rotterdam: rotterdam); such a name is left empty,
    to keep basis.js small, and the page takes its words. "-" marks a name without any term.
    """
    return "|".join(analysed_name(name) for name in names)


def short_slug(slug: str, name: str) -> str:
    """Empty where the page name is the name's words joined by "-" (nearly always; the page adds it back)."""
    return "" if "-".join(text.tokens(name)) == slug else slug


def analysed_name(name: str) -> str:
    analysed = " ".join(text.terms(name))
    if not analysed:
        return NO_TERMS
    return "" if analysed == " ".join(text.tokens(name)) else analysed


def basis(index: SearchIndex, vocabulary: Vocabulary, shard_keys: Iterable[str]) -> dict[str, object]:
    return {
        "versie": VERSION,
        "aantal": len(index.initiatives),
        "blok": BLOCK,
        "themas": [[t.slug, t.label] for t in vocabulary.themas],
        "provincies": [[p.slug, p.naam, provincie_names(p)[1:], analysed_names(provincie_names(p))]
                       for p in vocabulary.provincies] + [list(LANDELIJK)],
        # Other names (CBS name, aliases, code, merged-away names): a query naming a place offers its page.
        "gemeenten": [place_row(g, vocabulary) for g in vocabulary.gemeenten],
        # The municipalities without initiatives, in the same shape: places a query can name.
        "plaatsen": [place_row(g, vocabulary) for g in vocabulary.plaatsen],
        # Label points of gemeenten then plaatsen, as whole 1/10,000 degrees (lat, lon, lat, lon ...):
        # the page's distances are pages/nearby.km's, from the same coordinates.
        "ligging": [round(value * 10_000) for g in (*vocabulary.gemeenten, *vocabulary.plaatsen) for value in (g.lat, g.lon)],
        "statussen": vocabulary.statussen,
        "rollen": vocabulary.rollen,
        "aanpakken": vocabulary.aanpakken,
        "jaren": years(index),
        "totalen": totals(index, vocabulary),
        "synoniemen": synonyms_in(index),
        "stammen": text.stem_exceptions(),
        "delen": sorted(shard_keys),
        # zoeken-start.js loads the files of a typed compound's parts together with its own file
        # when the compound starts with one of these.
        "koppen": " ".join(common_heads(index)),
        # zoeken-start.js loads the term files of the query's words before the stemmer is there; it
        # skips the stop words, which the index leaves out.
        "stopwoorden": " ".join(sorted(lunrjs.stop_words())),
    }


def display_record(initiative: Initiative, vocabulary: Vocabulary) -> list[object]:
    return [
        initiative.slug,
        initiative.titel,
        initiative.samenvatting,
        [vocabulary.gemeente_nr[g.code] for g in initiative.gemeenten],
        [vocabulary.thema_nr[t.slug] for t in initiative.themas],
        vocabulary.status_nr[initiative.status],
    ]


def facets(index: SearchIndex, vocabulary: Vocabulary) -> dict[str, str]:
    """Per initiative, in document order: one value, or a count followed by that many values."""
    first_year = years(index)[0]
    status, rol, start, gemeente, thema, aanpak = [], [], [], [], [], []
    for initiative in index.initiatives:
        status.append(vocabulary.status_nr[initiative.status])
        rol.append(vocabulary.rol_nr[initiative.rol_overheid] + 1 if initiative.rol_overheid else 0)
        start.append(0 if initiative.startjaar is None else initiative.startjaar - first_year + 1)  # 0: unknown
        gemeente.extend([len(initiative.gemeenten), *(vocabulary.gemeente_nr[g.code] for g in initiative.gemeenten)])
        thema.extend([len(initiative.themas), *(vocabulary.thema_nr[t.slug] for t in initiative.themas)])
        aanpak.extend([len(initiative.aanpakken), *(vocabulary.aanpak_nr[slug] for slug in initiative.aanpakken)])
    return {name: codec.varints(values) for name, values in
            (("status", status), ("rol", rol), ("start", start), ("gemeente", gemeente), ("thema", thema), ("aanpak", aanpak))}


def start_code() -> str:
    """The code basis.js carries after its data (our own script, not data: it holds '<' and '&')."""
    return (PACKAGE_DIR / "assets" / START).read_text(encoding="utf-8")


def data_files(index: SearchIndex, split_above: int = SPLIT_ABOVE, approaches: Mapping[str, str] | None = None) -> Iterator[tuple[str, str]]:
    vocabulary = Vocabulary(index.initiatives, approaches)
    shards = term_files(index, split_above)
    yield f"{DATA}/basis.js", codec.data_script("basis", basis(index, vocabulary, shards)) + start_code()
    yield f"{DATA}/facetten.js", codec.data_script("facetten", facets(index, vocabulary))
    yield f"{DATA}/woorden.js", codec.data_script("woorden", words.data(index))
    for key, content in shards.items():
        yield f"{DATA}/t-{key}.js", codec.data_script(f"t-{key}", content)
    for start in range(0, len(index.initiatives), BLOCK):
        block = [display_record(i, vocabulary) for i in index.initiatives[start : start + BLOCK]]
        yield f"{DATA}/d-{start // BLOCK}.js", codec.data_script(f"d-{start // BLOCK}", block)


def code() -> bytes:
    """lunr's three files, each as installed, then the page's own script: zoeken.js as shipped."""
    parts = [b"/* %s, as installed with MkDocs */\n%s\n;\n" % (name.encode(), content) for name, content in lunrjs.files().items()]
    return b"".join(parts) + (PACKAGE_DIR / "assets" / CODE).read_bytes()


def static_files() -> Iterator[tuple[str, bytes]]:
    yield f"{FOLDER}/{CODE}", code()
    for name in ASSETS:
        yield f"{FOLDER}/{name}", (PACKAGE_DIR / "assets" / name).read_bytes()


def write(collection: Collection) -> Iterable[tuple[str, str | bytes]]:
    """Search data, lunr files and the page's script and styles; the approaches' titles by slug for the Aanpak filter."""
    approaches = {entry.slug: entry.titel for entry in collection.entries_of(APPROACHES)}
    yield from static_files()
    yield from data_files(build(list(collection.initiatives)), approaches=approaches)
