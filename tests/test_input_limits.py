"""Inputs are bounded before work is spent on them, and values are exact (whole-value patterns)."""
from __future__ import annotations

import time
from pathlib import Path

from conftest import project_copy, run_kennisbank
from kennisbank.entries.file_check import MAX_SLUG
from kennisbank.entries.validate import check_paths
from sample_entry import VALID, write


def test_a_date_with_a_final_newline_is_refused_not_lost(tmp_path: Path) -> None:
    write(tmp_path, "noord-holland/tuin.md", VALID.replace("bijgewerkt: 2025-01-01", 'bijgewerkt: "2025-01-01\\n"'))
    result = check_paths([tmp_path / "initiatives"])
    (message,) = result.errors
    assert message.field == "bijgewerkt" and message.line == 9
    assert message.text == "moet een datum zijn in de vorm JJJJ-MM-DD, niet '2025-01-01\\n'"  # the newline shown, on one line
    assert "\n" not in message.text


def test_ten_thousand_sources_cost_one_message_and_no_minutes(tmp_path: Path) -> None:
    sources = "".join(f"  - url: https://voorbeeld.nl/{number}\n" for number in range(10_000))
    write(tmp_path, "noord-holland/tuin.md", VALID.replace("bijgewerkt:", f"bronnen:\n{sources}bijgewerkt:"))
    started = time.perf_counter()
    result = check_paths([tmp_path / "initiatives"])
    seconds = time.perf_counter() - started
    assert [(m.field, m.text) for m in result.errors] == [("bronnen", "mag hoogstens 30 onderdelen hebben; nu 10000")]
    assert seconds < 30, seconds  # generous: it took 89 to 152 s before; a regression shows as minutes


def test_a_long_file_name_is_refused_by_the_check_before_the_build_meets_it(tmp_path: Path) -> None:
    name = "a" * 251
    write(tmp_path, f"noord-holland/{name}.md", VALID)
    result = check_paths([tmp_path / "initiatives"])
    (message,) = result.errors
    assert message.field == "bestand"
    assert f"te lang: hoogstens {MAX_SLUG} tekens voor .md, nu 251" in message.text
    assert f"'{'a' * 100}…'" in message.text  # the name is quoted, cut short
    write(tmp_path, f"noord-holland/{'b' * MAX_SLUG}.md", VALID.replace("De Pijp", "Oost"))
    assert [m.path for m in check_paths([tmp_path / "initiatives"]).errors] == [message.path]


def test_the_longest_accepted_file_name_builds(tmp_path: Path) -> None:
    source = tmp_path / "bron"
    write(source, f"noord-holland/{'b' * MAX_SLUG}.md", VALID)
    project = project_copy(tmp_path / "project", source / "initiatives")
    result = run_kennisbank(project, "build")
    assert result.returncode == 0, result.stderr[-2000:]
    assert (project / "site" / "initiatieven" / f"{'b' * MAX_SLUG}.html").is_file()


def test_nieuw_refuses_a_slug_longer_than_the_check_allows(tmp_path: Path) -> None:
    source = tmp_path / "bron"
    (source / "initiatives").mkdir(parents=True)
    project = project_copy(tmp_path / "project", source / "initiatives")
    result = run_kennisbank(project, "nieuw", "--titel", "Buurtbus", "--gemeente", "Vlissingen", f"--slug={'a' * (MAX_SLUG + 1)}")
    assert result.returncode == 2 and f"hoogstens {MAX_SLUG} tekens" in result.stderr, result.stderr
    assert not list((project / "initiatives").rglob("*.md"))
