"""The built site: pages per initiative, theme, municipality and province; links; edit URLs; safety."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_kennisbank
from kennisbank.entries import places

HOSTILE = "initiatieven/kwaadaardig-initiatief.html"
HOSTILE_MEETING = "bijeenkomsten/kwaadaardige-bijeenkomst.html"


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_every_page_type_is_built(fixture_site: Path) -> None:
    for page in (
        "index.html", "initiatieven/buurtmoestuin-delfshaven.html", "themas/index.html", "themas/voedsel.html",
        "themas/veiligheid.html", "gemeenten/index.html", "gemeenten/rotterdam.html", "gemeenten/amsterdam.html",
        "provincies/index.html", "provincies/zeeland.html", "provincies/fryslan.html", "landelijk.html", "zoeken.html",
    ):
        assert (fixture_site / page).is_file(), page
    # Every municipality has a page, and so has every name merged away since 2013.
    current = {g.slug for g in places.gemeenten()}
    former = {places.slugify(h.oude_naam) for h in places.herindelingen()} - current
    built = {p.stem for p in (fixture_site / "gemeenten").glob("*.html") if p.name != "index.html"}
    assert built == current | former and len(former) > 80
    empty = read(fixture_site, "gemeenten/groningen.html")
    assert "Er staan nog geen initiatieven uit Groningen in de kennisbank." in empty
    assert '<a href="../aanmelden.html?gemeente=Groningen">Meld een initiatief in Groningen aan</a>' in empty
    near = re.findall(r'<li><a href="../initiatieven/[^"]+">[^<]+</a>: ([^,<]+), (\d+) km</li>', empty)
    assert near and [int(km) for _, km in near] == sorted(int(km) for _, km in near), near
    haren = read(fixture_site, "gemeenten/haren.html")
    assert "De gemeente Haren bestaat sinds 1 januari 2019 niet meer: zij is opgegaan in" in haren and 'href="groningen.html"' in haren


def test_initiative_page_shows_metadata_with_links(fixture_site: Path) -> None:
    html = read(fixture_site, "initiatieven/zorgcooperatie-zeeland.html")
    assert "<h1" in html and "Zorgcoöperatie Walcheren" in html
    assert '<a href="../gemeenten/vlissingen.html">Vlissingen</a>, <a href="../gemeenten/middelburg.html">Middelburg</a>' in html
    assert '<a href="../provincies/zeeland.html">Zeeland</a>' in html
    assert '<a href="../themas/zorg-welzijn.html">Zorg en welzijn</a>' in html
    assert "sinds 2012" in html and "Stimuleren" in html
    assert 'href="mailto:info@voorbeeld.nl"' in html
    assert "<dt>Bijgewerkt op</dt>\n<dd>15 maart 2020</dd>" in html
    # Checked more than two years ago: a visible notice.
    assert 'class="admonition warning"' in html and "meer dan twee jaar geleden" in html
    assert 'class="admonition warning"' not in read(fixture_site, "initiatieven/energiecooperaties-nederland.html")


def test_edit_link_opens_the_source_file_not_the_generated_one(fixture_site: Path) -> None:
    html = read(fixture_site, "initiatieven/menukaart-vlissingen.html")
    edit = "https://github.com/kennisbank-initiatieven/kennisbank/edit/main/initiatives/zeeland/menukaart-vlissingen.md"
    assert f'href="{edit}"' in html
    assert "build/docs" not in html
    # Hand-written pages keep MkDocs' own edit link into docs/.
    assert 'href="https://github.com/kennisbank-initiatieven/kennisbank/edit/main/docs/over.md"' in read(fixture_site, "over.html")


def test_merged_municipality_counts_for_todays_municipality(fixture_site: Path) -> None:
    html = read(fixture_site, "gemeenten/amsterdam.html")
    assert "Buurtbus Weesp" in html
    overview = read(fixture_site, "gemeenten/index.html")
    assert '<li><a href="amsterdam.html">Amsterdam</a> (1)</li>' in overview
    article = overview[overview.index("<article"):overview.index("</article>")]
    assert '<li><a href="groningen.html">Groningen</a></li>' in article and "(0)" not in article  # no wall of zeros
    assert len(re.findall(r"<li>", overview)) >= 342
    first, everything = overview.split('id="alle-gemeenten-per-provincie"', 1)
    assert "amsterdam.html" in first and "groningen.html" not in first  # those with entries lead


def test_relative_links_between_initiatives_resolve(fixture_site: Path) -> None:
    html = read(fixture_site, "initiatieven/buurtmoestuin-delfshaven.html")
    assert 'href="zorgcooperatie-zeeland.html"' in html
    assert (fixture_site / "initiatieven" / "zorgcooperatie-zeeland.html").is_file()


def test_similar_initiatives_are_listed(fixture_site: Path) -> None:
    html = read(fixture_site, "initiatieven/menukaart-vlissingen.html")
    section = html.split('id="vergelijkbare-initiatieven"', 1)[1]
    linked = re.findall(r'<li>\n<p><a href="([^"]+)"', section)
    assert 3 <= len(linked) <= 5
    # Same municipality ranks first.
    assert linked[0] == "zorgcooperatie-zeeland.html"


def test_national_initiatives_have_their_own_page(fixture_site: Path) -> None:
    html = read(fixture_site, "landelijk.html")
    assert "Energiecoöperaties in Nederland" in html and "Buurtmoestuin" not in html


def test_build_refuses_invalid_initiatives(tmp_path: Path) -> None:
    from conftest import FIXTURES, project_copy

    project = project_copy(tmp_path / "p", FIXTURES / "broken" / "initiatives")
    result = run_kennisbank(project, "build")
    assert result.returncode == 1
    assert "de site wordt niet gebouwd zolang er fouten zijn" in result.stderr
    assert "alles-fout.md:6: status" in result.stderr
    assert not (project / "site").exists()


def test_generated_files_stay_out_of_docs_and_initiatives(fixture_project: Path, fixture_site: Path) -> None:
    assert not list((fixture_project / "docs").rglob("initiatieven"))
    assert all(p.suffix == ".md" for p in (fixture_project / "initiatives").rglob("*") if p.is_file())
    assert (fixture_project / "build" / "docs" / "initiatieven" / "menukaart-vlissingen.md").is_file()


# --- hostile input -------------------------------------------------------------------------------

class ElementCollector(HTMLParser):
    """Every element with its attributes, and the text of every script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        # Data blocks (JSON-LD) are not run; their escaping is tested with the exports.
        self._in_script = tag == "script" and dict(attrs).get("type") in (None, "text/javascript", "module")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


@pytest.mark.parametrize(("page_path", "title"), [(HOSTILE, "titel"), (HOSTILE_MEETING, "bijeenkomst")])
def test_hostile_values_are_escaped_everywhere_in_the_html(fixture_site: Path, page_path: str, title: str) -> None:
    html = read(fixture_site, page_path)
    parsed = ElementCollector()
    parsed.feed(html)
    handlers = [(tag, name) for tag, attrs in parsed.elements for name in attrs if name.startswith("on")]
    assert handlers == []
    urls = [value for _, attrs in parsed.elements for name, value in attrs.items() if name in ("href", "src", "action") and value]
    assert [u for u in urls if re.match(r"^\s*(javascript|data|vbscript):", u, re.I)] == []
    article = ElementCollector()
    article.feed(html.split("<article", 1)[1].split("</article>", 1)[0])
    # The theme's own icons sit in the edit button; nothing else of this kind may appear.
    inserted = [tag for tag, attrs in article.elements if tag in ("iframe", "img", "style", "form", "svg", "object", "embed")]
    assert inserted in ([], ["svg"]), inserted
    assert [s for s in parsed.scripts if "alert" in s] == []
    assert [attrs for tag, attrs in parsed.elements if tag == "meta" and attrs.get("http-equiv")] == []
    # The values are shown as text instead.
    assert f"&lt;script&gt;alert(&#39;{title}&#39;)&lt;/script&gt;" in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title


@pytest.mark.parametrize("page_path", [HOSTILE, "index.html", "themas/digitaal.html", "gemeenten/den-haag.html", "provincies/zuid-holland.html",
                                       HOSTILE_MEETING, "agenda.html"])
def test_hostile_entry_runs_no_script_in_a_real_browser(fixture_site: Path, serve, page, page_path: str) -> None:
    page.goto(serve(fixture_site) + page_path)
    page.wait_for_load_state("load")
    # Fire the events an injected handler would wait for, on every element of the content.
    page.evaluate("""() => document.querySelectorAll('article *').forEach(e => {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'load', 'error', 'animationstart']) {
            e.dispatchEvent(new Event(type));
        }
    })""")
    # Handlers run inside dispatchEvent; one more task lets any timer of zero delay they set run too.
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 0))")
    injected = page.evaluate("""() => [
        ...document.querySelectorAll('main img, main iframe, main svg script, main [onclick], main [onerror], main [onmouseover], main [ontoggle], main form[action^="javascript"], main meta, main style')
    ].map(e => e.outerHTML)""")
    assert page.watch.dialogs == []
    assert injected == []
    assert page.watch.outside_requests == []


def body_of(html: str) -> str:
    """The submitted text of an initiative page: after the metadata panel, before the similar initiatives."""
    return html.split('class="kb-meta"', 1)[1].split("</dl>\n</div>", 1)[1].split('id="vergelijkbare-initiatieven"', 1)[0]


def meeting_body_of(html: str) -> str:
    """The submitted text of a meeting page: after the metadata panel and the calendar link, to the end of the article."""
    return html.split('class="kb-meta"', 1)[1].split("</dl>\n</div>", 1)[1].split("</article>", 1)[0].split("</p>", 1)[1]


@pytest.mark.parametrize(("page_path", "body"), [(HOSTILE, body_of), (HOSTILE_MEETING, meeting_body_of)])
def test_body_links_keep_only_safe_schemes(fixture_site: Path, page_path: str, body) -> None:
    html = read(fixture_site, page_path)
    parsed = ElementCollector()
    parsed.feed(body(html))
    hrefs = [str(attrs.get("href")) for tag, attrs in parsed.elements if tag == "a"]
    assert all(h.startswith(("http://", "https://", "mailto:")) or not re.match(r"^[a-z]+:", h) for h in hrefs), hrefs


def test_website_with_quotes_stays_inside_its_attribute(fixture_site: Path) -> None:
    html = read(fixture_site, HOSTILE)
    assert 'href="https://voorbeeld.nl/?q=&#39;onmouseover=alert%284%29"' in html


def test_body_headings_are_in_the_table_of_contents(fixture_site: Path) -> None:
    html = read(fixture_site, "initiatieven/buurtmoestuin-delfshaven.html")
    toc = html.split('data-md-component="toc"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="#([^"]+)"', toc)[:2] == ["aanpak", "resultaten"]
    assert '<h2 id="aanpak">Aanpak</h2>' in html


def test_hostile_body_is_shown_as_text_word_for_word(fixture_site: Path) -> None:
    import html as htmllib

    body = htmllib.unescape(re.sub(r"<[^>]+>", "", body_of(read(fixture_site, HOSTILE))))
    for text in ("<script>alert('body')</script>", "<style>body{display:none}</style>", "overlay", "verstuur",
                 "<meta http-equiv=\"refresh\""):
        assert text in body


def test_hostile_meeting_body_is_shown_as_text_word_for_word(fixture_site: Path) -> None:
    import html as htmllib

    body = htmllib.unescape(re.sub(r"<[^>]+>", "", meeting_body_of(read(fixture_site, HOSTILE_MEETING))))
    for text in ("<script>alert('meeting-body')</script>", "<style>body{display:none}</style>", "overlay", "plaatje",
                 "<a href=\"javascript:alert('link')\">klik</a>", "<!-- kb:ingezonden-tekst 1 -->",
                 "<details open ontoggle=\"alert('toggle')\">x</details>"):
        assert text in body
    assert "Zet in uw agenda" not in body  # the calendar link is the page's, before the body


def test_strict_build_fails_on_a_broken_internal_link(tmp_path: Path) -> None:
    from conftest import FIXTURES, project_copy

    project = project_copy(tmp_path / "p", FIXTURES / "site" / "initiatives")
    (project / "docs" / "kapot.md").write_text("# Kapot\n\n[weg](initiatieven/bestaat-niet.md)\n", encoding="utf-8")
    result = run_kennisbank(project, "build")
    assert result.returncode == 1, result.stderr
    assert "initiatieven/bestaat-niet.md" in result.stderr and "waarschuwing" in result.stderr
