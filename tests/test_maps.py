"""The maps: real municipal boundaries (derived from the CBS/Kadaster reference by kennisbank.maintenance.mapdata),
one path per municipality coloured by its number of initiatives, links with names, labels that do
not collide, province and locator maps, small enough, and working from disk."""
from __future__ import annotations

import html

import gzip
import json
import os
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import watched_page
from kennisbank.entries import places
from kennisbank.maintenance import mapdata
from kennisbank.pages import mapgeometry as geo
from kennisbank.pages import mapsvg

PAGE_BUDGET = 150_000  # bytes, gzip, the whole Kaart page with everything it loads


def read(site: Path, relative: str) -> str:
    return (site / relative).read_text(encoding="utf-8")


def svg_of(page: str, classes: str) -> str:
    found = re.search(rf'<svg class="{classes}".*?</svg>', page, re.S)
    assert found, classes
    return found.group(0)


def counts_of(site: Path) -> Counter:
    data = json.loads(read(site, "initiatieven.json"))
    return Counter(g["code"] for item in data["initiatieven"] for g in item["gemeenten"])


LINK = re.compile(r'<a href="([^"]+)"(?: tabindex="-1")? aria-label="([^"]+)"><path class="kb-k(\d)" d="([^"]+)"/></a>')


# ---------- the geometry file ----------

def test_geometry_file_is_what_the_script_makes_from_the_reference() -> None:
    reference = mapdata.default_reference()
    if not (reference / mapdata.GEMEENTE_FILE).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{reference} is missing: CI has the shared reference folder next to the repository")
        pytest.skip(f"no reference boundaries at {reference} (set KENNISBANK_REFERENCE; CI has ../shared/reference)")
    assert mapdata.dumps(mapdata.derive(reference)) == mapdata.OUTPUT.read_text(encoding="utf-8"), (
        "data/kaart_2025.json is out of date: run python -m kennisbank.maintenance.mapdata")


def test_geometry_file_agrees_with_the_municipality_table() -> None:
    codes = {g.code for g in places.gemeenten()}
    assert set(geo.data()["gemeenten"]) == codes
    wrong = [g.code for g in places.gemeenten() if geo.provincie_code(g.code) != g.provincie.code]
    assert not wrong, f"province in the boundary file differs from gemeenten.csv: {wrong}"
    assert set(geo.data()["provincies"]) == {p.code for p in places.provincies()}
    assert mapdata.OUTPUT.stat().st_size < 150_000, "the geometry file should stay small"


def inside(point: tuple[float, float], polygons: list[list[list[tuple[int, int]]]]) -> bool:
    """Even-odd rule over every ring of every part."""
    x, y = point
    crossings = 0
    for rings in polygons:
        for ring in rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    crossings += 1
    return crossings % 2 == 1


def test_each_reference_point_lies_in_its_own_shape() -> None:
    """The build projects the table's points exactly as the script projected the boundaries."""
    outside = []
    for gemeente in places.gemeenten():
        rings = [[geo.ring_points(ring) for ring in polygon] for polygon in geo.polygons(gemeente.code)]
        if not inside(geo.project(gemeente.lat, gemeente.lon), rings):
            outside.append(gemeente.naam)
    assert not outside, outside


def test_province_outlines_close() -> None:
    for provincie in places.provincies():
        codes = [g.code for g in places.gemeenten() if g.provincie == provincie]
        for ring in geo.merged_rings(codes):
            assert ring[0] == ring[-1], provincie.naam


# ---------- the drawings ----------

def test_scale_classes_and_legend() -> None:
    assert [mapsvg.count_class(n) for n in (0, 1, 2, 3, 4, 7, 8, 15, 16, 500)] == [0, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert [mapsvg.class_label(k) for k in range(6)] == ["0", "1", "2–3", "4–7", "8–15", "16 of meer"]
    legend = str(mapsvg.legend([0, 1, 3]))
    assert legend.count("<li>") == 3 and "2–3" in legend and "4–7" not in legend


def test_labels_keep_clear_of_each_other_and_of_the_edges() -> None:
    view = mapsvg.View(1, 0, 0, 200, 100)
    placed = mapsvg.place_labels([("Aaaa", 50, 50), ("Bbbb", 52, 50), ("Cccc", 54, 50), ("Te breed voor de kaart", 100, 50)], view)
    assert [label.text for label in placed] == ["Aaaa", "Bbbb", "Cccc"]
    for one in placed:
        assert one.box.left >= 0 and one.box.right <= 200 and one.box.top >= 0 and one.box.bottom <= 100
        assert not any(mapsvg.overlaps(one.box, other.box) for other in placed if other is not one)
    kept_clear = mapsvg.place_labels([("Aaaa", 50, 50)], view, [mapsvg.geo.Box(30, 40, 70, 60)])
    assert kept_clear and not mapsvg.overlaps(kept_clear[0].box, mapsvg.geo.Box(30, 40, 70, 60))


def test_country_map_draws_and_links_every_municipality(fixture_site: Path) -> None:
    page = read(fixture_site, "kaart.html")
    drawing = svg_of(page, "kb-map")
    assert drawing.count("<path class=\"kb-k") == len(places.gemeenten())
    counts = counts_of(fixture_site)
    links = LINK.findall(drawing)
    assert len(links) == len(places.gemeenten())  # every municipality has a page
    order = []
    for href, name, k, d in links:
        gemeente = places.gemeente_by_slug(href.removeprefix("gemeenten/").removesuffix(".html"))
        count = counts[gemeente.code]
        assert html.unescape(name) == f"{gemeente.naam_gangbaar}: {count} {'initiatief' if count == 1 else 'initiatieven'}"
        assert int(k) == mapsvg.count_class(count) and d == geo.shape_path(gemeente.code)
        assert (fixture_site / unquote(urlsplit(href).path)).is_file()
        order.append(-count)
    assert order == sorted(order), "the most initiatives first, so keyboard users meet them first"
    empty = [html.unescape(name).removesuffix(": 0 initiatieven") for _, name, _, _ in links if name.endswith(": 0 initiatieven")]
    assert empty == sorted(empty, key=places.fold) and len(empty) == len(places.gemeenten()) - len([c for c in counts.values() if c])
    assert drawing.count('tabindex="-1"') == len(empty)  # a pointer reaches them; Tab goes to the shaded ones
    assert '<th scope="row"><a href="gemeenten/vlissingen.html">Vlissingen</a></th>' in page
    assert 'class="kb-map__borders"' in drawing
    assert all(f">{escaped}</text>" in drawing for escaped in ("Fryslân", "Groningen", "Zeeland"))
    assert "CBS en Kadaster" in page and "CBS en Kadaster" in read(fixture_site, "open-data.html")


def test_country_map_is_upright() -> None:
    view = mapsvg.frame()
    gx, gy = view.at(places.gemeente_by_code("GM0014"))
    mx, my = view.at(places.gemeente_by_code("GM0935"))
    assert gy < my and mx < gx  # north is up, Groningen lies east of Maastricht
    for gemeente in places.gemeenten():
        x, y = view.at(gemeente)
        assert 0 < x < view.width and 0 < y < view.height, gemeente.naam


def test_province_pages_show_their_own_map(fixture_site: Path) -> None:
    counts = counts_of(fixture_site)
    for provincie in places.provincies():
        page = read(fixture_site, f"provincies/{provincie.slug}.html")
        drawing = svg_of(page, "kb-map kb-map--fit")
        members = [g for g in places.gemeenten() if g.provincie == provincie]
        assert drawing.count("<path class=\"kb-k") == len(members), provincie.naam
        linked = {href for href, *_ in LINK.findall(drawing)}
        assert linked == {f"../gemeenten/{g.slug}.html" for g in members}, provincie.naam
        assert "Aantal initiatieven per gemeente" in page and "CBS en Kadaster" in page


def test_municipality_pages_show_a_locator_map(fixture_site: Path) -> None:
    for code in counts_of(fixture_site):
        gemeente = places.gemeente_by_code(code)
        drawing = svg_of(read(fixture_site, f"gemeenten/{gemeente.slug}.html"), "kb-map kb-map--small")
        assert 'role="img"' in drawing and f"Ligging van {gemeente.naam_gangbaar}" in drawing
        assert f'<path class="kb-map__here" d="{geo.shape_path(code)}"/>' in drawing
        x, y = mapsvg.frame(mapsvg.SMALL_WIDTH).at(gemeente)
        assert f'cx="{x}" cy="{y}"' in drawing
        assert len(drawing) < 12_000, "the locator is on every municipality page"


# ---------- in the browser ----------

LABEL_BOXES = """() => {
    const rect = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const svg = document.querySelector('svg.kb-map');
    const frame = rect(svg);
    return {frame, labels: [...svg.querySelectorAll('.kb-map__label text')].map(t => [t.textContent, ...rect(t)]),
            links: [...svg.querySelectorAll('a:not([tabindex="-1"]) path')].map(rect)};
}"""


def collide(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.browser
@pytest.mark.parametrize("name", ["kaart.html", "provincies/zuid-holland.html", "provincies/zeeland.html"])
def test_labels_do_not_collide_as_drawn(page, fixture_site: Path, name: str) -> None:
    page.goto((fixture_site / name).as_uri())
    found = page.evaluate(LABEL_BOXES)
    labels = found["labels"]
    assert labels, name
    for i, (text, *box) in enumerate(labels):
        left, top, right, bottom = found["frame"]
        assert left <= box[0] and box[2] <= right and top <= box[1] and box[3] <= bottom, text
        for other, *other_box in labels[i + 1:]:
            assert not collide(box, other_box), f"{text} overlaps {other}"
        if name == "kaart.html":  # province names keep clear of the municipalities that are Tab stops
            assert not any(collide(box, link) for link in found["links"]), text


@pytest.mark.browser
def test_map_links_by_keyboard(page, fixture_site: Path) -> None:
    page.goto((fixture_site / "kaart.html").as_uri())
    tree = page.locator("svg.kb-map").aria_snapshot()
    assert 'link "Vlissingen: 2 initiatieven"' in tree and 'link "Rotterdam: 1 initiatief"' in tree, tree
    page.get_by_role("link", name="dezelfde lijst als tabel").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert focused == "Vlissingen: 2 initiatieven", "the most initiatives should come right after the lead text"
    fill = page.evaluate("() => getComputedStyle(document.activeElement.querySelector('path')).fill")
    rest = page.evaluate("() => getComputedStyle(document.querySelectorAll('svg.kb-map a path')[1]).fill")
    assert fill != rest, "a focused municipality must look different"
    page.keyboard.press("Enter")
    page.wait_for_url((fixture_site / "gemeenten" / "vlissingen.html").as_uri(), timeout=15_000)
    assert not page.watch.outside_requests and not page.watch.console_errors


@pytest.mark.browser
def test_kaart_page_is_small_and_draws_from_disk(browser, shipped_site: Path, record_property) -> None:
    """Everything the Kaart page loads from disk, gzip-compressed, within the budget; nothing from outside.

    The size stays out of the test run's progress: `-rP` shows it, a JUnit report has it as "size".
    """
    page = watched_page(browser)
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    try:
        page.goto((shipped_site / "kaart.html").as_uri())
        page.wait_for_load_state("load")
        assert page.locator("svg.kb-map path").count() > len(places.gemeenten())
        files = {Path(unquote(urlsplit(url).path)) for url in loaded if url.startswith("file://")}
        sizes = {path.name: len(gzip.compress(path.read_bytes(), 9)) for path in files if path.is_file()}
        total = sum(sizes.values())
        figure = (f"[size] kaart.html and what it loads, gzip: {total / 1000:.0f} kB "
                  f"(page itself {sizes['kaart.html'] / 1000:.0f} kB; {len(sizes)} files)")
        record_property("size", figure)
        print(figure)
        assert total <= PAGE_BUDGET, sizes
        assert not page.watch.outside_requests and not page.watch.console_errors
    finally:
        page.context.close()
