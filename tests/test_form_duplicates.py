"""The form's hint "Bestaat dit initiatief al?": the check's duplicate rule, in the browser, on the shipped data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from kennisbank.entries import duplicates, places
from test_form import open_form

# (title, places, website) typed in the form; the fixture site holds the entries they may resemble.
PROBES = [
    ("Menukaarten in Vlissingen", ["GM0718"], ""),
    ("Stichting Menukaart", ["GM0718"], ""),
    ("Menukaartt Vlissingen", ["GM0718"], ""),  # a typo
    ("Menukaart Vlissingen", ["GM0687"], ""),  # Middelburg: another place
    ("Menu", ["GM0718"], ""),
    ("Zorgcooperatie Walchern", ["GM0687"], ""),
    ("Energiecoöperatie Nederland", ["landelijk"], ""),
    ("Iets heel anders", ["GM0599"], "http://www.voorbeeld.nl/moestuin/"),
    ("Buurtmoestuin Delfshavn", ["GM0599"], "https://voorbeeld.nl/moestuin#x"),
    ("Buurtbus Weesp", ["GM0363"], ""),
    ("G1000 2014", ["GM0363"], ""),
    ("", [], ""),
]
WORDS = ["Wijkdeals in Den Haag", "Stichting Wijkdeal 's-Gravenhage", "Zorgcoöperatie Hoogeloon U.A.", "Straße ’t Hoekje 2", "Ĳsselmeer ﬁets", "Ærø ØØ café's"]


def data(fixture_site: Path) -> dict:
    script = (fixture_site / "assets" / "aanmelden-data.js").read_text(encoding="utf-8")
    return json.loads(script.split("=", 1)[1].strip().rstrip(";"))


def python_entries(rows: list) -> list[duplicates.Entry]:
    return [duplicates.Entry(link, titel, tuple(codes), website or None) for titel, link, codes, website in rows]


def test_data_script_carries_every_entry_and_the_rule(fixture_site: Path) -> None:
    bestaand = data(fixture_site)["bestaand"]
    assert bestaand["stopwoorden"] == list(duplicates.STOP_WORDS) and bestaand["vaagVanaf"] == duplicates.FUZZY_FROM
    rows = {row[0]: row for row in bestaand["items"]}
    assert rows["Menukaart Vlissingen"][1:] == ["initiatieven/menukaart-vlissingen.html", ["GM0718"], ""]
    assert rows["Energiecoöperaties in Nederland"][2] == ["landelijk"]
    for _, link, _, _ in bestaand["items"]:
        assert (fixture_site / link).is_file(), link


@pytest.mark.browser
def test_browser_finds_what_the_check_finds(page, fixture_site: Path) -> None:
    open_form(page, (fixture_site / "aanmelden.html").as_uri())
    rows = data(fixture_site)["bestaand"]["items"]
    entries = python_entries(rows)
    shown = page.evaluate("(probes) => probes.map(([t, c, w]) => window.kbAanmelden.lookAlikes(t, c, w).map((f) => [f.link, f.reden]))", PROBES)
    expected = [
        sorted((e.path, why) for e, why in duplicates.looks_like(entries, duplicates.Entry("", t, tuple(c), w or None)))
        for t, c, w in PROBES
    ]
    assert [sorted(map(tuple, found)) for found in shown] == expected
    hits = {probe[0]: found for probe, found in zip(PROBES, expected)}
    assert hits["Menukaarten in Vlissingen"] == [("initiatieven/menukaart-vlissingen.html", "titel")]
    assert hits["Menukaartt Vlissingen"] and hits["Zorgcooperatie Walchern"] and hits["Energiecoöperatie Nederland"]
    assert hits["Iets heel anders"] == [("initiatieven/buurtmoestuin-delfshaven.html", "website")]
    assert not hits["Menukaart Vlissingen"] and not hits["Menu"] and not hits[""]
    # The rule's steps agree on awkward titles, with every name of the place.
    for titel in WORDS:
        for code in ("GM0518", "landelijk"):
            names = list(duplicates.place_names(code))
            assert page.evaluate("([t, n]) => window.kbAanmelden.titleWords(t, n)", [titel, names]) == duplicates.title_words(titel, names), titel
    for url in ("https://www.Example.NL/over/", "HTTP://WWW.x.nl?q=1", "info@x.nl", "//x.nl/a//", ""):
        assert page.evaluate("(u) => window.kbAanmelden.websiteKey(u)", url) == duplicates.website_key(url)
    assert places.gemeente_by_code("GM0718").naam_gangbaar == "Vlissingen"


@pytest.mark.browser
def test_hint_appears_while_typing_and_links_to_the_page(page, fixture_site: Path) -> None:
    open_form(page, (fixture_site / "aanmelden.html").as_uri())
    assert page.is_hidden("#kb-bestaat")
    page.fill("#kb-f-titel", "Menukaarten in")
    page.fill("#kb-f-gemeente-1", "Vlissingen")
    page.wait_for_selector("#kb-bestaat:not([hidden])")
    assert page.text_content("#kb-bestaat .kb-bestaat__kop") == "Bestaat dit initiatief al?"
    link = page.locator("#kb-bestaat a")
    assert link.count() == 1 and link.text_content() == "Menukaart Vlissingen"
    assert "(vrijwel dezelfde titel)" in page.text_content("#kb-bestaat li")
    page.fill("#kb-f-gemeente-1", "Middelburg")
    page.wait_for_selector("#kb-bestaat", state="hidden")
    page.fill("#kb-f-gemeente-1", "Vlissingen")
    page.click("#kb-bestaat a")
    page.wait_for_url("**/initiatieven/menukaart-vlissingen.html")
    assert not page.watch.console_errors


@pytest.mark.browser
def test_hostile_titles_stay_text_in_the_hint(page, fixture_site: Path) -> None:
    open_form(page, (fixture_site / "aanmelden.html").as_uri())
    page.fill("#kb-f-titel", "<script>alert('titel')</script> Kwaad [x](javascript:alert(1))")
    page.fill("#kb-f-gemeente-1", "Den Haag")
    page.wait_for_selector("#kb-bestaat:not([hidden])")
    assert page.locator("#kb-bestaat script").count() == 0
    assert "<script>alert('titel')</script>" in page.text_content("#kb-bestaat a")
    assert not page.watch.dialogs
