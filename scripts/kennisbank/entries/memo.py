"""What generating made, kept for the live preview's next regeneration.

The preview checks only changed files again (check_cache.CheckCache and KindCache) and keeps
every unchanged entry as the very same object. So whatever is made from one entry (a card, a page,
its search terms) is kept per entry object (PerEntry; a weak reference drops it with the entry), and
a page made from many (a municipality's list, a feed) is kept while it is made from the same
arguments (PerPage): the same entry objects and equal other values. Identity is exactly
"unchanged". A one-shot build lets go of it all (clear_all).
"""
from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Callable, Hashable
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


def same(a: object, b: object) -> bool:
    """Whether two inputs of a page are the same: the very same object (an unchanged entry), equal
    sequences, mappings or dataclasses of such (field by field), or equal values. An object without
    equality of its own is the same only as itself, so an input that cannot be compared makes the
    page again, never a stale one."""
    if a is b:
        return True
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        # Every field, also those its own equality leaves out (a feed's Scope compares without its entries).
        return type(a) is type(b) and all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:  # noqa: BLE001 - a value whose comparison fails counts as changed
        return False


class PerPage(Generic[Value]):
    """The last content of each page, kept while it would be made from the same inputs: a
    municipality's page is rendered again only when one of its initiatives (or anything else it
    is made from) changed.

    The key is the arguments of the function that makes the page, all of them, so no input can be
    left out of it by hand: an unchanged entry is the very same object (identity is cheap to
    compare), everything else is compared by value (entries.memo.same)."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[tuple[object, ...], dict[str, object], Value]] = {}
        _memos.add(self)

    def clear(self) -> None:
        self._last.clear()

    def get(self, page: str, compute: Callable[..., Value], *args: object, **kwargs: object) -> Value:
        """compute(*args, **kwargs), unless `page` was last made by the same function from the same arguments."""
        last = self._last.get(page)
        if last is not None and same(last[0], (compute, *args)) and same(last[1], kwargs):
            return last[2]
        value = compute(*args, **kwargs)
        self._last[page] = ((compute, *args), kwargs, value)
        return value
