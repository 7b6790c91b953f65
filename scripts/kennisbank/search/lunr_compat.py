"""lunr (Python) with lunr.nl's Dutch pipeline, without NLTK.

lunr's own language support downloads NLTK data at run time, which fails without internet. Here the
three functions lunr.nl.js registers ('trimmer-nl', 'stopWordFilter-nl', 'stemmer-nl') are registered
under the same names with snowballstemmer's original Dutch stemmer and lunr.nl.js's own stop words
and word characters, so an index serialised here loads in lunr.js with lunr.nl. The site does not
use it (index.py explains why); the benchmark uses it to measure lunr (Python) for comparison.
"""
from __future__ import annotations

from functools import cache

from lunr import lunr as lunr_index
from lunr.builder import Builder
from lunr.index import Index
from lunr.languages.trimmer import generate_trimmer
from lunr.pipeline import Pipeline
from lunr.stop_word_filter import generate_stop_word_filter
from lunr.token import Token

from kennisbank.search import lunrjs, text

LANGUAGE = "nl"


def _stemmer(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token:
    return token.update(lambda word, metadata=None: text.stem(word))


@cache
def register() -> tuple:
    """Register the Dutch trimmer, stop-word filter and stemmer under lunr.js's names; returns them."""
    trimmer = generate_trimmer(lunrjs.word_characters())
    Pipeline.register_function(trimmer, f"trimmer-{LANGUAGE}")
    stop_word_filter = generate_stop_word_filter(sorted(lunrjs.stop_words()), language=LANGUAGE)
    Pipeline.register_function(_stemmer, f"stemmer-{LANGUAGE}")
    return trimmer, stop_word_filter, _stemmer


def builder() -> Builder:
    """A lunr Builder with the pipelines lunr.nl.js sets up: trim, stop, stem; search: stem."""
    trimmer, stop_word_filter, stemmer = register()
    built = Builder()
    built.pipeline.reset()
    built.pipeline.add(trimmer, stop_word_filter, stemmer)
    built.search_pipeline.reset()
    built.search_pipeline.add(stemmer)
    return built


def index(documents: list[dict[str, str]], fields: dict[str, float], ref: str = "id") -> Index:
    """A Dutch lunr index of the documents; fields maps field name to boost."""
    return lunr_index(ref=ref, fields=[{"field_name": name, "boost": boost} for name, boost in fields.items()],
                      documents=documents, builder=builder())
