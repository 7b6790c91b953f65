"""The words the search page may offer in "Bedoelde u ...?": the index's terms as people write them.

The index holds stems ("gemeent"), which a visitor should never be offered. For each term the most
frequent written form (folded) is kept, with the number of initiatives that contain the term, most
frequent first. zoeken.js loads this list (woorden.js) only when a query finds few or no results,
and picks the closest words by edit distance there: no server needed.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from kennisbank.entries.memo import PerEntry
from kennisbank.entries.model import Initiative
from kennisbank.search import codec, text
from kennisbank.search.index import SearchIndex, fields

MIN_WORD = 4  # shorter words are rarely mistyped into something we could fix
MAX_WORDS = 20_000


def forms_in(initiative: Initiative) -> Counter[tuple[str, str]]:
    """(term, written form) -> how often the entry writes it."""
    found: Counter[tuple[str, str]] = Counter()
    for value in fields(initiative).values():
        for token in text.tokens(value):
            if len(token) >= MIN_WORD and token.isalpha():
                analysed = text.cached_term(token)
                if analysed:
                    found[analysed, token] += 1
    return found


# Kept per entry object, so that the live preview reads only changed entries again.
_forms_in: PerEntry[Initiative, Counter[tuple[str, str]]] = PerEntry(forms_in)


def written_forms(index: SearchIndex) -> dict[str, str]:
    """term -> its most frequent written (folded) form."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for initiative in index.initiatives:
        for (analysed, token), count in _forms_in(initiative).items():
            forms[analysed][token] += count
    return {term: counter.most_common(1)[0][0] for term, counter in forms.items()}


def words(index: SearchIndex) -> list[tuple[str, int]]:
    """(written form, document frequency), most frequent first, at most MAX_WORDS."""
    found = [(form, len(index.postings[term])) for term, form in written_forms(index).items() if term in index.postings]
    found.sort(key=lambda item: (-item[1], item[0]))
    return found[:MAX_WORDS]


def data(index: SearchIndex) -> dict[str, str]:
    listed = words(index)
    return {"woorden": " ".join(word for word, _ in listed), "df": codec.varints(df for _, df in listed)}
