"""Write a new initiative file from a few answers, so nobody has to copy keys by hand."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import yaml

from kennisbank import places
from kennisbank.validate import LANDELIJK

SECTIONS = ("Aanpak", "Resultaten", "Geleerde lessen", "Rol van de gemeente")
FIELD_ORDER = (
    "titel", "samenvatting", "gemeente", "themas", "status", "startjaar", "eindjaar",
    "initiatiefnemer", "rol_overheid", "partners", "website", "contact", "trefwoorden", "bijgewerkt",
)


def front_matter(answers: dict[str, object]) -> str:
    """YAML for the answers in the documented field order; lists in flow style, one per line."""
    lines = []
    for key in FIELD_ORDER:
        value = answers.get(key)
        if value in (None, "", [], ()):
            continue
        # Lists in flow style ([a, b]), scalars in block style; safe_dump quotes what YAML would misread.
        flow = None if isinstance(value, (list, tuple)) else False
        dumped = yaml.safe_dump({key: list(value) if isinstance(value, tuple) else value}, allow_unicode=True, default_flow_style=flow, width=10_000, sort_keys=False)
        lines.append(dumped.rstrip("\n"))
    return "\n".join(lines)


def body(sections: tuple[str, ...] = SECTIONS) -> str:
    return "\n".join(f"## {title}\n\nSchrijf hier over {title.lower()}.\n" for title in sections)


def file_text(answers: dict[str, object]) -> str:
    answers = {"bijgewerkt": dt.date.today().isoformat(), **answers}
    return f"---\n{front_matter(answers)}\n---\n\n{body()}"


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
