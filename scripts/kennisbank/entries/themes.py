"""The theme vocabulary, read from the maintainers' data file."""
from __future__ import annotations

from functools import cache

import yaml

from kennisbank import DATA_DIR
from kennisbank.entries.model import Thema


@cache
def themas() -> tuple[Thema, ...]:
    """All themes in the order of the data file."""
    entries = yaml.safe_load((DATA_DIR / "themas.yml").read_text(encoding="utf-8"))
    return tuple(Thema(str(e["slug"]), str(e["label"]), str(e["beschrijving"])) for e in entries)


@cache
def themas_by_slug() -> dict[str, Thema]:
    return {thema.slug: thema for thema in themas()}
