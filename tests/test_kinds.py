"""A kind of entry declared once: the shipped kinds' declarations, and a small extra kind (a schema
and a template in tests/fixtures/kinds, nothing else) that gets its check messages, pages, a list
page, JSON and CSV from the shared machinery, in a real build of a throw-away project."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, project_copy
from kennisbank import urls
from kennisbank.entries import entry_check, kinds, meetings, schema_annotations
from kennisbank.entries.kinds import Kind

KIND_FIXTURES = FIXTURES / "kinds"
BOOKS = KIND_FIXTURES / "boeken"


@pytest.fixture
def books() -> Kind:
    return kinds.declared(KIND_FIXTURES / "boek.schema.json")


# ---------- the declarations ----------

def test_initiatives_and_meetings_are_declared_in_their_schemas() -> None:
    initiative, meeting = kinds.initiatives(), kinds.meetings()
    assert (initiative.folder, initiative.singular, initiative.plural, initiative.pages) == ("initiatives", "initiatief", "initiatieven", "initiatieven")
    assert (meeting.folder, meeting.singular, meeting.plural, meeting.pages) == ("bijeenkomsten", "bijeenkomst", "bijeenkomsten", "bijeenkomsten")
    # The code that places files and pages reads the declaration.
    assert meetings.FOLDER == Path(meeting.folder) and urls.MEETINGS_FOLDER == meeting.pages and urls.INITIATIVES_FOLDER == initiative.pages
    assert initiative.template.is_file() and meeting.template.is_file()


def test_the_package_declares_organisations_and_approaches_beyond_the_two() -> None:
    found = {kind.name: kind for kind in kinds.extra()}
    assert sorted(found) == ["aanpak", "organisatie"]
    assert (found["organisatie"].folder, found["organisatie"].pages, found["aanpak"].folder) == ("organisaties", "organisaties", "aanpakken")
    assert all(kind.template.is_file() for kind in found.values())


def test_a_declaration_without_x_soort_is_refused_by_name(tmp_path: Path) -> None:
    bare = tmp_path / "leeg.schema.json"
    bare.write_text(json.dumps({"properties": {}}), encoding="utf-8")
    with pytest.raises(kinds.KindError, match="leeg.schema.json: x-soort ontbreekt"):
        kinds.declared(bare)
    half = tmp_path / "half.schema.json"
    half.write_text(json.dumps({"x-soort": {"map": "x"}, "properties": {}}), encoding="utf-8")
    with pytest.raises(kinds.KindError, match="half.schema.json: x-soort mist enkelvoud, meervoud, paginas, uitvoer"):
        kinds.declared(half)


def test_the_meta_schema_checks_the_declaration_of_every_kind(tmp_path: Path) -> None:
    shutil.copy(KIND_FIXTURES / "boek.schema.json", tmp_path / "boek.schema.json")
    assert schema_annotations.schema_problems(tmp_path) == []
    broken = json.loads((KIND_FIXTURES / "boek.schema.json").read_text(encoding="utf-8"))
    broken["x-soort"]["uitvoer"] = ["pagina", "kaartje"]
    (tmp_path / "boek.schema.json").write_text(json.dumps(broken), encoding="utf-8")
    kinds.read_schema.cache_clear()
    problems = schema_annotations.schema_problems(tmp_path)
    assert len(problems) == 1 and problems[0].startswith("boek.schema.json: ") and "'kaartje'" in problems[0], problems


# ---------- the extra kind, checked ----------

def test_an_extra_kind_gets_every_message_of_the_broken_file(books: Kind) -> None:
    result = entry_check.check_entries(books, [BOOKS])
    path = "tests/fixtures/kinds/boeken/kapot-boek.md"
    found = [(m.path, m.line, m.field, m.level) for m in result.messages]
    assert found == [
        (path, 1, "samenvatting", "fout"),
        (path, 2, "titel", "fout"),
        (path, 3, "themas", "fout"),
        (path, 4, "schrijver", "fout"),
        (path, 5, "website", "fout"),
        (path, 6, "bijgewerkt", "fout"),
    ], result.messages
    texts = [m.text for m in result.messages]
    assert texts[0] == "verplicht veld ontbreekt"
    assert texts[1] == "moet 3 tot 120 tekens lang zijn; nu 2"
    assert texts[2].startswith("onbekend thema 'onbestaand'. Kies uit: openbare-ruimte, ")
    assert texts[3].startswith("onbekend veld 'schrijver'. Toegestaan zijn: titel, samenvatting, themas, uitgever")
    assert texts[4] == "geen geldig webadres: 'javascript:alert(1)'; schrijf een volledig adres dat begint met https://"
    assert texts[5] == "datum '2099-01-01' ligt in de toekomst; gebruik de datum waarop u de gegevens controleerde"
    assert [e.slug for e in result.entries] == ["handboek-buurtrechten"]
    entry = result.entries[0]
    assert [t.slug for t in entry.themas] == ["democratie", "openbare-ruimte"] and str(entry.bijgewerkt) == "2026-11-30"


# ---------- the extra kind, built ----------

BUILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from kennisbank.entries import kinds
from kennisbank.site import pipeline
sys.exit(pipeline.build(Path("site"), others=[*kinds.extra(), kinds.declared(Path(sys.argv[1]))]))
"""


def build_with(project: Path, schema_file: Path) -> subprocess.CompletedProcess[str]:
    """`kennisbank build` of the project, with the extra kind declared by schema_file (in a child process)."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-c", BUILD, str(schema_file), str(REPO / "scripts")], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def book_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kinds")
    project = project_copy(root / "project", FIXTURES / "site" / "initiatives")
    shutil.copytree(BOOKS, project / "boeken")
    for name in ("boek.schema.json", "boek.md.j2"):
        shutil.copy(KIND_FIXTURES / name, root / name)
    return project


def test_an_extra_kinds_errors_stop_the_build_like_an_initiatives(book_project: Path) -> None:
    refused = build_with(book_project, book_project.parent / "boek.schema.json")
    assert refused.returncode == 1, refused.stderr
    assert "Traceback" not in refused.stderr
    assert "boeken/kapot-boek.md:5: website: geen geldig webadres: 'javascript:alert(1)'" in refused.stderr
    assert "de site wordt niet gebouwd zolang er fouten zijn" in refused.stderr


def test_an_extra_kind_gets_pages_a_list_json_and_csv(book_project: Path) -> None:
    (book_project / "boeken" / "kapot-boek.md").unlink()
    built = build_with(book_project, book_project.parent / "boek.schema.json")
    assert built.returncode == 0, built.stdout + built.stderr
    site = book_project / "site"

    page = (site / "boeken" / "handboek-buurtrechten.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Handboek buurtrechten</h1>" in page
    assert '<a href="../themas/democratie.html">Democratie en zeggenschap</a>' in page
    assert '<a href="https://voorbeeld.nl/handboek" rel="nofollow noopener">voorbeeld.nl/handboek</a>' in page
    assert "Uitgeverij Voorbeeld" in page and "=SOM(A1)" in page
    # Typed HTML is shown as text, never run.
    assert "&lt;script&gt;alert('boek')&lt;/script&gt; blijft tekst." in page.replace("&#39;", "'") and "<script>alert" not in page
    assert '<a href="index.html">Alle boeken</a>' in page

    listing = (site / "boeken" / "index.html").read_text(encoding="utf-8")
    assert "Boeken</h1>" in listing and "1 boek in de kennisbank." in listing
    assert '<a href="handboek-buurtrechten.html">Handboek buurtrechten</a>' in listing

    data = json.loads((site / "boeken.json").read_text(encoding="utf-8"))
    assert data["aantal"] == 1 and data["bijgewerkt"] == "2026-11-30" and data["licentie"] == "CC BY 4.0"
    (record,) = data["boeken"]
    assert record["slug"] == "handboek-buurtrechten" and record["themas"] == ["democratie", "openbare-ruimte"]
    assert record["url"].endswith("/boeken/handboek-buurtrechten.html") and record["bron"].endswith("/boeken/handboek-buurtrechten.md")

    raw = (site / "boeken.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["slug", "titel", "samenvatting", "themas", "uitgever", "trefwoorden", "website", "bijgewerkt", "url", "bron"]
    assert rows[1][3] == "democratie | openbare-ruimte"
    assert rows[1][5] == "right to challenge | =SOM(A1)"  # one cell: only a cell's first character can start a formula
    assert len(rows) == 2
