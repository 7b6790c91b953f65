"""Turn an initiative's Markdown body into safe HTML.

Bodies come from strangers. They are rendered here with a restricted Markdown (no attribute
lists, no raw HTML passthrough beyond what the sanitiser allows), then cleaned by nh3 (the Ammonia
sanitiser) to an allow-list: no script, no event handlers, no styles, only http(s) and mailto
links, no images (an external image would leave the reader's machine).
"""
from __future__ import annotations

import re
from functools import cache

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
RELATIVE_MD = re.compile(r"^(?:\.\./|\./)*(?:[a-z0-9-]+/)*([a-z0-9-]+)\.md(#[\w-]*)?$")


def initiative_href(href: str) -> str | None:
    """'../wonen/andere-slug.md#x' -> 'andere-slug.html#x' (all initiative pages share a folder)."""
    match = RELATIVE_MD.match(href)
    return f"{match.group(1)}.html{match.group(2) or ''}" if match else None


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "a" and attribute == "href":
        if value.startswith("//"):
            return None  # protocol-relative: would turn a local link into an outside one
        return initiative_href(value) or value
    return value


def demote_h1(html: str) -> str:
    """The page title is the only h1; a '# Kop' in the body becomes an h2."""
    return re.sub(r"<(/?)h1([ >])", r"<\1h2\2", html)


@cache
def converter() -> markdown.Markdown:
    # Building a Markdown instance costs more than converting a typical body: reuse one.
    return markdown.Markdown(extensions=["tables", "sane_lists"])


# A link whose address the sanitiser dropped (javascript: and the like) keeps only its text.
HREFLESS_LINK = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.S)


def render(source: str) -> str:
    """Markdown body -> sanitised HTML."""
    html = demote_h1(converter().reset().convert(source))
    return HREFLESS_LINK.sub(r"\1", clean(html))


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
