"""The page 'Initiatief aanmelden': generated from the schema, checked like `kennisbank check`,
writing YAML the strict loader reads back, safe with hostile text, accessible, and usable from disk.

The browser tests drive the real page of the fixture site (built once per session by conftest).
"""
from __future__ import annotations

import csv
import datetime as dt
import html.parser
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import axe_violations, describe_violations
from kennisbank import DATA_DIR
from kennisbank.entries import places, schema
from kennisbank.entries.frontmatter import parse
from kennisbank.entries.themes import themas
from kennisbank.entries.validate import check_paths
from kennisbank.site import config as siteconfig
from kennisbank.site import docs_folder as generate
from kennisbank.submission import entry_file as entry
from kennisbank.submission import form_data
from kennisbank.submission.form_fields import fields as form_fields
from kennisbank.submission.skeleton import SECTIONS, slug_for

# Values a naive YAML writer gets wrong: booleans, dates, numbers, indicators, quotes, escapes.
TRICKY = [
    "no", "Yes", "ON", "null", "Null", "~", "2024-01-01", "1e3", "0x10", "012", ".inf", "-", "- lijst",
    "? vraag", "a: b", "a:b", "#hashtag", "tekst # geen commentaar", "it's \"gequoot\"", "'enkel'",
    "[x]", "{y}", "*ster", "&anker", "!tag", "!!python/object:os.system", "|pipe", ">vouw", "%pct",
    "@iemand", "`tick`", "komma, erin", "Coöperatie Één", "Repair Café", "tab\there", "regel\nnieuw",
    "lijn\u2028scheiding", "del\x7f", "nel\x85", "nul\x00", "bel\x07", "emoji 🌱", "\ufeffbom",
    "eindigt met spatie ", " begint met spatie", "back\\slash", "--- scheiding", "...", "Den Haag",
]


# ---------- the YAML rules (Python side) ----------

@pytest.mark.parametrize("value", TRICKY)
def test_scalar_reads_back_as_the_same_text(value: str) -> None:
    text = entry.file_text({"titel": value, "trefwoorden": [value, "x"], "startjaar": 2020})
    assert parse(text.encode("utf-8")).values == {"titel": value, "trefwoorden": [value, "x"], "startjaar": 2020}


def test_plain_only_when_harmless() -> None:
    assert entry.scalar("Den Haag") == "Den Haag"
    assert entry.scalar(2018) == "2018"
    assert entry.scalar("2018") == '"2018"'
    assert entry.scalar("no") == '"no"'
    assert entry.scalar("a: b") == '"a: b"'
    assert entry.scalar("regel\nnieuw") == '"regel\\nnieuw"'
    assert entry.scalar("lijn\u2028") == '"lijn\\u2028"'


def test_file_text_keeps_schema_order_and_skips_empty_values() -> None:
    text = entry.file_text(
        {"bijgewerkt": "2024-01-01", "titel": "Titel", "partners": [], "website": "", "status": "lopend"},
        {"Resultaten": "Veel.\r\n", "Aanpak": "  "},
    )
    assert text == '---\ntitel: Titel\nstatus: lopend\nbijgewerkt: "2024-01-01"\n---\n\n## Resultaten\n\nVeel.\n'


def test_path_for_uses_province_or_landelijk() -> None:
    assert entry.path_for({"titel": "Buurt & Co!", "gemeente": "GM0518"}) == "initiatives/zuid-holland/buurt-co.md"
    assert entry.path_for({"titel": "X y", "gemeente": ["Zwolle", "Utrecht"]}) == "initiatives/overijssel/x-y.md"
    assert entry.path_for({"titel": "Overal", "gemeente": "Landelijk"}) == "initiatives/landelijk/overal.md"
    assert entry.path_for({"gemeente": "Nergensland"}) == "initiatives/nieuw-initiatief.md"


# ---------- the page, generated from the schema ----------

class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(html_text: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = _Collector()
    collector.feed(html_text)
    return collector.elements


@pytest.fixture(scope="module")
def form_page(fixture_site: Path) -> str:
    return (fixture_site / "aanmelden.html").read_text(encoding="utf-8")


def test_writer_is_registered() -> None:
    from kennisbank.submission import form_page as form

    assert form.write in generate.writers()


def test_every_schema_field_has_a_labelled_control(form_page: str) -> None:
    found = elements(form_page)
    ids = {attrs.get("id"): (tag, attrs) for tag, attrs in found}
    for f in form_fields():
        if f.widget in ("themes", "gemeente"):
            assert f'id="kb-veld-{f.name}"' in form_page
            continue
        tag, attrs = ids[f"kb-f-{f.name}"]
        assert tag in ("input", "select", "textarea")
        assert ("required" in attrs) == (f.name in schema.required())
        assert f"kb-f-{f.name}-fout" in (attrs.get("aria-describedby") or "")
        assert f'<label for="kb-f-{f.name}">{f.label}' in form_page.replace("&#39;", "'")
    for name, rule in schema.properties().items():
        assert f'id="kb-f-{name}-uitleg">{rule["description"]}'.replace("'", "&#39;") in form_page


def test_choices_come_from_the_vocabularies(form_page: str) -> None:
    found = elements(form_page)
    boxes = [attrs["value"] for tag, attrs in found if tag == "input" and attrs.get("name") == "themas"]
    assert boxes == [t.slug for t in themas()]
    options = [attrs["value"] for tag, attrs in found if tag == "option" and attrs.get("value") is not None]
    assert [o for o in options if o in schema.properties()["status"]["enum"]] == schema.properties()["status"]["enum"]
    datalist = form_page.split('<datalist id="kb-gemeente-keuzes">')[1].split("</datalist>")[0]
    assert datalist.count("<option") == 342
    assert '<option value="Den Haag">Den Haag (&#39;s-Gravenhage, The Hague), GM0518, Zuid-Holland</option>' in datalist


def test_data_script_carries_schema_and_messages_safely(fixture_site: Path, fixture_project: Path) -> None:
    script = (fixture_site / "assets" / "aanmelden-data.js").read_text(encoding="utf-8")
    assert "</" not in script and "\u2028" not in script
    data = json.loads(script.split("=", 1)[1].strip().rstrip(";"))
    assert data["schema"] == schema.schema() and data["meldingen"] == schema.messages()
    config = siteconfig.load(fixture_project / "mkdocs.yml")
    assert data["nieuwBestand"] == f"{config.repo_url}/new/{config.branch}"
    assert data["secties"] == list(SECTIONS)
    den_haag = next(g for g in data["gemeenten"] if g["code"] == "GM0518")
    assert den_haag["aliassen"] == ["The Hague"] and den_haag["provincie"] == "zuid-holland"
    assert form_data.unknown_gemeente_template().count("{waarde}") == 1


def test_json_for_scripts_escapes_markup() -> None:
    text = form_data.script_json({"x": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><!-- & \u2028"}


# ---------- the page in Chromium ----------

@pytest.fixture(scope="module")
def form_url(fixture_site: Path) -> str:
    return (fixture_site / "aanmelden.html").as_uri()


def open_form(page, url: str):
    page.goto(url)
    page.wait_for_function("() => window.kbAanmelden !== undefined")
    return page


def fill_valid(page) -> None:
    page.fill("#kb-f-titel", "Buurtkamer De Linde: koffie & 'thee' #1")
    page.fill("#kb-f-samenvatting", "Bewoners houden samen een huiskamer open voor iedereen uit de wijk.")
    page.fill("#kb-f-gemeente-1", "GM0193")
    page.check("#kb-f-themas-zorg-welzijn")
    page.check("#kb-f-themas-cultuur")
    page.select_option("#kb-f-status", "lopend")
    page.fill("#kb-f-startjaar", "2019")
    page.fill("#kb-f-initiatiefnemer", "Bewonersvereniging Assendorp")
    page.select_option("#kb-f-rol_overheid", "faciliteren")
    page.fill("#kb-f-partners", "Gemeente Zwolle\nWijkteam Assendorp\n")
    page.fill("#kb-f-website", "https://buurtkamer.example.nl/over?x=1#a")
    page.fill("#kb-f-trefwoorden", "no\n2024-01-01\nkoffie: thee")
    page.fill("#kb-f-lessen", "Wat werkte: Elke dinsdag open, ook in de vakantie.\n\ntip voor de gemeente: Geef een sleutel: dat scheelt veel gedoe.\n")
    page.fill("#kb-sectie-1", "We begonnen met koffie.\n\n- elke dinsdag\n- open voor iedereen")
    page.fill("#kb-sectie-2", "Vraag om hulp.")


def preview(page) -> str:
    return page.text_content("#kb-voorbeeld")


def submit_typed(page, typed: dict[str, str]) -> str:
    """Type each text into its control (selector -> text), submit, and return the previewed file."""
    for selector, value in typed.items():
        page.fill(selector, value)
    page.click("#kb-aanmelden button[type=submit]")
    return preview(page)


def assert_nothing_injected(page) -> None:
    """Typed markup stayed text: no element made of it, no script carrying it, no dialog."""
    assert page.locator(".kb-aanmelden img, .kb-aanmelden svg, .kb-aanmelden iframe, .kb-aanmelden b, #kb-voorbeeld *").count() == 0
    assert all("alert" not in (s or "") for s in page.eval_on_selector_all("script", "els => els.map(e => e.textContent)"))
    assert not page.watch.dialogs


def check_text(tmp_path: Path, relative: str, text: str):
    """Run the real check over a folder holding just this file (at its own path)."""
    target = tmp_path / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return check_paths([tmp_path / "initiatives"])


@pytest.mark.browser
@pytest.mark.slow
def test_filled_form_makes_a_file_the_check_accepts(page, form_url: str, tmp_path: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    page.click("#kb-aanmelden button[type=submit]")
    assert page.is_hidden("#kb-foutenlijst")
    assert "Alles is ingevuld" in page.wait_for_function("() => document.getElementById('kb-status').textContent").json_value()
    text = preview(page)
    path = page.text_content("#kb-bestandsnaam")
    assert path == "initiatives/overijssel/buurtkamer-de-linde-koffie-thee-1.md"
    result = check_text(tmp_path, path, text)
    assert not result.messages, result.messages
    initiative = result.initiatives[0]
    assert initiative.titel == "Buurtkamer De Linde: koffie & 'thee' #1"
    assert [g.naam_gangbaar for g in initiative.gemeenten] == ["Zwolle"]
    assert initiative.trefwoorden == ("no", "2024-01-01", "koffie: thee")
    assert initiative.value("lessen") == ({"soort": "werkte", "tekst": "Elke dinsdag open, ook in de vakantie."},
                                          {"soort": "tip-overheid", "tekst": "Geef een sleutel: dat scheelt veel gedoe."})
    assert initiative.bijgewerkt == dt.date.today()
    assert "## Aanpak\n\nWe begonnen met koffie." in initiative.body and "## Resultaten\n\nVraag om hulp." in initiative.body
    assert "## Geleerde lessen" not in initiative.body  # lessons are a field of their own
    assert not page.watch.outside_requests and not page.watch.console_errors


@pytest.mark.browser
@pytest.mark.slow
def test_download_gives_the_previewed_file_from_disk(page, form_url: str) -> None:
    open_form(page, form_url)
    fill_valid(page)
    with page.expect_download() as info:
        page.click("#kb-download")
    download = info.value
    assert download.suggested_filename == "buurtkamer-de-linde-koffie-thee-1.md"
    assert Path(download.path()).read_text(encoding="utf-8") == preview(page)
    assert not page.watch.outside_requests


@pytest.mark.browser
@pytest.mark.slow
def test_copy_puts_the_file_on_the_clipboard(page, fixture_site: Path, serve) -> None:
    base = serve(fixture_site)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    open_form(page, base + "aanmelden.html")
    fill_valid(page)
    page.click("#kb-kopieer")
    page.wait_for_function("() => document.getElementById('kb-status').textContent.includes('klembord')")
    assert page.evaluate("() => navigator.clipboard.readText()") == preview(page)


@pytest.mark.browser
@pytest.mark.slow
def test_github_link_carries_filename_and_file(page, form_url: str, fixture_project: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    href = page.get_attribute("#kb-github", "href")
    parts = urlsplit(href)
    config = siteconfig.load(fixture_project / "mkdocs.yml")
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{config.repo_url}/new/{config.branch}"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["filename"] == ["initiatives/overijssel/buurtkamer-de-linde-koffie-thee-1.md"]
    assert query["value"] == [preview(page)]


@pytest.mark.browser
@pytest.mark.slow
def test_github_link_waits_until_the_form_is_right(page, form_url: str) -> None:
    open_form(page, form_url)
    page.click("#kb-github")
    assert page.url == form_url
    assert page.is_visible("#kb-foutenlijst")
    assert page.evaluate("() => document.activeElement.id") == "kb-foutenlijst"
    assert not page.watch.outside_requests


BAD_VALUES = {
    "#kb-f-samenvatting": "Te kort.",
    "#kb-f-startjaar": "twintig",
    "#kb-f-eindjaar": "2021",
    "#kb-f-website": "voorbeeld",  # no host with a dot: www.voorbeeld.nl would be completed to https://
    "#kb-f-contact": "iemand bij voorbeeld",
    "#kb-f-gemeente-1": "Qwxzv",
}


@pytest.mark.browser
@pytest.mark.slow
def test_bad_values_show_the_checks_own_messages(page, form_url: str, tmp_path: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    text = submit_typed(page, BAD_VALUES)
    result = check_text(tmp_path, page.text_content("#kb-bestandsnaam"), text)
    expected: dict[str, list[str]] = {}
    for message in result.errors:
        expected.setdefault(message.field, []).append(message.text)
    assert set(expected) == {"samenvatting", "startjaar", "eindjaar", "website", "contact", "gemeente"}
    for field_name, texts in expected.items():
        shown = page.locator(f"#kb-f-{field_name}-fout span").all_text_contents()
        assert shown == texts, field_name
        control = "#kb-f-gemeente-1" if field_name == "gemeente" else f"#kb-f-{field_name}"
        assert page.get_attribute(control, "aria-invalid") == "true"
        assert f"kb-f-{field_name}-fout" in page.get_attribute(control, "aria-describedby")
    assert "moet 20 tot 300 tekens lang zijn; nu 8" in expected["samenvatting"]
    summary = page.locator("#kb-foutenlijst-items a").all_text_contents()
    assert len(summary) == 6 and summary[0].startswith("Samenvatting: ")
    assert page.evaluate("() => document.activeElement.id") == "kb-foutenlijst"
    status = page.wait_for_function("() => document.getElementById('kb-status').textContent").json_value()
    assert status == "Het formulier heeft 6 fouten. Verbeter die eerst."


def next_year() -> int:
    return dt.date.today().year + 1


BASE_ANSWERS = {
    "titel": "Buurtkamer De Linde", "samenvatting": "Bewoners houden samen een huiskamer open.",
    "gemeente": "Zwolle", "themas": ["zorg-welzijn"], "status": "lopend", "startjaar": 2019,
    "initiatiefnemer": "Bewoners", "bijgewerkt": "2024-01-01",
}
CASES = {
    "valid": {},
    "short summary": {"samenvatting": "Te kort."},
    "blank summary": {"samenvatting": "   "},
    "short title": {"titel": "ab"},
    "long title": {"titel": "x" * 121},
    "old start": {"startjaar": 1800},
    "future start": {"startjaar": next_year() + 3},
    "text year": {"startjaar": "abc"},
    "end before start": {"status": "afgerond", "eindjaar": 2010},
    "end while running": {"eindjaar": 2020},
    "bad website": {"website": "www.voorbeeld.nl"},
    "bad contact": {"contact": "iemand bij voorbeeld"},
    "future date": {"bijgewerkt": "2999-01-01"},
    "no such date": {"bijgewerkt": "2023-02-30"},
    "date pattern": {"bijgewerkt": "1-1-2024"},
    "four themes": {"themas": ["wonen", "cultuur", "voedsel", "veiligheid"]},
    "partners": {"partners": ["A", "Wijkteam", "Wijkteam"]},
    "long keyword": {"trefwoorden": ["x" * 41]},
    "unknown municipality": {"gemeente": "Qwxzv"},
    "one unknown of two": {"gemeente": ["Zwolle", "Qwxzv"]},
    "national": {"gemeente": "landelijk"},
    "national and more": {"gemeente": ["landelijk", "Zwolle"]},
    "alias and code": {"gemeente": ["The Hague", "GM0193", "den bosch", "s-hertogenbosch"]},
    "misspelt": {"gemeente": "Vlisingen"},
    "merged old name": {"gemeente": "Weesp"},
    "merged old code": {"gemeente": ["Zwolle", "GM0457"]},
    "merged into a new municipality": {"gemeente": "Leeuwarderadeel"},
    "renamed": {"gemeente": "De Friese Meren"},
    "split": {"gemeente": "Haaren"},
    "ambiguous": {"gemeente": "Bergen"},
    "two suggestions": {"gemeente": "Bergen (N.)"},
    "good sources": {"bronnen": [{"url": "https://www.voorbeeld.nl/a", "titel": "Artikel", "geraadpleegd": "2024-01-01"},
                                 {"url": "http://voorbeeld.nl/b"}]},
    "bad source address": {"bronnen": [{"url": "https://ok.nl"}, {"url": "www.voorbeeld.nl/artikel", "titel": "x"}]},
    "future source date": {"bronnen": [{"url": "https://ok.nl", "geraadpleegd": "2999-01-01"}]},
    "no such source date": {"bronnen": [{"url": "https://ok.nl", "geraadpleegd": "2023-02-30"}]},
    "source date pattern": {"bronnen": [{"url": "https://ok.nl", "geraadpleegd": "1-1-2024"}]},
    "same source twice": {"bronnen": [{"url": "https://ok.nl"}, {"url": "https://ok.nl"}]},
    "start year only latest": {"startjaar_uiterlijk": "ja"},
    "role": {"rol_overheid": "faciliteren"},
    "missing title": {"titel": None},
    "blank title": {"titel": "   "},
    "zero-width summary": {"samenvatting": "\u200b" * 25},
    "blank municipality": {"gemeente": "  "},
    "blank partner": {"partners": ["Wijkteam", "\u3000\u00a0", "\u200b\u200b"]},
    "escape in title": {"titel": "Buurt\x1b[31mkamer"},
    "nul in summary": {"samenvatting": "Bewoners houden samen\x00 een huiskamer open."},
    "control in keyword": {"trefwoorden": ["ok", "bel\x07"]},
    "user info in website": {"website": "https://www.zwolle.nl@evil.example/"},
    "backslash in website": {"website": "https://www.zwolle.nl\\evil.example/"},
    "control in contact": {"contact": "info@zwol\x01le.nl"},
    "repeated municipality": {"gemeente": ["Zwolle", "Utrecht", "Zwolle"]},
    "empty municipality list": {"gemeente": ["", "Zwolle"]},
    "lessons": {"lessen": [{"soort": "werkte", "tekst": "Samen beginnen met een kleine groep werkte goed."}]},
    "lesson faults": {"lessen": [{"soort": "werkt", "tekst": "Te kort."}, {"tekst": "Een les zonder soort, maar lang genoeg."},
                                 {"soort": "Onbekend", "tekst": "Een les met een soort die niemand kent."}]},
    "lesson extra key": {"lessen": [{"soort": "valkuil", "tekst": "Een les met een veld te veel erbij.", "tekts": "x"}]},
    "lesson not an object": {"lessen": ["gewoon een zin als les"]},
    "eleven lessons": {"lessen": [{"soort": "tip-overheid", "tekst": f"Tip nummer {n} voor de gemeente hier."} for n in range(11)]},
}


@pytest.mark.browser
@pytest.mark.slow
def test_browser_rules_equal_the_check(page, form_url: str, tmp_path: Path) -> None:
    """For each case the browser's messages are exactly the messages `kennisbank check` gives."""
    open_form(page, form_url)
    for name, change in CASES.items():
        answers = {k: v for k, v in {**BASE_ANSWERS, **change}.items() if v is not None}
        folder = tmp_path / name.replace(" ", "-")
        result = check_text(folder, "initiatives/x/buurtkamer.md", entry.file_text(answers))
        expected: dict[str, list[str]] = {}
        for message in result.errors:
            expected.setdefault(message.field, []).append(message.text)
        shown = page.evaluate("(answers) => window.kbAanmelden.validate(answers)", answers)
        assert shown == expected, name
        warned: dict[str, list[str]] = {}
        # The form chooses the file's folder itself: a warning about the folder is the check's alone.
        for message in (m for m in result.warnings if m.field != "bestand"):
            warned.setdefault(message.field, []).append(message.text)
        assert page.evaluate("(answers) => window.kbAanmelden.warnings(answers)", answers) == warned, name


def every_municipality_form() -> list[str]:
    """Everything the check knows (current, common and official names, aliases, codes, slugs, former
    names and codes, ambiguous names), as written and folded, plus misspellings of every name."""
    forms = set(places.lookup_keys())
    aliases = places.aliassen()
    for g in places.gemeenten():
        forms |= {g.naam, g.naam_gangbaar, g.code, g.slug, *aliases[g.code]}
        name = g.naam_gangbaar
        middle = len(name) // 2
        forms |= {name[:-1], name[1:], name[:middle] + name[middle + 1:middle + 2] + name[middle] + name[middle + 2:], name + "e"}
    with (DATA_DIR / "herindelingen.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            forms |= {row["oude_naam"], row["oude_code"], row["oude_naam"].upper(), f"  {row['oude_naam']}  "}
    forms |= {"Qwxzv", "  den   haag ", "bergen (nh.)", "Bergen", "Nergensdorp", "Súdwest Fryslân", "’s-Hertogenbosch"}
    return sorted(forms)


@pytest.mark.browser
@pytest.mark.slow
def test_browser_judges_every_municipality_form_as_the_check(page, form_url: str) -> None:
    """Verdict (accepted, warning or error), message and resulting municipality, for every form."""
    open_form(page, form_url)
    forms = every_municipality_form()
    assert len(forms) > 2000
    shown = page.evaluate("""(forms) => forms.map((name) => {
        const v = window.kbAanmelden.judge(name);
        return [v.fout || null, v.waarschuwing || null, v.gemeente ? v.gemeente.code : null];
    })""", forms)
    differences = []
    for name, browser_verdict in zip(forms, shown, strict=True):
        lookup = places.lookup_gemeente(name)
        expected = [lookup.error, lookup.warning, lookup.gemeenten[0].code if lookup.gemeenten else None]
        if browser_verdict != expected:
            differences.append(f"{name!r}: browser {browser_verdict}, check {expected}")
    assert not differences, "\n".join(differences[:20]) + f"\n({len(differences)} differences)"
    kinds = {kind for kind, _ in places.lookup_keys().values()}
    assert kinds == {"huidig", "dubbelzinnig", "vroeger"}


@pytest.mark.browser
@pytest.mark.slow
def test_browser_writes_the_same_yaml_as_python(page, form_url: str) -> None:
    open_form(page, form_url)
    sections = {"Aanpak": "Eerst *dit*.\r\n\r\nDan dat.", "Resultaten": "Geld: € 500."}
    for value in TRICKY:
        answers = {"titel": value, "samenvatting": value, "trefwoorden": [value, "x"], "startjaar": 2020, "gemeente": ["Den Haag", value]}
        written = page.evaluate("([a, s]) => window.kbAanmelden.fileText(a, s)", [answers, sections])
        assert written == entry.file_text(answers, sections), repr(value)
    for value in TRICKY:
        answers = {"titel": "x", "bronnen": [{"url": "https://a.nl/" + value.strip(), "titel": value, "geraadpleegd": value}, {"url": value}]}
        written = page.evaluate("(a) => window.kbAanmelden.fileText(a, {})", answers)
        assert written == entry.file_text(answers), repr(value)
    for title in ("Straße ’t Hoekje", "Ĳsselmeer ﬁets", "Café Één!", "---", "", "x" * 70 + " y", "Ærø ØØ"):
        for gemeente in ("GM0518", "landelijk", ["Zwolle", "Utrecht"], "Nergens", "'s-Hertogenbosch"):
            answers = {"titel": title, "gemeente": gemeente}
            assert page.evaluate("(a) => window.kbAanmelden.pathFor(a)", answers) == entry.path_for(answers), (title, gemeente)
        assert page.evaluate("(t) => window.kbAanmelden.slugFor(t)", title) == slug_for(title)


@pytest.mark.browser
@pytest.mark.slow
def test_hostile_text_stays_text(page, form_url: str, tmp_path: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    hostile = {
        "#kb-f-titel": "<img src=x onerror=alert('titel')>",
        "#kb-f-samenvatting": "</code></pre><script>alert('samenvatting')</script> en nog wat tekst",
        "#kb-f-initiatiefnemer": '"><svg onload=alert(1)>',
        "#kb-f-gemeente-1": "<b onmouseover=alert(2)>x</b>",
        "#kb-sectie-2": "<iframe src=javascript:alert(3)></iframe>\n---\ntitel: verstopt",
    }
    text = submit_typed(page, hostile)
    for value in hostile.values():
        assert value.split("\n")[0] in text or json.dumps(value)[1:-1] in text
    assert_nothing_injected(page)
    assert page.locator("script").count() == page.evaluate("() => document.scripts.length")
    assert page.locator("#kb-f-gemeente-fout span").first.text_content() == "onbekende gemeente '<b onmouseover=alert(2)>x</b>'; gebruik de naam of CBS-code (GMxxxx) van een huidige gemeente"
    # The text in the file is the text that was typed, nothing more.
    values = parse(text.encode("utf-8")).values
    assert values["titel"] == hostile["#kb-f-titel"] and values["initiatiefnemer"] == hostile["#kb-f-initiatiefnemer"]


@pytest.mark.browser
@pytest.mark.slow
def test_municipalities_by_keyboard(page, form_url: str) -> None:
    open_form(page, form_url)
    page.focus("#kb-f-gemeente-1")
    page.keyboard.type("The Hague")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "kb-gemeente-erbij"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "kb-f-gemeente-2"
    page.keyboard.type("den bosch")
    assert 'gemeente: [Den Haag, "\'s-Hertogenbosch"]' in preview(page)
    assert page.text_content("label[for=kb-f-gemeente-2]") == "Gemeente 2"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Verwijder gemeente 2"
    page.keyboard.press("Enter")
    assert page.locator("input.kb-gemeente").count() == 1
    assert page.evaluate("() => document.activeElement.id") == "kb-gemeente-erbij"
    assert "gemeente: Den Haag\n" in preview(page)
    page.focus("#kb-f-landelijk")
    page.keyboard.press("Space")
    assert page.is_disabled("#kb-f-gemeente-1") and page.is_disabled("#kb-gemeente-erbij")
    assert "gemeente: landelijk\n" in preview(page)
    assert page.text_content("#kb-bestandsnaam").startswith("initiatives/landelijk/")


@pytest.mark.browser
@pytest.mark.slow
def test_submit_by_keyboard_and_follow_an_error_link(page, form_url: str) -> None:
    open_form(page, form_url)
    page.focus("#kb-f-titel")
    page.keyboard.type("ab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "kb-foutenlijst"
    page.keyboard.press("Tab")
    first = page.evaluate("() => document.activeElement.textContent")
    assert first == "Titel: moet 3 tot 120 tekens lang zijn; nu 2"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "kb-f-titel"


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_problems(browser, form_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        open_form(page, form_url)
        for state in ("empty", "errors shown", "suggestions and the long-file note shown"):
            if state == "errors shown":
                page.fill("#kb-f-website", "www.x")
                page.click("#kb-aanmelden button[type=submit]")
            if state.startswith("suggestions"):
                page.fill("#kb-f-gemeente-1", "Vlisingen")
                page.click("#kb-gemeente-erbij")
                page.fill("#kb-f-gemeente-2", "Weesp")
                page.fill("#kb-sectie-1", long_story() * 3)
                page.keyboard.press("Tab")
                assert page.is_visible("#kb-f-gemeente-1-keuze button") and page.is_visible("#kb-f-gemeente-2-keuze")
                assert page.is_visible("#kb-github-lang")
            violations = axe_violations(page)
            assert not violations, f"{state}:\n{describe_violations(violations)}"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_form_page_is_in_the_navigation(fixture_site: Path) -> None:
    home = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="aanmelden\.html"[^>]*>\s*(?:<span[^>]*>\s*)?Initiatief aanmelden', home)


@pytest.mark.browser
@pytest.mark.slow
def test_a_misspelt_municipality_is_one_click_from_the_suggestion(page, form_url: str) -> None:
    open_form(page, form_url)
    fill_valid(page)
    page.fill("#kb-f-gemeente-1", "Vlisingen")
    page.keyboard.press("Tab")
    assert page.locator("#kb-f-gemeente-fout span").all_text_contents() == ["onbekende gemeente 'Vlisingen'; bedoelde u 'Vlissingen'?"]
    assert page.evaluate("() => document.activeElement.textContent") == "Kies Vlissingen", "the suggestion comes next by keyboard"
    assert "kb-f-gemeente-1-keuze" in page.get_attribute("#kb-f-gemeente-1", "aria-describedby")
    page.keyboard.press("Enter")
    assert page.input_value("#kb-f-gemeente-1") == "Vlissingen"
    assert page.evaluate("() => document.activeElement.id") == "kb-f-gemeente-1"
    assert page.is_hidden("#kb-f-gemeente-fout") and page.is_hidden("#kb-f-gemeente-1-keuze")
    assert "gemeente: Vlissingen\n" in preview(page)
    assert page.text_content("#kb-bestandsnaam").startswith("initiatives/zeeland/")
    # An ambiguous name offers both municipalities; the second row gets its own buttons.
    page.click("#kb-gemeente-erbij")
    page.fill("#kb-f-gemeente-2", "Bergen")
    page.keyboard.press("Tab")
    buttons = page.locator("#kb-f-gemeente-2-keuze button").all_text_contents()
    assert buttons == ["Kies Bergen (L.)", "Kies Bergen (NH.)"]
    page.click("#kb-f-gemeente-2-keuze button >> nth=1")
    assert page.input_value("#kb-f-gemeente-2") == "Bergen (NH.)"
    assert page.text_content("label[for=kb-f-gemeente-2]") == "Gemeente 2"
    assert page.locator("button.kb-verwijder").all_text_contents() == ["Verwijder gemeente 2"]
    assert not page.watch.console_errors


@pytest.mark.browser
@pytest.mark.slow
def test_buttons_work_with_the_mouse_while_messages_appear(page, form_url: str) -> None:
    """Leaving the field by clicking fires the check; its messages must not move the button away mid-click."""
    open_form(page, form_url)
    page.fill("#kb-f-gemeente-1", "Vlisingen")
    assert page.is_visible("text=Kies Vlissingen"), "the suggestion shows while typing"
    page.click("text=Kies Vlissingen")
    assert page.input_value("#kb-f-gemeente-1") == "Vlissingen"
    page.fill("#kb-f-gemeente-1", "Qwxzv")
    page.click("#kb-gemeente-erbij")
    assert page.locator("input.kb-gemeente").count() == 2
    assert page.evaluate("() => document.activeElement.id") == "kb-f-gemeente-2"
    assert page.is_visible("#kb-f-gemeente-fout"), "the message still comes, right after the click"


@pytest.mark.browser
@pytest.mark.slow
def test_a_merged_municipality_warns_like_the_check_and_offers_its_successor(page, form_url: str, tmp_path: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    page.fill("#kb-f-gemeente-1", "Weesp")
    page.keyboard.press("Tab")
    assert page.is_hidden("#kb-f-gemeente-fout"), "the check accepts it, so the form does too"
    text = preview(page)
    path = page.text_content("#kb-bestandsnaam")
    assert path.startswith("initiatives/noord-holland/")
    result = check_text(tmp_path, path, text)
    assert not result.errors and [m.text for m in result.warnings] == [
        "'Weesp' is op 24 maart 2022 opgegaan in Amsterdam; schrijf voortaan 'Amsterdam'"]
    assert page.text_content("#kb-f-gemeente-1-keuze p") == f"Let op: {result.warnings[0].text}."
    page.click("#kb-f-gemeente-1-keuze button")
    assert page.input_value("#kb-f-gemeente-1") == "Amsterdam" and page.is_hidden("#kb-f-gemeente-1-keuze")


def long_story() -> str:
    """A few paragraphs of Dutch with accents, quotes and newlines: each of those costs 3 to 9 bytes in a URL."""
    paragraph = ("Op één zaterdag in mei kwamen ruim tachtig bewoners naar de buurtkamer: ouderen, gezinnen en "
                 "nieuwkomers. „Hier leer je elkaar écht kennen”, zei een van hen. We zetten koffie, thee en "
                 "zelfgebakken appeltaart klaar; daarna praatten we over de plannen voor het plein.\n\n")
    return paragraph * 6


@pytest.mark.browser
@pytest.mark.slow
def test_a_long_entry_goes_to_github_by_the_clipboard(page, fixture_site: Path, serve, fixture_project: Path, capsys) -> None:
    base = serve(fixture_site)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    open_form(page, base + "aanmelden.html")
    fill_valid(page)
    short = page.evaluate("() => window.kbAanmelden.githubRoute(document.getElementById('kb-bestandsnaam').textContent, "
                          "document.getElementById('kb-voorbeeld').textContent)")
    assert not short["long"] and page.is_hidden("#kb-github-lang")
    for number in (1, 2):
        page.fill(f"#kb-sectie-{number}", long_story() * 2)
    route = page.evaluate("() => window.kbAanmelden.githubRoute(document.getElementById('kb-bestandsnaam').textContent, "
                          "document.getElementById('kb-voorbeeld').textContent)")
    limit = page.evaluate("() => window.kbAanmelden.urlLimit")
    with capsys.disabled():
        print(f"\n[url] GitHub URL: ordinary entry {short['length']:,} bytes; long entry "
              f"{route['length']:,} bytes for a {len(preview(page).encode('utf-8')):,}-byte file (limit {limit:,})")
    assert route["long"] and route["length"] > limit
    config = siteconfig.load(fixture_project / "mkdocs.yml")
    href = page.get_attribute("#kb-github", "href")
    path = page.text_content("#kb-bestandsnaam")
    assert href == f"{config.repo_url}/new/{config.branch}?filename={path.replace('/', '%2F')}"
    assert len(href) < limit
    assert page.is_visible("#kb-github-lang") and "te lang" in page.text_content("#kb-github-lang")
    assert page.get_attribute("#kb-github", "aria-describedby") == "kb-github-lang"
    with page.context.expect_page() as opened:
        page.click("#kb-github")
    github = opened.value
    assert github.url == href or href in page.watch.outside_requests
    github.close()
    assert page.url == base + "aanmelden.html", "the form stays open with its instructions"
    assert page.evaluate("() => navigator.clipboard.readText()") == preview(page)
    note = page.text_content("#kb-github-lang")
    assert "staat op het klembord" in note and path in note and "plak" in note
    status = page.wait_for_function("() => document.getElementById('kb-status').textContent").json_value()
    assert status == note


@pytest.mark.browser
@pytest.mark.slow
def test_long_words_wrap_in_the_preview(browser, form_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        open_form(page, form_url)
        page.fill("#kb-f-titel", "Overdreven" * 30)
        page.fill("#kb-f-gemeente-1", "Gemeentehuisplein" * 20)
        page.fill("#kb-f-website", "https://" + "lang" * 80)
        page.fill("#kb-sectie-1", "https://voorbeeld.nl/" + "heel-lang-pad-" * 40 + "\n\n" + "x" * 500)
        page.click("#kb-aanmelden button[type=submit]")  # the errors and the summary repeat the long words
        assert page.is_visible("#kb-f-gemeente-fout") and page.is_visible("#kb-foutenlijst")
        sizes = page.evaluate("""() => {
            const code = document.getElementById('kb-voorbeeld'), pre = code.parentElement;
            const field = document.getElementById('kb-veld-gemeente');
            return {code: [code.scrollWidth, code.clientWidth], pre: [pre.scrollWidth, pre.clientWidth],
                    field: [field.getBoundingClientRect().width, document.documentElement.clientWidth],
                    page: [document.documentElement.scrollWidth, document.documentElement.clientWidth]};
        }""")
        for name, (scroll, client) in sizes.items():
            assert scroll <= client + 1, (name, sizes)
    finally:
        context.close()


SOURCE_LINES = [
    "https://www.voorbeeld.nl/artikel",
    "https://www.voorbeeld.nl/artikel Artikel in de krant 2026-11-30",
    "Jaarverslag 2024: https://www.voorbeeld.nl/jaarverslag.pdf",
    "https://x.nl – Titel met een streepje ervoor",
    "HTTPS://X.NL/HOOFDLETTERS\tmet tab",
    "www.zonder-schema.nl Titel",
    "https://x.nl 2026-02-30",
    "alleen tekst zonder adres",
    "  https://x.nl   ruimte   rondom   ",
    "https://x.nl <script>alert(1)</script> 1-1-2024",
]


def test_source_lines_become_sources() -> None:
    from kennisbank.submission.source_lines import source
    assert source("https://www.voorbeeld.nl/artikel Artikel in de krant 2026-11-30") == {
        "url": "https://www.voorbeeld.nl/artikel", "titel": "Artikel in de krant", "geraadpleegd": "2026-11-30"}
    assert source("Jaarverslag 2024: https://www.voorbeeld.nl/j.pdf") == {"url": "https://www.voorbeeld.nl/j.pdf", "titel": "Jaarverslag 2024"}
    assert source("www.zonder-schema.nl Titel") == {"url": "www.zonder-schema.nl", "titel": "Titel"}  # the check reports it
    assert source("   ") == {}


@pytest.mark.browser
@pytest.mark.slow
def test_browser_reads_source_lines_as_python(page, form_url: str) -> None:
    from kennisbank.submission.source_lines import source
    open_form(page, form_url)
    for line in SOURCE_LINES:
        assert page.evaluate("(line) => window.kbAanmelden.sourceOf(line)", line) == source(line), line


@pytest.mark.browser
@pytest.mark.slow
def test_sources_typed_in_the_form_reach_the_file(page, form_url: str, tmp_path: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    page.fill("#kb-f-bronnen", "https://www.voorbeeld.nl/artikel Artikel in de krant 2024-05-01\n\nhttps://www.voorbeeld.nl/twee\n")
    page.click("#kb-aanmelden button[type=submit]")
    assert page.is_hidden("#kb-foutenlijst")
    result = check_text(tmp_path, page.text_content("#kb-bestandsnaam"), preview(page))
    assert not result.messages, result.messages
    assert result.initiatives[0].value("bronnen") == (
        {"url": "https://www.voorbeeld.nl/artikel", "titel": "Artikel in de krant", "geraadpleegd": "2024-05-01"},
        {"url": "https://www.voorbeeld.nl/twee"},
    )
    page.fill("#kb-f-bronnen", "voorbeeld/artikel Artikel")
    page.click("#kb-aanmelden button[type=submit]")
    assert "Bronnen: bron 1, url: geen geldig webadres: 'voorbeeld/artikel'" in page.text_content("#kb-foutenlijst")


@pytest.mark.browser
def test_an_address_typed_without_https_is_completed_and_said(page, form_url: str, tmp_path: Path) -> None:
    open_form(page, form_url)
    fill_valid(page)
    page.fill("#kb-f-website", "www.groenehoek.nl")
    page.fill("#kb-f-bronnen", "voorbeeld.nl/artikel Artikel in de krant")
    page.focus("#kb-f-titel")  # leaving the field completes it
    assert page.input_value("#kb-f-website") == "https://www.groenehoek.nl"
    assert page.text_content("#kb-f-website-aangevuld") == "We hebben https:// toegevoegd."
    page.click("#kb-aanmelden button[type=submit]")
    assert page.is_hidden("#kb-foutenlijst")
    result = check_text(tmp_path, page.text_content("#kb-bestandsnaam"), preview(page))
    assert not result.errors, result.messages
    assert result.initiatives[0].website == "https://www.groenehoek.nl"
    assert result.initiatives[0].value("bronnen") == ({"url": "https://voorbeeld.nl/artikel", "titel": "Artikel in de krant"},)


KIND_LINE_TEXTS = [
    "Wat werkte: Samen beginnen werkte.\r\nValkuil:te weinig mensen\n\n  TIP-OVERHEID :  geef ruimte: echt ",
    "geen dubbele punt\nOnbekend: z\n: zonder soort\nwerkte:\n\tValkuil\t: tab",
    "",
]


@pytest.mark.browser
@pytest.mark.slow
def test_browser_reads_lesson_lines_as_python_and_writes_the_same_yaml(page, form_url: str) -> None:
    from kennisbank.submission.form_fields import kind_lines

    open_form(page, form_url)
    rule = schema.properties()["lessen"]
    for text in KIND_LINE_TEXTS:
        assert page.evaluate("([t, r]) => window.kbAanmelden.kindLines(t, r)", [text, rule]) == kind_lines(text, rule), repr(text)
    for value in TRICKY:
        answers = {"titel": "Les", "lessen": [{"soort": "werkte", "tekst": value}, {"soort": value, "tekst": "x"}]}
        written = page.evaluate("(a) => window.kbAanmelden.fileText(a, {})", answers)
        assert written == entry.file_text(answers), repr(value)
    answers = {"titel": "Les", "lessen": [{"soort": "werkte", "tekst": value} for value in TRICKY if "\x00" not in value]}
    assert parse(entry.file_text(answers).encode("utf-8")).values["lessen"] == answers["lessen"]


def test_lessons_field_is_one_textarea_with_the_kinds_in_its_help(form_page: str) -> None:
    assert '<textarea id="kb-f-lessen" name="lessen"' in form_page
    assert "&#39;Wat werkte: ...&#39; of &#39;Valkuil: ...&#39; of &#39;Tip voor de gemeente: ...&#39;" in form_page


@pytest.mark.browser
def test_an_address_with_a_scheme_of_its_own_is_not_completed(page, form_url: str) -> None:
    """As web_address.completed: 'javascript:alert(1)' is no host with a port, so the form leaves it as typed."""
    open_form(page, form_url)
    fill_valid(page)
    for typed in ["javascript:alert(1)", "mailto:info@groenehoek.nl"]:
        page.fill("#kb-f-website", typed)
        page.focus("#kb-f-titel")
        assert page.input_value("#kb-f-website") == typed
        page.click("#kb-aanmelden button[type=submit]")
        assert f"geen geldig webadres: '{typed}'" in page.text_content("#kb-foutenlijst")
        assert "https://javascript" not in page.text_content("#kb-foutenlijst")
