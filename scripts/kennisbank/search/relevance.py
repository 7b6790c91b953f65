"""The search's relevance test set (tests/fixtures/search/relevantie.yml), run in Chromium from disk.

Shared by tests/test_relevance.py (which asserts every query) and the search benchmark (which prints
recall@10 and mean reciprocal rank). The page is docs/zoeken.md's markup in a bare HTML document
with the search files the writer emits for the shipped initiatives plus the search fixtures.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml

from kennisbank.entries.validate import check_paths
from kennisbank.search import index
from kennisbank.search import payload as writer
from kennisbank.search.bare_page import write_site as write_bare_site

REPO = Path(__file__).resolve().parents[3]
CASES_FILE = REPO / "tests" / "fixtures" / "search" / "relevantie.yml"
CORPUS = (REPO / "initiatives", REPO / "tests" / "fixtures" / "search" / "initiatives")
TOP = 10


@dataclass(frozen=True)
class Case:
    query: str
    kind: str
    expected: tuple[str, ...] = ()
    first: str | None = None
    suggestion: str | None = None
    empty: bool = False


@dataclass(frozen=True)
class Outcome:
    slugs: tuple[str, ...]  # the first TOP results
    suggestion: str | None
    empty_shown: bool


def cases() -> list[Case]:
    raw = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    return [Case(query=str(item["q"]), kind=item["soort"], expected=tuple(item.get("top10", ())), first=item.get("eerste"),
                 suggestion=item.get("suggestie"), empty=bool(item.get("leeg"))) for item in raw]


def write_site(folder: Path, split_above: int | None = None) -> Path:
    """The bare search page and its files for the corpus; returns zoeken.html.

    split_above: the size above which a term file is split (payload.SPLIT_ABOVE when None; 0 splits all).
    """
    initiatives = check_paths(list(CORPUS)).initiatives
    split = writer.SPLIT_ABOVE if split_above is None else split_above
    files: dict[str, bytes] = {path: content.encode("utf-8") for path, content in writer.data_files(index.build(initiatives), split)}
    files.update(writer.static_files())
    return write_bare_site(folder, files)


def _settled(page, query: str) -> None:
    page.wait_for_function(
        "q => { const r = document.getElementById('kb-zoeken'); return r && r.dataset.status === 'klaar' && r.dataset.zoekopdracht === q; }",
        arg=query, timeout=30_000)


def run(page, page_file: Path, case: Case) -> Outcome:
    """Search as a reader would: type the query, and for a typo follow the offered suggestion."""
    page.goto(page_file.as_uri() + "?q=" + quote(case.query))
    _settled(page, case.query)
    offered = None
    if case.suggestion:
        link = page.locator("#kb-zoek-suggestie a")
        link.wait_for(timeout=10_000)
        offered = link.inner_text()
        link.click()
        _settled(page, offered)
    hrefs = page.locator("#kb-zoek-resultaten h3 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    slugs = tuple(href.rsplit("/", 1)[-1].removesuffix(".html") for href in hrefs[:TOP])
    return Outcome(slugs=slugs, suggestion=offered, empty_shown=page.locator("#kb-zoek-leeg").is_visible())


def recall(case: Case, outcome: Outcome) -> float:
    if not case.expected:
        return 1.0 if not outcome.slugs else 0.0
    return len(set(case.expected) & set(outcome.slugs)) / len(case.expected)


def reciprocal_rank(case: Case, outcome: Outcome) -> float:
    if not case.expected:
        return 1.0 if not outcome.slugs else 0.0
    ranks = [rank for rank, slug in enumerate(outcome.slugs, 1) if slug in case.expected]
    return 1 / ranks[0] if ranks else 0.0
