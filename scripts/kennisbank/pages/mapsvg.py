"""Maps of the Netherlands drawn at build time as inline SVG: no tiles, no script, works from disk.

Points are the municipalities' reference points (Gemeente.lat/lon) in a plain equirectangular
projection, with longitudes shortened by cos(52.2°) so the country keeps its shape. The faint
land shape is the union of discs around all municipality points: derived from our own table,
not copied from any boundary data, and close enough to the country's outline to find your way.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup, escape

from kennisbank import urls
from kennisbank.entries import places
from kennisbank.entries.model import Gemeente
from kennisbank.pages import styles
from kennisbank.pages.charts import count_text

SCALE_LATITUDE = 52.2
WIDTH = 480
PAD = 24
LAND_WIDTH = 36  # diameter of the disc around each reference point that together make the land shape
R_MIN, R_MAX = 4.0, 16.0
SMALL_WIDTH = 160


@dataclass(frozen=True)
class Frame:
    """Where the country sits in the drawing: bounds of all reference points and the scale."""

    lon_min: float
    lat_max: float
    scale: float  # user units per degree of latitude
    pad: float
    width: float
    height: float

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        x = self.pad + (lon - self.lon_min) * math.cos(math.radians(SCALE_LATITUDE)) * self.scale
        y = self.pad + (self.lat_max - lat) * self.scale
        return round(x, 1), round(y, 1)


def frame_for(points: Iterable[tuple[float, float]], width: float) -> Frame:
    lats, lons = zip(*points, strict=True)
    pad = PAD * width / WIDTH
    scale = (width - 2 * pad) / ((max(lons) - min(lons)) * math.cos(math.radians(SCALE_LATITUDE)))
    return Frame(min(lons), max(lats), scale, pad, width, round((max(lats) - min(lats)) * scale + 2 * pad))


@cache
def frame(width: float = WIDTH) -> Frame:
    return frame_for(((g.lat, g.lon) for g in places.gemeenten()), width)


def land(view: Frame) -> str:
    """The faint land shape and one dot per municipality.

    Both are a single path of zero-length, round-capped lines, one per reference point: thick
    and faint for the land (one path is painted as one shape, so overlaps do not darken), thin
    for the dots.
    """
    factor = view.width / WIDTH
    dots = "".join(f"M{x} {y}h0" for x, y in (view.project(g.lat, g.lon) for g in places.gemeenten()))
    return (f'<path class="kb-map__land" fill="none" stroke="{styles.rgba(*styles.LAND["light"])}" stroke-linecap="round" '
            f'stroke-width="{LAND_WIDTH * factor:.1f}" d="{dots}"/>'
            f'<path class="kb-map__dots" fill="none" stroke="currentColor" stroke-opacity=".35" stroke-linecap="round" '
            f'stroke-width="{max(1.6, 2.4 * factor):.1f}" d="{dots}"/>')


def radius(count: int, most: int) -> float:
    """Circle area grows with the number of initiatives; the smallest stays big enough to hit."""
    return round(R_MIN + (R_MAX - R_MIN) * math.sqrt(count / most) if most > 1 else R_MIN + 2, 1)


def marker_name(gemeente: Gemeente, count: int) -> str:
    return f"{gemeente.naam_gangbaar}: {count_text(count)}"


def province_labels(view: Frame) -> str:
    """Province names at the middle of their municipalities' points: orientation only, hidden from screen readers."""
    labels = []
    for provincie in places.provincies():
        points = [view.project(g.lat, g.lon) for g in places.gemeenten() if g.provincie == provincie]
        if points:
            x = round(sum(p[0] for p in points) / len(points), 1)
            y = round(sum(p[1] for p in points) / len(points), 1)
            labels.append(f'<text class="kb-map__label" x="{x}" y="{y}" text-anchor="middle">{escape(provincie.naam)}</text>')
    return f'<g aria-hidden="true">{"".join(labels)}</g>'


def legend(most: int) -> str:
    """Top left, over the North Sea: what a small and a large circle mean, and north."""
    samples = [1] if most <= 1 else [1, most]
    parts = ['<g aria-hidden="true">']
    y = PAD + 4
    for sample in samples:
        r = radius(sample, most)
        y += r
        parts.append(f'<circle class="kb-map__legend-marker" fill="{styles.ACCENT["light"]}" cx="{PAD + R_MAX}" cy="{y}" r="{r}"/>'
                     f'<text x="{PAD + 2 * R_MAX + 8}" y="{y}" dominant-baseline="central" font-size="12">{count_text(sample)}</text>')
        y += r + 8
    x = PAD + R_MAX
    y += 14
    parts.append(f'<path d="M{x} {y}l-6 16l6-5l6 5Z" fill="currentColor"/>'
                 f'<text x="{x}" y="{y + 30}" text-anchor="middle" font-size="12">N</text></g>')
    return "".join(parts)


def country_map(counts: list[tuple[Gemeente, int]], here: str, link: Callable[[str, str], str]) -> Markup:
    """The big map: a marker link per municipality with initiatives; larger ones first so small ones stay clickable."""
    view = frame()
    most = max((count for _, count in counts), default=1)
    chosen = sorted((item for item in counts if item[1] > 0), key=lambda item: (-item[1], places.fold(item[0].naam_gangbaar)))
    parts = [
        f'<svg class="kb-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {view.width} {view.height}" '
        f'width="{view.width}" height="{view.height}" role="group" aria-labelledby="kb-map-title">',
        '<title id="kb-map-title">Kaart van Nederland met de gemeenten die initiatieven hebben</title>',
        land(view),
        province_labels(view),
        legend(most),
    ]
    for gemeente, count in chosen:
        x, y = view.project(gemeente.lat, gemeente.lon)
        href = link(here, urls.gemeente(gemeente))
        parts.append(f'<a href="{escape(href)}" aria-label="{escape(marker_name(gemeente, count))}">'
                     f'<circle class="kb-map__marker" fill="{styles.ACCENT["light"]}" cx="{x}" cy="{y}" r="{radius(count, most)}"/></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


@cache
def small_land() -> str:
    # The same background on every municipality page: draw it once per build.
    return land(frame(SMALL_WIDTH))


def locator(gemeente: Gemeente) -> Markup:
    """A small map for a municipality page: every municipality faint, this one marked."""
    view = frame(SMALL_WIDTH)
    x, y = view.project(gemeente.lat, gemeente.lon)
    name = escape(gemeente.naam_gangbaar)
    return Markup(
        f'<svg class="kb-map kb-map--small" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {view.width} {view.height}" '
        f'width="{view.width}" height="{view.height}" role="img" aria-labelledby="kb-locator-title kb-locator-desc">'
        f'<title id="kb-locator-title">Ligging van {name}</title>'
        f'<desc id="kb-locator-desc">Kaart van Nederland met een stip voor elke gemeente; {name} in de provincie '
        f'{escape(gemeente.provincie.naam)} is gemarkeerd.</desc>'
        f'{small_land()}'
        f'<circle class="kb-map__marker kb-map__here" fill="{styles.ACCENT["light"]}" stroke="currentColor" cx="{x}" cy="{y}" r="5"/>'
        "</svg>"
    )
