"""The Markdown extension for submitted bodies: raw HTML shown as text, safe links, no images, headings below h1."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import REPO
from kennisbank.pages.submitted_text import marker


def mkdocs_extensions() -> tuple[list[str], dict[str, dict]]:
    """The Markdown extensions exactly as mkdocs.yml configures them."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names: list[str] = []
    configs: dict[str, dict] = {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


def with_and_without(extension: str) -> tuple[markdown.Markdown, markdown.Markdown]:
    """Converters with the extension and without it, both otherwise configured as mkdocs.yml says."""
    names, configs = mkdocs_extensions()
    assert extension in names, f"mkdocs.yml should use {extension}"
    without = [name for name in names if name != extension]
    return (markdown.Markdown(extensions=names, extension_configs=configs),
            markdown.Markdown(extensions=without, extension_configs={k: v for k, v in configs.items() if k != extension}))


def assert_generated_pages_render_the_same(project: Path, first: markdown.Markdown, second: markdown.Markdown) -> None:
    """Every page the build generated (build/docs), front matter left out, converts the same with both."""
    pages = sorted((project / "build" / "docs").rglob("*.md"))
    assert len(pages) > 50
    for path in pages:
        text = path.read_text(encoding="utf-8")
        text = text.split("---\n", 2)[2] if text.startswith("---\n") else text
        assert first.reset().convert(text) == second.reset().convert(text), path


def page(body: str, before: str = "# Titel\n\nInleiding.\n", after: str = "\n## Vergelijkbaar\n\nNa de tekst.\n") -> tuple[str, list]:
    """A page as the generator writes it around a submitted body; returns (HTML, table of contents)."""
    names, configs = mkdocs_extensions()
    converter = markdown.Markdown(extensions=names, extension_configs=configs)
    lines = body.replace("\r\n", "\n").split("\n")
    html = converter.convert(f"{before}\n{marker(len(lines))}\n{body}\n{after}")
    return html, converter.toc_tokens  # type: ignore[attr-defined]


def text_of(html: str) -> str:
    """What a reader sees: tags dropped, entities decoded."""
    import html as htmllib

    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize("tag", ["script", "style", "title", "textarea", "plaintext", "xmp", "noscript", "iframe"])
def test_raw_html_is_shown_as_text_and_nothing_is_lost(tag: str) -> None:
    body = f"Wij schreven een <{tag}> voor het toneel.\n\n## Resultaten\n\nHet publiek lachte </{tag}> hard."
    html, _ = page(body)
    assert f"<{tag}" not in html
    seen = text_of(html)
    assert f"Wij schreven een <{tag}> voor het toneel." in seen
    assert "Resultaten" in seen and f"Het publiek lachte </{tag}> hard." in seen
    assert "Na de tekst." in seen


def test_body_headings_get_ids_and_reach_the_table_of_contents() -> None:
    html, toc = page("## Aanpak\n\nZo.\n\n# Resultaten\n\nDit.\n\nLessen\n======\n")
    assert '<h2 id="aanpak">Aanpak</h2>' in html
    # A '# heading' in the body is demoted: the page title is the only h1.
    assert '<h2 id="resultaten">Resultaten</h2>' in html and '<h2 id="lessen">Lessen</h2>' in html
    assert html.count("<h1") == 1
    children = [entry["name"] for entry in toc[0]["children"]]
    assert children == ["Aanpak", "Resultaten", "Lessen", "Vergelijkbaar"]


def test_fenced_code_keeps_its_text() -> None:
    html, _ = page("```\nif a < b: print('<b>')\n```\n\nEn `<code>` inline.")
    assert "<pre><code>if a &lt; b: print('&lt;b&gt;')" in html.replace("&#39;", "'")
    assert "<code>&lt;code&gt;</code>" in html


def test_links_keep_safe_targets_and_drop_others_with_their_text() -> None:
    body = (
        "[a](javascript:alert(1)) [b](data:text/html,x) [c](vbscript:x) [d](//evil.example/x) "
        "[e](https://ok.nl) [f](mailto:info@ok.nl) [g](../zeeland/andere-slug.md#kop) [h](#aanpak) "
        "[i](rapport.pdf) <https://auto.nl/pad> <javascript:alert(2)>"
    )
    html, _ = page(body)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["https://ok.nl", "mailto:info@ok.nl", "andere-slug.md#kop", "#aanpak", "https://auto.nl/pad"]
    seen = text_of(html)
    for word in "abcdefghi":
        assert f"{word}" in seen
    assert 'rel="nofollow noopener"' in html
    assert "<javascript:alert(2)>" in seen


def test_images_are_refused_but_their_text_stays() -> None:
    html, _ = page("Kijk ![een foto van de tuin](https://tracker.example/p.png) hier.")
    assert "<img" not in html
    assert "Kijk een foto van de tuin hier." in text_of(html)


def attributes_of(html: str) -> list[tuple[str, str]]:
    """(attribute, value) of every start tag of the HTML."""
    return [found for tag in re.findall(r"<[a-z][^>]*>", html) for found in re.findall(r'\s([\w-]+)="([^"]*)"', tag)]


def test_attribute_lists_cannot_add_handlers_or_styles() -> None:
    html, _ = page("Tekst\n{: onclick=\"alert(1)\" style=\"position:fixed\" }\n\n## Kop { onmouseover=x }")
    attributes = attributes_of(html)
    assert {name for name, _ in attributes} <= {"id", "href", "rel", "title"}, attributes
    # Shown as text, as raw HTML is: nothing the submitter typed disappears.
    seen = text_of(html)
    assert '{: onclick="alert(1)" style="position:fixed" }' in seen and "Kop { onmouseover=x }" in seen


def test_a_marker_typed_in_a_body_is_text() -> None:
    html, _ = page(f"Eerst.\n\n{marker(1)}\n<b>vet</b>")
    assert "<b>" not in html
    assert "<!-- kb:ingezonden-tekst 1 -->" in text_of(html)


def test_trusted_html_around_the_body_still_renders() -> None:
    html, _ = page("Tekst.", after='\n<div class="kb-cards" markdown>\n\n- [x](x.md)\n\n</div>\n')
    assert '<div class="kb-cards">' in html and '<a href="x.md">x</a>' in html
