"""Personal data of private persons (AVG): consumer mail addresses, mobile numbers and BSNs are caught."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, run_kennisbank
from kennisbank.entries import personal_data
from kennisbank.entries.validate import check_paths

ENTRY = """---
titel: Buurtkamer De Linde
samenvatting: Bewoners van de wijk Assendorp houden samen een huiskamer open voor iedereen.
gemeente: Zwolle
themas: [zorg-welzijn]
status: lopend
startjaar: 2019
initiatiefnemer: Bewonersvereniging Assendorp
contact: j.de.vries1987@gmail.com
bijgewerkt: 2024-05-01
---

## Aanpak

De buurtkamer is elke dag open.
Bel Jolanda de Vries op 06-12345678.
"""


def write(project: Path, text: str) -> Path:
    path = project / "initiatives" / "overijssel" / "buurtkamer-de-linde.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path




def test_the_issues_example_warns_with_field_and_line(tmp_path: Path) -> None:
    write(tmp_path, ENTRY)
    result = run_kennisbank(tmp_path, "check")
    assert result.returncode == 0, "personal data is a warning, not an error"
    advice = "vermeld een algemeen adres of telefoonnummer van de organisatie"
    assert result.stdout.splitlines()[:2] == [
        "initiatives/overijssel/buurtkamer-de-linde.md:9: contact: waarschuwing: e-mailadres 'j.de.vries1987@gmail.com' "
        f"bij gmail.com is meestal een privéadres; {advice} (bijvoorbeeld info@organisatie.nl of een contactpagina)",
        f"initiatives/overijssel/buurtkamer-de-linde.md:16: tekst: waarschuwing: mobiel nummer '06-12345678' is meestal van een privépersoon; {advice}",
    ]
    assert run_kennisbank(tmp_path, "check", "--strict").returncode == 1


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678", "06 12345678", "0612345678", "06 1234 5678", "06-1234 5678", "06 12 34 56 78",
        "06-12-34-56-78", "06 123 456 78", "06.12.34.56.78", "(06) 12345678", "(06)-12345678", "06 - 12345678",
        "06/12345678", "+31 6 12345678", "+31612345678", "+316 12345678", "+31 6 1234 5678", "+31 6 12 34 56 78",
        "+31 (0)6 12345678", "+31(0)612345678", "+31-6-12345678", "0031 6 12345678", "0031612345678",
        "0031 (0)6 1234 5678",
    ],
)
def test_every_common_notation_of_a_mobile_number_is_found(number: str) -> None:
    (finding,) = personal_data.findings(f"Bel Jolanda op {number}, ook 's avonds.")
    assert finding.level == "waarschuwing" and f"mobiel nummer '{number}'" in finding.text


@pytest.mark.parametrize(
    "address",
    ["j.de.vries1987@gmail.com", "Piet.Jansen@Hotmail.NL", "buurtkamer@ziggo.nl", "x@kpnmail.nl", "a.b@planet.nl",
     "c@home.nl", "d@hetnet.nl", "e@xs4all.nl", "f@live.nl", "g@outlook.com", "h@icloud.com", "i@yahoo.com", "j@mail.ziggo.nl"],
)
def test_consumer_mail_addresses_are_found(address: str) -> None:
    (finding,) = personal_data.findings(f"Mail naar {address}.")
    assert finding.level == "waarschuwing" and f"e-mailadres '{address}'" in finding.text


@pytest.mark.parametrize(
    "text",
    [
        "Mail info@buurtkamerdelinde.nl of secretariaat@gemeente.zwolle.nl.",
        "Mail naar hallo@gmail-vrij.nl of info@mijnhotmail.com.",  # only the listed domains count
        "Bel het buurthuis: 038-1234567 of 0800-1234 of 088 123 4567, of +31 20 123 4567.",
        "Gestart in 2006, sinds 2016 en 2023 met 1060 bezoekers; tot 2030.",
        "Postcode 1066 AB en 8011 XX Zwolle; de wijk 6 van 12.",
        "KvK 06123456, KvK-nummer 61234567, RSIN 812345678, IBAN NL06RABO0123456789.",
        "Een subsidie van € 12.345.678 en 0,6 miljoen, 612345678 bezoekers; 06-12-2023 12:00 uur.",
        "Nummer 111222333 zonder het woord, en BSN 123456789 (geen elfproef).",
    ],
)
def test_no_false_alarm_on_organisations_years_postcodes_kvk_and_amounts(text: str) -> None:
    assert list(personal_data.findings(text)) == []


@pytest.mark.parametrize(
    "text",
    ["BSN: 111222333", "bsn 111.222.333", "Burgerservicenummer is 1112 22 333", "BSN-nummer 111222333",
     "111222333 (BSN)", "burgerservicenummer 12345672", "sofinummer: 111222333"],
)
def test_a_bsn_next_to_the_word_is_an_error(text: str) -> None:
    (finding,) = personal_data.findings(f"Haar {text}, graag.")
    assert finding.level == "fout" and "burgerservicenummer (BSN)" in finding.text


def test_eleven_test() -> None:
    assert personal_data.passes_eleven_test("111222333")
    assert personal_data.passes_eleven_test("123456782")
    assert not personal_data.passes_eleven_test("123456789")
    assert not personal_data.passes_eleven_test("000000000")


def test_a_bsn_makes_the_entry_invalid_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, ENTRY.replace("contact: j.de.vries1987@gmail.com\n", "").replace("06-12345678", "0612345678, BSN 111222333"))
    result = check_paths([path])
    assert result.initiatives == []
    (error,) = result.errors
    assert (error.line, error.field) == (15, "tekst")


def test_every_text_field_and_list_item_is_searched_with_its_line(tmp_path: Path) -> None:
    text = ENTRY.replace("contact: j.de.vries1987@gmail.com\n", "partners:\n  - Stichting De Linde\n  - Jolanda 06 1234 5678\n")
    text = text.replace("initiatiefnemer: Bewonersvereniging Assendorp", "initiatiefnemer: Piet (p.jansen@hotmail.com)")
    result = check_paths([write(tmp_path, text)])
    assert [(m.line, m.field, m.level) for m in result.messages] == [
        (8, "initiatiefnemer", "waarschuwing"), (11, "partners", "waarschuwing"), (18, "tekst", "waarschuwing"),
    ]


@pytest.mark.parametrize("tree", [REPO / "initiatives", FIXTURES / "site" / "initiatives", FIXTURES / "search" / "initiatives"])
def test_no_false_alarm_on_shipped_content(tree: Path) -> None:
    files = sorted(tree.rglob("*.md"))
    assert files
    alarms = [(path.name, f.text) for path in files for f in personal_data.findings(path.read_text(encoding="utf-8"))]
    assert alarms == []


def test_the_domain_list_is_a_data_file_anyone_can_extend() -> None:
    domains = personal_data.consumer_domains()
    for provider in ("gmail.com", "hotmail.com", "outlook.com", "live.nl", "icloud.com", "yahoo.com", "ziggo.nl",
                     "kpnmail.nl", "planet.nl", "home.nl", "hetnet.nl", "xs4all.nl"):
        assert provider in domains
    assert all(d == d.lower() and "." in d and " " not in d for d in domains)


def test_the_issue_form_converter_passes_the_same_warnings_on(tmp_path: Path) -> None:
    import datetime as dt
    import subprocess
    import sys

    from kennisbank.submission import issue_form as issueform

    body = (FIXTURES / "issues" / "volledig.md").read_text(encoding="utf-8")
    body = body.replace("info@repaircafe-dekempen.nl", "j.de.vries1987@gmail.com").replace("- Een vaste groep van 25 vrijwilligers", "- Bel Jolanda op 06 1234 5678.")
    (tmp_path / "issue.md").write_text(body, encoding="utf-8")
    outcome = issueform.submit(body, tmp_path / "initiatives", dt.date(2024, 6, 1))
    assert outcome.ok and outcome.target.exists()
    texts = [m.text for m in outcome.messages if m.level == "waarschuwing"]
    assert texts == [
        next(personal_data.findings("j.de.vries1987@gmail.com")).text,
        next(personal_data.findings("06 1234 5678")).text,
    ]
    reply = issueform.comment(outcome)
    assert "Contact: waarschuwing: e-mailadres 'j.de.vries1987@gmail.com' bij gmail.com" in reply
    assert reply.startswith("Bedankt voor uw aanmelding! We maken er een voorstel van.")
    outcome.target.unlink()
    cli = subprocess.run(
        [sys.executable, "-m", "kennisbank.cli", "van-issue", "--body-file", "issue.md", "--output-dir", "initiatives",
         "--comment-file", "reactie.md", "--datum", "2024-06-01"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert cli.returncode == 0, cli.stderr
    assert "mobiel nummer '06 1234 5678'" in (tmp_path / "reactie.md").read_text(encoding="utf-8")
    assert "contact: waarschuwing: e-mailadres" in cli.stderr


def test_the_issue_form_converter_refuses_a_bsn(tmp_path: Path) -> None:
    import datetime as dt

    from kennisbank.submission import issue_form as issueform

    body = (FIXTURES / "issues" / "volledig.md").read_text(encoding="utf-8").replace("- Een vaste groep van 25 vrijwilligers", "- Mijn BSN is 111222333.")
    outcome = issueform.submit(body, tmp_path / "initiatives", dt.date(2024, 6, 1))
    assert not outcome.ok and not outcome.target.exists()
    assert "'111222333' lijkt een burgerservicenummer (BSN)" in issueform.comment(outcome)
