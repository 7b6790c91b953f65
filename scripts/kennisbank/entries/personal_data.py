"""Personal data of private persons (AVG) in an entry: consumer mail addresses, mobile numbers, BSNs.

The site publishes what contributors write; these rules catch the obvious cases before a
maintainer has to. A mail address at a consumer provider or a Dutch mobile number is a warning
(small groups do use them); a number that passes the BSN eleven-test next to the word BSN is an
error. The patterns are written in the syntax Python and JavaScript share, and `browser_rules()`
hands them to the web form, so the form warns about exactly what the check warns about.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from kennisbank import PACKAGE_DIR
from kennisbank.entries import schema
from kennisbank.entries.frontmatter import FrontMatter

DOMAINS_PATH = PACKAGE_DIR / "data" / "maildomeinen.txt"
BODY_FIELD = "tekst"  # the field name messages about the Markdown body carry
SEP = r"[ .\-]"
# 06-12345678, 06 1234 5678, 06 12 34 56 78, (06) 123 456 78, +31 6 12345678, +31 (0)6 ..., 0031 6 ...
# The eight digits after the 6 come whole or in the groupings people write; a date with a time
# (06-12-2023 12:00) groups differently and is not a phone number.
MOBILE = (
    r"(?<![0-9A-Za-z+])"
    r"(?:(?:\+|00)31[ .\-]?(?:\(0\)[ .\-]?)?6|\(06\)|06)"
    r"(?: ?[.\-/] ?| )?"
    r"(?:[0-9]{8}"
    r"|[0-9]{4}([ .\-])[0-9]{4}"
    r"|[0-9]{2}([ .\-])[0-9]{2}\2[0-9]{2}\2[0-9]{2}"
    r"|[0-9]{3}([ .\-])[0-9]{3}\3[0-9]{2}"
    r"|[0-9]{2}([ .\-])[0-9]{3}\4[0-9]{3}"
    r"|[0-9]{3}([ .\-])[0-9]{2}\5[0-9]{3})"
    r"(?![0-9])"
)
EMAIL = r"[A-Za-z0-9._%+\-]+@((?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,})"
# The word first ("BSN: 123456782", "burgerservicenummer is 1234.56.782"), or after the number ("(BSN)").
BSN_WORD = r"(?:bsn|burger ?service ?nummer|sofi ?nummer)"
BSN_NUMBER = r"[0-9](?:[ .]?[0-9]){7,8}"
BSN = (
    rf"\b{BSN_WORD}\b(?:[ \-]?nummer)?[^0-9\n]{{0,20}}?({BSN_NUMBER})(?![0-9])"
    rf"|(?<![0-9])({BSN_NUMBER})(?![0-9])[ ]?[(]?{BSN_WORD}\b"
)
CASE_INSENSITIVE = re.IGNORECASE | re.ASCII


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: where in the text it starts, its level and the Dutch message."""

    offset: int
    level: str  # "fout" or "waarschuwing"
    text: str


@cache
def consumer_domains() -> tuple[str, ...]:
    lines = DOMAINS_PATH.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def consumer_provider(domain: str) -> str | None:
    """The listed domain an address's domain belongs to (itself or a parent), or None."""
    domain = domain.lower()
    return next((d for d in consumer_domains() if domain == d or domain.endswith("." + d)), None)


def passes_eleven_test(number: str) -> bool:
    """The BSN eleven-test: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11 (8 digits: a leading 0)."""
    digits = [int(c) for c in number if c.isdigit()]
    digits = [0] * (9 - len(digits)) + digits
    if len(digits) != 9 or not any(digits):
        return False
    total = sum(weight * digit for weight, digit in zip(range(9, 1, -1), digits[:8])) - digits[8]
    return total % 11 == 0


@cache
def compiled() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return re.compile(EMAIL, re.ASCII), re.compile(MOBILE, re.ASCII), re.compile(BSN, CASE_INSENSITIVE)


def findings(text: str) -> Iterator[Finding]:
    """Every consumer mail address, mobile number and BSN in the text, in order of appearance."""
    # Cheap substring tests first: nearly every text has none of these, and the check reads thousands.
    has_email = "@" in text
    has_mobile = "06" in text or "31" in text
    lower = text.lower()
    has_bsn = "bsn" in lower or "burger" in lower or "sofi" in lower
    if not (has_email or has_mobile or has_bsn):
        return iter(())
    texts = schema.messages()["privacy"]
    email, mobile, bsn = compiled()
    found = []
    for match in email.finditer(text) if has_email else ():
        provider = consumer_provider(match.group(1))
        if provider:
            found.append(Finding(match.start(), "waarschuwing", schema.say(texts["email"], waarde=schema.quote(match.group(0)), aanbieder=provider)))
    for match in mobile.finditer(text) if has_mobile else ():
        found.append(Finding(match.start(), "waarschuwing", schema.say(texts["mobiel"], waarde=schema.quote(match.group(0)))))
    for match in bsn.finditer(text) if has_bsn else ():
        number = match.group(1) or match.group(2)
        if passes_eleven_test(number):
            found.append(Finding(match.start(), "fout", schema.say(texts["bsn"], waarde=schema.quote(number))))
    return iter(sorted(found, key=lambda f: f.offset))


def browser_rules() -> dict[str, Any]:
    """The same rules for the web form's JavaScript (assets/aanmelden.js)."""
    return {"email": EMAIL, "mobiel": MOBILE, "bsn": BSN, "domeinen": list(consumer_domains())}


def in_matter(matter: FrontMatter) -> Iterator[tuple[str, int, Finding]]:
    """(field, file line, finding) for every text value of the front matter and for the body."""
    for key, value in matter.values.items():
        items = value if isinstance(value, list) else [value]
        lines = matter.item_lines.get(key, []) if isinstance(value, list) else []
        for index, item in enumerate(items):
            # Items of a list of objects (lessen: {soort, tekst}) are checked text by text.
            texts = [item] if isinstance(item, str) else [v for v in item.values() if isinstance(v, str)] if isinstance(item, dict) else []
            line = lines[index] if index < len(lines) else matter.key_lines.get(key, 1)
            for text in texts:
                for finding in findings(text):
                    yield key, line, finding
    for finding in findings(matter.body):
        yield BODY_FIELD, matter.body_line + matter.body.count("\n", 0, finding.offset), finding
