"""The kennisbank command as a user runs it: nieuw writes a valid file; serve picks up a change."""
from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

from conftest import FIXTURES, KENNISBANK, project_copy, run_kennisbank
from kennisbank.entries.validate import check_paths


def test_nieuw_writes_a_valid_file_in_the_province_folder(tmp_path: Path) -> None:
    result = run_kennisbank(
        tmp_path, "nieuw", "--titel", "Repair Café Vlissingen", "--gemeente", "Vlissingen",
        "--thema", "energie-klimaat", "--thema", "inclusie", "--status", "lopend", "--startjaar", "2015",
        "--initiatiefnemer", "Stichting Repair Café Vlissingen",
        "--samenvatting", "Vrijwilligers repareren samen met bezoekers kapotte spullen, elke maand in het buurthuis.",
    )
    target = tmp_path / "initiatives" / "zeeland" / "repair-cafe-vlissingen.md"
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"{Path('initiatives/zeeland/repair-cafe-vlissingen.md')} aangemaakt"
    assert result.stdout.splitlines()[-1] == "Vul de tekst aan en controleer opnieuw met: kennisbank check"
    checked = check_paths([target])
    # Only the example sentences under the headings are left to replace.
    assert checked.errors == [] and len(checked.warnings) == 2
    assert all("Schrijf hier over" in m.text for m in checked.warnings)
    (initiative,) = checked.initiatives
    assert [t.slug for t in initiative.themas] == ["energie-klimaat", "inclusie"]
    assert "## Resultaten" in initiative.body and "## Geleerde lessen" not in initiative.body  # lessons are a field


def test_nieuw_with_few_answers_says_what_is_missing(tmp_path: Path) -> None:
    result = run_kennisbank(tmp_path, "nieuw", "--titel", "Buurtbus", "--gemeente", "landelijk")
    assert result.returncode == 0
    assert (tmp_path / "initiatives" / "landelijk" / "buurtbus.md").is_file()
    assert "buurtbus.md:9: samenvatting: mag niet leeg zijn" in result.stdout
    again = run_kennisbank(tmp_path, "nieuw", "--titel", "Buurtbus", "--gemeente", "landelijk")
    assert again.returncode == 2 and "bestaat al" in again.stderr


def test_nieuw_quotes_values_that_yaml_would_misread(tmp_path: Path) -> None:
    run_kennisbank(tmp_path, "nieuw", "--titel", "yes", "--slug", "ja", "--gemeente", "'s-Gravenhage",
                   "--samenvatting", "Titel: een waarde met dubbele punt # en hekje, 'quotes' en [haken].",
                   "--thema", "wonen", "--status", "idee", "--startjaar", "2024", "--initiatiefnemer", "2024")
    result = check_paths([tmp_path / "initiatives"])
    assert result.errors == [], result.errors
    (initiative,) = result.initiatives
    assert (initiative.titel, initiative.initiatiefnemer) == ("yes", "2024")
    assert initiative.samenvatting.startswith("Titel: een waarde")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_regenerates_when_an_initiative_changes(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "p", FIXTURES / "site" / "initiatives")
    port = free_port()
    # mkdocs serve mounts the site at site_url's path (/kennisbank/ in mkdocs.yml).
    url = f"http://127.0.0.1:{port}/kennisbank/initiatieven/menukaart-vlissingen.html"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([*KENNISBANK, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(server.stderr or []), daemon=True)
    reader.start()
    try:
        assert wait_for(lambda: "Menukaart Vlissingen" in fetch(url), 120), "preview did not come up"
        source = project / "initiatives" / "zeeland" / "menukaart-vlissingen.md"
        for old, new in [("Vlissingen", "Vlissingen vernieuwd"), ("Vlissingen vernieuwd", "Vlissingen opnieuw")]:
            source.write_text(source.read_text(encoding="utf-8").replace(f"titel: Menukaart {old}", f"titel: Menukaart {new}"), encoding="utf-8")
            assert wait_for(lambda new=new: f"Menukaart {new}" in fetch(url), 120), f"change to {new!r} was not picked up"
        # Rebuilds run one after another: a needless one after the first edit would be logged
        # before the second edit's page was served, so counting now needs no fixed wait.
        builds = sum("Building documentation" in line for line in list(log))
    finally:
        server.terminate()
        server.wait(timeout=30)
    # One edit, one rebuild: the generator's own output must not trigger another.
    assert builds == 3, "".join(log)  # the first build, then one for each edit


def test_serve_on_an_address_in_use_says_so_without_a_traceback(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "p", FIXTURES / "site" / "initiatives")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run([*KENNISBANK, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                              capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert f"kan niet luisteren op 127.0.0.1:{port}" in done.stderr and "--dev-addr" in done.stderr
    assert "Traceback" not in done.stderr
