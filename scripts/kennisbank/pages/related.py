"""Choose 'Vergelijkbare initiatieven' at build time, in near-linear time.

Candidates come from shared municipalities, shared tags and rare title words (inverted indexes),
so a site of thousands of entries never compares every pair. Themes and province add to the
score; when too few candidates remain, the newest entries of the same theme, then of the same
province, then of the whole kennisbank fill up to the minimum.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from kennisbank.entries.model import Initiative

WEIGHT_GEMEENTE = 4.0
WEIGHT_THEMA = 3.0
WEIGHT_PROVINCIE = 1.5
WEIGHT_WORD = 1.0
COMMON_WORD_LIMIT = 40  # a word shared by more entries than this says little
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


def score(a: Initiative, b: Initiative, shared_keys: int) -> float:
    themes = len({t.slug for t in a.themas} & {t.slug for t in b.themas})
    provinces = len({p.code for p in a.provincies} & {p.code for p in b.provincies})
    return shared_keys * WEIGHT_WORD + themes * WEIGHT_THEMA + provinces * WEIGHT_PROVINCIE


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
    result = {}
    for position, initiative in enumerate(initiatives):
        shared: Counter[int] = Counter()
        keys = [f"g:{g.code}" for g in initiative.gemeenten] + [f"w:{w}" for w in words(initiative)]
        for key in keys:
            postings = index[key]
            if key.startswith("w:") and len(postings) > COMMON_WORD_LIMIT:
                continue
            weight = WEIGHT_GEMEENTE if key.startswith("g:") else 1
            for other in postings:
                shared[other] += weight
        shared.pop(position, None)
        ranked = sorted(shared, key=lambda o: (-score(initiative, initiatives[o], shared[o]), initiatives[o].slug))[:count]
        fill_keys = [f"t:{t.slug}" for t in initiative.themas] + [f"p:{p.code}" for p in initiative.provincies] + ["*"]
        for key in fill_keys:
            for other in groups[key]:
                if len(ranked) >= minimum:
                    break
                if other != position and other not in ranked:
                    ranked.append(other)
        result[initiative.slug] = [initiatives[o] for o in ranked]
    return result
