"""What the live preview keeps of a check between rounds: each file's outcome, keyed by the file's status."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

FileKey = tuple[int, int, int, int, int, dt.date]
Outcome = TypeVar("Outcome")


@dataclass
class CheckCache(Generic[Outcome]):
    """The outcomes of files as last checked, for the live preview: an unchanged file is not read again
    (an initiative's FileResult; KindCache keeps the outcomes of every other kind in one).

    A file counts as unchanged while its status (type, size, inode, change and modification
    times) is the same on the same day (some rules depend on today's date), the same test the
    preview's watcher uses to notice an edit.
    """

    outcomes: dict[Path, tuple[FileKey, Outcome]] = field(default_factory=dict)

    def key(self, path: Path) -> FileKey | None:
        try:
            status = path.lstat()
        except OSError:
            return None
        return (status.st_mode, status.st_size, status.st_ino, status.st_ctime_ns, status.st_mtime_ns, dt.date.today())

    def known(self, path: Path) -> Outcome | None:
        key = self.key(path)
        cached = self.outcomes.get(path)
        return cached[1] if key is not None and cached is not None and cached[0] == key else None

    def keep(self, files: list[Path], outcomes: list[Outcome]) -> None:
        """Remember these outcomes; files no longer checked are forgotten."""
        fresh: dict[Path, tuple[FileKey, Outcome]] = {}
        for path, outcome in zip(files, outcomes):
            key = self.key(path)
            if key is not None:
                fresh[path] = (key, outcome)
        self.outcomes = fresh


class KindCache(Generic[Outcome]):
    """The outcomes of one kind's files as last checked, for the live preview, valid while they are
    judged in the same context: a meeting against the same initiatives, an organisation under the
    same declaration of its kind. An unchanged file in an unchanged context is not read again and
    its entry stays the same object; another context judges every file again."""

    def __init__(self) -> None:
        self.files: CheckCache[Outcome] = CheckCache()
        self.context: Hashable = None

    def outcomes(self, files: list[Path], context: Hashable, check: Callable[[Path], Outcome]) -> list[Outcome]:
        """check of each file, in order; only of the files changed since, or of all when the context did."""
        if context != self.context:
            self.files, self.context = CheckCache(), context
        found = [self.files.known(path) for path in files]
        outcomes = [known if known is not None else check(path) for path, known in zip(files, found)]
        self.files.keep(files, outcomes)
        return outcomes
