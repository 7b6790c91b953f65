"""The site's configuration as a plain value: what every output needs to know about where it is published.

It is read from mkdocs.yml by the top floor (site/config.py) and passed down; the floors below take
it as an argument and never read the file themselves.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteConfig:
    site_name: str
    site_url: str  # with a trailing slash
    repo_url: str  # without a trailing slash
    branch: str
    docs_dir: Path  # where the generated Markdown goes
    site_dir: Path
    editors: str = "De redactie"  # who runs the kennisbank (mkdocs.yml extra.redactie.naam)
    editors_address: str = ""  # how to reach them: a web or e-mail address (extra.redactie.adres)

    def editors_href(self) -> str:
        """The editors' address as a link target: an e-mail address becomes mailto:."""
        address = self.editors_address or f"{self.repo_url}/issues"
        return address if "://" in address else f"mailto:{address}"

    def edit_url(self, source: str) -> str:
        """The hosting site's edit page for a file in the repository (source is repo-relative)."""
        return f"{self.repo_url}/edit/{self.branch}/{source}"

    def new_file_url(self) -> str:
        """The hosting site's create-file page for the initiatives folder."""
        return f"{self.repo_url}/new/{self.branch}/initiatives"
