"""A kind of entry (initiatives, meetings, and the kinds that come next), declared once in its schema.

A kind is a schema file `schema/<name>.schema.json` whose `x-soort` says where its files live
(`map`, relative to the project root), its Dutch names (`enkelvoud`, `meervoud`), the folder of its
pages in the site (`paginas`) and the outputs it takes part in (`uitvoer`); the meta-schema
(schema/annotaties.schema.json) lists the keys and outputs. Its page template is
`<name>.md.j2` beside the schema, or the one given.

Initiatives and meetings are declared this way (`builtin`), and the commands find their folders
here. A kind without code of its own is checked by entries.entry_check, and gets its pages from
pages.entry_pages and its JSON and CSV from exports.entry_exports, driven by this declaration alone.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kennisbank import PACKAGE_DIR

SCHEMA_DIR = PACKAGE_DIR / "schema"
SCHEMA_SUFFIX = ".schema.json"
INITIATIVE, MEETING = "initiatief", "bijeenkomst"


class KindError(ValueError):
    """A schema that declares no usable kind: the message names the file and what is missing."""


@dataclass(frozen=True)
class Kind:
    name: str  # the schema's base name: "initiatief", "bijeenkomst"
    schema_path: Path
    template: Path
    folder: str  # the source folder, relative to the project root
    singular: str  # Dutch, as in "een bijeenkomst"
    plural: str
    pages: str  # the folder of its pages in the site
    outputs: frozenset[str]

    def schema(self) -> dict[str, Any]:
        return read_schema(self.schema_path)

    def properties(self) -> dict[str, dict[str, Any]]:
        return dict(self.schema()["properties"])

    def required(self) -> list[str]:
        return list(self.schema().get("required", []))

    def source_folder(self, root: Path) -> Path:
        """Where its files live in the project at `root`, wherever the command runs."""
        return root / self.folder


@cache
def read_schema(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def declared(schema_path: Path, template: Path | None = None) -> Kind:
    """The kind that a schema file declares in its `x-soort`."""
    name = schema_path.name.removesuffix(SCHEMA_SUFFIX)
    declaration = read_schema(schema_path).get("x-soort")
    if not isinstance(declaration, dict):
        raise KindError(f"{schema_path.name}: x-soort ontbreekt (map, enkelvoud, meervoud, paginas, uitvoer)")
    missing = [key for key in ("map", "enkelvoud", "meervoud", "paginas", "uitvoer") if key not in declaration]
    if missing:
        raise KindError(f"{schema_path.name}: x-soort mist {', '.join(missing)}")
    return Kind(
        name=name, schema_path=schema_path, template=template or schema_path.with_name(f"{name}.md.j2"),
        folder=str(declaration["map"]), singular=str(declaration["enkelvoud"]), plural=str(declaration["meervoud"]),
        pages=str(declaration["paginas"]), outputs=frozenset(declaration["uitvoer"]),
    )


@cache
def builtin() -> dict[str, Kind]:
    """The kinds the package ships, by name: initiatives and meetings (their templates live in pages/)."""
    templates = PACKAGE_DIR / "pages" / "templates"
    return {name: declared(SCHEMA_DIR / f"{name}{SCHEMA_SUFFIX}", templates / f"{name}.md.j2") for name in (INITIATIVE, MEETING)}


def extra(schema_dir: Path = SCHEMA_DIR) -> list[Kind]:
    """The kinds beyond initiatives and meetings: every other schema in the folder that declares x-soort.

    They have no code of their own: entry_check, pages.entry_pages and exports.entry_exports make
    their messages, pages and data from the declaration.
    """
    found = []
    for path in sorted(schema_dir.glob(f"*{SCHEMA_SUFFIX}")):
        name = path.name.removesuffix(SCHEMA_SUFFIX)
        if name not in builtin() and "x-soort" in read_schema(path):
            found.append(declared(path))
    return found


def initiatives() -> Kind:
    return builtin()[INITIATIVE]


def meetings() -> Kind:
    return builtin()[MEETING]
