"""The search page (zoeken.html): Dutch full-text search with facets.

A site is built from tests/fixtures/search/initiatives plus the hostile entry of the site fixture,
and driven in headless Chromium over http and from disk (file://) with the network switched off.
Unit tests cover the index builder and the data files.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import (
    FIXTURES,
    axe_violations,
    build_site,
    describe_violations,
    project_copy,
    watched_page,
)
from conftest import LOCAL_PREFIXES as LOCAL
from kennisbank.entries import memo, places
from kennisbank.entries.model import Initiative
from kennisbank.entries.themes import themas_by_slug
from kennisbank.entries.validate import check_paths
from kennisbank.search import codec, compounds, index, text
from kennisbank.search import payload as writer

SEARCH_INITIATIVES = FIXTURES / "search" / "initiatives"
HOSTILE = FIXTURES / "site" / "initiatives" / "hostile"
SCHEMES = ["http", "file"]


# ---------- unit tests: index and data files ----------

def make_initiative(slug: str, titel: str, body: str = "", samenvatting: str = "Een korte samenvatting van dit initiatief.") -> Initiative:
    return Initiative(
        slug=slug, source=f"initiatives/{slug}.md", titel=titel, samenvatting=samenvatting,
        gemeenten=(places.gemeente_by_slug("rotterdam"),), landelijk=False, themas=(themas_by_slug()["voedsel"],),
        status="lopend", startjaar=2020, eindjaar=None, initiatiefnemer="Bewoners", rol_overheid=None, partners=(),
        website=None, contact=None, trefwoorden=(), bijgewerkt=dt.date(2025, 1, 1), body=body, body_line=10,
    )


def weight_of(built: index.SearchIndex, term: str, slug: str) -> int:
    numbers = {i.slug: n for n, i in enumerate(built.initiatives)}
    return dict(built.postings.get(term, []))[numbers[slug]]


def test_title_hit_outranks_body_hit() -> None:
    built = index.build([
        make_initiative("in-titel", "Voedselbos Noord"),
        make_initiative("in-tekst", "Buurtkeuken", body="Een voedselbos. Nog een voedselbos. Het voedselbos groeit. " * 5),
        make_initiative("nergens", "Taalcafé"),
    ])
    assert weight_of(built, "voedselbos", "in-titel") > 2 * weight_of(built, "voedselbos", "in-tekst")
    assert {built.initiatives[n].slug for n, _ in built.postings["voedselbos"]} == {"in-titel", "in-tekst"}


def test_every_field_is_searchable_with_its_boost() -> None:
    initiative = make_initiative("velden", "Titelwoord", body="Tekstwoord", samenvatting="Samenvattingwoord staat hier echt.")
    initiative = dataclasses.replace(initiative, trefwoorden=("trefwoord",), initiatiefnemer="Nemerwoord", partners=("Partnerwoord",))
    built = index.build([initiative])
    weights = {term: w for term, ((_, w),) in built.postings.items()}
    assert weights["titelwoord"] > weights["trefwoord"] > weights["samenvattingwoord"] > weights["nemerwoord"] > weights["tekstwoord"]
    assert weights["partnerwoord"] == weights["nemerwoord"]
    for place_or_theme in ("rotterdam", "zuid", "holland", "voedsel"):
        assert place_or_theme in weights


def test_a_merged_away_name_as_written_outranks_the_rest_of_the_municipality() -> None:
    amsterdam = (places.gemeente_by_slug("amsterdam"),)
    weesp = dataclasses.replace(make_initiative("in-weesp", "Buurtbus"), gemeenten=amsterdam, values={"gemeente": "Weesp"})
    elsewhere = dataclasses.replace(make_initiative("in-noord", "Buurtbus"), gemeenten=amsterdam, values={"gemeente": "Amsterdam"})
    built = index.build([weesp, elsewhere])
    assert weight_of(built, "weesp", "in-weesp") > weight_of(built, "weesp", "in-noord") > 0


def test_compound_is_found_by_its_parts_at_a_lower_weight() -> None:
    built = index.build([make_initiative("moestuin", "Buurtmoestuin Delfshaven", samenvatting="Groente voor de hele buurt, samen gekweekt.")])
    whole = weight_of(built, "buurtmoestuin", "moestuin")
    assert weight_of(built, "moestuin", "moestuin") == round(whole * index.COMPOUND_SHARE)
    assert weight_of(built, "buurt", "moestuin") >= round(whole * index.COMPOUND_SHARE), "the head is a part too"


@pytest.mark.parametrize(("term", "known", "expected"), [
    ("zorgcooperatie", {"zorg", "cooperatie"}, {"zorg", "cooperatie"}),
    ("dorpsbewoner", {"dorp", "bewoner"}, {"dorp", "bewoner"}),  # linking -s-
    ("boekenkast", {"boek", "kast"}, {"boek", "kast"}),  # linking -en-
    ("gemeenschapstuin", {"gemeenschap", "tuin"}, {"gemeenschap", "tuin"}),
    ("wijkwindmolen", {"wijk", "windmolen", "molen"}, {"wijk", "windmolen", "molen"}),  # two levels
    ("dorpsmolen", {"dorp"}, {"dorp", "molen"}),  # "molen" unseen, but a word of two syllables
    ("windmolen", {"molen"}, {"molen"}),  # "wind" unseen: only the known tail
    ("zorgcooperatie", {"cooperatie"}, set()),  # the head must be known when the tail is one syllable off
    ("participatie", {"par"}, set()),  # no guess from a three-letter head
    ("overheid", {"over", "heid"}, set()),  # too short to be a compound
    ("moestuin", set(), set()),
])
def test_compound_parts(term: str, known: set[str], expected: set[str]) -> None:
    assert compounds.parts(term, known) == expected


def test_whole_word_outranks_part_and_title_outranks_body() -> None:
    built = index.build([
        make_initiative("titel-deel", "Windmolen Noord"),
        make_initiative("tekst-heel", "Iets anders", body="Hier staat een molen. " * 3),
        make_initiative("tekst-deel", "Nog iets", body="Hier staat een dorpsmolen. " * 3),
    ])
    assert weight_of(built, "molen", "titel-deel") > weight_of(built, "molen", "tekst-heel") > weight_of(built, "molen", "tekst-deel")


def test_body_text_loses_link_targets_tags_and_addresses() -> None:
    body = "Zie [de site](https://voorbeeld.nl/pad) of <b>mail</b> info@voorbeeld.nl.\n\n[ref]: https://elders.nl\nKlaar."
    assert text.terms(text.plain(body)) == text.terms("Zie de site of mail Klaar")


def test_documents_are_numbered_newest_first() -> None:
    old, new = make_initiative("oud", "Oud"), make_initiative("nieuw", "Nieuw")
    old = dataclasses.replace(old, bijgewerkt=dt.date(2020, 1, 1))
    assert [i.slug for i in index.build([old, new]).initiatives] == ["nieuw", "oud"]


def test_an_edit_that_keeps_the_average_body_length_weighs_only_the_edited_entry_again() -> None:
    initiatives = check_paths([SEARCH_INITIATIVES]).initiatives
    index.build(initiatives)
    averages = index.average_lengths_of([index.field_terms(i) for i in initiatives])
    kept = {i.slug: index.document_weights(i, averages) for i in initiatives}
    edited = dataclasses.replace(initiatives[0], titel=initiatives[0].titel + " Ruimtevaart")
    changed = [edited, *initiatives[1:]]
    built = index.build(changed)
    assert index.average_lengths_of([index.field_terms(i) for i in changed]) == averages, "a title is no body"
    assert all(index.document_weights(i, averages) is kept[i.slug] for i in initiatives[1:])
    assert "ruimtevaart" in index.document_weights(edited, averages) and "ruimtevaart" not in kept[edited.slug]
    # What was kept changes nothing: the same index as built from scratch.
    memo.clear_all()
    assert index.build(changed) == built


def test_codec_round_trip() -> None:
    values = [0, 1, 31, 32, 33, 1023, 1024, 4095, 4096, 123456789]
    assert codec.read_varints(codec.varints(values)) == values
    assert codec.read_varints(codec.postings([(3, 20), (4, 2), (70, 1)])) == [3, 20, 1, 2, 66, 1]
    assert codec.shard_key("tuin") == "tu" and codec.shard_key("x") == "x_" and codec.shard_key("ærø") == "_r"


def data_of(script: str) -> object:
    script = script.removesuffix(writer.start_code())
    prefix = "(self.kbZoekData=self.kbZoekData||{})["
    assert script.startswith(prefix) and script.endswith(";\n")
    return json.loads(script[script.index("]=") + 2 : -2])


def test_data_files_escape_hostile_text() -> None:
    result = check_paths([HOSTILE])
    assert len(result.initiatives) == 1
    files = dict(writer.data_files(index.build(result.initiatives)))
    for path, content in files.items():
        data = content.removesuffix(writer.start_code())
        assert not re.search(r"[<>&\u2028\u2029]", data), f"{path} contains raw markup characters"
    record = data_of(files["zoeken/data/d-0.js"])[0]
    assert record[1] == result.initiatives[0].titel and "<script>" in record[1]


def test_data_files_are_split_for_loading_on_demand() -> None:
    result = check_paths([SEARCH_INITIATIVES, HOSTILE])
    files = dict(writer.data_files(index.build(result.initiatives)))
    basis = data_of(files["zoeken/data/basis.js"])
    assert basis["aantal"] == len(result.initiatives) == 11
    assert {f"zoeken/data/t-{key}.js" for key in basis["delen"]} == {p for p in files if "/t-" in p}
    assert len([p for p in files if "/d-" in p]) == -(-11 // writer.BLOCK)
    assert basis["synoniemen"]["senior"] == ["ouder"], "only synonyms the index holds"
    assert [entry[1] for entry in basis["provincies"]][-1] == "Landelijk"
    assert ["Friesland", "PV21"] in [entry[2] for entry in basis["provincies"][:-1]], "other names of a province"
    assert basis["stammen"]["overheden"] == "overheid"


def test_a_large_term_file_is_split_by_three_characters() -> None:
    result = check_paths([SEARCH_INITIATIVES, HOSTILE])
    built = index.build(result.initiatives)
    whole, split = writer.term_files(built), writer.term_files(built, split_above=0)
    assert all(len(key) == 2 for key in whole) and all(len(key) == 3 for key in split)
    assert {term: packed for terms in whole.values() for term, packed in terms.items()} == \
        {term: packed for terms in split.values() for term, packed in terms.items()}, "every term once, unchanged"
    assert all(codec.shard_key(term, 3) == key for key, terms in split.items() for term in terms)
    assert "moe" in split and "moestuin" in split["moe"] and codec.shard_key("x", 3) == "x__"


def test_common_heads_start_longer_terms_and_the_most_used_come_first() -> None:
    def docs(count: int) -> list[tuple[int, int]]:
        return [(number, 1) for number in range(count)]

    built = index.SearchIndex(initiatives=(), postings={
        "buurt": docs(5), "buurtmoestuin": docs(1), "buurtbus": docs(1),  # buurt starts a term 5+ letters longer
        "zorg": docs(9), "zorgboer": docs(1),
        "bus": docs(20), "busje": docs(1),  # three letters, and "je" is no word: not a head
        "molen": docs(30), "molens": docs(2),  # a plural is no compound
        "wijk": docs(3), "wijkwindmolen": docs(1),
    })
    assert writer.common_heads(built) == ["buurt", "wijk", "zorg"]
    assert writer.common_heads(built, count=2) == ["buurt", "zorg"], "the heads in most documents"


def test_the_build_writes_the_search_files(search_site: Path) -> None:
    """site.docs_folder.collect calls the writer: the page's script and every data file are in the site."""
    data = search_site / writer.DATA
    assert (search_site / writer.FOLDER / writer.CODE).is_file() and (data / "basis.js").is_file() and (data / "facetten.js").is_file()
    assert '"aanpakken":[]' in (data / "basis.js").read_text(encoding="utf-8")  # no approaches in this project: an empty filter


# ---------- the built site in Chromium ----------

@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search")
    initiatives = root / "initiatives"
    shutil.copytree(SEARCH_INITIATIVES, initiatives)
    shutil.copytree(HOSTILE, initiatives / "hostile")
    return build_site(project_copy(root / "project", initiatives))


class SearchPage:
    """The search page in one browser context, opened over http or from disk."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base

    def open(self, query: str = "", path: str = "zoeken.html") -> SearchPage:
        self.page.goto(self.base + path + query)
        if path == "zoeken.html":
            self.settled()
        return self

    def settled(self, query: str | None = None) -> None:
        """Wait until the page has rendered (for this query, when given)."""
        self.page.wait_for_function(
            "q => { const r = document.getElementById('kb-zoeken');"
            " return r && r.dataset.status === 'klaar' && (q === null || r.dataset.zoekopdracht === q); }",
            arg=query,
        )

    def titles(self) -> list[str]:
        return self.page.locator("#kb-zoek-resultaten h3").all_inner_texts()

    def count(self) -> str:
        return self.page.inner_text("#kb-zoek-aantal")

    def params(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.page.url).query)

    def label(self, input_id: str) -> str:
        return self.page.inner_text(f'label[for="{input_id}"]')

    def change(self, action: Callable[[], None]) -> None:
        """Do something that triggers a new search and wait for it to render."""
        before = self.page.evaluate("() => kbZoeken.lastRender && kbZoeken.lastRender.finished")
        action()
        self.page.wait_for_function(
            "before => kbZoeken.lastRender && kbZoeken.lastRender.finished !== before"
            " && document.getElementById('kb-zoeken')?.dataset.status === 'klaar'",
            arg=before,
        )


def watched_context(browser, scheme: str):
    """A context whose requests may not leave the machine; from disk the network is off altogether."""
    page = watched_page(browser, local=("file://",) if scheme == "file" else LOCAL, offline=scheme == "file")
    return page.context, page


@pytest.fixture(params=SCHEMES)
def search(request: pytest.FixtureRequest, browser, search_site: Path, serve) -> Iterator[SearchPage]:
    scheme = request.param
    context, page = watched_context(browser, scheme)
    base = serve(search_site) if scheme == "http" else search_site.as_uri() + "/"
    yield SearchPage(page, base)
    try:
        assert not page.watch.outside_requests, f"requests left the machine: {page.watch.outside_requests}"
        assert not page.watch.console_errors, f"console errors: {page.watch.console_errors}"
        assert not page.watch.dialogs, f"a dialog opened: {page.watch.dialogs}"
    finally:
        context.close()


@pytest.fixture
def over_http(browser, search_site: Path, serve) -> Iterator[SearchPage]:
    context, page = watched_context(browser, "http")
    yield SearchPage(page, serve(search_site))
    try:
        assert not page.watch.outside_requests and not page.watch.console_errors and not page.watch.dialogs, page.watch.__dict__
    finally:
        context.close()


def fixture_text(slug: str) -> str:
    return next(SEARCH_INITIATIVES.rglob(f"{slug}.md")).read_text(encoding="utf-8")


# (query, titles that must be among the results, the expected first title or None, titles that must not appear)
QUERIES = [
    ("tuinen", {"Buurtmoestuin Delfshaven"}, None, set()),
    ("cooperatie", {"Zorgcoöperatie Westerveld", "Energiecoöperatie Utrecht Zon"}, None, {"Buurtmoestuin Delfshaven"}),
    ("coöperaties", {"Zorgcoöperatie Westerveld"}, None, set()),
    ("senioren", {"Zorgcoöperatie Westerveld", "Beweegmaatjes Zwolle"}, None, set()),
    ("zorgcoöperaties in Drenthe", {"Zorgcoöperatie Westerveld"}, "Zorgcoöperatie Westerveld", {"Energiecoöperatie Utrecht Zon"}),
    ("right to challenge", {"Right to Challenge Vlissingen"}, "Right to Challenge Vlissingen", set()),
    ("wat doen andere gemeenten met buurtmoestuinen?", {"Buurtmoestuin Delfshaven"}, "Buurtmoestuin Delfshaven", set()),
    ("moestuin", {"Buurtmoestuin Delfshaven"}, "Buurtmoestuin Delfshaven", set()),
    ("voedselbos", {"Voedselbos Amsterdam-Noord", "Buurtkeuken De Linde"}, "Voedselbos Amsterdam-Noord", set()),
    ("wijken", {"Right to Challenge Vlissingen", "Buurtmoestuin Delfshaven"}, None, set()),
    ("energie", {"Energiecoöperatie Utrecht Zon"}, "Energiecoöperatie Utrecht Zon", set()),
    ("Drenthe", {"Zorgcoöperatie Westerveld"}, "Zorgcoöperatie Westerveld", set()),
]


def test_fixture_words_prove_the_point() -> None:
    """The queries above test stemming, folding and synonyms only if the texts lack the typed form."""
    assert "tuinen" not in fixture_text("buurtmoestuin-delfshaven") and " tuin " in fixture_text("buurtmoestuin-delfshaven")
    assert "senior" not in fixture_text("zorgcooperatie-westerveld").lower() and "ouderen" in fixture_text("zorgcooperatie-westerveld")
    assert "cooperatie" not in fixture_text("zorgcooperatie-westerveld")
    assert "buurt" not in fixture_text("right-to-challenge-vlissingen").lower()


@pytest.mark.browser
def test_dutch_queries_find_the_right_initiatives(search: SearchPage) -> None:
    for query, expected, first, absent in QUERIES:
        search.open("?q=" + query)
        titles = search.titles()
        assert expected <= set(titles), f"{query!r} gave {titles}"
        assert not absent & set(titles), f"{query!r} gave {titles}"
        if first:
            assert titles[0] == first, f"{query!r} gave {titles}"
        # A query that is only a place ("Drenthe") is that place: "1 initiatief in Drenthe." (test_place_search.py).
        assert re.match(r"^\d+ initiatie(f|ven) (gevonden voor ‘|in )", search.count()), search.count()
        assert search.page.input_value("#kb-zoek-q") == query


@pytest.mark.browser
def test_title_hit_is_listed_before_body_hit(over_http: SearchPage) -> None:
    titles = over_http.open("?q=voedselbos").titles()
    assert titles.index("Voedselbos Amsterdam-Noord") < titles.index("Buurtkeuken De Linde")


@pytest.mark.browser
def test_results_show_details_and_highlight_matched_words(over_http: SearchPage) -> None:
    page = over_http.open("?q=cooperatie ouderen").page
    first = page.locator("#kb-zoek-resultaten li").first
    assert first.locator("h3").inner_text() == "Zorgcoöperatie Westerveld"
    assert first.locator("h3 a").get_attribute("href") == "initiatieven/zorgcooperatie-westerveld.html"
    assert set(first.locator("mark").all_inner_texts()) >= {"Zorgcoöperatie", "coöperatie", "ouderen"}
    meta = first.locator(".kb-card__meta").inner_text()
    # Separated as on the cards of the site's lists (issue: "Rotterdam[Lopend]Openbare ruimte").
    assert re.fullmatch(r"Westerveld · Lopend · (.+, )?Zorg en welzijn(, .+)?", meta), meta
    with page.expect_navigation():
        first.locator("h3 a").click()
    assert page.url.endswith("/initiatieven/zorgcooperatie-westerveld.html")


@pytest.mark.browser
def test_hostile_entry_is_shown_as_text(search: SearchPage) -> None:
    page = search.open("?q=kwaad").page
    assert search.titles() == ["<script>alert('titel')</script> Kwaad [x](javascript:alert(1))"]
    results = page.locator("#kb-zoek-resultaten")
    assert results.locator("script, img, svg, iframe, b").count() == 0
    assert "onerror" in results.inner_text()  # the summary's markup, shown as harmless text
    # No element carries a handler, so nothing can run later: no waiting needed before looking at dialogs.
    assert results.locator("[onerror], [onload], [onclick], [onmouseover], [onfocus]").count() == 0
    assert not page.watch.dialogs


@pytest.mark.browser
def test_facets_filter_and_count(search: SearchPage) -> None:
    page = search.open("?thema=voedsel").page
    assert page.is_checked("#kb-zoek-thema-voedsel")
    assert sorted(search.titles()) == ["Buurtkeuken De Linde", "Buurtmoestuin Delfshaven", "Voedselbos Amsterdam-Noord"]
    assert search.count() == "3 initiatieven gevonden met de gekozen filters."
    assert search.label("kb-zoek-status-lopend") == "Lopend (1)"
    assert search.label("kb-zoek-status-afgerond") == "Afgerond (1)"
    assert search.label("kb-zoek-thema-zorg-welzijn") == "Zorg en welzijn (2)"  # other themes count as if unchosen

    search.change(lambda: page.check("#kb-zoek-status-lopend"))
    assert search.titles() == ["Buurtmoestuin Delfshaven"]
    assert search.params() == {"thema": ["voedsel"], "status": ["lopend"]}
    assert search.label("kb-zoek-thema-voedsel") == "Voedsel (1)"
    assert search.label("kb-zoek-thema-digitaal") == "Digitaal (1)"  # the hostile entry is lopend too

    search.open("?provincie=drenthe")
    assert search.titles() == ["Zorgcoöperatie Westerveld"]
    visible = page.evaluate("() => [...document.querySelectorAll('#kb-zoek-gemeente option')].filter(o => o.value && !o.hidden).map(o => o.value)")
    assert visible == ["westerveld"]
    assert page.inner_text('#kb-zoek-provincie option[value="zuid-holland"]') == "Zuid-Holland (3)"

    search.open("?provincie=landelijk")
    assert search.titles() == ["Buurtbussen in Nederland"]
    search.open("?gemeente=delft")
    assert search.titles() == ["Wijkdeals Den Haag en Delft"]
    search.open("?van=2015&tot=2016")
    assert sorted(search.titles()) == ["Buurtkeuken De Linde", "Buurtmoestuin Delfshaven", "Right to Challenge Vlissingen"]
    search.open("?rol=loslaten&rol=regisseren")
    assert sorted(search.titles()) == ["Buurtkeuken De Linde", "Right to Challenge Vlissingen", "Wijkdeals Den Haag en Delft"]


@pytest.mark.browser
def test_facet_counts_follow_the_query(over_http: SearchPage) -> None:
    page = over_http.open("?q=buurt").page
    page.wait_for_function("() => document.getElementById('kb-zoeken')?.dataset.facetten === 'klaar' || kbZoeken.loaded.includes('facetten')")
    page.wait_for_function("() => document.querySelector('label[for=\"kb-zoek-thema-mobiliteit\"]').innerText.includes('(')")
    total = len(over_http.titles())
    counted = sum(int(re.search(r"\((\d+)\)", over_http.label(f"kb-zoek-status-{s}")).group(1)) for s in ("idee", "lopend", "afgerond", "gestopt"))
    assert counted == total
    assert over_http.label("kb-zoek-thema-inclusie") == "Inclusie (0)"


@pytest.mark.browser
def test_query_and_filters_combine(over_http: SearchPage) -> None:
    page = over_http.open("?q=buurt&thema=voedsel").page
    assert set(over_http.titles()) == {"Buurtmoestuin Delfshaven", "Buurtkeuken De Linde", "Voedselbos Amsterdam-Noord"}
    over_http.change(lambda: page.select_option("#kb-zoek-provincie", "groningen"))
    assert over_http.titles() == ["Buurtkeuken De Linde"]
    assert over_http.params() == {"q": ["buurt"], "thema": ["voedsel"], "provincie": ["groningen"]}
    assert over_http.count() == "1 initiatief gevonden voor ‘buurt’ met de gekozen filters."


@pytest.mark.browser
def test_no_results_gives_a_helpful_message(search: SearchPage) -> None:
    page = search.open("?q=ruimtevaart&status=idee").page
    assert search.titles() == []
    assert search.count() == "Geen initiatieven gevonden."
    empty = page.locator("#kb-zoek-leeg")
    assert empty.is_visible()
    message = empty.inner_text()
    assert "voor ‘ruimtevaart’ met de gekozen filters" in message
    assert "Haal een of meer filters weg" in message and "andere of minder woorden" in message
    search.change(lambda: page.get_by_role("button", name="wis alle filters", exact=True).click())
    assert search.params() == {"q": ["ruimtevaart"]}
    assert not page.is_checked("#kb-zoek-status-idee")
    assert not page.locator("#kb-zoek-leeg-filters").is_visible()
    assert page.evaluate("() => document.activeElement.id") == "kb-zoek-q"


@pytest.mark.browser
def test_partial_match_when_no_initiative_has_every_word(over_http: SearchPage) -> None:
    over_http.open("?q=voedselbos ruimtevaart")
    assert "Voedselbos Amsterdam-Noord" in over_http.titles()
    assert over_http.count().startswith("Geen initiatief bevat al uw zoekwoorden.")


@pytest.mark.browser
def test_without_query_everything_is_listed_and_more_can_be_shown(search: SearchPage) -> None:
    page = search.open().page
    assert search.count() == "Alle 11 initiatieven."
    assert len(search.titles()) == 10
    assert search.label("kb-zoek-thema-voedsel") == "Voedsel (3)"
    more = page.get_by_role("button", name="Meer resultaten tonen")
    search.change(more.click)
    assert len(search.titles()) == 11
    assert page.evaluate("() => document.activeElement.closest('li') === document.querySelector('#kb-zoek-resultaten li:nth-child(11)')")
    assert not more.is_visible()


@pytest.mark.browser
def test_sorting_by_newest(over_http: SearchPage) -> None:
    page = over_http.open("?q=buurt").page
    over_http.change(lambda: page.select_option("#kb-zoek-sorteer", "nieuw"))
    assert over_http.params()["sorteer"] == ["nieuw"]
    dates = [re.search(r"bijgewerkt: (\S+)", fixture_text(slug)).group(1) for slug in
             (p.rsplit("/", 1)[-1][:-5] for p in page.locator("#kb-zoek-resultaten h3 a").evaluate_all("as => as.map(a => a.getAttribute('href'))"))]
    assert dates == sorted(dates, reverse=True) and len(dates) > 3


@pytest.mark.browser
def test_url_state_round_trip_and_back_button(search: SearchPage) -> None:
    query = "?q=moestuin&thema=voedsel&thema=openbare-ruimte&provincie=zuid-holland&gemeente=rotterdam&status=lopend&rol=faciliteren&van=2010&tot=2020&sorteer=nieuw"
    page = search.open(query).page
    assert page.input_value("#kb-zoek-q") == "moestuin"
    assert page.is_checked("#kb-zoek-thema-voedsel") and page.is_checked("#kb-zoek-thema-openbare-ruimte")
    assert not page.is_checked("#kb-zoek-thema-wonen")
    assert page.input_value("#kb-zoek-provincie") == "zuid-holland" and page.input_value("#kb-zoek-gemeente") == "rotterdam"
    assert page.is_checked("#kb-zoek-status-lopend") and page.is_checked("#kb-zoek-rol-faciliteren")
    assert (page.input_value("#kb-zoek-van"), page.input_value("#kb-zoek-tot")) == ("2010", "2020")
    assert page.input_value("#kb-zoek-sorteer") == "nieuw"
    assert search.titles() == ["Buurtmoestuin Delfshaven"]

    search.change(lambda: page.uncheck("#kb-zoek-status-lopend"))
    assert "status" not in search.params() and sorted(search.params()["thema"]) == ["openbare-ruimte", "voedsel"]

    def change_year() -> None:
        page.fill("#kb-zoek-tot", "2014")
        page.press("#kb-zoek-tot", "Tab")

    search.change(change_year)
    assert search.params()["tot"] == ["2014"] and search.titles() == []

    search.change(page.go_back)
    assert search.params()["tot"] == ["2020"] and "status" not in search.params()
    assert page.input_value("#kb-zoek-tot") == "2020" and search.titles() == ["Buurtmoestuin Delfshaven"]
    search.change(page.go_back)
    assert page.is_checked("#kb-zoek-status-lopend")
    assert urlsplit(page.url).query == query[1:]
    search.change(page.go_forward)
    assert not page.is_checked("#kb-zoek-status-lopend")


@pytest.mark.browser
def test_typing_searches_as_you_type(search: SearchPage) -> None:
    page = search.open().page
    page.click("#kb-zoek-q")
    search.change(lambda: page.keyboard.type("moestu", delay=30))
    search.settled("moestu")
    assert search.titles() == ["Buurtmoestuin Delfshaven"]
    assert search.params() == {"q": ["moestu"]}
    assert page.locator("#kb-zoek-resultaten mark").all_inner_texts() == ["Buurtmoestuin"]


@pytest.mark.browser
def test_keyboard_alone_reaches_and_uses_everything(over_http: SearchPage) -> None:
    page = over_http.open().page
    page.focus("#kb-zoek-q")
    over_http.change(lambda: (page.keyboard.type("buurt"), page.keyboard.press("Enter")))
    assert over_http.params() == {"q": ["buurt"]}
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.id || document.activeElement.tagName"))
        if reached[-1] == "kb-zoek-thema-voedsel":
            break
    assert reached[-1] == "kb-zoek-thema-voedsel", reached
    over_http.change(lambda: page.keyboard.press("Space"))
    assert over_http.params()["thema"] == ["voedsel"]
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('#kb-zoek-resultaten')"):
            break
    target = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert target and target.startswith("initiatieven/")
    focus_visible = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert focus_visible != "none"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(target)


@pytest.mark.browser
def test_count_is_announced_politely(over_http: SearchPage) -> None:
    page = over_http.open("?q=buurt").page
    status = page.locator("#kb-zoek-aantal")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    assert page.get_by_label("Zoek op woorden").count() == 1
    for name in ("Provincie", "Gemeente", "Sorteer op", "Vanaf", "Tot en met"):
        assert page.get_by_label(name, exact=True).count() == 1, name
    assert page.get_by_role("group", name="Thema").get_by_role("checkbox").count() == 15


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("query", ["?q=cooperatie&thema=zorg-welzijn", "?q=ruimtevaart&status=idee"])
def test_axe_finds_no_serious_violations(browser, search_site: Path, serve, scheme: str, query: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        SearchPage(page, serve(search_site)).open(query)
        page.wait_for_function("() => kbZoeken.loaded.includes('facetten')")
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
    finally:
        context.close()


@pytest.mark.browser
def test_theme_page_and_header_hand_over_to_the_search_page(search: SearchPage) -> None:
    page = search.open(path="themas/voedsel.html").page
    page.get_by_role("link", name="Zoek en filter binnen dit thema").click()
    search.settled()
    assert page.is_checked("#kb-zoek-thema-voedsel") and len(search.titles()) == 3
    search.open(path="initiatieven/taalcafe-tilburg.html")
    header = page.get_by_role("searchbox", name="Zoek in de kennisbank")
    header.fill("zorgcoöperaties in Drenthe")
    header.press("Enter")
    search.settled("zorgcoöperaties in Drenthe")
    assert search.titles()[0] == "Zorgcoöperatie Westerveld"


@pytest.mark.browser
def test_header_box_shows_the_current_query(search: SearchPage) -> None:
    page = search.open("?q=moestuin").page
    assert page.input_value("#kb-header-q") == "moestuin"
    search.change(lambda: (page.fill("#kb-zoek-q", "energie"), page.press("#kb-zoek-q", "Enter")))
    assert page.input_value("#kb-header-q") == "energie"


@pytest.mark.browser
def test_typo_offers_a_suggestion_reachable_by_keyboard(search: SearchPage) -> None:
    page = search.open("?q=Rotterdm").page
    assert search.titles() == []
    offer = page.locator("#kb-zoek-suggestie")
    offer.locator("a").wait_for()
    assert offer.inner_text() == "Bedoelde u: Rotterdam?"
    assert offer.get_attribute("aria-live") == "polite"
    page.focus("#kb-zoek-q")
    for _ in range(80):  # past the filters, which come first
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('#kb-zoek-suggestie')"):
            break
    assert page.evaluate("() => document.activeElement.textContent") == "Rotterdam"
    search.change(lambda: page.keyboard.press("Enter"))
    search.settled("Rotterdam")
    assert "Buurtmoestuin Delfshaven" in search.titles()
    assert search.params() == {"q": ["Rotterdam"]}
    assert page.input_value("#kb-zoek-q") == "Rotterdam"


@pytest.mark.browser
def test_known_words_get_no_suggestion(over_http: SearchPage) -> None:
    page = over_http.open("?q=moestuin").page  # open() waits until the result is rendered
    # The offer is decided in the same render for words the index knows (offerSuggestion), so it is final now.
    assert page.inner_text("#kb-zoek-suggestie") == ""


@pytest.mark.browser
@pytest.mark.parametrize(("query", "label", "href"), [
    ("GM0518", "gemeente Den Haag", "gemeenten/den-haag.html"),
    ("'s-Gravenhage", "gemeente Den Haag", "gemeenten/den-haag.html"),
    ("Friesland", "provincie Fryslân", "provincies/fryslan.html"),
])
def test_place_name_query_offers_its_page(over_http: SearchPage, query: str, label: str, href: str) -> None:
    page = over_http.open("?q=" + query).page
    link = page.locator("#kb-zoek-plaatsen a:not(.kb-zoeken__als-woord)")
    assert link.inner_text() == label and link.get_attribute("href") == href
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(href)


@pytest.mark.browser
def test_a_typed_compound_with_a_common_head_loads_its_parts_file_at_once(browser, search_site: Path) -> None:
    """zoeken-start.js requests the tail's file beside the word's own file, without waiting for it."""
    basis = data_of((search_site / "zoeken" / "data" / "basis.js").read_text(encoding="utf-8"))
    assert "buurt" in basis["koppen"].split()
    own = "t-" + next(key for key in (codec.shard_key("buurtmoestuin", 3), codec.shard_key("buurtmoestuin")) if key in basis["delen"]) + ".js"
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1]))
    # The word's own file never arrives: only the head list in basis.js can name the tail's file.
    page.route(f"**/zoeken/data/{own}", lambda route: route.abort())
    try:
        page.goto(search_site.as_uri() + "/zoeken.html?q=buurtmoestuin")
        page.wait_for_function("() => document.querySelector('script[src$=\"/t-mo.js\"]')", timeout=10_000)
        assert own in requested
    finally:
        context.close()


def test_no_page_fetches_the_sitemap(browser, search_site: Path, serve) -> None:
    context, page = watched_context(browser, "http")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        base = serve(search_site)
        for path in ("index.html", "zoeken.html?q=moestuin", "initiatieven/taalcafe-tilburg.html"):
            page.goto(base + path, wait_until="networkidle")
        assert requested and not [url for url in requested if "sitemap" in url]
        assert page.locator('link[type="application/atom+xml"]').get_attribute("rel") == "alternate feed"
    finally:
        context.close()


@pytest.mark.browser
def test_words_that_name_object_properties_are_plain_words(over_http: SearchPage) -> None:
    """The look-up tables come from JSON: 'constructor' once stopped the page with
    "(basis.synoniemen[word] || []).forEach is not a function". The fixture asserts no console errors."""
    for query in ["constructor", "__proto__", "toString valueOf", "hasOwnProperty moestuin", "constructorbuurtmoestuin"]:
        over_http.open("?q=" + query)
        assert re.match(r"^(Geen initiatie(f|ven)|\d+ initiatie(f|ven) gevonden)", over_http.count()), (query, over_http.count())
    # The real word still finds its initiative beside the odd one.
    assert "Buurtmoestuin Delfshaven" in over_http.open("?q=hasOwnProperty moestuin").titles()
