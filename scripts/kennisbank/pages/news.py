"""The page 'Nieuw en bijgewerkt': the most recently added or updated initiatives, newest first.

'bijgewerkt' is the one date an entry carries, so it orders both new and updated entries. The page
links to the site's Atom feed (feed.xml), which lists the same initiatives.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kennisbank import urls
from kennisbank.entries.model import Initiative
from kennisbank.exports import atom
from kennisbank.pages.templating import front_matter, render
from kennisbank.site.config import SiteConfig

SHOWN = 30


def newest(initiatives: list[Initiative]) -> list[Initiative]:
    return sorted(initiatives, key=lambda i: (i.bijgewerkt, i.slug), reverse=True)[:SHOWN]


def news_page(initiatives: list[Initiative]) -> tuple[str, str]:
    here = urls.NEWS
    return here, render(
        "nieuw.md.j2", here=here, items=newest(initiatives), feed=urls.link(here, atom.FILE),
        front_matter=front_matter("Nieuw en bijgewerkt", "De initiatieven die het laatst zijn toegevoegd of bijgewerkt."),
    )


def write(docs_dir: Path, initiatives: list[Initiative], config: SiteConfig) -> Iterator[tuple[str, str | bytes]]:
    """The writer registered in site.docs_folder."""
    yield news_page(initiatives)
