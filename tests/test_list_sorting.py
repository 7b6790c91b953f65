"""Sorting and filtering the initiatives of theme, municipality and province pages (assets/lijsten.js).

A small project of its own (six initiatives with every status and different update dates) is built
for real; the pages are used in real Chromium, from disk and served: the order, the status filter
with its counts, the status line, the address (?sorteer=&status=), the keyboard, print, and the page
without JavaScript.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import axe_violations, build_site, describe_violations, project_copy, watched_page
from sample_entry import VALID

# (file, title, municipality, theme, status, bijgewerkt); the titles' order is A-Z.
ENTRIES = (
    ("appelboomgaard-delft", "Appelboomgaard Delft", "Delft", "voedsel", "lopend", "2024-05-01"),
    ("buurtkeuken-delft", "Buurtkeuken Delft", "Delft", "voedsel", "idee", "2025-03-01"),
    ("composthoop-delft", "Composthoop Delft", "Delft", "voedsel", "afgerond", "2023-01-01"),
    ("dorpsmoestuin-delft", "Dorpsmoestuin Delft", "Delft", "voedsel", "lopend", "2025-09-01"),
    ("eetcafe-delft", "Eetcafé voor iedereen", "Delft", "voedsel", "gestopt", "2022-06-01"),
    ("fietsenmaker-rotterdam", "Fietsenmaker Rotterdam", "Rotterdam", "mobiliteit", "lopend", "2025-12-01"),
    ("groentetuin-rotterdam", "Groentetuin Rotterdam", "Rotterdam", "wonen", "lopend", "2024-01-01"),
)
IN_DELFT = [title for _, title, gemeente, *_ in ENTRIES if gemeente == "Delft"]
NEWEST_IN_DELFT = ["Dorpsmoestuin Delft", "Buurtkeuken Delft", "Appelboomgaard Delft", "Composthoop Delft", "Eetcafé voor iedereen"]
BY_STATUS_IN_DELFT = ["Buurtkeuken Delft", "Appelboomgaard Delft", "Dorpsmoestuin Delft", "Composthoop Delft", "Eetcafé voor iedereen"]
THEME = "themas/voedsel.html"
GEMEENTE = "gemeenten/delft.html"
PROVINCIE = "provincies/zuid-holland.html"
# The titles of the marked list, in the order shown, and of those not hidden.
SHOWN = "() => [...document.querySelectorAll('.kb-cards[data-sorteren] > ul > li')].filter((li) => !li.hidden).map((li) => li.querySelector('a').textContent)"
ORDER = "() => [...document.querySelectorAll('.kb-cards[data-sorteren] > ul > li')].map((li) => li.querySelector('a').textContent)"
OPTIONS = "() => [...document.querySelectorAll('#kb-lijst-status option')].map((o) => o.textContent)"


def entry(title: str, gemeente: str, theme: str, status: str, bijgewerkt: str) -> str:
    text = VALID.replace("titel: Buurtmoestuin De Pijp", f"titel: {title}").replace("gemeente: Amsterdam", f"gemeente: {gemeente}")
    text = text.replace("themas: [voedsel]", f"themas: [{theme}]").replace("status: lopend", f"status: {status}")
    text = text.replace("bijgewerkt: 2025-01-01", f"bijgewerkt: {bijgewerkt}")
    if status in ("afgerond", "gestopt"):
        text = text.replace("startjaar: 2016", "startjaar: 2016\neindjaar: 2020")
    return text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    initiatives = tmp_path_factory.mktemp("lijsten") / "initiatives"
    (initiatives / "zuid-holland").mkdir(parents=True)
    for slug, *values in ENTRIES:
        (initiatives / "zuid-holland" / f"{slug}.md").write_text(entry(*values), encoding="utf-8")
    return build_site(project_copy(initiatives.parent / "project", initiatives))


@pytest.fixture
def page(browser) -> Iterator:
    new_page = watched_page(browser)
    yield new_page
    assert not new_page.watch.console_errors and not new_page.watch.outside_requests and not new_page.watch.dialogs
    new_page.context.close()


def open_list(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#kb-lijst-status")


def test_cards_carry_their_status_and_date_and_stay_one_text(site: Path) -> None:
    theme = (site / THEME).read_text(encoding="utf-8")
    gemeente = (site / GEMEENTE).read_text(encoding="utf-8")
    assert re.search(r'<p class="kb-card__meta" data-bijgewerkt="2025-03-01" data-status="idee">', theme)
    # The same card, the same HTML on every page at the same depth (pages.repeated_items parses it once).
    card = re.search(r'<li>\s*<p><a href="../initiatieven/buurtkeuken-delft.html">.*?</li>', theme, re.S)
    assert card and card.group(0) in gemeente
    # Only the page's own list is marked: not the nearby initiatives of the municipality's page.
    assert gemeente.count("data-sorteren=") == 1
    assert 'In de buurt' in gemeente and "Fietsenmaker Rotterdam" in gemeente.split("In de buurt", 1)[1]
    assert "assets/lijsten.js" in theme and (site / "assets" / "lijsten.js").is_file()
    # A list of one card is not worth sorting: no controls, no script.
    mobiliteit = (site / "themas" / "mobiliteit.html").read_text(encoding="utf-8")
    assert "data-sorteren=" not in mobiliteit and "lijsten.js" not in mobiliteit


@pytest.mark.browser
@pytest.mark.slow
def test_sort_and_filter_from_disk_and_keep_the_choice_in_the_address(page, site: Path) -> None:
    open_list(page, (site / THEME).as_uri())
    assert page.evaluate(ORDER) == IN_DELFT  # the generator's A-Z order is the default
    assert page.text_content(".kb-lijst-aantal") == "5 initiatieven getoond, van A tot Z."
    assert page.evaluate(OPTIONS) == ["Alle (5)", "Idee (1)", "Lopend (2)", "Afgerond (1)", "Gestopt (1)"]
    page.select_option("#kb-lijst-sorteer", "nieuwste")
    assert page.evaluate(ORDER) == NEWEST_IN_DELFT
    assert page.text_content(".kb-lijst-aantal") == "5 initiatieven getoond, het laatst bijgewerkte eerst."
    page.select_option("#kb-lijst-status", "lopend")
    assert page.evaluate(SHOWN) == ["Dorpsmoestuin Delft", "Appelboomgaard Delft"]
    assert page.text_content(".kb-lijst-aantal") == "2 van de 5 initiatieven getoond (status Lopend), het laatst bijgewerkte eerst."
    assert page.url.endswith("voedsel.html?sorteer=nieuwste&status=lopend")
    page.reload()  # the choice survives in the address
    page.wait_for_selector("#kb-lijst-status")
    assert page.evaluate(SHOWN) == ["Dorpsmoestuin Delft", "Appelboomgaard Delft"]
    assert page.input_value("#kb-lijst-sorteer") == "nieuwste"
    page.select_option("#kb-lijst-sorteer", "status")
    page.select_option("#kb-lijst-status", "")
    assert page.evaluate(SHOWN) == BY_STATUS_IN_DELFT  # the schema's order: idee, lopend, afgerond, gestopt
    assert page.url.endswith("voedsel.html?sorteer=status")
    page.select_option("#kb-lijst-sorteer", "a-z")
    assert page.url.endswith("voedsel.html")  # the defaults leave the address clean


@pytest.mark.browser
@pytest.mark.slow
def test_the_address_chooses_on_province_and_municipality_pages(page, site: Path, serve) -> None:
    base = serve(site)
    open_list(page, base + PROVINCIE + "?sorteer=nieuwste&status=lopend")
    assert page.evaluate(SHOWN) == ["Fietsenmaker Rotterdam", "Dorpsmoestuin Delft", "Appelboomgaard Delft", "Groentetuin Rotterdam"]
    assert page.evaluate(OPTIONS)[0] == "Alle (7)"
    open_list(page, base + GEMEENTE + "?status=gestopt&sorteer=onzin&ander=1")
    assert page.evaluate(SHOWN) == ["Eetcafé voor iedereen"]
    assert page.input_value("#kb-lijst-sorteer") == "a-z"  # an unknown value falls back to the default
    page.select_option("#kb-lijst-status", "")
    assert page.url.endswith("delft.html?ander=1")  # other parameters are left alone
    # The nearby list keeps its own order (nearest first) and is never hidden.
    nearby = page.evaluate("() => [...document.querySelector('h2#in-de-buurt ~ ul').querySelectorAll('li')].map((li) => !li.hidden)")
    assert nearby and all(nearby)


@pytest.mark.browser
@pytest.mark.slow
def test_a_status_nobody_has_says_so(page, site: Path) -> None:
    open_list(page, (site / "gemeenten" / "rotterdam.html").as_uri() + "?status=idee")
    assert page.evaluate(OPTIONS) == ["Alle (2)", "Idee (0)", "Lopend (2)", "Afgerond (0)", "Gestopt (0)"]
    assert page.evaluate(SHOWN) == []
    assert page.text_content(".kb-lijst-aantal") == "Geen initiatief met status Idee. Kies bij Status ‘Alle’ om alle 2 initiatieven te zien."
    assert page.is_hidden(".kb-cards[data-sorteren] > ul")
    page.select_option("#kb-lijst-status", "")
    assert page.evaluate(SHOWN) == ["Fietsenmaker Rotterdam", "Groentetuin Rotterdam"]


@pytest.mark.browser
@pytest.mark.slow
def test_by_keyboard_with_a_live_status_line_and_accessible(page, site: Path, serve) -> None:
    open_list(page, serve(site) + THEME)  # served: axe reads the stylesheets, which a page from disk may not
    assert page.get_by_role("status").filter(has_text="initiatieven getoond").count() == 1
    page.focus("#kb-lijst-sorteer")
    page.keyboard.press("ArrowDown")  # A-Z -> Nieuwste eerst
    assert page.evaluate(ORDER) == NEWEST_IN_DELFT
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "kb-lijst-status"
    page.keyboard.press("ArrowDown")  # Alle -> Idee
    assert page.evaluate(SHOWN) == ["Buurtkeuken Delft"]
    assert page.text_content(".kb-lijst-aantal") == "1 van de 5 initiatieven getoond (status Idee), het laatst bijgewerkte eerst."
    assert page.get_by_label("Volgorde").count() == 1 and page.get_by_label("Status").count() == 1
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    page.emulate_media(media="print")  # on paper: the status line, not the controls
    assert not page.is_visible(".kb-lijst-filter") and page.is_visible(".kb-lijst-aantal")


@pytest.mark.browser
@pytest.mark.slow
def test_without_javascript_the_list_is_complete(browser, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / THEME).as_uri() + "?status=lopend")
        titles = page.locator(".kb-cards > ul > li > p:first-child a").all_text_contents()
        assert titles == IN_DELFT
        assert page.locator("#kb-lijst-status").count() == 0
    finally:
        context.close()
