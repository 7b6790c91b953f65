"""Entries that look alike: the rule on true pairs and near misses, in the check, named or whole tree."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, KENNISBANK, REPO, run_kennisbank
from kennisbank.entries import duplicates, schema
from kennisbank.entries.file_tree import tree_of
from kennisbank.entries.validate import check_paths

TREE = FIXTURES / "onderhoud" / "initiatives"
# (file, field, the file it is said to look like): every pair in the fixture tree, both ways.
PAIRS = {
    ("zeeland/menukaart-vlissingen.md", "website", "zeeland/menukaarten-in-vlissingen.md"),
    ("zeeland/menukaarten-in-vlissingen.md", "website", "zeeland/menukaart-vlissingen.md"),
    ("zuid-holland/buurtmoestuin-delfshaven.md", "titel", "zuid-holland/buurtmoestuin-delfhsaven.md"),
    ("zuid-holland/buurtmoestuin-delfhsaven.md", "titel", "zuid-holland/buurtmoestuin-delfshaven.md"),
    ("landelijk/repair-cafe.md", "titel", "landelijk/repaircafes-nederland.md"),
    ("landelijk/repaircafes-nederland.md", "titel", "landelijk/repair-cafe.md"),
}


def duplicate_warnings(messages) -> set[tuple[str, str, str]]:
    found = set()
    for m in messages:
        if m.text.startswith("lijkt op "):
            assert m.level == "waarschuwing"
            other = m.text.removeprefix("lijkt op ").split(" ", 1)[0]
            found.add((m.path, m.field, other))
    return found


def relative(found: set[tuple[str, str, str]], root: Path) -> set[tuple[str, str, str]]:
    """The paths below the tree (messages show them relative to the working directory)."""
    def below(path: str) -> str:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    return {(below(a), f, below(b)) for a, f, b in found}


@pytest.mark.parametrize(("url", "key"), [
    ("https://www.Example.NL/over/", "example.nl/over"),
    ("http://example.nl/over", "example.nl/over"),
    ("https://example.nl/over#team", "example.nl/over"),
    ("https://example.nl/?id=3", "example.nl?id=3"),
    ("https://example.nl/Over", "example.nl/Over"),
    ("https://wwwx.nl/", "wwwx.nl"),
    ("info@example.nl", None),
    (None, None),
])
def test_website_key(url: str | None, key: str | None) -> None:
    assert duplicates.website_key(url) == key


def test_title_words_drop_place_stop_words_and_plurals() -> None:
    names = duplicates.place_names("GM0518")  # Den Haag, 's-Gravenhage, The Hague
    assert duplicates.title_words("Wijkdeals in Den Haag", names) == ["wijkdeal"]
    assert duplicates.title_words("Stichting Wijkdeal 's-Gravenhage", names) == ["wijkdeal"]
    assert duplicates.title_words("Zorgcoöperatie Hoogeloon U.A.", ()) == ["zorgcooperatie", "hoogeloon"]
    assert duplicates.title_words("Den Haag", names) == []


def test_fixture_tree_gives_exactly_the_true_pairs() -> None:
    result = check_paths([TREE])
    assert relative(duplicate_warnings(result.messages), TREE) == PAIRS
    message = next(m for m in result.messages if m.path.endswith("menukaart-vlissingen.md") and m.field == "website")
    assert message.line == 9
    other = message.path.replace("menukaart-vlissingen.md", "menukaarten-in-vlissingen.md")
    assert message.text == schema.say(schema.messages()["dubbel"]["website"], waarde=other)


@pytest.mark.parametrize("tree", ["search", "site", "broken"])
def test_no_false_alarm_in_the_other_fixture_trees(tree: str) -> None:
    assert duplicate_warnings(check_paths([FIXTURES / tree / "initiatives"]).messages) == set()


def test_no_false_alarm_in_the_shipped_content() -> None:
    assert duplicate_warnings(check_paths([REPO / "initiatives"]).messages) == set()


def test_a_named_file_is_judged_against_its_whole_tree() -> None:
    named = [TREE / "zuid-holland" / "buurtmoestuin-delfshaven.md", TREE / "zeeland" / "menukaart-vlissingen.md"]
    alone = check_paths(named, tree_of(named))
    expected = {p for p in PAIRS if p[0] in ("zuid-holland/buurtmoestuin-delfshaven.md", "zeeland/menukaart-vlissingen.md")}
    assert relative(duplicate_warnings(alone.messages), TREE) == expected
    assert {Path(m.path).resolve() for m in alone.messages} <= {p.resolve() for p in named}


def test_warnings_keep_the_exit_code_and_fail_only_with_strict(tmp_path: Path) -> None:
    shutil.copytree(TREE / "zuid-holland", tmp_path / "initiatives" / "zuid-holland")
    result = run_kennisbank(tmp_path, "check")
    assert result.returncode == 0, result.stdout
    assert ("initiatives/zuid-holland/buurtmoestuin-delfshaven.md:2: titel: waarschuwing: lijkt op "
            "initiatives/zuid-holland/buurtmoestuin-delfhsaven.md (vrijwel dezelfde titel in Rotterdam)") in result.stdout
    assert run_kennisbank(tmp_path, "check", "--strict").returncode == 1
    github = run_kennisbank(tmp_path, "check", "--format", "github").stdout
    assert "::warning file=initiatives/zuid-holland/buurtmoestuin-delfshaven.md,line=2,title=titel::" in github


def entry(number: int, titel: str, place: str = "GM0363", website: str | None = None) -> duplicates.Entry:
    return duplicates.Entry(f"initiatives/x/{number:05d}.md", titel, (place,), website)


@pytest.mark.parametrize(("a", "b", "alike"), [
    ("Buurtmoestuin Delfshaven", "Buurtmoestuin Delfhsaven", True),  # two letters swapped
    ("Buurtmoestuin Delfshaven", "Buurtmoestuin Delfshave", True),  # one letter too few
    ("Buurtmoestuin Delfshaven", "Buurtmoestuinen in Delfshaven", True),  # plural, stop word
    ("Delfshaven Buurtmoestuin", "Buurtmoestuin Delfshaven", True),  # other order
    ("Buurt moestuin Delfshaven", "Buurtmoestuin Delfshaven", True),  # written apart
    ("Buurtmoestuin Delfshaven", "Buurtmoestuin Charlois", False),
    ("Buurtbus", "Buurthuis", False),  # short and two letters apart
    ("Buurtbus", "Buurtbas", False),  # too short to allow a typo
    ("G1000 2014", "G1000 2016", False),  # numbers must be equal
    ("Voedselbos Noord", "Voedselbos Zuid", False),
    ("Amsterdam", "Amsterdam", False),  # nothing left once the place is dropped
])
def test_rule_on_near_misses_and_true_pairs(a: str, b: str, alike: bool) -> None:
    found = duplicates.find([entry(1, a), entry(2, b)])
    assert bool(found) == alike, found
    assert not duplicates.find([entry(1, a), entry(2, b, place="GM0599")]), "other municipality"


def test_many_alike_entries_name_a_few_others_and_stay_fast() -> None:
    entries = [entry(n, "Repair Café", website="https://repaircafe.org") for n in range(3000)]
    found = duplicates.find(entries)
    assert len(found) == 3000  # one per entry: the website (the same title is not said twice)
    assert all(m.text.count("initiatives/x/") == duplicates.MAX_NAMED for m in found)


def test_a_converted_issue_names_the_entries_it_looks_like(tmp_path: Path) -> None:
    from kennisbank.submission import issue_form as issueform

    shutil.copytree(TREE, tmp_path / "initiatives")
    body = (FIXTURES / "issues" / "minimaal.md").read_text(encoding="utf-8").replace("Nationale Buitenspeeldag", "Repaircafe")
    outcome = issueform.submit(body, tmp_path / "initiatives", dt.date(2025, 1, 1))
    assert outcome.ok and outcome.target.is_file()
    # Only the new file's warning: the existing files' mirror images are not the submitter's business.
    assert [(m.path, m.field, m.level) for m in outcome.messages] == [(outcome.target.as_posix(), "titel", "waarschuwing")]
    assert "landelijk/repair-cafe.md en " in outcome.messages[0].text and "repaircafes-nederland.md" in outcome.messages[0].text
    reply = issueform.comment(outcome)
    assert "Bestaat dit initiatief al?" in reply and "Titel: waarschuwing: lijkt op " in reply


# --- the look-alike check reads the unnamed files of the tree: only regular ones, bounded ---------

ENTRY = """---
titel: {titel}
samenvatting: Een samenvatting die lang genoeg is om goed te zijn.
gemeente: {gemeente}
themas: [wonen]
status: lopend
startjaar: 2020
initiatiefnemer: Bewoners
website: "https://buurtmoestuin.example.nl"
bijgewerkt: 2024-01-01
---
Tekst.
"""


def write_entry(path: Path, titel: str = "Buurtmoestuin Lombok", gemeente: str = "Utrecht") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ENTRY.format(titel=titel, gemeente=gemeente), encoding="utf-8")
    return path


def limit_memory() -> None:
    """In the child: a regression that builds gigabytes fails there with MemoryError, not on the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def check_named(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`kennisbank check` in a child with a timeout and a memory limit: a regression fails instead of hanging."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*KENNISBANK, "check", *args], cwd=project, env=env, capture_output=True, text=True,
                          timeout=60, preexec_fn=limit_memory)


def test_a_pipe_socket_or_link_in_the_tree_is_not_read_for_the_look_alikes(tmp_path: Path) -> None:
    folder = tmp_path / "initiatives" / "utrecht"
    write_entry(folder / "een.md")
    os.mkfifo(folder / "pijp.md")  # opening it for reading would wait for a writer for ever
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "sok.md"))
        # A look-alike (same website) outside the tree, linked into it: not followed.
        (folder / "koppeling.md").symlink_to(write_entry(tmp_path / "buiten" / "kopie.md"))
        result = check_named(tmp_path, "initiatives/utrecht/een.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "1 bestand gecontroleerd: alles in orde\n" and result.stderr == ""
    # The file's own check still names each of them.
    whole = check_named(tmp_path, "initiatives/utrecht/pijp.md", "initiatives/utrecht/koppeling.md")
    assert "pijp.md:1: bestand: 'pijp.md' is geen gewoon bestand" in whole.stdout
    assert "koppeling.md:1: bestand: symbolische koppelingen zijn niet toegestaan" in whole.stdout


def test_a_regular_look_alike_is_still_found_next_to_a_pipe(tmp_path: Path) -> None:
    folder = tmp_path / "initiatives" / "utrecht"
    write_entry(folder / "een.md")
    write_entry(folder / "twee.md", "Buurtmoestuin in Lombok")
    os.mkfifo(folder / "pijp.md")
    result = check_named(tmp_path, "initiatives/utrecht/een.md")
    assert "een.md:9: website: waarschuwing: lijkt op initiatives/utrecht/twee.md (zelfde website)" in result.stdout


def test_an_overlong_title_elsewhere_is_not_compared_and_costs_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "initiatives" / "utrecht"
    write_entry(folder / "een.md")
    # 80,000 letters: its one-letter-deleted forms alone would be 6.4 GB.
    write_entry(folder / "lang.md", "b" + "uurtmoestuinlombok" * 4444 + "b" * 7)
    result = check_named(tmp_path, "initiatives/utrecht/een.md")
    assert result.returncode == 0, result.stdout + result.stderr
    # The website is still compared; the title is not (the file's own check reports its length).
    assert "een.md:9: website: waarschuwing: lijkt op initiatives/utrecht/lang.md (zelfde website)" in result.stdout
    assert "titel" not in result.stdout and result.stderr == ""


def test_titles_are_compared_up_to_the_schemas_maximum_length() -> None:
    longest = schema.properties()["titel"]["maxLength"]
    base = "Buurtmoestuin " + "x" * (longest - len("Buurtmoestuin "))
    assert len(base) == longest
    assert duplicates.find([entry(1, base), entry(2, base[:-1] + "y")]), "a typo at the maximum length is found"
    assert any(key[0] == "fuzzy" for key in duplicates.keys_of_title(base, ("GM0344",)))
    assert duplicates.keys_of_title(base + "x", ("GM0344",)) == ()


def test_only_the_schemas_number_of_places_is_looked_up() -> None:
    most = schema.properties()["gemeente"]["oneOf"][1]["maxItems"]
    assert duplicates.place_codes([f"Onbekend{n}" for n in range(most)] + ["Utrecht"]) == ()
    assert duplicates.place_codes(["Onbekend", "Utrecht", "Amersfoort", "Utrecht"]) == ("GM0344", "GM0307")
