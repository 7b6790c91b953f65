"""Open data, feeds, statistics and the map: everything derived at build time from the validated initiatives.

`writer.write` is the entry point registered in `kennisbank.generate.writers()`.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
