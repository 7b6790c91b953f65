"""Every fact has a source: the `bronnen` field checked, shown on the page, exported, and filled in."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from conftest import REPO, run_kennisbank
from kennisbank.entries import fields, schema
from kennisbank.entries.validate import check_paths
from sample_entry import VALID, write


def entry(bronnen: str) -> str:
    """The shared valid entry with these `bronnen:` lines before its `bijgewerkt` line."""
    return VALID.replace("\nbijgewerkt:", f"\n{bronnen}bijgewerkt:", 1)


def check_sources(tmp_path: Path, bronnen: str, strict: bool = False) -> list[str]:
    """The messages of the check for an entry with these `bronnen:` lines, as 'line: field: text'."""
    write(tmp_path, "noord-holland/moestuin.md", entry(bronnen))
    result = check_paths([tmp_path / "initiatives"], strict=strict)
    return [f"{m.line}: {m.field}: {'waarschuwing: ' if m.level == 'waarschuwing' else ''}{m.text}" for m in result.messages]


# ---------- the field's validation ----------

@pytest.mark.parametrize("url", [
    "https://www.voorbeeld.nl/artikel", "http://voorbeeld.nl", "https://nl.wikipedia.org/wiki/Repair_Caf%C3%A9?oldid=1",
    "https://voorbeeld.nl/a(b)#c", "https://sub.voorbeeld.co.uk/pad/?q=1&r=2",
])
def test_good_addresses_pass(tmp_path: Path, url: str) -> None:
    assert check_sources(tmp_path, f"bronnen:\n  - url: {url}\n    titel: Een artikel\n    geraadpleegd: 2024-12-31\n") == []


@pytest.mark.parametrize("url", [
    "voorbeeld/artikel", "javascript:alert(1)", "ftp://voorbeeld.nl/a", "https://localhost/a",
    "https://voorbeeld.nl/met spatie", "mailto:info@voorbeeld.nl", "https://",
])
def test_bad_addresses_are_refused_like_the_website(tmp_path: Path, url: str) -> None:
    messages = check_sources(tmp_path, f"bronnen:\n  - url: {json.dumps(url)}\n")
    expected = schema.say(schema.messages()["velden"]["bronnen.url"]["pattern"], waarde=schema.quote(url))
    assert messages == [f"10: bronnen: bron 1, url: {expected}"]
    # The same address is refused as a website too: one rule for both.
    assert schema.properties()["bronnen"]["items"]["properties"]["url"]["pattern"] == schema.properties()["website"]["pattern"]


def test_dates_must_exist_follow_the_pattern_and_not_lie_ahead(tmp_path: Path) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    today = dt.date.today().isoformat()
    messages = check_sources(tmp_path, (
        "bronnen:\n"
        f"  - url: https://a.nl\n    geraadpleegd: {today}\n"
        f"  - url: https://b.nl\n    geraadpleegd: {tomorrow}\n"
        "  - url: https://c.nl\n    geraadpleegd: 2023-02-29\n"
        "  - url: https://d.nl\n    geraadpleegd: 1-12-2026\n"
        "  - url: https://e.nl\n    geraadpleegd: 2024-02-29\n"
    ))
    assert messages == [
        f"13: bronnen: bron 2, geraadpleegd: datum '{tomorrow}' ligt in de toekomst; gebruik de datum waarop u de pagina raadpleegde",
        "15: bronnen: bron 3, geraadpleegd: '2023-02-29' is geen bestaande datum",
        "17: bronnen: bron 4, geraadpleegd: moet een datum zijn in de vorm JJJJ-MM-DD, niet '1-12-2026'",
    ]


def test_shape_errors_name_the_source_and_its_line(tmp_path: Path) -> None:
    messages = check_sources(tmp_path, (
        "bronnen:\n"
        "  - https://los.nl\n"
        "  - titel: Zonder adres\n"
        "  - url: https://a.nl\n    bron: Tikfout\n"
        "  - url: https://a.nl\n    titel: x\n"
        "  - url: https://a.nl\n    bron: Tikfout\n"
    ))
    assert messages == [
        "9: bronnen: 'https://a.nl' staat twee keer in de lijst",
        "10: bronnen: bron 1: schrijf de bron als 'url: https://...' (eventueel met titel en geraadpleegd op de regels eronder), "
        "niet 'https://los.nl'",
        "11: bronnen: bron 2, url: verplicht veld ontbreekt",
        "13: bronnen: bron 3: onbekend veld 'bron'. Toegestaan zijn: url, titel, geraadpleegd",
        "15: bronnen: bron 4, titel: moet 2 tot 200 tekens lang zijn; nu 1",
        "17: bronnen: bron 5: onbekend veld 'bron'. Toegestaan zijn: url, titel, geraadpleegd",
    ]
    assert check_sources(tmp_path, "bronnen: https://los.nl\n") == [
        "9: bronnen: moet een lijst van bronnen zijn, elke bron op een eigen regel als '  - url: https://...', niet 'https://los.nl'"]


def test_a_source_title_is_checked_for_personal_data(tmp_path: Path) -> None:
    messages = check_sources(tmp_path, "bronnen:\n  - url: https://a.nl\n    titel: Bel Jan op 06-12345678\n")
    assert messages == ["11: bronnen: waarschuwing: mobiel nummer '06-12345678' is meestal van een privépersoon; "
                        "vermeld een algemeen adres of telefoonnummer van de organisatie"]


def test_no_source_warns_only_when_asked(tmp_path: Path) -> None:
    assert check_sources(tmp_path, "") == []
    warning = schema.messages()["velden"]["bronnen"]["geen"]
    assert check_sources(tmp_path, "", strict=True) == [f"1: bronnen: waarschuwing: {warning}"]
    assert check_sources(tmp_path, "bronnen:\n  - url: https://a.nl\n", strict=True) == []
    check_sources(tmp_path, "")
    assert run_kennisbank(tmp_path, "check").returncode == 0  # never blocking
    strict = run_kennisbank(tmp_path, "check", "--strict")
    assert strict.returncode == 1 and "bronnen: waarschuwing: er staat geen bron bij" in strict.stdout


def test_start_year_can_be_a_latest_year(tmp_path: Path) -> None:
    assert check_sources(tmp_path, "startjaar_uiterlijk: ja\n") == []
    assert check_sources(tmp_path, "startjaar_uiterlijk: nee\n") == ["9: startjaar_uiterlijk: onbekende waarde 'nee'. Kies uit: ja"]


# ---------- the shipped initiatives ----------

def test_every_shipped_initiative_names_at_least_one_valid_source() -> None:
    result = check_paths([REPO / "initiatives"], strict=True)
    assert [f"{m.path}:{m.line}: {m.text}" for m in result.messages] == []
    assert len(result.initiatives) == result.files >= 20
    for initiative in result.initiatives:
        sources = initiative.value("bronnen")
        assert sources, initiative.slug
        for source in sources:
            assert re.match(r"^https?://", source["url"]) and source.get("titel"), (initiative.slug, source)


def test_shipped_corrections_follow_the_sources() -> None:
    result = check_paths([REPO / "initiatives"])
    by_slug = {i.slug: i for i in result.initiatives}
    assert by_slug["dorpsmolen-reduzum"].startjaar == 1995
    assert "vierhonderd gelote inwoners" in by_slug["g1000-amersfoort-2014"].body
    for slug in ("wijkdeals-den-haag", "menukaart-vlissingen"):
        entry = by_slug[slug]
        # No source gives the year; an article from about 2013 names both as running.
        assert (entry.startjaar, entry.value("startjaar_uiterlijk")) == (2013, "ja"), slug
        # What no source states is said in the text, not under a public heading of its own.
        assert "## Nog zonder bron" not in entry.body and "nog geen openbare bron gevonden" in entry.body, slug


# ---------- the page ----------

def test_sources_are_a_section_after_the_text_not_a_panel_row(fixture_site: Path) -> None:
    html = (fixture_site / "initiatieven" / "buurtmoestuin-delfshaven.html").read_text(encoding="utf-8")
    panel = html[html.index('class="kb-meta"'):html.index("</dl>")]
    assert "Bronnen" not in panel and "moestuin-geopend" not in panel
    body, sources, related = html.index(">Resultaten</h2>"), html.index(">Bronnen</h2>"), html.index(">Vergelijkbare initiatieven</h2>")
    assert body < sources < related
    section = html[sources:html.index("<h2", sources)]
    links = re.findall(r"<a [^>]*>", section)
    # The two sources, then the quiet note for contributors on how to add one.
    assert len(links) == 3 and links[-1] == '<a href="../meedoen.html#een-bron-toevoegen">', links
    assert "Mist u een bron voor een feit op deze pagina?" in section
    assert '<a href="https://voorbeeld.nl/nieuws/moestuin-geopend" rel="nofollow noopener">Moestuin in Delfshaven geopend</a>' in section
    assert "voorbeeld.nl, geraadpleegd op 30 mei 2025" in section
    assert 'href="https://www.voorbeeld-krant.nl/rotterdam/%28oogst%29" rel="nofollow noopener">www.voorbeeld-krant.nl/rotterdam/(oogst)</a>' in section
    assert 'href="#bronnen"' in html  # in the table of contents
    other = (fixture_site / "initiatieven" / "zorgcooperatie-zeeland.html").read_text(encoding="utf-8")
    assert ">Bronnen</h2>" not in other


def test_a_hostile_source_title_stays_text(fixture_site: Path) -> None:
    html = (fixture_site / "initiatieven" / "kwaadaardig-initiatief.html").read_text(encoding="utf-8")
    start = html.index(">Bronnen</h2>")
    section = html[start:html.index("<h2", start)]
    assert "&lt;img src=x onerror=alert('bron')&gt; [y](javascript:alert(7)) { onclick=alert(8) }</a>" in section.replace("&#39;", "'")
    assert "<img" not in section and "onclick=" not in section.replace("{ onclick=alert(8) }", "")
    assert 'href="javascript' not in section


def test_latest_start_year_reads_as_such(fixture_site: Path, tmp_path: Path) -> None:
    from kennisbank.entries.model import Initiative
    from kennisbank.pages.panel import looptijd

    def run(status: str, end: int | None) -> str:
        values = {"startjaar_uiterlijk": "ja"}
        initiative = Initiative("x", "x.md", "X", "Y", (), True, (), status, 2013, end, "Z", None, (), None, None, (),
                                dt.date(2025, 1, 1), "", 1, values)
        return looptijd(initiative)
    assert run("lopend", None) == "sinds 2013 of eerder"
    assert run("idee", None) == "idee sinds 2013 of eerder"
    assert run("afgerond", 2020) == "van 2013 of eerder tot 2020"


# ---------- the exports ----------

def test_json_and_csv_carry_the_sources_geojson_leaves_them_out(fixture_site: Path) -> None:
    data = json.loads((fixture_site / "initiatieven.json").read_text(encoding="utf-8"))
    record = next(i for i in data["initiatieven"] if i["slug"] == "buurtmoestuin-delfshaven")
    assert record["bronnen"] == [
        {"url": "https://voorbeeld.nl/nieuws/moestuin-geopend", "titel": "Moestuin in Delfshaven geopend", "geraadpleegd": "2025-05-30"},
        {"url": "https://www.voorbeeld-krant.nl/rotterdam/(oogst)"},
    ]
    keys = list(record)
    assert keys.index("trefwoorden") < keys.index("bronnen") < keys.index("bijgewerkt")
    assert next(i for i in data["initiatieven"] if i["slug"] == "zorgcooperatie-zeeland")["bronnen"] == []
    export_schema = json.loads((fixture_site / "initiatieven.schema.json").read_text(encoding="utf-8"))
    assert export_schema["$defs"]["initiatief"]["properties"]["bronnen"]["items"]["required"] == ["url"]

    rows = list(csv.DictReader(io.StringIO((fixture_site / "initiatieven.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    row = next(r for r in rows if r["slug"] == "buurtmoestuin-delfshaven")
    assert row["bronnen"] == "https://voorbeeld.nl/nieuws/moestuin-geopend | https://www.voorbeeld-krant.nl/rotterdam/(oogst)"

    geo = json.loads((fixture_site / "initiatieven.geojson").read_text(encoding="utf-8"))
    assert all("bronnen" not in f["properties"] for f in geo["features"])


def test_field_is_declared_once_and_hidden_from_panel_and_cards() -> None:
    field = fields.by_name()["bronnen"]
    assert field.show == {"export"} and field.is_list and field.item_properties == ["url", "titel", "geraadpleegd"]
