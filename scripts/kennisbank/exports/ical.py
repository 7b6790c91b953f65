"""Calendar files of the meetings (RFC 5545): agenda.ics with every upcoming meeting, and one .ics
per meeting for "Zet in uw agenda".

Built with the icalendar library, which escapes text (commas, semicolons, backslashes, newlines)
and folds long lines, so a stranger's title stays one value. Times are Europe/Amsterdam wall-clock
times, written with TZID and one VTIMEZONE: the EU's summer-time rule as yearly RRULEs, checked
against the zoneinfo database for every year a meeting may have.
Nothing depends on the build time: UIDs come from the slug and the site's host, DTSTAMP from
'bijgewerkt', so a rebuild without changes writes the same bytes.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from kennisbank import urls
from kennisbank.entries import places
from kennisbank.entries.collection import Collection
from kennisbank.entries.meetings import LAST_YEAR, Meeting
from kennisbank.entries.memo import PerEntry
from kennisbank.site_config import SiteConfig

TZID = "Europe/Amsterdam"
AMSTERDAM = ZoneInfo(TZID)
ONLINE = "Online"


def host(config: SiteConfig) -> str:
    return urlsplit(config.site_url).hostname or "localhost"


def uid(meeting: Meeting, config: SiteConfig) -> str:
    """Stable across builds and unique across sites (RFC 5545 3.8.4.7 suggests '@' and a domain)."""
    return f"bijeenkomst-{meeting.slug}@{host(config)}"


def page_url(meeting: Meeting, config: SiteConfig) -> str:
    return urls.absolute(config.site_url, urls.meeting(meeting.slug))


def location(meeting: Meeting) -> str:
    """Venue and municipality ('Wijkcentrum, Straat 1, Vlissingen'), 'Online', or both for a hybrid meeting."""
    venue = str(meeting.values.get("locatie") or "")
    parts = [venue] if venue else []
    if meeting.gemeente and places.fold(meeting.gemeente.naam_gangbaar) not in places.fold(venue):
        parts.append(meeting.gemeente.naam_gangbaar)
    if not parts:
        return ONLINE
    return ", ".join(parts) + (" en online" if meeting.online else "")


def description(meeting: Meeting, config: SiteConfig) -> str:
    lines = [meeting.samenvatting, "", f"Organisator: {meeting.organisator}"]
    if meeting.values.get("aanmelden"):
        lines.append(f"Aanmelden: {meeting.values['aanmelden']}")
    lines.append(f"Meer informatie: {page_url(meeting, config)}")
    return "\n".join(lines)


def stamp(day: dt.date) -> dt.datetime:
    """'bijgewerkt' is a date only: midnight UTC of that day."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def event(meeting: Meeting, config: SiteConfig) -> Event:
    item = Event()
    item.add("uid", uid(meeting, config))
    item.add("dtstamp", stamp(meeting.bijgewerkt))
    item.add("last-modified", stamp(meeting.bijgewerkt))
    item.add("dtstart", meeting.start.replace(tzinfo=AMSTERDAM))
    item.add("dtend", meeting.end.replace(tzinfo=AMSTERDAM))
    item.add("summary", meeting.titel)
    item.add("description", description(meeting, config))
    item.add("location", location(meeting))
    item.add("url", page_url(meeting, config))
    if meeting.themas:
        item.add("categories", [thema.label for thema in meeting.themas])
    return item


# The EU rule (Directive 2000/84/EC; as it is since 1996, when summer time first ended on the last
# Sunday of October): summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
# last Sunday of October. One VTIMEZONE for every file: a client keeps the first definition of a
# TZID it reads (vobject does, per process), so definitions that differ per file (each covering its
# own years, as icalendar's Timezone.from_tzid makes them) put the other files' times an hour off.
RULE_SINCE = 1996
CHANGE_UTC = dt.time(1, 0)
SUMMER_MONTHS = (3, 10)
LAST_SUNDAY = "-1SU"


def last_sunday(year: int, month: int) -> dt.date:
    """What RRULE BYDAY=-1SU picks in that month (March or October: never December)."""
    last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - 6) % 7)


def change(year: int, month: int) -> dt.datetime:
    return dt.datetime.combine(last_sunday(year, month), CHANGE_UTC, tzinfo=dt.timezone.utc)


def changes(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The UTC moments summer time starts and ends in `year`, by the EU rule."""
    return change(year, SUMMER_MONTHS[0]), change(year, SUMMER_MONTHS[1])


def offsets(zone: dt.tzinfo, year: int) -> tuple[dt.timedelta, dt.timedelta]:
    """The zone's winter and summer offsets, read from zoneinfo in January and July."""
    winter, summer = (dt.datetime(year, month, 1, 12, tzinfo=dt.timezone.utc).astimezone(zone).utcoffset() for month in (1, 7))
    assert winter is not None and summer is not None  # a ZoneInfo always has an offset
    return winter, summer


def years_off_rule(zone: dt.tzinfo, first_year: int = RULE_SINCE, last_year: int = LAST_YEAR) -> list[int]:
    """The years in which the zone's offset differs from the EU rule's at any change or any midnight UTC.

    Empty for Europe/Amsterdam as long as the zoneinfo database agrees: a change of law (the EU has
    discussed ending summer time) then shows up here, not as calendars an hour wrong.
    """
    winter, summer = offsets(zone, first_year)
    off = []
    for year in range(first_year, last_year + 1):
        start, end = changes(year)
        moments = [start, end, start - dt.timedelta(seconds=1), end - dt.timedelta(seconds=1)]
        day = dt.datetime(year, 1, 1, tzinfo=dt.timezone.utc)
        while day.year == year:
            moments.append(day)
            day += dt.timedelta(days=1)
        if any(moment.astimezone(zone).utcoffset() != (summer if start <= moment < end else winter) for moment in moments):
            off.append(year)
    return off


def observance(kind: type[TimezoneStandard] | type[TimezoneDaylight], onset: dt.datetime, before: dt.timedelta,
               after: dt.timedelta, name: str, month: int) -> TimezoneStandard | TimezoneDaylight:
    """One half of the rule: DTSTART is the local time before the change (RFC 5545 3.6.5), repeated yearly."""
    part = kind()
    part.add("dtstart", (onset + before).replace(tzinfo=None))
    part.add("tzoffsetfrom", before)
    part.add("tzoffsetto", after)
    part.add("tzname", name)
    part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": LAST_SUNDAY})
    return part


@cache
def timezone() -> Timezone:
    """The VTIMEZONE of Europe/Amsterdam, the same in every file and valid for every meeting the check allows.

    Offsets and names come from zoneinfo, the dates from the EU rule; years_off_rule guards that the
    two agree from RULE_SINCE to LAST_YEAR, and a disagreement stops the build rather than publishing
    wrong times.
    """
    off = years_off_rule(AMSTERDAM)
    if off:
        raise ValueError(f"{TZID} follows the EU summer-time rule no longer in {off[0]} (zoneinfo): ical.timezone must describe it")
    winter, summer = offsets(AMSTERDAM, RULE_SINCE)
    start, end = changes(RULE_SINCE)
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add_component(observance(TimezoneStandard, end, summer, winter, str(end.astimezone(AMSTERDAM).tzname()), SUMMER_MONTHS[1]))
    zone.add_component(observance(TimezoneDaylight, start, winter, summer, str(start.astimezone(AMSTERDAM).tzname()), SUMMER_MONTHS[0]))
    return zone


def calendar(meetings: list[Meeting], config: SiteConfig, name: str | None = None) -> bytes:
    """A VCALENDAR with these meetings and the VTIMEZONE (also when there are none: a calendar needs one component).

    Only a calendar to subscribe to has a name: given one, some programs import even a single
    event into a new calendar of its own.
    """
    root = Calendar()
    root.add("prodid", f"-//{config.site_name}//{host(config)}//NL")
    root.add("version", "2.0")
    root.add("calscale", "GREGORIAN")
    root.add("method", "PUBLISH")
    if name:
        root.add("x-wr-calname", name)
        root.add("x-wr-timezone", TZID)
    root.add_component(timezone())
    for meeting in sorted(meetings, key=lambda m: (m.start, m.slug)):
        root.add_component(event(meeting, config))
    return root.to_ical()


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:
    """agenda.ics and one .ics per meeting."""
    config, today = collection.config, collection.today
    yield urls.AGENDA_CALENDAR, calendar([m for m in collection.meetings if m.is_upcoming(today)], config, f"{config.site_name}: agenda")
    for meeting in collection.meetings:
        yield urls.meeting_calendar(meeting.slug), _own_calendar(meeting, config)


def own_calendar(meeting: Meeting, config: SiteConfig) -> bytes:
    return calendar([meeting], config)


# The live preview keeps unchanged meetings as the same objects (check_cache.KindCache): their calendars are kept.
_own_calendar: PerEntry[Meeting, bytes] = PerEntry(own_calendar)
