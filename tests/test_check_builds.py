"""What `check` accepts, the build builds: generated entries, checked and then built for real.

Hypothesis writes whole initiative files (front matter through the project's own YAML writer, or
hand-made YAML scalars, and a Markdown body from fragments that Markdown, HTML and YAML treat
specially). Every file that the check passes must come out of a real `kennisbank build` with its
page; a file the check refuses must be refused with messages, never a traceback.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import project_copy, run_kennisbank
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kennisbank.entries.themes import themas_by_slug
from kennisbank.entries.validate import check_paths
from kennisbank.submission import entry_file

pytestmark = pytest.mark.slow

TRICKY = [
    "<script>alert(1)</script>", "<b>", "&amp;", "{: #main-content }", "{: .x onclick=y }", "*", "**", "_", "`", "```",
    "[", "]", "(", ")", "](https://example.nl)", "![", "#", "## ", "- ", "* ", "1. ", "> ", "|", "---", "\\", "\n", "\n\n",
    "    ", "\t", ":", "'", '"', "é", "ĳ", "\u200b", "\u202e", "\ufeff", "😀", "𝒳", "%", "{", "}", "{{", "{%", "$", "~~",
    "[^1]", "<!--", "-->", "<http://x.nl>", "javascript:alert(1)", "mailto:info@voorbeeld.nl", "[x](andere.md)",
]
WORDS = ["buurt", "Tuin", "de", "van", "wijk", "energie", "coöperatie", "Vlissingen", "samen", "2024", "'s-Hertogenbosch"]
PLACES = ["Vlissingen", "Den Haag", "'s-Gravenhage", "GM0518", "Rotterdam", "Súdwest-Fryslân", "Bergen (NH)", "Den Bosch"]
GOOD_WEB = ["https://www.voorbeeld.nl", "https://voorbeeld.nl/pad?x=1&y=2#z", "http://a.nl", "https://café.nl/coöperatie", "https://例え.jp/x"]
BAD_WEB = ["https://utr\u0435cht.nl", "https://a.nl/\u202e", "https://gebruiker:geheim@voorbeeld.nl", "https://a.nl\\b",
           "www.voorbeeld.nl", "https://voorbeeld.nl/\n", "javascript:alert(1)"]
web = st.one_of(st.sampled_from(GOOD_WEB), st.sampled_from(GOOD_WEB), st.sampled_from(BAD_WEB))
# Mostly visible characters: a control character is refused (rightly), which would hide the rest of the entry.
visible_text = st.one_of(st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=8), st.text(max_size=3))

BASES = [
    "Bewoners onderhouden samen een moestuin en delen de oogst.", "Een buurtbudget dat de wijk zelf verdeelt",
    "Coöperatie van en voor het dorp, met zonnepanelen op de school", "Buurtbewoners",
]
fragment = st.one_of(st.sampled_from(TRICKY), st.sampled_from(WORDS), visible_text)


def sentence(low: int, high: int) -> st.SearchStrategy[str]:
    """Mostly text the check accepts (a base sentence), with fragments that Markdown, HTML and YAML treat specially."""
    return st.builds(
        lambda base, extra: (base + " " + "".join(extra))[:high].ljust(low, "x"),
        st.sampled_from(BASES), st.lists(fragment, max_size=8),
    )


body = st.lists(st.one_of(st.sampled_from(TRICKY), st.sampled_from(WORDS), visible_text), max_size=80).map("".join)
dates = st.dates(dt.date(1990, 1, 1), dt.date.today()).map(dt.date.isoformat)
ODD_DATES = ["2026-02-30", "2026-05-01\n", "1-1-2020", "9999-12-31"]


@st.composite
def answers(draw: st.DrawFn) -> dict[str, object]:
    themes = sorted(themas_by_slug())
    status = draw(st.sampled_from(["idee", "lopend", "afgerond", "gestopt"]))
    start = draw(st.integers(1900, dt.date.today().year))
    found: dict[str, object] = {
        "titel": draw(sentence(3, 120)),
        "samenvatting": draw(sentence(20, 300)),
        "gemeente": draw(st.one_of(st.just("landelijk"), st.sampled_from(PLACES), st.lists(st.sampled_from(PLACES), min_size=1, max_size=3, unique=True))),
        "themas": draw(st.lists(st.sampled_from(themes), min_size=1, max_size=3, unique=True)),
        "status": status,
        "startjaar": start,
        "initiatiefnemer": draw(sentence(2, 200)),
        "bijgewerkt": draw(st.one_of(dates, dates, dates, dates, dates, st.sampled_from(ODD_DATES))),
    }
    optional: dict[str, st.SearchStrategy[object]] = {
        "website": web,
        "contact": st.one_of(web, st.sampled_from(["info@voorbeeld.nl", "info@voorbeeld.nl", "in\u202efo@voorbeeld.nl", "iemand@gmail.com"])),
        "partners": st.lists(sentence(2, 200), max_size=3, unique=True),
        "trefwoorden": st.lists(st.sampled_from(WORDS), max_size=4, unique=True),
        "rol_overheid": st.sampled_from(["loslaten", "faciliteren", "stimuleren"]),
        "bronnen": st.lists(st.fixed_dictionaries({"url": web}, optional={"titel": sentence(2, 200), "geraadpleegd": dates}), max_size=3),
        "lessen": st.lists(st.fixed_dictionaries({"soort": st.sampled_from(["werkte", "valkuil", "tip-overheid"]), "tekst": sentence(20, 300)}), min_size=1, max_size=3),
    }
    if status in ("afgerond", "gestopt"):
        optional["eindjaar"] = st.integers(start, dt.date.today().year)
    for key, strategy in optional.items():
        if draw(st.booleans()):
            found[key] = draw(strategy)
    return found


@st.composite
def entry_files(draw: st.DrawFn) -> list[tuple[str, str]]:
    """A few (file name, text) pairs with distinct names."""
    files = []
    for number in range(draw(st.integers(1, 4))):
        matter = entry_file.front_matter(draw(answers()))
        files.append((f"gegenereerd-{number}.md", f"---\n{matter}\n---\n\n{draw(body)}\n"))
    return files


@pytest.fixture(scope="module")
def empty_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("leeg") / "initiatives"
    source.mkdir()
    return project_copy(tmp_path_factory.mktemp("eigenschap") / "project", source)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(files=entry_files())
def test_what_check_accepts_the_build_builds(empty_project: Path, files: list[tuple[str, str]]) -> None:
    tree = empty_project / "initiatives"
    shutil.rmtree(tree)
    tree.mkdir()
    for name, content in files:
        (tree / name).write_text(content, encoding="utf-8")
    result = check_paths([tree])
    assert result.files == len(files)
    refused = {m.path.rsplit("/", 1)[-1] for m in result.errors}
    assert all(any(m.path.endswith(name) for m in result.messages) for name in refused)
    for path in tree.iterdir():  # what the check refuses leaves; the build is judged on what it accepts
        if path.name in refused:
            path.unlink()
    accepted = [name for name, _ in files if name not in refused]
    built = run_kennisbank(empty_project, "build")
    assert built.returncode == 0, built.stderr[-3000:]
    assert "Traceback" not in built.stderr
    for name in accepted:
        assert (empty_project / "site" / "initiatieven" / name.replace(".md", ".html")).is_file(), name


def test_the_property_sees_accepted_entries(empty_project: Path) -> None:
    """The generator is no set of refusals only: a plain entry from it passes the check and builds."""
    tree = empty_project / "initiatives"
    shutil.rmtree(tree)
    (tree / "zeeland").mkdir(parents=True)
    matter = entry_file.front_matter({
        "titel": "Menukaart {: #main-content } <script>", "samenvatting": "Bewoners kiezen uit een *menukaart* [ van ideeën.",
        "gemeente": "Vlissingen", "themas": ["democratie"], "status": "lopend", "startjaar": 2019,
        "initiatiefnemer": "Gemeente Vlissingen", "bijgewerkt": "2026-01-05", "website": "https://café.nl/coöperatie",
    })
    (tree / "zeeland" / "menukaart.md").write_text(f"---\n{matter}\n---\n\n## Kop {{: id=\"main-content\" }}\n\n- - - tekst\n", encoding="utf-8")
    assert not check_paths([tree]).errors
    built = run_kennisbank(empty_project, "build")
    assert built.returncode == 0, built.stderr[-3000:]
    page = (empty_project / "site" / "initiatieven" / "menukaart.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page and "<script>alert" not in page
