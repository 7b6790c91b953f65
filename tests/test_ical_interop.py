"""The calendar files of a built site, read as a calendar program reads them: all files in one process,
by vobject (a parser independent of the icalendar library that writes them) and by icalendar.

vobject keeps the first VTIMEZONE it reads per TZID for the rest of the process, as several calendar
programs do: files that define Europe/Amsterdam differently (each for its own year) put every later
meeting an hour off. Each event's start and end, in UTC, must equal the meeting's Amsterdam time as
zoneinfo converts it, whatever file was read first.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from conftest import FIXTURES, build_site, project_copy
from kennisbank.entries import meetings
from kennisbank.entries.meetings import Meeting

UTC = dt.timezone.utc
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UID = re.compile(r"bijeenkomst-(?P<slug>[a-z0-9-]+)@")
VTIMEZONE = re.compile(rb"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", re.S)

# Meetings the fixtures lack: the first and last years a meeting may have, summer 2025 (the congress
# of the issue, at 09:30 +02:00), the morning after summer time starts and a day across its end.
EXTRA = {
    "nieuwjaar-2000": ("2000-01-01", None, "10:00", "12:00"),
    "zomercongres-2025": ("2025-06-12", "2025-06-13", "09:30", "17:00"),
    "na-de-klok-2027": ("2027-03-28", None, "03:30", "05:00"),
    "over-de-klok-2045": ("2045-10-28", "2045-10-29", "20:00", "10:00"),
    "zomer-2100": ("2100-07-01", None, "19:30", "21:30"),
    "winter-2100": ("2100-12-31", None, "19:30", "21:30"),
}


def meeting_file(title: str, datum: str, einddatum: str | None, begintijd: str, eindtijd: str) -> str:
    end = f"einddatum: {einddatum}\n" if einddatum else ""
    return (f"---\ntitel: {title}\nsamenvatting: Een bijeenkomst om de tijdzone van de agendabestanden te toetsen.\n"
            f"datum: {datum}\n{end}begintijd: \"{begintijd}\"\neindtijd: \"{eindtijd}\"\nonline: true\n"
            "organisator: Testgroep\ninitiatieven: [menukaart-vlissingen]\nthemas: [democratie]\nbijgewerkt: 2024-01-01\n---\n")


@pytest.fixture(scope="module")
def extended_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with the calendar fixtures' meetings (2025, 2026) and EXTRA added."""
    project = project_copy(tmp_path_factory.mktemp("interop") / "project", FIXTURES / "site" / "initiatives",
                           FIXTURES / "site" / "bijeenkomsten")
    for path in (FIXTURES / "calendar" / "bijeenkomsten").glob("*.md"):
        shutil.copy(path, project / "bijeenkomsten" / path.name)
    for slug, (datum, einddatum, begintijd, eindtijd) in EXTRA.items():
        text = meeting_file(slug.replace("-", " ").capitalize(), datum, einddatum, begintijd, eindtijd)
        (project / "bijeenkomsten" / f"{slug}.md").write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def sites(fixture_project: Path, fixture_site: Path, extended_project: Path) -> dict[str, tuple[Path, dict[str, Meeting]]]:
    """Each built site with the meetings its sources hold, by slug."""
    built = {"fixture": (fixture_project, fixture_site), "extended": (extended_project, build_site(extended_project))}
    return {name: (site, sources(project)) for name, (project, site) in built.items()}


def sources(project: Path) -> dict[str, Meeting]:
    result = meetings.check_meetings([project / "bijeenkomsten"], meetings.initiative_slugs(project / "initiatives"))
    assert not result.messages
    return {m.slug: m for m in result.meetings}


def calendar_files(site: Path) -> list[Path]:
    """The meetings' own files first (by name), agenda.ics last: a narrow file read first is what went wrong."""
    return sorted((site / "bijeenkomsten").glob("*.ics")) + [site / "agenda.ics"]


def expected(meeting: Meeting) -> tuple[dt.datetime, dt.datetime]:
    """The meeting's wall-clock times in Amsterdam, converted to UTC by zoneinfo."""
    return (meeting.start.replace(tzinfo=AMSTERDAM).astimezone(UTC), meeting.end.replace(tzinfo=AMSTERDAM).astimezone(UTC))


def test_the_sites_cover_winter_and_summer_of_many_years(sites: dict[str, tuple[Path, dict[str, Meeting]]]) -> None:
    """Otherwise the comparison below could pass with one season or one year only."""
    for _, found in sites.values():
        seasons = {(m.start.year, m.start.replace(tzinfo=AMSTERDAM).utcoffset()) for m in found.values()}
        assert {offset for _, offset in seasons} == {dt.timedelta(hours=1), dt.timedelta(hours=2)}
        assert len({year for year, _ in seasons}) >= 4
    extended = sites["extended"][1]
    assert {m.start.year for m in extended.values()} >= {2000, 2025, 2100}


def test_vobject_reads_every_calendar_file_in_one_process_at_the_zoneinfo_times(
        sites: dict[str, tuple[Path, dict[str, Meeting]]]) -> None:
    checked = set()
    for name, (site, found) in sites.items():
        for path in calendar_files(site):
            calendar = vobject.readOne(path.read_text(encoding="utf-8"))
            for event in calendar.contents.get("vevent", []):
                slug = UID.match(event.uid.value)["slug"]
                start, end = event.dtstart.value, event.dtend.value
                assert start.tzinfo is not None and end.tzinfo is not None, path
                assert (start.astimezone(UTC), end.astimezone(UTC)) == expected(found[slug]), f"{name}: {path.name}, {slug}"
                checked.add((name, path.name, slug))
    # Every meeting in its own file and the upcoming ones in agenda.ics.
    assert {(name, slug) for name, file, slug in checked if file != "agenda.ics"} == {
        (name, slug) for name, (_, found) in sites.items() for slug in found}
    assert any(file == "agenda.ics" for _, file, _ in checked)


def test_icalendar_reads_every_file_by_its_own_timezone_at_the_zoneinfo_times(
        sites: dict[str, tuple[Path, dict[str, Meeting]]]) -> None:
    """The file's VTIMEZONE itself (not the zone icalendar would look up by name) gives the zoneinfo times."""
    for _, (site, found) in sites.items():
        for path in calendar_files(site):
            calendar = icalendar.Calendar.from_ical(path.read_bytes())
            (timezone,) = calendar.timezones
            own = timezone.to_tz(lookup_tzid=False)
            for event in calendar.events:
                slug = UID.match(str(event["uid"]))["slug"]
                times = tuple(event.decoded(key).replace(tzinfo=own).astimezone(UTC) for key in ("dtstart", "dtend"))
                assert times == expected(found[slug]), f"{path.name}, {slug}"


def test_every_file_carries_the_same_vtimezone_with_the_eu_rule(sites: dict[str, tuple[Path, dict[str, Meeting]]]) -> None:
    blocks = {}
    for name, (site, _) in sites.items():
        for path in calendar_files(site):
            found = VTIMEZONE.findall(path.read_bytes())
            assert len(found) == 1, path
            blocks[f"{name}: {path.relative_to(site)}"] = found[0]
    assert len(set(blocks.values())) == 1, sorted(blocks)
    block = next(iter(blocks.values())).decode()
    lines = block.split("\r\n")
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in lines and "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in lines
    # RFC 5545 3.6.5 allows no COMMENT directly in VTIMEZONE; the old one said "only works from ... to ...".
    assert not any(line.startswith("COMMENT") for line in lines)
    assert "TZID:Europe/Amsterdam" in lines
