"""Dutch text analysis for search: fold, tokenise, drop stop words, stem, plus the synonym list.

The browser repeats every step in zoeken.js (`kbZoeken.text`), so a word typed in the search box
becomes the same term the index holds. Each step is chosen so both sides can do it identically:

1. fold: lower case, Unicode NFKD, drop nonspacing marks (coöperatie -> cooperatie). Folding comes
   *before* stemming, so the stemmer only ever sees one spelling of a word; stemming first would
   let "crème" and "creme" take different paths through the stemmer.
2. tokens: runs of letters and digits (Python `[^\\W_]`, JavaScript `[\\p{L}\\p{N}]`); tokens of one
   character, or of more than fifty, are dropped.
3. stop words: lunr.nl.js's list (read from the installed file, see lunrjs.py).
4. singular: "-es" plurals the stemmer leaves alone (coöperaties, gemeentes) lose their "s".
5. stem: Snowball's original Dutch stemmer. snowballstemmer 3 calls it "dutch_porter" (its new
   "dutch" is a different algorithm); lunr.nl.js implements this one, and a test proves both agree.
6. tidy: the stemmer leaves stems like "initiatiev" and "gemeenschapp"; a final double consonant is
   undoubled and a final v/z becomes f/s, so singular and plural meet (initiatief/initiatieven).

Steps 4 to 6 are skipped for the words in data/stamuitzonderingen.yml, which the stemmer gets wrong
("overheid" -> "over"): they get the term written there, also at the end of a compound.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

import snowballstemmer
import yaml

from kennisbank import DATA_DIR
from kennisbank.search import lunrjs

MIN_TOKEN = 2
MAX_TOKEN = 50  # longer runs of letters are no words (and would only slow the stemmer down)
# Maximal runs of letters and digits, one-character runs left out.
TOKEN = re.compile(r"[^\W_]{%d,}" % MIN_TOKEN)
SYNONYMS_FILE = DATA_DIR / "synoniemen.yml"
EXCEPTIONS_FILE = DATA_DIR / "stamuitzonderingen.yml"
# An exception applies at the end of a compound only when it is this long ("ei" ends "groei") and
# leaves a head of at least MIN_EXCEPTION_HEAD letters.
MIN_COMPOUND_EXCEPTION = 4
MIN_EXCEPTION_HEAD = 3
# Markdown and HTML that carries no words for a reader: link targets, tags, bare URLs, e-mail
# addresses, reference definitions. Every repeat is bounded and e-mail is only tried at the start of
# a word, so a stranger's text cannot make this take quadratic time.
_MARKUP = re.compile(
    r"\]\([^()\[\]\s]{0,2000}\)"
    r"|<[^<>]{0,2000}>"
    r"|\bhttps?://\S{1,2000}"
    r"|(?<!\S)[^\s@]{1,200}@\S{1,200}"
    r"|^[ \t]*\[[^\]\n]{1,500}\]:[^\n]*$",
    re.M,
)
_VOWELS = frozenset("aeiouy")


class _DropMarks(dict):
    """str.translate table that deletes nonspacing marks; filled on first sight of each character."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = kept
        return kept


_DROP_MARKS = _DropMarks()


def fold(text: str) -> str:
    """Lower case without diacritics; zoeken.js's fold does exactly this."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return unicodedata.normalize("NFKD", lowered).translate(_DROP_MARKS)


def tokens(text: str) -> list[str]:
    """Folded words of two to fifty characters, in order."""
    return [token for token in TOKEN.findall(fold(text)) if len(token) <= MAX_TOKEN]


def plain(markdown: str) -> str:
    """The readable words of a Markdown body: link targets, tags and addresses removed."""
    if any(sign in markdown for sign in ("](", "<", "://", "@", "]:")):
        return _MARKUP.sub(" ", markdown)
    return markdown


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("dutch_porter")


def stem(word: str) -> str:
    """Snowball's original Dutch stemmer, the algorithm of lunr.nl.js."""
    return _stemmer().stemWord(word)


def singular(token: str) -> str:
    """'coöperaties' -> 'coöperatie': the stemmer only removes an -s after a consonant."""
    if len(token) >= 5 and token.endswith("es") and token[-3] != "s":
        return token[:-1]
    return token


def tidy(stemmed: str) -> str:
    """Undouble a final consonant, then final v -> f and z -> s (huiz -> huis, hebb -> heb)."""
    if len(stemmed) < 3:
        return stemmed
    if stemmed[-1] == stemmed[-2] and stemmed[-1] not in _VOWELS and stemmed[-1].isalpha():
        stemmed = stemmed[:-1]
    if stemmed[-1] == "v":
        return stemmed[:-1] + "f"
    if stemmed[-1] == "z":
        return stemmed[:-1] + "s"
    return stemmed


def is_stop_word(token: str) -> bool:
    return token in lunrjs.stop_words()


@cache
def stem_exceptions() -> dict[str, str]:
    """Folded form -> term, from data/stamuitzonderingen.yml (zoeken.js gets the same table in basis.js)."""
    raw = yaml.safe_load(EXCEPTIONS_FILE.read_text(encoding="utf-8")) or {}
    table: dict[str, str] = {}
    for term_, forms in raw.items():
        for word in [term_, *forms]:
            if tokens(str(word)) != [str(word)]:
                raise ValueError(f"{EXCEPTIONS_FILE.name}: '{word}' is not one folded lower-case word")
        for form in forms:
            if table.setdefault(str(form), str(term_)) != str(term_):
                raise ValueError(f"{EXCEPTIONS_FILE.name}: '{form}' is listed under two terms")
    return table


def exception_term(token: str) -> str | None:
    """The listed term of a token or of a compound ending in a listed form ("windmolens" -> "windmolen")."""
    table = stem_exceptions()
    if token in table:
        return table[token]
    for cut in range(MIN_EXCEPTION_HEAD, len(token) - MIN_COMPOUND_EXCEPTION + 1):
        if token[cut:] in table:
            return token[:cut] + table[token[cut:]]
    return None


def term(token: str) -> str | None:
    """The index term of one folded token, or None for a stop word."""
    if is_stop_word(token):
        return None
    return exception_term(token) or tidy(stem(singular(token)))


class _TermCache(dict):
    """token -> term, so each distinct word is stemmed once per build."""

    def __missing__(self, token: str) -> str | None:
        self[token] = analysed = term(token)
        return analysed


_TERMS = _TermCache()


def cached_term(token: str) -> str | None:
    """term(), remembered: the vocabulary and compound splitting ask for the same words again and again."""
    return _TERMS[token]


def terms(text: str) -> list[str]:
    """Index terms of a text, in order, repeats kept (they count as term frequency)."""
    return [analysed for analysed in map(_TERMS.__getitem__, tokens(text)) if analysed]


@cache
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """The maintained word groups from data/synoniemen.yml, as written."""
    raw = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8")) or []
    return tuple(tuple(str(word) for word in group) for group in raw)


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    """term -> the other terms of its group(s); a word that is not exactly one term is an error."""
    related: dict[str, set[str]] = {}
    for group in synonym_groups():
        group_terms = []
        for word in group:
            found = terms(word)
            if len(found) != 1:
                raise ValueError(f"{SYNONYMS_FILE.name}: '{word}' is not one searchable word")
            group_terms.append(found[0])
        for one in group_terms:
            related.setdefault(one, set()).update(other for other in group_terms if other != one)
    return {key: tuple(sorted(others)) for key, others in sorted(related.items()) if others}
