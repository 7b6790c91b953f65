"""Every field is declared once: a field added to the schema alone reaches the page and every export."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, project_copy
from kennisbank.entries import fields, schema

NEW_FIELDS = {
    "doelgroep": {
        "type": "string", "enum": ["jongeren", "ouderen", "iedereen"], "title": "Doelgroep",
        "description": "Voor wie het initiatief er is.",
        "x-labels": {"jongeren": "Jongeren", "ouderen": "Ouderen", "iedereen": "Iedereen"},
        "x-jsonld": "audience",
    },
    "vrijwilligers_tekst": {"type": "string", "minLength": 2, "maxLength": 200, "title": "Vrijwilligers",
                            "description": "Hoeveel vrijwilligers meedoen."},
}
ENTRY = """---
titel: Buurtkamer De Linde
samenvatting: Een huiskamer in de wijk waar bewoners elkaar elke dag ontmoeten.
gemeente: Zwolle
themas: [zorg-welzijn]
status: lopend
startjaar: 2021
initiatiefnemer: Bewonersgroep De Linde
doelgroep: ouderen
vrijwilligers_tekst: Ruim veertig vrijwilligers uit de buurt
bijgewerkt: 2026-06-01
---

## Aanpak

Elke dag koffie.
"""


def clear_caches() -> None:
    """Forget everything read from the schema, so the copy is read afresh (and the original after)."""
    for module in [m for name, m in sys.modules.items() if name.startswith("kennisbank")]:
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


@pytest.fixture
def extended_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    extended = json.loads(schema.SCHEMA_PATH.read_text(encoding="utf-8"))
    extended["properties"].update(NEW_FIELDS)
    path = tmp_path / "initiatief.schema.json"
    path.write_text(json.dumps(extended, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(schema, "SCHEMA_PATH", path)
    clear_caches()
    yield path
    monkeypatch.undo()
    clear_caches()


@pytest.mark.slow
def test_a_field_added_to_the_schema_reaches_page_and_exports(extended_schema: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from kennisbank.site import pipeline

    assert [f.name for f in fields.fields()][-2:] == ["doelgroep", "vrijwilligers_tekst"]
    project = project_copy(tmp_path / "p", FIXTURES / "site" / "initiatives")
    (project / "initiatives" / "overijssel").mkdir(exist_ok=True)
    (project / "initiatives" / "overijssel" / "buurtkamer-de-linde.md").write_text(ENTRY, encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    assert pipeline.build(Path("site")) == 0
    site = project / "site"

    page = (site / "initiatieven" / "buurtkamer-de-linde.html").read_text(encoding="utf-8")
    assert "<dt>Doelgroep</dt>\n<dd>Ouderen</dd>" in page
    assert "<dt>Vrijwilligers</dt>\n<dd>Ruim veertig vrijwilligers uit de buurt</dd>" in page
    assert '"audience":"ouderen"' in page  # JSON-LD in the page head follows the schema's x-jsonld too

    data = json.loads((site / "initiatieven.json").read_text(encoding="utf-8"))
    record = next(i for i in data["initiatieven"] if i["slug"] == "buurtkamer-de-linde")
    assert record["doelgroep"] == "ouderen" and record["doelgroep_label"] == "Ouderen"
    assert record["vrijwilligers_tekst"] == "Ruim veertig vrijwilligers uit de buurt"
    other = next(i for i in data["initiatieven"] if i["slug"] != "buurtkamer-de-linde")
    assert other["doelgroep"] is None and other["vrijwilligers_tekst"] is None
    export_schema = json.loads((site / "initiatieven.schema.json").read_text(encoding="utf-8"))
    assert {"doelgroep", "doelgroep_label", "vrijwilligers_tekst"} <= set(export_schema["$defs"]["initiatief"]["required"])

    rows = list(csv.DictReader(io.StringIO((site / "initiatieven.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    row = next(r for r in rows if r["slug"] == "buurtkamer-de-linde")
    assert row["doelgroep"] == "ouderen" and row["vrijwilligers_tekst"] == "Ruim veertig vrijwilligers uit de buurt"

    geo = json.loads((site / "initiatieven.geojson").read_text(encoding="utf-8"))
    feature = next(f for f in geo["features"] if f["properties"]["slug"] == "buurtkamer-de-linde")
    assert feature["properties"]["doelgroep"] == "ouderen"
    assert feature["properties"]["vrijwilligers_tekst"] == "Ruim veertig vrijwilligers uit de buurt"


def test_without_annotations_a_field_shows_in_panel_and_exports() -> None:
    field = fields.Field("x", "X", "", False, {"type": "string"})
    assert field.show == {"panel", "export"}
