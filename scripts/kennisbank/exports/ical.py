"""Calendar files of the meetings (RFC 5545): agenda.ics with every upcoming meeting, and one .ics
per meeting for "Zet in uw agenda".

Built with the icalendar library, which escapes text (commas, semicolons, backslashes, newlines)
and folds long lines, so a stranger's title stays one value. Times are Europe/Amsterdam wall-clock
times, written with TZID and a VTIMEZONE that icalendar derives from the zoneinfo database.
Nothing depends on the build time: UIDs come from the slug and the site's host, DTSTAMP from
'bijgewerkt', so a rebuild without changes writes the same bytes.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from kennisbank import urls
from kennisbank.entries import places
from kennisbank.entries.meetings import FIRST_YEAR, LAST_YEAR, Meeting
from kennisbank.entries.memo import PerEntry
from kennisbank.entries.model import Initiative
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


def timezone(first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE for the years the calendar's events fall in, within the years a meeting may have.

    The check refuses other years; a meeting that got here anyway must not stop the build:
    icalendar walks the zone in steps of up to 64 days past the last date (an OverflowError in
    year 9999, a ValueError for 'year 10000'), so the span is kept inside FIRST_YEAR to LAST_YEAR,
    where the zone's last rule still holds for a later event.
    """
    first = min(max(first_year, FIRST_YEAR), LAST_YEAR)
    return _timezone(first, min(max(last_year, first), LAST_YEAR))


@cache
def _timezone(first_year: int, last_year: int) -> Timezone:
    """Computing a VTIMEZONE takes milliseconds: kept per span."""
    return Timezone.from_tzid(TZID, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1))


def calendar(meetings: list[Meeting], config: SiteConfig, year: int, name: str | None = None) -> bytes:
    """A VCALENDAR with these meetings; `year` spans the VTIMEZONE when there are none (a calendar needs one component).

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
    years = [m.start.year for m in meetings] + [m.end.year for m in meetings]
    root.add_component(timezone(min(years, default=year), max(years, default=year)))
    for meeting in sorted(meetings, key=lambda m: (m.start, m.slug)):
        root.add_component(event(meeting, config))
    return root.to_ical()


def write(meetings: list[Meeting], initiatives: list[Initiative], config: SiteConfig, today: dt.date) -> Iterator[tuple[str, str | bytes]]:
    """The meeting writer registered in site.docs_folder: agenda.ics and one .ics per meeting."""
    yield urls.AGENDA_CALENDAR, calendar([m for m in meetings if m.is_upcoming(today)], config, today.year, f"{config.site_name}: agenda")
    for meeting in meetings:
        yield urls.meeting_calendar(meeting.slug), _own_calendar(meeting, config)


def own_calendar(meeting: Meeting, config: SiteConfig) -> bytes:
    return calendar([meeting], config, meeting.start.year)


# The live preview keeps unchanged meetings as the same objects (MeetingCache): their calendars are kept.
_own_calendar: PerEntry[Meeting, bytes] = PerEntry(own_calendar)
