"""lunr.js and lunr-languages' Dutch support, as installed with MkDocs (never copied into the repo).

MkDocs' own search plugin ships lunr.js 2.3.9 and lunr-languages; the search page loads these exact
files, and the Python side reads the Dutch stop words from the same lunr.nl.js, so both sides share
one list.
"""
from __future__ import annotations

import codecs
import re
from functools import cache
from pathlib import Path

import mkdocs.contrib.search  # properdocs.contrib.search, through the alias of kennisbank/__init__.py

SEARCH_PACKAGE = Path(mkdocs.contrib.search.__file__).parent
# Served name -> installed file, in the order the page must load them.
FILES = {
    "lunr.js": SEARCH_PACKAGE / "templates" / "search" / "lunr.js",
    "lunr.stemmer.support.js": SEARCH_PACKAGE / "lunr-language" / "lunr.stemmer.support.js",
    "lunr.nl.js": SEARCH_PACKAGE / "lunr-language" / "lunr.nl.js",
}
_STOP_WORDS = re.compile(r"lunr\.nl\.stopWordFilter\s*=\s*lunr\.generateStopWordFilter\(\s*'([^']*)'\.split\(' '\)")
_WORD_CHARACTERS = re.compile(r'lunr\.nl\.wordCharacters\s*=\s*"([^"]*)"')


def files() -> dict[str, bytes]:
    """The three lunr files by the name the page loads them under."""
    return {name: path.read_bytes() for name, path in FILES.items()}


@cache
def _dutch_source() -> str:
    return FILES["lunr.nl.js"].read_text(encoding="utf-8")


@cache
def stop_words() -> frozenset[str]:
    """lunr.nl.js's Dutch stop words (the Snowball list), read from the installed file."""
    match = _STOP_WORDS.search(_dutch_source())
    if not match:
        raise RuntimeError(f"no Dutch stop-word list found in {FILES['lunr.nl.js']}")
    return frozenset(word for word in match.group(1).split(" ") if word)


@cache
def word_characters() -> str:
    """lunr.nl.js's word characters (a regex character-class body, escapes decoded)."""
    match = _WORD_CHARACTERS.search(_dutch_source())
    if not match:
        raise RuntimeError(f"no Dutch word characters found in {FILES['lunr.nl.js']}")
    return codecs.decode(match.group(1), "unicode_escape")
