"""The municipal boundaries of data/kaart_2025.json (written by kennisbank.maintenance.mapdata) as SVG path data.

The file holds projected, quantised arcs shared between neighbouring municipalities (TopoJSON's
idea), so borders drawn from it have no gaps or slivers. Everything here works in the file's whole
map units; the drawings scale them with one transform.
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from kennisbank import DATA_DIR
from kennisbank.entries.model import Gemeente, Provincie

FILE = DATA_DIR / "kaart_2025.json"

Point = tuple[int, int]
Ring = list[int]  # arc references; ~i is arc i walked backwards
Polygon = list[Ring]  # outer ring first, then holes


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@cache
def data() -> dict[str, Any]:
    return json.loads(FILE.read_text(encoding="utf-8"))


def _absolute(arcs: list[list[list[int]]]) -> tuple[tuple[Point, ...], ...]:
    decoded = []
    for arc in arcs:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x, y))
        decoded.append(tuple(points))
    return tuple(decoded)


@cache
def arcs(coarse: bool = False) -> tuple[tuple[Point, ...], ...]:
    """Every arc as absolute points: detailed, or coarse for small maps."""
    return _absolute(data()["grof" if coarse else "arcs"])


def project(lat: float, lon: float) -> tuple[float, float]:
    """Degrees to map units, exactly as kennisbank.maintenance.mapdata projected the boundaries."""
    p = data()["projectie"]
    k = math.cos(math.radians(p["breedtegraad"]))
    return (lon - p["lon0"]) * k * p["eenheden_per_graad"], (p["lat0"] - lat) * p["eenheden_per_graad"]


def polygons(code: str) -> list[Polygon]:
    return data()["gemeenten"][code]["vlakken"]


def provincie_code(code: str) -> str:
    """The province the boundary file puts a municipality in (tests compare it with gemeenten.csv)."""
    return data()["gemeenten"][code]["provincie"]


def provincie_label(provincie: Provincie) -> tuple[int, int]:
    x, y = data()["provincies"][provincie.code]["label"]
    return x, y


def walked(ref: int, coarse: bool = False) -> tuple[Point, ...]:
    arc = arcs(coarse)[ref if ref >= 0 else ~ref]
    return arc if ref >= 0 else arc[::-1]


def ring_points(ring: Ring, coarse: bool = False) -> list[Point]:
    points: list[Point] = []
    for ref in ring:
        arc = walked(ref, coarse)
        points.extend(arc if not points else arc[1:])
    return points


def _steps(points: Iterable[Point]) -> str:
    """'M x y' then relative steps; a minus sign needs no space before it."""
    out: list[str] = []
    last: Point | None = None
    for x, y in points:
        if last is None:
            out.append(f"M{x} {y}l")
        else:
            for number in (x - last[0], y - last[1]):
                text = str(number)
                out.append(text if text.startswith("-") or out[-1].endswith("l") else f" {text}")
        last = (x, y)
    return "".join(out).removesuffix("l")


def ring_path(points: list[Point]) -> str:
    return _steps(points) + "z"


def shape_path(code: str, coarse: bool = False) -> str:
    """One municipality as path data (all its parts and holes; fill-rule evenodd)."""
    return "".join(ring_path(ring_points(ring, coarse)) for polygon in polygons(code) for ring in polygon)


def lines_path(refs: Iterable[int], coarse: bool = False) -> str:
    """Separate arcs as one path of open lines (borders)."""
    return "".join(_steps(walked(ref, coarse)) for ref in refs)


@cache
def arc_users() -> dict[int, tuple[str, ...]]:
    """Which municipalities use each arc (one for the coast or the national border, two inside)."""
    users: dict[int, list[str]] = defaultdict(list)
    for code, item in data()["gemeenten"].items():
        for polygon in item["vlakken"]:
            for ring in polygon:
                for ref in ring:
                    users[ref if ref >= 0 else ~ref].append(code)
    return {index: tuple(codes) for index, codes in users.items()}


def province_borders(province_of: dict[str, str], within: set[str] | None = None) -> list[int]:
    """Arcs on a province border or the outer edge, optionally only those touching `within` (codes)."""
    found = []
    for index, codes in sorted(arc_users().items()):
        if within is not None and not within.intersection(codes):
            continue
        if len(codes) == 1 or len({province_of[code] for code in codes}) > 1:
            found.append(index)
    return found


def merged_rings(codes: Iterable[str], coarse: bool = False) -> list[list[Point]]:
    """The outline of a group of municipalities: the arcs only one of them uses, chained into rings."""
    refs = [ref for code in codes for polygon in polygons(code) for ring in polygon for ref in ring]
    uses = Counter(ref if ref >= 0 else ~ref for ref in refs)
    outer = [ref for ref in refs if uses[ref if ref >= 0 else ~ref] == 1]
    starting: dict[Point, list[int]] = defaultdict(list)
    for ref in outer:
        starting[walked(ref)[0]].append(ref)
    done: set[int] = set()
    rings = []
    for first in outer:
        if first in done:
            continue
        chain, ref = [], first
        while ref is not None and ref not in done:
            done.add(ref)
            chain.append(ref)
            following = [r for r in starting[walked(ref)[-1]] if r not in done]
            ref = following[0] if following else None  # type: ignore[assignment]
        rings.append(ring_points(chain, coarse))
    return rings


def box_of(codes: Iterable[str]) -> Box:
    xs, ys = [], []
    for code in codes:
        for polygon in polygons(code):
            for point in ring_points(polygon[0]):
                xs.append(point[0])
                ys.append(point[1])
    return Box(min(xs), min(ys), max(xs), max(ys))


def codes_of(gemeenten: Iterable[Gemeente]) -> list[str]:
    return [g.code for g in gemeenten]
