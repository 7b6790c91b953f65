"""Where every page lives: source path -> page path -> link, for every kind of page.

The one owner of the site's addresses, in the manner of MkDocs' own `File` (`src_uri`,
`dest_uri`, `url_relative_to`). A page is named by its Markdown path in the build folder
('gemeenten/delft.md'). Links in Markdown point at that path, relative to the page that holds
them ('../gemeenten/delft.md'), so that MkDocs resolves each one and a strict build fails on a
broken one. Raw HTML (maps, forms) and data files need the published address ('.html'), which
MkDocs does not rewrite: `html_link` and `absolute` give it.
"""
from __future__ import annotations

import posixpath
from functools import cache
from typing import Protocol
from urllib.parse import quote

from kennisbank.entries import kinds

HOME = "index.md"
SEARCH = "zoeken.md"
THEMES = "themas/index.md"
GEMEENTEN = "gemeenten/index.md"
PROVINCIES = "provincies/index.md"
LANDELIJK = "landelijk.md"
MAP = "kaart.md"
CHARTS = "cijfers.md"
OPEN_DATA = "open-data.md"
SUBMIT = "aanmelden.md"
SUBMIT_MEETING = "bijeenkomst-aanmelden.md"
JOIN = "meedoen.md"
EDITORS = "redactie.md"  # who runs the kennisbank and how to reach the editors
LESSONS = "lessen.md"
NEWS = "nieuw.md"
AGENDA = "agenda.md"
AGENDA_CALENDAR = "agenda.ics"
MEETINGS_DATA = "bijeenkomsten.json"
MEETINGS_FEED = "feeds/bijeenkomsten.xml"
FEEDS_FOLDER = "feeds"
INITIATIVES_FOLDER = kinds.initiatives().pages
MEETINGS_FOLDER = kinds.meetings().pages


class Slugged(Protocol):
    @property
    def slug(self) -> str: ...


def initiative(slug: str) -> str:
    return f"{INITIATIVES_FOLDER}/{slug}.md"


def meeting(slug: str) -> str:
    return f"{MEETINGS_FOLDER}/{slug}.md"


def meeting_calendar(slug: str) -> str:
    """The one-event calendar file of a meeting ("Zet in uw agenda")."""
    return f"{MEETINGS_FOLDER}/{slug}.ics"


def entry_page(folder: str, slug: str) -> str:
    """The page of an entry of a kind (entries.kinds.Kind.pages is its folder)."""
    return f"{folder}/{slug}.md"


def kind_list(folder: str) -> str:
    """The list page of a kind: every entry of it."""
    return f"{folder}/index.md"


def kind_data(folder: str, extension: str) -> str:
    """An open-data file of a kind beside the site's others: organisaties.json, organisaties.csv."""
    return f"{folder}.{extension}"


def gemeente(place: Slugged) -> str:
    return gemeente_slug(place.slug)


def gemeente_slug(slug: str) -> str:
    """A municipality's page by its slug; also the page of a former municipality's name."""
    return f"gemeenten/{slug}.md"


def provincie(place: Slugged) -> str:
    return f"provincies/{place.slug}.md"


def thema(theme: Slugged) -> str:
    return f"themas/{theme.slug}.md"


def feed(page: str) -> str:
    """The Atom feed of a municipality's, province's or theme's page ('gemeenten/x.md' -> 'feeds/gemeenten/x.xml')."""
    return f"{FEEDS_FOLDER}/{page[: -len('.md')]}.xml"


def published(path: str) -> str:
    """The address a page is published at, relative to the site root ('a/b.md' -> 'a/b.html')."""
    return path[: -len(".md")] + ".html" if path.endswith(".md") else path


def link(here: str, target: str) -> str:
    """A Markdown link from page `here` to page or file `target`: relative, to the source path."""
    return _relative(posixpath.dirname(here), target)


def depth(here: str) -> int:
    """How many folders deep page `here` lies: 0 for 'lessen.md', 1 for 'gemeenten/delft.md'."""
    return here.count("/")


def link_at_depth(level: int, target: str) -> str:
    """A Markdown link to `target` that works from every page `level` folders deep, the same text on
    all of them ('../initiatieven/x.md' also from initiatieven/ itself): a card that shows on many
    pages is then one text, which is rendered and parsed once (pages.listing, pages.repeated_items)."""
    return "../" * level + target


def html_link(here: str, target: str) -> str:
    """A link for raw HTML, which MkDocs leaves alone: relative, to the published address."""
    return published(_relative(posixpath.dirname(here), target))


def absolute(site_url: str, target: str) -> str:
    """The full address of a page or file; site_url ends with '/'."""
    return site_url + published(target)


def share_mail(subject: str, address: str) -> str:
    """A mailto: link without a recipient that offers a page by e-mail: the subject and the page's
    full address as the body (RFC 6068: every reserved character percent-encoded, a space as %20)."""
    return f"mailto:?subject={quote(subject, safe='')}&body={quote(address, safe='')}"


@cache
def _relative(folder: str, target: str) -> str:
    return posixpath.relpath(target, folder or ".")
