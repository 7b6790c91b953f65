"""The pages about the data: open-data.md, cijfers.md and kaart.md, and the charts' and maps' stylesheet.

They use the same helpers as the other generated pages (pages.templating, kennisbank.urls),
with templates in pages/templates; Jinja autoescapes every value.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache

import jinja2

from kennisbank import urls
from kennisbank.entries import places
from kennisbank.entries.collection import Collection
from kennisbank.entries.model import Gemeente, Initiative
from kennisbank.exports import field_tables as fields
from kennisbank.exports import catalogue, exportschema, records
from kennisbank.exports.catalogue import Published
from kennisbank.pages import templating as pages
from kennisbank.pages import charts, mapsvg, styles
from kennisbank.site_config import SiteConfig


@cache
def environment() -> jinja2.Environment:
    env = pages.template_environment(pages.TEMPLATES)
    env.globals.update(count_text=charts.count_text, attribution=mapsvg.ATTRIBUTION)
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def size_text(size: int) -> str:
    """File size as a visitor reads it: '12 kB', '1,4 MB'."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def open_data_page(config: SiteConfig, sizes: dict[str, int]) -> tuple[str, str]:
    here = "open-data.md"
    export = exportschema.export_schema(config)
    listed: list[tuple[Published, str]] = [(item, size_text(sizes[item.file])) for item in catalogue.FILES if item.file in sizes]
    return here, render(
        "open-data.md.j2", here=here, files=listed, config=config, license_name=records.LICENSE_NAME,
        license_url=records.LICENSE_URL, input_fields=fields.input_fields(), export_fields=fields.export_fields(export),
        front_matter=pages.front_matter("Open data", "Alle initiatieven als open data: JSON, CSV, GeoJSON, een Atom-feed en een DCAT-beschrijving."),
    )


def charts_page(initiatives: list[Initiative]) -> tuple[str, str]:
    here = "cijfers.md"
    drawn = [(chart, charts.svg(chart)) for chart in charts.all_charts(initiatives)]
    return here, render(
        "cijfers.md.j2", here=here, charts=drawn, total=len(initiatives),
        sourced=sum(1 for i in initiatives if charts.has_sources(i)),
        front_matter=pages.front_matter("Cijfers", "Hoeveel initiatieven er zijn per thema, provincie, startjaar, status en rol van de overheid, "
                                                   "en hoeveel er een bron noemen."),
    )


def gemeente_counts(initiatives: list[Initiative]) -> list[tuple[Gemeente, int]]:
    """Municipalities with at least one initiative, most first, then by name."""
    counts = Counter(g.code for i in initiatives for g in i.gemeenten)
    found = [(g, counts[g.code]) for g in places.gemeenten() if counts[g.code]]
    return sorted(found, key=lambda item: (-item[1], places.fold(item[0].naam_gangbaar)))


def map_page(initiatives: list[Initiative]) -> tuple[str, str]:
    here = "kaart.md"
    counts = gemeente_counts(initiatives)
    return here, render(
        "kaart.md.j2", here=here, counts=counts, map=mapsvg.country_map(counts, here, urls.html_link),
        legend=mapsvg.legend(count for _, count in counts),
        national=sum(1 for i in initiatives if i.landelijk),
        front_matter=pages.front_matter("Kaart", "Kaart van Nederland met alle gemeenten, gekleurd naar hun aantal initiatieven."),
    )


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:
    """The charts and map pages and their stylesheet; the open-data page comes last (site.docs_folder),
    because it lists the sizes of the files the other writers produced."""
    initiatives = list(collection.initiatives)
    yield styles.FILE, styles.css()
    yield charts_page(initiatives)
    yield map_page(initiatives)
    yield editors_page(collection.config)


def editors_page(config: SiteConfig) -> tuple[str, str]:
    """'Contact met de redactie': who runs the kennisbank and its address, from mkdocs.yml (extra.redactie)."""
    href, label = pages.editors_link(config)
    return urls.EDITORS, pages.render("redactie.md.j2", here=urls.EDITORS, editors=config.editors, href=href, label=label,
                                      front_matter=pages.front_matter("Contact met de redactie", f"Hoe u {config.editors} bereikt."))
