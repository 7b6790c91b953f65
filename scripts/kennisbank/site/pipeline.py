"""`kennisbank build` and `kennisbank serve`: check, generate, then let MkDocs render."""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import os
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path

from kennisbank.entries import check_output as report
from kennisbank.entries import cross_kinds, entry_check, kind_checks, kinds, meetings, memo
from kennisbank.entries.collection import Collection, KindEntries
from kennisbank.entries.kinds import Kind
from kennisbank.entries.check_cache import CheckCache, KindCache
from kennisbank.entries.validate import CheckResult, FileResult, check_paths
from kennisbank.site import config as siteconfig
from kennisbank.site import engine
from kennisbank.site import offline_zip as offline
from kennisbank.site import preview_server
from kennisbank.site import sitedir
from kennisbank.site.docs_folder import HANDWRITTEN, Written, generate
from kennisbank.site.theme_environment import reuse_html

EOL_NOTICE = (
    f"Let op: de site wordt gebouwd met {engine.NAME} {engine.VERSION}, de onderhouden voortzetting van MkDocs 1.x, "
    "met het thema Material for MkDocs, dat in onderhoudsmodus is (einde ondersteuning mei 2027). De generator "
    "schrijft gewone Markdown, zodat de inhoud naar een ander thema of een andere bouwer kan. "
    "Zet NO_MKDOCS_2_WARNING=1 om deze melding te verbergen."
)

RUNNING = (
    "kennisbank {command}: er loopt al een build of live voorbeeld van dit project (beide schrijven build/); "
    "wacht tot die klaar is of stop hem, en probeer het dan opnieuw"
)


def eol_notice() -> None:
    if not os.environ.get("NO_MKDOCS_2_WARNING"):
        print(EOL_NOTICE, file=sys.stderr)


@dataclass
class Preview:
    """What the live preview keeps from one regeneration to the next: the entries of every kind as last
    checked (unchanged files are not read again and stay the same objects), one cache per kind, and
    the build folder as left. Initiatives have a cache of their own shape: their check runs in parallel."""

    entries: CheckCache[FileResult] = field(default_factory=CheckCache)
    kinds: dict[str, KindCache[Any]] = field(default_factory=dict)
    written: Written = field(default_factory=Written)

    def cache_of(self, kind: Kind) -> KindCache[Any]:
        return self.kinds.setdefault(kind.name, KindCache())


Checked = tuple[CheckResult, list[meetings.Meeting], list[KindEntries]]


def checked(root: Path, preview: Preview | None = None, others: Sequence[Kind] = ()) -> Checked | None:
    """The check result, the valid meetings and the entries of each other kind, or None (after
    printing every message) when there are errors. The folders are the kinds' own, in the project at root."""
    entries: list[KindEntries] = []
    other_results = []
    for kind in others:  # first: initiatives are judged against the organisations' names
        folder = kind.source_folder(root)
        of_kind = kind_checks.check_kind(kind, [folder], preview.cache_of(kind) if preview else None) if folder.is_dir() else entry_check.KindResult()
        other_results.append(of_kind)
        entries.append((kind, of_kind.entries))
    result = check_paths([kinds.initiatives().source_folder(root)], cache=preview.entries if preview else None,
                         organisations=cross_kinds.organisation_names(entries))
    for of_kind in other_results:
        result.add(of_kind)
    found = meetings.MeetingResult()
    meeting_folder = kinds.meetings().source_folder(root)
    if meeting_folder.is_dir():
        # Meetings are checked as strictly; their errors stop the build like an initiative's.
        found = meetings.check_meetings([meeting_folder], {i.slug for i in result.initiatives}, preview.cache_of(kinds.meetings()) if preview else None)
        result.add(found)
    result.messages.sort(key=lambda m: (m.path, m.line))
    if result.messages:
        print(report.render(result, "text"), file=sys.stderr)
    if result.errors:
        print("kennisbank build: de site wordt niet gebouwd zolang er fouten zijn", file=sys.stderr)
        return None
    return result, found.meetings, entries


class _WarningCounter(logging.Handler):
    """Counts MkDocs warnings so that a strict build fails on them while showing them all."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def mkdocs_build(config_file: Path, site_dir: Path, strict: bool) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    counter = _WarningCounter()
    logger = logging.getLogger(engine.LOGGERS[0])
    loggers = [logging.getLogger(name) for name in engine.LOGGERS]
    for each in loggers:
        each.addHandler(counter)
    if not logger.handlers[:-1]:
        logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    try:
        config = load_config(str(config_file), site_dir=str(site_dir.resolve()), strict=False)
        reuse_html(config)
        build(config)
    finally:
        for each in loggers:
            each.removeHandler(counter)
    if strict and counter.count:
        print(f"kennisbank build: {engine.NAME} gaf {counter.count} waarschuwing(en); de build telt als mislukt", file=sys.stderr)
        return 1
    return 0


def build(site_dir: Path, strict: bool = True, config_file: Path = Path("mkdocs.yml"), timings: dict[str, float] | None = None,
          others: Sequence[Kind] | None = None) -> int:
    """Check, generate, render, zip; `timings` (if given) receives the seconds of each phase; `others`:
    the kinds beyond initiatives and meetings (default: those the package declares, kinds.extra).

    Exit 2, before anything is read or written, when site_dir is not a folder the build may empty.
    """
    root = config_file.resolve().parent
    config = siteconfig.load(config_file)
    refused = sitedir.refusal(site_dir, root) or sitedir.docs_refusal(config.docs_dir, root)
    if refused:
        print(f"kennisbank build: {refused}", file=sys.stderr)
        return 2
    try:
        with sitedir.build_lock(root):
            return locked_build(site_dir, config, strict, config_file, timings, kinds.extra() if others is None else others)
    except sitedir.BuildRunning:
        print(RUNNING.format(command="build"), file=sys.stderr)
        return 2


def locked_build(site_dir: Path, config: siteconfig.SiteConfig, strict: bool, config_file: Path, timings: dict[str, float] | None,
                 others: Sequence[Kind]) -> int:
    """The build proper, while this process alone writes the project's build folders.

    The site is made in a new folder beside site_dir and swapped in only when MkDocs and the zip
    succeeded: a failing or interrupted build leaves the earlier site as it was.
    """
    eol_notice()
    phases = timings if timings is not None else {}
    started = clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name] = now - clock
        clock = now

    root = config_file.resolve().parent
    outcome = checked(root, others=others)
    lap("check")
    if outcome is None:
        return 1
    result, found_meetings, other_entries = outcome
    generate(Collection(config, dt.date.today(), result.initiatives, found_meetings, other_entries), root / HANDWRITTEN)
    count = len(result.initiatives)
    # Only the live preview needs what generating kept (entries.memo): let it go before MkDocs runs.
    del result, outcome
    memo.clear_all()
    lap("generate")
    sitedir.remove_leftovers(site_dir)
    built = sitedir.new_site_folder(site_dir)
    try:
        status = mkdocs_build(config_file, built, strict)
        lap("mkdocs")
        if status == 0:
            offline.write_zip(built)
            lap("zip")
            sitedir.swap_in(built, site_dir)
    finally:
        sitedir.discard(built)  # gone already when it was swapped in
    if status == 0:
        seconds = time.perf_counter() - started
        print(f"Site gebouwd in {site_dir}/ met {count} initiatieven ({seconds:.1f} s)", file=sys.stderr)
    return status


def regenerate(config_file: Path = Path("mkdocs.yml"), preview: Preview | None = None) -> bool:
    """Regenerate when the initiatives are valid and docs_dir may be written; keep the old pages otherwise."""
    config = siteconfig.load(config_file)
    refused = sitedir.docs_refusal(config.docs_dir, config_file.resolve().parent)
    if refused:
        print(f"kennisbank serve: {refused}", file=sys.stderr)
        return False
    root = config_file.resolve().parent
    outcome = checked(root, preview, kinds.extra())
    if outcome is None:
        return False
    result, found_meetings, other_entries = outcome
    generate(Collection(config, dt.date.today(), result.initiatives, found_meetings, other_entries), root / HANDWRITTEN,
             preview.written if preview else None)
    return True


def watch_sources(config_file: Path, stop: threading.Event, preview: Preview, quiet: float = 0.05) -> None:
    """Regenerate build/docs whenever initiatives/, bijeenkomsten/ or docs/ change.

    The generator rewrites only files whose content changed, and MkDocs watches only build/docs,
    so an edit leads to exactly one (dirty) MkDocs build of the pages it changed. Only the
    changed entries and meetings are checked again (Preview), and only what shows them is rendered again (entries.memo).
    The operating system reports changes (inotify on Linux): no polling of thousands of files.
    """
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers.api import ObservedWatch

    changed = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            changed.set()

    observer = preview_server.ChangeObserver()
    root = config_file.resolve().parent
    # Every kind's source folder and the hand-written pages, in the project (not the working directory).
    sources = [kind.source_folder(root) for kind in (*kinds.builtin().values(), *kinds.extra())] + [root / HANDWRITTEN]
    watched: dict[Path, ObservedWatch] = {}

    def watch_new_folders() -> bool:
        """Watch each source folder that exists now (bijeenkomsten/ may be made, or made again, while serving)."""
        added = False
        for folder in sources:
            if folder in watched and not folder.is_dir():
                with contextlib.suppress(KeyError, OSError):
                    observer.unschedule(watched[folder])
                del watched[folder]
            if folder not in watched and folder.is_dir():
                watched[folder] = observer.schedule(Handler(), str(folder), recursive=True)
                added = True
        return added

    watch_new_folders()
    observer.start()
    try:
        while not stop.is_set():
            if not changed.wait(0.5):
                if watch_new_folders():
                    changed.set()
                continue
            # Wait until the folders are quiet: an editor that saves through a temporary file would
            # otherwise cost a regeneration (and an error about the temporary file) of its own.
            changed.clear()
            while changed.wait(quiet):
                changed.clear()
            if not stop.is_set():
                # The server process holds every entry, memo and MkDocs structure: without freezing
                # them, the collector would scan them all, again and again, while regenerating.
                gc.freeze()
                try:
                    regenerate(config_file, preview)
                finally:
                    gc.unfreeze()
    finally:
        observer.stop()
        observer.join()


def serve(dev_addr: str, config_file: Path = Path("mkdocs.yml")) -> int:
    try:
        with sitedir.build_lock(config_file.resolve().parent):
            return locked_serve(dev_addr, config_file)
    except sitedir.BuildRunning:
        print(RUNNING.format(command="serve"), file=sys.stderr)
        return 2


def locked_serve(dev_addr: str, config_file: Path) -> int:
    eol_notice()
    # One cache from the first regeneration on: the first edit already reuses every unchanged entry.
    preview = Preview()
    if not regenerate(config_file, preview):
        return 1
    # Show MkDocs' own messages (each rebuild, each warning): the preview must not look stuck.
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    stop = threading.Event()
    watcher = threading.Thread(target=watch_sources, args=(config_file, stop, preview), daemon=True)
    watcher.start()
    try:
        return preview_server.serve(config_file, dev_addr)
    finally:
        stop.set()
