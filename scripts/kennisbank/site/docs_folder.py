"""Write the site's Markdown: hand-written docs/ plus generated pages, into the build folder.

A plain Python step, independent of MkDocs' plugin API, so the same output can feed another
builder. Files are only rewritten when their content changes, which keeps `mkdocs serve` from
reloading in a loop and makes repeated builds cheap.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from kennisbank.entries.collection import Collection, Writer
from kennisbank.exports import files as exports_writer
from kennisbank.exports import datapackage, dcat, entry_exports, follow, ical, meeting_feed, meetings_json
from kennisbank.pages import agenda, data_pages, entry_pages, lessons, listing, municipality_filter, news, share, sorting
from kennisbank.search import other_kinds
from kennisbank.search import payload as search_writer
from kennisbank.site_config import SiteConfig
from kennisbank.submission import form_page as form
from kennisbank.submission import meeting_form_page as meeting_form
from kennisbank.submission import organisation_form_page as organisation_form

HANDWRITTEN = Path("docs")


def writers() -> list[Writer]:
    """Every output, each a module of its own, all of one signature (entries.collection.Writer)."""
    return [listing.write, exports_writer.write, data_pages.write, form.write, meeting_form.write,
            lessons.write, share.write, sorting.write, municipality_filter.write,
            agenda.write, follow.write, news.write, ical.write, meetings_json.write, meeting_feed.write, dcat.write,
            entry_pages.write, entry_exports.write, search_writer.write, organisation_form.write, other_kinds.write]


def handwritten_files(source: Path) -> dict[str, bytes]:
    """Every file under docs/, by its path relative to docs/."""
    found = {}
    for folder, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(folder) / name
            found[path.relative_to(source).as_posix()] = path.read_bytes()
    return found


def collect(collection: Collection, source: Path) -> dict[str, bytes]:
    """All files of the build folder, by relative path; generated pages win over nothing: clashes fail."""
    files = handwritten_files(source)
    produced: list[tuple[str, str | bytes]] = []
    for writer in writers():
        produced.extend(writer(collection))
    # Last, because they describe the files the writers made: the data package hashes them, the
    # open-data page lists their sizes.
    produced.append(datapackage.write(collection.config, produced, collection.others))
    produced.append(open_data_page(collection.config, produced))
    for path, content in produced:
        if path in files:
            raise ValueError(f"{path} is both hand-written in {source} and generated")
        files[path] = content.encode("utf-8") if isinstance(content, str) else content
    return files


def open_data_page(config: SiteConfig, produced: list[tuple[str, str | bytes]]) -> tuple[str, str]:
    """The open-data page, which lists every published data file with its size."""
    sizes = {path: len(content.encode("utf-8") if isinstance(content, str) else content) for path, content in produced}
    return data_pages.open_data_page(config, sizes)


class Written:
    """What the last sync left in a build folder: each file's content, size and modification time.

    The live preview syncs thousands of files for every edit; a file whose content and status are
    as they were left is known unchanged without reading it again.
    """

    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, int, int]] = {}

    def unchanged(self, path: Path, relative: str, content: bytes) -> bool:
        known = self.files.get(relative)
        if known is None:
            return same_file(path, content)
        try:
            status = path.stat()
        except OSError:
            return False
        return (status.st_size, status.st_mtime_ns) == known[1:] and known[0] == content

    def note(self, path: Path, relative: str, content: bytes) -> None:
        status = path.stat()
        self.files[relative] = (content, status.st_size, status.st_mtime_ns)


def sync(target: Path, files: dict[str, bytes], written: Written | None = None) -> int:
    """Make target hold exactly these files; returns how many were written.

    The live preview rebuilds once build/docs has been quiet for a tenth of a second, so the
    changes must land at once, even on a busy machine: all comparing and writing happens first, in
    a staging folder beside target (not watched), then every file is moved into place by rename,
    which takes microseconds each.
    """
    target.mkdir(parents=True, exist_ok=True)
    record = written or Written()
    changed = [(relative, content) for relative, content in files.items() if not record.unchanged(target / relative, relative, content)]
    stale = [target / relative for relative in files_under(target) if relative not in files]
    # A fresh folder of our own each time, beside target (same file system, so a rename moves a file).
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    staged = []
    for number, (relative, content) in enumerate(changed):
        (staging / str(number)).write_bytes(content)
        staged.append((staging / str(number), relative))
    for source, relative in staged:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, path)
    for path in stale:
        path.unlink()
    for folder, _, _ in sorted(os.walk(target), key=lambda entry: -len(entry[0])):
        if folder != str(target) and not os.listdir(folder):
            os.rmdir(folder)
    staging.rmdir()
    if written is not None:
        for relative in [relative for relative in written.files if relative not in files]:
            del written.files[relative]
        rewritten = {relative for relative, _ in changed}
        for relative, content in files.items():
            if relative in rewritten or relative not in written.files:
                written.note(target / relative, relative, content)
    return len(changed)


def files_under(folder: Path) -> list[str]:
    """Every file's path relative to folder, '/'-separated."""
    found: list[str] = []
    for parent, _, names in os.walk(folder):
        relative = os.path.relpath(parent, folder).replace(os.sep, "/")
        found.extend(name if relative == "." else f"{relative}/{name}" for name in names)
    return found


def same_file(path: Path, content: bytes) -> bool:
    return path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content


def generate(collection: Collection, source: Path = HANDWRITTEN, written: Written | None = None) -> int:
    """Write the build folder; returns the number of files written. `written`: kept between regenerations."""
    return sync(collection.config.docs_dir, collect(collection, source), written)


def clean(config: SiteConfig) -> None:
    shutil.rmtree(config.docs_dir, ignore_errors=True)
