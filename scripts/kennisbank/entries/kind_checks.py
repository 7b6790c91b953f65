"""The check of a further kind (entries.kinds.extra): the shared steps, then the kind's own rules.

Organisations get the look-alike rule of initiatives (entries.duplicates): the same website, or
the same name one typing slip apart, is a warning on the later file (by path) naming the earlier
one, probably the same organisation written up twice.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from kennisbank.entries import duplicates, entry_check, schema
from kennisbank.entries.check_cache import KindCache
from kennisbank.entries.cross_kinds import ORGANISATIONS
from kennisbank.entries.entry_check import Entry, EntryOutcome, KindResult
from kennisbank.entries.kinds import Kind
from kennisbank.entries.model import Message


def website_of(entry: Entry) -> str | None:
    value = entry.values.get("website")
    return duplicates.website_key(value) if isinstance(value, str) else None


def organisation_lookalikes(entries: Sequence[Entry]) -> list[Message]:
    """Warnings for organisations that look like another one: the same website, or the same name
    one typing slip apart (the buckets of entries.duplicates.title_keys: word set, letters, one
    letter left out). The later file (by path) gets the warning, naming the earlier one; each
    file is looked up in a few buckets, so the rule stays linear in the number of organisations."""
    texts = schema.messages()["dubbel"]
    seen_sites: dict[str, Entry] = {}
    seen_names: dict[tuple[str, ...], Entry] = {}
    found = []
    for entry in sorted(entries, key=lambda e: e.source):
        site = website_of(entry)
        keys = duplicates.title_keys(duplicates.title_words(entry.titel, ()))
        if site and site in seen_sites:
            found.append(Message(entry.source, 1, "website", schema.say(texts["organisatie_website"], waarde=schema.quote(seen_sites[site].source)), "waarschuwing"))
        else:
            earlier = next((seen_names[key] for key in keys if key in seen_names), None)
            if earlier is not None:
                found.append(Message(entry.source, 1, "titel", schema.say(texts["organisatie_naam"], waarde=schema.quote(earlier.source)), "waarschuwing"))
        if site:
            seen_sites.setdefault(site, entry)
        for key in keys:
            seen_names.setdefault(key, entry)
    return found

def check_kind(kind: Kind, paths: Iterable[Path], cache: KindCache[EntryOutcome] | None = None) -> KindResult:
    """Every file of the kind under the paths, with the kind's own rules after the shared ones."""
    result = entry_check.check_entries(kind, paths, cache)
    if kind.name == ORGANISATIONS:
        result.messages = sorted(result.messages + organisation_lookalikes(result.entries), key=lambda m: (m.path, m.line))
    return result
