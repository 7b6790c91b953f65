"""The page 'Nieuw en bijgewerkt': the most recently added or updated initiatives and meetings, newest first.

'bijgewerkt' is the one date an entry carries, so it orders both new and updated entries. The page
links to the site's Atom feed (feed.xml), which lists the same initiatives, and, once there are
meetings, to the feed of the meetings.
"""
from __future__ import annotations

from collections.abc import Iterator

from kennisbank import urls
from kennisbank.entries.collection import Collection
from kennisbank.entries.meetings import Meeting
from kennisbank.entries.model import Initiative
from kennisbank.exports import atom
from kennisbank.pages.templating import front_matter, render

SHOWN = 30


def newest(initiatives: list[Initiative], meetings: list[Meeting] | None = None) -> list[Initiative | Meeting]:
    return atom.newest_items(initiatives, meetings or [], SHOWN)


def is_meeting(item: object) -> bool:
    return isinstance(item, Meeting)


def news_page(initiatives: list[Initiative], meetings: list[Meeting] | None = None) -> tuple[str, str]:
    here = urls.NEWS
    description = "De initiatieven en bijeenkomsten" if meetings else "De initiatieven"
    return here, render(
        "nieuw.md.j2", here=here, items=newest(initiatives, meetings), feed=urls.link(here, atom.FILE),
        meeting_feed=urls.link(here, urls.MEETINGS_FEED) if meetings else "", is_meeting=is_meeting, when=atom.meeting_when,
        front_matter=front_matter("Nieuw en bijgewerkt", f"{description} die het laatst zijn toegevoegd of bijgewerkt."),
    )


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:
    yield news_page(list(collection.initiatives), list(collection.meetings))
