"""Since when has a website been failing? The weekly link check keeps a small JSON history.

The file lives outside the repository (the workflow keeps it in the Actions cache), never in a
commit. Its form:

    {"datum": "2026-01-12",
     "dood": {"https://...": {"sinds": "2025-12-01", "reden": "HTTP 404", "bestanden": ["initiatives/a.md"]}}}

'datum' is the day of the last check; 'dood' holds the addresses that failed it, each with the
first day of its current run of failures.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from kennisbank.maintenance.linkcheck import LinkResult


def load(path: Path | None) -> dict[str, Any]:
    """The history, or an empty one when there is none yet (first run, expired cache, bad file)."""
    if path is None or not path.is_file():
        return {"datum": None, "dood": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"datum": None, "dood": {}}
    if not isinstance(data, dict) or not isinstance(data.get("dood"), dict):
        return {"datum": None, "dood": {}}
    return data


def updated(history: dict[str, Any], results: list[LinkResult], today: dt.date) -> dict[str, Any]:
    """The history after today's check: a failing address keeps its first day, an answering one goes."""
    before = history.get("dood", {})
    dead: dict[str, dict[str, Any]] = {}
    for result in results:
        if not result.dead:
            continue
        url = result.link.url
        if url not in dead:
            previous = before.get(url)
            since = previous.get("sinds") if isinstance(previous, dict) else None
            dead[url] = {"sinds": since or today.isoformat(), "reden": result.reason, "bestanden": []}
        if result.link.source not in dead[url]["bestanden"]:
            dead[url]["bestanden"].append(result.link.source)
    return {"datum": today.isoformat(), "dood": dict(sorted(dead.items()))}


def save(path: Path, history: dict[str, Any]) -> None:
    path.write_text(json.dumps(history, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
