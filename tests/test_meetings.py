"""Meetings (bijeenkomsten/): their own schema, checked by `kennisbank check` as strictly as initiatives,
and `kennisbank nieuw --bijeenkomst`."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, project_copy, run_kennisbank
from kennisbank.entries.check_cache import KindCache
from kennisbank.entries import meetings

MEETINGS = FIXTURES / "meetings"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the site fixture's initiatives and the meeting fixtures."""
    root = project_copy(tmp_path / "p", FIXTURES / "site" / "initiatives")
    shutil.copytree(MEETINGS / "bijeenkomsten", root / "bijeenkomsten")
    return root


def test_check_reports_every_meeting_problem_in_order(project: Path) -> None:
    result = run_kennisbank(project, "check", "bijeenkomsten")
    assert result.stdout == (MEETINGS / "expected.txt").read_text(encoding="utf-8")
    assert result.returncode == 1


def test_plain_check_covers_initiatives_and_meetings(project: Path) -> None:
    result = run_kennisbank(project, "check", "--format", "github")
    assert "::error file=bijeenkomsten/alles-fout.md,line=3," in result.stdout
    assert "file=initiatives/zuid-holland/wijkdeal-weesp-test.md" in result.stdout
    assert result.stdout.rstrip().endswith("in 2 van de 11 bestanden")
    assert result.returncode == 1


def test_a_named_meeting_is_reported_alone(project: Path) -> None:
    result = run_kennisbank(project, "check", "bijeenkomsten/eind-voor-begin.md")
    lines = result.stdout.splitlines()
    assert lines[:-1] == [
        "bijeenkomsten/eind-voor-begin.md:1: gemeente: vul een gemeente in, of zet online: true voor een bijeenkomst die alleen online is",
        "bijeenkomsten/eind-voor-begin.md:6: eindtijd: eindtijd '19:00' ligt niet na de begintijd 20:00",
    ]
    assert run_kennisbank(project, "check", "bijeenkomsten/wijkavond-vlissingen.md").returncode == 0


def test_valid_meetings_are_read_with_times_places_and_initiatives(project: Path) -> None:
    slugs = meetings.initiative_slugs(project / "initiatives")
    result = meetings.check_meetings([project / "bijeenkomsten"], slugs)
    found = {m.slug: m for m in result.meetings}
    assert set(found) == {"wijkavond-vlissingen", "congres-online", "kwaadaardige-bijeenkomst"}
    avond = found["wijkavond-vlissingen"]
    assert (avond.start, avond.end) == (dt.datetime(2026, 3, 12, 19, 30), dt.datetime(2026, 3, 12, 21, 30))
    assert avond.gemeente is not None and avond.gemeente.code == "GM0718" and not avond.online
    assert avond.initiatieven == ("menukaart-vlissingen",) and [t.slug for t in avond.themas] == ["openbare-ruimte"]
    congres = found["congres-online"]
    assert congres.online and congres.gemeente is None
    assert congres.end == dt.datetime(2026, 5, 21, 16, 0)  # the last day's end time
    hostile = found["kwaadaardige-bijeenkomst"]
    assert hostile.titel == "<script>alert('bijeenkomst')</script> Kwaad [x](javascript:alert(1))"  # kept as typed, as data


def test_a_build_stops_on_a_broken_meeting(project: Path) -> None:
    result = run_kennisbank(project, "build")
    assert result.returncode == 1
    assert "bijeenkomsten/alles-fout.md:3: samenvatting:" in result.stderr
    assert not (project / "site" / "index.html").exists()


def test_nieuw_bijeenkomst_writes_a_skeleton_the_check_reads(project: Path) -> None:
    shutil.rmtree(project / "bijeenkomsten")
    result = run_kennisbank(project, "nieuw", "--bijeenkomst", "--titel", "Buurtavond Oost", "--gemeente", "Vlissingen",
                            "--datum", "2026-09-01", "--thema", "wonen")
    assert result.returncode == 0, result.stderr
    target = project / "bijeenkomsten" / "buurtavond-oost.md"
    text = target.read_text(encoding="utf-8")
    assert "# Begintijd (verplicht): Hoe laat het begint, als UU:MM (Nederlandse tijd)." in text
    comments = " ".join(text.replace("\n#   ", " ").split())
    assert "# Online (niet verplicht):" in text and "hij alleen online. True of false." in comments
    assert "themas: [wonen]" in text and "# aanmelden:" in text
    assert "bijeenkomsten/buurtavond-oost.md:" in result.stdout and "begintijd: mag niet leeg zijn" in result.stdout
    filled = (text.replace("samenvatting:\n", "samenvatting: Bewoners van Oost praten over wonen in de wijk.\n")
              .replace("begintijd:\n", 'begintijd: "19:30"\n').replace("eindtijd:\n", 'eindtijd: "21:00"\n')
              .replace("organisator:\n", "organisator: Wijkraad Oost\n")
              .replace("Schrijf hier over programma.", "Koffie en gesprek.").replace("Schrijf hier over voor wie.", "Iedereen."))
    target.write_text(filled, encoding="utf-8")
    checked = run_kennisbank(project, "check", "bijeenkomsten/buurtavond-oost.md")
    assert checked.returncode == 0 and checked.stdout.strip() == "1 bestand gecontroleerd: alles in orde", checked.stdout
    again = run_kennisbank(project, "nieuw", "--bijeenkomst", "--titel", "Buurtavond Oost")
    assert again.returncode == 2 and target.read_text(encoding="utf-8") == filled  # never overwritten


def test_free_text_of_a_meeting_must_be_visible_without_control_characters(project: Path) -> None:
    source = project / "bijeenkomsten" / "wijkavond-vlissingen.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("titel: Wijkavond over de menukaart", 'titel: "Wijkavond\\u0007 over de menukaart"')
                      .replace("organisator: Bewonersgroep Oost", 'organisator: "\\u200b\\u200b\\u200b"'), encoding="utf-8")
    lines = run_kennisbank(project, "check", "bijeenkomsten/wijkavond-vlissingen.md").stdout.splitlines()
    assert lines[:-1] == [
        "bijeenkomsten/wijkavond-vlissingen.md:2: titel: bevat een onzichtbaar stuurteken (U+0007); haal het weg",
        "bijeenkomsten/wijkavond-vlissingen.md:9: organisator: mag niet leeg zijn",
    ]


def test_the_preview_reads_only_changed_meetings_again(tmp_path: Path) -> None:
    folder = tmp_path / "bijeenkomsten"
    shutil.copytree(FIXTURES / "site" / "bijeenkomsten", folder)
    slugs = {"buurtmoestuin-delfshaven", "menukaart-vlissingen", "energiecooperaties-nederland", "zorgcooperatie-zeeland", "kwaadaardig-initiatief"}
    cache: KindCache[meetings.MeetingOutcome] = KindCache()
    first = meetings.check_meetings([folder], slugs, cache)
    again = meetings.check_meetings([folder], slugs, cache)
    assert first.meetings and all(a is b for a, b in zip(first.meetings, again.meetings, strict=True))  # not read again
    edited = folder / "open-dag-buurtmoestuin.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("titel: ", "titel: Vernieuwd ", 1), encoding="utf-8")
    after = {m.slug: m for m in meetings.check_meetings([folder], slugs, cache).meetings}
    assert after["open-dag-buurtmoestuin"].titel.startswith("Vernieuwd ")
    assert all(after[m.slug] is m for m in first.meetings if m.slug != "open-dag-buurtmoestuin")
    # Other initiatives: every meeting is judged again, though no meeting file changed.
    judged = meetings.check_meetings([folder], slugs - {"buurtmoestuin-delfshaven"}, cache)
    assert any("buurtmoestuin-delfshaven" in m.text for m in judged.errors)
    assert judged.errors == meetings.check_meetings([folder], slugs - {"buurtmoestuin-delfshaven"}).errors
