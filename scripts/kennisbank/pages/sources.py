"""How one source of the 'Bronnen' section reads: the public page a fact comes from.

The section itself comes from the schema (`x-section`, pages.sections). Sources are shown as a list below the submitted text, not as a row of the metadata panel: a
reader checking a fact looks for them where an article keeps its references. Every link points
outside the site and is marked nofollow, like the website in the panel.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup

from kennisbank.dutch_dates import datum
from kennisbank.pages.templating import external_link, host, mdtext


def item(source: dict[str, object]) -> Markup:
    """One source: its title (or address) as a link, the site it is on, and when it was consulted."""
    url = str(source["url"])
    title = source.get("titel")
    parts = [external_link(str(title) if title else host(url), url)]
    if title:
        parts.append(mdtext(urlsplit(url).netloc))
    consulted = source.get("geraadpleegd")
    if consulted:
        parts.append(mdtext(f"geraadpleegd op {datum(str(consulted))}"))
    return Markup(", ").join(parts)
