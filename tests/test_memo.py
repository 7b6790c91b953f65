"""Results kept per entry object (kennisbank.entries.memo), and what the live preview gains from them:
an unchanged entry's pages are not rendered again, a changed one's are, with everything that shows it."""
from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass, replace

from conftest import FIXTURES, REPO
from kennisbank.entries.memo import PerEntry, PerPage, clear_all
from kennisbank.entries.validate import check_paths
from kennisbank.pages.listing import all_pages
from kennisbank.site import config as siteconfig

TODAY = dt.date(2026, 11, 28)


@dataclass(frozen=True)
class Entry:
    name: str


def test_computes_once_per_entry_object_and_extra_value() -> None:
    calls: list[tuple[str, str]] = []

    def shout(entry: Entry, suffix: str) -> str:
        calls.append((entry.name, suffix))
        return entry.name.upper() + suffix

    memo: PerEntry[Entry, str] = PerEntry(shout)
    first = Entry("a")
    assert memo(first, "!") == "A!" and memo(first, "!") == "A!" and memo(first, "?") == "A?"
    assert calls == [("a", "!"), ("a", "?")]
    # An equal entry read again from its file is another object: computed again (identity means unchanged).
    assert memo(Entry("a"), "!") == "A!"
    assert calls == [("a", "!"), ("a", "?"), ("a", "!")]


def test_forgets_an_entry_once_it_is_gone() -> None:
    memo: PerEntry[Entry, str] = PerEntry(lambda entry: entry.name)
    kept, dropped = Entry("kept"), Entry("dropped")
    memo(kept)
    memo(dropped)
    assert len(memo) == 2
    del dropped
    gc.collect()
    assert len(memo) == 1
    assert memo(kept) == "kept"


def test_a_build_lets_go_of_everything_kept() -> None:
    made: list[str] = []
    memo: PerEntry[Entry, str] = PerEntry(lambda entry: entry.name)
    pages: PerPage[str] = PerPage()
    kept = Entry("kept")

    def record(name: str, entries: list[Entry]) -> None:
        made.append(name)

    memo(kept)
    pages.get("p.md", record, "page", [kept])
    pages.get("p.md", record, "page", [kept])
    clear_all()
    assert len(memo) == 0
    pages.get("p.md", record, "page", [kept])
    assert made == ["page", "page"]  # kept once, then made again: nothing was kept


def test_a_page_is_made_again_only_when_what_it_shows_changed() -> None:
    made: list[str] = []

    def make(name: str, entries: list[Entry]) -> str:
        made.append(name)
        return f"<{name}>"

    pages: PerPage[str] = PerPage()
    a, b = Entry("a"), Entry("b")
    first = pages.get("p.md", make, "one", [a, b])
    assert pages.get("p.md", make, "one", [a, b]) is first and made == ["one"]
    assert pages.get("p.md", make, "one", [a, Entry("b")]) == "<one>"  # read again, equal: the page as it was
    assert pages.get("p.md", make, "one", [a, Entry("c")]) == "<one>"  # another entry: made again
    assert pages.get("p.md", make, "four", [b, a]) == "<four>"  # another order
    assert pages.get("p.md", make, "five", [b, a]) == "<five>"  # another value besides
    assert pages.get("q.md", make, "five", [b, a]) == "<five>"  # each page on its own
    assert pages.get("q.md", make, "five", entries=[b, a]) == "<five>"  # a keyword is an argument too
    assert made == ["one", "one", "four", "five", "five", "five"]  # the first reuse, then each change


def test_only_pages_that_show_a_changed_entry_are_rendered_again(tmp_path) -> None:
    result = check_paths([FIXTURES / "site" / "initiatives"])
    initiatives = result.initiatives
    config = replace(siteconfig.load(REPO / "mkdocs.yml"), docs_dir=tmp_path)
    before = dict(all_pages(initiatives, config, TODAY, []))
    again = dict(all_pages(initiatives, config, TODAY, []))
    initiative_pages = [path for path in before if path.startswith("initiatieven/")]
    assert initiative_pages and all(again[path] is before[path] for path in initiative_pages)  # reused, not rendered

    changed = next(i for i in initiatives if i.slug == "menukaart-vlissingen")
    edited = [replace(i, titel="Menukaart Vlissingen bewerkt") if i is changed else i for i in initiatives]
    after = dict(all_pages(edited, config, TODAY, []))
    assert "# Menukaart Vlissingen bewerkt" in after["initiatieven/menukaart-vlissingen.md"]
    showing = {path for path in initiative_pages if "Menukaart Vlissingen bewerkt" in after[path]}
    assert showing - {"initiatieven/menukaart-vlissingen.md"}, "a similar initiative's page shows the new title"
    for path in initiative_pages:
        if path not in showing:
            assert after[path] is before[path], path
    assert "Menukaart Vlissingen bewerkt" in after["gemeenten/vlissingen.md"]
    assert after["provincies/zeeland.md"] is not before["provincies/zeeland.md"]
    # Every municipality's page lists what is near it: only those whose lists hold the entry change.
    gemeente_pages = [path for path in before if path.startswith("gemeenten/") and path != "gemeenten/index.md"]
    changed_pages = {path for path in gemeente_pages if after[path] is not before[path]}
    assert changed_pages == {path for path in gemeente_pages if "Menukaart Vlissingen bewerkt" in after[path]}
    assert changed_pages and all(after[p] is before[p] for p in gemeente_pages if "bestaat sinds" in after[p])  # former names: reused
