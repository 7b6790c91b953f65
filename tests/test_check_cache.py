"""What the live preview keeps of a check: one KindCache per kind, valid for unchanged files in an unchanged context."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import FIXTURES
from kennisbank.entries import entry_check, kinds
from kennisbank.entries.check_cache import KindCache
from kennisbank.entries.cross_kinds import ORGANISATIONS


def organisations() -> kinds.Kind:
    return next(kind for kind in kinds.extra() if kind.name == ORGANISATIONS)


def test_unchanged_files_of_a_kind_stay_the_same_entries_and_an_edit_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "organisaties"
    shutil.copytree(FIXTURES / "soorten" / "organisaties", folder)
    kind, cache = organisations(), KindCache[entry_check.EntryOutcome]()
    first = entry_check.check_entries(kind, [folder], cache).entries
    again = entry_check.check_entries(kind, [folder], cache).entries
    assert len(first) == 2 and all(a is b for a, b in zip(first, again, strict=True))
    edited = folder / "zeeuwse-dorpen.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("titel: Zeeuwse Dorpen Steunpunt", "titel: Zeeuwse Dorpen Hulp"), encoding="utf-8")
    after = {entry.slug: entry for entry in entry_check.check_entries(kind, [folder], cache).entries}
    assert after["zeeuwse-dorpen"].titel == "Zeeuwse Dorpen Hulp"
    assert after["landelijk-fonds"] is next(e for e in first if e.slug == "landelijk-fonds")


def test_another_context_judges_every_file_again(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "b.md").write_text("b", encoding="utf-8")
    files = sorted(tmp_path.glob("*.md"))
    judged: list[tuple[str, str]] = []
    cache = KindCache[str]()

    def judge_in(context: str) -> Callable[[Path], str]:
        def judge(path: Path) -> str:
            judged.append((path.name, context))
            return f"{path.name} in {context}"
        return judge

    assert cache.outcomes(files, "eerste", judge_in("eerste")) == ["a.md in eerste", "b.md in eerste"]
    assert cache.outcomes(files, "eerste", judge_in("eerste")) == ["a.md in eerste", "b.md in eerste"]
    assert cache.outcomes(files, "tweede", judge_in("tweede")) == ["a.md in tweede", "b.md in tweede"]
    assert judged == [("a.md", "eerste"), ("b.md", "eerste"), ("a.md", "tweede"), ("b.md", "tweede")]
