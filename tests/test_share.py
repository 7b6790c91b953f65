"""'Delen' on initiative and meeting pages (pages/share.py, assets/delen.js), in a real build and real Chromium.

The mail link and the published address are made at build time (urls.share_mail, urls.absolute) and
work without JavaScript; the script's "Kopieer link" copies the address with the Clipboard API, or,
in a browser without it, selects it in a text field. On paper the section is left out.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import REPO, axe_violations, describe_violations, watched_page
from kennisbank import urls
from kennisbank.site import config as siteconfig

SITE_URL = siteconfig.load(REPO / "mkdocs.yml").site_url
INITIATIVE = "initiatieven/menukaart-vlissingen.html"
MEETING = "bijeenkomsten/congres-zeeuwse-initiatieven.html"
ADDRESS = SITE_URL + INITIATIVE


def test_the_mail_link_carries_the_title_and_the_published_address() -> None:
    title = "Tuin & keuken: 'samen' eten? 100% ja #1"
    link = urls.share_mail(title, "https://voorbeeld.nl/kennisbank/initiatieven/x.html")
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and parts.path == ""
    assert parse_qs(parts.query) == {"subject": [title], "body": ["https://voorbeeld.nl/kennisbank/initiatieven/x.html"]}
    assert " " not in link and "+" not in link  # RFC 6068: a space is %20 (mail programs read '+' as a plus)


@pytest.fixture
def page(browser) -> Iterator:
    new_page = watched_page(browser, permissions=["clipboard-read", "clipboard-write"])
    yield new_page
    assert not new_page.watch.console_errors and not new_page.watch.outside_requests and not new_page.watch.dialogs
    new_page.context.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize(("path", "title"), [(INITIATIVE, "Menukaart Vlissingen"), (MEETING, "Congres Zeeuwse initiatieven")])
def test_without_javascript_mail_and_address_work(browser, fixture_site: Path, path: str, title: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((fixture_site / path).as_uri())
        mail = page.locator(".kb-deel a.kb-deel__mail")
        assert mail.text_content() == "Mail"
        assert mail.get_attribute("href") == urls.share_mail(title, SITE_URL + path)
        address = page.locator(".kb-deel a.kb-deel__adres")
        assert address.text_content() == SITE_URL + path == address.get_attribute("href")
        assert page.locator(".kb-deel button").count() == 0
        assert page.get_by_role("heading", name="Delen").count() == 1
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_copy_link_from_disk_puts_the_published_address_on_the_clipboard(page, fixture_site: Path) -> None:
    page.goto((fixture_site / INITIATIVE).as_uri())
    button = page.get_by_role("button", name="Kopieer link")
    button.click()
    page.wait_for_function("() => document.querySelector('.kb-deel__melding').textContent === 'Link gekopieerd.'")
    assert page.evaluate("() => navigator.clipboard.readText()") == ADDRESS
    assert page.get_by_role("status").filter(has_text="Link gekopieerd.").count() == 1


@pytest.mark.browser
@pytest.mark.slow
def test_copy_link_by_keyboard_when_served_and_accessible(page, fixture_site: Path, serve) -> None:
    page.goto(serve(fixture_site) + MEETING)
    page.focus(".kb-deel__kopieer")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.kb-deel__melding').textContent === 'Link gekopieerd.'")
    assert page.evaluate("() => navigator.clipboard.readText()") == SITE_URL + MEETING
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


@pytest.mark.browser
@pytest.mark.slow
def test_without_a_clipboard_api_the_address_is_selected_to_copy_by_hand(page, fixture_site: Path) -> None:
    # A browser without the Clipboard API (older ones, or a page not in a secure context).
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });")
    page.goto((fixture_site / INITIATIVE).as_uri())
    page.get_by_role("button", name="Kopieer link").click()
    field = page.get_by_label("Adres van deze pagina")
    assert field.input_value() == ADDRESS
    assert page.evaluate("() => document.activeElement.classList.contains('kb-deel__veld')")
    assert page.evaluate("() => { const f = document.activeElement; return f.value.slice(f.selectionStart, f.selectionEnd); }") == ADDRESS
    assert "Ctrl+C" in page.text_content(".kb-deel__melding")


@pytest.mark.browser
@pytest.mark.slow
def test_the_section_is_left_out_on_paper(page, fixture_site: Path) -> None:
    page.goto((fixture_site / INITIATIVE).as_uri())
    page.wait_for_selector(".kb-deel__kopieer")
    assert page.is_visible(".kb-deel") and page.is_visible(".kb-deel-kop")
    page.emulate_media(media="print")
    assert not page.is_visible(".kb-deel") and not page.is_visible(".kb-deel-kop")
    assert page.is_visible(".kb-meta") and page.is_visible("h1")  # the page itself still prints
