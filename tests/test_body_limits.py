"""A body beyond the shape limits (entries/body_limits.py) is refused by the check, before the build meets it."""
from __future__ import annotations

from pathlib import Path

import pytest
from kennisbank.entries import body_limits
from kennisbank.entries.validate import check_paths
from sample_entry import VALID, write

HOSTILE = {
    "nesting": ("- " * 500 + "tekst", "500 lagen diep genest"),
    "emphasis": ("*" * 3000 + "x" + "*" * 3000, "3000 tekens * of _ achter elkaar"),
    "brackets": ("[" * 30000 + "x](https://voorbeeld.nl)", "30000 keer [ achter elkaar"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_body_line_is_refused_with_the_limit_and_the_value(tmp_path: Path, name: str) -> None:
    line, text = HOSTILE[name]
    write(tmp_path, "noord-holland/tuin.md", VALID + "\n" + line + "\n")
    result = check_paths([tmp_path / "initiatives"])
    (message,) = result.errors
    assert message.field == "tekst" and text in message.text, message
    assert message.line == VALID.count("\n") + 2
    assert not result.initiatives


def test_ordinary_text_is_within_the_limits() -> None:
    body = "\n".join(["- een\n    - twee\n        - drie", "> citaat\n> > in citaat", "***", "_" * 40, "[[1]](https://a.nl)", "**vet** en *schuin*"])
    assert body_limits.body_problems(body) == []


def test_many_bad_lines_give_a_short_answer() -> None:
    problems = body_limits.body_problems("\n".join(["[" * 20 + "x"] * 50))
    assert len(problems) == body_limits.MAX_REPORTED_LINES + 1
    assert "nog 40 regels" in problems[-1][1]
