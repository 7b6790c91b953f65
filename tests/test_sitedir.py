"""Commands that delete or write refuse targets they did not make: build --site-dir, nieuw --slug."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, KENNISBANK, build_site, project_copy, run_kennisbank
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


# The build writes only its own folders: build/docs, docs_dir and the site folder are taken with their links.


def test_build_refuses_a_build_docs_folder_that_links_into_the_sources(project: Path) -> None:
    (project / "build").mkdir()
    (project / "build" / "docs").symlink_to(Path("..") / "initiatives")
    before = snapshot(project)
    result = run_kennisbank(project, "build")
    assert result.returncode == 2, result.stderr
    assert "build/docs is een symbolische koppeling" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project) == before


def test_build_refuses_a_linked_build_folder(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "bewaar.txt").write_text("niet weggooien\n", encoding="utf-8")
    (project / "build").symlink_to(elsewhere)
    result = run_kennisbank(project, "build")
    assert result.returncode == 2 and "build is een symbolische koppeling" in result.stderr, result.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["bewaar.txt"]


@pytest.mark.parametrize("docs_dir", ["../elders", "docs", "initiatives", ".", "build", "/tmp/kennisbank-elders"])
def test_build_refuses_a_docs_dir_outside_the_build_folder(project: Path, tmp_path: Path, docs_dir: str) -> None:
    elsewhere = project.parent / "elders"
    elsewhere.mkdir(exist_ok=True)
    (elsewhere / "bewaar.txt").write_text("niet weggooien\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: build/docs", f"docs_dir: {docs_dir}"), encoding="utf-8")
    before = snapshot(project)
    result = run_kennisbank(project, "build")
    assert result.returncode == 2, result.stderr
    assert f"docs_dir {project / docs_dir if not docs_dir.startswith('/') else docs_dir}" in result.stderr or "ligt niet in build/" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before
    assert sorted(p.name for p in elsewhere.iterdir()) == ["bewaar.txt"]
    assert not Path("/tmp/kennisbank-elders").exists()


def test_a_linked_marker_is_no_earlier_build_and_is_never_written_through(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "buiten.txt"
    outside.write_text("van iemand anders\n", encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / sitedir.MARKER).symlink_to(outside)
    (site / "eigen.txt").write_text("x", encoding="utf-8")
    result = run_kennisbank(project, "build")
    assert result.returncode == 2 and "lijkt niet op een eerder gebouwde site" in result.stderr, result.stderr
    # With the pages of an earlier build beside it, the folder is accepted, and the link is replaced, not followed.
    (site / "index.html").write_text("<html></html>", encoding="utf-8")
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    assert run_kennisbank(project, "build").returncode == 0
    assert outside.read_text(encoding="utf-8") == "van iemand anders\n"
    assert sitedir.regular_file(site / sitedir.MARKER) and (site / "zoeken.html").is_file()


def test_build_refuses_a_site_folder_that_is_a_link(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "oude-site"
    elsewhere.mkdir()
    (project / "site").symlink_to(elsewhere)
    result = run_kennisbank(project, "build")
    assert result.returncode == 2 and "site is een symbolische koppeling" in result.stderr, result.stderr


def site_files(site: Path) -> dict[str, str]:
    return {key: digest for key, digest in snapshot(site).items() if not key.startswith(".")}


def test_an_interrupted_build_leaves_the_earlier_site_whole(project: Path) -> None:
    site = build_site(project)
    (site / ".git").mkdir()  # a publishing branch's checkout lives on in the new site
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    before = site_files(site)
    (project / "initiatives" / "zeeland" / "menukaart-vlissingen.md").unlink(missing_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.Popen([*KENNISBANK, "build"], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert build.stdout is not None
    for line in build.stdout:  # interrupt once MkDocs has begun writing the new site
        if "Building documentation" in line:
            break
    build.send_signal(signal.SIGINT)
    build.communicate(timeout=300)
    assert site_files(site) == before
    assert (site / ".git" / "HEAD").is_file()
    # The next build removes what the interrupted one left beside the site, and swaps in a whole site.
    assert build_site(project) == site
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site-")]
    assert (site / ".git" / "HEAD").is_file() and (site / "index.html").is_file()


def test_a_second_build_while_one_runs_says_so(project: Path) -> None:
    with sitedir.build_lock(project):
        before = snapshot(project)
        result = run_kennisbank(project, "build")
        assert result.returncode == 2 and "er loopt al een build" in result.stderr, result.stderr
        assert snapshot(project) == before
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    builds = [subprocess.Popen([*KENNISBANK, "build"], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [(build.wait(timeout=600), build.communicate()[1]) for build in builds]
    assert all(code == 0 or (code == 2 and "er loopt al een build" in err) for code, err in outcomes), outcomes
    assert any(code == 0 for code, _ in outcomes)
    assert "Traceback" not in "".join(err for _, err in outcomes)
    with zipfile.ZipFile(project / "site" / "kennisbank-offline.zip") as archive:
        assert "kennisbank/index.html" in archive.namelist()
