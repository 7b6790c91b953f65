"""Which folder `kennisbank build` may fill: MkDocs empties the site dir first, so a wrong one loses data.

The rule: the site dir may not be the project root, contain it, or be, contain or lie inside one of
the project's source folders. It may exist only when it is empty or looks like an earlier build:
it holds the marker file that every build writes, or (sites built before the marker existed) both
index.html and sitemap.xml. Anything else is refused before a single file is touched.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kennisbank.entries import kinds

# A hidden file: MkDocs keeps hidden files when it cleans the site dir, and never copies them.
MARKER = ".kennisbank-site"
MARKER_TEXT = "Deze map is gebouwd door 'kennisbank build' en wordt bij elke build leeggemaakt.\n"
SOURCE_FOLDERS = (*(kind.folder for kind in kinds.builtin().values()), "docs", "overrides", "scripts", "tests", "build", ".git", ".github", ".ci", ".venv", ".tools")
EARLIER_BUILD = ("index.html", "sitemap.xml")
# Generated Markdown goes below build/ (mkdocs.yml: docs_dir: build/docs), a folder under version control's ignore list.
GENERATED = "build"
LOCK_NAME = ".kennisbank-build.lock"


def inside(path: Path, folder: Path) -> bool:
    """True when path is folder or lies below it (both resolved)."""
    return path == folder or folder in path.parents


def shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return path.as_posix()


def regular_file(path: Path) -> bool:
    """A regular file itself, not a link to one (a linked marker could name any file on the machine)."""
    try:
        return path.is_file() and not path.is_symlink()
    except OSError:
        return False


def looks_built(site: Path) -> bool:
    return regular_file(site / MARKER) or all(regular_file(site / name) for name in EARLIER_BUILD)


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
    if Path(os.path.abspath(site_dir)).is_symlink():
        return f"{site_dir} is een symbolische koppeling; de build vervangt de map in zijn geheel, kies een gewone map voor de site"
    if site.exists() and not site.is_dir():
        return f"{site_dir} bestaat al en is geen map; kies een andere map voor de site"
    if site.is_dir() and any(site.iterdir()) and not looks_built(site):
        return (
            f"{site_dir} is niet leeg en lijkt niet op een eerder gebouwde site (geen {MARKER}, index.html of "
            f"sitemap.xml); de build maakt de map leeg, die wordt dus niet gebruikt; kies een nieuwe of lege map"
        )
    return None


def link_on_the_way(path: Path, root: Path) -> Path | None:
    """The first symbolic link among path and its parents below root (path and root absolute, unresolved)."""
    steps = [path, *path.parents]
    for step in reversed(steps[: steps.index(root)] if root in steps else steps):
        if step.is_symlink():
            return step
    return None


def docs_refusal(docs_dir: Path, root: Path) -> str | None:
    """Why the generator must not write (and prune) docs_dir, or None when it may.

    The generator deletes every file in docs_dir that it did not generate, so docs_dir must lie in
    the project's build/ folder (mkdocs.yml can be changed by a pull request), and no folder on the
    way may be a symbolic link: `build/docs -> ../initiatives` would send the pages into the sources.
    """
    base = Path(os.path.abspath(root))
    generated = base / GENERATED
    target = Path(os.path.abspath(docs_dir))
    if not inside(target, generated) or target == generated:
        return f"docs_dir {docs_dir} ligt niet in {GENERATED}/; de gegenereerde pagina's horen in een eigen map onder {GENERATED}/, zoals {GENERATED}/docs (mkdocs.yml)"
    link = link_on_the_way(target, base)
    if link is not None:
        return f"{shown(link, base)} is een symbolische koppeling; de gegenereerde pagina's worden alleen in een gewone map geschreven; haal de koppeling weg"
    for step in (target, *target.parents):
        if step == base:
            break
        if step.exists() and not step.is_dir():
            return f"{shown(step, base)} is geen map; haal het bestand weg of kies een andere docs_dir"
    return None


def mark(site_dir: Path) -> None:
    """Write the marker into a folder the build made itself, without following a link."""
    site_dir.mkdir(parents=True, exist_ok=True)
    handle = os.open(site_dir / MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(MARKER_TEXT)


def new_site_folder(site_dir: Path) -> Path:
    """A new, marked folder beside site_dir (same file system) in which the whole site is built."""
    site = Path(os.path.abspath(site_dir))
    site.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{site.name}-nieuw-", dir=site.parent))
    # mkdtemp makes the folder private (0700); the site is read by web servers and other users.
    os.chmod(folder, 0o777 & ~current_umask())
    mark(folder)
    return folder


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def discard(folder: Path) -> None:
    """Remove a folder this build made (it holds the marker); anything else is left alone."""
    if folder.is_dir() and not folder.is_symlink() and regular_file(folder / MARKER):
        shutil.rmtree(folder)


def swap_in(built: Path, site_dir: Path) -> None:
    """Put the complete new site in place of the old one, which refusal() accepted as an earlier build.

    Readers of site_dir see the old site or the new one, never half of one. Hidden entries of the
    old folder that the build does not make (a .git of a publishing branch, say) move to the new
    one, as MkDocs kept them when it cleaned the folder in place.
    """
    site = Path(os.path.abspath(site_dir))
    if not site.exists():
        os.rename(built, site)
        return
    for entry in site.iterdir():
        if entry.name.startswith(".") and entry.name != MARKER and not (built / entry.name).exists():
            os.rename(entry, built / entry.name)
    old = Path(tempfile.mkdtemp(prefix=f".{site.name}-oud-", dir=site.parent))
    os.rename(site, old / site.name)
    os.rename(built, site)
    shutil.rmtree(old)


def remove_leftovers(site_dir: Path) -> None:
    """Folders that a build stopped midway (Ctrl-C, a power cut) left beside site_dir; only marked ones go."""
    site = Path(os.path.abspath(site_dir))
    if not site.parent.is_dir():
        return
    for entry in site.parent.iterdir():
        if entry.name.startswith(f".{site.name}-nieuw-"):
            discard(entry)
        elif entry.name.startswith(f".{site.name}-oud-") and entry.is_dir() and not entry.is_symlink():
            discard(entry / site.name)
            if not any(entry.iterdir()):
                entry.rmdir()


class BuildRunning(Exception):
    """Another build or preview of the same project holds the lock."""


@contextmanager
def build_lock(root: Path) -> Iterator[IO[str]]:
    """One build or live preview per project at a time: both write build/docs.

    The lock is the operating system's (flock), so a build that is killed lets go of it at once.
    """
    folder = Path(os.path.abspath(root)) / GENERATED
    folder.mkdir(exist_ok=True)
    handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    with os.fdopen(handle, "r+", encoding="utf-8") as stream:
        try:
            fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildRunning from None
        yield stream
