"""datapackage.json as its users check it: `frictionless validate` (frictionless-py, the reference
implementation) reads every CSV and JSON table of a real build with the dialects and Table Schemas
the package states, and a file that breaks them is reported."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import frictionless
import pytest
from conftest import REPO

from kennisbank.exports import catalogue, csvexport, datapackage


def problems(package: Path) -> list[list[object]]:
    report = frictionless.validate(str(package))
    return [[task.name, *row] for task in report.tasks for row in task.flatten(["rowNumber", "fieldName", "type"])]


def package_of(site: Path) -> dict:
    return json.loads((site / datapackage.FILE).read_text(encoding="utf-8"))


@pytest.mark.parametrize("which", ["shipped_site", "fixture_site"])
def test_frictionless_finds_every_table_valid(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)  # the fixture site holds hostile text and formula-like cells
    report = frictionless.validate(str(site / datapackage.FILE))
    assert report.valid, report.flatten(["name", "rowNumber", "fieldName", "type", "note"])
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert list(rows) == [resource["name"] for resource in package_of(site)["resources"]]
    assert rows["initiatieven-csv"] == rows["initiatieven-json"] == json.loads((site / "initiatieven.json").read_bytes())["aantal"] > 0


def test_every_published_table_is_described(shipped_site: Path) -> None:
    """Each CSV or JSON data file of the open-data list (the DCAT distributions) has a resource."""
    described = {resource["path"] for resource in package_of(shipped_site)["resources"]}
    tables = {item.file for item in catalogue.FILES
              if item.dataset and item.media_type in ("text/csv", "application/json") and (shipped_site / item.file).exists()}
    assert tables and tables <= described
    assert datapackage.FILE in {item.file for item in catalogue.FILES}


def test_the_csv_conventions_are_data(shipped_site: Path) -> None:
    resource = next(r for r in package_of(shipped_site)["resources"] if r["path"] == csvexport.FILE)
    assert resource["dialect"]["delimiter"] == ";" and resource["dialect"]["header"] is True
    fields = {field["name"]: field for field in resource["schema"]["fields"]}
    assert [field["name"] for field in resource["schema"]["fields"]] == [header for header, _ in csvexport.columns()]
    assert (fields["landelijk"]["type"], fields["landelijk"]["trueValues"], fields["landelijk"]["falseValues"]) == ("boolean", ["ja"], ["nee"])
    assert fields["startjaar"]["type"] == "integer" and fields["bijgewerkt"]["type"] == "date"
    assert fields["status"]["constraints"]["enum"] == ["idee", "lopend", "afgerond", "gestopt"]
    assert "' | '" in fields["themas"]["description"]
    content = (shipped_site / csvexport.FILE).read_bytes()
    assert resource["bytes"] == len(content)


def copied_site(site: Path, target: Path) -> Path:
    shutil.copytree(site, target, ignore=shutil.ignore_patterns("*.html", "*.js", "*.css", "*.svg", "*.ics", "*.xml", "assets"))
    return target


def test_a_broken_csv_cell_is_reported(shipped_site: Path, tmp_path: Path) -> None:
    site = copied_site(shipped_site, tmp_path / "site")
    package = package_of(site)
    resource = next(r for r in package["resources"] if r["path"] == csvexport.FILE)
    text = (site / csvexport.FILE).read_bytes().decode("utf-8-sig")
    header, first, *rest = text.split("\r\n")
    cells = first.split(";")
    cells[header.split(";").index("bijgewerkt")] = "7 december"
    content = (csvexport.BOM + "\r\n".join([header, ";".join(cells), *rest])).encode("utf-8")
    (site / csvexport.FILE).write_bytes(content)
    resource |= datapackage.integrity(content)  # the same size and hash: only the cell is wrong
    (site / datapackage.FILE).write_text(json.dumps(package), encoding="utf-8")
    assert problems(site / datapackage.FILE) == [["initiatieven-csv", 2, "bijgewerkt", "type-error"]]


def test_a_changed_csv_file_is_reported_by_its_hash(shipped_site: Path, tmp_path: Path) -> None:
    site = copied_site(shipped_site, tmp_path / "site")
    content = (site / csvexport.FILE).read_bytes().replace(b";lopend;", b";Lopend;", 1)
    (site / csvexport.FILE).write_bytes(content)
    found = {row[3] for row in problems(site / datapackage.FILE)}
    assert {"hash-count", "constraint-error"} <= found


def test_a_json_record_outside_its_schema_is_reported(shipped_site: Path, tmp_path: Path) -> None:
    site = copied_site(shipped_site, tmp_path / "site")
    data = json.loads((site / "organisaties.json").read_text(encoding="utf-8"))
    data["organisaties"][0]["soort"] = "bedrijf"
    (site / "organisaties.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert problems(site / datapackage.FILE) == [["organisaties-json", 2, "soort", "constraint-error"]]


def test_the_command_line_validator_agrees(shipped_site: Path) -> None:
    """`frictionless validate datapackage.json`, as a data user runs it from the site's folder."""
    tool = REPO / ".venv" / "bin" / "frictionless"
    command = [str(tool)] if tool.exists() else [shutil.which("frictionless") or "frictionless"]
    result = subprocess.run([*command, "validate", "--json", datapackage.FILE], cwd=shipped_site, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert json.loads(result.stdout)["valid"] is True
