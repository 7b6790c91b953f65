"""Syncing the build folder: only changed files are written, stale ones go, and what the live preview
remembers of the folder (docs_folder.Written) never hides a change made behind its back."""
from __future__ import annotations

import os
from pathlib import Path

from kennisbank.site.docs_folder import Written, sync


def test_sync_writes_only_what_changed_and_removes_the_rest(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    assert sync(target, {"a.md": b"A", "sub/b.md": b"B", "old/c.md": b"C"}) == 3
    assert sync(target, {"a.md": b"A", "sub/b.md": b"B2"}) == 1
    assert (target / "sub" / "b.md").read_bytes() == b"B2"
    assert not (target / "old").exists()  # the stale file and its emptied folder are gone
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["a.md", "sub", "sub/b.md"]


def test_remembered_files_are_not_written_again(tmp_path: Path) -> None:
    target, written = tmp_path / "docs", Written()
    files = {"a.md": b"A", "b.md": b"B"}
    assert sync(target, files, written) == 2
    assert set(written.files) == {"a.md", "b.md"}
    assert sync(target, files, written) == 0
    assert sync(target, {**files, "b.md": b"B2"}, written) == 1
    assert written.files["b.md"][0] == b"B2"
    assert sync(target, {"a.md": b"A"}, written) == 0
    assert set(written.files) == {"a.md"} and not (target / "b.md").exists()


def test_a_change_behind_the_previews_back_is_repaired(tmp_path: Path) -> None:
    target, written = tmp_path / "docs", Written()
    sync(target, {"a.md": b"same size", "b.md": b"B"}, written)
    page = target / "a.md"
    page.write_bytes(b"SAME SIZE")  # same size, newer time
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1_000_000_000))
    (target / "b.md").unlink()
    assert sync(target, {"a.md": b"same size", "b.md": b"B"}, written) == 2
    assert page.read_bytes() == b"same size" and (target / "b.md").read_bytes() == b"B"
