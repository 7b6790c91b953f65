"""`kennisbank build` and `kennisbank serve`: check, generate, then let MkDocs render."""
from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from kennisbank import offline, report, siteconfig, sitedir
from kennisbank.generate import generate
from kennisbank.validate import CheckResult, check_paths

INITIATIVES = Path("initiatives")
EOL_NOTICE = (
    "Let op: MkDocs 1.x wordt niet meer ontwikkeld en Material for MkDocs is in onderhoudsmodus "
    "(einde ondersteuning mei 2027). De generator schrijft gewone Markdown, zodat de inhoud naar "
    "een andere bouwer kan. Zet NO_MKDOCS_2_WARNING=1 om deze melding te verbergen."
)


def eol_notice() -> None:
    if not os.environ.get("NO_MKDOCS_2_WARNING"):
        print(EOL_NOTICE, file=sys.stderr)


def checked() -> CheckResult | None:
    """The check result, or None (after printing every message) when there are errors."""
    result = check_paths([INITIATIVES])
    if result.messages:
        print(report.render(result, "text"), file=sys.stderr)
    if result.errors:
        print("kennisbank build: de site wordt niet gebouwd zolang er fouten zijn", file=sys.stderr)
        return None
    return result


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
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    if not logger.handlers[:-1]:
        logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    try:
        config = load_config(str(config_file), site_dir=str(site_dir.resolve()), strict=False)
        build(config)
    finally:
        logger.removeHandler(counter)
    if strict and counter.count:
        print(f"kennisbank build: MkDocs gaf {counter.count} waarschuwing(en); de build telt als mislukt", file=sys.stderr)
        return 1
    return 0


def build(site_dir: Path, strict: bool = True, config_file: Path = Path("mkdocs.yml"), timings: dict[str, float] | None = None) -> int:
    """Check, generate, render, zip; `timings` (if given) receives the seconds of each phase.

    Exit 2, before anything is read or written, when site_dir is not a folder the build may empty.
    """
    refused = sitedir.refusal(site_dir, config_file.resolve().parent)
    if refused:
        print(f"kennisbank build: {refused}", file=sys.stderr)
        return 2
    eol_notice()
    phases = timings if timings is not None else {}
    started = clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name] = now - clock
        clock = now

    result = checked()
    lap("check")
    if result is None:
        return 1
    config = siteconfig.load(config_file)
    generate(result.initiatives, config)
    lap("generate")
    sitedir.mark(site_dir)
    status = mkdocs_build(config_file, site_dir, strict)
    lap("mkdocs")
    if status == 0:
        offline.write_zip(site_dir)
        lap("zip")
        seconds = time.perf_counter() - started
        print(f"Site gebouwd in {site_dir}/ met {len(result.initiatives)} initiatieven ({seconds:.1f} s)", file=sys.stderr)
    return status


def regenerate(config_file: Path = Path("mkdocs.yml")) -> bool:
    """Used by the serve hook: regenerate when the initiatives are valid; keep the old pages otherwise."""
    result = checked()
    if result is None:
        return False
    generate(result.initiatives, siteconfig.load(config_file))
    return True


def serve(dev_addr: str, config_file: Path = Path("mkdocs.yml")) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    from kennisbank import serve_hook

    eol_notice()
    if not regenerate(config_file):
        return 1
    os.environ["KENNISBANK_SERVE"] = "1"
    # The hook is added here rather than in mkdocs.yml: only the live preview needs it.
    mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True, hooks=[serve_hook.__file__])
    return 0
