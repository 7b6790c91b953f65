"""Build the search index: one weight per (term, initiative), with field boosts folded in.

Why not lunr (Python)? It needs about 6 s per 1,000 initiatives with Dutch stemming, a minute at
10,000, and its serialised index (field vectors plus an inverted index with metadata) is larger than
the whole text. This builder analyses text exactly like lunr.nl (see text.py), but stores for each
term only the initiatives that contain it with one precomputed BM25 weight, in which each field's
boost is already applied. The browser then needs only the files of the terms it is asked for (see
writer.py), and scores by summing weight x idf, as lunr does.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from kennisbank.entries import places
from kennisbank.entries.memo import PerEntry
from kennisbank.entries.model import Gemeente, Initiative, Provincie
from kennisbank.search import compounds, text

# A title hit must outrank anything the body can add (the body tops out near K1 + 1 = 2.2).
FIELD_BOOSTS = {
    "titel": 10.0,
    "trefwoorden": 5.0,
    "samenvatting": 4.0,
    "themas": 3.0,
    "plaats": 3.0,
    "initiatiefnemer": 2.0,
    "partners": 2.0,
    "lessen": 2.0,
    "aanpakken": 4.0,
    "tekst": 1.0,
}
LENGTH_NORMALISED = frozenset({"tekst"})  # short fields are not penalised for their length
K1 = 1.2
B = 0.75
WEIGHT_SCALE = 2  # weights are stored as integers in half points
# Dutch glues words together: "buurtmoestuin" should be found by "moestuin" and "buurt". The parts
# of a compound (compounds.py) are indexed too, at this share of the whole word's weight.
COMPOUND_SHARE = 0.5


@dataclass(frozen=True)
class SearchIndex:
    initiatives: tuple[Initiative, ...]  # in document-number order: most recently updated first
    postings: dict[str, list[tuple[int, int]]]  # term -> (document number, weight), numbers ascending


def ordered(initiatives: list[Initiative]) -> list[Initiative]:
    """Newest update first, so that sorting by 'bijgewerkt' is sorting by document number."""
    return sorted(initiatives, key=lambda i: (-(i.bijgewerkt - dt.date(1900, 1, 1)).days, i.slug))


def gemeente_names(gemeente: Gemeente) -> list[str]:
    """Every name the check accepts for a municipality: common, CBS, aliases, code, merged-away names."""
    return list(dict.fromkeys((gemeente.naam_gangbaar, gemeente.naam, *places.aliassen().get(gemeente.code, ()),
                               gemeente.code, *places.former_names().get(gemeente.code, ()))))


def provincie_names(provincie: Provincie) -> list[str]:
    """Official (Frisian for Fryslân) and Dutch names of a province, and its code."""
    return list(dict.fromkeys((provincie.naam, *places.provincie_aliassen().get(provincie.code, ()), provincie.code)))


def written_places(initiative: Initiative) -> list[str]:
    """The municipality names as the entry wrote them (such as 'Weesp', merged into Amsterdam)."""
    written = initiative.value("gemeente")
    return [str(name) for name in (written if isinstance(written, (list, tuple)) else [written]) if isinstance(name, str)]


def place_text(initiative: Initiative) -> str:
    if initiative.landelijk:
        return "Landelijk Nederland"
    # Every name of the municipality finds it; the name as written counts once more, so that
    # "Weesp" lists the entries written with 'gemeente: Weesp' before the rest of Amsterdam.
    names = [name for g in initiative.gemeenten for name in gemeente_names(g)] + written_places(initiative)
    return " ".join([*names, *(name for p in initiative.provincies for name in provincie_names(p))])


def lesson_text(initiative: Initiative) -> str:
    """The texts of the lessons learned (the kinds are labels, not content)."""
    items = initiative.value("lessen")
    return " ".join(str(item.get("tekst", "")) for item in items if isinstance(item, dict)) if isinstance(items, tuple) else ""


def fields(initiative: Initiative) -> dict[str, str]:
    """The searchable text of an initiative, per field."""
    return {
        "titel": initiative.titel,
        "trefwoorden": " ".join(initiative.trefwoorden),
        "samenvatting": initiative.samenvatting,
        "themas": " ".join(t.label for t in initiative.themas),
        "plaats": place_text(initiative),
        "initiatiefnemer": initiative.initiatiefnemer,
        "partners": " ".join(initiative.partners),
        "lessen": lesson_text(initiative),
        # An approach's file name is its name in words (right-to-challenge): the query that finds
        # the approach finds the initiatives that use it too.
        "aanpakken": " ".join(slug.replace("-", " ") for slug in initiative.aanpakken),
        "tekst": text.plain(initiative.body),
    }


def analysed_fields(initiative: Initiative) -> dict[str, Counter[str]]:
    return {name: Counter(text.terms(value)) for name, value in fields(initiative).items()}


# Analysis is most of the index's cost; the live preview analyses only changed entries again.
field_terms: PerEntry[Initiative, dict[str, Counter[str]]] = PerEntry(analysed_fields)


def saturate(frequency: int, length_ratio: float) -> float:
    """BM25's term-frequency curve: repeats help less and less."""
    return frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length_ratio))


def weights(counts: dict[str, Counter[str]], average_lengths: dict[str, float]) -> dict[str, int]:
    """term -> the document's integer weight for it, boosts of every field summed."""
    summed: dict[str, float] = defaultdict(float)
    for name, counter in counts.items():
        boost = FIELD_BOOSTS[name]
        ratio = 1.0
        if name in LENGTH_NORMALISED and average_lengths.get(name):
            ratio = sum(counter.values()) / average_lengths[name]
        for term, frequency in counter.items():
            summed[term] += boost * saturate(frequency, ratio)
    return {term: max(1, round(value * WEIGHT_SCALE)) for term, value in summed.items()}


def document_weights_of(initiative: Initiative, average_lengths: tuple[tuple[str, float], ...]) -> dict[str, int]:
    return weights(field_terms(initiative), dict(average_lengths))


# An edit changes the average body length only now and then (it is kept in whole terms), so the live
# preview weighs only the changed entries again.
document_weights: PerEntry[Initiative, dict[str, int]] = PerEntry(document_weights_of)


def average_lengths_of(analysed: list[dict[str, Counter[str]]]) -> tuple[tuple[str, float], ...]:
    """The average length, in whole terms, of each length-normalised field."""
    return tuple(
        (name, float(max(1, round(sum(sum(counts[name].values()) for counts in analysed) / max(1, len(analysed))))))
        for name in sorted(LENGTH_NORMALISED)
    )


def with_compound_parts(postings: dict[str, list[tuple[int, int]]], known: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Add each compound's documents to the postings of its parts, at COMPOUND_SHARE of the weight."""
    vocabulary = set(postings) | known
    extra: dict[str, dict[int, int]] = defaultdict(dict)
    for term, entries in postings.items():
        for part in compounds.parts(term, vocabulary):
            shares = extra[part]
            for number, weight in entries:
                shares[number] = max(shares.get(number, 0), max(1, round(weight * COMPOUND_SHARE)))
    merged = dict(postings)
    for part, shares in extra.items():
        combined = dict(postings.get(part, ()))
        for number, weight in shares.items():
            combined[number] = max(combined.get(number, 0), weight)
        merged[part] = sorted(combined.items())
    return merged


def build(initiatives: list[Initiative]) -> SearchIndex:
    documents = ordered(initiatives)
    averages = average_lengths_of([field_terms(initiative) for initiative in documents])
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, initiative in enumerate(documents):
        for term, weight in document_weights(initiative, averages).items():
            postings[term].append((number, weight))
    known = set(text.synonyms()) | {other for others in text.synonyms().values() for other in others}
    return SearchIndex(initiatives=tuple(documents), postings=with_compound_parts(dict(postings), known))
