"""What the form's JavaScript needs, as one data script: schema, messages, themes, municipalities.

The browser validates with the same schema and the same Dutch messages as `kennisbank check`;
they are copied here at build time, never written a second time in JavaScript.
"""
from __future__ import annotations

import json
from typing import Any

from kennisbank.entries import personal_data, places, schema
from kennisbank.entries.themes import themas
from kennisbank.entries.validate import LANDELIJK
from kennisbank.site.config import SiteConfig
from kennisbank.submission.entry_file import ROOT
from kennisbank.submission.skeleton import SECTIONS

GLOBAL_NAME = "KB_AANMELDEN"
# A value no municipality name resembles, so places.lookup_gemeente gives its plain "unknown"
# message (without a suggestion); the browser puts the entered name where the placeholder is.
PLACEHOLDER = "{waarde}"


def unknown_gemeente_template() -> str:
    """The check's message for an unknown municipality, with '{waarde}' for the name."""
    error = places.lookup_gemeente(PLACEHOLDER).error or ""
    if PLACEHOLDER not in error:
        raise ValueError(f"unexpected message for an unknown municipality: {error!r}")
    return error


def gemeente_rows() -> list[dict[str, Any]]:
    """Current municipalities with every spelling the check accepts (aliases via the records)."""
    aliases = places.aliassen()
    return [
        {
            "naam": gemeente.naam_gangbaar,
            "officieel": gemeente.naam,
            "code": gemeente.code,
            "slug": gemeente.slug,
            "provincie": gemeente.provincie.slug,
            "provincieNaam": gemeente.provincie.naam,
            "aliassen": list(aliases.get(gemeente.code, ())),
        }
        for gemeente in places.gemeenten()
    ]


def new_file_base(config: SiteConfig) -> str:
    """The hosting site's create-file page on the default branch; filename and value follow."""
    return f"{config.repo_url}/new/{config.branch}"


def form_data(config: SiteConfig) -> dict[str, Any]:
    return {
        "schema": schema.schema(),
        "meldingen": schema.messages(),
        "themas": [{"slug": t.slug, "label": t.label} for t in themas()],
        "gemeenten": gemeente_rows(),
        "gemeenteOnbekend": unknown_gemeente_template(),
        "landelijk": LANDELIJK,
        "secties": list(SECTIONS),
        "map": ROOT,
        "nieuwBestand": new_file_base(config),
        "privacy": personal_data.browser_rules(),
    }


def script_json(value: object) -> str:
    """JSON that is also safe inside HTML and as JavaScript source (no '</script>', no U+2028)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def data_script(config: SiteConfig) -> str:
    return f'"use strict";\nwindow.{GLOBAL_NAME} = {script_json(form_data(config))};\n'
