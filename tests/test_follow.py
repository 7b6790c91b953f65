"""Follow a municipality, province or theme: a valid Atom feed each, linked from the page's head and
visibly; and the page 'Nieuw en bijgewerkt'."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from conftest import FIXTURES
from kennisbank import urls
from kennisbank.entries import places
from kennisbank.entries.validate import check_paths
from kennisbank.exports import follow
from kennisbank.site import config as siteconfig

ATOM = "{http://www.w3.org/2005/Atom}"
CONFIG = siteconfig.load(Path(__file__).resolve().parents[1] / "mkdocs.yml")
SITE_URL = CONFIG.site_url


def feed_of(site: Path, relative: str) -> ET.Element:
    return ET.fromstring((site / relative).read_bytes())


def test_feeds_exist_for_every_municipality_and_for_provinces_and_themes_with_initiatives(fixture_site: Path) -> None:
    written = sorted(p.relative_to(fixture_site).as_posix() for p in (fixture_site / "feeds").rglob("*.xml"))
    result = check_paths([FIXTURES / "site" / "initiatives"])
    # Every municipality has a page, so a feed to follow before its first entry.
    expected = sorted({urls.feed(urls.gemeente(g)) for g in places.gemeenten()}
                      | {urls.feed(urls.provincie(p)) for i in result.initiatives for p in i.provincies}
                      | {urls.feed(urls.thema(t)) for i in result.initiatives for t in i.themas}
                      | {urls.MEETINGS_FEED})  # the feed of all meetings is there even before the first meeting
    assert written == expected
    assert "feeds/gemeenten/vlissingen.xml" in written and "feeds/provincies/utrecht.xml" not in written
    empty = feed_of(fixture_site, "feeds/gemeenten/vaals.xml")  # no initiative or meeting there
    assert empty.findall(f"{ATOM}entry") == [] and empty.findtext(f"{ATOM}title").endswith("in gemeente Vaals")
    assert 'href="../feeds/gemeenten/vaals.xml"' in (fixture_site / "gemeenten" / "vaals.html").read_text(encoding="utf-8")


def test_a_municipality_feed_is_atom_with_its_own_initiatives_and_meetings(fixture_site: Path) -> None:
    root = feed_of(fixture_site, "feeds/gemeenten/vlissingen.xml")
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "Kennisbank Maatschappelijke Initiatieven: nieuw en bijgewerkt in gemeente Vlissingen"
    assert root.findtext(f"{ATOM}id") == SITE_URL + "feeds/gemeenten/vlissingen.xml"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + "feeds/gemeenten/vlissingen.xml"
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == SITE_URL + "gemeenten/vlissingen.html"
    ids = [entry.findtext(f"{ATOM}id") for entry in root.findall(f"{ATOM}entry")]
    # Newest first: the congress (updated 2026-10-02), the 2024 evening (2024-11-13), then the
    # Menukaart (2024-01-10) and the Zorgcoöperatie (2020-03-15), which lies in Vlissingen and Middelburg.
    assert ids == [SITE_URL + "bijeenkomsten/congres-zeeuwse-initiatieven.html", SITE_URL + "bijeenkomsten/wijkavond-menukaart-2024.html",
                   SITE_URL + "initiatieven/menukaart-vlissingen.html", SITE_URL + "initiatieven/zorgcooperatie-zeeland.html"]
    assert root.findtext(f"{ATOM}updated") == "2026-10-02T00:00:00Z"


@pytest.mark.parametrize("relative", ["feeds/gemeenten/den-haag.xml", "feeds/provincies/zeeland.xml", "feeds/themas/digitaal.xml"])
def test_feeds_read_back_in_a_feed_reader_without_problems(fixture_site: Path, relative: str) -> None:
    parsed = feedparser.parse((fixture_site / relative).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title.startswith("Kennisbank Maatschappelijke Initiatieven: nieuw en bijgewerkt in ")
    assert parsed.feed.updated_parsed and parsed.feed.author and parsed.feed.id
    assert parsed.entries
    for entry in parsed.entries:  # RFC 4287: each entry has an id, a title, an update time and a link
        assert entry.id and entry.title and entry.updated_parsed and entry.link == entry.id
        assert (fixture_site / entry.link.removeprefix(SITE_URL)).is_file()


def test_hostile_titles_stay_text_in_the_feeds(fixture_site: Path) -> None:
    raw = (fixture_site / "feeds" / "themas" / "digitaal.xml").read_bytes()
    assert b"<script>" not in raw
    titles = [entry.findtext(f"{ATOM}title") for entry in feed_of(fixture_site, "feeds/themas/digitaal.xml").findall(f"{ATOM}entry")]
    assert "<script>alert('titel')</script> Kwaad [x](javascript:alert(1))" in titles


@pytest.mark.parametrize(("page", "feed", "text"), [
    ("gemeenten/vlissingen.html", "../feeds/gemeenten/vlissingen.xml", "Volg deze gemeente"),
    ("provincies/zeeland.html", "../feeds/provincies/zeeland.xml", "Volg deze provincie"),
    ("themas/voedsel.html", "../feeds/themas/voedsel.xml", "Volg dit thema"),
])
def test_pages_link_their_feed_in_the_head_and_visibly(fixture_site: Path, page: str, feed: str, text: str) -> None:
    html = (fixture_site / page).read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    links = re.findall(r'<link rel="alternate feed" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', head)
    assert [href for _, href in links] == ["../feed.xml", feed]
    assert '<link rel="alternate"' not in head  # Material would fetch a sitemap.xml next to it
    assert f'<a class="kb-volg" href="{feed}" type="application/atom+xml">{text}</a>' in html
    assert (fixture_site / page).parent.joinpath(feed).resolve().is_file()


def test_pages_without_initiatives_have_no_feed(fixture_site: Path) -> None:
    html = (fixture_site / "provincies" / "utrecht.html").read_text(encoding="utf-8")
    assert "feeds/" not in html and "Volg deze provincie" not in html


def test_news_page_lists_the_newest_first_and_links_the_feed(fixture_site: Path) -> None:
    html = (fixture_site / "nieuw.html").read_text(encoding="utf-8")
    main = html[html.index('<h1 id="nieuw-en-bijgewerkt">'):]
    links = re.findall(r'<li>([0-9]+ [a-z]+ [0-9]{4}): <a href="initiatieven/([a-z0-9-]+)\.html">', main)
    assert links[:4] == [("5 januari 2026", "energiecooperaties-nederland"), ("1 januari 2026", "kwaadaardig-initiatief"),
                         ("1 juni 2025", "buurtmoestuin-delfshaven"), ("10 januari 2024", "menukaart-vlissingen")]
    assert '<a href="feed.xml" type="application/atom+xml">Atom-feed van de hele kennisbank</a>' in main
    assert "<script>alert" not in main


def test_scopes_follow_the_reference_tables() -> None:
    result = check_paths([FIXTURES / "site" / "initiatives"])
    scopes = follow.scopes(result.initiatives)
    pages = [s.page for s in scopes]
    assert pages.index("gemeenten/vlissingen.md") < pages.index("provincies/zeeland.md") < pages.index("themas/voedsel.md")
    assert all(s.initiatives for s in scopes if not s.page.startswith("gemeenten/"))
    assert len([s for s in scopes if s.page.startswith("gemeenten/")]) == len(places.gemeenten())
