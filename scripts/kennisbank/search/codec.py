"""How the search data is written so the browser can read it from disk: compact, escaped, sharded.

Numbers are packed as base-32 varints in plain strings (two characters per posting, typically), which
gzip compresses well and which a few lines of zoeken.js decode. Data files are classic scripts that
store their content in `self.kbZoekData[name]`: a script tag is the one way to load data over
file://, where fetch and workers are refused.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable

# Last digit of a number / any earlier digit: 32 symbols each, none needing escapes in JSON.
LAST_DIGITS = "0123456789abcdefghijklmnopqrstuv"
MORE_DIGITS = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
_SHARD_CHAR = re.compile(r"[a-z0-9]")
# Characters that could end a script or confuse an HTML parser if the data ever got inlined.
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def varint(value: int) -> str:
    """A non-negative integer as base-32 digits, most significant first; the last digit ends it."""
    if value < len(_SMALL):
        return _SMALL[value]
    return _varint(value)


def _varint(value: int) -> str:
    if value < 0:
        raise ValueError("varint needs a non-negative number")
    digits = [LAST_DIGITS[value & 31]]
    value >>= 5
    while value:
        digits.append(MORE_DIGITS[value & 31])
        value >>= 5
    return "".join(reversed(digits))


_SMALL = tuple(_varint(value) for value in range(4096))


def varints(values: Iterable[int]) -> str:
    values = list(values)
    if values and min(values) >= 0 and max(values) < len(_SMALL):
        return "".join(map(_SMALL.__getitem__, values))  # the common case, without a call per number
    return "".join(map(varint, values))


def read_varints(packed: str) -> list[int]:
    """The inverse of varints (zoeken.js has the same loop)."""
    values, current = [], 0
    for char in packed:
        if char in MORE_DIGITS:
            current = current * 32 + MORE_DIGITS.index(char)
        else:
            values.append(current * 32 + LAST_DIGITS.index(char))
            current = 0
    return values


def postings(entries: list[tuple[int, int]]) -> str:
    """(document number, weight) pairs, numbers ascending, stored as gaps: small numbers, short text."""
    packed: list[int] = []
    previous = 0
    for number, weight in entries:
        packed += (number - previous, weight)
        previous = number
    return varints(packed)


def shard_key(term: str, length: int = 2) -> str:
    """Which term file holds a term: its first two (or three) characters, '_' for anything but a-z and 0-9."""
    chars = list(term[:length]) + ["_"] * (length - len(term[:length]))
    return "".join(char if _SHARD_CHAR.fullmatch(char) else "_" for char in chars)


def json_text(value: object) -> str:
    """Compact JSON that is safe inside a script, whatever strangers wrote into it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _UNSAFE.items():
        text = text.replace(char, escaped)
    return text


def data_script(name: str, value: object) -> str:
    """A script that stores value under name in self.kbZoekData (read by zoeken.js after onload)."""
    return f"(self.kbZoekData=self.kbZoekData||{{}})[{json_text(name)}]={json_text(value)};\n"
