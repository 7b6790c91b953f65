"""What generating made, kept for the live preview's next regeneration.

The preview checks only changed files again (validate.CheckCache, meetings.MeetingCache) and keeps
every unchanged entry as the very same object. So whatever is made from one entry (a card, a page,
its search terms) is kept per entry object (PerEntry; a weak reference drops it with the entry), and
a page made from many (a municipality's list, a feed) is kept while it shows the same entry objects
(PerPage). Identity is exactly "unchanged". A one-shot build lets go of it all (clear_all).
"""
from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar

Entry = TypeVar("Entry")
Value = TypeVar("Value")

# Every memo, so that a one-shot build can let go of what it kept (clear_all) before MkDocs runs.
_memos: weakref.WeakSet[PerEntry[Any, Any] | PerPage[Any]] = weakref.WeakSet()


def clear_all() -> None:
    for memo in list(_memos):
        memo.clear()


class PerEntry(Generic[Entry, Value]):
    """compute(entry, *extra), remembered per entry object and per value of extra (hashable)."""

    def __init__(self, compute: Callable[..., Value]) -> None:
        self._compute = compute
        self._slots: dict[int, tuple[weakref.ref[Entry], dict[tuple[Hashable, ...], Value]]] = {}
        _memos.add(self)

    def clear(self) -> None:
        self._slots.clear()

    def __call__(self, entry: Entry, *extra: Hashable) -> Value:
        slot = self._slots.get(id(entry))
        if slot is None or slot[0]() is not entry:
            slot = (weakref.ref(entry, self._forget(id(entry))), {})
            self._slots[id(entry)] = slot
        values = slot[1]
        if extra not in values:
            values[extra] = self._compute(entry, *extra)
        return values[extra]

    def _forget(self, key: int) -> Callable[[weakref.ref[Entry]], None]:
        def forget(reference: weakref.ref[Entry]) -> None:
            # Only this entry's own slot: its id may already belong to a newer entry.
            if (slot := self._slots.get(key)) is not None and slot[0] is reference:
                del self._slots[key]
        return forget

    def __len__(self) -> int:
        return len(self._slots)


class PerPage(Generic[Value]):
    """The last content of each page, kept while the page shows the same entry objects, in the same
    order, with equal other values: a municipality's page is rendered again only when one of its
    initiatives (or anything else it shows) changed."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[tuple[object, ...], Hashable, Value]] = {}
        _memos.add(self)

    def clear(self) -> None:
        self._last.clear()

    def get(self, page: str, entries: Sequence[object], rest: Hashable, compute: Callable[..., Value], *args: object, **kwargs: object) -> Value:
        """compute(*args, **kwargs), unless `page` was last made from the same entries and an equal `rest`."""
        last = self._last.get(page)
        if last is not None and last[1] == rest and len(last[0]) == len(entries) and all(a is b for a, b in zip(last[0], entries, strict=True)):
            return last[2]
        value = compute(*args, **kwargs)
        self._last[page] = (tuple(entries), rest, value)
        return value
