"""The section 'Delen' on the pages of initiatives and meetings: a mail link and the page's own address.

Both are made at build time from the published address (urls.absolute on the site_url of
mkdocs.yml), so they work without JavaScript and from the offline copy too: the address shown is the
one to share, not the file on disk. The small script assets/delen.js adds a button "Kopieer link"
(the Clipboard API where the browser has it, otherwise it selects the address in a text field).
No third-party script, nothing is sent anywhere.
"""
from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from kennisbank import PACKAGE_DIR, urls
from kennisbank.entries.collection import Collection
from kennisbank.pages.templating import link_target, mdtext
from kennisbank.site_config import SiteConfig

SCRIPT = "assets/delen.js"
SCRIPT_SOURCE = PACKAGE_DIR / "assets" / "delen.js"


def links(title: str, here: str, config: SiteConfig) -> Markup:
    """The section 'Delen' in Markdown: a mail link and the page's published address, as a link."""
    address = urls.absolute(config.site_url, here)
    # Both are percent-encoded addresses: nothing in them means anything to Markdown or HTML.
    mail = urls.share_mail(title, address)
    target = link_target(address)
    return Markup(
        "## Delen { .kb-deel-kop }\n\n"
        f"[Mail]({mail}){{ .kb-deel__mail }} · [{mdtext(address)}]({target}){{ .kb-deel__adres }}\n{{ .kb-deel }}"
    )


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:  # one signature for every writer: this one needs nothing of it
    """The script of the share links."""
    yield SCRIPT, SCRIPT_SOURCE.read_bytes()
