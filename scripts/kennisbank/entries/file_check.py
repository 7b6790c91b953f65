"""One file's check: reading it safely (no link, a regular file, UTF-8, bounded YAML) and collecting
its messages with the line of each field. Every kind's check starts here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kennisbank.entries import places, schema
from kennisbank.entries.frontmatter import FrontMatter, FrontMatterError, parse
from kennisbank.entries.model import Message
from kennisbank.entries.reading import NotRegular, read_regular

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A slug names files of its own (initiatieven/<slug>.html, bijeenkomsten/<slug>.ics, ...): far below
# the 255 bytes a file system allows for a name, and above the 60 letters that names made from a title get.
MAX_SLUG = 100


@dataclass
class Findings:
    """All messages of a check and how many files were read (initiatives and meetings alike)."""

    messages: list[Message] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == "fout"]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == "waarschuwing"]

    def add(self, other: Findings) -> None:
        """Take over another check's messages and file count (meetings beside initiatives), in path order."""
        self.messages = sorted(self.messages + other.messages, key=lambda m: (m.path, m.line))
        self.files += other.files


class FileCheck:
    """Collects the messages of one file and knows the lines of its fields."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.messages: list[Message] = []
        self.matter = FrontMatter()

    def line_of(self, field_name: str, index: int | None = None, key: str | None = None) -> int:
        if index is not None:
            keyed = self.matter.item_key_lines.get(field_name, [])
            if key is not None and index < len(keyed) and key in keyed[index]:
                return keyed[index][key]
            items = self.matter.item_lines.get(field_name, [])
            if index < len(items):
                return items[index]
        return self.matter.key_lines.get(field_name, 1)

    def error(self, field_name: str, text: str, index: int | None = None, line: int | None = None, key: str | None = None) -> None:
        self.messages.append(Message(self.path, line or self.line_of(field_name, index, key), field_name, text))

    def warning(self, field_name: str, text: str, index: int | None = None) -> None:
        self.messages.append(Message(self.path, self.line_of(field_name, index), field_name, text, "waarschuwing"))

    @property
    def failed(self) -> bool:
        return any(m.level == "fout" for m in self.messages)


def check_file_name(check: FileCheck, path: Path) -> None:
    texts = schema.messages()["bestand"]
    if path.suffix != ".md":
        check.error("bestand", schema.say(texts["extensie"], waarde=schema.quote(path.name)))
    elif not SLUG.fullmatch(path.stem):
        better = places.slugify(path.stem)[:MAX_SLUG].strip("-") or "mijn-initiatief"
        check.error("bestand", schema.say(texts["naam"], waarde=schema.quote(path.name), suggestie=f"'{better}.md'"))
    elif len(path.stem) > MAX_SLUG:
        better = path.stem[:MAX_SLUG].strip("-")
        check.error("bestand", schema.say(texts["naam_lengte"], waarde=schema.quote(path.name), max=MAX_SLUG, lengte=len(path.stem), suggestie=f"'{better}.md'"))


def read_matter(check: FileCheck, path: Path) -> bool:
    """Read and parse an entry file (an initiative or a meeting) into check.matter; False, with
    the message said, for a link, a wrong name, no regular file, an unreadable file or bad YAML."""
    if path.is_symlink():
        check.error("bestand", schema.messages()["bestand"]["koppeling"])
        return False
    check_file_name(check, path)
    if path.suffix != ".md":
        return False
    try:
        check.matter = parse(read_regular(path))
    except NotRegular:
        check.error("bestand", schema.say(schema.messages()["bestand"]["geen_bestand"], waarde=schema.quote(path.name)))
        return False
    except OSError as error:
        check.error("bestand", schema.say(schema.messages()["bestand"]["onleesbaar"], waarde=error.strerror or type(error).__name__))
        return False
    except FrontMatterError as problem:
        check.error(problem.field_name, problem.text, line=problem.line)
        return False
    return True
