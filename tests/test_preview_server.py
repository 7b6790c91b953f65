"""The live preview's server keeps the theme's compiled templates from one rebuild to the next."""
from __future__ import annotations

from pathlib import Path

import jinja2
from conftest import REPO
from kennisbank.site.preview_server import CompiledTemplates, keep_compiled_templates
from mkdocs.config import load_config


class CountingEnvironment(jinja2.Environment):
    compiled = 0

    def compile(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        CountingEnvironment.compiled += 1
        return super().compile(*args, **kwargs)


def render(folder: Path, cache: CompiledTemplates) -> str:
    """A new environment, as every MkDocs build makes one, rendering page.html."""
    environment = CountingEnvironment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache)
    return environment.get_template("page.html").render(title="Kennisbank")


def test_a_template_is_compiled_once_and_again_when_it_changes(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    cache = CompiledTemplates()
    CountingEnvironment.compiled = 0
    assert render(tmp_path, cache) == "<h1>Kennisbank</h1>"
    assert render(tmp_path, cache) == "<h1>Kennisbank</h1>"
    assert CountingEnvironment.compiled == 1
    (tmp_path / "page.html").write_text("<h2>{{ title }}</h2>", encoding="utf-8")
    assert render(tmp_path, cache) == "<h2>Kennisbank</h2>"
    assert CountingEnvironment.compiled == 2


class CountingCache(CompiledTemplates):
    found = 0

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        super().load_bytecode(bucket)
        self.found += bucket.code is not None


def test_each_build_environment_of_the_theme_uses_the_kept_templates(tmp_path: Path) -> None:
    cache = CountingCache()
    kept = []
    for _ in range(2):
        # The project's configuration; build/docs need not exist yet (a clean checkout).
        config = load_config(str(REPO / "mkdocs.yml"), docs_dir=str(tmp_path), strict=False)
        keep_compiled_templates(config, cache)
        environment = config.theme.get_env()
        assert environment.bytecode_cache is cache
        environment.get_template("main.html")  # overrides/main.html (its parent loads when it renders)
        kept.append(len(cache.kept))
    # The second build's environment compiled nothing: it found the template kept.
    assert kept == [1, 1] and cache.found == 1
