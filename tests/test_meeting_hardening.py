"""Meetings against awkward input: values with a final newline, dates far away, times that do not
exist or occur twice in Dutch time, and `kennisbank nieuw --bijeenkomst --slug` that leaves its folder.
Each case is refused with a Dutch message, never a traceback."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
from pathlib import Path

import icalendar
import pytest
from conftest import FIXTURES, REPO, project_copy, run_kennisbank
from kennisbank.entries.collection import Collection
from kennisbank.entries import meetings
from kennisbank.entries.meetings import Meeting
from kennisbank.entries.model import Message
from kennisbank.exports import ical, meetings_json
from kennisbank.site import config as siteconfig

MEETING = FIXTURES / "meetings" / "bijeenkomsten" / "wijkavond-vlissingen.md"
INITIATIVES = FIXTURES / "site" / "initiatives"
CONFIG = siteconfig.load(REPO / "mkdocs.yml")
SLUGS = {"menukaart-vlissingen"}


def meeting_text(**fields: str) -> str:
    """The valid fixture meeting with some front-matter lines replaced (values as YAML text)."""
    lines = MEETING.read_text(encoding="utf-8").split("\n")
    for key, value in fields.items():
        found = [i for i, line in enumerate(lines) if line.startswith(f"{key}:")]
        if found:
            lines[found[0]] = f"{key}: {value}"
        else:
            lines.insert(lines.index("bijgewerkt: 2026-01-05"), f"{key}: {value}")
    return "\n".join(lines)


def checked(tmp_path: Path, **fields: str) -> tuple[list[Meeting], list[Message]]:
    folder = tmp_path / "bijeenkomsten"
    folder.mkdir(exist_ok=True)
    path = folder / "test-bijeenkomst.md"
    path.write_text(meeting_text(**fields), encoding="utf-8")
    result = meetings.check_meetings([path], SLUGS)
    return result.meetings, result.messages


def texts(messages: list[Message]) -> list[str]:
    return [f"{m.field}: {m.text}" for m in messages]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return project_copy(tmp_path / "p", INITIATIVES)


# --- 1. every rule matches the whole value ---------------------------------------------------------

@pytest.mark.parametrize(("key", "value", "start"), [
    ("begintijd", '"19:30\\n"', "moet een tijd zijn in de vorm UU:MM (bijvoorbeeld 19:30), niet '19:30"),
    ("eindtijd", '"21:30\\n"', "moet een tijd zijn in de vorm UU:MM (bijvoorbeeld 21:30), niet '21:30"),
    ("begintijd", '"0\\uff19:30"', "moet een tijd zijn in de vorm UU:MM (bijvoorbeeld 19:30), niet '0\uff19:30'"),  # fullwidth 9
    ("datum", '"2026-03-12\\n"', "moet een datum zijn in de vorm JJJJ-MM-DD, niet '2026-03-12"),
    ("einddatum", '"2026-03-13\\n"', "moet een datum zijn in de vorm JJJJ-MM-DD, niet '2026-03-13"),
    ("datum", '"\\u0662\\u0660\\u0662\\u0666-03-12"', "moet een datum zijn in de vorm JJJJ-MM-DD, niet '\u0662\u0660\u0662\u0666-03-12'"),  # Arabic-Indic digits
])
def test_a_value_with_more_than_its_form_is_refused_once(tmp_path: Path, key: str, value: str, start: str) -> None:
    found, messages = checked(tmp_path, **{key: value})
    assert not found
    assert [m.field for m in messages] == [key], texts(messages)  # once: the schema's pattern and this check do not both say it
    assert messages[0].text.startswith(start)


def test_check_with_a_final_newline_in_a_time_says_so_instead_of_crashing(project: Path) -> None:
    (project / "bijeenkomsten").mkdir()
    (project / "bijeenkomsten" / "avond.md").write_text(meeting_text(begintijd='"19:30\\n"'), encoding="utf-8")
    result = run_kennisbank(project, "check", "bijeenkomsten/avond.md")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert "bijeenkomsten/avond.md:5: begintijd: moet een tijd zijn in de vorm UU:MM (bijvoorbeeld 19:30), niet '19:30" in result.stdout


# --- 2. dates between 2000 and 2100 ------------------------------------------------------------------

RANGE = "ligt buiten de toegestane jaren; een bijeenkomst valt van 1 januari 2000 tot en met 31 december 2100"


@pytest.mark.parametrize("datum", ["9999-12-31", "2101-01-01", "1999-12-31", "1940-03-12", "0001-01-01"])
def test_a_date_outside_2000_to_2100_is_refused(tmp_path: Path, datum: str) -> None:
    found, messages = checked(tmp_path, datum=datum)
    assert not found and texts(messages) == [f"datum: datum '{datum}' {RANGE}"]


def test_an_end_date_outside_the_range_is_refused(tmp_path: Path) -> None:
    found, messages = checked(tmp_path, datum="2100-12-31", einddatum="2101-01-01")
    assert not found and texts(messages) == [f"einddatum: datum '2101-01-01' {RANGE}"]


def test_a_bad_end_date_does_not_move_the_end_time_to_the_first_day(tmp_path: Path) -> None:
    """The end time belongs to the end date: with that refused, 'eindtijd before begintijd' is not claimed."""
    found, messages = checked(tmp_path, datum="2026-03-12", einddatum="2026-02-30", begintijd='"20:00"', eindtijd='"10:00"')
    assert not found and texts(messages) == ["einddatum: '2026-02-30' is geen bestaande datum"]


@pytest.mark.parametrize(("datum", "offset"), [("2000-01-01", "+01:00"), ("2100-12-31", "+01:00"), ("2100-07-01", "+02:00")])
def test_the_first_and_last_days_are_accepted_with_whole_hour_offsets(tmp_path: Path, datum: str, offset: str) -> None:
    """Before 1940 Amsterdam kept local mean time (+00:19:32): out of range, such an offset cannot be published."""
    found, messages = checked(tmp_path, datum=datum)
    assert not messages and len(found) == 1
    record = meetings_json.record(found[0], CONFIG)
    assert record["start"] == f"{datum}T19:30:00{offset}" and record["einde"] == f"{datum}T21:30:00{offset}"
    event = icalendar.Calendar.from_ical(ical.own_calendar(found[0], CONFIG)).events[0]
    assert event.decoded("dtstart").isoformat() == record["start"]


def test_a_build_stops_on_a_far_date_with_a_message(project: Path) -> None:
    (project / "bijeenkomsten").mkdir()
    (project / "bijeenkomsten" / "ver.md").write_text(meeting_text(datum="9999-12-31"), encoding="utf-8")
    result = run_kennisbank(project, "build")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert f"bijeenkomsten/ver.md:4: datum: datum '9999-12-31' {RANGE}" in result.stderr
    assert not (project / "site").exists()


@pytest.mark.parametrize(("start", "end"), [
    (dt.datetime(9999, 12, 31, 19, 30), dt.datetime(9999, 12, 31, 21, 30)),
    (dt.datetime(1, 1, 1, 9, 0), dt.datetime(1, 1, 1, 10, 0)),
    (dt.datetime(1940, 3, 12, 19, 30), dt.datetime(1940, 3, 12, 21, 0)),
])
def test_calendars_are_written_even_for_a_meeting_out_of_range(tmp_path: Path, start: dt.datetime, end: dt.datetime) -> None:
    """The check refuses such a meeting; should one reach the calendars anyway, they are still written."""
    found, _ = checked(tmp_path)
    far = dataclasses.replace(found[0], start=start, end=end)
    files = dict(ical.write(Collection(CONFIG, dt.date(2026, 6, 1), [], [far])))
    own = icalendar.Calendar.from_ical(files[f"bijeenkomsten/{far.slug}.ics"])
    assert own.events[0].decoded("dtstart").replace(tzinfo=None) == start
    assert icalendar.Calendar.from_ical(files["agenda.ics"]).timezones  # still a valid calendar


# --- 3. times that do not exist, or occur twice, in Dutch time -------------------------------------

GAP = "bestaat niet op {day} in Nederlandse tijd: de klok gaat die nacht van 02:00 naar 03:00; kies een ander tijdstip"
TWICE = "komt op {day} twee keer voor in Nederlandse tijd: de klok gaat die nacht om 03:00 terug naar 02:00; kies een ander tijdstip"


@pytest.mark.parametrize(("datum", "begin", "expected"), [
    ("2027-03-28", "02:30", GAP),
    ("2027-03-28", "02:00", GAP),
    ("2027-03-28", "02:59", GAP),
    ("2030-03-31", "02:15", GAP),  # another year: the rules come from the zone, not from a list of dates
    ("2027-10-31", "02:30", TWICE),
    ("2027-10-31", "02:00", TWICE),
    ("2030-10-27", "02:59", TWICE),
])
def test_a_start_time_that_does_not_exist_or_occurs_twice_is_refused(tmp_path: Path, datum: str, begin: str, expected: str) -> None:
    found, messages = checked(tmp_path, datum=datum, begintijd=f'"{begin}"', eindtijd='"05:00"')
    assert not found and texts(messages) == [f"begintijd: '{begin}' " + expected.format(day=datum)]


@pytest.mark.parametrize(("datum", "begin", "end"), [("2027-03-28", "01:59", "03:00"), ("2027-10-31", "01:59", "03:00")])
def test_the_minutes_around_the_change_are_accepted(tmp_path: Path, datum: str, begin: str, end: str) -> None:
    found, messages = checked(tmp_path, datum=datum, begintijd=f'"{begin}"', eindtijd=f'"{end}"')
    assert not messages and len(found) == 1
    record = meetings_json.record(found[0], CONFIG)
    spring = datum.endswith("03-28")
    assert record["start"].endswith("+01:00" if spring else "+02:00") and record["einde"].endswith("+02:00" if spring else "+01:00")


def test_an_end_time_in_the_gap_is_refused(tmp_path: Path) -> None:
    found, messages = checked(tmp_path, datum="2027-03-28", begintijd='"01:00"', eindtijd='"02:30"')
    assert not found and texts(messages) == ["eindtijd: '02:30' " + GAP.format(day="2027-03-28")]


def test_the_end_time_is_judged_on_the_end_date(tmp_path: Path) -> None:
    """A night through the autumn change: 02:15 is ambiguous on the end date, not on the first day."""
    found, messages = checked(tmp_path, datum="2027-10-30", einddatum="2027-10-31", begintijd='"20:00"', eindtijd='"02:15"')
    assert not found and texts(messages) == ["eindtijd: '02:15' " + TWICE.format(day="2027-10-31")]
    fine, none = checked(tmp_path, datum="2027-10-31", einddatum="2027-11-01", begintijd='"20:00"', eindtijd='"02:15"')
    assert not none and fine[0].end == dt.datetime(2027, 11, 1, 2, 15)


def test_both_times_are_reported_in_one_run(tmp_path: Path) -> None:
    found, messages = checked(tmp_path, datum="2027-10-31", einddatum="2028-03-26", begintijd='"02:30"', eindtijd='"02:30"')
    assert not found and texts(messages) == [
        "begintijd: '02:30' " + TWICE.format(day="2027-10-31"),
        "eindtijd: '02:30' " + GAP.format(day="2028-03-26"),
    ]


def test_a_time_in_the_gap_is_reported_also_when_the_other_time_is_missing(tmp_path: Path) -> None:
    found, messages = checked(tmp_path, datum="2027-03-28", begintijd='"02:30"', eindtijd="")
    assert not found and texts(messages) == ["begintijd: '02:30' " + GAP.format(day="2027-03-28"), "eindtijd: mag niet leeg zijn"]


# --- 4. kennisbank nieuw --bijeenkomst --slug ---------------------------------------------------------

def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under root, with the content of its files (links as such, not followed)."""
    found: dict[str, bytes | None] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            found[str(path.relative_to(root))] = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    return found


@pytest.mark.parametrize("slug", ["../../ontsnapt", "../ontsnapt", "a/b", "abc\n", "Hoofdletters", ""])
def test_nieuw_bijeenkomst_refuses_a_slug_as_nieuw_does(tmp_path: Path, slug: str) -> None:
    project = tmp_path / "x" / "y" / "project"
    project.mkdir(parents=True)
    before = snapshot(tmp_path)
    meeting = run_kennisbank(project, "nieuw", "--bijeenkomst", "--titel", "Test", "--slug", slug)
    initiative = run_kennisbank(project, "nieuw", "--titel", "Test", "--gemeente", "landelijk", "--slug", slug)
    assert "Traceback" not in meeting.stderr, meeting.stderr
    assert (meeting.returncode, initiative.returncode) == (2, 2)
    assert meeting.stderr == initiative.stderr and "is ongeldig; gebruik alleen kleine letters, cijfers en streepjes" in meeting.stderr
    assert meeting.stdout == ""
    assert snapshot(tmp_path) == before  # nothing written, not even a folder


def test_nieuw_bijeenkomst_refuses_an_absolute_slug(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    before = snapshot(tmp_path)
    result = run_kennisbank(project, "nieuw", "--bijeenkomst", "--titel", "Test", "--slug", str(tmp_path / "weg"))
    assert result.returncode == 2 and snapshot(tmp_path) == before


def test_nieuw_bijeenkomst_never_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elders"
    project.mkdir()
    elsewhere.mkdir()
    (project / "bijeenkomsten").symlink_to(elsewhere, target_is_directory=True)
    result = run_kennisbank(project, "nieuw", "--bijeenkomst", "--titel", "Test")
    assert result.returncode == 2 and "geen gewone map" in result.stderr and not any(elsewhere.iterdir())
    # A dangling link at the file's own place is not followed either.
    (project / "bijeenkomsten").unlink()
    (project / "bijeenkomsten").mkdir()
    (project / "bijeenkomsten" / "test.md").symlink_to(elsewhere / "gevolgd.md")
    again = run_kennisbank(project, "nieuw", "--bijeenkomst", "--titel", "Test")
    assert again.returncode == 2 and "bestaat al" in again.stderr and not any(elsewhere.iterdir())


def test_nieuw_below_a_file_says_so_instead_of_crashing(tmp_path: Path) -> None:
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    for kind in (["--bijeenkomst"], ["--gemeente", "landelijk"]):
        result = run_kennisbank(tmp_path, "nieuw", *kind, "--titel", "Test", "--map", "bestand/sub")
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 2 and "kan niet worden geschreven" in result.stderr


def test_nieuw_bijeenkomst_with_a_good_slug_still_writes_it(tmp_path: Path) -> None:
    shutil.copytree(INITIATIVES, tmp_path / "initiatives")
    result = run_kennisbank(tmp_path, "nieuw", "--bijeenkomst", "--titel", "Test", "--slug", "eigen-naam")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "bijeenkomsten" / "eigen-naam.md").is_file()
