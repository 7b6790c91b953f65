"""Kennisbank Maatschappelijke Initiatieven: validate, generate and publish initiatives."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
DATA_DIR = PACKAGE_DIR / "data"
