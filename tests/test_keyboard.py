"""Keyboard and screen-reader use beyond what axe sees, in real Chromium.

A Tab walk through every page type asserts that each Tab stop is on screen, not hidden behind
something else, and drawn differently when focused (element screenshots focused vs not). The menu
drawer and the light/dark button are used by keyboard alone; the live regions' texts are read
after each action; graphics and buttons are measured for contrast in both schemes.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import watched_page
from test_accessibility import PAGE_TYPES

ALL_PAGE_TYPES = {
    **PAGE_TYPES,
    "search": "zoeken.html",
    "form": "aanmelden.html",
    "map": "kaart.html",
    "figures": "cijfers.html",
    "open data": "open-data.html",
}
WIDTHS = (390, 800, 1280)
SCHEMES = ("light", "dark")
VIEWS = [(width, scheme) for width in WIDTHS for scheme in SCHEMES]
# A walk costs seconds, so not every page type is walked in every view: home and an initiative
# (the overview and the detail template) in all six; search and form (the most controls) in a narrow
# and a wide one; every other type in one view, rotating so each view sees several types.
EVERY_VIEW = ("home", "initiative")
TWO_VIEWS = ("search", "form")
DRAWER_WIDTHS = (390, 800)  # below 1220 px Material turns the navigation into a drawer
# The Gemeenten page links all 342 municipalities (and those with entries once more, and has its filter box): a long walk, no trap.
MAX_STOPS = 800


def walks() -> list[tuple[int, str, str]]:
    found = [(width, scheme, name) for name in EVERY_VIEW for width, scheme in VIEWS]
    for index, name in enumerate(TWO_VIEWS):
        found += [(390, SCHEMES[index], name), (1280, SCHEMES[1 - index], name)]
    others = [name for name in ALL_PAGE_TYPES if name not in EVERY_VIEW + TWO_VIEWS]
    found += [(*VIEWS[index % len(VIEWS)], name) for index, name in enumerate(others)]
    return sorted(found)


# ---------- in-page helpers ----------

# What the focused element is, where it is, and whether it can be seen: on screen, not hidden, not
# faded out, and at the top at one of a few points of its box in the window (a partly covered map dot still counts).
FOCUS_INFO = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const r = e.getBoundingClientRect();
  let faded = false;
  for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
    if (parseFloat(getComputedStyle(n).opacity) < 0.1) faded = true;
  }
  const mine = hit => hit && (e.contains(hit) || hit.contains(e) || [...(e.labels || [])].some(l => l.contains(hit)));
  const points = [[0.5, 0.5], [0.2, 0.2], [0.8, 0.2], [0.2, 0.8], [0.8, 0.8]];
  // Points of the part of the box that lies in the window: a scrollable table taller than the
  // screen is judged by what of it can be seen, not by points far below the window's edge.
  const left = Math.max(r.left, 0), top = Math.max(r.top, 0);
  const width = Math.min(r.right, innerWidth) - left, height = Math.min(r.bottom, innerHeight) - top;
  const onTop = points.some(([fx, fy]) => {
    const x = left + width * fx, y = top + height * fy;
    return x >= 0 && y >= 0 && x < innerWidth && y < innerHeight && mine(document.elementFromPoint(x, y));
  });
  const name = (e.getAttribute('aria-label') || e.innerText || e.value || e.id || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  const kind = [e.tagName, e.getAttribute('type') || '', [...e.classList].filter(c => c !== 'focus-visible').sort().join('.'),
                e.parentElement ? [...e.parentElement.classList].sort().join('.') : ''].join('|');
  return {name, kind, tag: e.tagName, x: r.left, y: r.top, width: r.width, height: r.height,
          inView: r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
          visible: getComputedStyle(e).visibility === 'visible' && !faded, onTop};
}"""
SETTLE = """() => document.getAnimations().length === 0 ? Promise.resolve() : Promise.race([
  Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
  new Promise(resolve => setTimeout(resolve, 1000)),
]).then(() => new Promise(resolve => requestAnimationFrame(resolve)))"""


def settle(page) -> None:
    """Wait for running transitions (the skip link slides in, Material fades colours) and a frame."""
    page.evaluate(SETTLE)


def settled_focus_info(page) -> dict | None:
    return page.evaluate(f"() => ({SETTLE})().then({FOCUS_INFO})")


def focus_clip(info: dict, viewport: dict) -> dict:
    """The element's box plus room for an outline and its offset, cut to the viewport."""
    margin = 8
    left, top = max(info["x"] - margin, 0), max(info["y"] - margin, 0)
    right = min(info["x"] + info["width"] + margin, viewport["width"])
    bottom = min(info["y"] + info["height"] + margin, viewport["height"])
    return {"x": left, "y": top, "width": max(right - left, 1), "height": max(bottom - top, 1)}


def focus_changes_drawing(page, info: dict) -> bool:
    """A screenshot around the focused element differs from one with focus taken away."""
    clip = focus_clip(info, page.viewport_size)
    focused = page.screenshot(clip=clip)
    handle = page.evaluate_handle("() => document.activeElement")
    page.evaluate("e => e.blur()", handle)
    settle(page)
    unfocused = page.screenshot(clip=clip)
    page.evaluate("e => e.focus({preventScroll: true})", handle)  # the walk goes on from here
    return focused != unfocused


def tab_walk(page, drawn: dict[str, int] | None = None) -> tuple[list[dict], list[str]]:
    """Tab from the top of the page until focus leaves it; every stop, and what is wrong with each.

    The drawing check runs for the first two stops of each kind (tag, classes, parent's classes)
    counted in `drawn`: the rest of a list of links, or the same header on the next page, is
    styled the same way."""
    stops: list[dict] = []
    problems: list[str] = []
    drawn = {} if drawn is None else drawn
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        info = settled_focus_info(page)
        if info is None:
            break
        stops.append(info)
        where = f"stop {len(stops)} {info['tag']} '{info['name']}' at ({info['x']:.0f}, {info['y']:.0f}) {info['width']:.0f}x{info['height']:.0f}"
        if info["width"] < 1 or info["height"] < 1:
            problems.append(f"{where}: has no size")
        elif not info["inView"]:
            problems.append(f"{where}: off screen")
        elif not info["visible"]:
            problems.append(f"{where}: hidden or faded out")
        elif not info["onTop"]:
            problems.append(f"{where}: covered by something else")
        elif drawn.get(info["kind"], 0) < 2:
            drawn[info["kind"]] = drawn.get(info["kind"], 0) + 1
            if not focus_changes_drawing(page, info):
                problems.append(f"{where}: focus draws nothing (focused and unfocused look the same)")
    else:
        problems.append(f"more than {MAX_STOPS} Tab stops: focus is trapped")
    return stops, problems


# ---------- fixtures ----------

@pytest.fixture(scope="module")
def base_url(fixture_site: Path, serve) -> str:
    for name, relative in ALL_PAGE_TYPES.items():
        assert (fixture_site / relative).is_file(), f"the fixture site lacks its {name} page {relative}"
    return serve(fixture_site)


@pytest.fixture(scope="module")
def view(browser) -> Iterator[Callable[[int, str], object]]:
    """view(width, scheme) -> a watched page of that size and colour scheme, one per view per module."""
    pages: dict[tuple[int, str], object] = {}

    def get(width: int, scheme: str):
        if (width, scheme) not in pages:
            page = watched_page(browser, color_scheme=scheme, viewport={"width": width, "height": 800})
            page.drawn = {}  # kinds of Tab stop whose focus drawing was checked in this view
            pages[(width, scheme)] = page
        return pages[(width, scheme)]

    yield get
    for page in pages.values():
        page.context.close()


def fresh_page(browser, width: int = 390, scheme: str = "light"):
    return watched_page(browser, color_scheme=scheme, viewport={"width": width, "height": 800})


# ---------- the Tab walk ----------

@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize(("width", "scheme", "page_type"), walks())
def test_every_tab_stop_is_visible(view, base_url: str, width: int, scheme: str, page_type: str) -> None:
    page = view(width, scheme)
    page.goto(base_url + ALL_PAGE_TYPES[page_type])
    page.wait_for_load_state("load")
    stops, problems = tab_walk(page, page.drawn)
    assert len(stops) >= 5, f"only {len(stops)} Tab stops on {page_type}"
    assert not problems, f"{page_type} at {width} px, {scheme}:\n" + "\n".join(problems)


def test_walks_cover_every_page_type_and_view() -> None:
    chosen = walks()
    assert {name for _, _, name in chosen} == set(ALL_PAGE_TYPES)
    assert {(width, scheme) for width, scheme, _ in chosen} == set(VIEWS)
    for name in EVERY_VIEW:
        assert {(width, scheme) for width, scheme, n in chosen if n == name} == set(VIEWS), name


# ---------- the menu drawer ----------

DRAWER_LINKS = ".md-sidebar--primary a[href]"
TAB_STOPS_IN_DRAWER = """() => [...document.querySelectorAll('.md-sidebar--primary a[href], .md-sidebar--primary button')]
  .filter(e => getComputedStyle(e).visibility === 'visible' && e.getClientRects().length).length"""


def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
      return {inDrawer: !!e.closest('.md-sidebar--primary'), menu: e.classList.contains('kb-menu-button'),
              name: (e.innerText || e.getAttribute('aria-label') || '').trim(), x: r.left, width: r.width}; }""")


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", DRAWER_WIDTHS)
def test_menu_opens_and_closes_by_keyboard(browser, base_url: str, width: int) -> None:
    page = fresh_page(browser, width)
    try:
        page.goto(base_url + ALL_PAGE_TYPES["initiative"])
        assert page.evaluate(TAB_STOPS_IN_DRAWER) == 0, "the closed drawer's links can take focus"
        menu = page.get_by_role("button", name="Menu")
        assert menu.is_visible() and menu.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")
        assert focused(page)["menu"], f"the second Tab stop is {focused(page)}, not the menu button"

        page.keyboard.press("Enter")
        settle(page)
        assert menu.get_attribute("aria-expanded") == "true"
        assert page.is_checked("#__drawer")
        now = focused(page)
        assert now["inDrawer"] and now["x"] >= 0, f"focus did not move into the open drawer: {now}"
        names = []
        for _ in range(4):  # the drawer's links are reachable and on screen
            page.keyboard.press("Tab")
            settle(page)
            now = focused(page)
            assert now["inDrawer"] and now["x"] >= 0 and now["x"] + now["width"] <= width, now
            names.append(now["name"])
        assert "Zoeken" in names, names

        page.keyboard.press("Escape")
        settle(page)
        assert not page.is_checked("#__drawer")
        assert menu.get_attribute("aria-expanded") == "false"
        assert focused(page)["menu"], "Escape did not return focus to the menu button"
        assert page.evaluate(TAB_STOPS_IN_DRAWER) == 0

        page.keyboard.press("Space")  # a real button: Space works too
        settle(page)
        assert page.is_checked("#__drawer") and focused(page)["inDrawer"]
        page.keyboard.press("Shift+Tab")  # leaving the drawer closes it: focus never sits behind the overlay
        settle(page)
        assert not page.is_checked("#__drawer") and not focused(page)["inDrawer"]
        assert not page.watch.console_errors, page.watch.console_errors
    finally:
        page.context.close()


@pytest.mark.browser
def test_wide_screen_keeps_the_sidebar_and_hides_the_menu_button(browser, base_url: str) -> None:
    page = fresh_page(browser, 1280)
    try:
        page.goto(base_url + ALL_PAGE_TYPES["initiative"])
        assert page.evaluate(TAB_STOPS_IN_DRAWER) > 10
        assert not page.locator(".kb-menu-button").is_visible()
    finally:
        page.context.close()


# ---------- the light/dark button ----------

def scheme_shown(page) -> str:
    return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("system", SCHEMES)
def test_scheme_button_is_one_pressed_toggle_with_visible_focus(browser, base_url: str, system: str) -> None:
    page = fresh_page(browser, 1280, system)
    try:
        page.goto(base_url + "index.html")
        button = page.get_by_role("button", name="Donkere weergave")
        assert button.count() == 1 and page.locator("input[name=__palette]").count() == 0
        dark = system == "dark"
        assert button.get_attribute("aria-pressed") == str(dark).lower()
        assert scheme_shown(page) == ("slate" if dark else "default")

        for _ in range(3):  # skip link, logo, then the button (the menu button is hidden at 1280 px)
            page.keyboard.press("Tab")
        info = settled_focus_info(page)
        assert info and info["name"] == "Donkere weergave", info
        assert info["visible"] and info["onTop"] and info["width"] > 0, info
        assert focus_changes_drawing(page, info), "the focused light/dark button looks unfocused"

        for expect_dark in (not dark, dark, not dark):
            page.keyboard.press("Space" if expect_dark else "Enter")
            assert button.get_attribute("aria-pressed") == str(expect_dark).lower()
            assert scheme_shown(page) == ("slate" if expect_dark else "default")
            assert page.evaluate("() => document.activeElement.getAttribute('aria-pressed')") is not None, "focus left the button"

        page.goto(base_url + "over.html")  # the choice is kept, as Material keeps it
        assert scheme_shown(page) == ("default" if dark else "slate")
        assert page.get_by_role("button", name="Donkere weergave").get_attribute("aria-pressed") == str(not dark).lower()
        assert not page.watch.console_errors, page.watch.console_errors
    finally:
        page.context.close()


# ---------- live regions ----------

WATCH_REGION = """id => { const region = document.getElementById(id); window.kbSeen = [];
  new MutationObserver(() => window.kbSeen.push({text: region.textContent,
      rendered: getComputedStyle(region).display !== 'none' && region.getClientRects().length > 0}))
    .observe(region, {childList: true, characterData: true, subtree: true}); }"""


@pytest.mark.browser
def test_form_status_region_stays_rendered_and_speaks(browser, base_url: str) -> None:
    page = fresh_page(browser, 800)
    try:
        page.goto(base_url + "aanmelden.html")
        status = page.locator("#kb-status")
        assert status.get_attribute("role") == "status"
        assert page.evaluate("() => document.getElementById('kb-status').getClientRects().length") > 0, "empty status not rendered"
        page.evaluate(WATCH_REGION, "kb-status")
        page.get_by_role("button", name="Controleer het formulier").click()
        page.wait_for_function("() => /fout/.test(document.getElementById('kb-status').textContent)")
        page.get_by_role("button", name="Download bestand").click()
        page.wait_for_function("() => window.kbSeen.length >= 3 && /fouten/.test(window.kbSeen.at(-1).text)")
        seen = page.evaluate("() => window.kbSeen")
        assert all(change["rendered"] for change in seen), f"the live region was hidden while it changed: {seen}"
        assert "fouten" in seen[-1]["text"], seen
    finally:
        page.context.close()


@pytest.mark.browser
def test_form_reports_no_error_before_input_and_marks_required_groups(browser, base_url: str) -> None:
    page = fresh_page(browser, 390)
    try:
        page.goto(base_url + "aanmelden.html")
        invalid = page.evaluate("""() => [...document.querySelectorAll('#kb-aanmelden [data-field] input, #kb-aanmelden [data-field] select')]
            .filter(e => e.getAttribute('aria-invalid') !== 'false').map(e => e.id)""")
        assert not invalid, f"controls that may report invalid before any input: {invalid}"
        themes = page.get_by_role("group", name="Thema's (verplicht)")
        assert themes.count() == 1, "the required themes group does not say it is required"

        page.get_by_role("button", name="Controleer het formulier").click()
        summary_link = page.locator("#kb-foutenlijst-items a").first
        target = summary_link.get_attribute("href")[1:]
        field = page.locator(f"#{target}")
        assert field.evaluate("e => getComputedStyle(e).borderTopWidth") == "2px", "an invalid field keeps its thin border"
        summary_link.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == target
        label_top = page.evaluate("id => document.getElementById(id).closest('.kb-field').getBoundingClientRect().top", target)
        header_bottom = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
        assert label_top >= header_bottom, f"the field's label is under the header ({label_top} < {header_bottom})"
    finally:
        page.context.close()


@pytest.mark.browser
def test_search_announces_a_filter_change_that_keeps_the_count(browser, base_url: str) -> None:
    page = fresh_page(browser, 1280)
    try:
        page.goto(base_url + "zoeken.html")
        page.wait_for_function("() => document.getElementById('kb-zoeken')?.dataset.status === 'klaar'")
        region = page.locator("#kb-zoek-melding")
        assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
        first, last = page.evaluate("() => [document.getElementById('kb-zoek-van').min, document.getElementById('kb-zoek-tot').max]")

        def set_year(field: str, value: str) -> None:
            before = page.evaluate("() => kbZoeken.lastRender.finished")
            page.locator(field).fill(value)
            page.locator(field).press("Tab")  # a change event, as a keyboard user makes it
            page.wait_for_function("b => kbZoeken.lastRender.finished !== b && document.getElementById('kb-zoeken')?.dataset.status === 'klaar'", arg=before)

        set_year("#kb-zoek-van", first)  # a new count text: the count region speaks, this one stays quiet
        count = page.inner_text("#kb-zoek-aantal")
        assert count.endswith("met de gekozen filters.") and region.text_content() == ""
        set_year("#kb-zoek-tot", last)  # the same initiatives, so the same count text
        assert page.inner_text("#kb-zoek-aantal") == count
        page.wait_for_function("() => document.getElementById('kb-zoek-melding').textContent !== ''")
        assert region.text_content() == f"Filters: vanaf {first}; tot en met {last}. {count}"
    finally:
        page.context.close()


# ---------- contrast of graphics and buttons ----------

# Measured in the browser: the colours as the theme, the site's stylesheets and the map's own apply them.
MEASURE = """() => {
  const bg = getComputedStyle(document.body).backgroundColor;
  const dots = document.querySelector('.kb-map__dots');
  const button = document.querySelector('.md-button--primary');
  return {bg,
    dots: dots && {stroke: getComputedStyle(dots).stroke, opacity: getComputedStyle(dots).strokeOpacity},
    button: button && {fill: getComputedStyle(button).backgroundColor, border: getComputedStyle(button).borderTopColor}};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_map_dots_and_primary_buttons_stand_out_from_the_page(browser, base_url: str, scheme: str) -> None:
    from test_exports import contrast, css_rgba, over

    page = fresh_page(browser, 1280, scheme)
    try:
        # The map's colours (the choropleth scale) have their own contrast tests in test_maps.py.
        for path, part in (("aanmelden.html", "button"),):
            page.goto(base_url + path)
            settle(page)
            found = page.evaluate(MEASURE)
            background = css_rgba(found["bg"])[:3]
            assert found[part], f"no {part} on {path}"
            if part == "dots":
                red, green, blue, alpha = css_rgba(found["dots"]["stroke"])
                dot = over((red, green, blue, alpha * float(found["dots"]["opacity"])), background)
                assert contrast(dot, background) >= 3, (scheme, found)
            else:
                best = max(contrast(over(css_rgba(found["button"][key]), background), background) for key in ("fill", "border"))
                assert best >= 3, f"the primary button's shape fades into the {scheme} page: {found}"
    finally:
        page.context.close()


# ---------- text spacing (WCAG 1.4.12) ----------

TEXT_SPACING = ("* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
                " p { margin-bottom: 2em !important; }")
CUT_OFF = """() => { const width = document.documentElement.clientWidth, found = [];
  for (const e of document.querySelectorAll('.md-header *, .md-content *')) {
    if (!e.getClientRects().length || getComputedStyle(e).visibility !== 'visible' || e.closest('.kb-visually-hidden, .md-source')) continue;
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    if (r.right > width + 0.5) found.push(`${e.tagName}.${e.className} ends at ${Math.round(r.right)} px`);
    else if (['hidden', 'clip'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1 && e.className !== 'kb-header-search__text')
      found.push(`${e.tagName}.${e.className} clips ${e.scrollWidth - e.clientWidth} px of its text`);
  }
  return found; }"""


@pytest.mark.browser
@pytest.mark.parametrize(("width", "path"), [(320, "zoeken.html"), (320, "index.html"), (1280, "index.html")])
def test_wider_text_spacing_cuts_nothing_off(browser, base_url: str, width: int, path: str) -> None:
    page = fresh_page(browser, width)
    try:
        page.goto(base_url + path)
        page.add_style_tag(content=TEXT_SPACING)
        settle(page)
        cut = page.evaluate(CUT_OFF)
        assert not cut, f"{path} at {width} px with WCAG text spacing:\n" + "\n".join(cut)
    finally:
        page.context.close()
