"""The theme's Jinja environment of each build, adjusted: HTML reused across pages, compiled templates kept.

MkDocs makes a new environment for every build (Theme.get_env, a public method); `each_environment`
adjusts each one. Two adjustments use it: `reuse_html` here, and the live preview's compiled
templates (site.preview_server.keep_compiled_templates).

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


def each_environment(config: MkDocsConfig, adjust: Callable[[jinja2.Environment], None]) -> None:
    """Have `adjust` change the theme's Jinja environment of every build made with this config."""
    theme = config.theme
    make_environment = theme.get_env

    def environment() -> jinja2.Environment:
        made = make_environment()
        adjust(made)
        return made

    theme.get_env = environment  # type: ignore[method-assign]


def reuse_html(config: MkDocsConfig) -> None:
    """Give the theme's Jinja environment of each build a `kb_reuse` of its own."""

    def offer(environment: jinja2.Environment) -> None:
        environment.globals["kb_reuse"] = ReusedHtml()

    each_environment(config, offer)
