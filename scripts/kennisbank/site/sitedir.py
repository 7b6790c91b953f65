"""Which folder `kennisbank build` may fill: MkDocs empties the site dir first, so a wrong one loses data.

The rule: the site dir may not be the project root, contain it, or be, contain or lie inside one of
the project's source folders. It may exist only when it is empty or looks like an earlier build:
it holds the marker file that every build writes, or (sites built before the marker existed) both
index.html and sitemap.xml. Anything else is refused before a single file is touched.
"""
from __future__ import annotations

from pathlib import Path

# A hidden file: MkDocs keeps hidden files when it cleans the site dir, and never copies them.
MARKER = ".kennisbank-site"
MARKER_TEXT = "Deze map is gebouwd door 'kennisbank build' en wordt bij elke build leeggemaakt.\n"
SOURCE_FOLDERS = ("initiatives", "docs", "overrides", "scripts", "tests", "build", ".git", ".github", ".ci", ".venv", ".tools")
EARLIER_BUILD = ("index.html", "sitemap.xml")


def inside(path: Path, folder: Path) -> bool:
    """True when path is folder or lies below it (both resolved)."""
    return path == folder or folder in path.parents


def shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return path.as_posix()


def looks_built(site: Path) -> bool:
    return (site / MARKER).is_file() or all((site / name).is_file() for name in EARLIER_BUILD)


def refusal(site_dir: Path, root: Path) -> str | None:
    """Why site_dir must not be used as the site dir of the project in root, or None when it may."""
    site = site_dir.resolve()
    base = root.resolve()
    if inside(base, site):
        return f"{site_dir} is de projectmap of bevat die; kies een eigen map voor de site, bijvoorbeeld site/"
    for name in SOURCE_FOLDERS:
        source = base / name
        if inside(site, source):
            return f"{site_dir} ligt in de bronmap {name}/ (of is die map); kies een eigen map voor de site, bijvoorbeeld site/"
        if inside(source.resolve(), site):
            return f"{site_dir} bevat de bronmap {name}/; kies een eigen map voor de site, bijvoorbeeld site/"
    if site.exists() and not site.is_dir():
        return f"{site_dir} bestaat al en is geen map; kies een andere map voor de site"
    if site.is_dir() and any(site.iterdir()) and not looks_built(site):
        return (
            f"{site_dir} is niet leeg en lijkt niet op een eerder gebouwde site (geen {MARKER}, index.html of "
            f"sitemap.xml); de build maakt de map leeg, die wordt dus niet gebruikt; kies een nieuwe of lege map"
        )
    return None


def mark(site_dir: Path) -> None:
    """Write the marker, so that a later build recognises the folder as its own."""
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
