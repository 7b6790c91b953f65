"""Rules between kinds: an initiative's approaches and the organisations it names.

`aanpakken` is a closed list: the files in aanpakken/ (an unknown slug is an error with
suggestions). An `initiatiefnemer` or partner whose name is close to an organisation's, but not
the same, gets a warning with that name: written the same, the page links to the organisation.
The rules need the other kinds' files, so they run after each kind is checked on its own.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from rapidfuzz import fuzz, process

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


class OrganisationNames:
    """The valid organisations' names, folded once for a whole check, with the nearest name per value.

    Every distinct name an initiative gives is compared with every organisation's name, so the
    comparison runs in C (rapidfuzz's ratio: difflib's 2·M/T, with M the longest common
    subsequence, where difflib's greedy blocks may find a little less) and once per distinct folded
    value: 10,000 initiatives against 500 organisations took 31 s with difflib, once per initiative.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.by_fold = {fold(name): name for name in names}
        self.folded = list(self.by_fold)
        self.nearest: dict[str, str | None] = {}

    def near(self, value: str) -> str | None:
        """The organisation whose name is close to the value but not the same, or None."""
        key = fold(value)
        if key in self.by_fold:
            return None
        if key not in self.nearest:
            best = process.extractOne(key, self.folded, scorer=fuzz.ratio, processor=None, score_cutoff=NEAR * 100)
            self.nearest[key] = self.by_fold[best[0]] if best else None
        return self.nearest[key]


def organisation_messages(initiative: Initiative, lines: dict[str, int], names: OrganisationNames) -> list[Message]:
    """Warnings for names close to an organisation's name but not written the same."""
    template = schema.messages()["velden"]["organisatie"]["bijna"]
    found = []
    for field_name, values in (("initiatiefnemer", (initiative.initiatiefnemer,)), ("partners", initiative.partners)):
        for value in values:
            close = names.near(value)
            if close:
                text = schema.say(template, waarde=schema.quote(value), suggestie=schema.quote(close))
                found.append(Message(initiative.source, lines.get(field_name, 1), field_name, text, "waarschuwing"))
    return found
