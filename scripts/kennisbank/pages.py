"""Generated pages as (path, Markdown) pairs: one per initiative, theme, municipality, province.

Front-matter values from strangers only ever reach HTML through Jinja's autoescape, and the
page title in Markdown through `mdtext`, which escapes HTML and Markdown syntax alike.
"""
from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from kennisbank import PACKAGE_DIR, body, places, schema
from kennisbank.exports import jsonld, mapsvg
from kennisbank.model import Gemeente, Initiative, Provincie
from kennisbank.related import related
from kennisbank.siteconfig import SiteConfig
from kennisbank.themes import themas

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
OUTDATED_AFTER = dt.timedelta(days=2 * 365)
NEWEST_ON_HOME = 6
NEARBY_ON_GEMEENTE = 10


def mdtext(text: str) -> Markup:
    """Text safe for a Markdown heading: HTML escaped, then Markdown syntax backslash-escaped."""
    return Markup(MARKDOWN_SPECIALS.sub(r"\\\1", str(escape(text))))


def datum(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def host(value: str) -> str:
    """What a link shows: the host and path of a URL without the scheme, or the e-mail address."""
    if "@" in value and "://" not in value:
        return value
    parts = urlsplit(value)
    return (parts.netloc + parts.path).rstrip("/")


def contact_href(value: str) -> str:
    return value if "://" in value else f"mailto:{value}"


def link(here: str, target: str) -> str:
    """Relative URL from one generated page to another ('a/b.md' -> '../c/d.html')."""
    return _link_from(posixpath.dirname(here), target)


@cache
def _link_from(folder: str, target: str) -> str:
    relative = posixpath.relpath(target, folder or ".")
    return relative[: -len(".md")] + ".html" if relative.endswith(".md") else relative


def page_of(initiative: Initiative) -> str:
    return f"initiatieven/{initiative.slug}.md"


def places_of(initiative: Initiative) -> str:
    if initiative.landelijk:
        return "Landelijk"
    return ", ".join(g.naam_gangbaar for g in initiative.gemeenten)


def label(field_name: str, value: str) -> str:
    return schema.properties()[field_name].get("x-labels", {}).get(value, value)


def looptijd(initiative: Initiative) -> str:
    if initiative.eindjaar:
        return f"{initiative.startjaar}–{initiative.eindjaar}" if initiative.eindjaar != initiative.startjaar else str(initiative.startjaar)
    if initiative.status == "idee":
        return f"idee sinds {initiative.startjaar}"
    return f"sinds {initiative.startjaar}"


# Rendered cards by (slug, folder of the page that shows them); cleared for every build.
_cards: dict[tuple[str, str], Markup] = {}


def card(initiative: Initiative, here: str) -> Markup:
    """One initiative as a list card; the same card appears on many pages, so it is rendered once per folder."""
    key = (initiative.slug, posixpath.dirname(here))
    if key not in _cards:
        href = link(here, page_of(initiative))
        _cards[key] = Markup(environment().get_template("_card.md.j2").render(i=initiative, href=href).rstrip("\n"))
    return _cards[key]


def template_environment(folder: Path) -> jinja2.Environment:
    """Jinja for Markdown pages: autoescape on, undefined names fail, the shared filters and link()."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(mdtext=mdtext, datum=datum, host=host)
    env.globals.update(link=link)
    return env


@cache
def environment() -> jinja2.Environment:
    env = template_environment(PACKAGE_DIR / "templates")
    env.globals.update(
        page_of=page_of, places_of=places_of, card=card, looptijd=looptijd, contact_href=contact_href, province_map=mapsvg.province_map,
        status_label=lambda value: label("status", value), rol_label=lambda value: label("rol_overheid", value),
    )
    return env


def front_matter(title: str, description: str = "", **extra: object) -> Markup:
    """Page metadata; title and description are HTML-escaped because the theme prints them raw.

    Each value is written as JSON, which is valid YAML and much faster to produce than yaml.dump.
    """
    values = {"title": str(escape(title)), **({"description": str(escape(description))} if description else {}), **extra}
    return Markup("\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()))


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def sort_by_title(items: list[Initiative]) -> list[Initiative]:
    return sorted(items, key=lambda i: (places.fold(i.titel), i.slug))


def newest(items: list[Initiative], count: int) -> list[Initiative]:
    return sorted(items, key=lambda i: (i.bijgewerkt, i.slug), reverse=True)[:count]


def initiative_pages(initiatives: list[Initiative], config: SiteConfig, today: dt.date) -> Iterator[tuple[str, str]]:
    similar = related(initiatives)
    for initiative in initiatives:
        here = page_of(initiative)
        edit_url = config.edit_url(initiative.source)
        yield here, render(
            "initiatief.md.j2",
            i=initiative, here=here, edit_url=edit_url, related=similar[initiative.slug],
            body_html=Markup(body.render(initiative.body)),
            outdated=today - initiative.bijgewerkt > OUTDATED_AFTER,
            front_matter=front_matter(initiative.titel, initiative.samenvatting, edit_url=edit_url, kb_type="initiatief",
                                      jsonld=jsonld.for_initiative(initiative, config)),
        )


def theme_pages(initiatives: list[Initiative]) -> Iterator[tuple[str, str]]:
    members = grouped(initiatives, lambda i: (t.slug for t in i.themas))
    for thema in themas():
        here = f"themas/{thema.slug}.md"
        yield here, render("thema.md.j2", thema=thema, here=here, items=sort_by_title(members[thema.slug]),
                           front_matter=front_matter(f"Thema: {thema.label}", thema.beschrijving))
    counts = [(thema, len(members[thema.slug])) for thema in themas()]
    yield "themas/index.md", render("themas.md.j2", here="themas/index.md", counts=counts,
                                    front_matter=front_matter("Thema's", "Initiatieven geordend naar thema."))


def grouped(initiatives: list[Initiative], keys: Callable[[Initiative], Iterable[str]]) -> dict[str, list[Initiative]]:
    """Initiatives by each key they carry (an initiative with two municipalities is in both groups)."""
    members: dict[str, list[Initiative]] = defaultdict(list)
    for initiative in initiatives:
        for key in keys(initiative):
            members[key].append(initiative)
    return members


def by_gemeente(initiatives: list[Initiative]) -> dict[str, list[Initiative]]:
    return grouped(initiatives, lambda i: (g.code for g in i.gemeenten))


def by_provincie(initiatives: list[Initiative]) -> dict[str, list[Initiative]]:
    return grouped(initiatives, lambda i: (p.code for p in i.provincies))


def gemeente_rows(provincie: Provincie, members: dict[str, list[Initiative]]) -> list[tuple[Gemeente, int]]:
    return [(g, len(members[g.code])) for g in places.gemeenten() if g.provincie == provincie]


def gemeente_pages(initiatives: list[Initiative]) -> Iterator[tuple[str, str]]:
    members = by_gemeente(initiatives)
    newest_in_provincie = {code: newest(items, len(items)) for code, items in by_provincie(initiatives).items()}
    for gemeente in places.gemeenten():
        items = members.get(gemeente.code)
        if not items:
            continue
        here = f"gemeenten/{gemeente.slug}.md"
        own = {i.slug for i in items}
        nearby = [i for i in newest_in_provincie[gemeente.provincie.code] if i.slug not in own][:NEARBY_ON_GEMEENTE]
        yield here, render("gemeente.md.j2", gemeente=gemeente, here=here, items=sort_by_title(items), nearby=nearby, kaart=mapsvg.locator(gemeente),
                           front_matter=front_matter(f"Gemeente {gemeente.naam_gangbaar}", f"Maatschappelijke initiatieven in {gemeente.naam_gangbaar}."))
    groups = [(p, gemeente_rows(p, members)) for p in places.provincies()]
    yield "gemeenten/index.md", render("gemeenten.md.j2", here="gemeenten/index.md", groups=groups, total=len(places.gemeenten()),
                                       front_matter=front_matter("Gemeenten", "Alle gemeenten per provincie, met hun initiatieven."))


def provincie_pages(initiatives: list[Initiative]) -> Iterator[tuple[str, str]]:
    members = by_gemeente(initiatives)
    in_provincie = by_provincie(initiatives)
    for provincie in places.provincies():
        here = f"provincies/{provincie.slug}.md"
        rows = gemeente_rows(provincie, members)
        yield here, render("provincie.md.j2", provincie=provincie, here=here, rows=rows, gemeenten_met=[g for g, n in rows if n],
                           items=sort_by_title(in_provincie[provincie.code]),
                           front_matter=front_matter(f"Provincie {provincie.naam}", f"Maatschappelijke initiatieven in {provincie.naam}."))
    national = [i for i in initiatives if i.landelijk]
    counts = [(p, len(in_provincie[p.code])) for p in places.provincies()]
    yield "provincies/index.md", render("provincies.md.j2", here="provincies/index.md", counts=counts, national=len(national),
                                        front_matter=front_matter("Provincies", "Initiatieven per provincie."))
    yield "landelijk.md", render("landelijk.md.j2", here="landelijk.md", items=sort_by_title(national),
                                 front_matter=front_matter("Landelijke initiatieven", "Initiatieven die in heel Nederland lopen."))


def home_page(initiatives: list[Initiative]) -> Iterator[tuple[str, str]]:
    counts = {
        "initiatieven": len(initiatives),
        "gemeenten": len(by_gemeente(initiatives)),
        "provincies": len(by_provincie(initiatives)),
        "themas": len({t.slug for i in initiatives for t in i.themas}),
    }
    yield "index.md", render("home.md.j2", here="index.md", counts=counts, newest=newest(initiatives, NEWEST_ON_HOME),
                             front_matter=front_matter("Home", "Voorbeelden van maatschappelijke initiatieven in Nederland.", hide=["navigation", "toc"]))


def all_pages(initiatives: list[Initiative], config: SiteConfig, today: dt.date) -> Iterator[tuple[str, str]]:
    """Every generated page, in a fixed order."""
    _cards.clear()
    yield from home_page(initiatives)
    yield from initiative_pages(initiatives, config, today)
    yield from theme_pages(initiatives)
    yield from gemeente_pages(initiatives)
    yield from provincie_pages(initiatives)
