"""Organisations and approaches: kinds of entry declared by their schemas, linked to initiatives.

The fixture (tests/fixtures/soorten) holds a provincial organisation, a national fund with hostile
text, an approach, and two initiatives that name them (one with a near miss of a name).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO, axe_violations, build_site, describe_violations, project_copy, run_kennisbank
from kennisbank.entries import areas

SOORTEN = FIXTURES / "soorten"


def project(target: Path) -> Path:
    folder = project_copy(target, SOORTEN / "initiatives")
    for name in ("organisaties", "aanpakken"):
        shutil.copytree(SOORTEN / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(project(tmp_path_factory.mktemp("soorten") / "project"))


def article(site: Path, page: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def test_the_check_links_the_kinds_and_names_near_misses(tmp_path: Path) -> None:
    folder = project(tmp_path / "project")
    result = run_kennisbank(folder, "check")
    assert result.stdout.splitlines() == [
        "initiatives/zeeland/menukaart-vlissingen.md:9: partners: waarschuwing: 'Zeeuwse dorpen steunpunt bv' lijkt op de organisatie "
        "'Zeeuwse Dorpen Steunpunt' in de kennisbank; schrijf de naam zoals daar, dan wijst de pagina naar die organisatie",
        "1 waarschuwing (5 bestanden gecontroleerd)",
    ]
    entry = folder / "initiatives" / "zeeland" / "menukaart-vlissingen.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("aanpakken: [menukaart]", "aanpakken: [menukaarten, buurtbudget]"), encoding="utf-8")
    broken = run_kennisbank(folder, "check", "initiatives/zeeland/menukaart-vlissingen.md")
    assert broken.returncode == 1
    assert ("initiatives/zeeland/menukaart-vlissingen.md:10: aanpakken: onbekende aanpak 'menukaarten'; bedoelde u 'menukaart'? "
            "Kies uit de bestanden in aanpakken/: menukaart") in broken.stdout
    assert "onbekende aanpak 'buurtbudget'. Kies uit de bestanden in aanpakken/: menukaart" in broken.stdout
    assert run_kennisbank(folder, "build").returncode == 1  # what the check refuses, the build does not build


def test_a_werkgebied_is_the_country_or_places_and_never_a_guess() -> None:
    area, findings = areas.resolve(["Gelderland", "provincie Utrecht", "Zwolle", "Friesland"])
    assert area is not None and not findings
    assert [p.naam for p in area.provincies] == ["Gelderland", "Utrecht", "Fryslân"] and [g.naam_gangbaar for g in area.gemeenten] == ["Zwolle"]
    assert areas.resolve("landelijk")[0] == areas.Area(landelijk=True)
    area, findings = areas.resolve(["Utrecht", "Nergenshuizen"])
    assert area is None
    assert findings[0].text == "'Utrecht' is een provincie en een gemeente; schrijf 'provincie Utrecht' of 'gemeente Utrecht'"
    assert findings[1].index == 1 and "Nergenshuizen" in findings[1].text
    assert areas.resolve(["landelijk", "Zeeland"])[1][0].text.startswith("'landelijk' kan niet samen met provincies of gemeenten")


def test_an_organisation_page_says_where_and_how_it_helps(site: Path) -> None:
    html = article(site, "organisaties/zeeuwse-dorpen.html")
    assert '<a href="../provincies/zeeland.html">Zeeland</a>' in html
    assert "Advies, Netwerk" in html and "mailto:info@zeeuwsedorpen.voorbeeld.nl" in html
    assert re.search(r'<h2 id="initiatieven-die-de-organisatie-noemen">.*?<a href="../initiatieven/menukaart-vlissingen.html">Menukaart Vlissingen</a>', html, re.S)
    head = (site / "organisaties" / "zeeuwse-dorpen.html").read_text(encoding="utf-8")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S).group(1))
    assert ld["@type"] == "Organization" and ld["contactPoint"] == {"@type": "ContactPoint", "email": "info@zeeuwsedorpen.voorbeeld.nl"}
    assert ld["areaServed"][0]["name"] == "Zeeland"


def test_an_approach_page_lists_its_initiatives_by_place_with_their_lessons(site: Path) -> None:
    html = article(site, "aanpakken/menukaart.html")
    for heading in ("Wat bewoners doen", "Wat de gemeente doet", "Valkuilen", "Bronnen", "Initiatieven met deze aanpak"):
        assert f">{heading}</h2>" in html, heading
    assert "<strong>Faciliteren:</strong> De gemeente maakt de kaart" in html
    places = re.findall(r"<h3[^>]*>([^<]+)</h3>", html)
    assert places == ["Vlissingen", "Landelijk"]
    assert "<strong>Wat werkte:</strong> De kaart laat zien welke taken" in html


def test_an_initiative_links_its_organisations_and_approaches(site: Path) -> None:
    html = article(site, "initiatieven/menukaart-vlissingen.html")
    assert '<dd><a href="../organisaties/zeeuwse-dorpen.html">Zeeuwse Dorpen Steunpunt</a></dd>' in html
    assert '<a href="../aanpakken/menukaart.html">Menukaart</a>' in html
    assert "Zeeuwse dorpen steunpunt bv, Bibliotheek Vlissingen" in html  # a near miss is not linked


def test_places_and_themes_list_help_nearest_first(site: Path) -> None:
    gemeente = article(site, "gemeenten/vlissingen.html")
    section = gemeente[gemeente.index('id="hulp-en-contacten"'):]
    assert section.index("Zeeuwse Dorpen Steunpunt") < section.index("Landelijk Fonds")
    provincie = article(site, "provincies/zeeland.html")
    assert "Hulp en contacten" in provincie and "Zeeuwse Dorpen Steunpunt" in provincie
    energie = article(site, "themas/energie-klimaat.html")
    assert "Landelijk Fonds" in energie and "Zeeuwse Dorpen Steunpunt" not in energie  # not its theme
    assert "Hulp en contacten" not in article(site, "themas/voedsel.html")


def test_hostile_text_in_the_new_kinds_stays_text(site: Path) -> None:
    for page in ("organisaties/landelijk-fonds.html", "organisaties/index.html", "aanpakken/menukaart.html", "themas/democratie.html",
                 "initiatieven/buurtfonds.html"):
        html = (site / page).read_text(encoding="utf-8")
        body = html[html.index("<body"):]
        assert "<script>alert(" not in body and "<img src=x" not in body and "<iframe" not in body, page
    assert "&lt;script&gt;alert('fonds')&lt;/script&gt;" in article(site, "organisaties/landelijk-fonds.html")


def test_organisations_and_approaches_are_open_data(site: Path) -> None:
    organisations = json.loads((site / "organisaties.json").read_text(encoding="utf-8"))
    assert organisations  # the export format itself is tested in test_kinds
    text = json.dumps(organisations, ensure_ascii=False)
    assert "Zeeuwse Dorpen Steunpunt" in text and "provinciale-ondersteuning" in text
    assert "Menukaart" in (site / "aanpakken.json").read_text(encoding="utf-8")
    assert (site / "organisaties.csv").read_text(encoding="utf-8-sig").startswith("slug;")


def test_the_editors_can_be_reached_from_the_form_footer_and_their_page(site: Path) -> None:
    address = "https://github.com/kennisbank-initiatieven/kennisbank/issues"
    assert f'<a href="{address}">github.com/kennisbank-initiatieven/kennisbank/issues</a>' in article(site, "redactie.html")
    assert f'stuur het naar de redactie: <a href="{address}">' in (site / "aanmelden.html").read_text(encoding="utf-8")
    assert '<a href="redactie.html">Contact met de redactie</a>' in (site / "over.html").read_text(encoding="utf-8")
    assert "Contact met de redactie" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.browser
def test_search_shows_the_named_approach_and_organisation_first_from_disk(page, site: Path) -> None:
    def search(query: str) -> tuple[list[str], list[str]]:
        page.goto((site / "zoeken.html").as_uri() + "?q=" + query)
        # soorten.js arrives after the result list; the page says when it has shown what it names.
        page.wait_for_function("q => document.getElementById('kb-zoeken')?.dataset.soorten === q", arg=query.replace("+", " "))
        kinds = page.locator("#kb-zoek-soorten li").all_inner_texts() if page.is_visible("#kb-zoek-soorten") else []
        return kinds, page.locator("#kb-zoek-resultaten h3").all_inner_texts()

    kinds, results = search("takenkaart")  # an approach's other name
    assert [k.split(" Een ")[0] for k in kinds] == ["Aanpak: Menukaart"]
    kinds, results = search("menukaart")
    assert kinds[0].startswith("Aanpak: Menukaart") and results[0] == "Menukaart Vlissingen"
    assert "Buurtfonds voor het hele land" in results  # it uses the approach: found through aanpakken
    kinds, _ = search("zeeuwse+dorpen+steunpunt")
    assert [k.split(":")[0] for k in kinds] == ["Organisatie"] and "Zeeuwse Dorpen Steunpunt" in kinds[0]
    kinds, _ = search("landelijk+fonds+script+alert+fonds+script")  # hostile text in a name is shown as text, never run
    assert kinds and "<script>alert('fonds')</script>" in kinds[0]
    assert page.locator("#kb-zoek-soorten script, #kb-zoek-soorten img").count() == 0
    kinds, _ = search("buurt")
    assert kinds == []
    assert not page.watch.console_errors and not page.watch.dialogs


@pytest.mark.browser
def test_approaches_are_a_search_filter_from_disk(page, shipped_site: Path) -> None:
    """Aanpak is a facet like Thema: checkboxes with counts, kept in ?aanpak=, the results narrowed to it."""
    using = sorted(yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])["titel"] for path in (REPO / "initiatives").rglob("*.md")
                   if "right-to-challenge" in (yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]).get("aanpakken") or []))
    assert 1 < len(using) <= 10  # one page of results
    page.goto((shipped_site / "zoeken.html").as_uri() + "?aanpak=right-to-challenge")
    page.wait_for_function("() => document.getElementById('kb-zoeken')?.dataset.status === 'klaar'")
    assert page.is_checked("#kb-zoek-aanpak-right-to-challenge")
    assert sorted(page.locator("#kb-zoek-resultaten h3").all_inner_texts()) == using
    page.wait_for_function("() => document.querySelector('label[for=\"kb-zoek-aanpak-right-to-challenge\"]').innerText.includes('(')")
    assert page.locator('label[for="kb-zoek-aanpak-right-to-challenge"]').inner_text() == f"Right to Challenge ({len(using)})"
    # Combined with a theme, the counts of the approaches follow the theme (and the theme's follow the approach).
    page.check("#kb-zoek-thema-democratie")
    page.wait_for_function("() => location.search.includes('thema=democratie') && location.search.includes('aanpak=right-to-challenge')")
    page.uncheck("#kb-zoek-aanpak-right-to-challenge")
    page.wait_for_function("() => !location.search.includes('aanpak')")
    used = {slug for path in (REPO / "initiatives").rglob("*.md")
            for slug in yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]).get("aanpakken") or []}
    offered = page.locator("#kb-zoek-aanpak input").evaluate_all("inputs => inputs.map(i => i.value)")
    assert sorted(offered) == sorted(used)  # only approaches in use are offered
    assert not page.watch.console_errors and not page.watch.dialogs


def test_nieuw_writes_a_skeleton_of_each_further_kind_and_refuses_the_rest(tmp_path: Path) -> None:
    made = run_kennisbank(tmp_path, "nieuw", "--soort", "organisatie", "--titel", "Steunpunt Voorbeeld", "--thema", "democratie")
    assert made.returncode == 0, made.stderr
    text = (tmp_path / "organisaties" / "steunpunt-voorbeeld.md").read_text(encoding="utf-8")
    assert "titel: Steunpunt Voorbeeld\n" in text and "\nwerkgebied:\n" in text and "## Wat de organisatie doet" in text
    assert "werkgebied: mag niet leeg zijn" in made.stdout  # the check names what is left to fill in
    approach = run_kennisbank(tmp_path, "nieuw", "--soort", "aanpak", "--titel", "Buurtrecht")
    assert approach.returncode == 0 and (tmp_path / "aanpakken" / "buurtrecht.md").is_file()
    escape = run_kennisbank(tmp_path, "nieuw", "--soort", "aanpak", "--titel", "X", "--slug", "../../ontsnapt")
    assert escape.returncode == 2 and not (tmp_path.parent / "ontsnapt.md").exists()
    unknown = run_kennisbank(tmp_path, "nieuw", "--soort", "boek", "--titel", "X")
    assert unknown.returncode == 2 and "onbekende soort 'boek'; kies uit: aanpak, organisatie" in unknown.stderr


def test_an_organisation_issue_becomes_a_checked_file(tmp_path: Path) -> None:
    from kennisbank.submission import organisation_issue

    body = (FIXTURES / "issues" / "organisatie.md").read_text(encoding="utf-8")
    outcome = organisation_issue.submit(body, tmp_path / "organisaties", dt.date(2026, 12, 7))
    assert outcome.ok, outcome.messages
    text = outcome.target.read_text(encoding="utf-8")
    assert outcome.target.name == "steunpunt-dorpen-voorbeeld.md"
    assert "werkgebied: [Gelderland, provincie Utrecht]" in text and "biedt: [advies, netwerk]" in text
    assert "soort: provinciale-ondersteuning" in text and "## Wat de organisatie doet" in text
    assert "<script>alert('org')</script> blijft tekst." in text  # kept as typed; the page shows it as text
    broken = body.replace("provincie Utrecht", "Utrecht")
    refused = organisation_issue.submit(broken, tmp_path / "fout", dt.date(2026, 12, 7))
    assert not refused.ok and not (tmp_path / "fout" / "steunpunt-dorpen-voorbeeld.md").exists()
    assert "'Utrecht' is een provincie en een gemeente" in organisation_issue.comment(refused)


def test_the_organisation_issue_form_is_generated_from_its_schema() -> None:
    from kennisbank.submission import organisation_issue

    assert (REPO / ".github" / "ISSUE_TEMPLATE" / "organisatie.yml").read_text(encoding="utf-8") == organisation_issue.issue_template(), \
        "regenerate: python -m kennisbank.submission.organisation_issue"


@pytest.mark.browser
def test_the_organisation_form_writes_a_file_the_check_accepts(page, site: Path, tmp_path: Path) -> None:
    page.goto((site / "organisatie-aanmelden.html").as_uri())
    page.wait_for_function("() => window.kbAanmelden !== undefined")
    page.fill("#kb-f-titel", "Steunpunt Dorpen Voorbeeld")
    page.fill("#kb-f-samenvatting", "Een steunpunt dat dorpsraden in twee provincies helpt met advies en een netwerk.")
    page.select_option("#kb-f-soort", "provinciale-ondersteuning")
    page.fill("#kb-f-werkgebied", "Gelderland\nUtrecht\n")
    page.check("#kb-f-themas-democratie")
    page.fill("#kb-f-biedt", "advies\nnetwerk\n")
    page.fill("#kb-f-website", "https://steunpunt.voorbeeld.nl")
    page.fill("#kb-f-bronnen", "https://steunpunt.voorbeeld.nl/over Over het steunpunt 2026-12-01")
    page.fill("#kb-sectie-1", "Het steunpunt helpt dorpen. <b>vet</b> blijft tekst.")
    page.click("#kb-aanmelden button[type=submit]")
    shown = page.locator("#kb-f-werkgebied-fout span").all_text_contents()
    assert shown == ["'Utrecht' is een provincie en een gemeente; schrijf 'provincie Utrecht' of 'gemeente Utrecht'"]
    page.fill("#kb-f-werkgebied", "Gelderland\nprovincie Utrecht\n")
    page.click("#kb-aanmelden button[type=submit]")
    assert page.is_hidden("#kb-foutenlijst")
    path = page.text_content("#kb-bestandsnaam")
    assert path == "organisaties/steunpunt-dorpen-voorbeeld.md"
    target = tmp_path / path
    target.parent.mkdir(parents=True)
    target.write_text(page.text_content("#kb-voorbeeld"), encoding="utf-8")
    result = run_kennisbank(tmp_path, "check", "organisaties")
    assert (result.returncode, result.stdout.strip()) == (0, "1 bestand gecontroleerd: alles in orde"), result.stdout
    assert page.locator(".kb-aanmelden b").count() == 0 and not page.watch.console_errors


@pytest.mark.browser
def test_the_organisation_form_says_when_an_organisation_seems_to_exist(page, site: Path) -> None:
    """The rule of the check (entries/kind_checks.py), run in the browser on the published organisations."""
    page.goto((site / "organisatie-aanmelden.html").as_uri())
    page.wait_for_function("() => window.kbAanmelden !== undefined")
    assert page.is_hidden("#kb-bestaat") or page.locator("#kb-bestaat").count() == 0
    page.fill("#kb-f-titel", "Zeeuwse Dorpen-Steunpunt")  # one typing slip from 'Zeeuwse Dorpen Steunpunt'
    page.locator("#kb-f-titel").blur()
    page.wait_for_selector("#kb-bestaat li")
    assert page.text_content("#kb-bestaat .kb-bestaat__kop") == "Bestaat deze organisatie al?"
    assert page.locator("#kb-bestaat li").all_inner_texts() == ["Zeeuwse Dorpen Steunpunt (vrijwel dezelfde naam)"]
    assert page.get_attribute("#kb-bestaat li a", "href") == "organisaties/zeeuwse-dorpen.html"
    page.fill("#kb-f-titel", "Een heel ander steunpunt")
    page.fill("#kb-f-website", "https://www.zeeuwsedorpen.voorbeeld.nl/")
    page.locator("#kb-f-website").blur()
    page.wait_for_function("() => document.querySelector('#kb-bestaat li') && document.querySelector('#kb-bestaat li').innerText.includes('website')")
    assert page.locator("#kb-bestaat li").all_inner_texts() == ["Zeeuwse Dorpen Steunpunt (zelfde website)"]
    page.fill("#kb-f-website", "https://elders.voorbeeld.nl")
    page.locator("#kb-f-website").blur()
    page.wait_for_function("() => document.getElementById('kb-bestaat').hidden")
    assert not page.watch.console_errors


def test_an_organisation_written_twice_gets_the_look_alike_warning(tmp_path: Path) -> None:
    folder = project(tmp_path / "project")
    original = (folder / "organisaties" / "zeeuwse-dorpen.md").read_text(encoding="utf-8")
    (folder / "organisaties" / "zeeuws-dorpensteunpunt.md").write_text(
        original.replace("titel: Zeeuwse Dorpen Steunpunt", "titel: Steunpunt voor Zeeuwse dorpen"), encoding="utf-8")
    (folder / "organisaties" / "zz-zeeuwse-dorpen.md").write_text(
        original.replace("https://zeeuwsedorpen.voorbeeld.nl\n", "https://ander.voorbeeld.nl\n").replace("Zeeuwse Dorpen Steunpunt", "Zeeuwse Dorpen-Steunpunt"),
        encoding="utf-8")
    result = run_kennisbank(folder, "check", "organisaties")
    lines = [line for line in result.stdout.splitlines() if "lijkt op" in line]
    assert lines == [
        "organisaties/zeeuwse-dorpen.md:1: website: waarschuwing: lijkt op 'organisaties/zeeuws-dorpensteunpunt.md' (zelfde website); "
        "is het dezelfde organisatie, vul dan dat bestand aan",
        "organisaties/zz-zeeuwse-dorpen.md:1: titel: waarschuwing: lijkt op 'organisaties/zeeuws-dorpensteunpunt.md' (vrijwel dezelfde naam); "
        "is het dezelfde organisatie, vul dan dat bestand aan",
    ]


@pytest.mark.browser
@pytest.mark.parametrize("name", ["organisaties/landelijk-fonds.html", "organisaties/index.html", "aanpakken/menukaart.html",
                                  "gemeenten/goes.html", "gemeenten/haren.html", "redactie.html", "organisatie-aanmelden.html"])
def test_the_new_pages_pass_axe(page, site: Path, name: str) -> None:
    page.goto((site / name).as_uri())
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    assert not page.watch.dialogs  # from disk, Material's own fetches log errors that the site's other axe tests also leave aside
