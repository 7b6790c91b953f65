"""Jinja for generated Markdown pages: the environment, the text filters and page front matter.

Front-matter values from strangers only ever reach a page through Jinja's autoescape and
`mdtext`, which escapes HTML and Markdown syntax alike, so a value is always shown as typed.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from kennisbank import PACKAGE_DIR, urls
from kennisbank.dutch_dates import datum
from kennisbank.site_config import SiteConfig

TEMPLATES = PACKAGE_DIR / "pages" / "templates"
# Characters that mean something anywhere in a line: emphasis, code, links (with '[' and ']' escaped
# no '(' or '!' can start one), attribute lists, the trailing '#' of a heading. A single line
# cannot make a table, so '|' stays as it is.
INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]#])")
# Characters that mean something only at the start of a line: lists, admonitions ('!!!').
LIST_START = re.compile(r"^(\d+)\.(?=\s|$)|^([-+])(?=\s|$)|^(!)")
HTML_SPECIALS = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def mdtext(text: object) -> Markup:
    """One line of text, shown exactly as typed wherever it lands in a Markdown page.

    HTML is escaped and Markdown syntax backslash-escaped, but only where it has a meaning:
    every escape is work for the Markdown parser, and pages repeat these values many times.
    A leading ':' becomes an entity, so that the text never starts a definition.
    """
    escaped = INLINE_SPECIALS.sub(r"\\\1", str(text).translate(HTML_SPECIALS))
    escaped = LIST_START.sub(lambda m: f"{m.group(1)}\\." if m.group(1) else f"\\{m.group(2) or m.group(3)}", escaped)
    if escaped.startswith(":"):
        escaped = "&#58;" + escaped[1:]
    return Markup(escaped)


def host(value: str) -> str:
    """What a link shows: the host and path of a URL without the scheme, or the e-mail address."""
    if "@" in value and "://" not in value:
        return value
    parts = urlsplit(value)
    return (parts.netloc + parts.path).rstrip("/")


# Characters a URL may not hold as typed (RFC 3986; the HTML checker refuses them), percent-encoded.
URL_UNSAFE = {char: f"%{ord(char):02X}" for char in "()[]{}|\\^`"}
LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def link_target(url: str) -> str:
    """A URL as a Markdown link target: the schema allows no spaces, quotes or '<>', the rest is encoded here."""
    return "".join(URL_UNSAFE.get(char, char) for char in LONE_PERCENT.sub("%25", url))


def external_link(text: str, url: str) -> Markup:
    """A Markdown link to an outside address, marked nofollow."""
    return Markup(f'[{mdtext(text)}]({escape(link_target(url))}){{ rel="nofollow noopener" }}')


def template_environment(folder: Path) -> jinja2.Environment:
    """Jinja for Markdown pages: autoescape on, undefined names fail, the shared filters and links."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(mdtext=mdtext, datum=datum, host=host)
    env.globals.update(link=urls.link, html_link=urls.html_link, urls=urls)
    return env


@cache
def environment() -> jinja2.Environment:
    return template_environment(TEMPLATES)


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


class Link(NamedTuple):
    href: str
    label: str  # what the link shows


def editors_link(config: SiteConfig) -> Link:
    """The editors' address (mkdocs.yml extra.redactie) as a link, for the form pages and redactie.md."""
    href = config.editors_href()
    return Link(href, host(href.removeprefix("mailto:")))


def front_matter(title: str, description: str = "", **extra: object) -> Markup:
    """Page metadata; title and description are HTML-escaped because the theme prints them raw.

    Each value is written as JSON, which is valid YAML and much faster to produce than yaml.dump.
    """
    values = {"title": str(escape(title)), **({"description": str(escape(description))} if description else {}), **extra}
    return Markup("\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()))


def freshness(dates: Iterable[dt.date]) -> dict[str, str]:
    """The front-matter key overrides/sitemap.xml prints as the page's lastmod: the newest of these dates.

    None without dates, so such a page keeps MkDocs' own value (the build date).
    """
    newest = max(dates, default=None)
    return {} if newest is None else {"kb_bijgewerkt": newest.isoformat()}
