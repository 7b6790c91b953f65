"""Sources typed one per line (web form, issue form) turned into the objects of the `bronnen` field.

A line holds the web address, optionally a title, and optionally, at its end, the date the page
was consulted: `https://www.voorbeeld.nl/artikel Artikel in de krant 2026-11-30`. The address is
the first word that starts with http:// or https:// (else the first word), so a title typed before
it is understood too. assets/aanmelden.js follows exactly these rules (tests/test_form.py compares).
"""
from __future__ import annotations

import re

WORDS = re.compile(r"[ \t]+")
WEB = re.compile(r"^https?://", re.I)
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Separators people put between address and title ("https://x.nl - Titel"); not part of the title.
EDGES = " \t-–—:|,;"


def source(line: str) -> dict[str, str]:
    """One typed line as a source: url, then titel and geraadpleegd when given."""
    words = [word for word in WORDS.split(line) if word]
    if not words:
        return {}
    position = next((i for i, word in enumerate(words) if WEB.match(word)), 0)
    found = {"url": words.pop(position)}
    consulted = words.pop() if words and DATE.match(words[-1]) else None
    title = " ".join(words).strip(EDGES)
    if title:
        found["titel"] = title
    if consulted:
        found["geraadpleegd"] = consulted
    return found


def sources(lines: list[str]) -> list[dict[str, str]]:
    return [found for found in (source(line) for line in lines) if found]
