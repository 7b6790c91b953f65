"""A new initiative file from answers: the YAML rules the web form's JavaScript follows too.

assets/aanmelden.js writes files with exactly these rules (tests/test_form.py compares the two on
tricky values), so a file made in the browser and one made from a GitHub issue look alike, and
the strict loader reads back the very values that were entered. The rules are deliberately
simple: a value stays plain only when no YAML reader could take it for anything but text;
everything else is double-quoted with escapes, which every YAML reader parses the same way.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from kennisbank.entries import kinds, places, schema
from kennisbank.entries.field_rules import LANDELIJK
from kennisbank.submission.skeleton import SECTIONS, slug_for

ROOT = kinds.initiatives().folder
# Plain only: an ASCII letter first, then letters (also accented Latin), digits, spaces and a few
# harmless marks. No ':', '#', ',', quotes, brackets, '&', '*', '!', '|', '>', '%', '@' or '`'.
PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F .'()/+-]*$")
# Words YAML 1.1 readers turn into booleans or null; quoted whatever their case.
RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
BLANK = " \t\r\n"
NAMED_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}


def strip(text: str) -> str:
    """Trim spaces, tabs and line breaks only (JavaScript's trim() knows other characters)."""
    return text.strip(BLANK)


def needs_escape(code: int) -> bool:
    """Characters PyYAML refuses in a stream, or reads as a line break, or that are invisible."""
    return (
        code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)
    )


def quoted(text: str) -> str:
    """A YAML double-quoted scalar; lone surrogates become U+FFFD (they cannot be stored)."""
    out = ['"']
    for char in text:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            char, code = "\ufffd", 0xFFFD
        if char in NAMED_ESCAPES:
            out.append(NAMED_ESCAPES[char])
        elif needs_escape(code):
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def scalar(value: str | int | bool) -> str:
    """One value as YAML: booleans and whole numbers plain, text plain only when it cannot mean anything else."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if PLAIN.match(text) and text == strip(text) and text.lower() not in RESERVED:
        return text
    return quoted(text)


def yaml_value(value: object) -> str:
    """A value in YAML flow style: lists as [a, b], objects (items such as lessons) as {key: value}."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(str(key))}: {yaml_value(item)}" for key, item in value.items()) + "}"
    return scalar(value)  # type: ignore[arg-type]


def is_object_list(value: object) -> bool:
    return isinstance(value, (list, tuple)) and bool(value) and all(isinstance(item, dict) for item in value)


def object_lines(value: list[dict[str, object]]) -> list[str]:
    """A list of objects (the sources) in block style: '  - url: ...' with its other keys below."""
    lines: list[str] = []
    for item in value:
        pairs = [f"{key}: {scalar(text)}" for key, text in item.items() if not is_empty(text)]  # type: ignore[arg-type]
        lines.extend(f"  - {pair}" if index == 0 else f"    {pair}" for index, pair in enumerate(pairs))
    return lines


def field_text(key: str, value: object) -> str:
    if is_object_list(value):
        return "\n".join([f"{key}:", *object_lines(value)])  # type: ignore[arg-type]
    return f"{key}: {yaml_value(value)}"


def is_empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, (list, tuple)) and not value)


def front_matter(answers: dict[str, object], keys: Iterable[str] | None = None) -> str:
    """'key: value' lines in the schema's field order; unknown keys and empty values left out.

    keys: the field order of another schema (the meetings'); the initiative schema's by default."""
    return "\n".join(
        field_text(key, answers[key])
        for key in (schema.properties() if keys is None else keys)
        if key in answers and not is_empty(answers[key])
    )


def body(sections: dict[str, str], titles: Iterable[str] = SECTIONS) -> str:
    """The Markdown sections that were filled in, in the fixed order, each under its heading."""
    parts = []
    for title in titles:
        text = strip(sections.get(title, "").replace("\r\n", "\n").replace("\r", "\n"))
        if text:
            parts.append(f"## {title}\n\n{text}\n")
    return "\n".join(parts)


def file_text(answers: dict[str, object], sections: dict[str, str] | None = None, keys: Iterable[str] | None = None,
              titles: Iterable[str] = SECTIONS) -> str:
    """The file: front matter (the keys of a kind's schema, the initiative's by default), then the filled-in sections."""
    text = f"---\n{front_matter(answers, keys)}\n---\n"
    written = body(sections or {}, titles)
    return f"{text}\n{written}" if written else text


def folder(gemeente: object) -> str:
    """The province folder of the first municipality, 'landelijk', or '' when it is unknown."""
    first = gemeente[0] if isinstance(gemeente, (list, tuple)) and gemeente else gemeente
    if not isinstance(first, str) or not strip(first):
        return ""
    if places.fold(first) == LANDELIJK:
        return LANDELIJK
    lookup = places.lookup_gemeente(first)
    return lookup.gemeenten[0].provincie.slug if lookup.gemeenten else ""


def path_for(answers: dict[str, object]) -> str:
    """initiatives/<provincie-slug or landelijk>/<slug of the title>.md (repository-relative)."""
    name = f"{slug_for(str(answers.get('titel') or ''))}.md"
    where = folder(answers.get("gemeente"))
    return str(PurePosixPath(ROOT, where, name) if where else PurePosixPath(ROOT, name))
