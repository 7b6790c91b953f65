"""The link check's history file (`links --history`, `onderhoud --history`) is state, read and written safely.

Through the real command, in a child process with a timeout (a regression that waits on a pipe
fails instead of hanging the suite), in a throw-away project. The one website points at a closed
port on 127.0.0.1 (and proxies are left out of the environment), so nothing reaches the network.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
from pathlib import Path

import pytest
from conftest import KENNISBANK
from kennisbank.maintenance import link_history

TODAY = "2026-01-15"
ENTRY = """---
titel: Buurtmoestuin Lombok
samenvatting: Een samenvatting die lang genoeg is om goed te zijn.
gemeente: Utrecht
themas: [wonen]
status: lopend
startjaar: 2020
initiatiefnemer: Bewoners
website: "{website}"
bijgewerkt: 2025-06-01
---
Tekst.
"""
NO_HISTORY = "nog geen linkcontrole bekend"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    folder = root / "initiatives" / "utrecht"
    folder.mkdir(parents=True)
    (folder / "lombok.md").write_text(ENTRY.format(website=f"http://127.0.0.1:{closed_port()}/"), encoding="utf-8")
    return root


def website(project: Path) -> str:
    text = (project / "initiatives" / "utrecht" / "lombok.md").read_text(encoding="utf-8")
    return text.split('website: "', 1)[1].split('"', 1)[0]


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if "proxy" not in key.casefold()}
    result = subprocess.run([*KENNISBANK, *args], cwd=project, env={**env, "NO_MKDOCS_2_WARNING": "1"},
                            capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def valid_history(url: str) -> dict[str, object]:
    return {"datum": "2026-01-12", "dood": {url: {"sinds": "2025-12-01", "reden": "HTTP 404", "bestanden": ["initiatives/utrecht/lombok.md"]}}}


BAD_FILES = {
    # name: (content, what the message says)
    "diep": (deep(5000), "heeft lijsten of objecten die meer dan 8 lagen diep in elkaar zitten"),
    "diep-binnenin": ('{"datum": null, "dood": {"https://a.nl": ' + deep(5000) + "}}", "meer dan 8 lagen diep"),
    "geen-json": ("geen json", "is geen geldige JSON (fout op regel 1)"),
    "halve-json": ('{"datum": null,\n"dood": {', "is geen geldige JSON (fout op regel 2)"),
    "lijst": ("[]", "heeft niet de vorm van een linkgeschiedenis: het geheel is geen JSON-object"),
    "dood-lijst": ('{"datum": null, "dood": []}', "'dood' ontbreekt of is geen JSON-object"),
    "datum": ('{"datum": "gisteren", "dood": {}}', "'datum' is geen datum JJJJ-MM-DD"),
    "dag-bestaat-niet": ('{"datum": "2026-02-30", "dood": {}}', "'datum' is geen datum JJJJ-MM-DD"),
    "vermelding": ('{"datum": null, "dood": {"https://a.nl": {"sinds": "2025-01-01"}}}', "de vermelding op plaats 1 in 'dood' is geen object met"),
    "getal": ('{"datum": null, "dood": {}, "x": ' + "9" * 5000 + "}", "bevat een getal van meer dan 4.300 cijfers"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_onderhoud_goes_on_without_a_bad_history_and_says_why(project: Path, name: str) -> None:
    content, said = BAD_FILES[name]
    (project / f"{name}.json").write_text(content, encoding="utf-8")
    result = run(project, "onderhoud", "--datum", TODAY, "--history", f"{name}.json")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"kennisbank onderhoud: waarschuwing: linkgeschiedenis {name}.json ")
    assert said in result.stderr and result.stderr.endswith("; de lijst wordt gemaakt zonder linkgeschiedenis\n")
    assert NO_HISTORY in result.stdout


def test_onderhoud_refuses_text_it_could_not_print(project: Path) -> None:
    # JSON lets a lone surrogate in; printed, it stopped the command with UnicodeEncodeError.
    history = json.dumps(valid_history(website(project))).replace("HTTP 404", "\\ud800")
    (project / "surrogaat.json").write_text(history, encoding="utf-8")
    result = run(project, "onderhoud", "--datum", TODAY, "--history", "surrogaat.json")
    assert result.returncode == 0 and "de vermelding op plaats 1 in 'dood'" in result.stderr
    assert NO_HISTORY in result.stdout


def test_onderhoud_says_when_the_history_is_too_big_or_no_utf8(project: Path) -> None:
    (project / "groot.json").write_bytes(b" " * (link_history.MAX_BYTES + 1))
    (project / "binair.json").write_bytes(b"\xff\xfe{}")
    big = run(project, "onderhoud", "--datum", TODAY, "--history", "groot.json")
    assert big.returncode == 0 and "linkgeschiedenis groot.json is groter dan 10 MB (de grens voor een linkgeschiedenis)" in big.stderr
    binary = run(project, "onderhoud", "--datum", TODAY, "--history", "binair.json")
    assert binary.returncode == 0 and "linkgeschiedenis binair.json is geen UTF-8-tekst" in binary.stderr


def test_onderhoud_neither_opens_a_pipe_nor_follows_a_link(project: Path, tmp_path: Path) -> None:
    os.mkfifo(project / "pijp.json")
    (project / "map.json").mkdir()
    outside = tmp_path / "elders.json"
    outside.write_text(json.dumps(valid_history(website(project))), encoding="utf-8")
    (project / "koppeling.json").symlink_to(outside)
    for name, said in [("pijp.json", "is geen gewoon bestand"), ("map.json", "is geen gewoon bestand"),
                       ("koppeling.json", "is een symbolische koppeling (die wordt niet gevolgd; geef het bestand zelf op)")]:
        result = run(project, "onderhoud", "--datum", TODAY, "--history", name)
        assert result.returncode == 0 and f"linkgeschiedenis {name} {said}" in result.stderr, result.stderr
        assert NO_HISTORY in result.stdout
    # The same history as a regular file is used.
    (project / "gewoon.json").write_text(outside.read_text(encoding="utf-8"), encoding="utf-8")
    used = run(project, "onderhoud", "--datum", TODAY, "--history", "gewoon.json")
    assert used.stderr == "" and "HTTP 404, faalt sinds 2025-12-01" in used.stdout


def test_depth_is_judged_exactly_for_json_that_parses() -> None:
    assert not link_history.too_deep(deep(link_history.MAX_DEPTH)) and link_history.too_deep(deep(link_history.MAX_DEPTH + 1))
    nested = '{"a": ' * link_history.MAX_DEPTH + "1" + "}" * link_history.MAX_DEPTH
    assert not link_history.too_deep(nested) and not link_history.too_deep('["' + "[" * 100 + '"]')
    assert link_history.too_deep('{"a": ' + nested + "}")
    assert link_history.too_deep("[" * 10_000)  # never closed: no JSON, but json.loads would recurse into it


def links(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(project, "links", "--timeout", "5", "--datum", TODAY, *args)


def test_links_starts_a_damaged_history_afresh(project: Path) -> None:
    (project / "h.json").write_text(deep(5000), encoding="utf-8")
    result = links(project, "--history", "h.json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("kennisbank links: waarschuwing: linkgeschiedenis h.json heeft lijsten of objecten die meer dan "
                             "8 lagen diep in elkaar zitten; de linkgeschiedenis begint opnieuw\n")
    history, problem = link_history.read(project / "h.json")
    assert problem is None and history["datum"] == TODAY
    assert history["dood"][website(project)]["sinds"] == TODAY
    # The next run keeps the first day of the failures.
    again = run(project, "links", "--timeout", "5", "--datum", "2026-01-22", "--history", "h.json")
    assert again.returncode == 0 and again.stderr == ""
    assert link_history.load(project / "h.json")["dood"][website(project)]["sinds"] == TODAY


def test_links_writes_the_history_atomically(project: Path) -> None:
    history = project / "h.json"
    history.write_text(json.dumps({"datum": "2026-01-08", "dood": {}}), encoding="utf-8")
    os.link(history, project / "oud.json")  # a second name of the same file: writing in place would change it too
    result = links(project, "--history", "h.json")
    assert result.returncode == 0, result.stderr
    assert link_history.load(history)["datum"] == TODAY
    assert json.loads((project / "oud.json").read_text(encoding="utf-8"))["datum"] == "2026-01-08"
    assert sorted(p.name for p in project.iterdir()) == ["h.json", "initiatives", "oud.json"]  # no temporary file left


def test_links_never_writes_through_a_link_nor_into_a_pipe(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elders.txt"
    outside.write_text("niet van de linkcontrole\n", encoding="utf-8")
    (project / "koppeling.json").symlink_to(outside)
    os.mkfifo(project / "pijp.json")
    (project / "map.json").mkdir()
    cases = [
        ("koppeling.json", "linkgeschiedenis koppeling.json is een symbolische koppeling"),
        ("pijp.json", "linkgeschiedenis pijp.json is geen gewoon bestand"),
        ("map.json", "linkgeschiedenis map.json is geen gewoon bestand"),
        ("nergens/h.json", "linkgeschiedenis nergens/h.json kan niet worden geschreven: de map nergens bestaat niet"),
    ]
    for name, said in cases:
        result = links(project, "--history", name)
        # A wrong argument, said before the check (which takes minutes): nothing checked, nothing written.
        assert result.returncode == 2 and result.stdout == "", result.stdout
        assert result.stderr.startswith(f"kennisbank links: {said}") and result.stderr.endswith("; de links zijn niet gecontroleerd\n")
    assert outside.read_text(encoding="utf-8") == "niet van de linkcontrole\n"
    assert (project / "koppeling.json").is_symlink() and (project / "pijp.json").is_fifo() and (project / "map.json").is_dir()


def test_links_refuses_a_bad_date_before_the_check(project: Path) -> None:
    result = run(project, "links", "--timeout", "5", "--datum", "15-01-2026", "--history", "h.json")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "kennisbank links: ongeldige datum '15-01-2026'; schrijf JJJJ-MM-DD\n"
    assert not (project / "h.json").exists()


def test_links_says_when_the_history_cannot_be_saved(project: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Root writes into a read-only folder anyway; /proc takes no new files from anyone.
        if not Path("/proc/self").is_dir():
            pytest.skip("no /proc to refuse root a file")
        target, folder = "/proc/linkgeschiedenis.json", None
    else:
        folder = project / "cache"
        folder.mkdir()
        folder.chmod(0o555)
        target = "cache/h.json"
    try:
        result = links(project, "--history", target)
    finally:
        if folder is not None:
            folder.chmod(0o755)
    # After the check: its results are printed, the history is said to be lost, and the exit code shows it.
    assert result.returncode == 1 and "1 van de 1 webadressen antwoorden niet" in result.stdout
    assert result.stderr.startswith(f"kennisbank links: linkgeschiedenis {target} kan niet worden geschreven (")
    assert folder is None or list(folder.iterdir()) == []
