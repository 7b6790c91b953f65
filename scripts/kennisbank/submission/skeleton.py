"""Write a new initiative file from a few answers, so nobody has to copy keys by hand.

The front matter holds every field of the schema, in the schema's order, each under a short Dutch
comment saying what it means and what is allowed (read from the schema's keywords, so a new
property shows up here by itself). Required fields that were not answered stay empty, so the
check points at them; optional ones are commented out until someone fills them in.
"""
from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path
from typing import Any

import yaml

from kennisbank.entries import placeholders, places, schema
from kennisbank.entries.themes import themas
from kennisbank.entries.field_rules import LANDELIJK

# Lessons and the government's role are fields (lessen, rol_overheid, rol_toelichting), not prose
# sections: one place each (entries.retired_headings warns about the old headings).
SECTIONS = ("Aanpak", "Resultaten")
COMMENT_WIDTH = 100
INTRO = (
    "Vul de velden in; de regel boven elk veld zegt wat er mag. Velden met (verplicht) moeten een "
    "waarde hebben. Wilt u een ander veld gebruiken, haal dan het '# ' voor de veldnaam weg. "
    "Controleer het bestand met: kennisbank check"
)


def count_text(low: int | None, high: int | None, unit: str, units: str) -> str | None:
    """'3 tot 120 tekens', 'hoogstens 30 onderdelen', 'minstens 20 tekens'; nothing for 'not empty'."""
    if low and high:
        return f"{low} tot {high} {units}"
    if high:
        return f"hoogstens {high} {units}"
    if low and (low > 1 or unit != "teken"):
        return f"minstens {low} {unit if low == 1 else units}"
    return None


def allowed(rule: dict[str, Any]) -> list[str]:
    """What a property's value may be, in short Dutch phrases, read from its JSON Schema keywords."""
    if "oneOf" in rule:
        return [", of ".join(", ".join(allowed(option)) for option in rule["oneOf"])]
    kind = rule.get("type")
    parts: list[str | None] = []  # None for a count that says nothing; dropped at the end
    if "enum" in rule:
        return [f"kies uit: {', '.join(map(str, rule['enum']))}"]
    if kind == "string":
        if rule.get("format") == "date":
            parts.append("een datum als JJJJ-MM-DD")
        elif rule.get("format") == "uri":
            parts.append("een webadres dat begint met https://")
        else:
            parts.append("tekst")
        parts.append(count_text(rule.get("minLength"), rule.get("maxLength"), "teken", "tekens"))
    elif kind == "integer":
        parts.append("een geheel getal")
        if "minimum" in rule:
            parts.append(f"vanaf {rule['minimum']}")
        if "maximum" in rule or "x-maximum" in rule:
            parts.append(f"tot en met {rule.get('maximum', rule.get('x-maximum'))}")
    elif kind == "array" and rule.get("items", {}).get("type") == "object":
        item = rule["items"]
        keys = [f"{key}{' (verplicht)' if key in item.get('required', []) else ''}: {', '.join(allowed(sub))}"
                for key, sub in item.get("properties", {}).items()]
        count = count_text(rule.get("minItems"), rule.get("maxItems"), "onderdeel", "onderdelen")
        parts.append(f"een lijst{f' van {count}' if count else ''}, elk onderdeel op een eigen regel met een streepje ervoor (zie het voorbeeld), met "
                     + "; ".join(keys))
    elif kind == "array":
        parts.append("een lijst als [a, b]")
        parts.append(count_text(rule.get("minItems"), rule.get("maxItems"), "onderdeel", "onderdelen"))
        items = allowed(rule.get("items", {}))
        if items and items != ["tekst"]:
            parts.append("elk " + ", ".join(items).removeprefix("tekst, "))
    elif kind == "boolean":
        parts.append("true of false")
    elif kind:
        parts.append(str(kind))
    if rule.get("x-kind") == "thema":
        parts.append(f"kies uit: {', '.join(t.slug for t in themas())}")
    return [part for part in parts if part]


def sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def comment(name: str, rule: dict[str, Any], required: bool) -> list[str]:
    """The comment lines above one field: title, required or not, description, what is allowed."""
    label = f"{rule.get('title', name)} ({'verplicht' if required else 'niet verplicht'}):"
    text = " ".join(part for part in (label, sentence(rule.get("description", "")), sentence(", ".join(allowed(rule)))) if part)
    return textwrap.wrap(text, COMMENT_WIDTH - 2, initial_indent="# ", subsequent_indent="#   ", break_on_hyphens=False)


def is_empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, (list, tuple)) and not value)


def field_line(name: str, value: object) -> str:
    """`name: value` as YAML: lists in flow style ([a, b]); safe_dump quotes what YAML would misread."""
    flow = None if isinstance(value, (list, tuple)) else False
    data = {name: list(value) if isinstance(value, tuple) else value}
    return yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, width=10_000, sort_keys=False).rstrip("\n")


def front_matter(answers: dict[str, object], rules: dict[str, Any] | None = None) -> str:
    """Every property of the schema in its order: answered ones filled in, required ones empty, the rest commented out."""
    rules = rules or schema.schema()
    required = set(rules.get("required", []))
    lines = textwrap.wrap(INTRO, COMMENT_WIDTH - 2, initial_indent="# ", subsequent_indent="# ")
    for name, rule in rules["properties"].items():
        lines.extend(comment(name, rule, name in required))
        value = answers.get(name)
        if not is_empty(value):
            lines.append(field_line(name, value))
        else:
            lines.append(f"{name}:" if name in required else f"# {name}:")
            if name not in required:
                lines.extend(example_lines(rule))
    return "\n".join(lines)


def example_lines(rule: dict[str, Any]) -> list[str]:
    """A commented-out example for a list of objects (the sources), whose form a comment cannot show."""
    if rule.get("type") != "array" or rule.get("items", {}).get("type") != "object" or not rule.get("examples"):
        return []
    dumped = yaml.safe_dump(rule["examples"][0], allow_unicode=True, default_flow_style=False, width=10_000, sort_keys=False)
    return [f"#   {line}" for line in dumped.splitlines()]


def body(sections: tuple[str, ...] = SECTIONS) -> str:
    return "\n".join(f"## {title}\n\n{placeholders.sentence(title)}\n" for title in sections)


def file_text(answers: dict[str, object], rules: dict[str, Any] | None = None, sections: tuple[str, ...] = SECTIONS) -> str:
    """A new file of any kind: its schema's fields (the initiative's by default) under their comments, then the sections."""
    answers = {"bijgewerkt": dt.date.today().isoformat(), **answers}
    return f"---\n{front_matter(answers, rules)}\n---\n\n{body(sections)}"


MEETING_SECTIONS = ("Programma", "Voor wie")
# The body of an organisation or approach is one text; everything else is a field.
ENTRY_SECTIONS = {"organisatie": ("Wat de organisatie doet",), "aanpak": ("Wat de aanpak is",)}


def entry_file_text(answers: dict[str, object], rules: dict[str, Any], kind: str) -> str:
    """A file of a further kind (organisation, approach): its schema's fields under their comments."""
    return file_text(answers, rules, ENTRY_SECTIONS.get(kind, ("Tekst",)))


def meeting_file_text(answers: dict[str, object], rules: dict[str, Any]) -> str:
    """A meeting file: the meeting schema's fields under their comments, then a short body."""
    return file_text(answers, rules, MEETING_SECTIONS)


def folder_for(gemeente: object, root: Path) -> Path:
    """initiatives/<provincie-slug>/ for one municipality, initiatives/landelijk/ for national ones."""
    first = gemeente[0] if isinstance(gemeente, list) and gemeente else gemeente
    if not isinstance(first, str) or first.strip().casefold() == LANDELIJK:
        return root / LANDELIJK
    lookup = places.lookup_gemeente(first)
    return root / lookup.gemeenten[0].provincie.slug if lookup.gemeenten else root


def slug_for(titel: str) -> str:
    return places.slugify(titel)[:60].strip("-") or "nieuw-initiatief"


class OutsideFolder(Exception):
    """The target would land outside the initiatives folder (through a symbolic link)."""


def write_new(target: Path, root: Path, text: str) -> None:
    """Create target as a new regular file inside root; never overwrite, never write through a link.

    Raises FileExistsError when anything (also a dangling symbolic link) is at the target path.
    """
    folder = target.parent
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise OutsideFolder(f"{folder} is geen gewone map (maar bijvoorbeeld een symbolische koppeling); het bestand wordt niet geschreven")
    folder.mkdir(parents=True, exist_ok=True)
    base = root.resolve()
    if folder.resolve() != base and base not in folder.resolve().parents:
        raise OutsideFolder(f"{target} ligt buiten {root}/; het bestand wordt niet geschreven")
    # O_EXCL: fails on any existing entry, a dangling symbolic link included, instead of following it.
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
