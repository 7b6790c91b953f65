"""Tests for kennisbank.entries.places: lookups, and our tables against the shared reference data."""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from kennisbank import DATA_DIR
from kennisbank.entries.places import (
    Lookup,
    fold,
    gemeente_by_code,
    gemeente_by_slug,
    gemeenten,
    lookup_gemeente,
    lookup_provincie,
    provincie_by_slug,
    provincies,
    slugify,
)

REFERENCE_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "reference"


def resolved_code(text: str) -> str:
    """Code of the single municipality a clean lookup returns."""
    result = lookup_gemeente(text)
    assert result.error is None and result.warning is None, result
    assert len(result.gemeenten) == 1
    return result.gemeenten[0].code


# --- normalisation ---------------------------------------------------------------------


def test_fold_strips_case_diacritics_apostrophes_and_spacing() -> None:
    assert fold("  Súdwest-Fryslân ") == "sudwest-fryslan"
    assert fold("\u2019s-Gravenhage") == fold("'s-Gravenhage") == fold("`s-Gravenhage")
    assert fold("Nuenen,   Gerwen\ten Nederwetten") == "nuenen, gerwen en nederwetten"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("'s-Hertogenbosch", "s-hertogenbosch"),
        ("Bergen (NH.)", "bergen-nh"),
        ("Nuenen, Gerwen en Nederwetten", "nuenen-gerwen-en-nederwetten"),
        ("Súdwest-Fryslân", "sudwest-fryslan"),
        ("Den Haag", "den-haag"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


# --- tables ----------------------------------------------------------------------------


def test_provincies_in_file_order() -> None:
    assert [provincie.code for provincie in provincies()] == [f"PV{n}" for n in range(20, 32)]
    assert provincies()[1].naam == "Fryslân"
    assert provincie_by_slug("fryslan") is provincies()[1]
    assert provincie_by_slug("noord-holland").naam == "Noord-Holland"


def test_gemeenten_sorted_by_folded_common_name() -> None:
    names = [gemeente.naam_gangbaar for gemeente in gemeenten()]
    assert len(names) == 342
    assert [fold(name) for name in names] == sorted(fold(name) for name in names)


def test_slugs_unique_and_from_common_name() -> None:
    slugs = [gemeente.slug for gemeente in gemeenten()]
    assert len(set(slugs)) == len(slugs)
    assert gemeente_by_code("GM0518").slug == "den-haag"
    assert gemeente_by_slug("s-hertogenbosch").code == "GM0796"


def test_unknown_code_or_slug_raises_key_error() -> None:
    with pytest.raises(KeyError):
        gemeente_by_code("GM9999")
    with pytest.raises(KeyError):
        gemeente_by_slug("atlantis")
    with pytest.raises(KeyError):
        provincie_by_slug("friesland")


def test_data_files_never_split_names_on_commas() -> None:
    with (DATA_DIR / "gemeenten.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["code"]: row for row in csv.DictReader(handle)}
    assert rows["GM0820"]["naam"] == "Nuenen, Gerwen en Nederwetten"
    assert gemeente_by_code("GM0820").naam == "Nuenen, Gerwen en Nederwetten"


# --- lookup_gemeente: current municipalities -------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("'s-Gravenhage", "GM0518"),  # official name
        ("Den Haag", "GM0518"),  # common name
        ("The Hague", "GM0518"),  # alias
        ("GM0518", "GM0518"),  # CBS code
        ("gm0518", "GM0518"),
        ("den-haag", "GM0518"),  # slug
        ("DEN   haag ", "GM0518"),  # case and spacing
        ("\u2019s-Gravenhage", "GM0518"),  # typographic apostrophe
        ("\u2018s-Hertogenbosch", "GM0796"),
        ("`s-Hertogenbosch", "GM0796"),
        ("Den Bosch", "GM0796"),
        ("Súdwest-Fryslân", "GM1900"),
        ("sudwest-fryslan", "GM1900"),  # diacritics folded (also the slug)
        ("SUDWEST-FRYSLAN", "GM1900"),
        ("Nuenen, Gerwen en Nederwetten", "GM0820"),  # comma inside the official name
        ("Nuenen", "GM0820"),
        ("Bergen (NH.)", "GM0373"),
        ("Bergen NH", "GM0373"),
        ("Bergen (NH)", "GM0373"),
        ("bergen-nh", "GM0373"),
        ("Bergen (L.)", "GM0893"),
        ("Bergen L", "GM0893"),
        ("Bergen (Limburg)", "GM0893"),
        ("Hengelo (O.)", "GM0164"),
        ("Hengelo", "GM0164"),
    ],
)
def test_lookup_current(text: str, code: str) -> None:
    assert resolved_code(text) == code


def test_bare_bergen_is_ambiguous() -> None:
    result = lookup_gemeente("Bergen")
    assert result.gemeenten == ()
    assert result.error == "'Bergen' is niet eenduidig; bedoelde u 'Bergen (L.)' of 'Bergen (NH.)'?"


def test_bare_code_digits_are_not_accepted() -> None:
    assert lookup_gemeente("0518").error is not None


# --- lookup_gemeente: former municipalities --------------------------------------------


def test_merged_name_resolves_with_warning() -> None:
    result = lookup_gemeente("Weesp")
    assert [gemeente.code for gemeente in result.gemeenten] == ["GM0363"]
    assert result.error is None
    assert result.warning == (
        "'Weesp' is op 24 maart 2022 opgegaan in Amsterdam; schrijf voortaan 'Amsterdam'"
    )


def test_merged_code_resolves_and_names_the_old_municipality() -> None:
    result = lookup_gemeente("gm0457")
    assert [gemeente.code for gemeente in result.gemeenten] == ["GM0363"]
    assert result.warning is not None and "(Weesp)" in result.warning


def test_merged_across_two_steps_points_at_today() -> None:
    result = lookup_gemeente("Graafstroom")  # Molenwaard 2013, Molenlanden 2019
    assert [gemeente.naam for gemeente in result.gemeenten] == ["Molenlanden"]
    assert result.warning == (
        "'Graafstroom' is op 1 januari 2013 opgegaan in Molenlanden; schrijf voortaan 'Molenlanden'"
    )


def test_leeuwarderadeel_warning_date() -> None:
    result = lookup_gemeente("leeuwarderadeel")
    assert [gemeente.code for gemeente in result.gemeenten] == ["GM0080"]
    assert result.warning is not None and "is op 1 januari 2018 opgegaan in Leeuwarden" in result.warning


def test_renamed_municipality_resolves() -> None:
    result = lookup_gemeente("De Friese Meren")
    assert [gemeente.naam for gemeente in result.gemeenten] == ["De Fryske Marren"]
    assert result.warning is not None


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "Haaren",
            "'Haaren' is op 1 januari 2021 opgesplitst over Boxtel, Oisterwijk, Tilburg en Vught;"
            " kies de huidige gemeente",
        ),
        (
            "Maasdonk",
            "'Maasdonk' is op 1 januari 2015 opgesplitst over 's-Hertogenbosch en Oss;"
            " kies de huidige gemeente",
        ),
        (
            "Winsum",
            "'Winsum' is op 1 januari 2019 opgesplitst over Het Hogeland en Westerkwartier;"
            " kies de huidige gemeente",
        ),
        (
            "Littenseradiel",
            "'Littenseradiel' is op 1 januari 2018 opgesplitst over Leeuwarden, Súdwest-Fryslân en Waadhoeke;"
            " kies de huidige gemeente",
        ),
        (
            "Boarnsterhim",
            "'Boarnsterhim' is op 1 januari 2014 opgesplitst over De Fryske Marren, Heerenveen, Leeuwarden"
            " en Súdwest-Fryslân; kies de huidige gemeente",
        ),
    ],
)
def test_split_municipality_is_an_error(text: str, error: str) -> None:
    result = lookup_gemeente(text)
    assert result.gemeenten == ()
    assert result.warning is None
    assert result.error == error


def test_haren_and_haaren_are_different_municipalities() -> None:
    assert lookup_gemeente("Haren").gemeenten == (gemeente_by_code("GM0014"),)
    assert lookup_gemeente("Haaren").error is not None


def test_current_names_win_over_former_names() -> None:
    # No former name equals a current one today; this guards the rule for future data.
    current = {fold(gemeente.naam) for gemeente in gemeenten()} | {
        fold(gemeente.naam_gangbaar) for gemeente in gemeenten()
    }
    for name in current:
        result = lookup_gemeente(name)
        assert result.warning is None and result.error is None, name


# --- lookup_gemeente: unknown ----------------------------------------------------------


def test_unknown_with_suggestion() -> None:
    result = lookup_gemeente("Vlisingen")
    assert result.gemeenten == ()
    assert result.error == "onbekende gemeente 'Vlisingen'; bedoelde u 'Vlissingen'?"


def test_unknown_suggestion_uses_common_name() -> None:
    assert lookup_gemeente("s-Gravenhagen").error == "onbekende gemeente 's-Gravenhagen'; bedoelde u 'Den Haag'?"


def test_unknown_without_suggestion() -> None:
    assert lookup_gemeente("Xyz").error == (
        "onbekende gemeente 'Xyz'; gebruik de naam of CBS-code (GMxxxx) van een huidige gemeente"
    )


def test_empty_text_is_an_error() -> None:
    assert lookup_gemeente("   ").error is not None


def test_lookup_rejects_inconsistent_results() -> None:
    with pytest.raises(ValueError):
        Lookup(gemeenten=(), warning=None, error=None)


# --- lookup_provincie ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Friesland", "PV21"),
        ("fryslan", "PV21"),
        ("Fryslân", "PV21"),
        ("FRYSLÂN", "PV21"),
        ("pv28", "PV28"),
        ("Zuid-Holland", "PV28"),
        ("noord-brabant", "PV30"),
        ("Limburg", "PV31"),
    ],
)
def test_lookup_provincie(text: str, code: str) -> None:
    provincie = lookup_provincie(text)
    assert provincie is not None and provincie.code == code


def test_lookup_provincie_unknown() -> None:
    assert lookup_provincie("Vlaanderen") is None


# --- comparison with the shared reference ----------------------------------------------


def read_reference(name: str) -> list[dict[str, str]]:
    """Rows of a reference CSV, or skip when the reference folder is not beside the repo."""
    path = REFERENCE_DIR / name
    if not path.is_file():
        pytest.skip(f"../shared/reference not present: {path} is missing, so our tables cannot be compared")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def reference_gemeenten() -> dict[str, dict[str, str]]:
    return {row["gemeentecode"]: row for row in read_reference("gemeenten_2025.csv")}


def test_reference_same_codes_names_and_provinces(reference_gemeenten: dict[str, dict[str, str]]) -> None:
    ours = {gemeente.code: gemeente for gemeente in gemeenten()}
    assert set(ours) == set(reference_gemeenten)
    assert len(ours) == 342
    for code, row in reference_gemeenten.items():
        assert ours[code].naam == row["gemeentenaam_cbs"], code
        assert ours[code].naam_gangbaar == row["naam_gangbaar"], code
        assert ours[code].provincie.code == row["provinciecode"], code
        assert ours[code].provincie.naam == row["provincienaam"], code


def test_reference_label_points(reference_gemeenten: dict[str, dict[str, str]]) -> None:
    for code, row in reference_gemeenten.items():
        gemeente = gemeente_by_code(code)
        assert abs(gemeente.lat - float(row["label_lat"])) < 0.001, code
        assert abs(gemeente.lon - float(row["label_lon"])) < 0.001, code


def test_reference_province_counts() -> None:
    counts = Counter(gemeente.provincie.naam for gemeente in gemeenten())
    assert counts == {
        "Groningen": 10, "Fryslân": 18, "Drenthe": 12, "Overijssel": 25, "Flevoland": 6,
        "Gelderland": 51, "Utrecht": 26, "Noord-Holland": 44, "Zuid-Holland": 50,
        "Zeeland": 13, "Noord-Brabant": 56, "Limburg": 31,
    }


def test_reference_mergers() -> None:
    expected: dict[str, set[str]] = defaultdict(set)
    for row in read_reference("herindelingen_2013_2025.csv"):
        expected[row["oude_code"]].add(row["code_2025"])
    with (DATA_DIR / "herindelingen.csv").open(encoding="utf-8", newline="") as handle:
        ours = {row["oude_code"]: set(row["opvolgers"].split("|")) for row in csv.DictReader(handle)}
    assert set(expected) <= set(ours)
    for oude_code, codes in expected.items():
        assert ours[oude_code] == codes, oude_code


def test_renamed_municipality_says_renamed_not_merged() -> None:
    found = lookup_gemeente("De Friese Meren")
    assert found.warning == "'De Friese Meren' is op 1 januari 2015 hernoemd tot De Fryske Marren; schrijf voortaan 'De Fryske Marren'"
