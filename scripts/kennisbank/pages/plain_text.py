"""A Python-Markdown extension that lets inline Markdown pass by text with no markup in it.

Python-Markdown tries each of its inline patterns (links, emphasis, code, entities, raw HTML and
more: about twenty regular expressions) on every piece of text in a page. Most text of the generated
pages holds none of the characters those patterns start with: the labels of the metadata panel,
headings, leads, summaries, most sentences of a body. Such text is marked atomic, as Python-Markdown
itself marks code, so inline Markdown leaves it as it is; that is about a third of the inline step of
an initiative page.

Text counts as plain only if it consists of letters, digits and the punctuation in PLAIN, and has no
hard line break (two spaces before a newline). No inline pattern of the extensions in mkdocs.yml can
match such text (tests/test_plain_text.py tries the patterns and compares every generated page with
and without this extension), so the HTML is the same; only the time differs.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# Letters and digits (not '_', which emphasises), spaces, newlines and punctuation no inline pattern
# starts with. Left out on purpose: \ ` * _ [ ] < & { } and the placeholders' control characters.
PLAIN = re.compile(r"(?:[^\W_]|[ \n.,;:?!'\"()/%+=#@$€·•–—‘’“”-])*")
HARD_BREAK = "  \n"


def plain(text: str) -> bool:
    """True when no inline Markdown can change the text."""
    return PLAIN.fullmatch(text) is not None and HARD_BREAK not in text


class MarkPlainText(Treeprocessor):
    """Make every plain text and tail atomic, right before inline Markdown."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            text, tail = element.text, element.tail
            if text and not isinstance(text, util.AtomicString) and plain(text):
                element.text = util.AtomicString(text)
            if tail and not isinstance(tail, util.AtomicString) and plain(tail):
                element.tail = util.AtomicString(tail)


class PlainTextExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After the block parser's steps and repeated_items' placeholders (21), right before inline (20).
        md.treeprocessors.register(MarkPlainText(md), "kb_plain_text", 20.5)


def makeExtension(**kwargs: Any) -> PlainTextExtension:  # noqa: N802 (Python-Markdown's name)
    return PlainTextExtension(**kwargs)
