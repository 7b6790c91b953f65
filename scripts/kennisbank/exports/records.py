"""The normalised record of an initiative: the one shape every export (JSON, CSV, GeoJSON) is cut from.

Values are canonical: municipality codes and names from our reference table, theme slugs with
their labels, absolute URLs built from site_url, so that a reader of the data never has to
resolve what an author typed.
"""
from __future__ import annotations

from typing import Any

from kennisbank.entries.model import Gemeente, Initiative, Provincie, Thema

# Imported as a module, not by name: pages imports the exports, so names are looked up at call time.
from kennisbank.pages import listing as pages
from kennisbank.site.config import SiteConfig

LICENSE_NAME = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"
LICENSE_URI = "http://creativecommons.org/licenses/by/4.0/"


def page_url(config: SiteConfig, markdown_path: str) -> str:
    """Absolute address of a generated page ('gemeenten/x.md' -> site_url + 'gemeenten/x.html')."""
    return config.site_url + pages.link("index.md", markdown_path)


def file_url(config: SiteConfig, path: str) -> str:
    """Absolute address of a published file in the site root, such as 'initiatieven.json'."""
    return config.site_url + path


def initiative_url(config: SiteConfig, initiative: Initiative) -> str:
    return page_url(config, pages.page_of(initiative))


def gemeente_path(gemeente: Gemeente) -> str:
    return f"gemeenten/{gemeente.slug}.md"


def provincie_path(provincie: Provincie) -> str:
    return f"provincies/{provincie.slug}.md"


def thema_path(thema: Thema) -> str:
    return f"themas/{thema.slug}.md"


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
        "url": page_url(config, gemeente_path(gemeente)),
    }


def provincie_record(config: SiteConfig, provincie: Provincie) -> dict[str, Any]:
    return {"code": provincie.code, "naam": provincie.naam, "slug": provincie.slug, "url": page_url(config, provincie_path(provincie))}


def thema_record(config: SiteConfig, thema: Thema) -> dict[str, Any]:
    return {"slug": thema.slug, "label": thema.label, "url": page_url(config, thema_path(thema))}


def record(initiative: Initiative, config: SiteConfig) -> dict[str, Any]:
    """One initiative as plain JSON values, in a fixed key order (the order of the CSV columns too)."""
    return {
        "slug": initiative.slug,
        "titel": initiative.titel,
        "samenvatting": initiative.samenvatting,
        "landelijk": initiative.landelijk,
        "gemeenten": [gemeente_record(config, g) for g in initiative.gemeenten],
        "provincies": [provincie_record(config, p) for p in initiative.provincies],
        "themas": [thema_record(config, t) for t in initiative.themas],
        "status": initiative.status,
        "status_label": pages.label("status", initiative.status),
        "startjaar": initiative.startjaar,
        "eindjaar": initiative.eindjaar,
        "initiatiefnemer": initiative.initiatiefnemer,
        "rol_overheid": initiative.rol_overheid,
        "rol_overheid_label": pages.label("rol_overheid", initiative.rol_overheid) if initiative.rol_overheid else None,
        "partners": list(initiative.partners),
        "website": initiative.website,
        "contact": initiative.contact,
        "trefwoorden": list(initiative.trefwoorden),
        "bijgewerkt": initiative.bijgewerkt.isoformat(),
        "url": initiative_url(config, initiative),
        "bron": initiative.source,
        "bron_url": source_url(config, initiative),
        "tekst": initiative.body,
    }


def ordered(initiatives: list[Initiative]) -> list[Initiative]:
    """A stable order for every export, so that a rebuild without changes rewrites nothing."""
    return sorted(initiatives, key=lambda i: i.slug)


def records(initiatives: list[Initiative], config: SiteConfig) -> list[dict[str, Any]]:
    return [record(i, config) for i in ordered(initiatives)]
