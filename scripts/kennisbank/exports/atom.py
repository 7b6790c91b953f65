"""feed.xml: an Atom feed (RFC 4287) of the newest and most recently updated initiatives.

Built with ElementTree, which escapes every text and attribute, so titles from strangers stay text.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from kennisbank import urls
from kennisbank.dutch_dates import datum
from kennisbank.entries.meetings import Meeting
from kennisbank.entries.model import Initiative
from kennisbank.exports import records
from kennisbank.exports.xmltext import XML_DECLARATION, clean
from kennisbank.site_config import SiteConfig

FILE = "feed.xml"
NEWEST = 50
ATOM = "http://www.w3.org/2005/Atom"


def timestamp(day: dt.date) -> str:
    """RFC 3339 date-time at midnight UTC: 'bijgewerkt' is a date only.

    Entries checked on the same day therefore share this value, and the W3C validator warns about
    that. The warning is left on purpose: RFC 4287 allows equal values, readers tell entries apart by
    atom:id, and any made-up seconds to separate them would either depend on which other entries are
    in the feed (so an entry would seem updated when another one is added) or claim a time of day
    that nobody recorded.
    """
    return f"{day.isoformat()}T00:00:00Z"


def newest_items(initiatives: Sequence[Initiative], meetings: Sequence[Meeting], count: int) -> list[Initiative | Meeting]:
    """Initiatives and meetings together, newest 'bijgewerkt' first (then by slug, an initiative before a meeting)."""
    items: list[Initiative | Meeting] = [*initiatives, *meetings]
    return sorted(items, key=lambda i: (i.bijgewerkt, i.slug, isinstance(i, Initiative)), reverse=True)[:count]


def text(parent: ET.Element, tag: str, value: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = clean(value)
    return element


def entry(feed: ET.Element, initiative: Initiative, config: SiteConfig) -> None:
    url = records.initiative_url(config, initiative)
    item = ET.SubElement(feed, "entry")
    text(item, "title", initiative.titel)
    text(item, "id", url)
    ET.SubElement(item, "link", {"rel": "alternate", "type": "text/html", "href": url})
    text(item, "updated", timestamp(initiative.bijgewerkt))
    text(item, "summary", initiative.samenvatting)
    for thema in initiative.themas:
        ET.SubElement(item, "category", {"term": thema.slug, "label": clean(thema.label)})


def meeting_when(meeting: Meeting) -> str:
    """'12 maart 2026, 19:30-21:30' (or over two dates for a congress of several days)."""
    start, end = meeting.start, meeting.end
    if start.date() == end.date():
        return f"{datum(start.date())}, {start:%H:%M}-{end:%H:%M}"
    return f"{datum(start.date())} {start:%H:%M} tot {datum(end.date())} {end:%H:%M}"


def meeting_entry(feed: ET.Element, meeting: Meeting, config: SiteConfig) -> None:
    """A meeting as an entry: its summary starts with when and where, its category says it is a meeting."""
    url = records.page_url(config, urls.meeting(meeting.slug))
    item = ET.SubElement(feed, "entry")
    text(item, "title", f"Bijeenkomst: {meeting.titel}")
    text(item, "id", url)
    ET.SubElement(item, "link", {"rel": "alternate", "type": "text/html", "href": url})
    text(item, "updated", timestamp(meeting.bijgewerkt))
    place = meeting.gemeente.naam_gangbaar if meeting.gemeente else "online"
    text(item, "summary", f"{meeting_when(meeting)}, {place}. {meeting.samenvatting}")
    ET.SubElement(item, "category", {"term": "bijeenkomst", "label": "Bijeenkomst"})
    for thema in meeting.themas:
        ET.SubElement(item, "category", {"term": thema.slug, "label": clean(thema.label)})


def feed(initiatives: list[Initiative], config: SiteConfig) -> ET.Element:
    return scoped_feed(initiatives, config, FILE, "nieuw en bijgewerkt",
                       "De nieuwste en laatst bijgewerkte maatschappelijke initiatieven.", config.site_url, config.site_url)


def scoped_feed(initiatives: list[Initiative], config: SiteConfig, file: str, title: str, subtitle: str,
                page_url: str, feed_id: str, meetings: Sequence[Meeting] = ()) -> ET.Element:
    """A feed of the newest and most recently updated of these initiatives and meetings: the site's, or a place's or theme's."""
    chosen = newest_items(initiatives, meetings, NEWEST)
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "nl"})
    text(root, "title", f"{config.site_name}: {title}")
    text(root, "subtitle", subtitle)
    text(root, "id", feed_id)
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": records.file_url(config, file)})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": page_url})
    # An empty site has no dates; the epoch keeps the feed valid and the output stable.
    text(root, "updated", timestamp(chosen[0].bijgewerkt if chosen else dt.date(1970, 1, 1)))
    author = ET.SubElement(root, "author")
    text(author, "name", config.site_name)
    text(author, "uri", config.site_url)
    text(root, "rights", f"Inhoud onder {records.LICENSE_NAME}")
    for item in chosen:
        if isinstance(item, Meeting):
            meeting_entry(root, item, config)
        else:
            entry(root, item, config)
    return root


def render(initiatives: list[Initiative], config: SiteConfig) -> str:
    return serialise(feed(initiatives, config))


def serialise(root: ET.Element) -> str:
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
