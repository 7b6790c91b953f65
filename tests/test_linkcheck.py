"""The weekly link check, against a local server on 127.0.0.1 only (never an outside address)."""
from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from kennisbank.maintenance import linkcheck
from kennisbank.maintenance.linkcheck import Link

ROUTES = {
    "/goed": 200,
    "/weg": 404,
    "/verdwenen": 410,
    "/kapot": 500,
    "/verboden": 403,
    "/te-veel": 429,
}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        pass

    def answer(self, with_body: bool) -> None:
        if self.path == "/verhuisd":
            self.send_response(301)
            self.send_header("Location", "/goed")
            self.end_headers()
            return
        if self.path == "/geen-head" and self.command == "HEAD":
            status = 405
        elif self.path == "/geen-head":
            status = 200
        elif self.path == "/traag":
            time.sleep(3)
            status = 200
        else:
            status = ROUTES.get(self.path, 404)
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self.answer(False)

    def do_GET(self) -> None:  # noqa: N802
        self.answer(True)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def result_for(base: str, path: str, timeout: float = 5.0) -> linkcheck.LinkResult:
    return linkcheck.check_links([Link("initiatives/x.md", base + path)], timeout=timeout)[0]


@pytest.mark.parametrize(("path", "status", "dead"), [
    ("/goed", 200, False),
    ("/verhuisd", 200, False),
    ("/geen-head", 200, False),
    ("/verboden", 403, False),
    ("/te-veel", 429, False),
    ("/weg", 404, True),
    ("/verdwenen", 410, True),
    ("/kapot", 500, True),
])
def test_status_decides_dead_or_alive(base: str, path: str, status: int, dead: bool) -> None:
    result = result_for(base, path)
    assert (result.status, result.dead) == (status, dead)


def test_no_answer_is_dead() -> None:
    result = result_for(f"http://127.0.0.1:{closed_port()}", "/")
    assert result.dead and result.status is None and "geen antwoord" in result.reason


def test_timeout_is_dead(base: str) -> None:
    result = result_for(base, "/traag", timeout=0.5)
    assert result.dead and result.status is None


def test_each_address_is_asked_once_and_order_is_kept(base: str) -> None:
    links = [Link("a.md", base + "/weg"), Link("b.md", base + "/goed"), Link("c.md", base + "/weg")]
    results = linkcheck.check_links(links, timeout=5)
    assert [r.link.source for r in results] == ["a.md", "b.md", "c.md"]
    assert [r.dead for r in results] == [True, False, True]


def test_report_lists_dead_links_in_code_spans(base: str) -> None:
    results = linkcheck.check_links([Link("initiatives/a.md", base + "/weg"), Link("initiatives/b.md", base + "/goed")], timeout=5)
    text = linkcheck.report(results)
    assert "1 van de 2 webadressen" in text
    assert f"- ` initiatives/a.md `: website: ` {base}/weg ` (HTTP 404)" in text
    assert linkcheck.code_span("a`b") == "`` a`b ``"
    assert linkcheck.report([]) == "Alle 0 webadressen antwoorden.\n"


def write_initiative(folder: Path, slug: str, website: str, source: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    sources = f"bronnen:\n  - url: \"{source}\"\n    titel: Een bron\n" if source else ""
    (folder / f"{slug}.md").write_text(
        "---\n"
        f"titel: {slug}\n"
        "samenvatting: Een samenvatting die lang genoeg is om goed te zijn.\n"
        "gemeente: Utrecht\nthemas: [wonen]\nstatus: lopend\nstartjaar: 2020\n"
        f"initiatiefnemer: Bewoners\nwebsite: \"{website}\"\n{sources}bijgewerkt: 2024-01-01\n---\n",
        encoding="utf-8",
    )


def test_a_dead_source_is_listed_like_a_dead_website(base: str, tmp_path: Path) -> None:
    from kennisbank.entries.validate import check_paths
    write_initiative(tmp_path / "initiatives" / "utrecht", "met-bron", base + "/goed", base + "/verdwenen")
    result = check_paths([tmp_path / "initiatives"])
    links = linkcheck.links_of(result.initiatives)
    assert [(link.field, link.url) for link in links] == [("website", base + "/goed"), ("bronnen", base + "/verdwenen")]
    text = linkcheck.report(linkcheck.check_links(links, timeout=5))
    assert "1 van de 2 webadressen" in text
    assert f"met-bron.md `: bronnen: ` {base}/verdwenen ` (HTTP 410)" in text


def test_cli_links_reports_and_never_fails(base: str, tmp_path: Path) -> None:
    write_initiative(tmp_path / "initiatives" / "utrecht", "levend", base + "/goed")
    write_initiative(tmp_path / "initiatives" / "utrecht", "dood", base + "/weg")
    report, outputs = tmp_path / "links.md", tmp_path / "outputs"
    result = subprocess.run(
        [sys.executable, "-m", "kennisbank.cli", "links", "--timeout", "5", "--report", str(report), "--github-output", str(outputs)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert f"initiatives/utrecht/dood.md: {base}/weg: HTTP 404" in result.stdout
    assert "1 van de 2 webadressen antwoorden niet" in result.stdout
    assert outputs.read_text(encoding="utf-8") == "dead=1\n"
    assert "dood.md" in report.read_text(encoding="utf-8") and "levend.md" not in report.read_text(encoding="utf-8")
