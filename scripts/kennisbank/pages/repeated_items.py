"""A Python-Markdown extension that parses each item of the generated lists once, however often it shows.

The generated pages repeat the same list items many times: an initiative's card shows on the pages
of similar and nearby initiatives, of its municipality, province and themes (about 11,000 cards on
the pages of 1,000 initiatives), and the live preview renders the whole Lessen page again when one
lesson changes. Python-Markdown would parse every copy again.

The generator marks such lists with the wrappers it writes itself (`<div class="kb-cards" markdown>`,
configured below). Inside a wrapper, each top-level item (its line and the indented lines after it)
is parsed once, on its own, up to and including inline Markdown; a copy of that part of the tree
takes the item's place in every page that has the same text. Everything after inline Markdown
(attribute lists, the table of contents, MkDocs' link checks and rewriting) still runs on the whole
page, so a page comes out exactly as if the item had been parsed in place (a test compares every
page of a built site both ways).

An item must not depend on the rest of its page (reference-style links, say); the generated ones
do not (mdtext escapes '['), and the test would show it. Submitted bodies cannot open a wrapper: submitted_text runs first and neutralises their '<'.
The generated Markdown stays plain Markdown; without this extension it renders the same.
"""
from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as etree
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

DEFAULT_WRAPPERS = ("kb-cards", "kb-lessen")
# Enough for every distinct card and lesson item of a large site; the oldest go first.
MAX_KEPT = 60_000
PLACEHOLDER = re.compile("^\x02kb-item (\\d+)\x03$")
_BEFORE, _AFTER = util.HTML_PLACEHOLDER.split("%s")
STASHED = re.compile(f"{re.escape(_BEFORE)}(\\d+){re.escape(_AFTER)}")


class ParsedItem:
    """An item parsed on its own: its `li` up to inline Markdown, and the raw HTML it stashed."""

    __slots__ = ("item", "stashed")

    def __init__(self, item: etree.Element, stashed: list[str]) -> None:
        self.item = item
        self.stashed = stashed


class ItemCache:
    """Parsed items by their exact Markdown text, shared by every page of a build and the preview."""

    def __init__(self, max_kept: int = MAX_KEPT) -> None:
        self.max_kept = max_kept
        self.kept: OrderedDict[str, ParsedItem | None] = OrderedDict()
        self.parser: Markdown | None = None
        self.parsed = 0  # items parsed, for tests and the benchmark
        self.reused = 0

    def get(self, source: str) -> ParsedItem | None:
        """The item parsed, or None if its text is not one list item on its own (then it stays in place)."""
        if source in self.kept:
            self.kept.move_to_end(source)
            self.reused += 1
            return self.kept[source]
        found = self.parse(source)
        self.kept[source] = found
        if len(self.kept) > self.max_kept:
            self.kept.popitem(last=False)
        return found

    def parse(self, source: str) -> ParsedItem | None:
        """Parse one item as a list of its own, with Python-Markdown's own steps up to inline Markdown."""
        if self.parser is None:
            self.parser = Markdown()
        parser = self.parser.reset()
        lines = source.split("\n")
        for preprocessor in parser.preprocessors:
            lines = preprocessor.run(lines)
        root = parser.parser.parseDocument(lines).getroot()
        inline = parser.treeprocessors["inline"]
        root = inline.run(root) or root
        items = [child for child in root if child.tag in ("ul", "ol")]
        self.parsed += 1
        if len(root) != 1 or len(items) != 1 or len(items[0]) != 1:
            return None
        return ParsedItem(items[0][0], list(parser.htmlStash.rawHtmlBlocks))

    def clear(self) -> None:
        self.kept.clear()
        self.parsed = self.reused = 0


CACHE = ItemCache()


class CollectItems(Preprocessor):
    """Inside a marked wrapper, put a one-line placeholder item where each item was."""

    def __init__(self, md: Markdown, wrappers: tuple[str, ...], found: list[ParsedItem]) -> None:
        super().__init__(md)
        classes = "|".join(re.escape(name) for name in wrappers)
        self.opening = re.compile(f'^<div class="(?:{classes})"[^>]*\\bmarkdown\\b[^>]*>\\s*$')
        self.found = found

    def run(self, lines: list[str]) -> list[str]:
        self.found.clear()
        result: list[str] = []
        position, inside = 0, False
        while position < len(lines):
            line = lines[position]
            if not inside:
                inside = self.opening.match(line) is not None
            elif line.startswith("</div>"):
                inside = False
            elif line.startswith("- "):
                end = self.item_end(lines, position)
                parsed = CACHE.get("\n".join(lines[position:end]))
                if parsed is not None:
                    self.found.append(parsed)
                    result.append(f"- \x02kb-item {len(self.found) - 1}\x03")
                    position = end
                    continue
            result.append(line)
            position += 1
        return result

    @staticmethod
    def item_end(lines: list[str], start: int) -> int:
        """The line after an item: its indented lines belong to it, blank lines only between them."""
        end = position = start + 1
        while position < len(lines) and (not lines[position].strip() or lines[position].startswith(" ")):
            position += 1
            if lines[position - 1].strip():
                end = position
        return end


def placeholders(root: etree.Element) -> Iterator[tuple[etree.Element, int, etree.Element, int]]:
    """(list, position in it, element holding the text, item number) of each placeholder item."""
    for parent in [element for element in root.iter() if element.tag in ("ul", "ol")]:
        for position, item in enumerate(parent):
            holder = item[0] if len(item) == 1 and item[0].tag == "p" and not (item.text or "").strip() else item
            if len(holder) or item.tag != "li":
                continue
            found = PLACEHOLDER.match((holder.text or "").strip())
            if found:
                yield parent, position, holder, int(found.group(1))


class ItemStep(Treeprocessor):
    """A tree step of this extension: it sees the items its page's CollectItems found."""

    def __init__(self, md: Markdown, found: list[ParsedItem]) -> None:
        super().__init__(md)
        self.found = found


class MarkPlaceholders(ItemStep):
    """Make each placeholder's text atomic, so that inline Markdown passes it by.

    Its item was parsed up to inline Markdown already; running the inline patterns over thousands of
    placeholders (the Lessen page has 3,000 at 1,000 initiatives) cost about a quarter of that page.
    """

    def run(self, root: etree.Element) -> None:
        if self.found:
            for _, _, holder, _ in placeholders(root):
                holder.text = util.AtomicString(holder.text or "")


class PlaceItems(ItemStep):
    """Put a copy of each parsed item where its placeholder item is, right after inline Markdown."""

    def run(self, root: etree.Element) -> None:
        if self.found:
            for parent, position, _, number in placeholders(root):
                parent[position] = self.copy(self.found[number], parent[position].tail)

    def copy(self, parsed: ParsedItem, tail: str | None) -> etree.Element:
        item = copy.deepcopy(parsed.item)
        item.tail = tail
        if parsed.stashed:
            # The item's raw HTML (entities such as &amp;) was stashed by its own parser: stash it
            # again in this page's parser and renumber the placeholders.
            placeholders = [self.md.htmlStash.store(html) for html in parsed.stashed]

            def renumber(text: str) -> str:
                return STASHED.sub(lambda m: placeholders[int(m.group(1))], text)

            for element in item.iter():
                if element.text and "\x02" in element.text:
                    element.text = type(element.text)(renumber(element.text))
                if element.tail and "\x02" in element.tail:
                    element.tail = type(element.tail)(renumber(element.tail))
        return item


class RepeatedItemsExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"wrappers": [list(DEFAULT_WRAPPERS), "Classes of the wrappers whose list items repeat"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        found: list[ParsedItem] = []
        # After submitted_text (29), before fenced code (25 is taken) and raw HTML (20).
        md.preprocessors.register(CollectItems(md, tuple(self.getConfig("wrappers")), found), "kb_repeated_items", 24)
        # Right before inline Markdown (20), after the block parser's own steps.
        md.treeprocessors.register(MarkPlaceholders(md, found), "kb_mark_placeholders", 21)
        # Right after inline Markdown (20), before prettify (10) and attr_list (8).
        md.treeprocessors.register(PlaceItems(md, found), "kb_place_items", 19)


def makeExtension(**kwargs: Any) -> RepeatedItemsExtension:  # noqa: N802 (Python-Markdown's name)
    return RepeatedItemsExtension(**kwargs)
