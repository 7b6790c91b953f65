"""Generated pages as (path, Markdown) pairs: one per initiative, theme, municipality, province.

Paths and links come from kennisbank.urls; templates and text filters from pages.templating.
Every page is Markdown that MkDocs parses once: the only HTML is a wrapper `<div markdown>` where
Markdown cannot give a list a class, the home page's search form and the locator map.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from urllib.parse import quote

from markupsafe import Markup

from kennisbank import urls
from kennisbank.dutch_dates import datum
from kennisbank.entries import places
from kennisbank.entries.collection import Collection
from kennisbank.entries.meetings import Meeting
from kennisbank.entries.memo import PerEntry, PerPage
from kennisbank.entries.model import Gemeente, Initiative, Provincie, grouped
from kennisbank.entries.themes import themas
from kennisbank.exports import follow, jsonld
from kennisbank.pages.kind_links import NOTHING, Linked, Links, links_of
from kennisbank.pages import agenda, mapsvg, municipality_filter, nearby, panel, sections, share, sorting, submitted_text
from kennisbank.pages.charts import count_text
from kennisbank.pages.related import related
from kennisbank.pages.templating import environment, freshness, front_matter, render
from kennisbank.site_config import SiteConfig

OUTDATED_AFTER = dt.timedelta(days=2 * 365)
NEWEST_ON_HOME = 6
NEARBY_ON_GEMEENTE = 10


def card_at(initiative: Initiative, level: int) -> Markup:
    href = urls.link_at_depth(level, urls.initiative(initiative.slug))
    template = environment().get_template("_card.md.j2")
    return Markup(template.render(i=initiative, href=href, card_meta=panel.card_meta).rstrip("\n"))


# The same card appears on many pages, and an unchanged entry keeps its cards between two
# regenerations of the live preview: rendered once per entry and folder depth of the page showing it
# (its link works from every folder at that depth, so the pages of initiatives, municipalities,
# provinces and themes share one text, which MkDocs then parses once: pages.repeated_items).
_cards: PerEntry[Initiative, Markup] = PerEntry(card_at)


def card(initiative: Initiative, here: str) -> Markup:
    """One initiative as a list card, with a link that works from the page `here`."""
    return _cards(initiative, urls.depth(here))


def sort_by_title(items: list[Initiative]) -> list[Initiative]:
    return sorted(items, key=lambda i: (places.fold(i.titel), i.slug))


def newest(items: list[Initiative], count: int) -> list[Initiative]:
    return sorted(items, key=lambda i: (i.bijgewerkt, i.slug), reverse=True)[:count]


def initiative_pages(initiatives: list[Initiative], config: SiteConfig, today: dt.date,
                     meetings: agenda.Sections | None = None, links: Links | None = None) -> Iterator[tuple[str, str]]:
    similar = related(initiatives)
    meetings = meetings or agenda.Sections([], today)
    links = links or Links(initiatives, [])
    for initiative in initiatives:
        here = urls.initiative(initiative.slug)
        # Everything else on the page is the entry's own: the key holds what comes from elsewhere.
        shown = tuple(card(other, here) for other in similar[initiative.slug])
        yield here, _initiative_pages(initiative, config, today - initiative.bijgewerkt > OUTDATED_AFTER, shown,
                                      meetings.initiative(initiative.slug, here), links.for_initiative(initiative))


def initiative_page(initiative: Initiative, config: SiteConfig, outdated: bool, related_cards: tuple[Markup, ...],
                    bijeenkomsten: str, linked: Linked = NOTHING) -> str:
    here = urls.initiative(initiative.slug)
    edit_url = config.edit_url(initiative.source)
    return render(
        "initiatief.md.j2",
        i=initiative, here=here, edit_url=edit_url, related=related_cards,
        panel=panel.grouped_rows(initiative, here, linked), body=submitted_text.announced(initiative.body), sections=sections.sections(initiative),
        bronnote=sections.sources_note(initiative, here),
        bijeenkomsten=bijeenkomsten, outdated=outdated, deel=share.links(initiative.titel, here, config),
        front_matter=front_matter(initiative.titel, initiative.samenvatting, edit_url=edit_url, kb_type="initiatief",
                                  jsonld=jsonld.for_initiative(initiative, config), kb_script=share.SCRIPT,
                                  **freshness([initiative.bijgewerkt])),
    )


# The live preview renders again only the pages of changed entries and of their neighbours,
# and only the lists (theme, municipality, province) that show a changed entry.
_initiative_pages: PerEntry[Initiative, str] = PerEntry(initiative_page)
_list_pages: PerPage[str] = PerPage()


Feeds = dict[str, follow.Scope]  # the feed of a page, by the page's path


def feed_keys(feeds: Feeds, here: str, config: SiteConfig | None) -> dict[str, str]:
    return follow.front_matter_keys(feeds.get(here), config.site_name if config else "")


def theme_pages(initiatives: list[Initiative], feeds: Feeds | None = None, config: SiteConfig | None = None,
                meetings: agenda.Sections | None = None, links: Links | None = None) -> Iterator[tuple[str, str]]:
    feeds = feeds or {}
    links = links or Links(initiatives, [])
    meetings = meetings or agenda.Sections([], dt.date.min)
    members = grouped(initiatives, lambda i: (t.slug for t in i.themas))
    for thema in themas():
        here = urls.thema(thema)
        items = sort_by_title(members[thema.slug])
        volg, bijeenkomsten = follow.follow_link(feeds.get(here), here), meetings.thema(thema.slug, here)
        matter = front_matter(f"Thema: {thema.label}", thema.beschrijving, **feed_keys(feeds, here, config), **sorting.script(items),
                              **freshness(i.bijgewerkt for i in items))
        hulp = links.helpers(here, thema=thema)
        yield here, _list_pages.get(here, render, "thema.md.j2", thema=thema, here=here, items=items, volg=volg, bijeenkomsten=bijeenkomsten,
                                    front_matter=matter, sorteren=sorting.marker(items), hulp=hulp)
    tiles = [(t.label, urls.thema(t), f"{count_text(len(members[t.slug]))}. {t.beschrijving}") for t in themas()]
    yield urls.THEMES, render("themas.md.j2", here=urls.THEMES, items=tiles,
                              front_matter=front_matter("Thema's", "Initiatieven geordend naar thema."))


def by_gemeente(initiatives: list[Initiative]) -> dict[str, list[Initiative]]:
    return grouped(initiatives, lambda i: (g.code for g in i.gemeenten))


def by_provincie(initiatives: list[Initiative]) -> dict[str, list[Initiative]]:
    return grouped(initiatives, lambda i: (p.code for p in i.provincies))


def gemeente_rows(provincie: Provincie, members: dict[str, list[Initiative]]) -> list[tuple[Gemeente, int]]:
    return [(g, len(members[g.code])) for g in places.gemeenten() if g.provincie == provincie]


def gemeente_pages(initiatives: list[Initiative], feeds: Feeds | None = None, config: SiteConfig | None = None,
                   meetings: agenda.Sections | None = None, links: Links | None = None) -> Iterator[tuple[str, str]]:
    feeds = feeds or {}
    links = links or Links(initiatives, [])
    meetings = meetings or agenda.Sections([], dt.date.min)
    members = by_gemeente(initiatives)
    every = places.gemeenten()
    for gemeente in every:  # every municipality has a page: what happens in it, or near it
        items = members.get(gemeente.code, [])
        here = urls.gemeente(gemeente)
        near = nearby.nearest(gemeente, members, every, NEARBY_ON_GEMEENTE)
        shown = sort_by_title(items)
        volg, bijeenkomsten = follow.follow_link(feeds.get(here), here), meetings.gemeente(gemeente.code, here)
        what = f"Maatschappelijke initiatieven in {gemeente.naam_gangbaar}" if shown else f"Wat er speelt in en rond {gemeente.naam_gangbaar}"
        matter = front_matter(f"Gemeente {gemeente.naam_gangbaar}", f"{what}.", **feed_keys(feeds, here, config), **sorting.script(shown),
                              **freshness(i.bijgewerkt for i in [*shown, *(n.initiative for n in near)]))
        hulp = links.helpers(here, gemeente=gemeente)
        used = links.approaches_near([*shown, *(n.initiative for n in near)], here)
        near_items = tuple((n.initiative.titel, urls.link(here, urls.initiative(n.initiative.slug)), n.gemeente.naam_gangbaar, n.km) for n in near)
        yield here, _list_pages.get(here, render, "gemeente.md.j2", gemeente=gemeente, here=here, items=shown, nearby=near_items,
                                    kaart=mapsvg.locator(gemeente), volg=volg, bijeenkomsten=bijeenkomsten, front_matter=matter,
                                    sorteren=sorting.marker(shown), hulp=hulp, aanpakken=used,
                                    aanmelden=urls.html_link(here, urls.SUBMIT) + "?gemeente=" + quote(gemeente.naam_gangbaar))
    groups = [(p, gemeente_rows(p, members)) for p in places.provincies()]
    yield from former_pages({g.slug for g in every})
    met = sorted(((g, len(members[g.code])) for g in every if members.get(g.code)), key=lambda row: places.fold(row[0].naam_gangbaar))
    yield urls.GEMEENTEN, render("gemeenten.md.j2", here=urls.GEMEENTEN, groups=groups, total=len(places.gemeenten()), met=met,
                                 namen=municipality_filter.names(),
                                 front_matter=front_matter("Gemeenten", "Alle gemeenten per provincie, met hun initiatieven.",
                                                           kb_script=municipality_filter.SCRIPT))


def former_pages(current: set[str]) -> Iterator[tuple[str, str]]:
    """A page for each municipality merged away since 2013 whose name no current one has: it says
    where it went and links there, so an old name (in a link, a bookmark or a search) still leads on."""
    seen = set(current)
    for former in places.herindelingen():
        slug = places.slugify(former.oude_naam)
        if slug in seen or not former.opvolgers:
            continue
        seen.add(slug)
        here = urls.gemeente_slug(slug)
        targets = ", ".join(g.naam_gangbaar for g in former.opvolgers)
        yield here, _list_pages.get(here, render, "oude-gemeente.md.j2", here=here, naam=former.oude_naam, soort=former.soort,
                                    opvolgers=former.opvolgers, datum=datum(former.ingangsdatum),
                                    front_matter=front_matter(f"Voormalige gemeente {former.oude_naam}", f"{former.oude_naam} is nu {targets}."))


def provincie_page(provincie: Provincie, here: str, rows: list[tuple[Gemeente, int]], items: list[Initiative], volg: Markup, matter: Markup,
                   hulp: Markup = Markup("")) -> str:
    return render("provincie.md.j2", provincie=provincie, here=here, rows=rows, gemeenten_met=[g for g, n in rows if n],
                  kaart=mapsvg.province_map(provincie, rows, here, urls.html_link), items=items, volg=volg, front_matter=matter,
                  sorteren=sorting.marker(items), hulp=hulp)


def provincie_pages(initiatives: list[Initiative], feeds: Feeds | None = None, config: SiteConfig | None = None,
                    links: Links | None = None) -> Iterator[tuple[str, str]]:
    feeds = feeds or {}
    links = links or Links(initiatives, [])
    members = by_gemeente(initiatives)
    in_provincie = by_provincie(initiatives)
    for provincie in places.provincies():
        here = urls.provincie(provincie)
        rows = gemeente_rows(provincie, members)
        items = sort_by_title(in_provincie[provincie.code])
        volg = follow.follow_link(feeds.get(here), here)
        matter = front_matter(f"Provincie {provincie.naam}", f"Maatschappelijke initiatieven in {provincie.naam}.", **feed_keys(feeds, here, config),
                              **sorting.script(items), **freshness(i.bijgewerkt for i in items))
        # The map is drawn only when the page is rendered again: it is the costly part.
        hulp = links.helpers(here, provincie=provincie)
        yield here, _list_pages.get(here, provincie_page, provincie, here, rows, items, volg, matter, hulp)
    national = [i for i in initiatives if i.landelijk]
    tiles = [(p.naam, urls.provincie(p), count_text(len(in_provincie[p.code])) + ".") for p in places.provincies()]
    yield urls.PROVINCIES, render("provincies.md.j2", here=urls.PROVINCIES, items=tiles, national=len(national),
                                  front_matter=front_matter("Provincies", "Initiatieven per provincie."))
    ordered = sort_by_title(national)
    yield urls.LANDELIJK, render("landelijk.md.j2", here=urls.LANDELIJK, items=ordered, sorteren=sorting.marker(ordered),
                                 front_matter=front_matter("Landelijke initiatieven", "Initiatieven die in heel Nederland lopen.",
                                                           **sorting.script(ordered), **freshness(i.bijgewerkt for i in ordered)))


WAYS = (
    ("Thema's", urls.THEMES, "Van energie en klimaat tot zorg en welzijn."),
    ("Gemeenten", urls.GEMEENTEN, "Alle gemeenten per provincie."),
    ("Provincies", urls.PROVINCIES, "De twaalf provincies en landelijke initiatieven."),
    ("Zoeken", urls.SEARCH, "Zoek in alle tekst en filter op thema, plaats en status."),
)


def home_page(initiatives: list[Initiative]) -> Iterator[tuple[str, str]]:
    # Each figure says what it counts: "11 van de 12 provincies" (with initiatives, of all there are).
    counts = {
        "initiatieven": len(initiatives),
        "gemeenten": (len(by_gemeente(initiatives)), len(places.gemeenten())),
        "provincies": (len(by_provincie(initiatives)), len(places.provincies())),
        "themas": (len({t.slug for i in initiatives for t in i.themas}), len(themas())),
    }
    yield urls.HOME, render("home.md.j2", here=urls.HOME, counts=counts, ways=WAYS, newest=newest(initiatives, NEWEST_ON_HOME),
                           front_matter=front_matter("Start", "Voorbeelden van maatschappelijke initiatieven in Nederland.", hide=["navigation", "toc"]))


def write(collection: Collection) -> Iterator[tuple[str, str]]:
    """Every generated page of the initiatives and the places, with what the other kinds add to them."""
    yield from all_pages(list(collection.initiatives), collection.config, collection.today, collection.meetings, links_of(collection))


def all_pages(initiatives: list[Initiative], config: SiteConfig, today: dt.date, meetings: Sequence[Meeting],
              links: Links | None = None) -> Iterator[tuple[str, str]]:
    """Every generated page, in a fixed order; meetings add a section to the pages they concern, and
    the other kinds (`links`) their links and the sections "Hulp en contacten"."""
    links = links or Links(initiatives, [])
    environment().filters["card"] = card
    sections = agenda.Sections(meetings, today)
    yield from home_page(initiatives)
    yield from initiative_pages(initiatives, config, today, sections, links)
    feeds = {scope.page: scope for scope in follow.scopes(initiatives)}
    yield from theme_pages(initiatives, feeds, config, sections, links)
    yield from gemeente_pages(initiatives, feeds, config, sections, links)
    yield from provincie_pages(initiatives, feeds, config, links)
