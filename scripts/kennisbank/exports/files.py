"""The open-data files, as (path, content): one of the writers of site.docs_folder.

Paths are relative to the build folder. MkDocs copies them to the site as they are
(initiatieven.json becomes site/initiatieven.json). The pages about them live in pages.data_pages.
"""
from __future__ import annotations

from collections.abc import Iterator

from kennisbank.entries import schema
from kennisbank.entries.collection import Collection
from kennisbank.entries.model import Initiative
from kennisbank.exports import (
    atom,
    csvexport,
    exportschema,
    geojson,
    jsonexport,
    records,
)
from kennisbank.site_config import SiteConfig


def data_files(initiatives: list[Initiative], config: SiteConfig) -> dict[str, str | bytes]:
    items = records.records(initiatives, config)
    return {
        jsonexport.FILE: jsonexport.render(items, config),
        exportschema.SCHEMA_FILE: jsonexport.render_schema(config),
        exportschema.INPUT_SCHEMA_FILE: schema.SCHEMA_PATH.read_bytes(),
        csvexport.FILE: csvexport.render(items),
        geojson.FILE: geojson.render(items),
        atom.FILE: atom.render(initiatives, config),
    }


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:
    yield from data_files(list(collection.initiatives), collection.config).items()
