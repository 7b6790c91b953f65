"""The relevance test set (tests/fixtures/search/relevantie.yml): every query, in Chromium, from disk."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import watched_page
from kennisbank.search import relevance

CASES = relevance.cases()


def test_the_set_is_large_and_varied() -> None:
    assert len(CASES) >= 40
    kinds = {case.kind for case in CASES}
    assert {"samenstelling", "meervoud", "diakrieten", "plaatsnaam", "provincie", "typfout", "meer woorden", "onzin"} <= kinds
    slugs = {path.stem for folder in relevance.CORPUS for path in folder.rglob("*.md")}
    assert {slug for case in CASES for slug in case.expected} <= slugs, "every expected entry exists"


# As built (the shipped corpus has no term file large enough to split), and with every term file
# split by its terms' first three characters, as large sites have them: the same answers.
@pytest.fixture(scope="module", params=[None, 0], ids=["as-built", "all-term-files-split"])
def relevance_page(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return relevance.write_site(tmp_path_factory.mktemp("relevantie"), split_above=request.param)


@pytest.mark.browser
def test_every_query_finds_its_entries(browser, relevance_page: Path) -> None:
    page = watched_page(browser, local=("file://",), offline=True)
    failures = []
    try:
        for case in CASES:
            outcome = relevance.run(page, relevance_page, case)
            if case.suggestion and outcome.suggestion != case.suggestion:
                failures.append(f"{case.query!r}: offered {outcome.suggestion!r}, expected {case.suggestion!r}")
            if relevance.recall(case, outcome) < 1:
                failures.append(f"{case.query!r}: first {relevance.TOP} were {list(outcome.slugs)}, missing "
                                f"{sorted(set(case.expected) - set(outcome.slugs))}")
            if case.first and outcome.slugs[:1] != (case.first,):
                failures.append(f"{case.query!r}: first was {outcome.slugs[:1]}, expected {case.first}")
            if case.empty and not (outcome.empty_shown and not outcome.slugs):
                failures.append(f"{case.query!r}: expected no results and the empty-state advice")
        assert not failures, "\n".join(failures)
        assert not page.watch.console_errors and not page.watch.outside_requests, page.watch.__dict__
    finally:
        page.context.close()
