"""The web form warns about personal data with the check's own words, and refuses a BSN like the check."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import axe_violations, describe_violations
from kennisbank.entries import personal_data
from kennisbank.entries.validate import check_paths
from test_form import form_url, open_form  # noqa: F401 (form_url is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAMPLES = [
    "Bel Jolanda op 06-12345678 of 06 1234 5678 of +31 (0)6 12 34 56 78 of 0031 6 123 456 78.",
    "Mail j.de.vries1987@gmail.com, Piet@Hotmail.NL of x@mail.ziggo.nl, niet info@buurtkamer.nl.",
    "BSN: 111222333, bsn 111.222.333, 12345672 (BSN), BSN 123456789 (geen elfproef).",
    "Op 06-12-2023 12:00 in 1066 AB, KvK 06123456, IBAN NL06RABO0123456789, € 0612,50, sinds 2006.",
    "(06)-12345678/06.12.34.56.78/+31612345678 en 0031612345678; sofinummer 111222333.",
]


def fill_valid(page) -> None:
    page.fill("#kb-f-titel", "Buurtkamer De Linde")
    page.fill("#kb-f-samenvatting", "Bewoners houden samen een huiskamer open voor iedereen uit de wijk.")
    page.fill("#kb-f-gemeente-1", "Zwolle")
    page.check("#kb-f-themas-zorg-welzijn")
    page.select_option("#kb-f-status", "lopend")
    page.fill("#kb-f-startjaar", "2019")
    page.fill("#kb-f-initiatiefnemer", "Bewonersvereniging Assendorp")


def check_text(tmp_path: Path, relative: str, text: str):
    target = tmp_path / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return check_paths([target])


def test_the_browser_finds_what_the_check_finds(page, form_url: str) -> None:
    open_form(page, form_url)
    for text in SAMPLES:
        expected = [{"level": f.level, "text": f.text} for f in personal_data.findings(text)]
        shown = page.evaluate("(t) => kbAanmelden.privacyFindings(t).map(f => ({level: f.level, text: f.text}))", text)
        assert shown == expected, text


def test_the_form_shows_the_warning_with_the_checks_text(page, form_url: str, tmp_path: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    page.fill("#kb-f-contact", "j.de.vries1987@gmail.com")
    page.fill("#kb-sectie-2", "Bel Jolanda de Vries op 06-12345678.")
    result = check_text(tmp_path, page.text_content("#kb-bestandsnaam"), page.text_content("#kb-voorbeeld"))
    assert result.errors == []
    by_field = {m.field: m.text for m in result.warnings}
    assert set(by_field) == {"contact", "tekst"}
    assert page.locator("#kb-f-contact-let span").all_text_contents() == ["Let op: " + by_field["contact"]]
    assert page.locator("#kb-sectie-2-let span").all_text_contents() == ["Let op: " + by_field["tekst"]]
    assert "vermeld een algemeen adres of telefoonnummer van de organisatie" in by_field["tekst"]
    assert "kb-f-contact-let" in page.get_attribute("#kb-f-contact", "aria-describedby")
    # A warning does not block: the form is right and can go to GitHub.
    page.click("#kb-aanmelden button[type=submit]")
    assert page.is_hidden("#kb-foutenlijst")
    page.fill("#kb-f-contact", "info@buurtkamerdelinde.nl")
    assert page.is_hidden("#kb-f-contact-let")
    assert not page.watch.outside_requests and not page.watch.console_errors
    page.fill("#kb-f-contact", "j.de.vries1987@gmail.com")
    assert page.is_visible("#kb-f-contact-let")
    violations = axe_violations(page)  # with the warnings showing
    assert violations == [], describe_violations(violations)


def test_a_bsn_in_the_story_blocks_the_form_like_the_check(page, form_url: str, tmp_path: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    page.fill("#kb-sectie-1", "Haar BSN is 111222333.")
    page.click("#kb-aanmelden button[type=submit]")
    result = check_text(tmp_path, page.text_content("#kb-bestandsnaam"), page.text_content("#kb-voorbeeld"))
    (error,) = result.errors
    assert page.locator("#kb-sectie-1-fout span").all_text_contents() == [error.text]
    assert page.get_attribute("#kb-sectie-1", "aria-invalid") == "true"
    assert page.locator("#kb-foutenlijst-items a").all_text_contents() == [f"Aanpak: {error.text}"]
    assert page.evaluate("() => document.activeElement.id") == "kb-foutenlijst"
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
