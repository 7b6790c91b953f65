"""Body headings that older templates asked for and the front matter now holds.

Lessons live in `lessen` (structured, shown on the page and gathered on the Lessen page) and the
government's role in `rol_overheid` with one `rol_toelichting`; a prose section beside them said
the same thing twice. Files written with the old template still pass: this is a warning that says
where the text belongs now.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kennisbank.entries import schema
from kennisbank.entries.frontmatter import FrontMatter

# The heading's whole text, any level from ## on; '# Lessen' (the title level) is not a section.
HEADINGS = {
    "geleerde lessen": "kop_lessen",
    "lessen": "kop_lessen",
    "rol van de gemeente": "kop_rol",
    "rol van de overheid": "kop_rol",
}
HEADING = re.compile(r"^[ ]{0,3}#{2,6}[ \t]+(.+?)[ \t#]*$", re.M)


def in_matter(matter: FrontMatter) -> Iterator[tuple[int, str]]:
    """(file line, warning) for every retired heading in the body."""
    texts = schema.messages()["tekst"]
    steps = ", ".join(schema.properties()["rol_overheid"]["enum"])
    for match in HEADING.finditer(matter.body):
        key = HEADINGS.get(" ".join(match.group(1).split()).lower())
        if key:
            line = matter.body_line + matter.body.count("\n", 0, match.start())
            yield line, schema.say(texts[key], waarde=schema.quote(match.group(0).strip()), keuzes=steps)
