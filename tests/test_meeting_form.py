"""The page 'Bijeenkomst aanmelden': the web form for a meeting, generated from the meeting schema,
checked in the browser as `kennisbank check` checks bijeenkomsten/, writing a file the check accepts.

The browser tests drive the real page of the fixture site (built once per session by conftest).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import axe_violations, describe_violations, run_kennisbank
from kennisbank.entries import meetings
from kennisbank.entries.frontmatter import parse
from kennisbank.entries.themes import themas
from kennisbank.site import config as siteconfig
from kennisbank.site import docs_folder as generate
from kennisbank.submission import meeting_file, meeting_form_page
from kennisbank.submission.skeleton import MEETING_SECTIONS, slug_for
from test_form import (  # the same page script as the initiative form
    assert_nothing_injected,
    open_form,
    preview,
    submit_typed,
)

FIXTURE_INITIATIVES = Path(__file__).resolve().parent / "fixtures" / "site" / "initiatives"


# ---------- Python side ----------

def test_writer_is_registered() -> None:
    assert meeting_form_page.write in generate.writers()


def test_meeting_file_keeps_the_schema_order_and_writes_online_plain() -> None:
    answers = {"online": True, "titel": "no", "eindtijd": "21:00", "datum": "2030-01-02", "onbekend": "x", "locatie": ""}
    text = meeting_file.file_text(answers, {"Voor wie": "Iedereen.", "Programma": " "})
    assert text == '---\ntitel: "no"\ndatum: "2030-01-02"\neindtijd: "21:00"\nonline: true\n---\n\n## Voor wie\n\nIedereen.\n'
    assert meeting_file.path_for({"titel": "Open dag: De Linde!"}) == "bijeenkomsten/open-dag-de-linde.md"


def test_page_has_a_labelled_control_for_every_meeting_field(fixture_site: Path) -> None:
    page_text = (fixture_site / "bijeenkomst-aanmelden.html").read_text(encoding="utf-8")
    rules = meetings.meeting_schema()
    for name, rule in rules["properties"].items():
        if rule.get("x-kind") == "thema":
            assert f'id="kb-veld-{name}"' in page_text
            continue
        control = re.search(rf'<(input|textarea|select)[^>]* id="kb-f-{name}"[^>]*>', page_text)
        assert control, name
        assert (" required" in control.group(0)) == (name in rules["required"]), name
        assert f"kb-f-{name}-fout" in control.group(0)
        assert f'<label for="kb-f-{name}">{rule["title"]}' in page_text.replace("&#39;", "'")
    assert 'type="time" id="kb-f-begintijd"' in page_text and 'type="checkbox" id="kb-f-online"' in page_text
    assert '<option value="menukaart-vlissingen">Menukaart Vlissingen</option>' in page_text
    assert page_text.count('<input type="checkbox" id="kb-f-themas-') == len(themas())
    assert "kb-f-landelijk" not in page_text and "kb-gemeente-erbij" not in page_text


def test_data_script_carries_the_meeting_schema(fixture_site: Path) -> None:
    script = (fixture_site / "assets" / "bijeenkomst-aanmelden-data.js").read_text(encoding="utf-8")
    assert "</" not in script
    data = json.loads(script.split("=", 1)[1].strip().rstrip(";"))
    assert data["schema"]["properties"] == meetings.properties() and data["schema"]["required"] == meetings.meeting_schema()["required"]
    assert data["secties"] == list(MEETING_SECTIONS) and data["map"] == "bijeenkomsten" and data["landelijk"] is None
    assert "menukaart-vlissingen" in data["initiatieven"] and data["initiatieven"] == sorted(data["initiatieven"])


# ---------- the page in Chromium ----------

@pytest.fixture(scope="module")
def form_url(fixture_site: Path) -> str:
    return (fixture_site / "bijeenkomst-aanmelden.html").as_uri()


def fill_valid(page) -> None:
    page.fill("#kb-f-titel", "Open dag: koffie & 'thee' #1")
    page.fill("#kb-f-samenvatting", "Bewoners laten zien hoe de Menukaart werkt, met koffie en een rondleiding.")
    page.fill("#kb-f-datum", "2030-03-14")
    page.fill("#kb-f-begintijd", "19:30")
    page.fill("#kb-f-eindtijd", "21:30")
    page.fill("#kb-f-gemeente", "vlissingen")
    page.check("#kb-f-online")
    page.fill("#kb-f-locatie", "Wijkcentrum De Zeester, Badhuisstraat 1")
    page.fill("#kb-f-organisator", "Stichting Menukaart Vlissingen")
    page.fill("#kb-initiatief-zoek", "Menukaart Vlissingen")
    page.click("#kb-initiatief-erbij")
    page.check("#kb-f-themas-democratie")
    page.fill("#kb-f-aanmelden", "https://menukaart.example.nl/open-dag")
    page.fill("#kb-sectie-1", "- 19:30 inloop\n- 20:00 rondleiding")


def check_in_project(tmp_path: Path, relative: str, text: str):
    """The real `kennisbank check` on the file, in a project holding the fixture's initiatives."""
    shutil.copytree(FIXTURE_INITIATIVES, tmp_path / "initiatives")
    target = tmp_path / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return run_kennisbank(tmp_path, "check", "--format", "json", relative)


def check_messages(tmp_path: Path, relative: str, text: str) -> dict[str, list[str]]:
    result = check_in_project(tmp_path, relative, text)
    found: dict[str, list[str]] = {}
    for message in json.loads(result.stdout)["meldingen"]:
        found.setdefault(message["veld"], []).append(message["melding"])
    return found


@pytest.mark.browser
@pytest.mark.slow
def test_filled_meeting_form_makes_a_file_the_real_check_accepts(page, form_url: str, tmp_path: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    assert page.input_value("#kb-f-initiatieven") == "menukaart-vlissingen", "the title was picked, the slug written"
    page.click("#kb-aanmelden button[type=submit]")
    assert page.is_hidden("#kb-foutenlijst")
    assert "Alles is ingevuld" in page.wait_for_function("() => document.getElementById('kb-status').textContent").json_value()
    text, path = preview(page), page.text_content("#kb-bestandsnaam")
    assert path == "bijeenkomsten/open-dag-koffie-thee-1.md"
    result = check_in_project(tmp_path, path, text)
    assert result.returncode == 0, result.stdout
    assert "geen meldingen" in result.stdout or json.loads(result.stdout)["meldingen"] == []
    [meeting] = meetings.check_meetings([tmp_path / "bijeenkomsten"], meetings.initiative_slugs(tmp_path / "initiatives")).meetings
    assert meeting.titel == "Open dag: koffie & 'thee' #1" and meeting.online and meeting.gemeente.naam_gangbaar == "Vlissingen"
    assert meeting.start == dt.datetime(2030, 3, 14, 19, 30) and meeting.end == dt.datetime(2030, 3, 14, 21, 30)
    assert meeting.initiatieven == ("menukaart-vlissingen",) and meeting.bijgewerkt == dt.date.today()
    assert meeting.body.lstrip("\n").startswith("## Programma\n\n- 19:30 inloop")
    assert "online: true\n" in text
    # The way out: GitHub's new-file page with the file, into bijeenkomsten/.
    config = siteconfig.load(Path(__file__).resolve().parents[1] / "mkdocs.yml")
    parts = urlsplit(page.get_attribute("#kb-github", "href"))
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{config.repo_url}/new/{config.branch}"
    assert parse_qs(parts.query)["filename"] == [path] and parse_qs(parts.query)["value"] == [text]
    assert not page.watch.outside_requests and not page.watch.console_errors


@pytest.mark.browser
@pytest.mark.slow
def test_end_before_start_shows_the_checks_message(page, form_url: str, tmp_path: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    page.fill("#kb-f-eindtijd", "18:00")
    page.click("#kb-aanmelden button[type=submit]")
    expected = check_messages(tmp_path, page.text_content("#kb-bestandsnaam"), preview(page))
    assert expected == {"eindtijd": ["eindtijd '18:00' ligt niet na de begintijd 19:30"]}
    assert page.locator("#kb-f-eindtijd-fout span").all_text_contents() == expected["eindtijd"]
    assert page.get_attribute("#kb-f-eindtijd", "aria-invalid") == "true"
    assert page.locator("#kb-foutenlijst-items a").all_text_contents() == ["Eindtijd: eindtijd '18:00' ligt niet na de begintijd 19:30"]
    assert page.evaluate("() => document.activeElement.id") == "kb-foutenlijst"
    # A second day makes the same times right.
    page.fill("#kb-f-einddatum", "2030-03-15")
    page.click("#kb-aanmelden button[type=submit]")
    assert page.is_hidden("#kb-foutenlijst") and page.is_hidden("#kb-f-eindtijd-fout")


@pytest.mark.browser
@pytest.mark.slow
def test_meeting_rules_show_the_checks_own_messages(page, form_url: str, tmp_path: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    page.fill("#kb-f-gemeente", "")
    page.uncheck("#kb-f-online")
    page.fill("#kb-f-einddatum", "2030-03-14")
    page.fill("#kb-f-initiatieven", "menukaart-vlissingen\nmenukaart-vlisingen\nNiet Goed")
    page.fill("#kb-f-aanmelden", "voorbeeld")  # no host with a dot: www.voorbeeld.nl would be completed
    page.click("#kb-aanmelden button[type=submit]")
    expected = check_messages(tmp_path, page.text_content("#kb-bestandsnaam"), preview(page))
    assert set(expected) == {"einddatum", "gemeente", "initiatieven", "aanmelden"}
    for name, texts in expected.items():
        assert page.locator(f"#kb-f-{name}-fout span").all_text_contents() == texts, name
    assert expected["gemeente"] == ["vul een gemeente in, of zet online: true voor een bijeenkomst die alleen online is"]
    assert "onbekend initiatief 'menukaart-vlisingen'; bedoelde u 'menukaart-vlissingen'?" in " ".join(expected["initiatieven"])
    # Online only: no municipality needed.
    page.fill("#kb-f-einddatum", "")
    page.fill("#kb-f-initiatieven", "")
    page.fill("#kb-f-aanmelden", "")
    page.check("#kb-f-online")
    page.click("#kb-aanmelden button[type=submit]")
    assert page.is_hidden("#kb-foutenlijst")


@pytest.mark.browser
@pytest.mark.slow
def test_hostile_text_stays_text(page, form_url: str, tmp_path: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    hostile = {
        "#kb-f-titel": "<img src=x onerror=alert('titel')>",
        "#kb-f-samenvatting": "</code></pre><script>alert('samenvatting')</script> en nog wat tekst",
        "#kb-f-organisator": '"><svg onload=alert(1)>',
        "#kb-f-locatie": "no: yes # online: false",
        "#kb-f-gemeente": "<b onmouseover=alert(2)>x</b>",
        "#kb-sectie-2": "<iframe src=javascript:alert(3)></iframe>\n---\ntitel: verstopt",
    }
    text = submit_typed(page, hostile)
    assert_nothing_injected(page)
    assert page.locator("#kb-f-gemeente-fout span").first.text_content() == "onbekende gemeente '<b onmouseover=alert(2)>x</b>'; gebruik de naam of CBS-code (GMxxxx) van een huidige gemeente"
    values = parse(text.encode("utf-8")).values
    assert values["titel"] == hostile["#kb-f-titel"] and values["organisator"] == hostile["#kb-f-organisator"]
    assert values["locatie"] == hostile["#kb-f-locatie"] and values["online"] == "true", "nothing leaks into other keys"
    page.fill("#kb-f-gemeente", "Vlissingen")
    page.click("#kb-aanmelden button[type=submit]")
    assert check_in_project(tmp_path, page.text_content("#kb-bestandsnaam"), preview(page)).returncode == 0


@pytest.mark.browser
@pytest.mark.slow
def test_browser_writes_the_same_meeting_file_as_python(page, form_url: str) -> None:
    open_form(page, form_url)
    sections = {"Programma": "Eerst *dit*.\r\n\r\nDan dat.", "Voor wie": "Iedereen: jong & oud."}
    for value in ("no", "19:30", "2030-01-01", "a: b", "regel\nnieuw", "Café Één", "<b>x</b>", "tab\there", "nul\x00"):
        answers = {"titel": value, "datum": "2030-01-01", "begintijd": "19:30", "online": True, "gemeente": value,
                   "initiatieven": [value, "x"], "themas": ["cultuur"]}
        written = page.evaluate("([a, s]) => window.kbAanmelden.fileText(a, s)", [answers, sections])
        assert written == meeting_file.file_text(answers, sections), repr(value)
        assert page.evaluate("(a) => window.kbAanmelden.pathFor(a)", answers) == meeting_file.path_for(answers)
    for title in ("Open dag ’t Hoekje", "---", "x" * 70 + " y"):
        assert page.evaluate("(t) => window.kbAanmelden.pathFor({titel: t, gemeente: 'Zwolle'})", title) == f"bijeenkomsten/{slug_for(title)}.md"


@pytest.mark.browser
@pytest.mark.slow
def test_initiatives_and_municipality_by_keyboard(page, form_url: str) -> None:
    open_form(page, form_url)
    page.focus("#kb-f-gemeente")
    page.keyboard.type("Vlisingen")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Kies Vlissingen"
    page.keyboard.press("Enter")
    assert page.input_value("#kb-f-gemeente") == "Vlissingen"
    page.focus("#kb-initiatief-zoek")
    page.keyboard.type("menukaart vlissingen")
    page.keyboard.press("Enter")  # adds the initiative; does not check the whole form
    assert page.input_value("#kb-f-initiatieven") == "menukaart-vlissingen"
    assert page.evaluate("() => document.activeElement.id") == "kb-initiatief-zoek"
    assert page.is_hidden("#kb-foutenlijst")
    page.keyboard.type("menukaart-vlissingen")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "kb-initiatief-erbij"
    page.keyboard.press("Enter")
    assert page.input_value("#kb-f-initiatieven") == "menukaart-vlissingen", "no doubles"
    assert "initiatieven: [menukaart-vlissingen]\n" in preview(page)
    page.focus("#kb-f-online")
    page.keyboard.press("Space")
    assert "online: true\n" in preview(page)
    assert not page.watch.console_errors


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_problems(browser, form_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        open_form(page, form_url)
        for state in ("empty", "errors shown"):
            if state == "errors shown":
                page.fill("#kb-f-gemeente", "Vlisingen")
                page.fill("#kb-f-begintijd", "20:00")
                page.fill("#kb-f-eindtijd", "19:00")
                page.click("#kb-aanmelden button[type=submit]")
                assert page.is_visible("#kb-f-gemeente-keuze button")
            violations = axe_violations(page)
            assert not violations, f"{state}:\n{describe_violations(violations)}"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_meeting_form_is_in_the_navigation(fixture_site: Path) -> None:
    home = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="bijeenkomst-aanmelden\.html"[^>]*>\s*(?:<span[^>]*>\s*)?Bijeenkomst aanmelden', home)
