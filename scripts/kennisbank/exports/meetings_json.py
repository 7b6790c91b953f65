"""bijeenkomsten.json: every meeting, past and upcoming, with all its fields as plain JSON values.

Places and themes are reshaped as in initiatieven.json (codes, names, addresses); start and end
are ISO 8601 with their UTC offset, so a reader never has to know Dutch summer time. The date of
the file is the newest 'bijgewerkt', never the build time, so a rebuild without changes is equal.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from kennisbank import urls
from kennisbank.entries.collection import Collection
from kennisbank.entries.meetings import Meeting, properties
from kennisbank.exports import ical, records
from kennisbank.exports.jsonexport import one_per_line
from kennisbank.site_config import SiteConfig

FILE = urls.MEETINGS_DATA


def offset_time(moment: dt.datetime) -> str:
    """Amsterdam wall-clock time with its offset: '2026-03-12T19:30:00+01:00'."""
    return moment.replace(tzinfo=ical.AMSTERDAM).isoformat()


def field_values(name: str, meeting: Meeting, config: SiteConfig) -> dict[str, Any]:
    """The keys of one schema field: places, themes and related initiatives reshaped, others as written."""
    if name == "gemeente":
        gemeente = meeting.gemeente
        return {"gemeente": records.gemeente_record(config, gemeente) if gemeente else None,
                "provincie": records.provincie_record(config, gemeente.provincie) if gemeente else None}
    if name == "themas":
        return {"themas": [records.thema_record(config, t) for t in meeting.themas]}
    if name == "initiatieven":
        return {"initiatieven": [{"slug": slug, "url": records.page_url(config, urls.initiative(slug))} for slug in meeting.initiatieven]}
    if name == "online":
        return {"online": meeting.online}
    return {name: records.plain(meeting.values.get(name))}


def record(meeting: Meeting, config: SiteConfig) -> dict[str, Any]:
    """One meeting in the schema's order, then its moments, addresses and text."""
    item: dict[str, Any] = {"slug": meeting.slug}
    for name in properties():
        item.update(field_values(name, meeting, config))
    item.update(
        start=offset_time(meeting.start), einde=offset_time(meeting.end),
        url=records.page_url(config, urls.meeting(meeting.slug)),
        ics_url=records.file_url(config, urls.meeting_calendar(meeting.slug)),
        bron=meeting.source, bron_url=f"{config.repo_url}/blob/{config.branch}/{meeting.source}", tekst=meeting.body,
    )
    return item


def render(meetings: list[Meeting], config: SiteConfig) -> str:
    items = [record(m, config) for m in sorted(meetings, key=lambda m: (m.start, m.slug))]
    return one_per_line({
        "titel": f"{config.site_name}: alle bijeenkomsten",
        "licentie": records.LICENSE_NAME,
        "licentie_url": records.LICENSE_URL,
        "bron": config.site_url,
        "agenda_ics": records.file_url(config, urls.AGENDA_CALENDAR),
        "bijgewerkt": max((m.bijgewerkt.isoformat() for m in meetings), default=None),
        "aantal": len(items),
        "bijeenkomsten": items,
    }, "bijeenkomsten")


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:
    yield FILE, render(list(collection.meetings), collection.config)
