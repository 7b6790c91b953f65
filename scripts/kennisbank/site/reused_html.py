"""Theme HTML that comes out the same on many pages, rendered once per build.

Material renders the site navigation (sixteen entries, each through several macros) on every page:
about a tenth of the MkDocs run. For a page that is not in the navigation itself, that HTML depends
only on the page's folder (its links are relative and none of its entries is the current page), so
overrides/base.html asks `kb_reuse` for it under that key and a build renders it once per folder.
A plain `mkdocs build` has no `kb_reuse`; the template then renders it on every page, the same HTML.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # MkDocs and Jinja load only when the build runs MkDocs (kennisbank check does not)
    import jinja2
    from markupsafe import Markup
    from mkdocs.config.defaults import MkDocsConfig


class ReusedHtml:
    """HTML by key, for one build: the first page renders it, the others get the same string."""

    def __init__(self) -> None:
        self.kept: dict[str, Markup] = {}
        self.reused = 0  # for tests

    def __call__(self, key: str, caller: Callable[[], Markup]) -> Markup:
        if key in self.kept:
            self.reused += 1
        else:
            self.kept[key] = caller()
        return self.kept[key]


def reuse_html(config: MkDocsConfig) -> None:
    """Give the theme's Jinja environment of each build a `kb_reuse` of its own (MkDocs' Theme.get_env, a public method)."""
    theme = config.theme
    make_environment = theme.get_env

    def environment() -> jinja2.Environment:
        made = make_environment()
        made.globals["kb_reuse"] = ReusedHtml()
        return made

    theme.get_env = environment  # type: ignore[method-assign]
