"""The writer registered in kennisbank.generate.writers(): every file of this package, as (path, content).

Paths are relative to the build folder. MkDocs copies the non-Markdown files to the site as
they are (initiatieven.json becomes site/initiatieven.json) and renders the three pages.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kennisbank.entries import schema
from kennisbank.entries.model import Initiative
from kennisbank.exports import (
    atom,
    csvexport,
    dcat,
    exportschema,
    geojson,
    jsonexport,
    records,
)
from kennisbank.pages import data_pages as sitepages
from kennisbank.pages import styles
from kennisbank.site.config import SiteConfig


def data_files(initiatives: list[Initiative], config: SiteConfig) -> dict[str, str | bytes]:
    items = records.records(initiatives, config)
    return {
        jsonexport.FILE: jsonexport.render(items, config),
        exportschema.SCHEMA_FILE: jsonexport.render_schema(config),
        exportschema.INPUT_SCHEMA_FILE: schema.SCHEMA_PATH.read_bytes(),
        csvexport.FILE: csvexport.render(items),
        geojson.FILE: geojson.render(items),
        atom.FILE: atom.render(initiatives, config),
        dcat.FILE: dcat.render(initiatives, config),
    }


def size(content: str | bytes) -> int:
    return len(content.encode("utf-8") if isinstance(content, str) else content)


def write(docs_dir: Path, initiatives: list[Initiative], config: SiteConfig) -> Iterator[tuple[str, str | bytes]]:
    files = data_files(initiatives, config)
    yield from files.items()
    yield styles.FILE, styles.css()
    yield sitepages.open_data_page(config, {path: size(content) for path, content in files.items()})
    yield sitepages.charts_page(initiatives)
    yield sitepages.map_page(initiatives)
