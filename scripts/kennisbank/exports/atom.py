"""feed.xml: an Atom feed (RFC 4287) of the newest and most recently updated initiatives.

Built with ElementTree, which escapes every text and attribute, so titles from strangers stay text.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from kennisbank.entries.model import Initiative
from kennisbank.exports import records
from kennisbank.exports.xmltext import XML_DECLARATION, clean
from kennisbank.site.config import SiteConfig

FILE = "feed.xml"
NEWEST = 50
ATOM = "http://www.w3.org/2005/Atom"


def timestamp(day: dt.date) -> str:
    """RFC 3339 date-time at midnight UTC: 'bijgewerkt' is a date only."""
    return f"{day.isoformat()}T00:00:00Z"


def newest(initiatives: list[Initiative], count: int = NEWEST) -> list[Initiative]:
    return sorted(initiatives, key=lambda i: (i.bijgewerkt, i.slug), reverse=True)[:count]


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


def feed(initiatives: list[Initiative], config: SiteConfig) -> ET.Element:
    return scoped_feed(initiatives, config, FILE, "nieuw en bijgewerkt",
                       "De nieuwste en laatst bijgewerkte maatschappelijke initiatieven.", config.site_url, config.site_url)


def scoped_feed(initiatives: list[Initiative], config: SiteConfig, file: str, title: str, subtitle: str,
                page_url: str, feed_id: str) -> ET.Element:
    """A feed of the newest and most recently updated of these initiatives: the site's, or a place's or theme's."""
    chosen = newest(initiatives)
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
    for initiative in chosen:
        entry(root, initiative, config)
    return root


def render(initiatives: list[Initiative], config: SiteConfig) -> str:
    return serialise(feed(initiatives, config))


def serialise(root: ET.Element) -> str:
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
