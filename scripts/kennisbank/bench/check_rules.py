"""Where the check of many files spends its time: each rule's share, against a bare C YAML parse.

The floor of `kennisbank check` is reading the files and parsing their front matter; everything
above it is the rules. Each step of the per-file check and each rule across files is wrapped with a
clock (the real functions run; only their time is noted) in one process, so the shares add up to
the sequential check. The same run also times a bare parse of the same front matter with PyYAML's
C loader (yaml.CSafeLoader), which is the floor the goal of issue 29 is measured against.
"""
from __future__ import annotations

import inspect
import os
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from kennisbank.entries import body_limits, cross_kinds, duplicates, entry_check, file_check, file_tree, kinds, parallel, personal_data, placeholders
from kennisbank.entries import retired_headings, validate

# (module, function name, what it does): the steps of one file's check, then the rules across files.
STEPS: tuple[tuple[ModuleType, str, str], ...] = (
    (file_check, "read_regular", "lezen (bestand)"),
    (file_check, "parse", "YAML en front matter"),  # with its own steps: decoding, control characters
    (file_check, "check_file_name", "bestandsnaam"),
    (validate, "check_keys", "velden bekend/verplicht"),
    (validate, "normalised_values", "waarden normaliseren"),
    (validate, "check_schema", "JSON Schema"),
    (validate, "check_texts", "tekstregels"),
    (validate, "check_web_addresses", "webadressen"),
    (validate, "check_years", "jaren"),
    (validate, "parse_date", "bijgewerkt"),
    (validate, "check_source_dates", "bronnen: datums"),
    (validate, "resolve_gemeenten", "gemeenten"),
    (validate, "resolve_themas", "thema's"),
    (validate, "check_folder", "provinciemap"),
    (body_limits, "body_problems", "tekstgrenzen"),
    (personal_data, "in_matter", "persoonsgegevens"),
    (placeholders, "in_matter", "plaatshouders"),
    (retired_headings, "in_matter", "oude kopjes"),
    (validate, "linked_slugs", "links in tekst"),
    (validate, "check_links", "links: doelen"),
    (cross_kinds, "approach_messages", "aanpakken"),
    (cross_kinds, "organisation_messages", "organisaties"),
    (validate, "check_duplicate_slugs", "dubbele namen"),
    (duplicates, "warnings", "lijkt op (look-alike)"),
)


def timed(seconds: dict[str, float], what: str, original: Callable[..., Any]) -> Callable[..., Any]:
    # A generator does its work while it is iterated: its items are taken inside the clock.
    lazy = inspect.isgeneratorfunction(original)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return iter(list(original(*args, **kwargs))) if lazy else original(*args, **kwargs)
        finally:
            seconds[what] = seconds.get(what, 0.0) + time.perf_counter() - started

    return wrapper


def bare_parse(files: list[Path]) -> float:
    """Seconds to read every file and load its front matter with the C YAML loader, nothing more."""
    started = time.perf_counter()
    for path in files:
        text = path.read_bytes().decode("utf-8")
        yaml.load(text.split("\n---\n", 1)[0].removeprefix("---\n"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def shares(project: Path) -> dict[str, Any]:
    """The sequential check of the project's initiatives, judged against its organisations as
    `kennisbank check` does, with each step's seconds, and the bare parse beside it."""
    os.chdir(project)
    initiatives = Path(kinds.initiatives().folder)
    organisations = next(kind for kind in kinds.extra() if kind.name == cross_kinds.ORGANISATIONS)
    files = file_tree.discover([initiatives, Path(organisations.folder)])
    validate.warm_up()
    for path in files:  # both sides read from the page cache: the first reader would pay the disk alone
        path.read_bytes()
    bare = bare_parse(files)
    # The organisations' own check comes first, as in `kennisbank check`, before the clocks go on:
    # its reading and YAML count in its own line, not twice.
    started = time.perf_counter()
    checked = entry_check.check_entries(organisations, [Path(organisations.folder)])
    seconds: dict[str, float] = {"organisaties (eigen check)": time.perf_counter() - started}
    names = cross_kinds.organisation_names([(organisations, checked.entries)])
    originals = [(module, name, getattr(module, name)) for module, name, _ in STEPS]
    for (module, name, what), (_, _, original) in zip(STEPS, originals, strict=True):
        setattr(module, name, timed(seconds, what, original))
    parallel_from, parallel.PARALLEL_FROM = parallel.PARALLEL_FROM, len(files) + 1  # one process: shares add up
    try:
        result = validate.check_paths([initiatives], organisations=names)
        total = time.perf_counter() - started
    finally:
        parallel.PARALLEL_FROM = parallel_from
        for module, name, original in originals:
            setattr(module, name, original)
    return {"files": len(files), "valid": len(result.initiatives), "bare": bare, "sequential": total, "steps": seconds}


def report(figures: dict[str, Any], parallel: float) -> list[str]:
    """Lines to print: the ratios to the bare parse, then each step's seconds and share."""
    bare, total = figures["bare"], figures["sequential"]
    lines = [f"  bare C YAML parse {bare:.2f} s; check {parallel:.2f} s as run (ratio {parallel / bare:.2f}), "
             f"{total:.2f} s in one process (ratio {total / bare:.2f})"]
    named = sum(figures["steps"].values())
    for what, spent in sorted(figures["steps"].items(), key=lambda item: -item[1]):
        lines.append(f"    {what:<26} {spent:>7.2f} s {100 * spent / total:>5.1f}%")
    lines.append(f"    {'overig (model, berichten)':<26} {total - named:>7.2f} s {100 * (total - named) / total:>5.1f}%")
    return lines
