"""Place queries on the search page, from disk, in Chromium: a query naming a municipality or a
province is a place (its page offered, its nearest initiatives first, its words never searched as
words), and "In de buurt van <gemeente>, binnen N km" filters. Distances are checked against
pages/nearby.km, the one the municipality pages use."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from conftest import REPO

from kennisbank.entries import places
from kennisbank.entries.model import Initiative
from kennisbank.entries.validate import check_paths
from kennisbank.pages.nearby import km

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shipped() -> list[Initiative]:
    return check_paths([REPO / "initiatives"]).initiatives


def gemeente(slug: str):
    return next(g for g in places.gemeenten() if g.slug == slug)


def distance(initiative: Initiative, *centres) -> float:
    """The nearest of an initiative's municipalities to the nearest centre; national ones: infinity."""
    return min((km(c, g) for c in centres for g in initiative.gemeenten), default=float("inf"))


def search(page, site: Path, query: str) -> list[str]:
    page.goto((site / "zoeken.html").as_uri() + "?" + query)
    page.wait_for_function("() => document.getElementById('kb-zoeken')?.dataset.status === 'klaar'")
    return page.locator("#kb-zoek-resultaten h3").all_inner_texts()


def distances_of(titles: list[str], shipped: list[Initiative], *centres) -> list[float]:
    by_title = {i.titel: i for i in shipped}
    return [distance(by_title[t], *centres) for t in titles]


def test_a_place_query_offers_the_place_and_lists_its_nearest_first(page, shipped_site: Path, shipped: list[Initiative]) -> None:
    bosch = gemeente("s-hertogenbosch")
    titles = search(page, shipped_site, "q=Den+Bosch")
    assert page.get_attribute("#kb-zoek-plaatsen a", "href") == "gemeenten/s-hertogenbosch.html"
    assert page.inner_text("#kb-zoek-aantal") == f"{len(shipped)} initiatieven, de dichtstbijzijnde bij 's-Hertogenbosch eerst."
    shown = distances_of(titles, shipped, bosch)
    assert len(shown) == 10 and shown == sorted(shown)
    assert shown == sorted(distance(i, bosch) for i in shipped)[:10]  # the ten nearest, as the municipality page measures
    # The words of the place are no words here: nothing is marked, and Den Haag (80 km) is not among them.
    assert page.locator("#kb-zoek-resultaten mark").count() == 0
    assert not any("Den Haag" in t for t in titles)
    assert page.locator("#kb-zoek-resultaten .kb-zoeken__plaats").nth(1).inner_text().endswith(" km)")
    assert not page.watch.console_errors


def test_a_stemmed_place_name_never_matches_other_words(page, shipped_site: Path, shipped: list[Initiative]) -> None:
    """'Veere' is stemmed to 'ver' (82 initiatives hold the word); as a place it finds Walcheren first."""
    titles = search(page, shipped_site, "q=Veere")
    shown = distances_of(titles, shipped, gemeente("veere"))
    assert shown == sorted(distance(i, gemeente("veere")) for i in shipped)[:10] and shown[0] == 0
    assert page.locator("#kb-zoek-resultaten mark").count() == 0
    # And a word that only stems like a place's name stays a word: 'huis' is no Huizen.
    search(page, shipped_site, "q=huis")
    assert page.is_hidden("#kb-zoek-plaatsen")
    assert page.inner_text("#kb-zoek-aantal").endswith("gevonden voor ‘huis’.")


def test_a_name_two_municipalities_share_names_both(page, shipped_site: Path, shipped: list[Initiative]) -> None:
    titles = search(page, shipped_site, "q=Bergen")
    links = page.locator("#kb-zoek-plaatsen a[href^='gemeenten/']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert sorted(links) == ["gemeenten/bergen-l.html", "gemeenten/bergen-nh.html"]
    both = (gemeente("bergen-l"), gemeente("bergen-nh"))
    shown = distances_of(titles, shipped, *both)
    assert shown == sorted(distance(i, *both) for i in shipped)[:10]
    assert not any("Bergen op Zoom" in t for t in titles[:3])


def test_words_beside_a_place_are_searched_near_it(page, shipped_site: Path, shipped: list[Initiative]) -> None:
    alone = search(page, shipped_site, "q=moestuin")
    count = re.match(r"(\d+) initiatie", page.inner_text("#kb-zoek-aantal")).group(1)
    titles = search(page, shipped_site, "q=moestuin+Rotterdam")
    assert page.inner_text("#kb-zoek-aantal") == f"{count} initiatieven gevonden voor ‘moestuin’, de dichtstbijzijnde bij Rotterdam eerst."
    assert sorted(titles) == sorted(alone)  # the same initiatives (fewer than a page), the nearest first
    shown = distances_of(titles, shipped, gemeente("rotterdam"))
    assert shown == sorted(shown)


def test_a_province_query_is_that_province(page, shipped_site: Path, shipped: list[Initiative]) -> None:
    search(page, shipped_site, "q=Drenthe")
    in_drenthe = [i for i in shipped if any(p.slug == "drenthe" for p in i.provincies)]
    assert page.inner_text("#kb-zoek-aantal") == f"{len(in_drenthe)} initiatieven in Drenthe."


def test_the_distance_filter_works_from_disk_and_keeps_its_address(page, shipped_site: Path, shipped: list[Initiative]) -> None:
    zwolle = gemeente("zwolle")
    titles = search(page, shipped_site, "bij=zwolle&km=20")
    within = [i for i in shipped if distance(i, zwolle) <= 20]
    assert page.inner_text("#kb-zoek-aantal") == f"{len(within)} initiatieven binnen 20 km van Zwolle, de dichtstbijzijnde eerst."
    assert sorted(titles) == sorted(i.titel for i in within)
    assert (page.input_value("#kb-zoek-bij"), page.input_value("#kb-zoek-km")) == ("zwolle", "20")
    page.fill("#kb-zoek-km", "40")
    page.locator("#kb-zoek-km").dispatch_event("change")
    page.wait_for_function("() => location.search.includes('km=40')")
    wider = [i for i in shipped if distance(i, zwolle) <= 40]
    page.wait_for_function("n => document.getElementById('kb-zoek-aantal').textContent.startsWith(n + ' initiatieven binnen 40 km')", arg=len(wider))
    page.select_option("#kb-zoek-bij", "vaals")  # a municipality without initiatives measures too
    page.wait_for_function("() => location.search.includes('bij=vaals')")
    assert page.locator("#kb-zoek-bij option").count() == len(places.gemeenten()) + 1
    assert not page.watch.console_errors


def test_the_pages_distances_are_the_municipality_pages(page, shipped_site: Path) -> None:
    search(page, shipped_site, "q=")
    everywhere = list(places.gemeenten())
    pairs = [tuple(random.Random(n).sample(everywhere, 2)) for n in range(300)]
    found = page.evaluate("pairs => pairs.map(p => kbZoeken.km(p[0], p[1]))", [[a.slug, b.slug] for a, b in pairs])
    assert found == [km(a, b) for a, b in pairs]


def test_a_place_query_can_be_searched_as_words(page, shipped_site: Path) -> None:
    search(page, shipped_site, "q=Buren")
    link = page.locator("a.kb-zoeken__als-woord")
    assert link.inner_text() == "Zoek ‘Buren’ als gewone woorden"
    link.click()
    page.wait_for_function("() => location.search.includes('woord=1') && document.getElementById('kb-zoeken')?.dataset.status === 'klaar'")
    page.wait_for_function("() => document.getElementById('kb-zoek-aantal').textContent.includes('gevonden voor ‘Buren’.')")
    assert page.locator("#kb-zoek-resultaten mark").count() > 0  # now the word 'buren' is searched and marked
    assert page.get_attribute("#kb-zoek-plaatsen a", "href") == "gemeenten/buren.html"  # the page is still offered
