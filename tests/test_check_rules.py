"""The check benchmark's clocks sit on functions the check really calls: a step that moved or was
renamed would otherwise print 0 % and hide where the time goes (no timing is asserted)."""
from __future__ import annotations

from pathlib import Path

import pytest
from kennisbank.bench import check_rules
from kennisbank.bench.corpus import write_initiatives, write_organisations
from kennisbank.entries import parallel


def test_every_step_of_the_check_is_clocked_and_put_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_initiatives(tmp_path / "initiatives", 30)
    write_organisations(tmp_path / "organisaties", 3)
    monkeypatch.chdir(tmp_path)
    originals = [getattr(module, name) for module, name, _ in check_rules.STEPS]
    figures = check_rules.shares(tmp_path)
    assert figures["files"] == 33 and figures["valid"] == 30
    unclocked = [what for _, _, what in check_rules.STEPS if figures["steps"].get(what, 0.0) <= 0.0]
    assert unclocked == []
    assert [getattr(module, name) for module, name, _ in check_rules.STEPS] == originals
    assert parallel.PARALLEL_FROM == 1000  # the one-process setting is undone too
    lines = check_rules.report(figures, figures["sequential"])
    assert lines[0].startswith("  bare C YAML parse") and len(lines) == len(check_rules.STEPS) + 3
