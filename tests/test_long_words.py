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


# Every piece of text a line may not break inside (between spaces, after a hyphen) that lies on more
# than one line although it is narrower than the room it has: a word broken in the middle where
# nothing forced it ("initiatieven.jso/n" in a table with room to spare). A table may scroll sideways,
# so a word in a table has the room of the column the table stands in. Folded parts are opened first.
# Hyphenation is switched off while measuring: a browser that knows Dutch may hyphenate
# ("rekenpro-gramma's"), which is allowed and shows a hyphen, but cannot be told apart here.
BROKEN_WORDS = """() => {
  for (const details of document.querySelectorAll('details')) details.open = true;
  const style = document.createElement('style');
  style.textContent = '* { hyphens: manual !important; }';
  document.head.append(style);
  const range = document.createRange();
  const found = [];
  // Does the text hold a break opportunity of its own ('</title><script>' may break between the
  // tags)? Then a line may end there: set alone in a box of no width, without overflow-wrap.
  const breaksByItself = (parent, text) => {
    const probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;width:0;overflow-wrap:normal;word-break:normal;white-space:normal;';
    probe.textContent = text;
    parent.append(probe);
    const inner = document.createRange();
    inner.selectNodeContents(probe);
    const tops = [...inner.getClientRects()].map(r => Math.round(r.top));
    probe.remove();
    return new Set(tops).size > 1;
  };
  const walker = document.createTreeWalker(document.querySelector('.md-main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('svg, script, style, .kb-visually-hidden') || !parent.getClientRects().length) continue;
    let box = parent;
    while (box.parentElement && getComputedStyle(box).display.startsWith('inline')) box = box.parentElement;
    const table = box.closest('table');
    if (table) box = (table.closest('.md-typeset__scrollwrap') || table).parentElement;
    const boxStyle = getComputedStyle(box);
    const room = box.clientWidth - parseFloat(boxStyle.paddingLeft) - parseFloat(boxStyle.paddingRight);
    for (const match of node.data.matchAll(/[^\\s\\u00ad\\u200b-]+-?/g)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (rects.length < 2 || !rects.some(r => Math.abs(r.top - rects[0].top) > r.height / 2)) continue;
      const width = rects.reduce((sum, r) => sum + r.width, 0);
      if (width <= room + 1 && !breaksByItself(parent, match[0])) found.push(`${match[0]} (${Math.round(width)} px wide, ${Math.round(room)} px room)`);
    }
  }
  style.remove();
  return found;
}"""
HYPHENATION = """() => ({lang: document.documentElement.lang,
  hyphens: getComputedStyle(document.querySelector('.md-content p')).hyphens,
  code: getComputedStyle(document.querySelector('.md-content code') || document.body).hyphens})"""
# The pages with tables, the shipped site's longest ones, and each kind of generated page.
SHIPPED_PAGES = [
    "open-data.html", "kaart.html", "cijfers.html", "index.html", "agenda.html", "lessen.html", "nieuw.html",
    "initiatieven/menukaart-vlissingen.html", "initiatieven/tuinman-in-de-wijk-rotterdam.html", "themas/index.html",
    "themas/openbare-ruimte.html", "gemeenten/index.html", "gemeenten/amsterdam.html", "provincies/noord-holland.html",
    "meedoen.html", "over.html",
]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v['width']}px")
def test_words_break_only_where_nothing_else_fits(browser, long_site: Path, shipped_site: Path, serve, viewport: dict) -> None:
    page = watched_page(browser, viewport=viewport)
    try:
        broken: dict[str, list[str]] = {}
        for site, paths in ((shipped_site, SHIPPED_PAGES), (long_site, [p for p in PAGES if not p.startswith("zoeken") and (long_site / p).is_file()])):
            base = serve(site)
            for path in paths:
                assert (site / path).is_file(), path
                page.goto(base + path)
                page.wait_for_load_state("load")
                if found := page.evaluate(BROKEN_WORDS):
                    broken[path] = found
        assert not broken, f"words broken in the middle at {viewport['width']} px although they fit: {broken}"
        page.goto(serve(shipped_site) + "open-data.html")
        assert page.evaluate(HYPHENATION) == {"lang": "nl", "hyphens": "auto", "code": "manual"}
    finally:
        page.context.close()
