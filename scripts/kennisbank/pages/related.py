"""Choose 'Vergelijkbare initiatieven' at build time, in near-linear time.

Candidates come from shared municipalities, shared tags and rare title words (inverted indexes),
so a site of thousands of entries never compares every pair. Themes and province add to the
score; when too few candidates remain, the newest entries of the same theme, then of the same
province, then of the whole kennisbank fill up to the minimum.
"""
from __future__ import annotations

import re
from collections import defaultdict

from kennisbank.entries.model import Initiative

WEIGHT_GEMEENTE = 4.0
WEIGHT_THEMA = 3.0
WEIGHT_PROVINCIE = 1.5
WEIGHT_WORD = 1.0
COMMON_WORD_LIMIT = 40  # a word shared by more entries than this says little
# Candidates taken per municipality: enough to fill five cards, few enough that a big city with
# thousands of entries does not make the work grow with the square of its size.
GEMEENTE_CANDIDATES = 60
WORD = re.compile(r"[a-zà-ÿ0-9]{4,}")


def words(initiative: Initiative) -> set[str]:
    text = " ".join([initiative.titel, *initiative.trefwoorden]).casefold()
    return set(WORD.findall(text))


def inverted(initiatives: list[Initiative]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for position, initiative in enumerate(initiatives):
        for gemeente in initiative.gemeenten:
            index[f"g:{gemeente.code}"].append(position)
        for word in words(initiative):
            index[f"w:{word}"].append(position)
    return index


def score(themes_a: frozenset[str], themes_b: frozenset[str], provinces_a: frozenset[str], provinces_b: frozenset[str],
          shared_keys: float) -> float:
    return shared_keys * WEIGHT_WORD + len(themes_a & themes_b) * WEIGHT_THEMA + len(provinces_a & provinces_b) * WEIGHT_PROVINCIE


def related(initiatives: list[Initiative], count: int = 5, minimum: int = 3) -> dict[str, list[Initiative]]:
    """For each slug: up to `count` similar initiatives, best first, at least `minimum` where possible."""
    index = inverted(initiatives)
    groups: dict[str, list[int]] = defaultdict(list)
    newest_first = sorted(range(len(initiatives)), key=lambda n: (initiatives[n].bijgewerkt, initiatives[n].slug), reverse=True)
    for position in newest_first:
        for thema in initiatives[position].themas:
            groups[f"t:{thema.slug}"].append(position)
        for provincie in initiatives[position].provincies:
            groups[f"p:{provincie.code}"].append(position)
        groups["*"].append(position)
    theme_sets = [frozenset(t.slug for t in i.themas) for i in initiatives]
    province_sets = [frozenset(p.code for p in i.provincies) for i in initiatives]
    result = {}
    for position, initiative in enumerate(initiatives):
        shared: dict[int, float] = defaultdict(float)
        keys = [f"g:{g.code}" for g in initiative.gemeenten] + [f"w:{w}" for w in words(initiative)]
        for key in keys:
            postings = index[key]
            if key.startswith("w:") and len(postings) > COMMON_WORD_LIMIT:
                continue
            weight = WEIGHT_GEMEENTE if key.startswith("g:") else 1.0
            for other in postings[:GEMEENTE_CANDIDATES] if key.startswith("g:") else postings:
                shared[other] += weight
        shared.pop(position, None)
        mine_t, mine_p = theme_sets[position], province_sets[position]
        ranked = sorted(shared, key=lambda o: (-score(mine_t, theme_sets[o], mine_p, province_sets[o], shared[o]),
                                                initiatives[o].slug))[:count]
        fill_keys = [f"t:{t.slug}" for t in initiative.themas] + [f"p:{p.code}" for p in initiative.provincies] + ["*"]
        for key in fill_keys:
            for other in groups[key]:
                if len(ranked) >= minimum:
                    break
                if other != position and other not in ranked:
                    ranked.append(other)
        result[initiative.slug] = [initiatives[o] for o in ranked]
    return result
