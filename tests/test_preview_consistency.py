"""What the live preview keeps between rounds cannot go stale: after every kind of edit, the preview's
build folder equals what a clean generation writes, byte for byte.

The preview reuses unchanged entries, the pages made from them and the files it left (Preview,
entries.memo, docs_folder.Written); a forgotten input in one of those keys would show an old page,
and only in the preview. Each step below edits one kind of input, lets the preview regenerate as
`kennisbank serve` does, and then generates the same project from nothing (new caches, memos let go).
"""
from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, project_copy
from kennisbank.site import pipeline

CONFIG = Path("mkdocs.yml")


def tree(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*")) if path.is_file()}


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_title(root: Path) -> None:
    replace_in(root / "initiatives/zeeland/menukaart-vlissingen.md", "titel: Menukaart Vlissingen", "titel: Menukaart Vlissingen vernieuwd")


def edit_themes(root: Path) -> None:
    replace_in(root / "initiatives/zeeland/menukaart-vlissingen.md", "themas: [openbare-ruimte, democratie]", "themas: [democratie, voedsel]")


def edit_place(root: Path) -> None:
    replace_in(root / "initiatives/zeeland/menukaart-vlissingen.md", "gemeente: GM0718", "gemeente: Middelburg")


def add_entry(root: Path) -> None:
    source = (root / "initiatives/zeeland/menukaart-vlissingen.md").read_text(encoding="utf-8")
    text = re.sub(r"titel: .*", "titel: Buurtkeuken Middelburg", source, count=1).replace("gemeente: GM0718", "gemeente: Middelburg")
    text = re.sub(r"website: .*\n", "", text)
    (root / "initiatives/zeeland/buurtkeuken-middelburg.md").write_text(text, encoding="utf-8")


def remove_entry(root: Path) -> None:
    (root / "initiatives/zeeland/buurtkeuken-middelburg.md").unlink()  # the one add_entry made: nothing links to it


def edit_meeting(root: Path) -> None:
    replace_in(root / "bijeenkomsten/open-dag-buurtmoestuin.md", "datum: 2031-06-14", "datum: 2031-07-05")
    replace_in(root / "bijeenkomsten/open-dag-buurtmoestuin.md", "titel: Open dag Buurtmoestuin Delfshaven", "titel: Zomerdag Buurtmoestuin")


def move_meeting(root: Path) -> None:
    replace_in(root / "bijeenkomsten/open-dag-buurtmoestuin.md", "gemeente: Rotterdam", "gemeente: Vlissingen")
    replace_in(root / "bijeenkomsten/open-dag-buurtmoestuin.md", "themas: [voedsel]", "themas: [democratie]")


def edit_handwritten_page(root: Path) -> None:
    path = root / "docs/over.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nEen nieuwe alinea over de redactie.\n", encoding="utf-8")


def add_handwritten_page(root: Path) -> None:
    (root / "docs/colofon.md").write_text("# Colofon\n\nGemaakt door vrijwilligers.\n", encoding="utf-8")


def edit_organisation(root: Path) -> None:
    replace_in(root / "organisaties/zeeuwse-dorpen.md", "titel: Zeeuwse Dorpen Steunpunt", "titel: Zeeuwse Dorpen Hulp")


def move_organisation(root: Path) -> None:
    replace_in(root / "organisaties/zeeuwse-dorpen.md", "werkgebied: Zeeland", "werkgebied: [Zeeland, provincie Utrecht]")


def name_organisation(root: Path) -> None:
    replace_in(root / "initiatives/zeeland/menukaart-vlissingen.md", "initiatiefnemer: Gemeente Vlissingen en bewoners", "initiatiefnemer: Zeeuwse Dorpen Hulp")


def use_approach(root: Path) -> None:
    replace_in(root / "initiatives/zeeland/menukaart-vlissingen.md", "themas: [democratie, voedsel]", "themas: [democratie, voedsel]\naanpakken: [menukaart]")


def edit_approach(root: Path) -> None:
    replace_in(root / "aanpakken/menukaart.md", "titel: Menukaart", "titel: Menukaart voor bewoners")


def break_and_mend(root: Path) -> None:
    """An invalid edit keeps the old pages; mending it must bring the preview up to date again."""
    path = root / "initiatives/zeeland/menukaart-vlissingen.md"
    replace_in(path, "status: afgerond", "status: afgerondd")
    assert not pipeline.regenerate(CONFIG, PREVIEW[0])
    replace_in(path, "status: afgerondd", "status: gestopt")


EDITS: list[Callable[[Path], None]] = [
    edit_title, edit_themes, edit_place, add_entry, remove_entry, edit_meeting, move_meeting,
    edit_handwritten_page, add_handwritten_page, edit_organisation, move_organisation, name_organisation, use_approach,
    edit_approach, break_and_mend,
]
PREVIEW: list[pipeline.Preview] = []


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project_copy(tmp_path_factory.mktemp("voorbeeld") / "project", FIXTURES / "site" / "initiatives", FIXTURES / "site" / "bijeenkomsten")
    for folder in ("organisaties", "aanpakken"):  # the other kinds, whose entries the preview keeps too
        shutil.copytree(FIXTURES / "soorten" / folder, root / folder)
    return root


def clean_generation(project: Path, elsewhere: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The build folder that a one-shot generation writes for the project's sources as they are now.

    In a copy of its own, so the preview's folder and what it remembers stay untouched. A fresh
    check makes new entry objects, which no memo knows (they are kept per entry object).
    """
    shutil.rmtree(elsewhere, ignore_errors=True)
    shutil.copytree(project, elsewhere, ignore=shutil.ignore_patterns("build"))
    monkeypatch.chdir(elsewhere)
    try:
        assert pipeline.regenerate(CONFIG, None)
    finally:
        monkeypatch.chdir(project)
    return tree(elsewhere / "build" / "docs")


def test_every_kind_of_edit_leaves_the_preview_equal_to_a_clean_generation(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)  # the pipeline reads initiatives/, bijeenkomsten/ and docs/ of the working directory
    PREVIEW[:] = [pipeline.Preview()]
    assert pipeline.regenerate(CONFIG, PREVIEW[0])
    for edit in EDITS:
        edit(project)
        assert pipeline.regenerate(CONFIG, PREVIEW[0]), edit.__name__
        previewed = tree(project / "build" / "docs")
        clean = clean_generation(project, tmp_path / "schoon", monkeypatch)
        stale = sorted(path for path in previewed.keys() | clean.keys() if previewed.get(path) != clean.get(path))
        assert stale == [], f"after {edit.__name__} the preview kept an old version of {stale[:10]}"
