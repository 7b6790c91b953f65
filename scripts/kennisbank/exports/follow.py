"""Follow a municipality, province or theme: one Atom feed for every municipality, and for each province and theme with initiatives.

The feed of a page lives at urls.feed(page) ('feeds/gemeenten/delft.xml'); the page names it in
its front matter (kb_feed, read by overrides/partials/kb-head.html for the <link rel="alternate
feed"> in the head) and shows a visible link ("Volg deze gemeente").

Every municipality has a page, so every one has a feed, an empty one until its first entry: a
civil servant can follow a municipality before anything is there. Provinces and themes have a
feed once they have initiatives. The meetings of a place (its municipality and that one's
province) or theme appear in its feed too, among the initiatives by date.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from kennisbank import urls
from kennisbank.entries import places
from kennisbank.entries.collection import Collection
from kennisbank.entries.meetings import Meeting
from kennisbank.entries.memo import PerPage
from kennisbank.entries.model import Initiative, grouped
from kennisbank.entries.themes import themas
from kennisbank.exports import atom, records
from kennisbank.site_config import SiteConfig


@dataclass(frozen=True)
class Scope:
    page: str  # the page the feed belongs to, e.g. 'gemeenten/delft.md'
    name: str  # 'gemeente Delft', 'provincie Zeeland', 'thema Wonen'
    follow: str  # the visible link's text: 'Volg deze gemeente'
    initiatives: list[Initiative] = field(default_factory=list, compare=False)
    meetings: list[Meeting] = field(default_factory=list, compare=False)

    @property
    def feed(self) -> str:
        return urls.feed(self.page)


def scopes(initiatives: list[Initiative], meetings: Sequence[Meeting] = ()) -> list[Scope]:
    """Every municipality, and each province and theme with at least one initiative, in a fixed order, with its meetings."""
    by_gemeente = grouped(initiatives, lambda i: (g.code for g in i.gemeenten))
    by_provincie = grouped(initiatives, lambda i: (p.code for p in i.provincies))
    by_thema = grouped(initiatives, lambda i: (t.slug for t in i.themas))
    found = [Scope(urls.gemeente(g), f"gemeente {g.naam_gangbaar}", "Volg deze gemeente", by_gemeente.get(g.code, []))
             for g in places.gemeenten()]
    found += [Scope(urls.provincie(p), f"provincie {p.naam}", "Volg deze provincie", by_provincie[p.code])
              for p in places.provincies() if by_provincie.get(p.code)]
    found += [Scope(urls.thema(t), f"thema {t.label}", "Volg dit thema", by_thema[t.slug])
              for t in themas() if by_thema.get(t.slug)]
    add_meetings(found, meetings)
    return found


def meeting_pages(meeting: Meeting) -> list[str]:
    """The pages whose feed shows this meeting: its municipality, that one's province, its themes."""
    pages = [urls.gemeente(meeting.gemeente), urls.provincie(meeting.gemeente.provincie)] if meeting.gemeente else []
    return pages + [urls.thema(t) for t in meeting.themas]


def add_meetings(found: list[Scope], meetings: Sequence[Meeting]) -> None:
    by_page = {scope.page: scope for scope in found}
    for meeting in meetings:
        for page in meeting_pages(meeting):
            if page in by_page:
                by_page[page].meetings.append(meeting)


def feed_title(scope: Scope) -> str:
    return f"nieuw en bijgewerkt in {scope.name}"


def render(scope: Scope, config: SiteConfig) -> str:
    feed_url = records.file_url(config, scope.feed)
    what = "initiatieven en bijeenkomsten" if scope.meetings else "initiatieven"
    root = atom.scoped_feed(scope.initiatives, config, scope.feed, feed_title(scope),
                            f"De nieuwste en laatst bijgewerkte {what} in {scope.name}.",
                            records.page_url(config, scope.page), feed_url, scope.meetings)
    return atom.serialise(root)


def front_matter_keys(scope: Scope | None, site_name: str) -> dict[str, str]:
    """What the page's front matter says about its feed (nothing for a page without one)."""
    if scope is None:
        return {}
    return {"kb_feed": scope.feed, "kb_feed_title": f"{site_name}: {feed_title(scope)}"}


def follow_link(scope: Scope | None, here: str) -> Markup:
    """The visible link to the feed, a paragraph of its own; empty for a page without a feed."""
    if scope is None:
        return Markup("")
    target = urls.link(here, scope.feed)
    return Markup(f'[{scope.follow}]({target}){{ .kb-volg type="application/atom+xml" }}: '
                  f"een Atom-feed met nieuwe en bijgewerkte initiatieven en bijeenkomsten, voor uw feedlezer.\n{{ .kb-volgen }}")


# The live preview writes again only the feeds that show a changed entry.
_feeds: PerPage[str] = PerPage()


def write(collection: Collection) -> Iterator[tuple[str, str | bytes]]:
    """One feed per scope."""
    for scope in scopes(list(collection.initiatives), list(collection.meetings)):
        yield scope.feed, _feeds.get(scope.feed, render, scope, collection.config)
