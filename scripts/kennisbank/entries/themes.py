"""The theme vocabulary, read from the maintainers' data file."""
from __future__ import annotations

import copyreg
from collections.abc import Callable
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


def _theme_by_slug(slug: str) -> Thema:
    return themas_by_slug()[slug]


def _reduce_thema(thema: Thema) -> tuple[Callable[[str], Thema], tuple[str]]:
    return _theme_by_slug, (thema.slug,)


# Themes pickle as references to the vocabulary, like places (see entries.places).
copyreg.pickle(Thema, _reduce_thema)
