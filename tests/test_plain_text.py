"""The Markdown extension that lets inline Markdown pass by plain text: pages come out exactly the same."""
from __future__ import annotations

import random
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from kennisbank.pages import plain_text
from kennisbank.pages.plain_text import plain
from markdown import util
from test_submitted_text import assert_generated_pages_render_the_same, with_and_without

EXTENSION = "kennisbank.pages.plain_text"
# The inline patterns this extension was checked against. A new extension in mkdocs.yml that adds
# one must be looked at (can plain text start it?) before it joins this list.
KNOWN_PATTERNS = {"backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
                  "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong"}


def converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """(with the extension, without it), both otherwise configured as mkdocs.yml says."""
    return with_and_without(EXTENSION)


def test_every_generated_page_renders_the_same_with_and_without_the_extension(fixture_site: Path, fixture_project: Path) -> None:
    assert_generated_pages_render_the_same(fixture_project, *converters())


def test_the_inline_patterns_are_the_ones_it_was_checked_against() -> None:
    marked, _ = converters()
    assert set(marked.inlinePatterns._data) == KNOWN_PATTERNS


def test_no_inline_pattern_matches_plain_text() -> None:
    marked, _ = converters()
    # Plain characters often, every character any pattern starts with now and then: plain() decides.
    alphabet = "aZé9ĳ .,;:?!'\"()/%+=#@$€·•–—‘’“”-\n  " * 4 + "\\`*_[]<>&{}\x02\x03"
    chance = random.Random(20261202)
    tried = 0
    for _ in range(6000):
        text = "".join(chance.choice(alphabet) for _ in range(chance.randint(1, 40)))
        if not plain(text):
            continue
        tried += 1
        for name in KNOWN_PATTERNS:
            assert marked.inlinePatterns[name].compiled_re.search(text) is None, (name, text)
    assert tried > 1000


@pytest.mark.parametrize("text", [
    "*nadruk*", "_nadruk_", "[link](x.md)", "`code`", "a\\b", "<b>", "&amp;", "regel  \neinde",
    "tekst { .kb-lead }", "\x02wzxhzdk:0\x03",
])
def test_text_with_markup_is_not_plain(text: str) -> None:
    assert not plain(text)


def test_plain_text_becomes_atomic_and_other_text_does_not() -> None:
    marked, _ = converters()
    assert marked.convert("Gemeente Súdwest-Fryslân: 12% (2024)!\n\nDit is *vet* en [een link](x.md).") == (
        "<p>Gemeente Súdwest-Fryslân: 12% (2024)!</p>\n"
        "<p>Dit is <em>vet</em> en <a href=\"x.md\">een link</a>.</p>")
    root = etree.Element("div")
    first, second = etree.SubElement(root, "p"), etree.SubElement(root, "p")
    first.text, first.tail, second.text = "Gewone tekst.", "\n", "Met *nadruk*."
    plain_text.MarkPlainText(marked).run(root)
    assert isinstance(first.text, util.AtomicString) and isinstance(first.tail, util.AtomicString)
    assert not isinstance(second.text, util.AtomicString)
