"""schema.org JSON-LD for an initiative page, as a string that is safe inside <script type="application/ld+json">.

The generator puts the string in the page's front matter (key `jsonld`); overrides/partials/kb-head.html
prints it unescaped, because the theme's templates do not autoescape. Safety therefore lives here:
'<', '>' and '&' become \\u003c, \\u003e and \\u0026, which JSON readers decode to the same text,
so no value can close the script element or open a comment.
"""
from __future__ import annotations

import json
from typing import Any

from kennisbank import urls
from kennisbank.entries.model import Gemeente, Initiative
from kennisbank.exports import records
from kennisbank.site.config import SiteConfig

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})
COUNTRY = {"@type": "Country", "name": "Nederland"}


def script_safe(value: Any) -> str:
    """JSON text that cannot break out of a script element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def area(gemeente: Gemeente, config: SiteConfig) -> dict[str, Any]:
    place: dict[str, Any] = {
        "@type": "AdministrativeArea",
        "name": gemeente.naam_gangbaar,
        "identifier": gemeente.code,
        "url": records.page_url(config, urls.gemeente(gemeente)),
        "containedInPlace": {"@type": "AdministrativeArea", "name": gemeente.provincie.naam, "containedInPlace": COUNTRY},
    }
    if gemeente.naam != gemeente.naam_gangbaar:
        place["alternateName"] = gemeente.naam
    return place


def data(initiative: Initiative, config: SiteConfig) -> dict[str, Any]:
    """The Project description; absent optional fields are left out rather than null."""
    value: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": initiative.titel,
        "description": initiative.samenvatting,
        "url": records.initiative_url(config, initiative),
        "areaServed": COUNTRY if initiative.landelijk else [area(g, config) for g in initiative.gemeenten],
        "foundingDate": str(initiative.startjaar),
        "founder": {"@type": "Organization", "name": initiative.initiatiefnemer},
        "keywords": [t.label for t in initiative.themas] + list(initiative.trefwoorden),
    }
    if initiative.value("startjaar_uiterlijk") == "ja":
        del value["foundingDate"]  # only a latest possible year is known, not the founding date
    if initiative.eindjaar:
        value["dissolutionDate"] = str(initiative.eindjaar)
    if initiative.website:
        value["sameAs"] = initiative.website
    return value


def for_initiative(initiative: Initiative, config: SiteConfig) -> str:
    return script_safe(data(initiative, config))
