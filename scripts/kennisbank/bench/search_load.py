"""Page-load figures for the search benchmark: the real site, served on loopback, in headless Chromium.

The site is built once from the repository's docs/, overrides/ and shipped initiatives (Material
theme, header, navigation, every script a reader's browser runs); for each size the search data of
N synthetic initiatives replaces the built data. The home page and the search page do not grow with
N apart from that data (the navigation is short), so the home page's load is the yardstick: how long
after the home page would have loaded does the search page show its first result?

Each page load is a fresh browser context (an empty cache, as a first visit). "First result" is the
first frame painted after the first result went into the list (a MutationObserver notes the insert;
a requestAnimationFrame followed by a task lands after that frame's paint), which needs nothing from
zoeken.js and so compares any version of it.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

REPO = Path(__file__).resolve().parents[3]
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
RUNS = 7  # page loads per figure; the median is printed (the machine is shared, single loads are noisy)
# Queries a reader brings from the header box: none (everything), one word, a compound the texts
# write apart, a word with a diacritic, two words.
LOAD_QUERIES = ["", "voedselbank", "buurtmoestuin", "energiecoöperatie", "Rotterdam zorg"]

# Notes when the first result is painted (see the module docstring), before any page script runs.
PAINT_PROBE = """
window.__kbFirstPaint = null;
new MutationObserver(function (changes, observer) {
  var list = document.getElementById('kb-zoek-resultaten');
  if (!list || !list.firstElementChild) return;
  observer.disconnect();
  var inserted = performance.now();
  requestAnimationFrame(function () { setTimeout(function () { window.__kbFirstPaint = {inserted: inserted, painted: performance.now()}; }, 0); });
}).observe(document, {childList: true, subtree: true});
"""
READ_LOAD = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const files = performance.getEntriesByType('resource').map(e => [e.name, e.startTime, e.responseEnd]);
  const r = window.kbZoeken && kbZoeken.lastRender;
  return {load: nav.loadEventStart, dcl: nav.domContentLoadedEventStart, files: files, first: window.__kbFirstPaint,
          began: r ? r.began : null, phases: r ? r.phases : null, renderFinished: r ? r.finished : null};
}"""


@dataclass
class LoadFigures:
    home_ms: list[float] = field(default_factory=list)  # home page load event, per run
    home_bytes: int = 0
    first_ms: dict[str, list[float]] = field(default_factory=dict)  # query -> first result painted, per run
    load_ms: dict[str, list[float]] = field(default_factory=dict)  # query -> the search page's own load event
    bytes_first: dict[str, int] = field(default_factory=dict)  # query -> bytes fetched until the first result
    bytes_all: dict[str, int] = field(default_factory=dict)  # query -> bytes fetched until the load event and after
    waves: dict[str, list[str]] = field(default_factory=dict)  # query -> fetch start/end of the search files
    keystroke_ms: list[float] = field(default_factory=list)  # input event to results rendered


def build_site(folder: Path) -> Path:
    """The real site from the repository's files and shipped initiatives; returns the site folder."""
    project = folder / "project"
    project.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("docs", "overrides", "initiatives"):
        shutil.copytree(REPO / name, project / name)
    subprocess.run([sys.executable, "-m", "kennisbank.cli", "build"], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return project / "site"


def swap_search_data(site: Path, data: dict[str, bytes], static: dict[str, bytes]) -> None:
    """Replace the built search data by the given files (paths relative to the site)."""
    shutil.rmtree(site / "zoeken" / "data")
    for relative, content in {**data, **static}.items():
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser context closed mid-transfer (a source map, say) is no failure of the page


@contextmanager
def served(site: Path) -> Iterator[str]:
    """A loopback HTTP server for the site folder; yields its base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join()


def file_bytes(site: Path, base: str, url: str) -> int:
    if not url.startswith(base):
        return 0
    path = site / unquote(urlsplit(url).path).lstrip("/")
    return path.stat().st_size if path.is_file() else 0


def measure(site: Path, queries: list[str]) -> LoadFigures:
    """Home page and search page loads, and keystroke-to-results over the given queries."""
    from playwright.sync_api import sync_playwright

    figures = LoadFigures()
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)

        def load(path: str, wait_first: bool) -> dict:
            context = browser.new_context()
            page = context.new_page()
            page.add_init_script(PAINT_PROBE)
            page.goto(base + path, wait_until="load")
            if wait_first:
                page.wait_for_function("() => window.__kbFirstPaint", timeout=30_000)
            found = page.evaluate(READ_LOAD)
            found["document"] = file_bytes(site, base, base + urlsplit(path).path)
            context.close()
            return found

        for _ in range(RUNS):
            home = load("index.html", False)
            figures.home_ms.append(home["load"])
            figures.home_bytes = home["document"] + sum(file_bytes(site, base, url) for url, _, _ in home["files"])
        for query in LOAD_QUERIES:
            path = "zoeken.html" + ("?q=" + quote(query) if query else "")
            for _ in range(RUNS):
                found = load(path, True)
                figures.first_ms.setdefault(query, []).append(found["first"]["painted"])
                figures.load_ms.setdefault(query, []).append(found["load"])
            first = found["first"]["painted"]
            figures.bytes_first[query] = found["document"] + sum(
                file_bytes(site, base, url) for url, start, _ in found["files"] if start <= first)
            figures.bytes_all[query] = found["document"] + sum(file_bytes(site, base, url) for url, _, _ in found["files"])
            figures.waves[query] = [f"{Path(urlsplit(url).path).name} {start:.0f}-{end:.0f}"
                                    for url, start, end in found["files"] if "/zoeken/" in url]
        figures.keystroke_ms = keystrokes(browser, base, queries)
        browser.close()
    return figures


def keystrokes(browser, base: str, queries: list[str]) -> list[float]:
    """For each query: the last keystroke (input event) to its results rendered, on a page already open."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "zoeken.html", wait_until="load")
    page.wait_for_function("() => window.kbZoeken && kbZoeken.lastRender && document.getElementById('kb-zoeken').dataset.status === 'klaar'")
    page.wait_for_timeout(500)  # facetten.js and the counts after the first results
    timings = []
    for query in queries:
        before = page.evaluate("() => kbZoeken.lastRender.finished")
        typed = page.evaluate("q => { const f = document.getElementById('kb-zoek-q'); f.value = q; const t = performance.now();"
                              " f.dispatchEvent(new Event('input', {bubbles: true})); return t; }", query)
        page.wait_for_function("b => kbZoeken.lastRender.finished !== b && document.getElementById('kb-zoeken').dataset.status === 'klaar'",
                               arg=before, timeout=30_000)
        timings.append(page.evaluate("() => kbZoeken.lastRender.finished") - typed)
    context.close()
    return timings


def median(values: list[float]) -> float:
    return statistics.median(values)


def report(figures: LoadFigures) -> None:
    home = median(figures.home_ms)
    print(f"home page load:       median {home:.0f} ms over {RUNS} cold loads, {figures.home_bytes / 1000:,.1f} kB fetched")
    print(f"search page, served on loopback, median of {RUNS} cold loads (first result = first frame painted with a result):")
    print(f"  {'query':<22} {'first result':>12} {'vs home':>8} {'own load':>9} {'kB to first':>12} {'kB in all':>10}")
    for query in LOAD_QUERIES:
        first = median(figures.first_ms[query])
        print(f"  {query or '(none)':<22} {first:>9.0f} ms {first - home:>+6.0f} ms {median(figures.load_ms[query]):>6.0f} ms "
              f"{figures.bytes_first[query] / 1000:>12,.1f} {figures.bytes_all[query] / 1000:>10,.1f}")
    worst = max(median(values) for values in figures.first_ms.values()) - home
    print(f"  goal: first result within 300 ms of the home page's load; worst query here {worst:+.0f} ms")
    query = LOAD_QUERIES[2]
    print(f"  search files for '{query}' (fetch start-end, ms): " + ", ".join(figures.waves[query]))
    keys = figures.keystroke_ms
    print(f"keystroke to results: median {median(keys):.0f} ms, worst {max(keys):.0f} ms over {len(keys)} queries (goal at 10,000: 100 ms)")
