"""The navigation rendered once per folder: every page comes out exactly as without it."""
from __future__ import annotations

from pathlib import Path

import jinja2
from kennisbank.site.theme_environment import ReusedHtml, reuse_html
from markupsafe import Markup
from mkdocs.commands.build import build
from mkdocs.config import load_config


def built(project: Path, site_dir: Path, reused: bool) -> list[jinja2.Environment]:
    """Build project's build/docs into site_dir with MkDocs; returns the theme environment it used."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=False)
    if reused:
        reuse_html(config)
    made: list[jinja2.Environment] = []
    make_environment = config.theme.get_env

    def environment() -> jinja2.Environment:
        made.append(make_environment())
        return made[-1]

    config.theme.get_env = environment  # type: ignore[method-assign]
    build(config)
    return made


def test_every_page_is_the_same_with_the_navigation_reused(fixture_site: Path, fixture_project: Path, tmp_path: Path) -> None:
    with_reuse, without = tmp_path / "with", tmp_path / "without"
    environment, = built(fixture_project, with_reuse, reused=True)
    plain_environment, = built(fixture_project, without, reused=False)
    assert "kb_reuse" not in plain_environment.globals
    pages = sorted(path.relative_to(without) for path in without.rglob("*.html"))
    assert len(pages) > 50
    assert pages == sorted(path.relative_to(with_reuse) for path in with_reuse.rglob("*.html"))
    for page in pages:
        assert (with_reuse / page).read_bytes() == (without / page).read_bytes(), page
    # Rendered once per folder of pages outside the navigation, reused on every other such page.
    reuse = environment.globals["kb_reuse"]
    assert {"nav initiatieven", "nav gemeenten", "nav themas", "nav "} <= set(reuse.kept)
    assert reuse.reused > len(pages) / 2


def test_the_first_caller_renders_and_the_others_get_its_html() -> None:
    reuse, calls = ReusedHtml(), []

    def render(text: str) -> Markup:
        calls.append(text)
        return Markup(text)

    assert reuse("a", lambda: render("<nav>a</nav>")) == Markup("<nav>a</nav>")
    assert reuse("a", lambda: render("<nav>anders</nav>")) == Markup("<nav>a</nav>")
    assert reuse("b", lambda: render("<nav>b</nav>")) == Markup("<nav>b</nav>")
    assert calls == ["<nav>a</nav>", "<nav>b</nav>"] and reuse.reused == 1
