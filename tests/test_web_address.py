"""One web-address rule for every address field of every kind of entry (entries/web_address.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_kennisbank
from kennisbank.entries import schema, web_address
from kennisbank.entries.meetings import check_meetings
from kennisbank.entries.validate import check_paths
from sample_entry import VALID, write

REFUSED = {
    "https://utr\u0435cht.nl/": "mengt letters uit verschillende schriften",  # Cyrillic е
    "https://xn--utrcht-5of.nl/": "mengt letters uit verschillende schriften",  # the same, written as punycode
    "https://www.gemeente.nl/\u202eln.kcah": "onzichtbaar teken (U+202E)",
    "https://www.gemeen\u200bte.nl/": "onzichtbaar teken (U+200B)",
    "https://www.gemeente.nl/\ufeff": "onzichtbaar teken (U+FEFF)",
    "https://gemeente.nl@elders.nl/": "geen geldig",  # the pattern refuses an @ before the path
    "https://gebruiker:geheim@elders.nl/": "geen geldig",
    "https://elders.nl\\@gemeente.nl/": "geen geldig",
    "https://-fout-.nl/": "geen geldige naam van een site",
    "https://a.nl:99999/": "ongeldig poortnummer",
}
ACCEPTED = ["https://www.utrecht.nl/", "https://café.nl/coöperatie", "http://voorbeeld.nl:8080/pad?x=1#y", "https://例え.jp/"]


@pytest.mark.parametrize(("address", "text"), REFUSED.items())
def test_refused_addresses_get_a_message_in_every_address_field(tmp_path: Path, address: str, text: str) -> None:
    entry = VALID.replace("bijgewerkt: 2025-01-01", f"website: '{address}'\ncontact: '{address}'\nbronnen:\n  - url: '{address}'\nbijgewerkt: 2025-01-01")
    write(tmp_path, "noord-holland/tuin.md", entry)
    result = check_paths([tmp_path / "initiatives"])
    fields = {m.field: m.text for m in result.errors}
    assert set(fields) == {"website", "contact", "bronnen"}, result.messages
    assert all(text in message for message in fields.values()), fields
    assert fields["bronnen"].startswith("bron 1, url: ")
    assert not result.initiatives


@pytest.mark.parametrize("address", ACCEPTED)
def test_ordinary_and_international_addresses_pass(tmp_path: Path, address: str) -> None:
    write(tmp_path, "noord-holland/tuin.md", VALID.replace("bijgewerkt:", f'website: "{address}"\nbijgewerkt:'))
    result = check_paths([tmp_path / "initiatives"])
    assert not result.errors, result.messages
    assert result.initiatives[0].website == address


MEETING = """---
titel: Buurtavond
samenvatting: Een avond over wat de buurt zelf kan doen, voor iedereen.
datum: 2026-03-12
begintijd: "19:30"
eindtijd: "21:30"
gemeente: Vlissingen
organisator: Wijkraad Vlissingen
aanmelden: "{address}"
bijgewerkt: 2026-01-05
---
"""


def test_a_meeting_sign_up_address_follows_the_same_rule(tmp_path: Path) -> None:
    folder = tmp_path / "bijeenkomsten"
    folder.mkdir()
    for address, text in [("https://gebruiker:geheim@voorbeeld.nl/", "geen geldig webadres"), ("https://utr\u0435cht.nl/", "mengt letters")]:
        (folder / "avond.md").write_text(MEETING.format(address=address), encoding="utf-8")
        result = check_meetings([folder], set())
        assert [m.field for m in result.errors] == ["aanmelden"], result.messages
        assert text in result.errors[0].text


def test_the_rule_itself() -> None:
    assert web_address.problem("https://a.nl\\b") == ("backslash", "")
    assert web_address.problem("ftp://a.nl/") == ("schema", "")
    assert web_address.problem("https://user@a.nl/") == ("gebruiker", "")
    assert web_address.mail_problem("info@utr\u0435cht.nl") == ("schriften", "")
    assert web_address.mail_problem("in\u202efo@voorbeeld.nl") == ("teken", "U+202E")
    assert web_address.mail_problem("info@voorbeeld.nl") is None


def test_an_address_without_scheme_gets_the_whole_address_proposed(tmp_path: Path) -> None:
    """www.groenehoek.nl is refused with the exact fix in the message, by the real CLI, and the file stays as it was."""
    entry = VALID.replace("bijgewerkt: 2025-01-01", "website: www.groenehoek.nl\ncontact: groenehoek.nl/contact\n"
                          "bronnen:\n  - url: x.nl/pad?a=1\nbijgewerkt: 2025-01-01")
    path = write(tmp_path, "noord-holland/tuin.md", entry)
    result = run_kennisbank(tmp_path, "check", "initiatives")
    assert result.returncode == 1
    lines = [line.split(": ", 1)[1] for line in result.stdout.splitlines() if line.startswith("initiatives/")]
    assert lines == [
        "website: geen geldig webadres: 'www.groenehoek.nl'; schrijf het volledige adres: 'https://www.groenehoek.nl'",
        "contact: geen geldig webadres: 'groenehoek.nl/contact'; schrijf het volledige adres: 'https://groenehoek.nl/contact'",
        "bronnen: bron 1, url: geen geldig webadres: 'x.nl/pad?a=1'; schrijf het volledige adres: 'https://x.nl/pad?a=1'",
    ], result.stdout
    assert path.read_text(encoding="utf-8") == entry  # the check proposes; it never rewrites


def test_only_a_missing_scheme_is_completed() -> None:
    pattern = schema.properties()["website"]["pattern"]
    assert web_address.completed("www.groenehoek.nl", pattern) == "https://www.groenehoek.nl"
    assert web_address.completed("groenehoek.nl:8080/pad#a", pattern) == "https://groenehoek.nl:8080/pad#a"
    for value in ["https://www.groenehoek.nl", "groene hoek", "groenehoek", "http:/www.groenehoek.nl", "ftp://groenehoek.nl",
                  "info@groenehoek.nl", "www.groene\\hoek.nl", "",
                  # a scheme of its own, not a host with a port
                  "javascript:alert(1)", "mailto:info@groenehoek.nl", "data:text/html,x"]:
        assert web_address.completed(value, pattern) is None, value


def test_a_meeting_sign_up_address_without_scheme_gets_the_proposal(tmp_path: Path) -> None:
    folder = tmp_path / "bijeenkomsten"
    folder.mkdir()
    (folder / "avond.md").write_text(MEETING.format(address="www.wijkraad.nl/aanmelden"), encoding="utf-8")
    result = check_meetings([folder], set())
    assert [m.text for m in result.errors] == [
        "geen geldig webadres: 'www.wijkraad.nl/aanmelden'; schrijf het volledige adres: 'https://www.wijkraad.nl/aanmelden'"]
