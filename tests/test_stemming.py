"""Python and the browser analyse Dutch words identically.

The index is built in Python with snowballstemmer's original Dutch stemmer; the search page stems
what a visitor types with lunr-languages' lunr.nl.js, copied from the installed MkDocs package. If
the two ever disagreed, a word would be indexed under one stem and looked up under another. These
tests run the real JavaScript files the site ships in headless Chromium and compare, word by word.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES
from kennisbank.entries import places
from kennisbank.search import codec, lunr_compat, lunrjs, text
from kennisbank.search import payload as writer
from kennisbank.search.index import gemeente_names, provincie_names

WORDS_FILE = FIXTURES / "search" / "woorden.txt"
# Beyond single words: capitals, punctuation, apostrophes, hyphens, ligatures, decomposed accents.
PHRASES = [
    "Wat doen andere gemeenten met buurtmoestuinen?",
    "Zorgcoöperaties in Drenthe",
    "ZORGCOÖPERATIE, zorgcooperatie & zorg-coöperatie",
    "Right to Challenge (uitdaagrecht) in 's-Hertogenbosch",
    "deelauto's, baby's en cafés; één idee, twee ideeën",
    "Fryslân, Súdwest-Fryslân en Nuenen, Gerwen en Nederwetten",
    "\u0133sbaan en ijsbaan",  # the ij ligature folds to ij
    unicodedata.normalize("NFD", "coöperatie naïef reünie België"),
    "crème brûlée in het café à la carte",
    "2024: 15 vrijwilligers, 3 buurthuizen en 1 wijk",
    "initiatief initiatieven bedrijf bedrijven huis huizen",
    "a" * 50 + " " + "b" * 51 + " kort",  # fifty letters is a word, fifty-one is not
]


def dutch_words() -> list[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def shipped_scripts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The search page's scripts as the writer emits them, on a bare page without search data."""
    folder = tmp_path_factory.mktemp("stemming")
    for relative, content in writer.static_files():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    # basis.js carries the stemmer exceptions to the page; here it holds only those.
    (folder / "zoeken" / "data").mkdir()
    (folder / "zoeken" / "data" / "basis.js").write_text(codec.data_script("basis", {"stammen": text.stem_exceptions()}), encoding="utf-8")
    scripts = "".join(f'<script src="zoeken/{name}"></script>' for name in ["data/basis.js", "zoeken.js"])
    (folder / "stemmen.html").write_text(f'<!doctype html><html lang="nl"><meta charset="utf-8"><title>t</title>{scripts}', encoding="utf-8")
    return folder / "stemmen.html"


@pytest.fixture
def lunr_page(page, shipped_scripts: Path):
    page.goto(shipped_scripts.as_uri())
    assert page.evaluate("() => typeof lunr.nl.stemmer === 'function' && typeof kbZoeken.text.terms === 'function'")
    yield page
    assert not page.watch.console_errors, page.watch.console_errors
    assert not page.watch.outside_requests, page.watch.outside_requests


def test_word_list_is_long_enough_and_has_diacritics() -> None:
    words = dutch_words()
    assert len(words) >= 200
    assert len(set(words)) == len(words), "the word list has repeats"
    assert sum(1 for word in words if not word.isascii()) >= 30


def test_shipped_lunr_files_are_mkdocs_own() -> None:
    shipped = dict(writer.static_files())
    for installed in lunrjs.FILES.values():
        assert installed.read_bytes() in shipped["zoeken/zoeken.js"]
    assert b'lunr.version = "2.3.9"' in shipped["zoeken/zoeken.js"]


@pytest.mark.browser
def test_python_stemmer_equals_lunr_nl_in_chromium(lunr_page) -> None:
    words = [word.lower() for word in dutch_words()]
    in_browser = lunr_page.evaluate("words => words.map(w => lunr.nl.stemmer(new lunr.Token(w)).toString())", words)
    in_python = [text.stem(word) for word in words]
    differences = [(w, p, b) for w, p, b in zip(words, in_python, in_browser, strict=True) if p != b]
    assert not differences, f"Python and lunr.nl.js stem differently (word, python, browser): {differences}"
    # A stemmer that returned its input unchanged would pass the comparison: it must really stem.
    assert sum(p != w for w, p in zip(words, in_python)) >= 100


@pytest.mark.browser
def test_whole_analysis_equals_zoeken_js(lunr_page) -> None:
    samples = dutch_words() + PHRASES
    in_browser = lunr_page.evaluate("samples => samples.map(s => kbZoeken.text.terms(s))", samples)
    differences = [(s, text.terms(s), b) for s, b in zip(samples, in_browser, strict=True) if text.terms(s) != b]
    assert not differences, f"text.py and zoeken.js analyse differently (text, python, browser): {differences}"
    folded = lunr_page.evaluate("samples => samples.map(s => kbZoeken.text.fold(s))", PHRASES)
    assert folded == [text.fold(phrase) for phrase in PHRASES]


@pytest.mark.browser
def test_place_names_come_analysed_as_the_browser_would(lunr_page) -> None:
    """basis.js brings every place name's terms ready-made; the page must get what it would compute."""
    names = [name for g in places.gemeenten() for name in gemeente_names(g)]
    names += [name for p in places.provincies() for name in provincie_names(p)]
    assert len(names) > 800 and "'s-Gravenhage" in names and "Súdwest-Fryslân" in names
    shipped = writer.analysed_names(names).split("|")
    assert len(shipped) == len(names) and 100 < shipped.count("") < len(names), "most names, not all, are their own terms"
    decoded = lunr_page.evaluate("([names, shipped]) => names.map((n, i) => kbZoeken.text.placeTerms(n, shipped[i]))", [names, shipped])
    in_browser = lunr_page.evaluate("names => names.map(n => kbZoeken.text.terms(n).join(' '))", names)
    differences = [(n, d, b) for n, d, b in zip(names, decoded, in_browser, strict=True) if d != b]
    assert not differences, f"basis.js and zoeken.js analyse place names differently (name, shipped, browser): {differences}"
    assert lunr_page.evaluate("kbZoeken.text.placeTerms('de het', '-')") == "" and writer.analysed_names(["De", "Het"]) == "-|-"


@pytest.mark.browser
def test_municipality_page_names_left_out_of_basis_come_back_in_the_browser(lunr_page) -> None:
    rows = [(g.slug, g.naam_gangbaar) for g in places.gemeenten()]
    shipped = [writer.short_slug(slug, name) for slug, name in rows]
    assert shipped.count("") > 300 and "s-hertogenbosch" in shipped, "most are left out, not all"
    decoded = lunr_page.evaluate("rows => rows.map(([shipped, name]) => kbZoeken.text.slugOf(shipped, name))",
                                 [[short, name] for short, (_, name) in zip(shipped, rows)])
    assert decoded == [slug for slug, _ in rows]


@pytest.mark.browser
def test_stop_words_equal_lunr_nl_in_chromium(lunr_page) -> None:
    stop = sorted(lunrjs.stop_words())
    assert len(stop) > 90 and {"de", "het", "een", "van", "zijn"} <= set(stop)
    others = [w for w in (w.lower() for w in dutch_words()) if w not in lunrjs.stop_words()]
    verdict = lunr_page.evaluate("words => words.map(w => kbZoeken.text.isStopWord(w))", stop + others)
    assert verdict == [True] * len(stop) + [False] * len(others)


@pytest.mark.parametrize(("typed", "written"), [
    ("tuinen", "tuin"), ("coöperaties", "coöperatie"), ("cooperatie", "coöperatie"), ("COÖPERATIE", "cooperaties"),
    ("initiatieven", "initiatief"), ("gemeentes", "gemeente"), ("buurthuizen", "buurthuis"), ("crème", "creme"),
    ("gemeenschappen", "gemeenschap"), ("taalcafés", "taalcafé"), ("deelauto's", "deelauto"),
])
def test_forms_of_a_word_meet_in_one_term(typed: str, written: str) -> None:
    assert text.terms(typed) == text.terms(written) != []


def test_folding_happens_before_stemming() -> None:
    # The stemmer treats "è" as a vowel; folded first, "crème" and "creme" take the same path.
    assert text.stem("crème") != text.stem("creme")
    assert text.terms("crème") == text.terms("creme")


def test_synonym_list_is_sensible() -> None:
    groups = text.synonym_groups()
    assert len(groups) >= 10
    for group in groups:
        assert len(group) >= 2, group
        assert all(len(text.terms(word)) == 1 for word in group), group
    synonyms = text.synonyms()
    assert "senior" in synonyms[text.terms("ouderen")[0]]
    assert text.terms("buurt")[0] in synonyms[text.terms("wijken")[0]]
    for term_, others in synonyms.items():
        assert term_ not in others
        assert all(term_ in synonyms[other] for other in others), "synonyms go both ways"


def test_a_phrase_in_the_synonym_list_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text, "synonym_groups", lambda: (("voedselbos", "eetbaar bos"),))
    text.synonyms.cache_clear()
    try:
        with pytest.raises(ValueError, match="eetbaar bos"):
            text.synonyms()
    finally:
        text.synonyms.cache_clear()


@pytest.mark.browser
def test_lunr_python_index_with_registered_dutch_pipeline_loads_in_lunr_js(lunr_page) -> None:
    documents = [
        {"id": "tuin", "titel": "De tuin van Delfshaven", "tekst": "Bewoners kweken groenten."},
        {"id": "zorg", "titel": "Zorgcoöperatie Hoogeloon", "tekst": "Hulp voor ouderen in het dorp."},
    ]
    serialised = lunr_compat.index(documents, {"titel": 10, "tekst": 1}).serialize()
    assert serialised["pipeline"] == ["stemmer-nl"]
    found = lunr_page.evaluate(
        """index => {
            const loaded = lunr.Index.load(index);
            return ["tuinen", "ouderen", "dorpen"].map(q => loaded.search(q).map(r => r.ref));
        }""",
        json.loads(json.dumps(serialised)),
    )
    assert found == [["tuin"], ["zorg"], ["zorg"]]


# ---------- stemmer exceptions (data/stamuitzonderingen.yml) ----------

EXCEPTION_GROUPS = yaml.safe_load(text.EXCEPTIONS_FILE.read_text(encoding="utf-8"))
# Why each entry is there: what the stemmer alone does wrong. A new entry needs a line here.
STEMMER_ALONE = {
    "overheid": lambda: text.stem("overheid") == "over",
    "molen": lambda: text.tidy(text.stem("molen")) != text.tidy(text.stem("molens")),
    "kind": lambda: text.tidy(text.stem("kind")) != text.tidy(text.stem("kinderen")),
    "stad": lambda: text.tidy(text.stem("stad")) != text.tidy(text.stem("steden")),
    "vereniging": lambda: text.stem("vereniging") == "veren",  # the plural of "veer" (feather, spring)
    "museum": lambda: text.stem("musea") != text.stem("museum"),
    "centrum": lambda: text.stem("centra") != text.stem("centrum"),
    "ei": lambda: text.tidy(text.stem("eieren")) != "ei",
}


def test_every_exception_has_a_reason() -> None:
    assert set(STEMMER_ALONE) == set(EXCEPTION_GROUPS)


@pytest.mark.parametrize("group", sorted(EXCEPTION_GROUPS))
def test_stemmer_exception(group: str) -> None:
    assert STEMMER_ALONE[group](), f"the stemmer alone now handles '{group}': the entry may go"
    forms = EXCEPTION_GROUPS[group]
    assert {term for form in forms for term in text.terms(form)} == {group}


@pytest.mark.browser
@pytest.mark.parametrize("group", sorted(EXCEPTION_GROUPS))
def test_stemmer_exception_in_chromium(lunr_page, group: str) -> None:
    forms = [*EXCEPTION_GROUPS[group], *(f"dorps{form}" for form in EXCEPTION_GROUPS[group] if len(form) >= text.MIN_COMPOUND_EXCEPTION)]
    in_browser = lunr_page.evaluate("forms => forms.map(f => kbZoeken.text.terms(f))", forms)
    assert in_browser == [text.terms(form) for form in forms]
    assert {tuple(found) for found in in_browser[: len(EXCEPTION_GROUPS[group])]} == {(group,)}


@pytest.mark.parametrize(("compound", "expected"), [
    ("windmolens", "windmolen"), ("wijkwindmolens", "wijkwindmolen"), ("rijksoverheid", "rijksoverheid"),
    ("schoolkinderen", "schoolkind"), ("buurtverenigingen", "buurtvereniging"), ("groei", "groei"), ("bloei", "bloei"),
])
def test_exceptions_apply_at_the_end_of_compounds_only_for_longer_words(compound: str, expected: str) -> None:
    assert text.terms(compound) == [expected]
