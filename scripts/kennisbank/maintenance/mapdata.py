"""Derive the map geometry (data/kaart_2025.json) from the CBS/Kadaster boundaries in TopoJSON.

    python -m kennisbank.maintenance.mapdata [--reference DIR] [--check]

Input: `gemeente_2025.topojson` and `provincie_2025.topojson`, the generalised municipality and
province boundaries of CBS/Kadaster (open data via PDOK), as kept in the shared reference folder
(by default ../shared/reference next to the repository, or $KENNISBANK_REFERENCE). For next
year's boundaries, point --reference at the new files and change YEAR.

Output: the project's own small geometry file. Coordinates are projected (longitude shortened
by cos 52.2°, north up), quantised to whole units (1000 per degree of latitude, about 111 m,
the source's own precision) and delta-encoded per arc. The municipalities keep the source's
topology: neighbours share arcs, so simplifying an arc once keeps borders gap-free. Two levels
of detail: `arcs` for the country and province maps, `grof` (coarse) for the small locator maps.
Each municipality's province comes from the province file (the province polygon it overlaps
most); the province labels sit at each province's pole of inaccessibility.

Only this script needs shapely; the site build reads the JSON it writes.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from typing import Any

from kennisbank import DATA_DIR

YEAR = 2025
OUTPUT = DATA_DIR / f"kaart_{YEAR}.json"
GEMEENTE_FILE = f"gemeente_{YEAR}.topojson"
PROVINCIE_FILE = f"provincie_{YEAR}.topojson"
SOURCE = (f"CBS/Kadaster, CBS Gebiedsindelingen {YEAR} (gegeneraliseerd), open data via PDOK; "
          f"TopoJSON van cartomap/nl; vereenvoudigd door kennisbank.maintenance.mapdata")
# The projection, also used at build time for the municipalities' reference points.
LON0, LAT0 = 3.3, 53.6  # west and north of the whole country: every x and y is positive
SCALE_LATITUDE = 52.2
UNITS_PER_DEGREE = 1000
# Douglas-Peucker tolerances in units: 1 drops only points that lie on a straight line at the
# source's precision; 10 (about 1 km) is below a pixel on the 160-pixel locator map.
DETAIL_TOLERANCE = 1.0
COARSE_TOLERANCE = 10.0

Point = tuple[int, int]


def default_reference() -> Path:
    configured = os.environ.get("KENNISBANK_REFERENCE")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[4] / "shared" / "reference"


def project(lon: float, lat: float) -> tuple[float, float]:
    """Degrees to map units (not rounded): x east, y south."""
    k = math.cos(math.radians(SCALE_LATITUDE))
    return (lon - LON0) * k * UNITS_PER_DEGREE, (LAT0 - lat) * UNITS_PER_DEGREE


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((tx + x * sx, ty + y * sy))
        decoded.append(points)
    return decoded


def simplified(points: list[tuple[float, float]], tolerance: float) -> list[Point]:
    """Projected, simplified (end points kept), rounded, without repeated points."""
    from shapely.geometry import LineString

    projected = [project(lon, lat) for lon, lat in points]
    if len(projected) > 2:
        projected = list(LineString(projected).simplify(tolerance, preserve_topology=False).coords)
    rounded: list[Point] = []
    for x, y in projected:
        point = (round(x), round(y))
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded


def delta(points: list[Point]) -> list[list[int]]:
    """First point absolute, then steps: small numbers, a small file."""
    out = [list(points[0])]
    out.extend([b[0] - a[0], b[1] - a[1]] for a, b in zip(points, points[1:]))
    return out


def polygons_of(geometry: dict[str, Any]) -> list[list[list[int]]]:
    return geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]


def shape(arcs: list[list[tuple[float, float]]], geometry: dict[str, Any]):
    """A TopoJSON geometry as a valid shapely polygon in map units (the source has one self-intersection)."""
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.validation import make_valid

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return [project(lon, lat) for lon, lat in points]

    polygons = [Polygon(ring(rings[0]), [ring(r) for r in rings[1:]]) for rings in polygons_of(geometry)]
    return make_valid(MultiPolygon(polygons) if len(polygons) > 1 else polygons[0])


def province_of(area, provinces: dict[str, Any]) -> str:
    return max(provinces, key=lambda code: (area.intersection(provinces[code]).area, code))


def label_point(area) -> list[int]:
    """A point well inside the largest part, where a label has the most room."""
    from shapely.ops import polylabel

    largest = max(getattr(area, "geoms", [area]), key=lambda part: part.area)
    point = polylabel(largest, tolerance=1.0)
    return [round(point.x), round(point.y)]


def renumbered(refs: Any, new_index: dict[int, int]) -> Any:
    """Arc references after dropping the arcs no municipality uses (~i means arc i reversed)."""
    if isinstance(refs, list):
        return [renumbered(item, new_index) for item in refs]
    return new_index[refs] if refs >= 0 else ~new_index[~refs]


def derive(reference: Path) -> dict[str, Any]:
    gemeente_topology = json.loads((reference / GEMEENTE_FILE).read_text(encoding="utf-8"))
    provincie_topology = json.loads((reference / PROVINCIE_FILE).read_text(encoding="utf-8"))
    gemeente_geometries = next(iter(gemeente_topology["objects"].values()))["geometries"]
    provincie_geometries = next(iter(provincie_topology["objects"].values()))["geometries"]
    arcs = decode_arcs(gemeente_topology)
    province_arcs = decode_arcs(provincie_topology)
    provinces = {g["properties"]["statcode"]: shape(province_arcs, g) for g in provincie_geometries}

    def walk(refs: Any) -> list[int]:
        return [r if r >= 0 else ~r for item in refs for r in walk(item)] if isinstance(refs, list) else [refs]

    used = sorted({index for g in gemeente_geometries for index in walk(g["arcs"])})
    new_index = {old: new for new, old in enumerate(used)}
    gemeenten = {}
    for geometry in sorted(gemeente_geometries, key=lambda g: g["properties"]["statcode"]):
        code = geometry["properties"]["statcode"]
        gemeenten[code] = {
            "provincie": province_of(shape(arcs, geometry), provinces),
            "vlakken": renumbered(polygons_of(geometry), new_index),
        }
    return {
        "bron": SOURCE,
        "jaar": YEAR,
        "projectie": {"lon0": LON0, "lat0": LAT0, "breedtegraad": SCALE_LATITUDE, "eenheden_per_graad": UNITS_PER_DEGREE},
        "arcs": [delta(simplified(arcs[old], DETAIL_TOLERANCE)) for old in used],
        "grof": [delta(simplified(arcs[old], COARSE_TOLERANCE)) for old in used],
        "gemeenten": gemeenten,
        "provincies": {code: {"label": label_point(area)} for code, area in sorted(provinces.items())},
    }


def dumps(data: dict[str, Any]) -> str:
    """Compact JSON with one arc or municipality per line, so a yearly update gives a readable diff."""
    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = ["{"]
    keys = list(data)
    for position, key in enumerate(keys):
        value = data[key]
        end = "," if position < len(keys) - 1 else ""
        if isinstance(value, list):
            body = ",\n".join(f"  {compact(item)}" for item in value)
            lines.append(f'{compact(key)}: [\n{body}\n]{end}')
        elif isinstance(value, dict) and key in ("gemeenten", "provincies"):
            body = ",\n".join(f"  {compact(name)}: {compact(item)}" for name, item in value.items())
            lines.append(f'{compact(key)}: {{\n{body}\n}}{end}')
        else:
            lines.append(f"{compact(key)}: {compact(value)}{end}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kennisbank.maintenance.mapdata", description=__doc__.split("\n")[0])
    parser.add_argument("--reference", type=Path, default=default_reference(), help="folder with the two TopoJSON files")
    parser.add_argument("--check", action="store_true", help="only report whether the committed file is up to date")
    args = parser.parse_args(argv)
    missing = [name for name in (GEMEENTE_FILE, PROVINCIE_FILE) if not (args.reference / name).is_file()]
    if missing:
        print(f"{args.reference}: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    text = dumps(derive(args.reference))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        print(f"{OUTPUT.name} is {'up to date' if current == text else 'out of date'}")
        return 0 if current == text else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
