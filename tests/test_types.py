"""The package type-checks clean with mypy (configured in pyproject.toml)."""
from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_mypy_finds_no_errors() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
