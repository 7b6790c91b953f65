"""initiatieven.json: every initiative as a normalised record, wrapped with licence and date."""
from __future__ import annotations

import json
from typing import Any

from kennisbank.exports import exportschema, records
from kennisbank.site_config import SiteConfig

FILE = "initiatieven.json"


def document(items: list[dict[str, Any]], config: SiteConfig) -> dict[str, Any]:
    """The whole file; its date is the newest 'bijgewerkt', never the build time, so rebuilds are stable."""
    return {
        "$schema": config.site_url + exportschema.SCHEMA_FILE,
        "titel": f"{config.site_name}: alle initiatieven",
        "licentie": records.LICENSE_NAME,
        "licentie_url": records.LICENSE_URL,
        "bron": config.site_url,
        "bijgewerkt": max((item["bijgewerkt"] for item in items), default=None),
        "aantal": len(items),
        "initiatieven": items,
    }


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def one_per_line(value: dict[str, Any], key: str) -> str:
    """The object with the list under `key` written one entry per line.

    Readable, and a change to one initiative changes one line; it also keeps to json's fast
    C encoder, which indenting everything would not.
    """
    head = [f"  {json.dumps(name)}: {json.dumps(item, ensure_ascii=False)}" for name, item in value.items() if name != key]
    entries = ",\n".join("    " + json.dumps(entry, ensure_ascii=False) for entry in value[key])
    body = f"  {json.dumps(key)}: [\n{entries}\n  ]" if entries else f"  {json.dumps(key)}: []"
    return "{\n" + ",\n".join([*head, body]) + "\n}\n"


def render(items: list[dict[str, Any]], config: SiteConfig) -> str:
    return one_per_line(document(items, config), "initiatieven")


def render_schema(config: SiteConfig) -> str:
    return dumps(exportschema.export_schema(config))
