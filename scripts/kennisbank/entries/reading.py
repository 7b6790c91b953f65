"""Reading an entry file safely: only a regular file, never a pipe, device or link, and never too much.

Shared by the check of a file itself (validate.py) and by the look-alike comparison (duplicates.py),
which reads the other files of the tree.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from kennisbank.entries.frontmatter import MAX_BYTES, too_large


class NotRegular(Exception):
    """The path is no regular file (a folder, a named pipe, a device...): it is not read."""


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; never opens a named pipe or device (that could wait forever)."""
    if not stat.S_ISREG(path.lstat().st_mode):
        raise NotRegular
    # O_NONBLOCK: should the file be swapped for a pipe after the lstat, opening still returns at once.
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise NotRegular
        if status.st_size > MAX_BYTES:
            raise too_large(status.st_size)
        return stream.read(status.st_size + 1)  # + 1: a file that grew since is still read whole (up to the limit)
