"""Fuzzing the check with generated malformed files (seeded, so a failure can be replayed).

Every file gets either accepted or at least one clear `path:line: veld: melding`; nothing raises,
nothing hangs, the check's own safety net ("fout in de controle zelf") never fires, and each file's
messages are the same whether it is checked alone or inside a tree of 1,000+ files (the parallel
path): one bad file never hides another file's messages.
"""
from __future__ import annotations

import os
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_kennisbank
from kennisbank.entries import file_tree, parallel, schema
from kennisbank.entries.model import Message
from kennisbank.entries.validate import check_paths

SEED = 20261201
FILES = parallel.PARALLEL_FROM + 100
FIELDS = list(schema.required())  # the fields whose absence the fuzzed files try
VALID_LINES = [
    "---",
    "titel: Buurtmoestuin De Pijp",
    "samenvatting: Bewoners onderhouden samen een moestuin op een binnenterrein en delen de oogst.",
    "gemeente: Amsterdam",
    "themas: [voedsel]",
    "status: lopend",
    "startjaar: 2016",
    "initiatiefnemer: Bewonersgroep De Pijp",
    "partners: [Wijkteam, Gemeente Amsterdam]",
    "website: https://moestuin.example.nl/",
    "bijgewerkt: 2025-01-01",
    "---",
    "",
    "## Aanpak",
    "",
    "Tekst met een [link](andere-tuin.md) en *nadruk*.",
]
WRONG_TYPES = ["5", "-1", "1.5", "[1, 2]", "{a: b}", "~", "true", "[[a]]", "''", '""', "[]", "{}", "[a, [b]]", "2024-01-01", "[~]", "{a: [b]}"]
TAGS = [
    "!!int abc", "!!seq abc", "!!map [a]", "!<tag:yaml.org,2002:int> x", "!!str [a]", "!custom x", "!!float 1",
    "!!null x", "!!bool yes", "!!timestamp 2020-01-01", "!!python/object/apply:os.system [ls]", "!!binary aGk=", "!!set {a}",
]
CONTROLS = [chr(code) for code in [*range(0, 9), 11, 12, *range(14, 32), 127, 0x85, 0x9B, 0xFFFE, 0xFFFF]]
PUNCTUATION = ":-[]{}'\"#&*!|>%@`,?~ \t\n\\"


def deep(rng: random.Random) -> str:
    depth = rng.choice([33, 200, 1_000, 20_000, 100_000])
    style = rng.randrange(4)
    if style == 0:
        return "[" * depth + "]" * depth
    if style == 1:
        return "[" * depth  # never closed
    if style == 2:
        return "{a: " * depth + "}" * depth
    return "\n" + "".join(" " * (level + 1) + "-\n" for level in range(min(depth, 3_000)))


def set_value(lines: list[str], field: str, value: str) -> list[str]:
    for index, line in enumerate(lines):
        if line.startswith(f"{field}:"):
            return [*lines[:index], f"{field}: {value}", *lines[index + 1 :]]
    return [*lines[:1], f"{field}: {value}", *lines[1:]]


def wrong_type(rng: random.Random, lines: list[str]) -> list[str]:
    return set_value(lines, rng.choice([*FIELDS, "partners", "website", "eindjaar"]), rng.choice(WRONG_TYPES))


def nesting(rng: random.Random, lines: list[str]) -> list[str]:
    return set_value(lines, rng.choice(["partners", "themas", "titel"]), deep(rng))


def tag(rng: random.Random, lines: list[str]) -> list[str]:
    return set_value(lines, rng.choice(FIELDS), rng.choice(TAGS))


def control(rng: random.Random, lines: list[str]) -> list[str]:
    index = rng.randrange(len(lines))
    line = lines[index]
    spot = rng.randrange(len(line) + 1)
    return [*lines[:index], line[:spot] + rng.choice(CONTROLS) + line[spot:], *lines[index + 1 :]]


def huge(rng: random.Random, lines: list[str]) -> list[str]:
    choice = rng.randrange(5)
    if choice == 0:
        return set_value(lines, "startjaar", "9" * rng.choice([19, 4_301, 6_000]))
    if choice == 1:
        return set_value(lines, "titel", "x" * rng.choice([121, 100_000]))
    if choice == 2:
        return set_value(lines, "partners", "[" + ", ".join(f"p{n}" for n in range(rng.choice([31, 20_000]))) + "]")
    if choice == 3:
        return set_value(lines, "gemeente", "[" + ", ".join(f"G{n:04d}" for n in range(1_500)) + "]")
    return [*lines, "woord " * 200_000]  # over 1 MB


def fragment(rng: random.Random, lines: list[str]) -> list[str]:
    lines = list(lines)
    for _ in range(rng.randint(1, 4)):
        action = rng.randrange(5)
        index = rng.randrange(len(lines)) if lines else 0
        if action == 0 and lines:
            del lines[index]
        elif action == 1 and lines:
            lines.insert(index, lines[index])
        elif action == 2:
            lines.insert(index, "".join(rng.choice(PUNCTUATION + "abc") for _ in range(rng.randint(1, 30))))
        elif action == 3 and lines:
            line = lines[index]
            spot = rng.randrange(len(line) + 1)
            lines[index] = line[:spot] + rng.choice(PUNCTUATION) + line[spot:]
        else:
            rng.shuffle(lines)
    return lines


def keys(rng: random.Random, lines: list[str]) -> list[str]:
    extra = rng.choice([
        "titell: Buurtmoestuin", "[a]: b", "? [a]\n: b", "titel: Tweede titel", "{a: b}: c", "?: x",
        "a0: &a0 [lol, lol]\na1: [*a0, *a0]", "startjaar: *onbekend", '"titel\\nnieuw": x', ": x",
    ])
    return [*lines[:2], *extra.split("\n"), *lines[2:]]


def fences(rng: random.Random, lines: list[str]) -> list[str]:
    closing = lines.index("---", 1) if "---" in lines[1:] else len(lines)
    choice = rng.randrange(4)
    if choice == 0:
        return lines[1:]
    if choice == 1:
        return [*lines[:closing], *lines[closing + 1 :]]
    if choice == 2:
        return [*lines[:closing], "...", *lines[closing + 1 :]]
    return ["--- x", *lines[1:]]


MUTATIONS: list[Callable[[random.Random, list[str]], list[str]]] = [wrong_type, nesting, tag, control, huge, fragment, keys, fences]


def encode(rng: random.Random, text: str) -> bytes:
    choice = rng.randrange(12)
    if choice == 0:
        return text.encode("utf-16")
    if choice == 1:
        return text.replace("Pijp", "Pijp é").encode("latin-1", errors="replace")
    if choice == 2:
        data = text.encode("utf-8")
        spot = rng.randrange(len(data) + 1)
        return data[:spot] + bytes([rng.choice([0x80, 0xC3, 0xFF, 0xED])]) + data[spot:]
    if choice == 3:
        return text.replace("\n", "\r").encode("utf-8")
    if choice == 4:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("utf-8", errors="surrogatepass")


def generated(rng: random.Random, index: int) -> tuple[str, bytes | None]:
    """(file name, content); content None for a special file made by make_special."""
    if index % 97 == 0:
        return f"bijzonder-{index:04d}.md", None
    if index % 53 == 0:
        return f"leeg-{index:04d}.md", rng.choice([b"", b" \n", b"---\n---\n", b"---\n"])
    if index % 41 == 0:
        return f"Verkeerde Naam {index}.txt", "\n".join(VALID_LINES).encode("utf-8")
    lines = list(VALID_LINES)
    lines[1] = f"titel: Buurtmoestuin {index}"
    for mutation in rng.sample(MUTATIONS, rng.randint(1, 3)):
        lines = mutation(rng, lines)
    return f"fuzz-{index:04d}.md", encode(rng, "\n".join(lines) + "\n")


def make_special(rng: random.Random, path: Path) -> None:
    kind = rng.randrange(3)
    if kind == 0 and hasattr(os, "mkfifo"):
        os.mkfifo(path)
    elif kind == 1:
        path.symlink_to(path.parent / "bestaat-niet.md")  # dangling
    else:
        path.symlink_to("/etc/hostname")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    folder = root / "initiatives" / "noord-holland"
    folder.mkdir(parents=True)
    rng = random.Random(SEED)
    for index in range(FILES):
        name, content = generated(rng, index)
        if content is None:
            make_special(rng, folder / name)
        else:
            (folder / name).write_bytes(content)
    return root


def own(messages: list[Message]) -> list[Message]:
    """Messages about one file on its own: links, repeated names and look-alikes depend on the other files."""
    link = schema.messages()["bestand"]["link"].split("{")[0]
    alike = schema.messages()["dubbel"]["website"].split("{")[0]
    return [m for m in messages if not m.text.startswith((link, alike)) and "elke bestandsnaam moet uniek zijn" not in m.text]


INTERNAL = schema.messages()["bestand"]["intern"].split("(")[0]
TEXT_LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>[1-9][0-9]*): (?P<field>[^:\n]+): (?P<text>[^\n]+)$")


def assert_clear(message: Message) -> None:
    assert message.line >= 1 and message.field.strip() and message.text.strip(), message
    assert not message.text.startswith(INTERNAL), f"the check failed on its own: {message}"


@pytest.mark.slow
def test_every_file_alone_is_accepted_or_reported_quickly(tree: Path) -> None:
    files = file_tree.discover([tree / "initiatives"])
    assert len(files) == FILES
    slowest = (0.0, "")
    for path in files:
        started = time.monotonic()
        result = check_paths([path])
        seconds = time.monotonic() - started
        slowest = max(slowest, (seconds, path.name))
        for message in result.messages:
            assert_clear(message)
        assert result.initiatives or result.errors, f"{path.name}: neither valid nor reported"
    assert slowest[0] < 5, f"{slowest[1]} took {slowest[0]:.1f} s"
    print(f"[fuzz] {len(files)} files one by one; slowest {slowest[1]}: {slowest[0]:.2f} s")


@pytest.mark.slow
def test_tree_of_a_thousand_files_reports_each_file_as_alone(tree: Path) -> None:
    files = file_tree.discover([tree / "initiatives"])
    assert len(files) >= parallel.PARALLEL_FROM  # the parallel path
    together = check_paths([tree / "initiatives"])
    by_path: dict[str, list[Message]] = {}
    for message in together.messages:
        assert_clear(message)
        by_path.setdefault(message.path, []).append(message)
    valid = {initiative.source for initiative in together.initiatives}
    bad = 0
    for path in files:
        shown = file_tree.display_path(path)
        alone = check_paths([path])
        assert own(by_path.get(shown, [])) == own(alone.messages), shown
        assert shown in valid or any(m.level == "fout" for m in by_path.get(shown, [])), f"{shown}: neither valid nor reported"
        bad += shown not in valid
    assert bad > len(files) * 0.8, f"only {bad} of {len(files)} generated files were refused: the fuzzer is too tame"


@pytest.mark.slow
def test_command_prints_one_clear_line_per_message(tree: Path) -> None:
    result = run_kennisbank(tree, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr == ""
    lines = result.stdout.splitlines()
    assert re.match(r"^\d+ fouten( en \d+ waarschuwingen?)? in \d+ van de \d+ bestanden$", lines[-1]), lines[-1]
    for line in lines[:-1]:
        assert TEXT_LINE.match(line), line
        assert not any(char in line for char in "\x00\x1b\x07\x9b"), repr(line)
