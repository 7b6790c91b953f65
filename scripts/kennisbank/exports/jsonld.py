"""schema.org JSON-LD for an initiative page (a Project) and a meeting page (an Event), as a string that is safe inside <script type="application/ld+json">.

The generator puts the string in the page's front matter (key `jsonld`); overrides/partials/kb-head.html
prints it unescaped, because the theme's templates do not autoescape. Safety therefore lives here:
'<', '>' and '&' become \\u003c, \\u003e and \\u0026, which JSON readers decode to the same text,
so no value can close the script element or open a comment.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from kennisbank import urls
from kennisbank.entries import fields
from kennisbank.entries.entry_check import Entry
from kennisbank.entries.fields import Field
from kennisbank.entries.meetings import AMSTERDAM, Meeting
from kennisbank.entries.model import Gemeente, Initiative
from kennisbank.exports import records
from kennisbank.site_config import SiteConfig

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})
COUNTRY = {"@type": "Country", "name": "Nederland"}


def script_safe(value: Any) -> str:
    """JSON text that cannot break out of a script element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def area(gemeente: Gemeente, config: SiteConfig) -> dict[str, Any]:
    place: dict[str, Any] = {
        "@type": "AdministrativeArea",
        "name": gemeente.naam_gangbaar,
        "identifier": gemeente.code,
        "url": records.page_url(config, urls.gemeente(gemeente)),
        "containedInPlace": {"@type": "AdministrativeArea", "name": gemeente.provincie.naam, "containedInPlace": COUNTRY},
    }
    if gemeente.naam != gemeente.naam_gangbaar:
        place["alternateName"] = gemeente.naam
    return place


def jsonld_value(field: Field, initiative: Initiative, config: SiteConfig) -> Any:
    """One field's value as schema.org wants it: places as areas, themes by label, years as text."""
    if field.kind == "gemeente":
        return COUNTRY if initiative.landelijk else [area(g, config) for g in initiative.gemeenten]
    if field.kind == "thema":
        return [t.label for t in initiative.themas]
    value = initiative.value(field.name)
    if isinstance(value, tuple):
        return [str(item) for item in value]
    return None if value is None else str(value)


def data(initiative: Initiative, config: SiteConfig) -> dict[str, Any]:
    """The Project description, from every field with an `x-jsonld` property in the schema.

    Absent optional fields are left out rather than null; list fields for the same property
    (themes and keywords) are joined.
    """
    found: dict[str, Any] = {"@context": "https://schema.org", "@type": "Project", "url": records.initiative_url(config, initiative)}
    for field in fields.fields():
        target = field.definition.get("x-jsonld")
        if not target:
            continue
        value = jsonld_value(field, initiative, config)
        if value is None or value == []:
            continue
        name = target["property"] if isinstance(target, dict) else str(target)
        if isinstance(target, dict) and "type" in target:
            value = {"@type": target["type"], "name": value}
        if isinstance(value, list) and isinstance(found.get(name), list):
            found[name] = found[name] + value
        else:
            found[name] = value
    if initiative.value("startjaar_uiterlijk") == "ja":
        found.pop("foundingDate", None)  # only a latest possible year is known, not the founding date
    return found


def for_initiative(initiative: Initiative, config: SiteConfig) -> str:
    return script_safe(data(initiative, config))


SCHEMA = "https://schema.org/"


def amsterdam_time(moment: dt.datetime) -> str:
    """A meeting's naive wall-clock time with its Amsterdam offset (+01:00 or +02:00).

    The meeting check refuses times that do not exist or occur twice, so fold 0 is the only reading.
    """
    return moment.replace(tzinfo=AMSTERDAM).isoformat()


def attendance_mode(meeting: Meeting) -> str:
    """A meeting has a place (a municipality), is online, or both; the check refuses neither."""
    if meeting.gemeente is not None:
        return SCHEMA + ("MixedEventAttendanceMode" if meeting.online else "OfflineEventAttendanceMode")
    return SCHEMA + "OnlineEventAttendanceMode"


def meeting_locations(meeting: Meeting) -> list[dict[str, Any]]:
    """The Place (venue and municipality) and, when online with a web address, the VirtualLocation."""
    found: list[dict[str, Any]] = []
    if meeting.gemeente is not None:
        place: dict[str, Any] = {"@type": "Place",
                                 "address": {"@type": "PostalAddress", "addressLocality": meeting.gemeente.naam_gangbaar, "addressCountry": "NL"}}
        locatie = meeting.values.get("locatie")
        if isinstance(locatie, str):
            place["name"] = locatie
        found.append(place)
    aanmelden = meeting.values.get("aanmelden")
    # The schema's only web address is the sign-up page; it is where an online visitor gets in.
    if meeting.online and isinstance(aanmelden, str):
        found.append({"@type": "VirtualLocation", "url": aanmelden})
    return found


def meeting_data(meeting: Meeting, config: SiteConfig) -> dict[str, Any]:
    found: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Event",
        "url": records.page_url(config, urls.meeting(meeting.slug)),
        "name": meeting.titel, "description": meeting.samenvatting,
        "startDate": amsterdam_time(meeting.start), "endDate": amsterdam_time(meeting.end),
        "eventAttendanceMode": attendance_mode(meeting),
        "organizer": {"@type": "Organization", "name": meeting.organisator},
    }
    locations = meeting_locations(meeting)
    if locations:
        found["location"] = locations[0] if len(locations) == 1 else locations
    return found


def for_meeting(meeting: Meeting, config: SiteConfig) -> str:
    return script_safe(meeting_data(meeting, config))


def organisation_data(entry: Entry, page: str, config: SiteConfig) -> dict[str, Any]:
    """schema.org Organization for an organisation's page: name, what it does, where, how to reach it."""
    found: dict[str, Any] = {"@context": "https://schema.org", "@type": "Organization", "name": entry.titel,
                             "description": entry.samenvatting, "url": records.page_url(config, page)}
    website, contact = entry.values.get("website"), entry.values.get("contact")
    if isinstance(website, str):
        found["sameAs"] = website
    if isinstance(contact, str):
        found["contactPoint"] = {"@type": "ContactPoint", ("url" if "://" in contact else "email"): contact}
    if entry.area is not None:
        found["areaServed"] = [COUNTRY] if entry.area.landelijk else [
            *({"@type": "AdministrativeArea", "name": p.naam, "containedInPlace": COUNTRY} for p in entry.area.provincies),
            *(area(g, config) for g in entry.area.gemeenten)]
    if entry.themas:
        found["knowsAbout"] = [t.label for t in entry.themas]
    return found


def for_entry(kind: str, entry: Entry, page: str, config: SiteConfig) -> str | None:
    """The JSON-LD of a page of a further kind, where schema.org has a type for it (organisations)."""
    return script_safe(organisation_data(entry, page, config)) if kind == "organisatie" else None
