"""The normalised record of an initiative: the one shape every export (JSON, CSV, GeoJSON) is cut from.

Values are canonical: municipality codes and names from our reference table, theme slugs with
their labels, absolute URLs built from site_url, so that a reader of the data never has to
resolve what an author typed.
"""
from __future__ import annotations

from typing import Any

from kennisbank import urls
from kennisbank.entries import fields
from kennisbank.entries.fields import Field
from kennisbank.entries.memo import PerEntry
from kennisbank.entries.model import Gemeente, Initiative, Provincie, Thema
from kennisbank.site_config import SiteConfig

LICENSE_NAME = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"
LICENSE_URI = "http://creativecommons.org/licenses/by/4.0/"


def page_url(config: SiteConfig, markdown_path: str) -> str:
    """Absolute address of a generated page ('gemeenten/x.md' -> site_url + 'gemeenten/x.html')."""
    return urls.absolute(config.site_url, markdown_path)


def file_url(config: SiteConfig, path: str) -> str:
    """Absolute address of a published file in the site root, such as 'initiatieven.json'."""
    return urls.absolute(config.site_url, path)


def initiative_url(config: SiteConfig, initiative: Initiative) -> str:
    return page_url(config, urls.initiative(initiative.slug))


def source_url(config: SiteConfig, initiative: Initiative) -> str:
    """The file as it is kept in the repository (view, not edit)."""
    return f"{config.repo_url}/blob/{config.branch}/{initiative.source}"


def gemeente_record(config: SiteConfig, gemeente: Gemeente) -> dict[str, Any]:
    return {
        "code": gemeente.code,
        "naam": gemeente.naam_gangbaar,
        "naam_officieel": gemeente.naam,
        "slug": gemeente.slug,
        "provincie_code": gemeente.provincie.code,
        "lat": gemeente.lat,
        "lon": gemeente.lon,
        "url": page_url(config, urls.gemeente(gemeente)),
    }


def provincie_record(config: SiteConfig, provincie: Provincie) -> dict[str, Any]:
    return {"code": provincie.code, "naam": provincie.naam, "slug": provincie.slug, "url": page_url(config, urls.provincie(provincie))}


def thema_record(config: SiteConfig, thema: Thema) -> dict[str, Any]:
    return {"slug": thema.slug, "label": thema.label, "url": page_url(config, urls.thema(thema))}


def plain(value: object) -> Any:
    """A validated value as JSON: tuples become lists."""
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def field_values(field: Field, initiative: Initiative, config: SiteConfig) -> dict[str, Any]:
    """The export keys of one schema field: places and themes reshaped, others as written (plus a label)."""
    if field.kind == "gemeente":
        return {
            "landelijk": initiative.landelijk,
            "gemeenten": [gemeente_record(config, g) for g in initiative.gemeenten],
            "provincies": [provincie_record(config, p) for p in initiative.provincies],
        }
    if field.kind == "thema":
        return {field.name: [thema_record(config, t) for t in initiative.themas]}
    value = plain(initiative.value(field.name))
    if value is None and field.is_list:
        value = []
    found = {field.name: value}
    if field.labels:
        found[f"{field.name}_label"] = None if value is None else field.label(value)
    return found


def record_of(initiative: Initiative, config: SiteConfig) -> dict[str, Any]:
    """One initiative as plain JSON values, in the schema's order (the order of the CSV columns too)."""
    item: dict[str, Any] = {"slug": initiative.slug}
    for field in fields.shown("export"):
        item.update(field_values(field, initiative, config))
    item.update(url=initiative_url(config, initiative), bron=initiative.source, bron_url=source_url(config, initiative),
                tekst=initiative.body)
    return item


# The live preview makes records only of changed entries; readers must not change a record.
record: PerEntry[Initiative, dict[str, Any]] = PerEntry(record_of)


def ordered(initiatives: list[Initiative]) -> list[Initiative]:
    """A stable order for every export, so that a rebuild without changes rewrites nothing."""
    return sorted(initiatives, key=lambda i: i.slug)


def records(initiatives: list[Initiative], config: SiteConfig) -> list[dict[str, Any]]:
    return [record(i, config) for i in ordered(initiatives)]
