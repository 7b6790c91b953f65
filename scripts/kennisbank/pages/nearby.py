"""What happens near a municipality: the nearest initiatives of other municipalities, with the distance.

The distance is between the municipalities' label points (a point inside each, from the CBS
boundaries the map uses), as the crow flies, rounded to whole kilometres: a reader's sense of
"near", not a route.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kennisbank.entries.model import Gemeente, Initiative

EARTH_KM = 6371.0


def km(a: Gemeente, b: Gemeente) -> int:
    """Great-circle distance between two label points, in whole kilometres."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return round(2 * EARTH_KM * math.asin(math.sqrt(h)))


@dataclass(frozen=True)
class Near:
    initiative: Initiative
    gemeente: Gemeente  # the initiative's municipality nearest to the page's
    km: int


def nearest(gemeente: Gemeente, members: Mapping[str, Sequence[Initiative]], places: Sequence[Gemeente], count: int) -> tuple[Near, ...]:
    """Up to `count` initiatives of other municipalities, nearest first (then by title); an
    initiative in the municipality itself, or already listed, is not repeated."""
    own = {i.slug for i in members.get(gemeente.code, ())}
    others = sorted(((km(gemeente, g), g.naam_gangbaar, g) for g in places if g.code != gemeente.code and members.get(g.code)),
                    key=lambda item: (item[0], item[1]))
    found: list[Near] = []
    seen = set(own)
    for distance, _, other in others:
        for initiative in sorted(members[other.code], key=lambda i: i.titel.casefold()):
            if initiative.slug not in seen:
                seen.add(initiative.slug)
                found.append(Near(initiative, other, distance))
        if len(found) >= count:
            break
    return tuple(found[:count])
