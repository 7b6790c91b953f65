"""Check the files of any kind of entry against its schema: the steps every kind shares.

What every kind gets, in this order, with the messages of meldingen.json: the strict reading of
the file (a link, no regular file, a wrong name, bad YAML), unknown and missing keys, the schema's
rules per field (a list far beyond its limit only gets its count), the text rules of free-text
fields, the one web-address rule, the date `bijgewerkt` when the kind has one, themes against the
vocabulary, each source's date, and the body's shape, personal data and placeholders. Meetings add their own rules
after these steps (entries/meetings.py); a kind without rules of its own is checked by
`check_entries` alone and becomes an `Entry`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

import jsonschema

from kennisbank.entries import areas, schema
from kennisbank.entries.areas import Area
from kennisbank.entries.kinds import Kind, read_schema
from kennisbank.entries.model import Message, Thema
from kennisbank.entries.check_cache import KindCache
from kennisbank.entries.field_rules import (
    check_content,
    check_keys,
    check_source_dates,
    check_texts,
    check_web_addresses,
    parse_date,
    plain_value,
    resolve_themas,
)
from kennisbank.entries.file_check import FileCheck, Findings, read_matter
from kennisbank.entries.file_tree import check_duplicate_slugs, discover, display_path

# The strict loader keeps 'true' and 'false' as text; a schema that says boolean means these.
BOOLEANS = {"true": True, "false": False}


@dataclass(frozen=True)
class Entry:
    """A valid entry of a kind without a model of its own: its values as the schema describes them."""

    kind: str
    slug: str
    source: str  # path as shown, '/' separated
    values: dict[str, object] = field(compare=False, hash=False)
    themas: tuple[Thema, ...]
    bijgewerkt: dt.date | None
    body: str
    body_line: int
    area: Area | None = None  # where it works, for a kind with a werkgebied (entries.areas)

    @property
    def titel(self) -> str:
        return str(self.values.get("titel", self.slug))

    @property
    def samenvatting(self) -> str:
        return str(self.values.get("samenvatting", ""))


# One file's outcome: its entry when it is valid, and its messages.
EntryOutcome = tuple[Entry | None, list[Message]]


@dataclass
class KindResult(Findings):
    """What a check of one kind's files found: its valid entries besides the messages."""

    entries: list[Entry] = field(default_factory=list)


@cache
def property_validator(schema_path: Path, name: str) -> jsonschema.protocols.Validator:
    root = read_schema(schema_path)
    return schema.validator(root["properties"][name], root)


def normalised_values(check: FileCheck, properties: dict[str, dict[str, Any]]) -> dict[str, object]:
    """Known, non-empty values; 'true'/'false' where the schema says boolean, one text where it says a list."""
    values: dict[str, object] = {}
    for key, value in check.matter.values.items():
        if key not in properties or value is None:
            continue
        if properties[key].get("type") == "boolean" and isinstance(value, str):
            value = BOOLEANS.get(value.strip().lower(), value)
        if properties[key].get("type") == "array" and isinstance(value, str):
            value = [value]
        values[key] = value
    return values


def check_schema(check: FileCheck, kind: Kind, values: dict[str, object]) -> None:
    """Each field against its rule of the kind's schema, with its own Dutch message."""
    properties = kind.properties()
    for key, value in values.items():
        beyond = schema.over_limit(key, properties[key], value)
        if beyond is not None:
            check.error(key, beyond)
            continue
        for error in property_validator(kind.schema_path, key).iter_errors(value):
            index = error.path[0] if error.path and isinstance(error.path[0], int) else None
            check.error(key, schema.error_text(key, error), index)


def shared_checks(check: FileCheck, kind: Kind) -> dict[str, object]:
    """The steps every kind shares, on a file already read into check.matter; returns its values."""
    for problem in check.matter.problems:
        check.error(problem.field_name, problem.text, line=problem.line)
    properties = kind.properties()
    check_keys(check, list(properties), kind.required())
    values = normalised_values(check, properties)
    check_schema(check, kind, values)
    check_texts(check, values, tuple(name for name, rule in properties.items() if schema.is_free_text(rule)))
    check_web_addresses(check, values, properties)
    if "bronnen" in properties:
        check_source_dates(check, values)
    return values


def check_entry(kind: Kind, path: Path) -> EntryOutcome:
    check = FileCheck(display_path(path))
    if not read_matter(check, path):
        return None, check.messages
    values = shared_checks(check, kind)
    properties = kind.properties()
    bijgewerkt = parse_date(check, values) if "bijgewerkt" in properties else None
    found_themas = resolve_themas(check, values) if properties.get("themas", {}).get("x-kind") == "thema" else ()
    area = resolve_area(check, properties, values)
    check_content(check)
    if check.failed:
        return None, check.messages
    entry = Entry(
        kind=kind.name, slug=path.stem, source=check.path, values={key: plain_value(value) for key, value in values.items()},
        themas=found_themas, bijgewerkt=bijgewerkt, body=check.matter.body, body_line=check.matter.body_line, area=area,
    )
    return entry, check.messages


def resolve_area(check: FileCheck, properties: dict[str, dict[str, Any]], values: dict[str, object]) -> Area | None:
    """The werkgebied of a kind that has one, its findings reported on the field (and item)."""
    name = next((key for key, rule in properties.items() if rule.get("x-kind") == "werkgebied"), None)
    if name is None or name not in values:
        return None
    area, findings = areas.resolve(values[name])
    for finding in findings:
        (check.error if finding.level == "fout" else check.warning)(name, finding.text, finding.index)
    return area


class Sourced(Protocol):
    @property
    def source(self) -> str: ...


Checked = TypeVar("Checked", bound=Sourced)


def gathered(files: list[Path], outcomes: Iterable[tuple[Checked | None, list[Message]]]) -> tuple[list[Message], list[Checked]]:
    """Every kind's files, judged together: all messages in file and line order (file names used
    twice among them too), and the valid entries of the files without an error."""
    messages: list[Message] = []
    found: list[Checked] = []
    for entry, said in outcomes:
        messages.extend(said)
        if entry:
            found.append(entry)
    messages.extend(check_duplicate_slugs(files))
    messages.sort(key=lambda m: (m.path, m.line))
    invalid = {m.path for m in messages if m.level == "fout"}
    return messages, [entry for entry in found if entry.source not in invalid]


def check_entries(kind: Kind, paths: Iterable[Path], cache: KindCache[EntryOutcome] | None = None) -> KindResult:
    """Every file of the kind under the given paths: all messages at once, and the valid entries.
    With a cache (the live preview's), unchanged files under the same declaration are not read again."""
    files = discover(paths)
    result = KindResult(files=len(files))

    def check(path: Path) -> EntryOutcome:
        return check_entry(kind, path)

    outcomes = cache.outcomes(files, kind, check) if cache else [check(path) for path in files]
    result.messages, result.entries = gathered(files, outcomes)
    return result
