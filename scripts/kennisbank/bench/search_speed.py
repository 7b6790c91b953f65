"""Search benchmark: `python -m kennisbank.bench search 1000 5000 10000` prints figures, asserts nothing.

For each count N it writes N synthetic initiatives (kennisbank.bench.corpus), then measures:
- building the search data (index.build + writer.data_files), wall and CPU seconds;
- the data the page loads before its first result (basis.js + the query's term files + the display
  blocks shown), raw and gzip, next to stock Material's search_index.json for N plain pages with the
  same text (search plugin on, short navigation so the build stays linear);
- the real site served on loopback in headless Chromium (bench.search_load): the home page's load
  next to the search page's first result for a few queries, the bytes each fetches, and over 50 Dutch
  queries the time from a keystroke to the results, median and worst;
- in headless Chromium from disk, the data files each of those 50 queries needed;
- relevance, once: recall@10 and mean reciprocal rank over the relevance test set
  (tests/fixtures/search/relevantie.yml, see kennisbank.search.relevance).
The from-disk page is docs/zoeken.md's markup in a bare HTML shell; the loopback figures use the
real site built once from the shipped initiatives, with the search data swapped per size (building
the whole site for 10,000 initiatives would measure MkDocs, not search).
"""
from __future__ import annotations

import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kennisbank.bench import corpus, search_load
from kennisbank.entries.model import Initiative
from kennisbank.entries.validate import check_paths
from kennisbank.search import bare_page, index, lunr_compat
from kennisbank.search import payload as writer

REPO = Path(__file__).resolve().parents[3]
CHROMIUM = "/usr/bin/chromium"
LUNR_SAMPLE = 1000
QUERIES = [
    "buurtmoestuin", "moestuin", "tuinen", "energiecoöperatie", "cooperatie", "zorgcoöperaties in Drenthe",
    "repair café", "taalcafé", "voedselbank", "right to challenge", "senioren", "ouderen", "jongeren", "wijkbudget",
    "dorpshuis", "buurtbus", "kledingbank", "speeltuin", "Amsterdam", "Groningen", "zonnedak", "deelauto",
    "burgerberaad", "wooncoöperatie", "huiswerkklas", "buurtpreventie", "subsidie", "vrijwilligers",
    "woningcorporatie", "bijeenkomsten", "successen vieren", "onderhoud", "wat doen andere gemeenten met buurtmoestuinen",
    "jongerenwerk in Utrecht", "voedselbos Zwolle", "energie", "stroom", "Fryslân", "Maastricht", "buurtkamer",
    "gemeente", "kinderen", "plannen bespreken", "opbrengst", "ervaringen delen", "Eindhoven", "Rotterdam zorg",
    "bewoners beheren zelf", "wijk", "welzijnsorganisatie",
]


@dataclass
class Figures:
    count: int
    build_seconds: float = 0.0
    build_cpu: float = 0.0
    data_raw: int = 0  # every search data file
    data_gzip: int = 0
    basis_raw: int = 0
    basis_gzip: int = 0
    first_raw: list[int] = field(default_factory=list)  # per query: what the first result needed
    first_gzip: list[int] = field(default_factory=list)
    facets_gzip: int = 0
    scripts_raw: int = 0  # lunr.js, lunr-languages and zoeken.js: code, cached after the first visit
    scripts_gzip: int = 0
    material_raw: int = 0
    material_gzip: int = 0
    material_seconds: float = 0.0
    ready_ms: float = 0.0
    ready_bytes: int = 0  # every file the page fetched until its first result
    search_ms: list[float] = field(default_factory=list)  # without the typing pause
    lunr_seconds: float | None = None
    loads: search_load.LoadFigures | None = None


def gzip_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=9))


def plain_page(initiative: Initiative) -> str:
    return f"# {initiative.titel}\n\n{initiative.samenvatting}\n\n{initiative.initiatiefnemer}\n\n{initiative.body}\n"


def material_index(folder: Path, initiatives: list[Initiative]) -> tuple[bytes, float]:
    """Stock Material's search_index.json for one plain page per initiative, and its build seconds."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    for number, initiative in enumerate(initiatives):
        (docs / f"pagina-{number:05d}.md").write_text(plain_page(initiative), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Stock\ntheme:\n  name: material\nplugins:\n  - search\nnav:\n  - index.md\n", encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=folder, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (folder / "site" / "search" / "search_index.json").read_bytes(), time.perf_counter() - started


def lunr_seconds(initiatives: list[Initiative]) -> float:
    """lunr (Python) with the Dutch pipeline over the same fields, for comparison."""
    documents = [{"id": i.slug, **index.fields(i)} for i in initiatives]
    started = time.perf_counter()
    lunr_compat.index(documents, index.FIELD_BOOSTS, ref="id")
    return time.perf_counter() - started


def browser_figures(page_file: Path, figures: Figures, sizes: dict[str, tuple[int, int]]) -> None:
    """Load the page from disk, type 50 queries, and record timings and the data each result needed."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        context = browser.new_context(offline=True)
        page = context.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_function("() => window.kbZoeken && kbZoeken.lastRender")
        figures.ready_ms = page.evaluate("() => kbZoeken.lastRender.finished")
        fetched = page.evaluate("() => performance.getEntriesByType('resource').filter(e => e.startTime <= kbZoeken.lastRender.finished).map(e => e.name)")
        figures.ready_bytes = page_file.stat().st_size + sum(local_size(url) for url in fetched)
        for query in QUERIES:
            before = page.evaluate("() => kbZoeken.lastRender.finished")
            page.evaluate("q => { const f = document.getElementById('kb-zoek-q'); f.value = q; f.dispatchEvent(new Event('input')); }", query)
            page.wait_for_function("b => kbZoeken.lastRender.finished !== b && document.getElementById('kb-zoeken').dataset.status === 'klaar'",
                                   arg=before, timeout=30_000)
            render = page.evaluate("() => kbZoeken.lastRender")
            figures.search_ms.append(render["finished"] - render["began"])
            needed = ["basis", *render["files"]]
            figures.first_raw.append(sum(sizes[name][0] for name in needed))
            figures.first_gzip.append(sum(sizes[name][1] for name in needed))
        browser.close()


def local_size(url: str) -> int:
    from urllib.parse import unquote, urlsplit

    path = Path(unquote(urlsplit(url).path))
    return path.stat().st_size if path.is_file() else 0


def measure(count: int, site: Path, with_lunr: bool = True) -> Figures:
    figures = Figures(count)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus.write_initiatives(folder / "initiatives", count)
        initiatives = check_paths([folder / "initiatives"]).initiatives
        assert len(initiatives) == count, "the synthetic initiatives should all be valid"

        started, cpu = time.perf_counter(), time.process_time()
        data = {path: content.encode("utf-8") for path, content in writer.data_files(index.build(initiatives))}
        figures.build_seconds, figures.build_cpu = time.perf_counter() - started, time.process_time() - cpu

        sizes = {Path(path).stem: (len(content), gzip_size(content)) for path, content in data.items()}
        figures.data_raw = sum(raw for raw, _ in sizes.values())
        figures.data_gzip = sum(packed for _, packed in sizes.values())
        figures.basis_raw, figures.basis_gzip = sizes["basis"]
        figures.facets_gzip = sizes["facetten"][1]

        static = dict(writer.static_files())
        scripts = [content for path, content in static.items() if path.endswith(".js")]
        figures.scripts_raw, figures.scripts_gzip = sum(map(len, scripts)), sum(map(gzip_size, scripts))
        page_file = bare_page.write_site(folder / "site", {**data, **static})
        browser_figures(page_file, figures, sizes)
        search_load.swap_search_data(site, data, static)
        figures.loads = search_load.measure(site, QUERIES)

        material, figures.material_seconds = material_index(folder / "stock", initiatives)
        figures.material_raw, figures.material_gzip = len(material), gzip_size(material)
        if with_lunr and count >= LUNR_SAMPLE:
            figures.lunr_seconds = lunr_seconds(initiatives[:LUNR_SAMPLE])
    return figures


def kb(value: float) -> str:
    return f"{value / 1000:,.1f} kB"


def report(f: Figures) -> None:
    worst_first = max(f.first_gzip)
    print(f"\n== {f.count:,} initiatives ==")
    print(f"index build:          {f.build_seconds:.2f} s wall, {f.build_cpu:.2f} s CPU (goal for 10,000: under 15 s)")
    if f.lunr_seconds is not None:
        print(f"lunr (Python), Dutch: {f.lunr_seconds:.2f} s for the first {LUNR_SAMPLE:,} initiatives (for comparison)")
    print(f"all search data:      {kb(f.data_raw)} raw, {kb(f.data_gzip)} gzip (loaded only in parts)")
    print(f"basis.js:             {kb(f.basis_raw)} raw, {kb(f.basis_gzip)} gzip; facetten.js {kb(f.facets_gzip)} gzip (after the first results)")
    print(f"before first result:  median {kb(statistics.median(f.first_raw))} raw / {kb(statistics.median(f.first_gzip))} gzip, "
          f"worst {kb(max(f.first_raw))} raw / {kb(worst_first)} gzip (basis + term files + shown results)")
    print(f"page scripts:         {kb(f.scripts_raw)} raw, {kb(f.scripts_gzip)} gzip (lunr.js, lunr-languages, zoeken.js; code, not data)")
    print(f"stock Material index: {kb(f.material_raw)} raw, {kb(f.material_gzip)} gzip (built in {f.material_seconds:.0f} s)")
    print(f"ratio (gzip):         median {statistics.median(f.first_gzip) / f.material_gzip:.1%}, worst {worst_first / f.material_gzip:.1%} "
          f"of stock Material (goal: at most 10%)")
    print(f"from disk (bare page): first result {f.ready_ms:.0f} ms after navigation, {kb(f.ready_bytes)} fetched until then; "
          f"search and render alone: median {statistics.median(f.search_ms):.0f} ms, worst {max(f.search_ms):.0f} ms")
    if f.loads:
        search_load.report(f.loads)


def relevance_report() -> None:
    """Recall@10 and mean reciprocal rank over the relevance test set, per kind of query and overall."""
    from playwright.sync_api import sync_playwright

    from kennisbank.search import relevance

    cases = relevance.cases()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        page_file = relevance.write_site(Path(tmp))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_context(offline=True).new_page()
        scored = [(case, relevance.run(page, page_file, case)) for case in cases]
        browser.close()
    print(f"\n== relevance: {len(cases)} queries over the shipped initiatives and the search fixtures ==")
    kinds = sorted({case.kind for case in cases})
    for kind in [*kinds, None]:
        chosen = [(c, o) for c, o in scored if kind is None or c.kind == kind]
        recall = statistics.mean(relevance.recall(c, o) for c, o in chosen)
        mrr = statistics.mean(relevance.reciprocal_rank(c, o) for c, o in chosen)
        print(f"{kind or 'all':<16} recall@10 {recall:.3f}   MRR {mrr:.3f}   ({len(chosen)} queries)")


def run(counts: list[int]) -> None:
    """Measure and print the figures for each number of initiatives."""
    print("Search benchmark (synthetic initiatives from kennisbank.bench.corpus)")
    relevance_report()
    sys.stdout.flush()
    lunr_pending = True
    with tempfile.TemporaryDirectory() as tmp:
        site = search_load.build_site(Path(tmp))
        for count in counts:
            figures = measure(count, site, with_lunr=lunr_pending)
            lunr_pending = lunr_pending and figures.lunr_seconds is None
            report(figures)
            sys.stdout.flush()


if __name__ == "__main__":
    run([int(arg) for arg in sys.argv[1:]] or [1000, 5000, 10000])
