"""`kennisbank check FILE`: the named file is judged within its whole initiatives/ tree, and only it is reported."""
from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from conftest import REPO, run_kennisbank
from kennisbank.entries.file_tree import tree_of
from kennisbank.entries.validate import check_paths
from sample_entry import VALID
from sample_entry import write as write_entry

WRITTEN = itertools.count(1)


def write(project: Path, relative: str, text: str) -> Path:
    # A number of its own in each title: two equal entries would (rightly) be reported as duplicates.
    return write_entry(project, relative, text.replace("titel: Buurtmoestuin De Pijp", f"titel: Buurtmoestuin De Pijp {next(WRITTEN)}"))


def test_a_shipped_file_with_links_checked_alone_exits_zero(tmp_path: Path) -> None:
    shutil.copytree(REPO / "initiatives", tmp_path / "initiatives")
    named = Path("initiatives/zeeland/menukaart-vlissingen.md")
    assert ".md)" in (tmp_path / named).read_text(encoding="utf-8"), "the fixture must link to another entry"
    result = run_kennisbank(tmp_path, "check", named.as_posix())
    assert (result.returncode, result.stdout.strip()) == (0, "1 bestand gecontroleerd: alles in orde"), result.stdout


def test_a_broken_link_in_the_named_file_is_still_reported(tmp_path: Path) -> None:
    write(tmp_path, "b/andere.md", VALID)
    write(tmp_path, "noord-holland/moestuin.md", VALID + "\nZie [de ander](andere.md) en [kapot](bestaat-niet.md).\n")
    result = run_kennisbank(tmp_path, "check", "initiatives/noord-holland/moestuin.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "initiatives/noord-holland/moestuin.md:16: tekst: link naar 'bestaat-niet.md' wijst niet naar een bestaand initiatief.",
        "1 fout in 1 van de 1 bestand",
    ]


def test_problems_of_unnamed_files_are_not_reported(tmp_path: Path) -> None:
    write(tmp_path, "noord-holland/moestuin.md", VALID)
    write(tmp_path, "b/kapot.md", VALID.replace("status: lopend", "status: no"))
    result = check_paths([tmp_path / "initiatives" / "noord-holland" / "moestuin.md"], [tmp_path / "initiatives"])
    assert result.messages == [] and len(result.initiatives) == 1 and result.files == 1


def test_a_name_clash_with_an_unnamed_file_is_reported_on_the_named_file(tmp_path: Path) -> None:
    first = write(tmp_path, "a/moestuin.md", VALID)
    second = write(tmp_path, "b/moestuin.md", VALID)
    for named, other in ((first, "initiatives/b/moestuin.md"), (second, "initiatives/a/moestuin.md")):
        result = run_kennisbank(tmp_path, "check", named.relative_to(tmp_path).as_posix())
        assert result.returncode == 1
        shown = named.relative_to(tmp_path).as_posix()
        # (The files also sit outside their province folder: that warning may come first.)
        assert (
            f"{shown}:1: bestand: de naam 'moestuin.md' wordt ook gebruikt door {other}; elke bestandsnaam moet uniek zijn"
        ) in result.stdout.splitlines()


def test_two_named_twins_are_reported_once_as_in_a_full_check(tmp_path: Path) -> None:
    first = write(tmp_path, "a/moestuin.md", VALID)
    second = write(tmp_path, "b/moestuin.md", VALID)
    write(tmp_path, "c/andere.md", VALID)
    named = check_paths([first, second], [tmp_path / "initiatives"])
    full = check_paths([tmp_path / "initiatives"])
    assert [m.text for m in named.messages] == [m.text for m in full.messages if not m.path.endswith("c/andere.md")]
    clashes = [m for m in named.messages if "elke bestandsnaam moet uniek zijn" in m.text]
    assert len(clashes) == 1 and clashes[0].path.endswith("b/moestuin.md")


def test_the_tree_is_the_initiatives_folder_around_the_named_paths(tmp_path: Path) -> None:
    named = write(tmp_path, "a/moestuin.md", VALID)
    assert tree_of([named, named.parent]) == [tmp_path / "initiatives"]
    assert tree_of([tmp_path / "elders.md"]) == []
