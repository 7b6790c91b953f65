"""MkDocs hook for live preview only: watch initiatives/ and docs/, regenerate before each build.

Thin on purpose: the generation is kennisbank.site.regenerate, a plain function.
"""
from __future__ import annotations

import os
from typing import Any


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    server.watch("initiatives")
    server.watch("docs")
    return server


def on_pre_build(config: Any) -> None:
    if os.environ.get("KENNISBANK_SERVE"):
        from kennisbank.site.pipeline import regenerate

        regenerate()
