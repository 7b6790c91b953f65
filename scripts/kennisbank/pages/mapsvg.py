"""Maps of the Netherlands drawn at build time as inline SVG: no tiles, no script, works from disk.

The shapes are the municipal boundaries of 2025 (CBS/Kadaster, simplified by kennisbank.maintenance.mapdata
into data/kaart_2025.json). Each municipality is one path, coloured on a sequential scale by its
number of initiatives; province borders are drawn on top, names last, with a halo and without
pointer events so they never take a click from the shapes. Shapes stay in the file's map units
inside one scaling group; labels and strokes are in screen units (non-scaling strokes).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup, escape

from kennisbank import urls
from kennisbank.entries import places
from kennisbank.entries.model import Gemeente, Provincie
from kennisbank.pages import mapgeometry as geo
from kennisbank.pages.charts import count_text

WIDTH = 480
PROVINCE_WIDTH = 600
PAD = 8
SMALL_WIDTH = 160
PROVINCE_MAX_HEIGHT = 560
# Class k holds the counts from CLASS_STARTS[k - 1] up to the next start; class 0 is no initiatives.
CLASS_STARTS = (1, 2, 4, 8, 16)
LABEL_SIZE = 11
PROVINCE_LABEL_SIZE = 12  # the province maps are drawn at their own size, not scaled up like the big map
# Average advance of a character as a share of the font size, generous for wide fallback fonts.
CHAR_WIDTH = 0.62
ATTRIBUTION = "Grenzen: CBS en Kadaster, CBS Gebiedsindelingen 2025 (gegeneraliseerd), open data via PDOK; vereenvoudigd voor deze kaart."

Link = Callable[[str, str], str]


# ---- the colour scale ---------------------------------------------------------------------

def count_class(count: int) -> int:
    return sum(1 for start in CLASS_STARTS if count >= start)


def class_label(k: int) -> str:
    if k == 0:
        return "0"
    low = CLASS_STARTS[k - 1]
    if k == len(CLASS_STARTS):
        return f"{low} of meer"
    high = CLASS_STARTS[k] - 1
    return str(low) if high == low else f"{low}–{high}"


def legend(counts: Iterable[int]) -> Markup:
    """The scale as HTML below a map, up to the highest class the map uses (same colours on every map)."""
    top = max((count_class(count) for count in counts), default=0)
    items = "".join(
        f'<li><span class="kb-legend__swatch kb-k{k}" aria-hidden="true"></span>{class_label(k)}</li>'
        for k in range(max(top, 1) + 1)
    )
    return Markup(f'<p class="kb-legend__title">Aantal initiatieven per gemeente</p><ul class="kb-legend">{items}</ul>')


# ---- placing things -----------------------------------------------------------------------

@dataclass(frozen=True)
class View:
    """Map units to drawing units: scale, then shift; width and height of the drawing."""

    scale: float
    dx: float
    dy: float
    width: int
    height: int

    def point(self, x: float, y: float) -> tuple[float, float]:
        return round(x * self.scale + self.dx, 1), round(y * self.scale + self.dy, 1)

    def at(self, gemeente: Gemeente) -> tuple[float, float]:
        return self.point(*geo.project(gemeente.lat, gemeente.lon))

    @property
    def transform(self) -> str:
        return f"translate({round(self.dx, 2)} {round(self.dy, 2)}) scale({self.scale:.6g})"


def view_for(box: geo.Box, width: float, max_height: float | None = None, pad: float = PAD) -> View:
    scale = (width - 2 * pad) / box.width
    if max_height is not None:
        scale = min(scale, (max_height - 2 * pad) / box.height)
    return View(scale, pad - box.left * scale, pad - box.top * scale,
                round(box.width * scale + 2 * pad), round(box.height * scale + 2 * pad))


@cache
def country_box() -> geo.Box:
    return geo.box_of(g.code for g in places.gemeenten())


@cache
def frame(width: float = WIDTH) -> View:
    return view_for(country_box(), width)


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float
    size: float

    @property
    def box(self) -> geo.Box:
        half = (len(self.text) * CHAR_WIDTH * self.size) / 2 + 2
        return geo.Box(self.x - half, self.y - self.size * 0.7, self.x + half, self.y + self.size * 0.7)


def overlaps(a: geo.Box, b: geo.Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


# Where a label may go, relative to its point, in font sizes: on it, then nearby, nearest first.
SHIFTS = ((0, 0), (0, -1.3), (0, 1.3), (0, -2.6), (0, 2.6), (-3, 0), (3, 0), (-3, -1.3), (3, -1.3), (-3, 1.3), (3, 1.3))


def place_labels(wanted: Iterable[tuple[str, float, float]], view: View, keep_clear: Iterable[geo.Box] = (),
                 size: float = LABEL_SIZE) -> list[Label]:
    """Greedy: each label at its point or nearby, clear of the other labels and of `keep_clear`
    (the shapes that are links); left out when nothing fits."""
    placed: list[Label] = []
    clear = list(keep_clear)
    for text, x, y in wanted:
        for dx, dy in SHIFTS:
            label = Label(text, round(x + dx * size, 1), round(y + dy * size, 1), size)
            box = label.box
            inside = box.left >= 0 and box.top >= 0 and box.right <= view.width and box.bottom <= view.height
            if inside and not any(overlaps(box, other) for other in [*clear, *(p.box for p in placed)]):
                placed.append(label)
                break
    return placed


def shape_boxes(codes: Iterable[str], view: View) -> list[geo.Box]:
    """Drawing-unit boxes around the given municipalities' shapes."""
    boxes = []
    for code in codes:
        box = geo.box_of([code])
        left, top = view.point(box.left, box.top)
        right, bottom = view.point(box.right, box.bottom)
        boxes.append(geo.Box(left, top, right, bottom))
    return boxes


def labels_svg(labels: list[Label], size: float = LABEL_SIZE) -> str:
    texts = "".join(f'<text x="{label.x}" y="{label.y}">{escape(label.text)}</text>' for label in labels)
    return f'<g class="kb-map__label" aria-hidden="true" text-anchor="middle" dominant-baseline="central" font-size="{size}">{texts}</g>'


# ---- the drawings -------------------------------------------------------------------------

def marker_name(gemeente: Gemeente, count: int) -> str:
    return f"{gemeente.naam_gangbaar}: {count_text(count)}"


def shapes(gemeenten: Iterable[Gemeente], counts: dict[str, int], here: str, link: Link) -> str:
    """One path per municipality, each a link to its page. Those with initiatives are Tab stops,
    most first; the others are links for a pointer only (tabindex -1): 300 more Tab stops would bury
    the shaded ones, and their pages are one Tab away in the Gemeenten list and the table."""
    chosen = list(gemeenten)
    empty = sorted((g for g in chosen if not counts.get(g.code)), key=lambda g: places.fold(g.naam_gangbaar))
    shaded = sorted((g for g in chosen if counts.get(g.code)), key=lambda g: (-counts[g.code], places.fold(g.naam_gangbaar)))
    parts = []
    for gemeente in shaded:
        count = counts[gemeente.code]
        href = link(here, urls.gemeente(gemeente))
        parts.append(f'<a href="{escape(href)}" aria-label="{escape(marker_name(gemeente, count))}">'
                     f'<path class="kb-k{count_class(count)}" d="{geo.shape_path(gemeente.code)}"/></a>')
    for gemeente in empty:
        href = link(here, urls.gemeente(gemeente))
        parts.append(f'<a href="{escape(href)}" tabindex="-1" aria-label="{escape(marker_name(gemeente, 0))}"><path class="kb-k0" d="{geo.shape_path(gemeente.code)}"/></a>')
    return "".join(parts)


@cache
def provincie_of() -> dict[str, str]:
    return {g.code: g.provincie.code for g in places.gemeenten()}


def borders(within: set[str] | None = None) -> str:
    return f'<path class="kb-map__borders" d="{geo.lines_path(geo.province_borders(provincie_of(), within))}"/>'


def svg_open(view: View, classes: str, title_id: str, title: str) -> str:
    return (f'<svg class="{classes}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {view.width} {view.height}" '
            f'width="{view.width}" height="{view.height}" role="group" aria-labelledby="{title_id}">'
            f'<title id="{title_id}">{escape(title)}</title>')


def country_map(counts: list[tuple[Gemeente, int]], here: str, link: Link) -> Markup:
    """The big map: every municipality coloured by its number of initiatives, province names on top."""
    view = frame()
    by_code = {gemeente.code: count for gemeente, count in counts}
    names = [(p.naam, *view.point(*geo.provincie_label(p))) for p in places.provincies()]
    return Markup(
        svg_open(view, "kb-map", "kb-map-title", "Kaart van Nederland: de gemeenten, gekleurd naar aantal initiatieven")
        + f'<g transform="{view.transform}">{shapes(places.gemeenten(), by_code, here, link)}{borders()}</g>'
        + labels_svg(place_labels(names, view, shape_boxes((g.code for g, n in counts if n), view)))
        + "</svg>"
    )


def province_map(provincie: Provincie, rows: list[tuple[Gemeente, int]], here: str, link: Link) -> Markup:
    """A province page's map: its municipalities coloured like the big map, names of those with initiatives."""
    gemeenten = [g for g, _ in rows]
    counts = {g.code: count for g, count in rows}
    view = view_for(geo.box_of(g.code for g in gemeenten), PROVINCE_WIDTH, PROVINCE_MAX_HEIGHT)
    ranked = sorted((item for item in rows if item[1]), key=lambda item: (-item[1], places.fold(item[0].naam_gangbaar)))
    names = [(g.naam_gangbaar, *view.at(g)) for g, _ in ranked]
    name = escape(provincie.naam)
    drawing = (
        svg_open(view, "kb-map kb-map--fit", "kb-provinciekaart-title", f"Kaart van {provincie.naam}: de gemeenten, gekleurd naar aantal initiatieven")
        + f'<g transform="{view.transform}">{shapes(gemeenten, counts, here, link)}{borders({g.code for g in gemeenten})}</g>'
        + labels_svg(place_labels(names, view, size=PROVINCE_LABEL_SIZE), PROVINCE_LABEL_SIZE)
        + "</svg>"
    )
    return Markup(
        f'<figure class="kb-figure">{drawing}<figcaption>{legend(counts.values())}'
        f"<p>De gemeenten van {name}. Kies een gekleurde gemeente om naar haar initiatieven te gaan. {ATTRIBUTION}</p>"
        "</figcaption></figure>"
    )


@cache
def small_land() -> str:
    """The background of every locator map: land and province borders, coarse; drawn once per build."""
    view = frame(SMALL_WIDTH)
    land = "".join(geo.ring_path(ring) for ring in geo.merged_rings(provincie_of(), coarse=True))
    lines = geo.lines_path(geo.province_borders(provincie_of()), coarse=True)
    return (f'<g transform="{view.transform}"><path class="kb-k0" fill-rule="evenodd" d="{land}"/>'
            f'<path class="kb-map__borders" d="{lines}"/></g>')


def locator(gemeente: Gemeente) -> Markup:
    """A small map for a municipality page: the country with its provinces, this municipality highlighted."""
    view = frame(SMALL_WIDTH)
    x, y = view.at(gemeente)
    name = escape(gemeente.naam_gangbaar)
    return Markup(
        f'<svg class="kb-map kb-map--small" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {view.width} {view.height}" '
        f'width="{view.width}" height="{view.height}" role="img" aria-labelledby="kb-locator-title kb-locator-desc">'
        f'<title id="kb-locator-title">Ligging van {name}</title>'
        f'<desc id="kb-locator-desc">Kaart van Nederland met de provinciegrenzen; de gemeente {name} in de provincie '
        f'{escape(gemeente.provincie.naam)} is gemarkeerd.</desc>'
        f'{small_land()}'
        f'<g transform="{view.transform}"><path class="kb-map__here" d="{geo.shape_path(gemeente.code)}"/></g>'
        f'<circle class="kb-map__ring" cx="{x}" cy="{y}" r="7"/>'
        "</svg>"
    )
