"""Rules between kinds: an initiative's approaches and the organisations it names.

`aanpakken` is a closed list: the files in aanpakken/ (an unknown slug is an error with
suggestions). An `initiatiefnemer` or partner whose name is close to an organisation's, but not
the same, gets a warning with that name: written the same, the page links to the organisation.
The rules need the other kinds' files, so they run after each kind is checked on its own.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path

from kennisbank.entries import kinds, schema
from kennisbank.entries.model import Initiative, Message

APPROACHES, ORGANISATIONS = "aanpak", "organisatie"
NEAR = 0.85  # close enough to be a misspelling, far enough apart for 'Energie Samen' and 'Energie Samen Noord'


def approach_slugs(root: Path) -> frozenset[str]:
    """The approaches of the project at root: the file names in aanpakken/ (no folder: none)."""
    kind = next((k for k in kinds.extra() if k.name == APPROACHES), None)
    folder = kind.source_folder(root) if kind else None
    if folder is None or not folder.is_dir():
        return frozenset()
    return frozenset(path.stem for path in folder.rglob("*.md") if path.is_file() and not path.name.startswith("."))


def project_root(files: Iterable[Path]) -> Path | None:
    """The folder that holds the initiatives folder of these files."""
    folder_name = kinds.initiatives().folder
    for path in files:
        for parent in Path(path).absolute().parents:
            if parent.name == folder_name:
                return parent.parent
    return None


def organisation_names(of_kinds: Iterable[tuple[kinds.Kind, Sequence[object]]]) -> list[str]:
    """The names (titel) of the valid organisations among the checked kinds."""
    return [str(getattr(entry, "titel", "")) for kind, entries in of_kinds if kind.name == ORGANISATIONS for entry in entries]


def fold(name: str) -> str:
    return " ".join(name.casefold().split())


def approach_messages(initiative: Initiative, line: int, known: frozenset[str]) -> list[Message]:
    template = schema.messages()["velden"]["aanpakken"]["onbekend"]
    choices = sorted(known)
    found = []
    for slug in initiative.aanpakken:
        if slug not in known:
            text = schema.say(template, waarde=schema.quote(slug), suggestie=schema.suggestion(slug, choices), keuzes=", ".join(choices) or "(nog geen)")
            found.append(Message(initiative.source, line, "aanpakken", text))
    return found


def organisation_messages(initiative: Initiative, lines: dict[str, int], names: Sequence[str]) -> list[Message]:
    """Warnings for names close to an organisation's name but not written the same."""
    template = schema.messages()["velden"]["organisatie"]["bijna"]
    exact = {fold(name) for name in names}
    by_fold = {fold(name): name for name in names}
    found = []
    for field_name, values in (("initiatiefnemer", (initiative.initiatiefnemer,)), ("partners", initiative.partners)):
        for value in values:
            if fold(value) in exact:
                continue
            close = difflib.get_close_matches(fold(value), list(by_fold), n=1, cutoff=NEAR)
            if close:
                text = schema.say(template, waarde=schema.quote(value), suggestie=schema.quote(by_fold[close[0]]))
                found.append(Message(initiative.source, lines.get(field_name, 1), field_name, text, "waarschuwing"))
    return found
