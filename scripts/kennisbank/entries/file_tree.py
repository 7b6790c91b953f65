"""The files of a check: finding them under the named paths, how a path is shown, and file names that clash.

A named file is judged within its tree (the initiatives/ folder it lies in): links and duplicate
names count the files it was not named with too.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from kennisbank.entries import kinds, schema
from kennisbank.entries.model import Message

ROOT = kinds.initiatives().folder  # the initiatives folder: its subfolders are the provinces


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path as users see it: relative to the working directory where possible, '/' separated."""
    if not path.is_absolute():
        return path.as_posix()
    # A string prefix rather than Path.relative_to, which costs more than reading the file's YAML
    # does (it is asked twice for each of thousands of files); the same answer for the same parts.
    text, folder = path.as_posix(), (cwd or Path.cwd()).as_posix()
    if text == folder:
        return "."
    base = folder.rstrip("/") + "/"
    return text[len(base):] if text.startswith(base) else text


def discover(paths: Iterable[Path]) -> list[Path]:
    """Every file under the given folders (hidden ones aside), plus the given files, sorted."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                # os.walk does not follow a linked folder; it is reported (as a link) instead of skipped.
                found.update(Path(folder) / name for name in dirs if (Path(folder) / name).is_symlink())
                found.update(Path(folder) / name for name in files if not name.startswith("."))
        else:
            found.add(path)
    return sorted(found, key=lambda p: p.as_posix())


def same_file(path: Path) -> str:
    """A key that is equal for two spellings of one path, without following symbolic links."""
    return os.path.normcase(os.path.abspath(path))


def tree_of(paths: Iterable[Path]) -> list[Path]:
    """The `initiatives` folders the given paths lie in: the whole tree a named file belongs to."""
    found: dict[str, Path] = {}
    for path in paths:
        for folder in Path(os.path.abspath(path)).parents:
            if folder.name == ROOT:
                found.setdefault(same_file(folder), folder)
                break
    return list(found.values())


def unnamed_files(files: list[Path], tree: Iterable[Path]) -> list[Path]:
    """Files under the tree that were not named: they count for links and names, not for the report."""
    named = {same_file(path) for path in files}
    return [path for path in discover(tree) if path.suffix == ".md" and same_file(path) not in named]


def check_duplicate_slugs(paths: list[Path]) -> list[Message]:
    template = schema.messages()["bestand"]["dubbele_slug"]
    first: dict[str, Path] = {}
    found = []
    for path in paths:
        if path.suffix != ".md":
            continue
        if path.stem in first:
            other = display_path(first[path.stem])
            found.append(Message(display_path(path), 1, "bestand", schema.say(template, waarde=schema.quote(path.name), suggestie=other)))
        else:
            first[path.stem] = path
    return found


def check_name_clashes(files: list[Path], others: list[Path]) -> list[Message]:
    """Duplicate names among the named files, and between a named file and an unnamed one.

    Within the named files the later file is reported (as in a check of the whole tree); a named
    file whose only twins were not named is reported itself, naming its twin.
    """
    template = schema.messages()["bestand"]["dubbele_slug"]
    named = {same_file(path) for path in files}
    groups: dict[str, list[Path]] = {}
    for path in sorted([p for p in files if p.suffix == ".md"] + others, key=display_path):
        groups.setdefault(path.stem, []).append(path)
    found = []
    for group in groups.values():
        for index, path in enumerate(group):
            twins_named = any(same_file(p) in named for p in group if p is not path)
            if same_file(path) not in named or len(group) < 2 or (index == 0 and twins_named):
                continue
            other = group[0] if index else group[1]
            text = schema.say(template, waarde=schema.quote(path.name), suggestie=display_path(other))
            found.append(Message(display_path(path), 1, "bestand", text))
    return found
