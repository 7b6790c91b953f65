"""ESLint (recommended rules) finds nothing in the site's own JavaScript (scripts/kennisbank/assets, docs/assets)."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, missing_tool

TOOLS = REPO / ".tools" / "node_modules"
ESLINT = TOOLS / "eslint" / "bin" / "eslint.js"
SCRIPTS = sorted([*(REPO / "scripts" / "kennisbank" / "assets").glob("*.js"), *(REPO / "docs" / "assets").glob("*.js")])


def eslint(*args: str, stdin: str | None = None) -> list[dict]:
    """ESLint's JSON report (one entry per file) for the given arguments, run from the repository root."""
    if not ESLINT.exists():
        missing_tool("ESLint (npm package in .tools/)")
    env = {**os.environ, "NODE_PATH": str(TOOLS)}
    result = subprocess.run(["node", str(ESLINT), "--format", "json", *args], cwd=REPO, env=env, input=stdin,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), f"ESLint failed to run:\n{result.stderr}"
    return json.loads(result.stdout)


def findings(report: list[dict]) -> list[str]:
    return [f"{Path(entry['filePath']).name}:{m.get('line')}: {m.get('ruleId')}: {m['message']}" for entry in report for m in entry["messages"]]


def test_eslint_finds_nothing_in_the_package_scripts() -> None:
    assert {path.name for path in SCRIPTS} >= {"zoeken.js", "aanmelden.js", "lessen.js", "lijsten.js", "delen.js"}
    report = eslint("--max-warnings", "0", *(str(path.relative_to(REPO)) for path in SCRIPTS))
    assert len(report) == len(SCRIPTS), "every script is linted"
    assert not findings(report), "\n".join(findings(report))


@pytest.mark.parametrize(("source", "rule"), [
    ("(function () { undefinedHelper(); })();\n", "no-undef"),
    ("(function () { var unused = 1; })();\n", "no-unused-vars"),
])
def test_eslint_applies_the_recommended_rules_to_the_assets(source: str, rule: str) -> None:
    report = eslint("--stdin", "--stdin-filename", "scripts/kennisbank/assets/proef.js", stdin=source)
    assert rule in {m.get("ruleId") for entry in report for m in entry["messages"]}, findings(report)
