"""The filter box of the Gemeenten page (pages/municipality_filter.py, assets/gemeenten.js), from
disk in Chromium: any name the check knows finds its municipality, empty provinces are hidden, the
address keeps what was typed, and without the script the page is the full list."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import axe_violations, describe_violations

from kennisbank.entries import places

pytestmark = pytest.mark.browser


def shown(page) -> list[str]:
    return page.locator("#kb-gemeentefilter ~ .kb-columns li:visible").all_inner_texts()


def provinces(page) -> list[str]:
    return page.locator("#kb-gemeentefilter ~ h3:visible").all_inner_texts()


def test_the_box_finds_a_municipality_by_any_name(page, fixture_site: Path) -> None:
    page.goto((fixture_site / "gemeenten" / "index.html").as_uri())
    page.wait_for_selector("#kb-gemeentefilter-veld")
    assert len(shown(page)) == len(places.gemeenten()) and len(provinces(page)) == 12
    page.fill("#kb-gemeentefilter-veld", "den bosch")  # an alias
    assert [t.split(" (")[0] for t in shown(page)] == ["'s-Hertogenbosch"] and provinces(page) == ["Noord-Brabant"]
    assert page.inner_text(".kb-gemeentefilter__aantal") == "1 gemeente gevonden."
    page.fill("#kb-gemeentefilter-veld", "Haren")  # merged into Groningen in 2019
    assert "Groningen" in [t.split(" (")[0] for t in shown(page)]
    page.fill("#kb-gemeentefilter-veld", "Súdwest")  # accents and case aside
    assert [t.split(" (")[0] for t in shown(page)] == ["Súdwest-Fryslân"]
    page.wait_for_function("() => new URLSearchParams(location.search).get('gemeente') === 'Súdwest'")
    page.fill("#kb-gemeentefilter-veld", "Qwerty")
    assert shown(page) == [] and provinces(page) == []
    assert page.inner_text(".kb-gemeentefilter__aantal") == "Geen gemeente gevonden voor ‘Qwerty’."
    page.fill("#kb-gemeentefilter-veld", "")
    assert len(shown(page)) == len(places.gemeenten())
    assert not page.watch.console_errors


def test_the_address_fills_the_box_and_the_page_passes_axe(page, fixture_site: Path) -> None:
    page.goto((fixture_site / "gemeenten" / "index.html").as_uri() + "?gemeente=Weesp")
    page.wait_for_selector("#kb-gemeentefilter-veld")
    assert page.input_value("#kb-gemeentefilter-veld") == "Weesp"
    assert [t.split(" (")[0] for t in shown(page)] == ["Amsterdam"]
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_without_the_script_the_page_is_the_whole_list(browser, fixture_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((fixture_site / "gemeenten" / "index.html").as_uri())
        assert page.locator("#kb-gemeentefilter").is_hidden()
        assert page.locator("#kb-gemeentefilter ~ .kb-columns li").count() == len(places.gemeenten())
    finally:
        context.close()
