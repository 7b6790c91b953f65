"""Open data, feeds, statistics and the map: everything derived at build time from the validated initiatives.

`files.write` is the writer registered in `site.docs_folder.writers()`.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
