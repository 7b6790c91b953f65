"""Reading on a phone and a desktop, in real Chromium: an initiative's story starts on the first
screen, and a table wider than a phone scrolls in a region the keyboard reaches (issue 27)."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import axe_violations, describe_violations, watched_page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
INITIATIVE = "initiatieven/tuinman-in-de-wijk-rotterdam.html"


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=lambda v: f"{v['width']}px")
def test_initiative_story_starts_on_the_first_screen(browser, shipped_site: Path, serve, viewport: dict) -> None:
    """Place, status, period and website first; "Meer gegevens" folded on a phone (the story starts
    on the first screen; before, the panel filled 1.7 screens), open on a desktop."""
    page = watched_page(browser, viewport=viewport)
    try:
        page.goto(serve(shipped_site) + INITIATIVE)
        page.wait_for_load_state("load")
        first = page.locator(".kb-meta:not(details) dt").all_inner_texts()
        assert first == ["Gemeente", "Status", "Looptijd", "Website"]
        more = page.locator("details.kb-meta--meer")
        phone = viewport["width"] < 480
        assert more.evaluate("details => details.open") is not phone
        if phone:
            assert page.locator("#aanpak").bounding_box()["y"] < viewport["height"]
        province = more.get_by_role("link", name="Zuid-Holland")
        if phone:
            assert not province.is_visible()
            summary = more.locator("summary")
            summary.focus()
            page.keyboard.press("Enter")
            assert more.evaluate("details => details.open") and province.is_visible()
        else:
            assert province.is_visible()
    finally:
        page.context.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tables_wider_than_a_phone_scroll_in_a_named_region(browser, shipped_site: Path, serve, scheme: str) -> None:
    """On a phone the Open data tables scroll sideways (their words are not broken to fit): each
    scrolling wrapper is a tab stop named after its caption, so axe finds no scrollable region the
    keyboard cannot reach. At 1280 px nothing scrolls and no wrapper is a stop."""
    base = serve(shipped_site)
    for viewport in (PHONE, DESKTOP):
        page = watched_page(browser, viewport=viewport, color_scheme=scheme)
        try:
            for path in ("open-data.html", "kaart.html", "cijfers.html"):
                page.goto(base + path)
                page.wait_for_load_state("load")
                page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
                # Opening the folded tables changed their wrappers' size; the observer marks them on its next round.
                page.evaluate("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
                wraps = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')].map(w => ({
                    scrolls: w.scrollWidth > w.clientWidth + 1, tabindex: w.getAttribute('tabindex'),
                    role: w.getAttribute('role'), name: w.getAttribute('aria-label')}))""")
                assert wraps, path
                for wrap in wraps:
                    if wrap["scrolls"]:
                        assert wrap["tabindex"] == "0" and wrap["role"] == "region" and wrap["name"].startswith("Tabel: "), (path, wrap)
                    else:
                        assert wrap["tabindex"] is None and wrap["role"] is None, (path, wrap)
                if viewport is PHONE and path == "open-data.html":
                    assert sum(wrap["scrolls"] for wrap in wraps) == 3
                if viewport is DESKTOP:
                    assert not any(wrap["scrolls"] for wrap in wraps), path
                problems = axe_violations(page)
                assert not problems, f"axe on {path} at {viewport['width']} px ({scheme}):\n{describe_violations(problems)}"
        finally:
            page.context.close()
