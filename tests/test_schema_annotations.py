"""The schemas' x- annotations are checked against schema/annotaties.schema.json (entries/schema_annotations.py)."""
from __future__ import annotations

import copy
import re

from conftest import REPO
from kennisbank.entries import meetings, schema, schema_annotations


def test_the_shipped_schemas_use_only_known_annotations() -> None:
    assert schema_annotations.schema_problems() == []


def test_a_typo_in_a_key_or_a_value_is_named_with_the_choices() -> None:
    broken = copy.deepcopy(schema.schema())
    broken["properties"]["status"]["x-render"] = "badgee"
    broken["properties"]["website"]["x-rendr"] = "link"
    broken["properties"]["bronnen"]["items"]["properties"]["url"]["x-show"] = ["panl"]
    broken["properties"]["gemeente"]["oneOf"][1]["x-kind"] = "gemeenten"
    broken["x-teken"] = {}
    assert schema_annotations.problems(broken, "initiatief.schema.json") == [
        "initiatief.schema.json: het schema: onbekende annotatie 'x-teken'; bedoelde u 'x-tekens'? Toegestaan zijn: x-tekens, x-soort",
        "initiatief.schema.json: eigenschap website: onbekende annotatie 'x-rendr'; bedoelde u 'x-render' of 'x-kind'? Toegestaan zijn: "
        "x-show, x-kind, x-render, x-labels, x-panel-label, x-csv, x-section, x-bij, x-widget, x-maximum, x-jsonld",
        "initiatief.schema.json: eigenschap gemeente: x-kind: onbekende waarde 'gemeenten'; bedoelde u 'gemeente'? Kies uit: gemeente, thema, werkgebied, aanpak, organisatie",
        "initiatief.schema.json: eigenschap status: x-render: onbekende waarde 'badgee'; bedoelde u 'badge'? Kies uit: badge, looptijd, link, contact, datum, bron",
        "initiatief.schema.json: eigenschap bronnen > url: x-show: onbekende waarde 'panl'; bedoelde u 'panel'? Kies uit: panel, card, export",
    ]
    assert schema_annotations.problems(copy.deepcopy(meetings.meeting_schema()), "bijeenkomst.schema.json") == []


def test_every_annotation_the_code_reads_is_in_the_meta_schema() -> None:
    """A key the code looks up but the meta-schema refuses (or the reverse) would make one of them wrong."""
    read = set()
    for path in (REPO / "scripts" / "kennisbank").rglob("*.py"):
        read.update(re.findall(r"""["'](x-[a-z-]+)["']""", path.read_text(encoding="utf-8")))
    read -= {"x-wr-calname", "x-wr-timezone"}  # iCalendar properties, not annotations
    meta = schema_annotations.meta_schema()
    allowed = set(meta["$defs"]["property"]["propertyNames"]["anyOf"][1]["enum"]) | set(meta["propertyNames"]["anyOf"][1]["enum"])
    assert read <= allowed, read - allowed
