"""feeds/bijeenkomsten.xml: an Atom feed (RFC 4287) of the newest and most recently updated meetings."""
from __future__ import annotations

from collections.abc import Iterator

from kennisbank import urls
from kennisbank.entries.collection import Collection
from kennisbank.entries.meetings import Meeting
from kennisbank.exports import atom, records
from kennisbank.site_config import SiteConfig

FILE = urls.MEETINGS_FEED


def render(meetings: list[Meeting], config: SiteConfig) -> str:
    feed_url = records.file_url(config, FILE)
    root = atom.scoped_feed([], config, FILE, "nieuwe bijeenkomsten",
                            "De bijeenkomsten die het laatst zijn aangekondigd of bijgewerkt.",
                            records.page_url(config, urls.AGENDA), feed_url, meetings)
    return atom.serialise(root)


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:
    yield FILE, render(list(collection.meetings), collection.config)
