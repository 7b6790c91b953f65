"""Generated Markdown, compared with reviewed golden files (KENNISBANK_UPDATE_GOLDEN=1 rewrites them)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from golden import assert_golden
from kennisbank import urls
from kennisbank.entries import meetings as meeting_files
from kennisbank.entries.validate import check_paths
from kennisbank.pages.listing import all_pages
from kennisbank.pages.templating import mdtext
from kennisbank.site import config as siteconfig

GOLDEN = Path(__file__).resolve().parent / "golden" / "pages"
TODAY = dt.date(2026, 11, 28)
PAGES = (
    "index.md", "initiatieven/buurtmoestuin-delfshaven.md", "initiatieven/zorgcooperatie-zeeland.md",
    "initiatieven/kwaadaardig-initiatief.md", "themas/index.md", "themas/voedsel.md", "gemeenten/vlissingen.md",
    "provincies/zeeland.md", "provincies/index.md", "landelijk.md", "themas/sport-bewegen.md", "provincies/drenthe.md",
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    result = check_paths([FIXTURES / "site" / "initiatives"])
    assert result.errors == []
    # Sources as the build sees them: relative to the project root.
    initiatives = [replace(i, source=i.source.split("site/", 1)[1]) for i in result.initiatives]
    found = meeting_files.check_meetings([FIXTURES / "site" / "bijeenkomsten"], {i.slug for i in initiatives})
    assert found.errors == []
    config = replace(siteconfig.load(REPO / "mkdocs.yml"), docs_dir=tmp_path_factory.mktemp("docs"))
    return dict(all_pages(initiatives, config, TODAY, found.meetings))


@pytest.mark.parametrize("page", PAGES)
def test_generated_page_matches_golden(generated: dict[str, str], page: str) -> None:
    assert_golden(generated[page], GOLDEN / page)


def test_every_theme_and_province_gets_a_page(generated: dict[str, str]) -> None:
    assert sum(p.startswith("themas/") for p in generated) == 15 + 1
    assert sum(p.startswith("provincies/") for p in generated) == 12 + 1


@pytest.mark.parametrize(
    ("here", "target", "expected"),
    [
        ("index.md", "themas/wonen.md", "themas/wonen.md"),
        ("themas/wonen.md", "initiatieven/x.md", "../initiatieven/x.md"),
        ("initiatieven/x.md", "initiatieven/y.md", "y.md"),
        ("gemeenten/a.md", "landelijk.md", "../landelijk.md"),
    ],
)
def test_markdown_links_point_at_the_source_page(here: str, target: str, expected: str) -> None:
    """MkDocs resolves (and validates) links to .md files; it publishes them as .html."""
    assert urls.link(here, target) == expected
    assert urls.html_link(here, target) == expected.removesuffix(".md") + ".html"


def test_mdtext_escapes_html_and_markdown() -> None:
    assert str(mdtext("<b>[x](javascript:y)</b> *z*")) == r"&lt;b&gt;\[x\](javascript:y)&lt;/b&gt; \*z\*"


TRICKY = [
    "1. eerste", "- lijst", "+ plus", ": definitie", "C# en F#", "a { onclick=x }", "10.5 procent", "2024.",
    "<b>[x](javascript:y)</b> *z* _u_ `c` |p| ~s~", "&#39; &amp; & < >", "![beeld](x.png)", "\\ backslash \\*",
    "# kop", "> citaat", "Zuid-Holland (ZH)", "*", "_", "[", "{: .x }", "!!! note", "a  b",
]


@pytest.mark.parametrize("text", TRICKY)
def test_mdtext_shows_the_text_exactly_in_every_place_it_is_used(text: str) -> None:
    """Title, panel value, card line and link text: the reader sees exactly what was typed."""
    import html
    import re

    import markdown

    converter = markdown.Markdown(extensions=["attr_list", "def_list", "md_in_html", "tables", "admonition", "toc"])
    value = mdtext(text)
    source = f"# {value}\n\nTerm\n:   {value}\n\n-   [{value}](x.md)\n\n    {value}\n    {{ .kb-card__summary }}\n"
    out = converter.convert(source)
    seen = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", part)).split())
            for part in re.findall(r"<(?:h1|dd|a|p)[^>]*>(.*?)</(?:h1|dd|a|p)>", out, re.S)]
    expected = " ".join(text.split())
    assert seen.count(expected) >= 4, (out, seen)


# ---------- what the pages say (issue 27: figures, panel, sources, empty lists) ----------

def test_home_figures_say_what_they_count(generated: dict[str, str]) -> None:
    """"11 provincies" next to a tile "De twaalf provincies" did not add up: each figure names its whole."""
    from kennisbank.entries import places
    from kennisbank.entries.themes import themas

    home = generated["index.md"]
    assert "**6** initiatieven" in home
    assert f"**5** van de {len(places.gemeenten())} gemeenten" in home
    assert f"**3** van de {len(places.provincies())} provincies" in home
    assert f"**8** van de {len(themas())} thema's" in home
    assert 'title: "Start"' in home and "Home" not in home


def test_panel_shows_the_first_facts_before_the_rest_which_folds(generated: dict[str, str]) -> None:
    """Place, status, period and how to reach it come first; everything else under "Meer gegevens"."""
    import re

    page = generated["initiatieven/buurtmoestuin-delfshaven.md"]
    first = page.split('<div class="kb-meta" markdown>', 1)[1].split("</div>", 1)[0]
    more = page.split('<details class="kb-meta kb-meta--meer kb-uitklap" markdown>\n<summary>Meer gegevens</summary>', 1)[1].split("</details>", 1)[0]
    labels = lambda text: re.findall(r"^(\S[^\n]*)\n:   ", text, re.M)  # noqa: E731
    assert labels(first) == ["Gemeente", "Status", "Looptijd", "Website"]
    assert labels(more) == ["Provincie", "Thema's", "Initiatiefnemer", "Rol van de overheid", "Partners", "Trefwoorden", "Bijgewerkt op"]
    assert page.index("</details>") < page.index("## Aanpak")
    contact = generated["initiatieven/zorgcooperatie-zeeland.md"].split("</div>", 1)[0]
    assert "Contact\n:   [info@voorbeeld.nl]" in contact


def test_missing_sources_are_a_quiet_note_with_a_way_to_add_one(generated: dict[str, str]) -> None:
    how = "[Zo voegt u een bron toe](../meedoen.md#een-bron-toevoegen)."
    without = generated["initiatieven/zorgcooperatie-zeeland.md"]
    assert f"Deze pagina noemt nog geen bron voor haar gegevens. Kent u een openbare pagina die ze bevestigt? {how}\n{{ .kb-bijdragen }}" in without
    with_sources = generated["initiatieven/buurtmoestuin-delfshaven.md"]
    assert f"Mist u een bron voor een feit op deze pagina? {how}\n{{ .kb-bijdragen }}" in with_sources
    assert with_sources.index("## Bronnen") < with_sources.index("Mist u een bron")
    assert "\n## Een bron toevoegen\n" in (REPO / "docs" / "meedoen.md").read_text(encoding="utf-8")


def test_shipped_entries_have_no_internal_wording() -> None:
    """No heading "Nog zonder bron" and no source titled "...: het artikel ... staat op deze site"."""
    result = check_paths([REPO / "initiatives"])
    for entry in result.initiatives:
        assert "Nog zonder bron" not in entry.body, entry.slug
        for source in entry.value("bronnen") or ():
            assert "staat op deze site" not in source.get("titel", ""), (entry.slug, source)


def test_every_empty_list_says_what_it_would_show_and_how_to_add_to_it(tmp_path: Path) -> None:
    from kennisbank.pages import agenda, lessons, news

    config = replace(siteconfig.load(REPO / "mkdocs.yml"), docs_dir=tmp_path)
    pages = dict(all_pages([], config, TODAY, []))
    pages.update([agenda.agenda_page([], TODAY), news.news_page([]), lessons.lessons_page([])])
    empty = ["index.md", "landelijk.md", "agenda.md", "nieuw.md", "lessen.md"]
    empty += [p for p in pages if p.startswith(("themas/", "provincies/")) and not p.endswith("index.md")]
    assert len(empty) == 5 + 15 + 12
    for path in empty:
        page = pages[path]
        notes = [block for block in page.split("\n\n") if block.rstrip("\n").endswith("{ .kb-leeg }")]
        assert notes, f"{path} has an empty list without a word"
        submit = "bijeenkomst-aanmelden.md" if path == "agenda.md" else "aanmelden.md"
        assert all(f"{urls.link(path, submit)})" in note and "hier" in note.lower() for note in notes), (path, notes)
        assert '<div class="kb-cards" markdown>\n\n</div>' not in page, path
    # One note: with no meeting at all there is no "Eerdere bijeenkomsten" heading to explain.
    assert pages["agenda.md"].count("{ .kb-leeg }") == 1 and "## Eerdere bijeenkomsten" not in pages["agenda.md"]
