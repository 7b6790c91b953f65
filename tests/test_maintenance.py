"""`kennisbank onderhoud`: the maintainers' list over the fixture tree, as golden files, and its link history."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, run_kennisbank
from golden import assert_golden
from kennisbank.maintenance import link_history
from kennisbank.maintenance.linkcheck import Link, LinkResult
from kennisbank.maintenance.todo_list import escape_markdown

GOLDEN = Path(__file__).resolve().parent / "golden" / "onderhoud"
TODAY = "2026-01-15"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("onderhoud")
    shutil.copytree(FIXTURES / "onderhoud" / "initiatives", root / "initiatives")
    shutil.copy(FIXTURES / "onderhoud" / "linkgeschiedenis.json", root / "linkgeschiedenis.json")
    return root


@pytest.mark.parametrize(("output_format", "golden"), [("text", "lijst.txt"), ("markdown", "lijst.md"), ("json", "lijst.json")])
def test_list_matches_golden(project: Path, output_format: str, golden: str) -> None:
    args = ["onderhoud", "--datum", TODAY, "--history", "linkgeschiedenis.json"]
    result = run_kennisbank(project, *args, *(["--format", output_format] if output_format != "text" else []))
    assert result.returncode == 0, result.stderr
    assert_golden(result.stdout, GOLDEN / golden)


def test_list_has_every_group_in_order(project: Path) -> None:
    result = run_kennisbank(project, "onderhoud", "--datum", TODAY, "--history", "linkgeschiedenis.json", "--format", "json")
    data = json.loads(result.stdout)
    groups = {g["sleutel"]: [(p["bestand"], p["melding"]) for p in g["punten"]] for g in data["groepen"]}
    assert list(groups) == ["verouderd", "lopend", "websites", "controle", "map"]
    stale = [path for path, _ in groups["verouderd"]]
    assert stale[:3] == ["initiatives/utrecht/g1000-amersfoort-2014.md", "initiatives/utrecht/g1000-amersfoort-2016.md", "initiatives/overijssel/buurtbus-raalte.md"]
    assert "initiatives/noord-holland/taalcafe-zwolle.md" in stale  # 2021-09-30: more than two years
    assert [path for path, _ in groups["lopend"]] == [
        "initiatives/overijssel/buurtbus-raalte.md", "initiatives/landelijk/repair-cafe.md", "initiatives/noord-holland/taalcafe-zwolle.md",
    ]  # started before 2016 and not updated since 2024-01-15; buurthuis-raalte (2018) and others are not
    # Only addresses still in an entry; 'sinds' from the history.
    assert groups["websites"] == [
        ("initiatives/utrecht/g1000-amersfoort-2014.md", "https://www.g1000amersfoort.nl/2014: HTTP 404, faalt sinds 2025-10-06 (3 maanden)"),
        ("initiatives/zuid-holland/buurtmoestuin-delfshaven.md", "https://buurtmoestuin.example.nl: geen antwoord (timed out), faalt sinds 2026-01-12 (3 dagen)"),
    ]
    checks = [text for _, text in groups["controle"]]
    assert sum("lijkt op" in text for text in checks) == 6 and any("'Weesp' is op 24 maart 2022 opgegaan" in text for text in checks)
    assert groups["map"] == [("initiatives/noord-holland/taalcafe-zwolle.md", "het bestand staat in initiatives/noord-holland/, maar hoort in initiatives/overijssel/; verplaats het daarheen (elk initiatief staat in de map van de provincie van zijn gemeente, of in landelijk/)")]


def test_without_history_and_bad_arguments(project: Path) -> None:
    result = run_kennisbank(project, "onderhoud", "--datum", TODAY, "--history", "bestaat-niet.json")
    assert result.returncode == 0 and "nog geen linkcontrole bekend" in result.stdout
    assert run_kennisbank(project, "onderhoud", "--datum", "15-01-2026").returncode == 2
    assert run_kennisbank(project, "onderhoud", "nergens").returncode == 2


def test_markdown_keeps_quoted_text_inert() -> None:
    assert escape_markdown("<b>@iemand</b> [x](javascript:y)") == r"\<b\>\@iemand\</b\> \[x\](javascript:y)"


def result(source: str, url: str, status: int | None) -> LinkResult:
    return LinkResult(Link(source, url), status, None if status else "timed out")


def test_history_keeps_the_first_day_of_a_run_of_failures(tmp_path: Path) -> None:
    first = link_history.updated(link_history.load(None), [result("a.md", "https://a.nl", 404), result("b.md", "https://b.nl", 200)], dt.date(2026, 1, 5))
    assert first == {"datum": "2026-01-05", "dood": {"https://a.nl": {"sinds": "2026-01-05", "reden": "HTTP 404", "bestanden": ["a.md"]}}}
    path = tmp_path / "h.json"
    link_history.save(path, first)
    later = link_history.updated(link_history.load(path), [result("a.md", "https://a.nl", None), result("c.md", "https://a.nl", None)], dt.date(2026, 1, 12))
    assert later["dood"]["https://a.nl"] == {"sinds": "2026-01-05", "reden": "geen antwoord (timed out)", "bestanden": ["a.md", "c.md"]}
    healed = link_history.updated(later, [result("a.md", "https://a.nl", 200)], dt.date(2026, 1, 19))
    assert healed == {"datum": "2026-01-19", "dood": {}}
    path.write_text("geen json", encoding="utf-8")
    assert link_history.load(path) == {"datum": None, "dood": {}}
