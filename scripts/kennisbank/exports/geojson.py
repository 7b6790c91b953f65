"""initiatieven.geojson: a Point per initiative per municipality, at the municipality's reference point.

Landelijk initiatives have no place of their own and are left out (the open-data page says so).
Coordinates are WGS84 longitude, latitude, as RFC 7946 prescribes.
"""
from __future__ import annotations

from typing import Any

from kennisbank.exports import jsonexport

FILE = "initiatieven.geojson"


def feature(item: dict[str, Any], gemeente: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": f"{item['slug']}/{gemeente['code']}",
        "geometry": {"type": "Point", "coordinates": [gemeente["lon"], gemeente["lat"]]},
        "properties": {
            "slug": item["slug"],
            "titel": item["titel"],
            "samenvatting": item["samenvatting"],
            "gemeente_code": gemeente["code"],
            "gemeente": gemeente["naam"],
            "provincie_code": gemeente["provincie_code"],
            "themas": [thema["slug"] for thema in item["themas"]],
            "status": item["status"],
            "startjaar": item["startjaar"],
            "bijgewerkt": item["bijgewerkt"],
            "url": item["url"],
            "gemeente_url": gemeente["url"],
        },
    }


def collection(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [feature(item, g) for item in items for g in item["gemeenten"]]}


def render(items: list[dict[str, Any]]) -> str:
    return jsonexport.one_per_line(collection(items), "features")
