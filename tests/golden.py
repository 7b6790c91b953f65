"""Golden files: compare generated output with a reviewed file; KENNISBANK_UPDATE_GOLDEN=1 rewrites them."""
from __future__ import annotations

import os
from pathlib import Path


def assert_golden(actual: str, golden: Path) -> None:
    if os.environ.get("KENNISBANK_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"{golden} differs; review the diff and rerun with KENNISBANK_UPDATE_GOLDEN=1 if intended"
