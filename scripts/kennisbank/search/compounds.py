"""Dutch compounds for the index: "wijkwindmolens" is also found by "windmolen", "molen" and "wijk".

Dutch writes compounds as one word, and the most common kinds of initiative are compounds
(energiecoöperatie, buurtmoestuin, dorpshuis). Each compound term of the index is cut into parts,
and the parts are indexed as extra terms of the same initiatives at COMPOUND_SHARE of the whole
word's weight (index.py), so a whole-word match ranks above a part match.

Where a word may be cut comes from two sources:
- the corpus's own vocabulary: a cut whose head and tail are both terms of the index (zorg|cooperatie);
- the Dutch hyphenation patterns of LibreOffice (OpenTaal), shipped with the pyphen package: a cut
  must fall on a syllable boundary ("dorps-mo-len" may be cut before "mo", never inside "molen"),
  unless both parts are long confirmed words; and a head the corpus knows may be followed by a tail
  it has never seen alone if that tail is a word of two or more syllables (dorps|molen).
Linking letters between the parts (-s-, -e-, -en-: dorpsmolen, boekenkast) are taken off the head.
The search page splits what a visitor types the same way against the index vocabulary (zoeken.js).
"""
from __future__ import annotations

from collections.abc import Container
from functools import cache

import pyphen

from kennisbank.search import text

MIN_COMPOUND = 7  # shorter words are rarely compounds of two words
MIN_HEAD = 3
MIN_TAIL = 4
MIN_FREE_CUT = 4  # a cut between syllables needs no pattern if both parts are at least this long
MIN_NEW_TAIL = 5  # a tail the corpus does not know must be this long, and have two syllables
LINKS = ("en", "s", "e")
DEPTH = 2  # "wijkwindmolen" -> wijk + windmolen -> wind + molen


@cache
def hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


@cache
def hyphenation_points(word: str) -> frozenset[int]:
    return frozenset(hyphenator().positions(word))


def head_terms(head: str) -> list[str]:
    """The head as a term, and without a linking letter (dorps -> dorp, boeken -> boek)."""
    found = [head]
    for link in LINKS:
        if head.endswith(link) and len(head) - len(link) >= MIN_HEAD:
            found.append(head[: -len(link)])
    return [term for term in (text.cached_term(word) for word in found) if term]


def as_term(word: str, known: Container[str]) -> str | None:
    """A part as the index would hold it; parts of a term are mostly terms already."""
    return word if word in known else text.cached_term(word)


def cuts(term: str, known: Container[str]) -> list[tuple[str | None, str]]:
    """(head term or None, tail) of each acceptable cut of a term; guesses only when nothing is confirmed."""
    if len(term) < MIN_COMPOUND:
        return []
    points = hyphenation_points(term)
    confirmed: list[tuple[str | None, str]] = []
    guessed: list[tuple[str | None, str]] = []
    for cut in range(MIN_HEAD, len(term) - MIN_TAIL + 1):
        tail = term[cut:]
        tail_term = as_term(tail, known)
        if not tail_term:
            continue
        head = next((h for h in head_terms(term[:cut]) if h in known), None)
        if head and tail_term in known and (cut in points or min(cut, len(tail)) >= MIN_FREE_CUT):
            confirmed.append((head, tail))
        elif (cut in points and cut >= MIN_FREE_CUT and len(tail) >= MIN_NEW_TAIL and hyphenation_points(tail)
              and (head or tail_term in known)):
            # dorps|molen with "molen" never alone in the texts, or wind|molen with "wind" unknown.
            guessed.append((head, tail))
    return confirmed or guessed


def parts(term: str, known: Container[str], depth: int = DEPTH) -> set[str]:
    """Terms of the parts of a compound term (empty for a simple word)."""
    found: set[str] = set()
    if depth <= 0:
        return found
    for head, tail in cuts(term, known):
        tail_term = as_term(tail, known)
        if tail_term is None:
            continue
        found.add(tail_term)
        if head:
            found.add(head)
        found.update(parts(tail_term, known, depth - 1))
    found.discard(term)
    return found
