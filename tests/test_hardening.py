"""Hostile and mistyped files: the check reports each problem as `path:line: veld: melding`, never crashes or hangs."""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from conftest import run_kennisbank
from kennisbank.entries import file_tree, parallel, validate
from kennisbank.entries.validate import check_paths
from sample_entry import VALID, write


def with_value(field: str, raw: str) -> bytes:
    """VALID with one field's line replaced by (or, for an optional field, added as) raw YAML text."""
    text = VALID if f"\n{field}:" in VALID else VALID.replace("\nbijgewerkt:", f"\n{field}: x\nbijgewerkt:")
    lines = [f"{field}: {raw}" if line.startswith(f"{field}:") else line for line in text.split("\n")]
    return "\n".join(lines).encode("utf-8")


def messages_of(root: Path) -> list[tuple[int, str, str]]:
    result = check_paths([root / "initiatives"])
    return [(m.line, m.field, m.text) for m in result.messages]


# (field, raw YAML value, expected field of the message, part of the expected text)
CRASHERS = [
    ("themas", "5", "themas", "moet een lijst zijn"),
    ("themas", "{a: b}", "themas", "moet een lijst zijn"),
    ("partners", "[" * 500 + "]" * 500, "partners", "lagen diep"),
    ("partners", "[" * 100_000 + "]" * 100_000, "partners", "lagen diep"),
    ("titel", "!!int abc", "titel", "past niet bij de waarde"),
    ("titel", "!!seq abc", "titel", "past niet bij de waarde"),
    ("titel", "!!map [a]", "titel", "past niet bij de waarde"),
    ("titel", "!<tag:yaml.org,2002:int> x", "titel", "past niet bij de waarde"),
    ("titel", "!!null abc", "titel", "past niet bij de waarde"),
    ("titel", "!!python/object:os.system x", "titel", "YAML-tags"),
    ("startjaar", "9" * 5000, "startjaar", "5000 cijfers"),
    ("partners", "[" + "9" * 5000 + "]", "partners", "5000 cijfers"),
    ("titel", "Buurt\x01tuin", "titel", "U+0001"),
    ("titel", "Buurt\x00tuin", "titel", "U+0000"),
    ("titel", "Buurt\x0ctuin", "titel", "U+000C"),
    ("titel", "Buurt\x7ftuin", "titel", "U+007F"),
    ("titel", "Buurt\ufffetuin", "titel", "U+FFFE"),
    ("titel", "Buurt\x85tuin", "titel", "U+0085"),
]


@pytest.mark.parametrize(("field", "raw", "reported", "text"), CRASHERS, ids=[f"{c[0]}-{c[1][:12]!r}" for c in CRASHERS])
def test_malformed_values_get_a_message_not_a_traceback(tmp_path: Path, field: str, raw: str, reported: str, text: str) -> None:
    path = write(tmp_path, "noord-holland/moestuin.md", with_value(field, raw))
    write(tmp_path, "noord-holland/goed.md", VALID)
    result = check_paths([tmp_path / "initiatives"])
    mine = [m for m in result.messages if m.path == file_tree.display_path(path)]
    assert any(m.field == reported and text in m.text for m in mine), mine
    assert all(m.line >= 1 for m in mine)
    # The message is about that one field: no "verplicht veld ontbreekt" for a field that is there.
    assert not any(m.field == field and "ontbreekt" in m.text for m in mine)
    assert [i.slug for i in result.initiatives] == ["goed"]


def test_control_characters_in_the_body_are_refused_with_their_line(tmp_path: Path) -> None:
    write(tmp_path, "noord-holland/moestuin.md", VALID + "Kleur\x1b[31m rood\nen\x00 nul\n")
    body_start = VALID.count("\n") + 1
    assert messages_of(tmp_path) == [
        (body_start, "tekst", "onzichtbaar stuurteken (U+001B) in de tekst; haal het weg (het komt vaak mee bij kopiëren uit een ander programma)"),
        (body_start + 1, "tekst", "onzichtbaar stuurteken (U+0000) in de tekst; haal het weg (het komt vaak mee bij kopiëren uit een ander programma)"),
    ]


def test_many_lines_with_control_characters_are_counted_not_listed(tmp_path: Path) -> None:
    write(tmp_path, "noord-holland/moestuin.md", VALID + "x\x07\n" * 500)
    found = messages_of(tmp_path)
    assert len(found) == 11 and "nog 490 regels" in found[-1][2] or "nog 490 regels" in found[0][2]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_named_pipe_is_reported_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "initiatives" / "noord-holland"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pijp.md")
    write(tmp_path, "noord-holland/goed.md", VALID)
    started = time.monotonic()
    result = run_kennisbank(tmp_path, "check")
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    assert "initiatives/noord-holland/pijp.md:1: bestand: 'pijp.md' is geen gewoon bestand" in result.stdout
    assert "Traceback" not in result.stderr


def crash_on_poison(path: Path) -> validate.FileResult:
    if path.name == "gif.md":
        os.kill(os.getpid(), signal.SIGKILL)  # a worker that dies, as a crash in C code would make it
    return ORIGINAL_CHECK_FILE(path)


ORIGINAL_CHECK_FILE = validate.check_file


def test_parallel_check_survives_a_dying_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed by a signal costs that file a message, not the run (which used to wait forever)."""
    for index in range(parallel.PARALLEL_FROM + 200):
        # Titles of their own: equal entries would (rightly) be reported as look-alikes.
        write(tmp_path, f"noord-holland/moestuin-{index}.md", VALID.replace("titel: ", f"titel: Nummer {index} ", 1))
    write(tmp_path, "noord-holland/gif.md", VALID)
    monkeypatch.setattr(validate, "check_file", crash_on_poison)
    started = time.monotonic()
    result = check_paths([tmp_path / "initiatives"])
    assert time.monotonic() - started < 120
    assert len(result.initiatives) == parallel.PARALLEL_FROM + 200
    (message,) = result.messages
    assert message.path.endswith("gif.md") and message.field == "bestand"
    assert "controleproces stopte" in message.text


def kill_own_worker() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_pool_that_broke_before_every_chunk_was_handed_out_answers_none(tmp_path: Path) -> None:
    """Seen in CI: the worker died while chunks were still being submitted, and submit raised."""
    write(tmp_path, "noord-holland/moestuin.md", VALID)
    chunks = [[tmp_path / "initiatives" / "noord-holland" / "moestuin.md"]] * 3
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        with pytest.raises(BrokenProcessPool):
            pool.submit(kill_own_worker).result()
        assert parallel.pool_answers(pool, validate.check_file, chunks) == [None, None, None]


# ---------- bad input that used to pass ----------

BAD_TEXT = [
    ("titel", '"   "', "titel", "mag niet leeg zijn"),
    ("samenvatting", '"' + "\\u200b" * 30 + '"', "samenvatting", "mag niet leeg zijn"),
    ("samenvatting", '"' + " " * 30 + '"', "samenvatting", "mag niet leeg zijn"),
    ("gemeente", '"  "', "gemeente", "mag niet leeg zijn"),
    ("partners", '[Wijkteam, "\\u00a0\\u3000"]', "partners", "mag niet leeg zijn"),
    ("titel", '"Buurt\\0tuin"', "titel", "bevat een onzichtbaar stuurteken (U+0000); haal het weg"),
    ("initiatiefnemer", '"Bewoners\\e[2J"', "initiatiefnemer", "bevat een onzichtbaar stuurteken (U+001B); haal het weg"),
    ("trefwoorden", '[ok, "bel\\a"]', "trefwoorden", "bevat een onzichtbaar stuurteken (U+0007); haal het weg"),
    ("website", "https://www.zwolle.nl@evil.example/", "website", "geen geldig webadres"),
    ("website", '"https://www.zwolle.nl\\\\evil.example/"', "website", "geen geldig webadres"),
    ("website", '"https://www.zwolle.nl/\\x01"', "website", "geen geldig webadres"),
    ("contact", '"https://a.nl@evil.example"', "contact", "geen geldig e-mailadres of webadres"),
    ("contact", '"in\\\\fo@organisatie.nl"', "contact", "geen geldig e-mailadres of webadres"),
]


@pytest.mark.parametrize(("field", "raw", "reported", "text"), BAD_TEXT, ids=[f"{c[0]}-{c[1][:16]}" for c in BAD_TEXT])
def test_blank_text_control_characters_and_tricky_urls_are_refused(tmp_path: Path, field: str, raw: str, reported: str, text: str) -> None:
    write(tmp_path, "noord-holland/moestuin.md", with_value(field, raw))
    found = [(f, t) for _, f, t in messages_of(tmp_path)]
    assert len(found) == 1 and found[0][0] == reported and text in found[0][1], found


def test_good_urls_still_pass(tmp_path: Path) -> None:
    for index, url in enumerate(["https://buurt.example.nl/over?x=1#a", "http://x.nl:8080/@wijk/p", "https://a.nl/pad/met-%20spatie"]):
        write(tmp_path, f"noord-holland/m{index}.md", with_value("website", url).replace(b"Buurtmoestuin De Pijp", f"Tuin {index}".encode()))
    assert messages_of(tmp_path) == []


FOLDER_TEXT = "het bestand staat in {0}, maar hoort in {1}; verplaats het daarheen (elk initiatief staat in de map van de provincie van zijn gemeente, of in landelijk/)"


@pytest.mark.parametrize(
    ("name", "gemeente", "where", "right"),
    [
        ("zeeland/moestuin.md", "Amsterdam", "initiatives/zeeland/", "initiatives/noord-holland/"),
        ("moestuin.md", "Amsterdam", "initiatives/", "initiatives/noord-holland/"),
        ("noord-holland/extra/moestuin.md", "Amsterdam", "initiatives/noord-holland/extra/", "initiatives/noord-holland/"),
        ("noord-holland/moestuin.md", "landelijk", "initiatives/noord-holland/", "initiatives/landelijk/"),
        ("zeeland/moestuin.md", "[Amsterdam, Utrecht]", "initiatives/zeeland/", "initiatives/noord-holland/"),
    ],
)
def test_file_in_the_wrong_folder_gets_a_warning_naming_the_right_one(tmp_path: Path, name: str, gemeente: str, where: str, right: str) -> None:
    write(tmp_path, name, with_value("gemeente", gemeente))
    result = check_paths([tmp_path / "initiatives"])
    assert [(m.level, m.field, m.text) for m in result.messages] == [("waarschuwing", "bestand", FOLDER_TEXT.format(where, right))]
    assert len(result.initiatives) == 1


@pytest.mark.parametrize(("name", "gemeente"), [("noord-holland/a.md", "Amsterdam"), ("utrecht/a.md", "[Amsterdam, Utrecht]"), ("landelijk/a.md", "landelijk")])
def test_file_in_its_own_folder_gets_no_warning(tmp_path: Path, name: str, gemeente: str) -> None:
    write(tmp_path, name, with_value("gemeente", gemeente))
    assert messages_of(tmp_path) == []


def test_linked_folder_is_reported_not_skipped(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    write(tmp_path, "noord-holland/moestuin.md", VALID)
    elsewhere.mkdir()
    (elsewhere / "verstopt.md").write_text(VALID.replace("Buurtmoestuin De Pijp", "Verstopt"), encoding="utf-8")
    (tmp_path / "initiatives" / "zeeland").symlink_to(elsewhere, target_is_directory=True)
    result = check_paths([tmp_path / "initiatives"])
    assert [(m.path.rsplit("/", 2)[-2:], m.field, m.text) for m in result.messages] == [
        (["initiatives", "zeeland"], "bestand", "symbolische koppelingen zijn niet toegestaan; zet het bestand zelf in initiatives/")
    ]
    assert [i.slug for i in result.initiatives] == ["moestuin"]


def test_control_characters_in_file_names_do_not_reach_the_terminal(tmp_path: Path) -> None:
    write(tmp_path, "noord-holland/x\x1b[2Jy.md", VALID)
    result = run_kennisbank(tmp_path, "check")
    assert "\x1b" not in result.stdout and "x<U+001B>[2Jy.md" in result.stdout
    github = run_kennisbank(tmp_path, "check", "--format", "github")
    assert "\x1b" not in github.stdout
