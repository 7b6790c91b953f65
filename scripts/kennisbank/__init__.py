"""Kennisbank Maatschappelijke Initiatieven: validate, generate and publish initiatives."""
from __future__ import annotations

from pathlib import Path

# The site is rendered by ProperDocs, the maintained fork of MkDocs 1.x. Material for MkDocs (and
# some of our own modules) import `mkdocs`; after this import every `mkdocs.*` module is the
# `properdocs.*` one, so the theme runs on ProperDocs unchanged. It must come before the first
# `mkdocs` import anywhere in the process, hence here (see site/engine.py).
import properdocs.replacement  # noqa: F401

PACKAGE_DIR = Path(__file__).parent
DATA_DIR = PACKAGE_DIR / "data"
