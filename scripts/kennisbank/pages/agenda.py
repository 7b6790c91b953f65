"""Meetings (bijeenkomsten/) as pages: the Agenda, a page per meeting, and the short 'Bijeenkomsten'
section on the pages of the initiatives, municipalities and themes a meeting is about.

Upcoming or past is decided at build time against `today` (the publish workflow builds daily): a
meeting is upcoming until its last day is over. A meeting's body comes from a stranger, so it goes
through the submitted_text Markdown extension exactly as an initiative's body does; every other
value reaches the page through mdtext, external_link or the page links of urls.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from markupsafe import Markup

from kennisbank import urls
from kennisbank.entries.collection import Collection
from kennisbank.entries.meetings import properties as meeting_properties
from kennisbank.entries.meetings import Meeting
from kennisbank.entries.model import Initiative, grouped
from kennisbank.exports import jsonld
from kennisbank.pages import entry_pages, share, submitted_text
from kennisbank.pages.templating import (
    datum,
    external_link,
    freshness,
    front_matter,
    host,
    mdtext,
    render,
)
from kennisbank.site_config import SiteConfig

SHOWN_UPCOMING = 5  # on an initiative's, municipality's or theme's page; the Agenda has them all
SHOWN_PAST = 3
SOURCES = "bronnen"  # the meeting's sources: a section as on every page (pages.entry_pages)
JOIN_ANCHOR = "#een-bijeenkomst-toevoegen"  # the section of docs/meedoen.md on adding a meeting

Row = tuple[str, Markup]


def upcoming(meetings: Iterable[Meeting], today: dt.date) -> list[Meeting]:
    """The meetings still to come (or running), the first first."""
    return sorted((m for m in meetings if m.is_upcoming(today)), key=lambda m: (m.start, m.slug))


def past(meetings: Iterable[Meeting], today: dt.date) -> list[Meeting]:
    """The meetings that are over, the latest first."""
    return sorted((m for m in meetings if not m.is_upcoming(today)), key=lambda m: (m.start, m.slug), reverse=True)


def by_year(meetings: list[Meeting]) -> list[tuple[int, list[Meeting]]]:
    """Past meetings grouped by the year they started, the newest year first (order kept within a year)."""
    years: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        years[meeting.start.year].append(meeting)
    return sorted(years.items(), reverse=True)


def clock(moment: dt.datetime) -> str:
    """A time the Dutch way: '9.30', '19.00'."""
    return f"{moment.hour}.{moment.minute:02d}"


def when(meeting: Meeting) -> str:
    """'12 maart 2031, 19.30–21.30 uur', or for more days '20 mei 2030, 9.30 uur tot 21 mei 2030, 16.00 uur'."""
    first, last = meeting.start, meeting.end
    if first.date() == last.date():
        return f"{datum(first.date())}, {clock(first)}–{clock(last)} uur"
    return f"{datum(first.date())}, {clock(first)} uur tot {datum(last.date())}, {clock(last)} uur"


def place(meeting: Meeting) -> str:
    """Where, in a word: the municipality, 'Online', or both."""
    if meeting.gemeente is None:
        return "Online"
    return f"{meeting.gemeente.naam_gangbaar} en online" if meeting.online else meeting.gemeente.naam_gangbaar


def card(meeting: Meeting, here: str) -> Markup:
    """One meeting as a list card (the initiative cards' layout): title link, summary, when and where.

    Its link is the same from every page at here's depth, like an initiative's card (listing.card)."""
    href = urls.link_at_depth(urls.depth(here), urls.meeting(meeting.slug))
    return Markup(
        f"-   [{mdtext(meeting.titel)}]({href})\n\n"
        f"    {mdtext(meeting.samenvatting)}\n    {{ .kb-card__summary }}\n\n"
        f"    {mdtext(when(meeting))} · {mdtext(place(meeting))}\n    {{ .kb-card__meta }}\n"
    )


def cards(meetings: list[Meeting], here: str) -> Markup:
    """Meeting cards in the wrapper that gives the list its class (the one piece of HTML)."""
    return Markup('<div class="kb-cards" markdown>\n\n') + Markup("\n").join(card(m, here) for m in meetings) + Markup("\n</div>\n")


# ---------- the Agenda ----------

def agenda_page(meetings: list[Meeting], today: dt.date, site_name: str = "") -> tuple[str, str]:
    here = urls.AGENDA
    coming = upcoming(meetings, today)
    years = [(year, cards(items, here)) for year, items in by_year(past(meetings, today))]
    return here, render(
        "agenda.md.j2", here=here, upcoming=cards(coming, here) if coming else None, years=years,
        join=urls.link(here, urls.JOIN) + JOIN_ANCHOR, submit=urls.link(here, urls.SUBMIT_MEETING), calendar=urls.link(here, urls.AGENDA_CALENDAR), feed=urls.link(here, urls.MEETINGS_FEED),
        front_matter=front_matter("Agenda", "Bijeenkomsten, congressen en open dagen over maatschappelijke initiatieven.",
                                  kb_feed=urls.MEETINGS_FEED, kb_feed_title=f"{site_name}: nieuwe bijeenkomsten"),
    )


# ---------- a page per meeting ----------

def page_link(text: str, here: str, target: str) -> Markup:
    return Markup(f"[{mdtext(text)}]({urls.link(here, target)})")


def where(meeting: Meeting, here: str, gemeente_pages: set[str]) -> Markup:
    """'venue (gemeente X)', the municipality linked when it has a page; 'Online', or both."""
    parts: list[Markup] = []
    locatie = meeting.values.get("locatie")
    if meeting.gemeente is not None:
        target = urls.gemeente(meeting.gemeente)
        name = meeting.gemeente.naam_gangbaar
        gemeente = page_link(name, here, target) if target in gemeente_pages else mdtext(name)
        parts.append(Markup(f"{mdtext(locatie)} (gemeente {gemeente})") if isinstance(locatie, str) else Markup(f"gemeente {gemeente}"))
    elif isinstance(locatie, str):
        parts.append(mdtext(locatie))
    if meeting.online:
        parts.append(mdtext("Online" if meeting.gemeente is None and not parts else "ook online te volgen"))
    return Markup("; ").join(parts)


def rows(meeting: Meeting, here: str, titles: dict[str, str], gemeente_pages: set[str]) -> list[Row]:
    """The metadata panel: a definition list, like an initiative's."""
    found: list[Row] = [("Wanneer", mdtext(when(meeting))), ("Waar", where(meeting, here, gemeente_pages)),
                        ("Organisator", mdtext(meeting.organisator))]
    if meeting.themas:
        label = "Thema's" if len(meeting.themas) > 1 else "Thema"
        found.append((label, Markup(", ").join(page_link(t.label, here, urls.thema(t)) for t in meeting.themas)))
    aanmelden = meeting.values.get("aanmelden")
    if isinstance(aanmelden, str):
        found.append(("Aanmelden", external_link(host(aanmelden), aanmelden)))
    related = [page_link(titles[slug], here, urls.initiative(slug)) for slug in meeting.initiatieven if slug in titles]
    if related:
        found.append(("Initiatieven" if len(related) > 1 else "Initiatief", Markup(", ").join(related)))
    found.append(("Bijgewerkt", mdtext(datum(meeting.bijgewerkt))))
    return found


def meeting_pages(meetings: list[Meeting], initiatives: list[Initiative], config: SiteConfig, today: dt.date) -> Iterator[tuple[str, str]]:
    titles = {i.slug: i.titel for i in initiatives}
    gemeente_pages = {urls.gemeente(g) for i in initiatives for g in i.gemeenten}
    for meeting in meetings:
        here = urls.meeting(meeting.slug)
        edit_url = config.edit_url(meeting.source)
        coming = meeting.is_upcoming(today)
        yield here, render(
            "bijeenkomst.md.j2", m=meeting, here=here, when=when(meeting), upcoming=coming,
            panel=rows(meeting, here, titles, gemeente_pages), body=submitted_text.announced(meeting.body) if meeting.body.strip() else None,
            calendar=urls.link(here, urls.meeting_calendar(meeting.slug)), deel=share.links(meeting.titel, here, config),
            bronnen=entry_pages.section(SOURCES, meeting_properties()[SOURCES], meeting.values.get(SOURCES)),
            front_matter=front_matter(meeting.titel, meeting.samenvatting, edit_url=edit_url, kb_type="bijeenkomst", kb_script=share.SCRIPT,
                                      jsonld=jsonld.for_meeting(meeting, config), **freshness([meeting.bijgewerkt])),
        )


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:
    """The Agenda and a page per meeting."""
    meetings, config = list(collection.meetings), collection.config
    yield agenda_page(meetings, collection.today, config.site_name)
    yield from meeting_pages(meetings, list(collection.initiatives), config, collection.today)


# ---------- the section on other pages ----------

class Sections:
    """The 'Bijeenkomsten' section of each page that has meetings, keyed by what the page is about."""

    def __init__(self, meetings: Sequence[Meeting], today: dt.date) -> None:
        self.today = today
        self.by_initiative = grouped(meetings, lambda m: m.initiatieven)
        self.by_gemeente = grouped(meetings, lambda m: [m.gemeente.code] if m.gemeente else [])
        self.by_thema = grouped(meetings, lambda m: (t.slug for t in m.themas))

    def initiative(self, slug: str, here: str) -> Markup:
        return self.section(self.by_initiative.get(slug, []), here)

    def gemeente(self, code: str, here: str) -> Markup:
        return self.section(self.by_gemeente.get(code, []), here)

    def thema(self, slug: str, here: str) -> Markup:
        return self.section(self.by_thema.get(slug, []), here)

    def section(self, meetings: list[Meeting], here: str) -> Markup:
        """Up to five upcoming meetings, then the latest past ones, and a link to the Agenda; empty without meetings."""
        if not meetings:
            return Markup("")
        coming, over = upcoming(meetings, self.today), past(meetings, self.today)
        parts = [Markup("## Bijeenkomsten\n")]
        if coming:
            parts.append(cards(coming[:SHOWN_UPCOMING], here))
        else:
            parts.append(Markup("Er staan geen komende bijeenkomsten in de agenda.\n"))
        if over:
            parts.append(Markup("### Eerder\n"))
            parts.append(cards(over[:SHOWN_PAST], here))
        agenda = urls.link(here, urls.AGENDA)
        parts.append(Markup(f"[Alle bijeenkomsten in de agenda]({agenda})"))
        return Markup("\n").join(parts)

