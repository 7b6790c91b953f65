"""The example sentences `kennisbank nieuw` puts under each heading, and finding them when left in."""
from __future__ import annotations

import re
from collections.abc import Iterator

from kennisbank.entries import schema
from kennisbank.entries.frontmatter import FrontMatter

PREFIX = "Schrijf hier over"
SENTENCE = re.compile(rf"^[ \t]*({re.escape(PREFIX)}\b[^\n]*)$", re.M)


def sentence(title: str) -> str:
    """The placeholder under a body heading, e.g. 'Schrijf hier over aanpak.'"""
    return f"{PREFIX} {title.lower()}."


def in_matter(matter: FrontMatter) -> Iterator[tuple[int, str]]:
    """(file line, warning) for every placeholder sentence still in the body."""
    if PREFIX not in matter.body:
        return
    template = schema.messages()["tekst"]["plaatshouder"]
    for match in SENTENCE.finditer(matter.body):
        line = matter.body_line + matter.body.count("\n", 0, match.start())
        yield line, schema.say(template, waarde=schema.quote(match.group(1).strip()))
