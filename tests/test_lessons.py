"""Lessons learned (`lessen`): the field, its section on the initiative page, search, the page 'Lessen'
and its filter (in Chromium, from disk)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, axe_violations, describe_violations
from kennisbank.entries import fields
from kennisbank.entries.validate import check_paths
from kennisbank.search import index, text
from kennisbank.submission.form_fields import kind_lines

SITE_INITIATIVES = FIXTURES / "site" / "initiatives"


def lessons_html(site: Path) -> str:
    return (site / "lessen.html").read_text(encoding="utf-8")


def test_the_field_is_declared_once_with_its_section_and_kinds() -> None:
    field = fields.by_name()["lessen"]
    assert field.section == "Lessen" and "panel" not in field.show and "export" in field.show
    assert field.item_fields["soort"].labels == {"werkte": "Wat werkte", "valkuil": "Valkuil", "tip-overheid": "Tip voor de gemeente"}
    assert [f.name for f in fields.sections()] == ["rol_toelichting", "lessen", "bronnen"]


def test_lesson_lines_become_objects() -> None:
    from kennisbank.entries import schema

    rule = schema.properties()["lessen"]
    assert kind_lines("Wat werkte: Samen.\n\nVALKUIL : Te laat: echt\nzonder soort\nOnbekend: x", rule) == [
        {"soort": "werkte", "tekst": "Samen."},
        {"soort": "valkuil", "tekst": "Te laat: echt"},
        {"tekst": "zonder soort"},
        {"soort": "Onbekend", "tekst": "x"},
    ]


def test_lessons_are_searchable() -> None:
    result = check_paths([SITE_INITIATIVES])
    built = index.build(result.initiatives)
    [term] = text.terms("overeenkomst")
    slugs = {built.initiatives[number].slug for number, _ in built.postings[term]}
    assert slugs == {"buurtmoestuin-delfshaven"}  # only its lesson has the word


def test_initiative_page_shows_its_lessons_as_a_section(fixture_site: Path) -> None:
    page = (fixture_site / "initiatieven" / "menukaart-vlissingen.html").read_text(encoding="utf-8")
    section = page[page.index('<h2 id="lessen">Lessen</h2>'):]
    assert section.index("<strong>Wat werkte:</strong> Een vaste kaart") < section.index("<strong>Tip voor de gemeente:</strong> Laat bewoners")
    assert "<dt>Lessen</dt>" not in page  # not in the panel
    plain = (fixture_site / "initiatieven" / "zorgcooperatie-zeeland.html").read_text(encoding="utf-8")
    assert 'id="lessen"' not in plain


def test_lessons_page_groups_by_theme_and_links_each_lesson(fixture_site: Path) -> None:
    page = lessons_html(fixture_site)
    headings = re.findall(r'<h2 id="([a-z-]+)">', page)
    assert headings == ["openbare-ruimte", "voedsel", "digitaal"]  # the themes' order, only first themes with lessons
    items = re.findall(r'<li data-rol="([a-z]*)" data-soort="([a-z-]+)">(.*?)</li>', page, re.S)
    assert len(items) == 6  # 6 lessons, each once (under its initiative's first theme)
    assert "6 lessen uit 3 initiatieven" in page
    tip = next(body for rol, soort, body in items if soort == "tip-overheid" and rol == "loslaten")
    assert '<a href="initiatieven/menukaart-vlissingen.html">Menukaart Vlissingen</a>' in tip
    assert "Rol van de overheid: Loslaten." in tip
    assert '<script src="assets/lessen.js" defer></script>' in page
    assert (fixture_site / "assets" / "lessen.js").is_file()


def test_hostile_lessons_stay_text(fixture_site: Path) -> None:
    for page in (lessons_html(fixture_site), (fixture_site / "initiatieven" / "kwaadaardig-initiatief.html").read_text(encoding="utf-8")):
        assert "<script>alert('les')" not in page and "<img src=x onerror=alert('tip')" not in page
        assert "&lt;script&gt;alert('les')&lt;/script&gt;" in page
        assert "onclick=alert(1)" not in re.sub(r"\{ onclick=alert\(1\) \}", "", page)  # shown as text only
        assert "&lt;/li&gt;&lt;/ul&gt;&lt;b&gt;" in page


def test_shipped_lessons_pass_the_check() -> None:
    result = check_paths([REPO / "initiatives"])
    assert not result.errors
    with_lessons = [i.slug for i in result.initiatives if i.value("lessen")]
    assert len(with_lessons) >= 3


@pytest.mark.browser
@pytest.mark.slow
def test_filter_by_kind_and_role_from_disk(page, fixture_site: Path) -> None:
    page.goto((fixture_site / "lessen.html").as_uri())
    page.wait_for_selector("#kb-lessen-soort")
    visible = "() => [...document.querySelectorAll('.kb-lessen li')].filter((li) => !li.hidden).length"
    assert page.evaluate(visible) == 6
    assert page.text_content(".kb-lessen-aantal") == "6 lessen getoond."  # the same count as the page's intro
    page.select_option("#kb-lessen-soort", "tip-overheid")
    page.select_option("#kb-lessen-rol", "loslaten")
    assert page.evaluate(visible) == 1  # Menukaart's tip
    assert page.text_content(".kb-lessen-aantal") == "1 les getoond."
    shown = page.evaluate("() => [...document.querySelectorAll('.kb-lessen h2')].filter((h) => !h.hidden).map((h) => h.id)")
    assert shown == ["openbare-ruimte"]
    assert "soort=tip-overheid" in page.url and "rol=loslaten" in page.url
    page.reload()  # the choice survives in the address
    page.wait_for_selector("#kb-lessen-soort")
    assert page.evaluate(visible) == 1
    page.select_option("#kb-lessen-rol", "")
    assert page.evaluate(visible) == 3  # every tip: Menukaart's, Buurtmoestuin's and the hostile one
    assert not page.watch.console_errors and not page.watch.outside_requests and not page.watch.dialogs


@pytest.mark.browser
@pytest.mark.slow
def test_filter_is_usable_by_keyboard_and_accessible(page, fixture_site: Path) -> None:
    page.goto((fixture_site / "lessen.html").as_uri())
    page.wait_for_selector("#kb-lessen-soort")
    page.focus("#kb-lessen-soort")
    page.keyboard.press("ArrowDown")  # Alle -> Wat werkte
    assert page.evaluate("() => document.getElementById('kb-lessen-soort').value") == "werkte"
    assert page.text_content(".kb-lessen-aantal") == "2 lessen getoond."
    assert page.get_by_label("Rol van de overheid").count() == 1
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
