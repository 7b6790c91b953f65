"""Generated Markdown, compared with reviewed golden files (KENNISBANK_UPDATE_GOLDEN=1 rewrites them)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from golden import assert_golden
from kennisbank import urls
from kennisbank.entries import meetings as meeting_files
from kennisbank.entries.validate import check_paths
from kennisbank.pages.listing import all_pages
from kennisbank.pages.templating import mdtext
from kennisbank.site import config as siteconfig

GOLDEN = Path(__file__).resolve().parent / "golden" / "pages"
TODAY = dt.date(2026, 11, 28)
PAGES = (
    "index.md", "initiatieven/buurtmoestuin-delfshaven.md", "initiatieven/zorgcooperatie-zeeland.md",
    "initiatieven/kwaadaardig-initiatief.md", "themas/index.md", "themas/voedsel.md", "gemeenten/vlissingen.md",
    "provincies/zeeland.md", "provincies/index.md", "landelijk.md",
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    result = check_paths([FIXTURES / "site" / "initiatives"])
    assert result.errors == []
    # Sources as the build sees them: relative to the project root.
    initiatives = [replace(i, source=i.source.split("site/", 1)[1]) for i in result.initiatives]
    found = meeting_files.check_meetings([FIXTURES / "site" / "bijeenkomsten"], {i.slug for i in initiatives})
    assert found.errors == []
    config = replace(siteconfig.load(REPO / "mkdocs.yml"), docs_dir=tmp_path_factory.mktemp("docs"))
    return dict(all_pages(initiatives, config, TODAY, found.meetings))


@pytest.mark.parametrize("page", PAGES)
def test_generated_page_matches_golden(generated: dict[str, str], page: str) -> None:
    assert_golden(generated[page], GOLDEN / page)


def test_every_theme_and_province_gets_a_page(generated: dict[str, str]) -> None:
    assert sum(p.startswith("themas/") for p in generated) == 15 + 1
    assert sum(p.startswith("provincies/") for p in generated) == 12 + 1


@pytest.mark.parametrize(
    ("here", "target", "expected"),
    [
        ("index.md", "themas/wonen.md", "themas/wonen.md"),
        ("themas/wonen.md", "initiatieven/x.md", "../initiatieven/x.md"),
        ("initiatieven/x.md", "initiatieven/y.md", "y.md"),
        ("gemeenten/a.md", "landelijk.md", "../landelijk.md"),
    ],
)
def test_markdown_links_point_at_the_source_page(here: str, target: str, expected: str) -> None:
    """MkDocs resolves (and validates) links to .md files; it publishes them as .html."""
    assert urls.link(here, target) == expected
    assert urls.html_link(here, target) == expected.removesuffix(".md") + ".html"


def test_mdtext_escapes_html_and_markdown() -> None:
    assert str(mdtext("<b>[x](javascript:y)</b> *z*")) == r"&lt;b&gt;\[x\](javascript:y)&lt;/b&gt; \*z\*"


TRICKY = [
    "1. eerste", "- lijst", "+ plus", ": definitie", "C# en F#", "a { onclick=x }", "10.5 procent", "2024.",
    "<b>[x](javascript:y)</b> *z* _u_ `c` |p| ~s~", "&#39; &amp; & < >", "![beeld](x.png)", "\\ backslash \\*",
    "# kop", "> citaat", "Zuid-Holland (ZH)", "*", "_", "[", "{: .x }", "!!! note", "a  b",
]


@pytest.mark.parametrize("text", TRICKY)
def test_mdtext_shows_the_text_exactly_in_every_place_it_is_used(text: str) -> None:
    """Title, panel value, card line and link text: the reader sees exactly what was typed."""
    import html
    import re

    import markdown

    converter = markdown.Markdown(extensions=["attr_list", "def_list", "md_in_html", "tables", "admonition", "toc"])
    value = mdtext(text)
    source = f"# {value}\n\nTerm\n:   {value}\n\n-   [{value}](x.md)\n\n    {value}\n    {{ .kb-card__summary }}\n"
    out = converter.convert(source)
    seen = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", part)).split())
            for part in re.findall(r"<(?:h1|dd|a|p)[^>]*>(.*?)</(?:h1|dd|a|p)>", out, re.S)]
    expected = " ".join(text.split())
    assert seen.count(expected) >= 4, (out, seen)
