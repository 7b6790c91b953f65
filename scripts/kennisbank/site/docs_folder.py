"""Write the site's Markdown: hand-written docs/ plus generated pages, into the build folder.

A plain Python step, independent of MkDocs' plugin API, so the same output can feed another
builder. Files are only rewritten when their content changes, which keeps `mkdocs serve` from
reloading in a loop and makes repeated builds cheap.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from kennisbank.entries.meetings import Meeting
from kennisbank.entries.model import Initiative
from kennisbank.pages.listing import all_pages
from kennisbank.site.config import SiteConfig

HANDWRITTEN = Path("docs")
# Extra outputs (search data, form data, exports) each write their own files into the build folder.
Writer = Callable[[Path, list[Initiative], SiteConfig], Iterable[tuple[str, str | bytes]]]
# Outputs made from the meetings (bijeenkomsten/); upcoming or past is decided on `today`.
MeetingWriter = Callable[[list[Meeting], list[Initiative], SiteConfig, dt.date], Iterable[tuple[str, str | bytes]]]


def writers() -> list[Writer]:
    """The extra outputs, imported here so each stays a module of its own."""
    from kennisbank.exports import files as exports_writer
    from kennisbank.pages import data_pages, lessons
    from kennisbank.search import payload as search_writer
    from kennisbank.submission import form_page as form
    from kennisbank.submission import meeting_form_page as meeting_form

    return [exports_writer.write, data_pages.write, form.write, meeting_form.write, search_writer.write, lessons.write]


def meeting_writers() -> list[MeetingWriter]:
    """The outputs made from meetings: agenda and meeting pages, calendars, data."""
    from kennisbank.exports import follow, ical, meeting_feed, meetings_json
    from kennisbank.pages import agenda, news

    return [agenda.write, follow.write, news.write, ical.write, meetings_json.write, meeting_feed.write]


def handwritten_files(source: Path) -> dict[str, bytes]:
    """Every file under docs/, by its path relative to docs/."""
    found = {}
    for folder, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(folder) / name
            found[path.relative_to(source).as_posix()] = path.read_bytes()
    return found


def collect(initiatives: list[Initiative], config: SiteConfig, source: Path, today: dt.date, meetings: list[Meeting]) -> dict[str, bytes]:
    """All files of the build folder, by relative path; generated pages win over nothing: clashes fail."""
    files = handwritten_files(source)
    produced: list[tuple[str, str | bytes]] = list(all_pages(initiatives, config, today, meetings))
    for writer in writers():
        produced.extend(writer(config.docs_dir, initiatives, config))
    for meeting_writer in meeting_writers():
        produced.extend(meeting_writer(meetings, initiatives, config, today))
    produced.append(open_data_page(config, produced))
    for path, content in produced:
        if path in files:
            raise ValueError(f"{path} is both hand-written in {source} and generated")
        files[path] = content.encode("utf-8") if isinstance(content, str) else content
    return files


def open_data_page(config: SiteConfig, produced: list[tuple[str, str | bytes]]) -> tuple[str, str]:
    """The open-data page, which lists every published data file with its size."""
    from kennisbank.pages import data_pages

    sizes = {path: len(content.encode("utf-8") if isinstance(content, str) else content) for path, content in produced}
    return data_pages.open_data_page(config, sizes)


def sync(target: Path, files: dict[str, bytes]) -> int:
    """Make target hold exactly these files; returns how many were written.

    The live preview rebuilds once build/docs has been quiet for a tenth of a second, so the
    changes must land at once, even on a busy machine: all comparing and writing happens first, in
    a staging folder beside target (not watched), then every file is moved into place by rename,
    which takes microseconds each.
    """
    target.mkdir(parents=True, exist_ok=True)
    changed = [(target / relative, content) for relative, content in files.items() if not same_file(target / relative, content)]
    stale = [path for path in target.rglob("*") if path.is_file() and path.relative_to(target).as_posix() not in files]
    # A fresh folder of our own each time, beside target (same file system, so a rename moves a file).
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    staged = []
    for number, (path, content) in enumerate(changed):
        (staging / str(number)).write_bytes(content)
        staged.append((staging / str(number), path))
    for source, path in staged:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, path)
    for path in stale:
        path.unlink()
    for folder, _, _ in sorted(os.walk(target), key=lambda entry: -len(entry[0])):
        if folder != str(target) and not os.listdir(folder):
            os.rmdir(folder)
    staging.rmdir()
    return len(changed)


def same_file(path: Path, content: bytes) -> bool:
    return path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content


def generate(initiatives: list[Initiative], config: SiteConfig, source: Path = HANDWRITTEN, today: dt.date | None = None,
             meetings: list[Meeting] | None = None) -> int:
    """Write the build folder; returns the number of files written."""
    files = collect(initiatives, config, source, today or dt.date.today(), meetings or [])
    return sync(config.docs_dir, files)


def clean(config: SiteConfig) -> None:
    shutil.rmtree(config.docs_dir, ignore_errors=True)
