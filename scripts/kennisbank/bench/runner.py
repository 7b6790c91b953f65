"""Benchmarks that print figures (never timed tests).

    python -m kennisbank.bench                 # everything with the default sizes
    python -m kennisbank.bench check 1000 10000
    python -m kennisbank.bench build 1000 5000
    python -m kennisbank.bench serve 1000
    python -m kennisbank.bench search 1000 5000 10000

Every measurement runs in a child process, so peak memory (max RSS) is that run's own.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Any
from pathlib import Path

from kennisbank.bench.corpus import write_initiatives, write_meetings, write_organisations

ORGANISATIONS_PER = 20  # one organisation per twenty initiatives

REPO = Path(__file__).resolve().parents[3]
MEETINGS_PER_INITIATIVE = 0.1  # the build corpus has a meeting for every ten initiatives, half of them past
DEFAULTS = {"check": [1000, 10000], "build": [1000, 5000, 10000], "serve": [1000, 10000], "search": [1000, 5000, 10000]}
# The goals of issue 29: a build's cost per initiative at the largest size at most this many times its
# cost at the smallest (linear), and a build at 1,000 at most this many times stock Material's.
LINEAR_GOAL, STOCK_GOAL = 1.15, 2.5


def run_child(args: list[str], cwd: Path | None = None) -> tuple[dict, float, float]:
    """(JSON the child printed last, wall seconds, peak RSS in MiB) of `python -m kennisbank.bench ARGS`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "kennisbank.bench", *args], cwd=cwd, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    output = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(f"benchmark child {args} failed with status {status}")
    return json.loads(output.strip().splitlines()[-1]), wall, usage.ru_maxrss / 1024


def folder_size(folder: Path, skip: str = "") -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.name != skip)


# --- children -------------------------------------------------------------------------------------

def child_check(project: str) -> None:
    """`kennisbank check` as a user runs it in the project (initiatives and the organisations they are
    judged against), its report written to nowhere."""
    import contextlib
    import io

    from kennisbank import cli

    os.chdir(project)
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        status = cli.main(["check"])
    print(json.dumps({"seconds": time.perf_counter() - started, "status": status}))


def child_check_rules(folder: str) -> None:
    from kennisbank.bench import check_rules

    print(json.dumps(check_rules.shares(Path(folder))))


def page_kind(src_uri: str) -> str:
    """The folder a generated page lies in (initiatieven, organisaties, gemeenten ...), or 'overig'."""
    folder, _, rest = src_uri.partition("/")
    return folder if rest else "overig"


def timed_pages() -> dict[str, list[float]]:
    """Wrap MkDocs' two per-page steps (Markdown to HTML, then the theme's template) with a clock:
    seconds and pages per folder. The real build runs; only the time of each call is noted."""
    from mkdocs.commands import build as engine  # ProperDocs, through kennisbank's alias

    costs: dict[str, list[float]] = {}
    for name, counts in (("_populate_page", False), ("_build_page", True)):
        original = getattr(engine, name)

        def timed(page: Any, *args: Any, _original: Any = original, _counts: bool = counts, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return _original(page, *args, **kwargs)
            finally:
                cost = costs.setdefault(page_kind(page.file.src_uri), [0.0, 0])
                cost[0] += time.perf_counter() - started
                cost[1] += 1 if _counts else 0

        setattr(engine, name, timed)
    return costs


def child_build(project: str) -> None:
    from kennisbank.site import pipeline as site

    os.chdir(project)
    timings: dict[str, float] = {}
    pages = timed_pages()
    status = site.build(Path("site"), timings=timings)
    print(json.dumps({"status": status, **timings, "pages": pages}))


def child_stock(project: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    started = time.perf_counter()
    build(load_config(str(Path(project) / "mkdocs.yml")))
    print(json.dumps({"seconds": time.perf_counter() - started}))


# --- measurements -----------------------------------------------------------------------------------

def bench_check(counts: list[int]) -> None:
    from kennisbank.bench import check_rules

    print(f"kennisbank check: N synthetic valid initiatives and N/{ORGANISATIONS_PER} organisations, as `kennisbank check` runs in the project.\n"
          "Below each size: a bare C YAML parse of the same front matter, and each rule's share of the check in one process.\n"
          "The goal (issue 29): the check at most 1.5x the bare parse.")
    print(f"{'N':>7} {'seconds':>8} {'files/s':>9} {'peak MiB':>9}")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            write_initiatives(project / "initiatives", count)
            write_organisations(project / "organisaties", max(1, count // ORGANISATIONS_PER))
            figures, _, peak = run_child(["_check", tmp])
            assert figures["status"] == 0, figures
            print(f"{count:>7} {figures['seconds']:>8.2f} {count / figures['seconds']:>9.0f} {peak:>9.0f}")
            rules, _, _ = run_child(["_check_rules", tmp])
            assert rules["valid"] == count, rules
            print("\n".join(check_rules.report(rules, figures["seconds"])))


def project_with(tmp: Path, count: int) -> Path:
    project = tmp / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, project / folder)
    write_initiatives(project / "initiatives", count)
    write_meetings(project / "bijeenkomsten", meeting_count(count), count)
    write_organisations(project / "organisaties", max(1, count // ORGANISATIONS_PER))
    shutil.copytree(REPO / "aanpakken", project / "aanpakken")  # the shipped approaches
    return project


def meeting_count(count: int) -> int:
    return max(1, round(count * MEETINGS_PER_INITIATIVE))


def stock_project(tmp: Path, initiatives: Path) -> Path:
    """Stock Material with the search plugin, one plain page per initiative, a short navigation."""
    project = tmp / "stock"
    docs = project / "docs"
    docs.mkdir(parents=True)
    for number, source in enumerate(sorted(initiatives.rglob("*.md"))):
        text = source.read_text(encoding="utf-8").split("---\n", 2)[2]
        (docs / f"page-{number:05d}.md").write_text(f"# Pagina {number}\n\n{text}", encoding="utf-8")
    (docs / "index.md").write_text("# Stock\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Stock\ntheme:\n  name: material\nnav:\n  - index.md\n", encoding="utf-8")
    return project


def bench_build(counts: list[int]) -> None:
    print("kennisbank build vs stock Material (plain pages, search plugin on, short navigation); "
          f"N initiatives and N/{round(1 / MEETINGS_PER_INITIATIVE)} meetings")
    print(f"{'N':>6} {'check':>6} {'generate':>9} {'mkdocs':>7} {'zip':>5} {'total s':>8} {'ms/init':>8} {'peak MiB':>9} {'site MB':>8} {'zip MB':>7} "
          f"{'ms/page':>8} | {'stock s':>8} {'stock MB':>9} {'ms/page':>8} {'ratio':>6}")
    per_kind: list[tuple[int, dict[str, list[float]]]] = []
    per_initiative: dict[int, float] = {}
    ratios: dict[int, float] = {}
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = project_with(Path(tmp), count)
            figures, wall, peak = run_child(["_build", str(project)])
            assert figures["status"] == 0, figures
            site = project / "site"
            site_mb = folder_size(site, skip="kennisbank-offline.zip") / 1e6
            zip_mb = (site / "kennisbank-offline.zip").stat().st_size / 1e6
            shutil.rmtree(project / "build")
            stock = stock_project(Path(tmp), project / "initiatives")
            stock_figures, _, _ = run_child(["_stock", str(stock)])
            stock_mb = folder_size(stock / "site") / 1e6
            total = figures["check"] + figures["generate"] + figures["mkdocs"] + figures["zip"]
            per_initiative[count] = total * 1000 / count
            ratios[count] = total / stock_figures["seconds"]
            # MkDocs time per page: ours per generated page, stock's per plain page (its whole build).
            ours_ms = figures["mkdocs"] * 1000 / pages_in(site)
            stock_ms = stock_figures["seconds"] * 1000 / pages_in(stock / "site")
            print(f"{count:>6} {figures['check']:>6.1f} {figures['generate']:>9.1f} {figures['mkdocs']:>7.1f} {figures['zip']:>5.1f} "
                  f"{total:>8.1f} {per_initiative[count]:>8.2f} {peak:>9.0f} {site_mb:>8.1f} {zip_mb:>7.1f} {ours_ms:>8.1f} | "
                  f"{stock_figures['seconds']:>8.1f} {stock_mb:>9.1f} {stock_ms:>8.1f} {ratios[count]:>6.2f}")
            per_kind.append((count, figures["pages"]))
    print_goals(per_initiative, ratios)
    print_page_costs(per_kind)


def print_goals(per_initiative: dict[int, float], ratios: dict[int, float]) -> None:
    """The build's goals beside what this run measured (printed, never asserted)."""
    smallest, largest = min(per_initiative), max(per_initiative)
    if largest > smallest:
        growth = per_initiative[largest] / per_initiative[smallest]
        print(f"\ncost per initiative at {largest:,} / at {smallest:,}: {growth:.2f} (goal: at most {LINEAR_GOAL}, linear)")
    if 1000 in ratios:
        print(f"build at 1,000 / stock Material at 1,000: {ratios[1000]:.2f} (goal: at most {STOCK_GOAL})")


# The folders of the kinds and of the generated place pages, in this order; the rest is summed.
PAGE_KINDS = ("initiatieven", "organisaties", "aanpakken", "bijeenkomsten", "gemeenten", "provincies", "themas")


def print_page_costs(per_kind: list[tuple[int, dict[str, list[float]]]]) -> None:
    """MkDocs' cost per page (Markdown and template) by kind: the new kinds beside the initiatives."""
    print("\nMkDocs per page by folder (Markdown + template): ms per page (pages)")
    print(f"{'N':>6} " + " ".join(f"{kind:>19}" for kind in (*PAGE_KINDS, "overig")))
    for count, pages in per_kind:
        rest = [sum(pages[k][0] for k in pages if k not in PAGE_KINDS), sum(pages[k][1] for k in pages if k not in PAGE_KINDS)]
        cells = [pages.get(kind, [0.0, 0]) for kind in PAGE_KINDS] + [rest]
        print(f"{count:>6} " + " ".join(f"{(seconds * 1000 / n if n else 0):>11.1f} ({int(n):>5})" for seconds, n in cells))


def pages_in(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


EDITS = 3  # edits per kind and size


def edit_title(text: str, marker: str) -> str:
    return text.replace("titel: ", f"titel: {marker} ", 1)


def edit_text(text: str, marker: str) -> str:
    return text.rstrip("\n") + f"\n\nNieuwe alinea: {marker}.\n"


def bench_serve(counts: list[int]) -> None:
    """Seconds from saving an edited initiative to the preview serving the change, over several edits."""
    import socket
    import statistics
    import urllib.request

    kinds = ("text, with lessons", "title, no lessons", "title, with lessons")
    print(f"kennisbank serve: edit to visible, seconds (median and worst of {EDITS} edits of each kind, each of another initiative).\n"
          "A title is shown wherever the initiative is listed; an initiative with lessons is listed on the Lessen page\n"
          "too, which MkDocs then renders again as a whole.")
    print(f"{'N':>6} {'start s':>8} | " + " | ".join(f"{kind:>20}" for kind in kinds))
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = project_with(Path(tmp), count)
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            sources = sorted((project / "initiatives").rglob("*.md"))
            with_lessons = [path for path in sources if "\nlessen:" in path.read_text(encoding="utf-8")]
            without = [path for path in sources if path not in set(with_lessons)]
            plan = [(kind, group[(number + offset) * len(group) // (3 * EDITS)], change)
                    for offset, (kind, group, change) in enumerate(((kinds[0], with_lessons, edit_text), (kinds[1], without, edit_title),
                                                                    (kinds[2], with_lessons, edit_title)))
                    for number in range(0, 3 * EDITS, 3)]
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            server = subprocess.Popen([sys.executable, "-m", "kennisbank.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                      cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

            def page(source: Path) -> str:
                url = f"http://127.0.0.1:{port}/kennisbank/initiatieven/{source.stem}.html"
                try:
                    with urllib.request.urlopen(url, timeout=5) as answer:
                        return answer.read().decode("utf-8")
                except OSError:
                    return ""

            def until(condition: object, limit: float) -> float:
                began = time.perf_counter()
                while time.perf_counter() - began < limit:
                    if condition():  # type: ignore[operator]
                        return time.perf_counter() - began
                    time.sleep(0.05)
                return float("nan")

            seconds: dict[str, list[float]] = {kind: [] for kind in kinds}
            try:
                start = until(lambda: "<h1" in page(sources[0]), 600)
                for number, (kind, source, change) in enumerate(plan):
                    marker = f"Bewerkt{number}"
                    time.sleep(1)  # the previous rebuild has settled
                    source.write_text(change(source.read_text(encoding="utf-8"), marker), encoding="utf-8")
                    seconds[kind].append(until(lambda: marker in page(source), 120))  # noqa: B023 (used at once)
            finally:
                server.terminate()
                server.wait(timeout=30)
            print(f"{count:>6} {start:>8.1f} | " + " | ".join(
                f"{statistics.median(seconds[kind]):>11.2f} {max(seconds[kind]):>8.2f}" for kind in kinds))


def main(argv: list[str]) -> None:
    children = {"_check": child_check, "_check_rules": child_check_rules, "_build": child_build, "_stock": child_stock}
    if argv and argv[0] in children:
        children[argv[0]](argv[1])
        return
    what = argv[0] if argv else "all"
    counts = [int(n) for n in argv[1:]]
    if what in ("check", "all"):
        bench_check(counts or DEFAULTS["check"])
    if what in ("build", "all"):
        bench_build(counts or DEFAULTS["build"])
    if what in ("serve", "all"):
        bench_serve(counts or DEFAULTS["serve"])
    if what in ("search", "all"):
        from kennisbank.bench import search_speed

        search_speed.run(counts or DEFAULTS["search"])


if __name__ == "__main__":
    main(sys.argv[1:])
