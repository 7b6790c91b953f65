"""Since when has a website been failing? The weekly link check keeps a small JSON history.

The file lives outside the repository (the workflow keeps it in the Actions cache), never in a
commit. Its form:

    {"datum": "2026-01-12",
     "dood": {"https://...": {"sinds": "2025-12-01", "reden": "HTTP 404", "bestanden": ["initiatives/a.md"]}}}

'datum' is the day of the last check; 'dood' holds the addresses that failed it, each with the
first day of its current run of failures.

The file is state, not input anyone checks, so it is read defensively: only a regular file (no
link, pipe or device), at most MAX_BYTES, nested at most MAX_DEPTH deep (json.loads recurses),
of the form above. Whatever is wrong comes back as one Dutch sentence naming the file; the
commands then go on without history. It is written atomically (a temporary file in the same
folder, then os.replace), never through a symbolic link.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import stat
from pathlib import Path
from typing import Any

from kennisbank.maintenance.linkcheck import LinkResult

# Generous: an address takes some 250 bytes, so this holds about 40,000 failing ones, far more
# than a kennisbank has entries; a bigger file is no history of ours and is not parsed.
MAX_BYTES = 10 * 1024 * 1024
# The form needs four levels (object, 'dood', an address, its 'bestanden'); json.loads recurses per
# level and raises RecursionError at about a thousand, so deeper text is refused before parsing.
MAX_DEPTH = 8
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # [0-9]: \d would let other scripts' digits in
# JSON strings, so that brackets inside them do not count as nesting. An unterminated one runs to
# the end (json.loads fails there anyway): then no quote is ever scanned twice, which keeps a text
# of many quotes linear instead of rescanning the rest from each of them.
JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.DOTALL)
# bytes.translate keeps only the brackets, as one kind (a re.sub of the rest is a hundred times slower).
ONE_KIND = bytes.maketrans(b"{}", b"[]")
NOT_BRACKET = bytes(range(256)).translate(None, b"[]{}")

# Dutch texts (for maintainers, on stderr); {bestand} is the history file as given.
TEXTS = {
    "koppeling": "linkgeschiedenis {bestand} is een symbolische koppeling (die wordt niet gevolgd; geef het bestand zelf op)",
    "geen_bestand": "linkgeschiedenis {bestand} is geen gewoon bestand (maar bijvoorbeeld een map of named pipe)",
    "onleesbaar": "linkgeschiedenis {bestand} kan niet worden gelezen ({reden})",
    "te_groot": "linkgeschiedenis {bestand} is groter dan {max} MB (de grens voor een linkgeschiedenis)",
    "geen_utf8": "linkgeschiedenis {bestand} is geen UTF-8-tekst",
    "te_diep": "linkgeschiedenis {bestand} heeft lijsten of objecten die meer dan {max} lagen diep in elkaar zitten",
    "geen_json": "linkgeschiedenis {bestand} is geen geldige JSON (fout op regel {regel})",
    "getal": "linkgeschiedenis {bestand} bevat een getal van meer dan 4.300 cijfers",
    "vorm": "linkgeschiedenis {bestand} heeft niet de vorm van een linkgeschiedenis: {wat}",
    "map": "linkgeschiedenis {bestand} kan niet worden geschreven: de map {map} bestaat niet",
    "schrijven": "linkgeschiedenis {bestand} kan niet worden geschreven ({reden})",
}
SHAPES = {
    "geheel": "het geheel is geen JSON-object",
    "datum": "'datum' is geen datum JJJJ-MM-DD",
    "dood": "'dood' ontbreekt of is geen JSON-object",
    "adres": "het webadres op plaats {nummer} in 'dood' is geen geldige tekst",
    "vermelding": "de vermelding op plaats {nummer} in 'dood' is geen object met 'sinds' (JJJJ-MM-DD), 'reden' (tekst) en 'bestanden' (een lijst met teksten)",
}


class HistoryError(Exception):
    """The history file cannot be read or written; carries the Dutch sentence."""


def empty() -> dict[str, Any]:
    return {"datum": None, "dood": {}}


def say(key: str, path: Path, **values: object) -> str:
    return TEXTS[key].format(bestand=path, **values)


def path_problem(path: Path) -> str | None:
    """Why this path can hold no history (a link, something other than a regular file); None if it can.

    A path that does not exist yet is fine: the first run starts the history."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as error:
        return say("onleesbaar", path, reden=error.strerror or type(error).__name__)
    if stat.S_ISLNK(status.st_mode):
        return say("koppeling", path)
    if not stat.S_ISREG(status.st_mode):
        return say("geen_bestand", path)
    return None


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES; HistoryError otherwise.

    O_NONBLOCK and O_NOFOLLOW: a pipe or link swapped in after the lstat is still not waited for or followed."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise HistoryError(say("geen_bestand", path))
        data = stream.read(min(status.st_size, MAX_BYTES) + 1)  # + 1: a file that grew since still counts as too big
    if len(data) > MAX_BYTES:
        raise HistoryError(say("te_groot", path, max=MAX_BYTES // (1024 * 1024)))
    return data


def too_deep(text: str) -> bool:
    """Does the JSON text nest arrays or objects deeper than MAX_DEPTH? Without recursion, in linear time.

    Strings out, only the brackets kept (one kind: in JSON that parses, they match anyway), then
    MAX_DEPTH rounds of taking out the innermost pairs '[]' (bytes.replace: C speed, where a Python
    loop over millions of brackets takes seconds). A pair left over was nested deeper. In a text
    that is no JSON, brackets that never close count too: more than MAX_DEPTH of them is too
    deep, fewer let json.loads reach at most twice MAX_DEPTH before it fails, which is harmless.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    brackets = JSON_STRING.sub("", text).encode("utf-8").translate(ONE_KIND, NOT_BRACKET)
    for _ in range(MAX_DEPTH):
        shorter = brackets.replace(b"[]", b"")
        if len(shorter) == len(brackets):
            break
        brackets = shorter
    first_open = brackets.find(b"[")
    return first_open >= 0 and (brackets.find(b"]", first_open) >= 0 or brackets.count(b"[") > MAX_DEPTH)


def is_text(value: object) -> bool:
    """A string that can be printed and saved as UTF-8 (JSON lets in lone surrogates like \\ud800)."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_date(value: object) -> bool:
    """A day that exists, written JJJJ-MM-DD (as `updated` writes it)."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def shape_problem(data: object) -> str | None:
    """What in the parsed JSON does not have the history's form (see the module), or None."""
    if not isinstance(data, dict):
        return SHAPES["geheel"]
    if data.get("datum") is not None and not is_date(data.get("datum")):
        return SHAPES["datum"]
    dead = data.get("dood")
    if not isinstance(dead, dict):
        return SHAPES["dood"]
    for number, (url, entry) in enumerate(dead.items(), start=1):
        if not is_text(url):
            return SHAPES["adres"].format(nummer=number)
        if not (isinstance(entry, dict) and is_date(entry.get("sinds")) and is_text(entry.get("reden"))
                and isinstance(entry.get("bestanden"), list) and all(is_text(item) for item in entry["bestanden"])):
            return SHAPES["vermelding"].format(nummer=number)
    return None


def read(path: Path | None) -> tuple[dict[str, Any], str | None]:
    """The history and None; or an empty history and the Dutch sentence saying what is wrong with the file.

    No file (first run, expired cache) is an empty history without a sentence."""
    if path is None:
        return empty(), None
    problem = path_problem(path)
    if problem:
        return empty(), problem
    try:
        data = read_bytes(path)
    except FileNotFoundError:
        return empty(), None
    except HistoryError as error:
        return empty(), str(error)
    except OSError as error:
        return empty(), say("onleesbaar", path, reden=error.strerror or type(error).__name__)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return empty(), say("geen_utf8", path)
    if too_deep(text):
        return empty(), say("te_diep", path, max=MAX_DEPTH)
    try:
        history = json.loads(text)
    except json.JSONDecodeError as error:
        return empty(), say("geen_json", path, regel=error.lineno)
    except ValueError:  # the only other one: Python refuses to turn more than 4,300 digits into an int
        return empty(), say("getal", path)
    except RecursionError:  # too_deep lets json.loads reach at most twice MAX_DEPTH; a last line of defence
        return empty(), say("te_diep", path, max=MAX_DEPTH)
    problem = shape_problem(history)
    if problem:
        return empty(), say("vorm", path, wat=problem)
    return history, None


def load(path: Path | None) -> dict[str, Any]:
    """The history, or an empty one when there is none yet or the file is unusable (see read for why)."""
    return read(path)[0]


def updated(history: dict[str, Any], results: list[LinkResult], today: dt.date) -> dict[str, Any]:
    """The history after today's check: a failing address keeps its first day, an answering one goes."""
    before = history.get("dood", {})
    dead: dict[str, dict[str, Any]] = {}
    for result in results:
        if not result.dead:
            continue
        url = result.link.url
        if url not in dead:
            previous = before.get(url)
            since = previous.get("sinds") if isinstance(previous, dict) else None
            dead[url] = {"sinds": since or today.isoformat(), "reden": result.reason, "bestanden": []}
        if result.link.source not in dead[url]["bestanden"]:
            dead[url]["bestanden"].append(result.link.source)
    return {"datum": today.isoformat(), "dood": dict(sorted(dead.items()))}


def write_problem(path: Path) -> str | None:
    """Why the history cannot be written to this path (asked before the slow link check), or None."""
    problem = path_problem(path)
    if problem:
        return problem
    folder = path.parent
    if not folder.is_dir():
        return say("map", path, map=folder)
    return None


def save(path: Path, history: dict[str, Any]) -> None:
    """Write the history atomically: a reader (or a cancelled run) sees the old file or the new one,
    never half of one. HistoryError (Dutch) for a link or no regular file, and when writing fails."""
    problem = write_problem(path)
    if problem:
        raise HistoryError(problem)
    text = json.dumps(history, ensure_ascii=False, indent=2) + "\n"
    # In the same folder, so os.replace is a rename on one file system; O_EXCL never reuses (or follows)
    # an existing name, and mode 0o666 lets the umask decide, as for any file the user writes. A name
    # of its own, not the history's plus a suffix: that could pass the file system's 255 bytes.
    temporary = path.with_name(f".linkgeschiedenis-{secrets.token_hex(8)}.tmp")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            # os.replace puts the file in place of the name: a link there is replaced, its target untouched.
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except (OSError, UnicodeEncodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
        raise HistoryError(say("schrijven", path, reden=reason)) from None
