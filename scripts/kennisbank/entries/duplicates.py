"""Does an entry look like another one? The same website, or nearly the same title in one municipality.

The rule is shared with the web form's hint "Bestaat dit initiatief al?" (assets/aanmelden.js
follows it step by step; tests/test_duplicates.py compares both):

- website: the address without scheme, 'www.', fragment and trailing slash, host in lower case;
- title: places.slugify's words (folded, ASCII), without the names of the entry's own
  municipalities, without stop words, legal forms and single letters, each word without a Dutch plural ending
  ('-en', '-s'). Two titles in one municipality (or both national) are alike when their words are
  the same set, or when their letters run together become equal after leaving out at most one
  letter of each (this covers one typo: a letter too many, too few, wrong, or two swapped), when
  both have at least FUZZY_FROM letters (shorter ones must be equal). Numbers must be equal: 'G1000 Amersfoort 2014' and
  '... 2016' are two editions, not a typo.

Linear in the number of entries: every entry goes into a few buckets (its website; per
municipality its word set and the one-letter-deleted forms of its letters), and only entries
sharing a bucket are compared. A bucket names at most MAX_NAMED others per entry.

Bounded per entry too: the one-letter-deleted forms cost the square of a title's length, so a title
longer than the schema's maxLength is not compared at all (its own check reports the length), and
at most the schema's maxItems municipalities of an entry are looked at. Files that were not named
are read only when they are regular files below the size limit of entries.frontmatter.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from kennisbank.entries import places, schema
from kennisbank.entries.frontmatter import FrontMatterError, parse
from kennisbank.entries.model import Initiative, Message
from kennisbank.entries.reading import NotRegular, read_regular

# Articles, prepositions and conjunctions, plus legal forms: words that do not tell initiatives apart.
STOP_WORDS = (
    "de", "het", "een", "t", "s", "van", "voor", "in", "op", "en", "te", "aan", "met", "bij", "der",
    "den", "des", "uit", "tot", "door", "om", "of", "the", "and", "stichting", "vereniging", "ua",
    "bv", "vof", "coop", "cooperatie",
)
FUZZY_FROM = 8  # shorter titles must match exactly: 'buurtbus' and 'buurthuis' are two things
MAX_NAMED = 3
LANDELIJK = "landelijk"
NATIONAL_NAMES = ("Nederland", "landelijk")  # what a national title carries as its place
URL = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:)?//([^/?#\s]+)([^#\s]*)")


def website_key(url: str | None) -> str | None:
    """'https://www.Example.nl/over/' and 'http://example.nl/over' give the same key."""
    match = URL.match(url or "")
    if not match:
        return None
    host = match.group(1).lower()
    host = host[4:] if host.startswith("www.") else host
    path, _, query = match.group(2).partition("?")
    return host + path.rstrip("/") + (f"?{query}" if query else "")


def words_of(text: str) -> list[str]:
    return [word for word in places.slugify(text).split("-") if word]


def without(words: list[str], name: list[str]) -> list[str]:
    """The words with every run equal to `name` taken out."""
    if not name:
        return words
    kept, index, size = [], 0, len(name)
    while index < len(words):
        if words[index : index + size] == name:
            index += size
        else:
            kept.append(words[index])
            index += 1
    return kept


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("en"):
        return word[:-2]
    if len(word) > 4 and word.endswith("s"):
        return word[:-1]
    return word


def title_words(titel: str, place_names: Iterable[str]) -> list[str]:
    """The words that tell a title apart within its municipality (see the module's rule)."""
    words = words_of(titel)
    for name in sorted((words_of(n) for n in place_names), key=len, reverse=True):
        words = without(words, name)
    stop = set(STOP_WORDS)
    return [singular(word) for word in words if word not in stop and (len(word) > 1 or word.isdigit())]


def deletions(letters: str) -> set[str]:
    """The text itself and every form with one letter left out: two texts one edit apart share one."""
    return {letters} | {letters[:i] + letters[i + 1 :] for i in range(len(letters))}


def title_keys(words: list[str]) -> list[tuple[str, ...]]:
    """The buckets of a title (within one place): its word set, its letters, and (long enough) the
    forms of its letters with one left out, which only meet the same forms of other long titles."""
    if not words:
        return []
    numbers = " ".join(w for w in words if w.isdigit())
    letters = "".join(w for w in words if not w.isdigit())
    keys = [("set", " ".join(sorted(set(words)))), ("letters", numbers, letters)]
    if len(letters) >= FUZZY_FROM:
        keys.extend(("fuzzy", numbers, form) for form in sorted(deletions(letters)))
    return keys


@cache
def place_names(code: str) -> tuple[str, ...]:
    """Every name of a municipality that a title may carry (common, official, aliases)."""
    if code == LANDELIJK:
        return NATIONAL_NAMES
    gemeente = places.gemeente_by_code(code)
    return (gemeente.naam_gangbaar, gemeente.naam, *places.aliassen().get(code, ()))


@dataclass(frozen=True)
class Entry:
    """What the rule needs of one file: where it is, its title, places and website, and their lines."""

    path: str
    titel: str
    places: tuple[str, ...]  # municipality codes, or ('landelijk',)
    website: str | None
    titel_line: int = 1
    website_line: int = 1


def entry_of(initiative: Initiative, key_lines: dict[str, int]) -> Entry:
    codes = (LANDELIJK,) if initiative.landelijk else tuple(g.code for g in initiative.gemeenten)
    return Entry(
        initiative.source, initiative.titel, codes, initiative.website,
        key_lines.get("titel", 1), key_lines.get("website", 1),
    )


def buckets(entries: list[Entry]) -> tuple[dict[str, list[int]], dict[tuple, list[int]]]:
    by_website: dict[str, list[int]] = {}
    by_title: dict[tuple, list[int]] = {}
    for index, entry in enumerate(entries):
        key = website_key(entry.website)
        if key:
            by_website.setdefault(key, []).append(index)
        for code in entry.places:
            for title_key in keys_of_title(entry.titel, entry.places):
                by_title.setdefault((code, *title_key), []).append(index)
    return by_website, by_title


@cache
def max_title_length() -> int:
    return int(schema.properties()["titel"]["maxLength"])


@cache
def max_places() -> int:
    return int(schema.properties()["gemeente"]["oneOf"][1]["maxItems"])


def keys_of_title(titel: str, codes: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The buckets of a title in its places; none for a title longer than the schema allows.

    Checked before any work and before the cache: the deleted forms of an 80,000-letter title
    would take gigabytes, and the cache would keep such a title alive. Within the limit a title
    has at most five letters per character (slugify's widest expansion, '㎯' -> 'rads2'), so its
    forms stay a few hundred kilobytes.
    """
    if len(titel) > max_title_length():
        return ()
    return keys_of_short_title(titel, codes)


# A pure function of two texts, asked again for every file at every check of the live preview.
@lru_cache(maxsize=1 << 16)
def keys_of_short_title(titel: str, codes: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    names = [name for code in codes for name in place_names(code)]
    return tuple(dict.fromkeys(title_keys(title_words(titel, names))))


def alike(groups: Iterable[list[int]]) -> dict[int, list[int]]:
    """Per entry, the others sharing a bucket with it (at most MAX_NAMED + 1 looked at per bucket)."""
    # Dicts as ordered sets: an entry sharing many buckets gathers many others, and a list's
    # `in` would make that quadratic.
    found: dict[int, dict[int, None]] = {}
    for group in groups:
        if len(group) < 2:
            continue
        members = list(dict.fromkeys(group))
        for index in members:
            others = found.setdefault(index, {})
            for other in members[: MAX_NAMED + 1]:
                if other != index:
                    others.setdefault(other)
    return {index: list(others) for index, others in found.items()}


def place_label(code: str) -> str:
    return "heel Nederland" if code == LANDELIJK else places.gemeente_by_code(code).naam_gangbaar


def say(template: str, entries: list[Entry], index: int, others: list[int]) -> str:
    named = sorted({entries[i].path for i in others})[:MAX_NAMED]
    shared = [code for code in entries[index].places if code in entries[others[0]].places] or [LANDELIJK]
    return schema.say(template, waarde=" en ".join(named), plaats=place_label(shared[0]))


def looks_like(entries: list[Entry], probe: Entry) -> list[tuple[Entry, str]]:
    """The entries a new one looks like, each with 'website' or 'titel' (the web form's hint)."""
    together = [*entries, probe]
    by_website, by_title = buckets(together)
    index = len(entries)
    sites = alike(by_website.values()).get(index, [])
    titles = [i for i in alike(by_title.values()).get(index, []) if i not in sites]
    return [(together[i], "website") for i in sites] + [(together[i], "titel") for i in titles]


def is_duplicate(message: Message) -> bool:
    """Is this one of the warnings above (whatever file it names)?"""
    starts = [text.split("{", 1)[0] for text in schema.messages()["dubbel"].values()]
    return message.level == "waarschuwing" and any(message.text.startswith(start) for start in starts)


def find(entries: list[Entry], reported: set[str] | None = None) -> list[Message]:
    """Warnings for every entry that looks like another; only entries in `reported` when given."""
    texts = schema.messages()["dubbel"]
    by_website, by_title = buckets(entries)
    same_site = alike(by_website.values())
    same_title = alike(by_title.values())
    found = []
    for index, entry in enumerate(entries):
        if reported is not None and entry.path not in reported:
            continue
        if index in same_site:
            found.append(Message(entry.path, entry.website_line, "website", say(texts["website"], entries, index, same_site[index]), "waarschuwing"))
        titles = [i for i in same_title.get(index, []) if i not in same_site.get(index, [])]
        if titles:
            found.append(Message(entry.path, entry.titel_line, "titel", say(texts["titel"], entries, index, titles), "waarschuwing"))
    return found



def place_codes(value: object) -> tuple[str, ...]:
    """The municipality codes a 'gemeente' value names, as the check resolves them ('landelijk' too).

    As the check does, only the first maxItems names count (more is an error of the file's own).
    An unknown name is skipped before lookup_gemeente, which would search for suggestions nobody reads.
    """
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    codes: list[str] = []
    for name in names[: max_places()]:
        if not isinstance(name, str) or not name.strip():
            continue
        if name.strip().casefold() == LANDELIJK:
            return (LANDELIJK,)
        if places.resolves(name):
            codes.extend(g.code for g in places.lookup_gemeente(name).gemeenten if g.code not in codes)
    return tuple(codes)


def read_entry(path: Path, shown: str) -> Entry | None:
    """A file that was not named, read just far enough for the rule: its front matter, unchecked.

    Parsing is the only cost (about a tenth of a full check per file), so a named file is judged
    against its whole tree without checking that tree. Only a regular file below the size limit is
    read: a named pipe would block the check for ever, a device would never end, and a symbolic
    link may lead out of the tree. Such a file is left out here; its own check reports it.
    """
    if path.suffix != ".md":
        return None
    try:
        matter = parse(read_regular(path))  # lstat and O_NOFOLLOW: a link is NotRegular
    except (NotRegular, FrontMatterError, OSError):
        return None
    titel, website = matter.values.get("titel"), matter.values.get("website")
    codes = place_codes(matter.values.get("gemeente"))
    if not isinstance(titel, str) or not codes:
        return None
    return Entry(
        shown, " ".join(titel.split()), codes, website if isinstance(website, str) else None,
        matter.key_lines.get("titel", 1), matter.key_lines.get("website", 1),
    )


def warnings(checked: Iterable[tuple[Initiative, dict[str, int]]], others: list[tuple[Path, str]]) -> list[Message]:
    """The check's duplicate warnings: checked files (valid ones, with the lines of their keys)
    judged against each other and against the files of their tree that were not named
    (path, shown path); only checked files are reported."""
    entries = [entry_of(initiative, lines) for initiative, lines in checked]
    if not others:
        return find(entries)
    reported = {entry.path for entry in entries}
    entries.extend(found for path, shown in others if (found := read_entry(path, shown)))
    return find(entries, reported)

