"""Shared fixtures: real site builds in temp dirs, a local HTTP server and headless Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
VNU_JAR = REPO / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
KENNISBANK = [sys.executable, "-m", "kennisbank.cli"]
# Chromium flags for a closed network: without the background-networking ones it keeps dialling out.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def missing_tool(what: str) -> None:
    """A tool that scripts/run test installs: missing fails in CI (CI=true) and skips elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: scripts/run test installs it")
    pytest.skip(f"{what} is missing (run scripts/run test to install it)")


@functools.cache
def _axe():
    """One Axe object for the session: it reads axe-core's script once."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations of the WCAG 2.0/2.1 A and AA rules on the page."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    # Colours are judged once transitions have ended: Material's back-to-top button fades in after a
    # scroll, and half-way it is a grey no reader sees for long (a CI run caught 3.79:1 mid-fade).
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running' || "
                           "(a.effect && a.effect.getTiming().iterations === Infinity))")
    return [v for v in _axe().run(page, options=options).response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict]) -> str:
    """axe violations as readable lines for an assertion message."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}  [{violation['helpUrl']}]")
        for node in violation["nodes"][:8]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {', '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


SHIPPED_KINDS = ("bijeenkomsten", "organisaties", "aanpakken")  # the shipped content beside initiatives/


def shipped_project(target: Path) -> Path:
    """A throw-away copy of the shipped project: initiatives and every other kind's folder."""
    folder = project_copy(target, REPO / "initiatives")
    for name in SHIPPED_KINDS:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, folder / name)
    return folder


def project_copy(target: Path, initiatives: Path, meetings: Path | None = None) -> Path:
    """A throw-away project: the repository's site files plus the given initiatives (and meetings) folder."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        if (REPO / folder).exists():
            shutil.copytree(REPO / folder, target / folder)
    shutil.copytree(initiatives, target / "initiatives", symlinks=True)
    if meetings is not None:
        shutil.copytree(meetings, target / "bijeenkomsten", symlinks=True)
    return target


def run_kennisbank(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*KENNISBANK, *args], cwd=project, env=env, capture_output=True, text=True, timeout=900)


def build_site(project: Path) -> Path:
    result = run_kennisbank(project, "build")
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return project / "site"


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project_copy(tmp_path_factory.mktemp("fixture") / "project", FIXTURES / "site" / "initiatives", FIXTURES / "site" / "bijeenkomsten")


@pytest.fixture(scope="session")
def fixture_site(fixture_project: Path) -> Path:
    """The site built from tests/fixtures/site/initiatives and bijeenkomsten (hostile entries included)."""
    return build_site(fixture_project)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the shipped initiatives/, as the README's first command builds it."""
    return build_site(shipped_project(tmp_path_factory.mktemp("shipped") / "project"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator:
    """serve(site_dir) -> base URL of a local HTTP server for that folder (one per folder)."""
    servers: dict[Path, tuple[http.server.ThreadingHTTPServer, str]] = {}

    def start(site: Path) -> str:
        if site not in servers:
            handler = functools.partial(_QuietHandler, directory=str(site))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers[site] = (server, f"http://127.0.0.1:{server.server_address[1]}/")
        return servers[site][1]

    yield start
    for server, _ in servers.values():
        server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's Chromium driven by Playwright; a missing browser fails in CI and skips elsewhere."""
    if not CHROMIUM.exists():
        missing_tool(f"{CHROMIUM} (Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class PageWatch:
    """What a page did that it should not: requests leaving the machine, console errors, dialogs."""

    def __init__(self) -> None:
        self.outside_requests: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []


LOCAL_PREFIXES = ("file://", "http://127.0.0.1", "data:", "blob:", "about:")


def watched_page(browser, local: tuple[str, ...] = LOCAL_PREFIXES, **context_options: object):
    """A page in a fresh context; requests to anything but `local` are blocked and recorded in page.watch,
    as are console errors and dialogs (which are dismissed). Close it with page.context.close()."""
    context = browser.new_context(**context_options)
    watch = PageWatch()

    def route(route) -> None:
        url = route.request.url
        if url.startswith(local):
            route.continue_()
        else:
            watch.outside_requests.append(url)
            route.abort()

    context.route("**/*", route)
    new_page = context.new_page()
    new_page.on("console", lambda msg: msg.type == "error" and watch.console_errors.append(f"{new_page.url}: {msg.text}"))
    new_page.on("pageerror", lambda error: watch.console_errors.append(f"{new_page.url}: {error}"))

    def on_dialog(dialog) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    new_page.on("dialog", on_dialog)
    new_page.watch = watch
    return new_page


@pytest.fixture
def page(browser) -> Iterator:
    """A fresh watched page (see watched_page)."""
    new_page = watched_page(browser)
    yield new_page
    new_page.context.close()
