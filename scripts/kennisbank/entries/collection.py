"""What one build of the site is made from: the valid entries of every kind, the site's configuration
and the day the build runs (upcoming or past meetings are decided on it).

Every output (pages, exports, search data, forms) is a writer of one signature, `Writer`: it takes
the collection and gives (path in the build folder, content) pairs. A writer reads only what it
needs; a new kind of entry travels in `others` and reaches every writer without a new parameter.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from kennisbank.entries.entry_check import Entry
from kennisbank.entries.kinds import Kind
from kennisbank.entries.meetings import Meeting
from kennisbank.entries.model import Initiative
from kennisbank.site_config import SiteConfig

# The entries of one kind without code of its own (entries.kinds.extra), checked by entries.entry_check.
KindEntries = tuple[Kind, Sequence[Entry]]


# eq=False: a collection is compared and hashed by identity, so what is derived from it once
# (pages.kind_links.links_of) can be kept for exactly as long as the collection lives.
@dataclass(frozen=True, eq=False)
class Collection:
    config: SiteConfig
    today: dt.date
    initiatives: Sequence[Initiative] = ()
    meetings: Sequence[Meeting] = ()
    others: Sequence[KindEntries] = field(default_factory=tuple)

    def entries_of(self, kind_name: str) -> Sequence[Entry]:
        """The entries of the other kind of that name (kinds.Kind.name), none when it has no folder."""
        return next((entries for kind, entries in self.others if kind.name == kind_name), ())


Writer = Callable[[Collection], Iterable[tuple[str, str | bytes]]]
