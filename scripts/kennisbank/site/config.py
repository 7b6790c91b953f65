"""Reads what the generator needs from mkdocs.yml (repository, branch, the published address) into a SiteConfig."""
from __future__ import annotations

from pathlib import Path

import yaml

from kennisbank.site_config import SiteConfig


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml while ignoring MkDocs' own tags such as !ENV and !relative."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load(path: Path = Path("mkdocs.yml")) -> SiteConfig:
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    edit_uri = str(raw.get("edit_uri", "edit/main/docs/"))
    # edit_uri is "edit/<branch>/docs/": the branch is its second part.
    parts = edit_uri.strip("/").split("/")
    branch = parts[1] if len(parts) > 1 else "main"
    site_url = str(raw.get("site_url", "")).rstrip("/") + "/"
    root = path.parent
    extra = raw.get("extra")
    editors = extra.get("redactie") if isinstance(extra, dict) else None
    if not isinstance(editors, dict):
        editors = {}
    return SiteConfig(
        site_name=str(raw.get("site_name", "Kennisbank")),
        site_url=site_url,
        repo_url=str(raw.get("repo_url", "")).rstrip("/"),
        branch=branch,
        docs_dir=root / str(raw.get("docs_dir", "build/docs")),
        site_dir=root / str(raw.get("site_dir", "site")),
        editors=str(editors.get("naam") or "De redactie"),
        editors_address=str(editors.get("adres") or f"{str(raw.get('repo_url', '')).rstrip('/')}/issues"),
    )
