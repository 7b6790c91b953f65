"""The Markdown extension that parses a repeated card or lesson once: pages come out exactly the same."""
from __future__ import annotations

from pathlib import Path

import markdown
from kennisbank.pages import repeated_items
from kennisbank.pages.repeated_items import CACHE, ItemCache
from kennisbank.pages.submitted_text import marker
from test_submitted_text import assert_generated_pages_render_the_same, with_and_without

EXTENSION = "kennisbank.pages.repeated_items"


def converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """(with the extension, without it), both otherwise configured as mkdocs.yml says."""
    return with_and_without(EXTENSION)


def test_every_generated_page_renders_the_same_with_and_without_the_extension(fixture_site: Path, fixture_project: Path) -> None:
    CACHE.clear()
    assert_generated_pages_render_the_same(fixture_project, *converters())
    # Cards and lessons were found, and a card that shows on several pages was parsed once.
    assert CACHE.parsed > 20 and CACHE.reused > CACHE.parsed


HOSTILE = [
    "Zorg &amp; welzijn &lt;script&gt;alert(1)&lt;/script&gt; \\*niet vet\\* \\{ .kb-rood \\}",
    "&#58;dubbele punt, &amp;amp; en &lt;b&gt;",
    "Tekst met \\[haken\\]\\(javascript:alert(1)\\) en \\`code\\`",
]


def cards_page(texts: list[str]) -> str:
    cards = "\n\n".join(f"-   [{text}](../initiatieven/x.md)\n\n    {text}\n    {{ .kb-card__summary }}" for text in texts)
    lessons = "\n".join(f"- **Tip:** {text} Uit: [{text}](x.md).\n  {{ data-soort=\"tip\" data-rol=\"\" }}" for text in texts)
    return (f"# Titel\n\nVoor &amp; na.\n\n<div class=\"kb-cards\" markdown>\n\n{cards}\n\n</div>\n\n"
            f"<div class=\"kb-lessen\" markdown data-filters=\"soort\">\n## Thema {{ #thema }}\n\n{lessons}\n\n</div>\n\nEinde &amp; klaar.\n")


def test_escaped_text_and_entities_come_out_the_same_in_every_copy() -> None:
    CACHE.clear()
    cached, plain = converters()
    text = cards_page(HOSTILE + HOSTILE[::-1])
    expected = plain.convert(text)
    first, second = cached.reset().convert(text), cached.reset().convert(text)
    assert first == expected and second == expected
    assert "<script" not in first and "&lt;script&gt;" in first
    # The second page parsed nothing again.
    assert CACHE.parsed == 2 * len(HOSTILE)


def test_a_submitted_body_cannot_open_a_wrapper() -> None:
    CACHE.clear()
    cached, plain = converters()
    body = '<div class="kb-cards" markdown>\n\n- een punt\n- nog een\n\n</div>'
    text = f"# Titel\n\n{marker(len(body.splitlines()))}\n{body}\n\nNa.\n"
    assert cached.convert(text) == plain.convert(text)
    assert CACHE.parsed == 0


def test_the_cache_keeps_a_bounded_number_of_items() -> None:
    cache = ItemCache(max_kept=2)
    for text in ("- een", "- twee", "- drie", "- drie"):
        cache.get(text)
    assert list(cache.kept) == ["- twee", "- drie"] and cache.parsed == 3 and cache.reused == 1


def test_an_item_that_is_not_one_list_item_on_its_own_stays_in_place() -> None:
    assert ItemCache().parse("- een\n\n    Los.") is not None
    assert ItemCache().parse("- een\n  ---") is None
    CACHE.clear()
    cached, plain = converters()
    # A line that would end the list in a side parser: the item is parsed in place, as without the extension.
    text = '<div class="kb-cards" markdown>\n\n- een\n  ---\n\n- twee\n\n</div>\n'
    assert cached.convert(text) == plain.convert(text)
    assert CACHE.parsed == 2 and CACHE.reused == 0
    assert repeated_items.makeExtension().getConfig("wrappers") == list(repeated_items.DEFAULT_WRAPPERS)
