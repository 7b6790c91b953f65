"""The whole built site as one zip, to read without internet (open index.html from disk)."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from kennisbank.site.sitedir import MARKER

ZIP_NAME = "kennisbank-offline.zip"
FOLDER_IN_ZIP = "kennisbank"


def write_zip(site_dir: Path) -> Path:
    """Zip every file of site_dir (but the zip itself) under one top folder; returns the zip's path."""
    target = site_dir / ZIP_NAME
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for folder, dirs, files in os.walk(site_dir):
            dirs.sort()
            for name in sorted(files):
                path = Path(folder) / name
                if path in (target, partial, site_dir / MARKER):
                    continue
                archive.write(path, f"{FOLDER_IN_ZIP}/{path.relative_to(site_dir).as_posix()}")
    partial.replace(target)
    return target
