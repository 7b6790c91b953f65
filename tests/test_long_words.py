"""Long words wrap: no page scrolls sideways on a phone or a desktop, whatever a (valid) entry holds."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, project_copy, watched_page
from kennisbank.entries.validate import check_paths

WORD = "Lang" + "woord" * 39 + "x"  # 200 characters without a break opportunity
# Long host names are made of labels of 63 letters: a longer one, or a name over 253 characters, is no host.
LONG_ENTRY = f"""---
titel: {"T" * 118}
samenvatting: {"S" * 250}
gemeente: Zwolle
themas: [wonen]
status: lopend
startjaar: 2020
initiatiefnemer: {WORD}
partners: [{WORD}, Gemeente Zwolle]
website: https://{".".join(["w" * 63] * 3)}.example.nl/{"p" * 150}
trefwoorden: [{"k" * 40}]
bijgewerkt: 2024-01-01
---

## Aanpak

{WORD} {WORD}

| kolom | {WORD} |
|---|---|
| {WORD} | {WORD} |

[{WORD}](https://{".".join(["l" * 63] * 3)}.example.nl/)
"""
VIEWPORTS = [{"width": 390, "height": 844}, {"width": 1280, "height": 800}]
PAGES = [
    "index.html", "initiatieven/lang-woord.html", "themas/wonen.html", "gemeenten/zwolle.html",
    "provincies/overijssel.html", "initiatieven/index.html", "zoeken.html?q=" + "W" * 300,
    "zoeken.html?q=langwoord", "aanmelden.html",
]


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_copy(tmp_path_factory.mktemp("lang") / "project", FIXTURES / "site" / "initiatives")
    entry = project / "initiatives" / "overijssel" / "lang-woord.md"
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(LONG_ENTRY, encoding="utf-8")
    assert not check_paths([entry]).messages, "the long entry must be valid, or this test proves nothing"
    return build_site(project)


OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v['width']}px")
def test_no_page_scrolls_sideways_with_long_words(browser, long_site: Path, serve, viewport: dict) -> None:
    base = serve(long_site)
    page = watched_page(browser, viewport=viewport)
    try:
        too_wide = {}
        for path in PAGES:
            if not (long_site / path.split("?")[0]).is_file():
                continue
            page.goto(base + path)
            page.wait_for_load_state("load")
            if path.startswith("zoeken.html"):
                page.wait_for_function("() => document.querySelector('.kb-zoeken__aantal, .kb-zoeken__leeg:not([hidden])')")
            if path == "aanmelden.html":
                page.fill("#kb-f-initiatiefnemer", WORD)
                page.fill("#kb-f-titel", WORD)
            overflow = page.evaluate(OVERFLOW)
            if overflow > 0:
                too_wide[path] = overflow
        assert not too_wide, f"pages wider than the {viewport['width']} px window (px too wide): {too_wide}"
        assert "initiatieven/lang-woord.html" not in too_wide
    finally:
        page.context.close()
