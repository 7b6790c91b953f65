"""The builder: ProperDocs renders the site, with Material's `mkdocs` imports pointed at it."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, REPO, project_copy, run_kennisbank


def test_every_mkdocs_import_is_properdocs() -> None:
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import kennisbank; import mkdocs.commands.build as b, material; "
            "print(b.__name__, __import__('mkdocs').__name__)")
    found = subprocess.run([sys.executable, "-c", code, str(REPO / "scripts")], capture_output=True, text=True, timeout=120)
    assert found.stdout.split() == ["properdocs.commands.build", "properdocs"], found.stderr


def test_a_broken_internal_link_fails_the_strict_build_under_the_installed_engine(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project", FIXTURES / "site" / "initiatives")
    (project / "docs" / "over.md").write_text("# Over\n\nZie [de pagina die er niet is](bestaat-niet.md).\n", encoding="utf-8")
    result = run_kennisbank(project, "build")
    assert result.returncode == 1
    assert "bestaat-niet.md" in result.stdout + result.stderr
    assert "kennisbank build: ProperDocs gaf 1 waarschuwing(en); de build telt als mislukt" in result.stderr
    assert not (project / "site").exists()  # a failed build swaps nothing in


def test_the_built_site_names_its_engine_and_the_notice_says_what_is_true(fixture_site: Path, tmp_path: Path) -> None:
    assert 'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1"' in (fixture_site / "index.html").read_text(encoding="utf-8")
    project = project_copy(tmp_path / "p", FIXTURES / "site" / "initiatives")
    env_run = subprocess.run([sys.executable, "-m", "kennisbank.cli", "build"], cwd=project, capture_output=True, text=True, timeout=900,
                             env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO / "scripts")})
    assert env_run.returncode == 0, env_run.stderr
    assert "gebouwd met ProperDocs 1.6.7, de onderhouden voortzetting van MkDocs 1.x" in env_run.stderr
    assert "Material for MkDocs, dat in onderhoudsmodus is (einde ondersteuning mei 2027)" in env_run.stderr


# Constructs that Jinja2 reads and MiniJinja (the engine of a later builder, Zensical) does not, found
# by building the site with Zensical 0.0.73 (issue 29): Python string and list methods, forceescape,
# a count to replace and MkDocs' page.file. (toc.html also imports its language macros itself, because
# MiniJinja's macros do not see the imports of the template that calls them.)
NOT_IN_MINIJINJA = {
    r"\.(rstrip|lstrip|strip|append|startswith|endswith|split|items)\(": "a Python method",
    r"\bforceescape\b": "forceescape",
    r"replace\([^)]*,[^)]*,\s*\d+\s*\)": "replace with a count",
    r"\bpage\.file\b": "page.file",
}


def test_the_theme_overrides_use_only_what_a_later_builder_reads() -> None:
    found = []
    for template in sorted((REPO / "overrides").rglob("*.*")):
        text = template.read_text(encoding="utf-8")
        code = re.sub(r"\{#.*?#\}", "", text, flags=re.S)  # comments may name what they avoid
        for pattern, what in NOT_IN_MINIJINJA.items():
            found += [f"{template.relative_to(REPO)}: {what}: {m.group(0)}" for m in re.finditer(pattern, code)]
    assert found == []
