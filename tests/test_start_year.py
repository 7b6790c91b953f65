"""A start year that no source gives is left out, and every place that shows years says so honestly.

Three entries: a known year, a year that is only an upper bound (startjaar_uiterlijk), and none.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jsonschema
import pytest

from conftest import FIXTURES, build_site, project_copy, run_kennisbank
from kennisbank.entries.validate import check_paths

ENTRIES = FIXTURES / "startjaar" / "initiatives"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(project_copy(tmp_path_factory.mktemp("startjaar") / "project", ENTRIES))


def panel_value(html: str, label: str) -> str:
    found = re.search(rf"<dt>{label}</dt>\s*<dd>\s*(?:<p>)?(.*?)(?:</p>)?\s*</dd>", html, re.S)
    assert found, label
    return found.group(1).strip()


def entry_html(site: Path, slug: str) -> str:
    return (site / "initiatieven" / f"{slug}.html").read_text(encoding="utf-8")


def test_an_unknown_year_is_left_out_and_passes_the_check() -> None:
    result = check_paths([ENTRIES])
    assert not result.errors
    by_slug = {i.slug: i for i in result.initiatives}
    assert by_slug["onbekend-jaar"].startjaar is None and by_slug["bekend-jaar"].startjaar == 2015


def test_a_written_unknown_gets_told_what_to_write(tmp_path: Path) -> None:
    folder = project_copy(tmp_path / "project", ENTRIES)
    target = folder / "initiatives" / "utrecht" / "onbekend-jaar.md"
    target.write_text(target.read_text(encoding="utf-8").replace("status: gestopt", "status: gestopt\nstartjaar: onbekend"), encoding="utf-8")
    result = run_kennisbank(folder, "check")
    assert result.returncode == 1
    assert ("initiatives/utrecht/onbekend-jaar.md:7: startjaar: moet een jaartal zijn, zoals 2018, niet 'onbekend'. "
            "Noemt een bron alleen dat het initiatief er in een bepaald jaar al was, schrijf dan dat jaar en "
            "'startjaar_uiterlijk: ja'. Noemt geen bron het jaar, laat startjaar dan weg: de site toont 'onbekend'") in result.stdout


def test_pages_say_unknown_or_at_the_latest(site: Path) -> None:
    assert panel_value(entry_html(site, "onbekend-jaar"), "Looptijd") == "startjaar onbekend, tot 2022"
    assert panel_value(entry_html(site, "uiterlijk-jaar"), "Looptijd") == "sinds 2013 of eerder"
    assert panel_value(entry_html(site, "bekend-jaar"), "Looptijd") == "sinds 2015"


def test_the_role_explanation_is_one_section_led_by_the_ladder_step(site: Path) -> None:
    html = entry_html(site, "onbekend-jaar")
    assert re.search(r'<h2 id="rol-van-de-overheid">Rol van de overheid</h2>\s*<p><strong>Faciliteren\.</strong> De gemeente gaf de ruimte', html)
    assert html.count("Rol van de overheid</h2>") == 1


def test_the_chart_counts_no_entry_in_a_year_no_source_gives(site: Path) -> None:
    html = (site / "cijfers.html").read_text(encoding="utf-8")
    table = html[html.index('<h2 id="initiatieven-per-startjaar">'):]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr>\s*<t[dh][^>]*>([^<]+)</t[dh]>\s*<td[^>]*>(\d+)</td>", table)
    assert rows == [("2015", "1"), ("in of vóór 2013", "1"), ("Onbekend", "1")]
    assert "Bij &#39;onbekend&#39; noemt geen bron het startjaar." in html


def test_exports_leave_the_year_empty(site: Path) -> None:
    data = json.loads((site / "initiatieven.json").read_text(encoding="utf-8"))
    by_slug = {item["slug"]: item for item in data["initiatieven"]}
    assert by_slug["onbekend-jaar"]["startjaar"] is None and by_slug["bekend-jaar"]["startjaar"] == 2015
    assert by_slug["onbekend-jaar"]["rol_toelichting"].startswith("De gemeente gaf de ruimte")
    jsonschema.validate(data, json.loads((site / "initiatieven.schema.json").read_text(encoding="utf-8")))
    with (site / "initiatieven.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["slug"]: row for row in csv.DictReader(handle, delimiter=";")}
    assert rows["onbekend-jaar"]["startjaar"] == "" and rows["uiterlijk-jaar"]["startjaar_uiterlijk"] == "ja"
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', entry_html(site, "onbekend-jaar"), re.S)
    assert ld and "foundingDate" not in json.loads(ld.group(1))


@pytest.mark.browser
def test_a_year_filter_leaves_out_an_unknown_year(page, site: Path) -> None:
    def titles(query: str) -> list[str]:
        page.goto((site / "zoeken.html").as_uri() + query)
        page.wait_for_function("() => document.getElementById('kb-zoeken')?.dataset.status === 'klaar'")
        return sorted(page.locator("#kb-zoek-resultaten h3").all_inner_texts())

    everything = ["Buurtkamer met onbekend jaar", "Buurttuin met bekend jaar", "Repaircafe met uiterlijk jaar"]
    assert titles("?q=buurt") == everything
    assert titles("?status=lopend") == everything[1:]
    assert titles("?status=gestopt") == ["Buurtkamer met onbekend jaar"]
    assert titles("?van=2000") == ["Buurttuin met bekend jaar", "Repaircafe met uiterlijk jaar"]
    assert titles("?tot=2014") == ["Repaircafe met uiterlijk jaar"]
    assert not page.watch.console_errors
