"""Meetings as pages: the Agenda (upcoming, then past by year), a page per meeting, and the
'Bijeenkomsten' section on the initiative, municipality and theme pages they concern.

The generated Markdown is judged with a fixed `today`; the real MkDocs build of the fixture site
(meetings in 2029-2032 and one in 2024) with the day it runs.
"""
from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from kennisbank.entries.collection import Collection
from kennisbank import urls
from kennisbank.entries import meetings as meeting_files
from kennisbank.entries.validate import check_paths
from kennisbank.pages import agenda
from kennisbank.site import config as siteconfig

MEETINGS = FIXTURES / "site" / "bijeenkomsten"
CONGRESS = "congres-zeeuwse-initiatieven"  # Vlissingen and online, two days in 2030
OPEN_DAY = "open-dag-buurtmoestuin"  # Rotterdam, 2031
WEBINAR = "webinar-energiecooperaties"  # online only, 2029
PAST = "wijkavond-menukaart-2024"  # Vlissingen, 2024
HOSTILE = "kwaadaardige-bijeenkomst"  # Den Haag, 2032


@pytest.fixture(scope="module")
def initiatives() -> list:
    result = check_paths([FIXTURES / "site" / "initiatives"])
    assert result.errors == []
    return result.initiatives


@pytest.fixture(scope="module")
def meetings(initiatives: list) -> list[meeting_files.Meeting]:
    found = meeting_files.check_meetings([MEETINGS], {i.slug for i in initiatives})
    assert found.messages == []
    return found.meetings


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> siteconfig.SiteConfig:
    return replace(siteconfig.load(REPO / "mkdocs.yml"), docs_dir=tmp_path_factory.mktemp("docs"))


def generated(meetings: list, initiatives: list, config: siteconfig.SiteConfig, today: dt.date) -> dict[str, str]:
    return {path: str(content) for path, content in agenda.write(Collection(config, today, initiatives, meetings))}


def linked_slugs(markdown: str) -> list[str]:
    """The meetings a page links to, in order."""
    return re.findall(r"\]\((?:\.\./)?bijeenkomsten/([a-z0-9-]+)\.md\)", markdown)


def year_sections(markdown: str) -> list[tuple[str, list[str]]]:
    archive = markdown.split("## Eerdere bijeenkomsten", 1)[1]
    return [(year, linked_slugs(block)) for year, block in re.findall(r"^### (\d{4})\n(.*?)(?=^### |\Z)", archive, re.S | re.M)]


# ---------- the Agenda, generated ----------

def test_agenda_lists_upcoming_by_start_and_nothing_past_before_they_all_begin(meetings, initiatives, config) -> None:
    page = generated(meetings, initiatives, config, dt.date(2024, 1, 1))[urls.AGENDA]
    assert linked_slugs(page) == [PAST, WEBINAR, CONGRESS, OPEN_DAY, HOSTILE]
    assert "## Eerdere bijeenkomsten" not in page


def test_agenda_archives_past_meetings_by_year_newest_first(meetings, initiatives, config) -> None:
    # The congress's last day: it still counts as upcoming until the day is over.
    page = generated(meetings, initiatives, config, dt.date(2030, 10, 2))[urls.AGENDA]
    upcoming = page.split("## Eerdere bijeenkomsten", 1)[0]
    assert linked_slugs(upcoming) == [CONGRESS, OPEN_DAY, HOSTILE]
    assert year_sections(page) == [("2029", [WEBINAR]), ("2024", [PAST])]
    later = generated(meetings, initiatives, config, dt.date(2030, 10, 3))[urls.AGENDA]
    assert year_sections(later) == [("2030", [CONGRESS]), ("2029", [WEBINAR]), ("2024", [PAST])]


def test_agenda_item_shows_date_time_title_place_and_summary(meetings, initiatives, config) -> None:
    page = generated(meetings, initiatives, config, dt.date(2026, 11, 28))[urls.AGENDA]
    assert (
        "-   [Congres Zeeuwse initiatieven](bijeenkomsten/congres-zeeuwse-initiatieven.md)\n\n"
        "    Twee dagen over menukaarten en zorgcoöperaties in Zeeland, in Vlissingen en ook online te volgen.\n"
        "    { .kb-card__summary }\n\n"
        "    1 oktober 2030, 9.30 uur tot 2 oktober 2030, 16.00 uur · Vlissingen en online\n"
    ) in page
    assert "5 maart 2029, 19.30–21.00 uur · Online\n" in page
    assert "14 juni 2031, 10.00–16.00 uur · Rotterdam\n" in page


def test_empty_agenda_says_so_and_shows_how_to_add_a_meeting(initiatives, config) -> None:
    page = generated([], initiatives, config, dt.date(2026, 11, 28))[urls.AGENDA]
    assert "Er staan nog geen bijeenkomsten in de agenda." in page
    assert "(meedoen.md#een-bijeenkomst-toevoegen)" in page
    # What the empty list would show, and the form that adds to it.
    assert "Hier komen bijeenkomsten, congressen en open dagen" in page and "[Meld uw bijeenkomst aan](bijeenkomst-aanmelden.md)" in page
    assert "## Eerdere bijeenkomsten" not in page
    joining = (REPO / "docs" / "meedoen.md").read_text(encoding="utf-8")
    assert "## Een bijeenkomst toevoegen" in joining and "kennisbank nieuw --bijeenkomst" in joining


def test_agenda_with_only_past_meetings_says_none_are_coming(meetings, initiatives, config) -> None:
    page = generated(meetings, initiatives, config, dt.date(2040, 1, 1))[urls.AGENDA]
    assert "Er staan op dit moment geen komende bijeenkomsten in de agenda." in page
    assert [year for year, _ in year_sections(page)] == ["2032", "2031", "2030", "2029", "2024"]


# ---------- a meeting's page, generated ----------

def test_upcoming_meeting_page_has_calendar_link_and_no_past_notice(meetings, initiatives, config) -> None:
    page = generated(meetings, initiatives, config, dt.date(2026, 11, 28))[urls.meeting(CONGRESS)]
    assert "[Zet in uw agenda](congres-zeeuwse-initiatieven.ics){ download type=\"text/calendar\" }" in page
    assert "!!! info" not in page
    assert "\n# Congres Zeeuwse initiatieven\n" in page


def test_past_meeting_page_says_it_is_over(meetings, initiatives, config) -> None:
    page = generated(meetings, initiatives, config, dt.date(2026, 11, 28))[urls.meeting(PAST)]
    assert '!!! info "Deze bijeenkomst is voorbij"' in page
    assert "Deze bijeenkomst was op 12 november 2024, 19.30–21.30 uur." in page
    assert "Zet in uw agenda" not in page


def test_meeting_body_goes_through_the_submitted_text_extension(meetings, initiatives, config) -> None:
    page = generated(meetings, initiatives, config, dt.date(2026, 11, 28))[urls.meeting(HOSTILE)]
    body = next(m for m in meetings if m.slug == HOSTILE).body.strip("\n")
    assert f"<!-- kb:ingezonden-tekst {len(body.splitlines())} -->\n{body}" in page


# ---------- the section on other pages, generated ----------

def test_section_shows_five_upcoming_then_the_latest_past_and_links_the_agenda(meetings) -> None:
    congress = next(m for m in meetings if m.slug == CONGRESS)
    many = [replace(congress, slug=f"dag-{n}", start=congress.start + dt.timedelta(days=n), end=congress.end + dt.timedelta(days=n))
            for n in range(-5, 8)]
    today = congress.end.date()  # dag-0 ends today: upcoming; dag--1 ended yesterday
    section = agenda.Sections(many, today).initiative("menukaart-vlissingen", "initiatieven/menukaart-vlissingen.md")
    upcoming, past = str(section).split("### Eerder", 1)
    assert linked_slugs(upcoming) == ["dag-0", "dag-1", "dag-2", "dag-3", "dag-4"]
    assert linked_slugs(past) == ["dag--1", "dag--2", "dag--3"]
    assert str(section).startswith("## Bijeenkomsten\n")
    assert str(section).endswith("[Alle bijeenkomsten in de agenda](../agenda.md)")
    assert str(agenda.Sections(many, today).initiative("buurtmoestuin-delfshaven", "initiatieven/x.md")) == ""


def test_municipality_without_a_page_is_named_not_linked(meetings, config) -> None:
    page = generated(meetings, [], config, dt.date(2026, 11, 28))[urls.meeting(OPEN_DAY)]
    assert "Buurtmoestuin, Voorbeeldkade 12, Rotterdam (gemeente Rotterdam)" in page
    assert "gemeenten/rotterdam.md" not in page


# ---------- the built site ----------

def read(site: Path, page: str) -> str:
    return (site / urls.published(page)).read_text(encoding="utf-8")


def article(html: str) -> str:
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def text(fragment: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def panel(html: str) -> dict[str, str]:
    """The metadata panel as {label: shown text}, and links kept as 'text -> href'."""
    found = {}
    for label, value in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html.split('class="kb-meta"', 1)[1].split("</dl>", 1)[0], re.S):
        links = re.sub(r'<a href="([^"]*)"[^>]*>(.*?)</a>', r"\2 -> \1", value)
        found[text(label)] = text(links)
    return found


def test_agenda_page_is_built_in_the_navigation(fixture_site: Path) -> None:
    html = read(fixture_site, urls.AGENDA)
    assert "<h1" in html and "Agenda</h1>" in html
    assert re.search(r'class="md-nav__link"[^>]*>\s*<span class="md-ellipsis">\s*Agenda', read(fixture_site, urls.HOME))
    content = article(html)
    coming = content.split('id="eerdere-bijeenkomsten"', 1)[0]
    slugs = re.findall(r'href="bijeenkomsten/([a-z0-9-]+)\.html"', coming)
    assert slugs == [WEBINAR, CONGRESS, OPEN_DAY, HOSTILE]
    archive = content.split('id="eerdere-bijeenkomsten"', 1)[1]
    assert re.findall(r'<h3 id="2024">2024</h3>', archive)
    assert re.findall(r'href="bijeenkomsten/([a-z0-9-]+)\.html"', archive) == [PAST]
    assert 'href="meedoen.html#een-bijeenkomst-toevoegen"' in content


def test_agenda_page_offers_the_calendar_and_the_feed_of_meetings(fixture_site: Path) -> None:
    html = read(fixture_site, urls.AGENDA)
    assert '<a download href="agenda.ics" type="text/calendar">Alle komende bijeenkomsten in uw agenda</a>' in html
    assert '<a class="kb-volg" href="feeds/bijeenkomsten.xml" type="application/atom+xml">Volg de agenda</a>' in html
    assert re.search(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]*nieuwe bijeenkomsten" href="feeds/bijeenkomsten.xml">', html)
    assert (fixture_site / "agenda.ics").is_file() and (fixture_site / "feeds" / "bijeenkomsten.xml").is_file()


def test_meeting_page_shows_its_fields(fixture_site: Path) -> None:
    html = read(fixture_site, urls.meeting(CONGRESS))
    assert '<h1 id="congres-zeeuwse-initiatieven">Congres Zeeuwse initiatieven</h1>' in html
    assert '<p class="kb-lead">Twee dagen over menukaarten' in html
    assert panel(html) == {
        "Wanneer": "1 oktober 2030, 9.30 uur tot 2 oktober 2030, 16.00 uur",
        "Waar": "Congreszaal Het Voorbeeld, Boulevard 1, Vlissingen (gemeente Vlissingen -> ../gemeenten/vlissingen.html); ook online te volgen",
        "Organisator": "Netwerk Zeeuwse initiatieven (testgegevens)",
        "Thema's": "Democratie en zeggenschap -> ../themas/democratie.html, Zorg en welzijn -> ../themas/zorg-welzijn.html",
        "Initiatieven": "Menukaart Vlissingen -> ../initiatieven/menukaart-vlissingen.html, "
                        "Zorgcoöperatie Walcheren -> ../initiatieven/zorgcooperatie-zeeland.html",
        "Bijgewerkt": "2 oktober 2026",
    }
    assert '<a download href="congres-zeeuwse-initiatieven.ics" type="text/calendar">Zet in uw agenda</a>' in html
    assert "<p>Op de eerste dag vertellen initiatieven hun verhaal" in html
    assert "admonition" not in article(html)


def test_online_meeting_with_registration_link(fixture_site: Path) -> None:
    shown = panel(read(fixture_site, urls.meeting(WEBINAR)))
    assert shown["Waar"] == "Online"
    assert shown["Aanmelden"] == "voorbeeld.nl/webinar -> https://voorbeeld.nl/webinar"
    assert 'rel="nofollow noopener"' in read(fixture_site, urls.meeting(WEBINAR))


def test_past_meeting_page_in_the_site(fixture_site: Path) -> None:
    html = read(fixture_site, urls.meeting(PAST))
    notice = html.split('class="admonition info"', 1)[1].split("</div>", 1)[0]
    assert "Deze bijeenkomst is voorbij" in notice and 'href="../agenda.html"' in notice
    assert "Zet in uw agenda" not in html
    assert '<h2 id="bijeenkomsten">' not in html


def test_edit_button_of_a_meeting_opens_its_file(fixture_site: Path) -> None:
    html = read(fixture_site, urls.meeting(PAST))
    assert 'href="https://github.com/kennisbank-initiatieven/kennisbank/edit/main/bijeenkomsten/wijkavond-menukaart-2024.md"' in html


@pytest.mark.parametrize(("page", "expected"), [
    (urls.initiative("menukaart-vlissingen"), [CONGRESS, "|", PAST]),
    (urls.initiative("buurtmoestuin-delfshaven"), [OPEN_DAY]),
    (urls.initiative("energiecooperaties-nederland"), [WEBINAR]),
    ("gemeenten/vlissingen.md", [CONGRESS, "|", PAST]),
    ("gemeenten/rotterdam.md", [OPEN_DAY]),
    ("themas/voedsel.md", [OPEN_DAY]),
    ("themas/openbare-ruimte.md", ["|", PAST]),
    ("themas/energie-klimaat.md", [WEBINAR]),
])
def test_pages_of_what_a_meeting_is_about_list_it(fixture_site: Path, page: str, expected: list[str]) -> None:
    content = article(read(fixture_site, page))
    section = content.split('<h2 id="bijeenkomsten">Bijeenkomsten</h2>', 1)[1]
    section = section.split("<h2", 1)[0].replace('<h3 id="eerder">Eerder</h3>', 'href="../bijeenkomsten/|.html"')
    assert re.findall(r'href="\.\./bijeenkomsten/([a-z0-9|-]+)\.html"', section) == expected
    assert 'href="../agenda.html">Alle bijeenkomsten in de agenda</a>' in section


@pytest.mark.parametrize("page", ["themas/wonen.md", "gemeenten/middelburg.md", urls.initiative("wijkdeal-weesp-test")])
def test_pages_without_meetings_have_no_section(fixture_site: Path, page: str) -> None:
    assert 'id="bijeenkomsten"' not in read(fixture_site, page)
