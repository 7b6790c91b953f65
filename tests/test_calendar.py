"""Meetings as calendar files (agenda.ics, one .ics each), as bijeenkomsten.json, in the Atom feeds and
on the page 'Nieuw en bijgewerkt': built from tests/fixtures/calendar and read back with real parsers."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from conftest import FIXTURES, REPO
from golden import assert_golden
from kennisbank.entries.collection import Collection
from kennisbank import urls
from kennisbank.entries import meetings
from kennisbank.entries.meetings import Meeting
from kennisbank.entries.model import Initiative
from kennisbank.entries.validate import check_paths
from kennisbank.exports import follow, ical, meeting_feed, meetings_json
from kennisbank.pages import news
from kennisbank.site import config as siteconfig
from kennisbank.site import docs_folder

CALENDAR = FIXTURES / "calendar"
GOLDEN = Path(__file__).resolve().parent / "golden" / "calendar"
CONFIG = siteconfig.load(REPO / "mkdocs.yml")
SITE_URL = CONFIG.site_url
HOST = "kennisbank-initiatieven.github.io"
TODAY = dt.date(2026, 6, 1)
ATOM = "{http://www.w3.org/2005/Atom}"
UTC = dt.timezone.utc
HOSTILE_TITLE = "Avond, met; lastige \\tekens <script>alert(1)</script> en een titel die veel langer is dan vijfenzeventig tekens"


@pytest.fixture(scope="module")
def initiatives() -> list[Initiative]:
    result = check_paths([CALENDAR / "initiatives"])
    assert not result.errors
    return result.initiatives


@pytest.fixture(scope="module")
def found(initiatives: list[Initiative]) -> dict[str, Meeting]:
    result = meetings.check_meetings([CALENDAR / "bijeenkomsten"], {i.slug for i in initiatives})
    assert not result.messages
    return {m.slug: m for m in result.meetings}


@pytest.fixture(scope="module")
def written(found: dict[str, Meeting], initiatives: list[Initiative]) -> dict[str, bytes]:
    files = dict(ical.write(Collection(CONFIG, TODAY, initiatives, list(found.values()))))
    return {path: content if isinstance(content, bytes) else content.encode() for path, content in files.items()}


def parsed(content: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(content)


def event_of(calendar: icalendar.Calendar) -> icalendar.Event:
    (event,) = calendar.events
    return event


def own_timezone(calendar: icalendar.Calendar) -> dt.tzinfo:
    """The file's own VTIMEZONE as a tzinfo (not looked up by name), to check what it says."""
    (timezone,) = calendar.timezones
    return timezone.to_tz(lookup_tzid=False)


def utc_by_own_timezone(calendar: icalendar.Calendar, key: str) -> dt.datetime:
    local = event_of(calendar).decoded(key).replace(tzinfo=None)
    return local.replace(tzinfo=own_timezone(calendar)).astimezone(UTC)


# --- .ics ------------------------------------------------------------------------------------------

def test_every_meeting_has_a_calendar_file_and_agenda_holds_the_upcoming_ones(written: dict[str, bytes]) -> None:
    assert sorted(written) == sorted([urls.AGENDA_CALENDAR] + [urls.meeting_calendar(slug) for slug in
                                      ("congres-zorg-online", "lastige-tekens", "nieuwjaar-vlissingen", "zomeravond-vlissingen")])
    agenda = parsed(written[urls.AGENDA_CALENDAR])
    # The new-year meeting of 2025 is past on 1 June 2026; the others follow by start.
    assert [str(e["uid"]) for e in agenda.events] == [f"bijeenkomst-{slug}@{HOST}" for slug in
                                                     ("zomeravond-vlissingen", "congres-zorg-online", "lastige-tekens")]
    assert agenda["version"] == "2.0" and str(agenda["prodid"]) == f"-//Kennisbank Maatschappelijke Initiatieven//{HOST}//NL"
    assert str(agenda["x-wr-calname"]) == "Kennisbank Maatschappelijke Initiatieven: agenda"
    assert "x-wr-calname" not in parsed(written[urls.meeting_calendar("lastige-tekens")])


def test_the_calendars_declare_amsterdam_time_with_summer_and_winter_rules(written: dict[str, bytes]) -> None:
    for content in written.values():
        calendar = parsed(content)
        (timezone,) = calendar.timezones
        assert timezone.tz_name == "Europe/Amsterdam"
        assert {c.name for c in timezone.subcomponents} == {"STANDARD", "DAYLIGHT"}
        assert not calendar.get_missing_tzids()
        for event in calendar.events:
            assert event["dtstart"].params["TZID"] == event["dtend"].params["TZID"] == "Europe/Amsterdam"
    raw = written[urls.meeting_calendar("zomeravond-vlissingen")].decode()
    assert "\r\nDTSTART;TZID=Europe/Amsterdam:20260702T193000\r\nDTEND;TZID=Europe/Amsterdam:20260702T213000\r\n" in raw


def vtimezone_block(content: bytes) -> bytes:
    return content[content.index(b"BEGIN:VTIMEZONE\r\n"):content.index(b"END:VTIMEZONE\r\n")]


def test_every_calendar_carries_the_same_vtimezone_whatever_its_years(written: dict[str, bytes], found: dict[str, Meeting]) -> None:
    """A client keeps the first VTIMEZONE per TZID: one made per file for its own year shifted the others."""
    first, last = (dataclasses.replace(found["zomeravond-vlissingen"], start=dt.datetime(year, 7, 1, 19, 30), end=dt.datetime(year, 7, 1, 21))
                   for year in (meetings.FIRST_YEAR, meetings.LAST_YEAR))
    others = [ical.own_calendar(first, CONFIG), ical.own_calendar(last, CONFIG), dict(ical.write(Collection(CONFIG, TODAY)))[urls.AGENDA_CALENDAR]]
    assert len({vtimezone_block(content) for content in [*written.values(), *others]}) == 1
    assert b"COMMENT" not in vtimezone_block(others[0])  # RFC 5545 3.6.5: no COMMENT directly in VTIMEZONE


@pytest.mark.parametrize(("start", "utc"), [
    (dt.datetime(2000, 1, 1, 0, 30), dt.datetime(1999, 12, 31, 23, 30, tzinfo=UTC)),
    (dt.datetime(2000, 3, 26, 3, 0), dt.datetime(2000, 3, 26, 1, 0, tzinfo=UTC)),  # the first hour of summer time
    (dt.datetime(2000, 3, 26, 1, 59), dt.datetime(2000, 3, 26, 0, 59, tzinfo=UTC)),  # its last winter minute
    (dt.datetime(2063, 10, 28, 3, 30), dt.datetime(2063, 10, 28, 2, 30, tzinfo=UTC)),  # after summer time ends
    (dt.datetime(2100, 7, 1, 19, 30), dt.datetime(2100, 7, 1, 17, 30, tzinfo=UTC)),
    (dt.datetime(2100, 12, 31, 23, 0), dt.datetime(2100, 12, 31, 22, 0, tzinfo=UTC)),
])
def test_the_vtimezone_holds_for_the_first_and_last_years_a_meeting_may_have(found: dict[str, Meeting], start: dt.datetime, utc: dt.datetime) -> None:
    meeting = dataclasses.replace(found["zomeravond-vlissingen"], start=start, end=start + dt.timedelta(hours=1))
    calendar = parsed(ical.own_calendar(meeting, CONFIG))
    assert utc_by_own_timezone(calendar, "dtstart") == utc == start.replace(tzinfo=ical.AMSTERDAM).astimezone(UTC)


def test_the_eu_rule_is_checked_against_zoneinfo_and_the_check_can_fail() -> None:
    assert ical.years_off_rule(ical.AMSTERDAM) == []  # 1996 to 2100
    assert [ical.last_sunday(2100, 3), ical.last_sunday(2100, 10)] == [dt.date(2100, 3, 28), dt.date(2100, 10, 31)]
    # Until 1995 Dutch summer time ended in September; New York changes on other Sundays and hours.
    assert ical.years_off_rule(ical.AMSTERDAM, 1994, 1997) == [1994, 1995]
    assert ical.years_off_rule(ZoneInfo("America/New_York"), 2020, 2022) == [2020, 2021, 2022]


@pytest.mark.parametrize(("slug", "start", "end"), [
    ("zomeravond-vlissingen", dt.datetime(2026, 7, 2, 17, 30, tzinfo=UTC), dt.datetime(2026, 7, 2, 19, 30, tzinfo=UTC)),  # summer: +02:00
    ("lastige-tekens", dt.datetime(2026, 12, 10, 19, 0, tzinfo=UTC), dt.datetime(2026, 12, 10, 21, 0, tzinfo=UTC)),  # winter: +01:00
    ("nieuwjaar-vlissingen", dt.datetime(2025, 1, 15, 18, 0, tzinfo=UTC), dt.datetime(2025, 1, 15, 20, 0, tzinfo=UTC)),
    # Three days across the end of summer time (25 October): starts at +02:00, ends at +01:00.
    ("congres-zorg-online", dt.datetime(2026, 10, 24, 7, 0, tzinfo=UTC), dt.datetime(2026, 10, 26, 16, 0, tzinfo=UTC)),
])
def test_times_convert_to_utc_by_the_files_own_timezone(written: dict[str, bytes], slug: str, start: dt.datetime, end: dt.datetime) -> None:
    calendar = parsed(written[urls.meeting_calendar(slug)])
    assert (utc_by_own_timezone(calendar, "dtstart"), utc_by_own_timezone(calendar, "dtend")) == (start, end)
    event = event_of(calendar)
    assert (event.decoded("dtstart").astimezone(UTC), event.decoded("dtend").astimezone(UTC)) == (start, end)


def test_a_meeting_event_carries_its_fields(written: dict[str, bytes], found: dict[str, Meeting]) -> None:
    event = event_of(parsed(written[urls.meeting_calendar("zomeravond-vlissingen")]))
    page = f"{SITE_URL}bijeenkomsten/zomeravond-vlissingen.html"
    assert str(event["uid"]) == f"bijeenkomst-zomeravond-vlissingen@{HOST}"
    assert str(event["summary"]) == "Zomeravond over de menukaart"
    assert str(event["description"]) == (f"{found['zomeravond-vlissingen'].samenvatting}\n\nOrganisator: Bewonersgroep Oost\n"
                                         f"Aanmelden: https://voorbeeld.nl/zomeravond\nMeer informatie: {page}")
    # The venue's address has no town: the municipality is added.
    assert str(event["location"]) == "Wijkcentrum De Kade, Voorbeeldstraat 1, Vlissingen"
    assert str(event["url"]) == page
    assert event.decoded("dtstamp") == event.decoded("last-modified") == dt.datetime(2026, 3, 1, tzinfo=UTC)  # 'bijgewerkt'
    assert event.categories == ["Openbare ruimte", "Democratie en zeggenschap"]


def test_location_online_or_venue_without_repeating_the_town(written: dict[str, bytes], found: dict[str, Meeting]) -> None:
    assert str(event_of(parsed(written[urls.meeting_calendar("congres-zorg-online")]))["location"]) == "Online"
    assert str(event_of(parsed(written[urls.meeting_calendar("nieuwjaar-vlissingen")]))["location"]) == "Stadhuis, Voorbeeldplein 1, Vlissingen"
    hybrid = dataclasses.replace(found["nieuwjaar-vlissingen"], online=True)
    assert ical.location(hybrid) == "Stadhuis, Voorbeeldplein 1, Vlissingen en online"


def test_hostile_text_is_escaped_folded_and_read_back_as_typed(written: dict[str, bytes], found: dict[str, Meeting]) -> None:
    raw = written[urls.meeting_calendar("lastige-tekens")]
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only (RFC 5545 3.1)
    assert max(len(line) for line in lines) <= 75  # long lines folded
    assert lines.count(b"END:VEVENT") == 1 and lines.count(b"BEGIN:VEVENT") == 1  # text cannot end the event
    assert b"SUMMARY:Avond\\, met\\; lastige \\\\tekens" in raw  # RFC 5545 3.3.11 escapes
    event = event_of(parsed(raw))
    meeting = found["lastige-tekens"]
    assert str(event["summary"]) == HOSTILE_TITLE == meeting.titel
    assert str(event["description"]).startswith(meeting.samenvatting + "\n\nOrganisator: <b>Werkgroep</b>, Middelburg; Zeeland\n")
    assert str(event["location"]) == "Zaal 1; Markt 2, achteringang, Middelburg"


def test_output_is_stable_and_uids_follow_the_site(found: dict[str, Meeting], initiatives: list[Initiative], written: dict[str, bytes]) -> None:
    again = dict(ical.write(Collection(CONFIG, TODAY, initiatives, list(reversed(found.values())))))
    assert again == written
    elsewhere = dataclasses.replace(CONFIG, site_url="https://agenda.voorbeeld.nl/")
    other = parsed(ical.calendar([found["zomeravond-vlissingen"]], elsewhere))
    assert str(event_of(other)["uid"]) == "bijeenkomst-zomeravond-vlissingen@agenda.voorbeeld.nl"


@pytest.mark.parametrize(("today", "included"), [(dt.date(2026, 10, 26), True), (dt.date(2026, 10, 27), False)])
def test_a_congress_stays_upcoming_until_its_last_day(found: dict[str, Meeting], today: dt.date, included: bool) -> None:
    agenda = dict(ical.write(Collection(CONFIG, today, [], list(found.values()))))[urls.AGENDA_CALENDAR]
    uids = [str(e["uid"]) for e in parsed(agenda).events]
    assert (f"bijeenkomst-congres-zorg-online@{HOST}" in uids) is included


def test_an_agenda_without_upcoming_meetings_is_still_a_valid_calendar() -> None:
    agenda = parsed(dict(ical.write(Collection(CONFIG, TODAY)))[urls.AGENDA_CALENDAR])
    assert not agenda.events and [t.tz_name for t in agenda.timezones] == ["Europe/Amsterdam"]  # RFC 5545 wants one component


def test_one_calendar_file_matches_golden(written: dict[str, bytes]) -> None:
    text = written[urls.meeting_calendar("zomeravond-vlissingen")].decode("utf-8")
    assert_golden(text.replace("\r\n", "\n"), GOLDEN / "zomeravond-vlissingen.ics")


# --- bijeenkomsten.json --------------------------------------------------------------------------------

def test_meetings_json_holds_every_meeting_with_all_fields(found: dict[str, Meeting]) -> None:
    text = meetings_json.render(list(found.values()), CONFIG)
    assert text == meetings_json.render(list(reversed(found.values())), CONFIG)
    document = json.loads(text)
    assert document["aantal"] == 4 and document["bijgewerkt"] == "2026-03-01"
    assert document["agenda_ics"] == SITE_URL + "agenda.ics"
    items = {item["slug"]: item for item in document["bijeenkomsten"]}
    assert list(items) == ["nieuwjaar-vlissingen", "zomeravond-vlissingen", "congres-zorg-online", "lastige-tekens"]  # by start
    avond = items["zomeravond-vlissingen"]
    assert avond["start"] == "2026-07-02T19:30:00+02:00" and avond["einde"] == "2026-07-02T21:30:00+02:00"
    assert (avond["datum"], avond["einddatum"], avond["begintijd"], avond["eindtijd"]) == ("2026-07-02", None, "19:30", "21:30")
    assert avond["gemeente"]["code"] == "GM0718" and avond["provincie"]["code"] == "PV29" and avond["online"] is False
    assert avond["initiatieven"] == [{"slug": "menukaart-vlissingen", "url": SITE_URL + "initiatieven/menukaart-vlissingen.html"}]
    assert [t["slug"] for t in avond["themas"]] == ["openbare-ruimte", "democratie"]
    assert avond["url"] == SITE_URL + "bijeenkomsten/zomeravond-vlissingen.html"
    assert avond["ics_url"] == SITE_URL + "bijeenkomsten/zomeravond-vlissingen.ics"
    assert (avond["locatie"], avond["organisator"], avond["aanmelden"]) == ("Wijkcentrum De Kade, Voorbeeldstraat 1", "Bewonersgroep Oost",
                                                                           "https://voorbeeld.nl/zomeravond")
    assert avond["bijgewerkt"] == "2026-03-01" and "Koffie, een korte uitleg" in avond["tekst"]
    congres = items["congres-zorg-online"]
    assert congres["start"] == "2026-10-24T09:00:00+02:00" and congres["einde"] == "2026-10-26T17:00:00+01:00"
    assert congres["online"] is True and congres["gemeente"] is None and congres["provincie"] is None and congres["locatie"] is None
    assert items["lastige-tekens"]["titel"] == HOSTILE_TITLE
    keys = set(meetings.properties()) | {"slug", "provincie", "start", "einde", "url", "ics_url", "bron", "bron_url", "tekst"}
    assert all(set(item) == keys for item in items.values())


# --- feeds -------------------------------------------------------------------------------------------

def feeds_with(found: dict[str, Meeting], initiatives: list[Initiative]) -> dict[str, str]:
    return {path: str(content) for path, content in follow.write(Collection(CONFIG, TODAY, initiatives, list(found.values())))}


def entry_ids(xml: str) -> list[str]:
    return [entry.findtext(f"{ATOM}id") or "" for entry in ET.fromstring(xml).findall(f"{ATOM}entry")]


def test_follow_feeds_carry_the_meetings_of_their_place_and_theme(found: dict[str, Meeting], initiatives: list[Initiative]) -> None:
    feeds = feeds_with(found, initiatives)

    def meeting(slug: str) -> str:
        return f"{SITE_URL}bijeenkomsten/{slug}.html"

    def initiative(slug: str) -> str:
        return f"{SITE_URL}initiatieven/{slug}.html"

    # Newest 'bijgewerkt' first: meetings and initiatives mixed.
    assert entry_ids(feeds["feeds/gemeenten/vlissingen.xml"]) == [
        meeting("zomeravond-vlissingen"), meeting("nieuwjaar-vlissingen"), initiative("menukaart-vlissingen"), initiative("zorgcooperatie-zeeland")]
    assert entry_ids(feeds["feeds/gemeenten/middelburg.xml"]) == [meeting("lastige-tekens"), initiative("zorgcooperatie-zeeland")]
    assert set(entry_ids(feeds["feeds/provincies/zeeland.xml"])) == {
        meeting("zomeravond-vlissingen"), meeting("nieuwjaar-vlissingen"), meeting("lastige-tekens"),
        initiative("menukaart-vlissingen"), initiative("zorgcooperatie-zeeland")}
    # The online congress belongs to no place, only to its theme.
    assert meeting("congres-zorg-online") in entry_ids(feeds["feeds/themas/zorg-welzijn.xml"])
    assert not any(meeting("congres-zorg-online") in entry_ids(xml) for path, xml in feeds.items() if "themas" not in path)
    assert "De nieuwste en laatst bijgewerkte initiatieven en bijeenkomsten in gemeente Vlissingen." in feeds["feeds/gemeenten/vlissingen.xml"]


def test_follow_feeds_without_meetings_are_as_before(initiatives: list[Initiative]) -> None:
    feeds = {path: str(content) for path, content in follow.write(Collection(CONFIG, TODAY, initiatives))}
    assert feeds == {scope.feed: follow.render(scope, CONFIG) for scope in follow.scopes(initiatives)}
    assert "bijeenkomst" not in "".join(feeds.values()).lower()
    assert "De nieuwste en laatst bijgewerkte initiatieven in gemeente Vlissingen." in feeds["feeds/gemeenten/vlissingen.xml"]


@pytest.mark.parametrize("path", ["feeds/gemeenten/vlissingen.xml", "feeds/provincies/zeeland.xml", "feeds/gemeenten/middelburg.xml"])
def test_feeds_with_meetings_read_back_in_a_feed_reader(found: dict[str, Meeting], initiatives: list[Initiative], path: str) -> None:
    parsed_feed = feedparser.parse(feeds_with(found, initiatives)[path].encode())
    assert not parsed_feed.bozo, parsed_feed.get("bozo_exception")
    assert parsed_feed.version == "atom10"
    for entry in parsed_feed.entries:
        assert entry.id and entry.title and entry.updated_parsed and entry.link == entry.id


def test_the_feed_of_new_meetings(found: dict[str, Meeting]) -> None:
    xml = dict(meeting_feed.write(Collection(CONFIG, TODAY, [], list(found.values()))))[urls.MEETINGS_FEED]
    parsed_feed = feedparser.parse(str(xml).encode())
    assert not parsed_feed.bozo, parsed_feed.get("bozo_exception")
    assert parsed_feed.version == "atom10"
    assert parsed_feed.feed.title == "Kennisbank Maatschappelijke Initiatieven: nieuwe bijeenkomsten"
    assert parsed_feed.feed.id == SITE_URL + "feeds/bijeenkomsten.xml" and parsed_feed.feed.link == SITE_URL + "agenda.html"
    # Newest 'bijgewerkt' first, equal dates by slug (descending, as the site's feed does).
    assert [e.link.removeprefix(SITE_URL) for e in parsed_feed.entries] == [
        "bijeenkomsten/zomeravond-vlissingen.html", "bijeenkomsten/lastige-tekens.html",
        "bijeenkomsten/congres-zorg-online.html", "bijeenkomsten/nieuwjaar-vlissingen.html"]
    first = parsed_feed.entries[0]
    assert first.title == "Bijeenkomst: Zomeravond over de menukaart"
    assert first.summary.startswith("2 juli 2026, 19:30-21:30, Vlissingen. Bewoners en gemeente")
    assert [t.term for t in first.tags] == ["bijeenkomst", "openbare-ruimte", "democratie"]
    congres = parsed_feed.entries[2]
    assert congres.summary.startswith("24 oktober 2026 09:00 tot 26 oktober 2026 17:00, online. ")
    assert parsed_feed.entries[1].title == f"Bijeenkomst: {HOSTILE_TITLE}" and b"<script>" not in str(xml).encode()


# --- Nieuw en bijgewerkt, and the build folder -----------------------------------------------------------

def test_news_page_lists_meetings_among_the_newest(found: dict[str, Meeting], initiatives: list[Initiative]) -> None:
    _, page = news.news_page(initiatives, list(found.values()))
    items = [line for line in page.splitlines() if line.startswith("- ")]
    assert items[0] == ("- 1 maart 2026: bijeenkomst [Zomeravond over de menukaart](bijeenkomsten/zomeravond-vlissingen.md) "
                        "op 2 juli 2026, 19:30-21:30. Bewoners en gemeente praten buiten over de taken op de menukaart en wie welke taak overneemt.")
    assert items[1].startswith("- 15 februari 2026: bijeenkomst [Avond, met; lastige \\\\tekens &lt;script&gt;alert(1)&lt;/script&gt;")
    assert items[3].startswith("- 20 december 2024: bijeenkomst [Nieuwjaarsbijeenkomst Menukaart](bijeenkomsten/nieuwjaar-vlissingen.md)")
    assert items[4].startswith("- 10 januari 2024: [Menukaart Vlissingen](initiatieven/menukaart-vlissingen.md).")
    assert "[Atom-feed van de bijeenkomsten](feeds/bijeenkomsten.xml)" in page
    assert "De initiatieven en bijeenkomsten die het laatst" in page


def test_news_page_without_meetings_is_as_before(initiatives: list[Initiative]) -> None:
    _, page = news.news_page(initiatives)
    assert page == news.news_page(initiatives, [])[1]
    assert "bijeenkomst" not in page
    assert "De initiatieven die het laatst zijn toegevoegd of bijgewerkt, het nieuwste eerst. Volg ze in uw feedlezer met de [Atom-feed van de hele kennisbank](feed.xml){ type=\"application/atom+xml\" }, of volg één gemeente" in page


def test_the_build_folder_holds_the_calendars_data_and_feeds(found: dict[str, Meeting], initiatives: list[Initiative]) -> None:
    files = docs_folder.collect(Collection(CONFIG, TODAY, initiatives, list(found.values())), REPO / "docs")
    for path in (urls.AGENDA_CALENDAR, urls.MEETINGS_DATA, urls.MEETINGS_FEED, urls.meeting_calendar("lastige-tekens")):
        assert path in files
    open_data = files[urls.OPEN_DATA].decode("utf-8")
    for name in (urls.MEETINGS_DATA, urls.AGENDA_CALENDAR, urls.MEETINGS_FEED):
        assert f'href="{name}"' in open_data
    assert 'href="agenda.ics" type="text/calendar"' in open_data


def test_the_benchmark_corpus_has_valid_meetings_past_and_upcoming(tmp_path: Path) -> None:
    from kennisbank.bench.corpus import write_initiatives, write_meetings

    write_initiatives(tmp_path / "initiatives", 100)
    write_meetings(tmp_path / "bijeenkomsten", 40, 100, today=TODAY)
    result = meetings.check_meetings([tmp_path / "bijeenkomsten"], meetings.initiative_slugs(tmp_path / "initiatives"))
    assert not result.messages and len(result.meetings) == 40
    upcoming = [m for m in result.meetings if m.is_upcoming(TODAY)]
    assert 10 < len(upcoming) < 30 and all(m.initiatieven for m in result.meetings)
    assert any(m.online for m in result.meetings) and any(m.end.date() > m.start.date() for m in result.meetings)
