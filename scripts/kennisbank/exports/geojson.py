"""initiatieven.geojson: a Point per initiative per municipality, at the municipality's reference point.

Landelijk initiatives have no place of their own and are left out (the open-data page says so).
Coordinates are WGS84 longitude, latitude, as RFC 7946 prescribes.
"""
from __future__ import annotations

from typing import Any

from kennisbank.entries import fields
from kennisbank.exports import jsonexport

FILE = "initiatieven.geojson"


def scalar_fields() -> list[str]:
    """Schema fields with one value (not a list, place or theme): each becomes a property of its own."""
    return [f.name for f in fields.shown("export") if not f.is_list and f.kind is None]


def feature(item: dict[str, Any], gemeente: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": f"{item['slug']}/{gemeente['code']}",
        "geometry": {"type": "Point", "coordinates": [gemeente["lon"], gemeente["lat"]]},
        "properties": {
            "slug": item["slug"],
            **{name: item[name] for name in scalar_fields()},
            "gemeente_code": gemeente["code"],
            "gemeente": gemeente["naam"],
            "provincie_code": gemeente["provincie_code"],
            "themas": [thema["slug"] for thema in item["themas"]],
            "url": item["url"],
            "gemeente_url": gemeente["url"],
        },
    }


def collection(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [feature(item, g) for item in items for g in item["gemeenten"]]}


def render(items: list[dict[str, Any]]) -> str:
    return jsonexport.one_per_line(collection(items), "features")
