"""The search page without the site around it: zoeken.md's markup in a minimal document, with its files.

The search benchmark and the relevance test set drive this page in Chromium, from disk.
"""
from __future__ import annotations

from pathlib import Path

from kennisbank.search import other_kinds

REPO = Path(__file__).resolve().parents[3]
PAGE_SOURCE = REPO / "docs" / "zoeken.md"
HEAD_SCRIPTS = REPO / "overrides" / "partials" / "kb-zoeken-head.html"  # what the site puts in the page's head


def page_html() -> str:
    """zoeken.md's markup (front matter and Markdown heading dropped) in a minimal HTML document."""
    body = PAGE_SOURCE.read_text(encoding="utf-8").split("---\n", 2)[2].replace("# Zoeken\n", "", 1)
    head = HEAD_SCRIPTS.read_text(encoding="utf-8")
    return (f'<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">\n{head}<title>Zoeken</title></head>\n'
            f'<body><h1>Zoeken</h1>\n{body}</body></html>\n')


def write_site(folder: Path, files: dict[str, bytes]) -> Path:
    """The page with its files; without other kinds' data among them, an empty list of those
    (zoeken/data/soorten.js), as a site without organisations or approaches has."""
    files = {**{path: text.encode("utf-8") for path, text in other_kinds.files(())}, **files}
    for relative, content in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    page = folder / "zoeken.html"
    page.write_text(page_html(), encoding="utf-8")
    return page
