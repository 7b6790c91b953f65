"""Commands that delete or write refuse targets they did not make: build --site-dir, nieuw --slug."""
from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, project_copy, run_kennisbank
from kennisbank.site import sitedir


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under folder with a digest of its content (or its link target)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[key] = "dir"
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = project_copy(tmp_path / "project", FIXTURES / "site" / "initiatives")
    for name in ("scripts", "tests", ".git"):
        (root / name).mkdir()
        (root / name / "bewaar.txt").write_text("niet weggooien\n", encoding="utf-8")
    (root / "notities").mkdir()
    (root / "notities" / "lijst.md").write_text("mijn aantekeningen\n", encoding="utf-8")
    (root / "naar-initiatives").symlink_to(root / "initiatives")
    return root


REFUSED = [
    "initiatives", "initiatives/zeeland", "docs", "docs/assets", "overrides", "scripts", "tests", ".git",
    ".", "..", "notities", "naar-initiatives", "mkdocs.yml", "initiatives/nieuw",
]


@pytest.mark.parametrize("site_dir", REFUSED)
def test_build_refuses_source_folders_and_foreign_folders(project: Path, site_dir: str) -> None:
    before = snapshot(project)
    result = run_kennisbank(project, "build", "--site-dir", site_dir)
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"kennisbank build: {site_dir} ") and "kies" in line, line
    assert "Traceback" not in result.stderr and "Cleaning" not in result.stderr
    assert snapshot(project) == before


def test_refusal_allows_new_empty_and_earlier_build_folders(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "initiatives").mkdir(parents=True)
    assert sitedir.refusal(root / "site", root) is None
    assert sitedir.refusal(tmp_path / "elders" / "site", root) is None
    (root / "leeg").mkdir()
    assert sitedir.refusal(root / "leeg", root) is None
    old = root / "oud"
    old.mkdir()
    (old / "index.html").write_text("<html></html>", encoding="utf-8")
    assert sitedir.refusal(old, root) is not None  # a page alone does not make a site
    (old / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    assert sitedir.refusal(old, root) is None
    marked = root / "gemerkt"
    sitedir.mark(marked)
    (marked / "iets.txt").write_text("x", encoding="utf-8")
    assert sitedir.refusal(marked, root) is None
    (root / "bestand").write_text("x", encoding="utf-8")
    assert "geen map" in (sitedir.refusal(root / "bestand", root) or "")


def test_built_site_carries_the_marker_but_not_in_the_zip(fixture_site: Path) -> None:
    assert (fixture_site / sitedir.MARKER).is_file()
    assert sitedir.refusal(fixture_site, fixture_site.parent) is None
    with zipfile.ZipFile(fixture_site / "kennisbank-offline.zip") as archive:
        assert not any(name.endswith(sitedir.MARKER) for name in archive.namelist())


NIEUW = ["nieuw", "--titel", "Buurtbus", "--gemeente", "Vlissingen"]


@pytest.mark.parametrize("slug", ["../../docs/x", "../x", "/tmp/x", "a/b", "Hoofdletters", "spatie er in", "x.md", "-x", ""])
def test_nieuw_refuses_slugs_outside_the_file_name_rule(project: Path, slug: str) -> None:
    before = snapshot(project)
    result = run_kennisbank(project, *NIEUW, f"--slug={slug}")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    if slug:
        assert f"--slug '{slug}' is ongeldig" in result.stderr
    assert snapshot(project) == before
    assert not (project.parent / "x.md").exists() and not Path("/tmp/x.md").exists()


def test_nieuw_never_writes_through_a_symbolic_link(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "buiten.md"
    target = project / "initiatives" / "zeeland" / "buurtbus.md"
    target.symlink_to(outside)  # dangling: the file it names does not exist
    result = run_kennisbank(project, *NIEUW)
    assert result.returncode == 2 and "bestaat al" in result.stderr
    assert not outside.exists() and target.is_symlink()


def test_nieuw_refuses_a_linked_province_folder(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (project / "initiatives" / "noord-holland").symlink_to(elsewhere)
    result = run_kennisbank(project, "nieuw", "--titel", "Buurtbus", "--gemeente", "Haarlem")
    assert result.returncode == 2 and "symbolische koppeling" in result.stderr
    assert list(elsewhere.iterdir()) == []
