"""The metadata panel of an initiative page and the meta line of its cards, field by field from the schema.

Every field with "panel" in its `x-show` gets a row; how its value is shown follows its
`x-kind`, `x-render` and type (see entries.fields), so a new schema field needs no code here.
"""
from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from kennisbank import urls
from kennisbank.dutch_dates import datum
from kennisbank.entries import fields
from kennisbank.entries.fields import Field
from kennisbank.entries.model import Initiative
from kennisbank.pages.kind_links import NOTHING, Linked
from kennisbank.pages.templating import external_link, host, mdtext

Row = tuple[str, Markup]


def joined(parts: list[Markup]) -> Markup:
    return Markup(", ").join(parts)


def page_link(text: str, here: str, target: str) -> Markup:
    return Markup(f"[{mdtext(text)}]({urls.link(here, target)})")


def looptijd(initiative: Initiative) -> str:
    if initiative.startjaar is None:  # no source gives the year: say so, never a guess
        if initiative.eindjaar:
            return f"startjaar onbekend, tot {initiative.eindjaar}"
        return "idee, startjaar onbekend" if initiative.status == "idee" else "startjaar onbekend"
    if start_is_latest(initiative):  # only known to have started by then
        start = f"{initiative.startjaar} of eerder"
        if initiative.eindjaar:
            return f"van {start} tot {initiative.eindjaar}"
        return f"idee sinds {start}" if initiative.status == "idee" else f"sinds {start}"
    if initiative.eindjaar:
        return f"{initiative.startjaar}–{initiative.eindjaar}" if initiative.eindjaar != initiative.startjaar else str(initiative.startjaar)
    if initiative.status == "idee":
        return f"idee sinds {initiative.startjaar}"
    return f"sinds {initiative.startjaar}"


def start_is_latest(initiative: Initiative) -> bool:
    """True when the start year is an upper bound ('startjaar_uiterlijk: ja'), not the known year."""
    return initiative.value("startjaar_uiterlijk") == "ja"


def badge(field: Field, value: object) -> Markup:
    return Markup(f"*{mdtext(field.label(value))}*{{ .kb-badge .kb-badge--{escape_class(value)} }}")


def escape_class(value: object) -> str:
    return "".join(c for c in str(value) if c.isalnum() or c == "-")


def place_rows(initiative: Initiative, here: str) -> Iterator[Row]:
    """The municipality row, then (not for a national initiative) the province row."""
    if initiative.landelijk:
        yield "Gemeente", page_link("Landelijk", here, urls.LANDELIJK)
        return
    gemeenten = [page_link(g.naam_gangbaar, here, urls.gemeente(g)) for g in initiative.gemeenten]
    provincies = [page_link(p.naam, here, urls.provincie(p)) for p in initiative.provincies]
    yield ("Gemeenten" if len(gemeenten) > 1 else "Gemeente"), joined(gemeenten)
    yield ("Provincies" if len(provincies) > 1 else "Provincie"), joined(provincies)


# What a reader needs first, before the story: where, how it stands, since when, and how to reach it.
# Every other row is "Meer gegevens", folded on a phone (pages/templates/initiatief.md.j2).
FIRST_RENDERS = frozenset({"badge", "looptijd", "link", "contact"})


def shown_value(field: Field, value: object, initiative: Initiative) -> Markup:
    """One field's value as Markdown, by how the schema says to show it."""
    if field.render == "badge":
        return badge(field, value)
    if field.render == "looptijd":
        return mdtext(looptijd(initiative))
    if field.render == "datum":
        return mdtext(datum(str(value)))
    if field.render in ("link", "contact") and isinstance(value, str):
        url = value if "://" in value else f"mailto:{value}"
        return external_link(host(value), url)
    if isinstance(value, tuple):
        return joined([item_text(field, item) for item in value])
    return mdtext(field.label(value))


def item_text(field: Field, item: object) -> Markup:
    if isinstance(item, dict):
        return mdtext(" ".join(str(v) for v in item.values() if v is not None))
    return mdtext(field.label(item))


def rows(initiative: Initiative, here: str) -> list[Row]:
    first, more = grouped_rows(initiative, here)
    return first + more


def grouped_rows(initiative: Initiative, here: str, linked: Linked = NOTHING) -> tuple[list[Row], list[Row]]:
    """The panel's rows in the schema's order, as (first, more): the facts a reader needs first
    (the municipality, and the fields shown as a badge, period, link or contact), then the rest.
    Organisations and approaches with a page of their own are links (`linked`)."""
    first: list[Row] = []
    more: list[Row] = []
    for field in fields.shown("panel"):
        if field.kind == "gemeente":
            place, *rest = place_rows(initiative, here)
            first.append(place)
            more.extend(rest)
            continue
        if field.kind == "thema":
            more.append((field.panel_label, joined([page_link(t.label, here, urls.thema(t)) for t in initiative.themas])))
            continue
        if field.kind == "aanpak":
            if linked.approaches:
                more.append((field.panel_label, joined([page_link(title, here, page) for _, title, page in linked.approaches])))
            continue
        value = initiative.value(field.name)
        if field.name in ORGANISATION_FIELDS and linked.organisations and value:
            more.append((field.panel_label, organisation_links(value, here, linked)))
            continue
        if (value is None or value == ()) and field.render != "looptijd":  # an unknown period is said, not hidden
            continue
        (first if field.render in FIRST_RENDERS else more).append((field.panel_label, shown_value(field, value, initiative)))
    return first, more


ORGANISATION_FIELDS = ("initiatiefnemer", "partners")  # names that link to an organisation's page


def organisation_links(value: object, here: str, linked: Linked) -> Markup:
    names = value if isinstance(value, tuple) else (value,)
    parts = []
    for name in names:
        page = linked.organisation(str(name))
        parts.append(page_link(str(name), here, page) if page else mdtext(str(name)))
    return joined(parts)


def card_meta(initiative: Initiative) -> Markup:
    """The meta line of a card: places, then each other card field (titel and samenvatting have their own lines)."""
    parts: list[Markup] = []
    for field in fields.shown("card"):
        if field.name in ("titel", "samenvatting"):
            continue
        if field.kind == "gemeente":
            parts.append(mdtext("Landelijk" if initiative.landelijk else ", ".join(g.naam_gangbaar for g in initiative.gemeenten)))
        elif field.kind == "thema":
            parts.append(mdtext(", ".join(t.label for t in initiative.themas)))
        else:
            value = initiative.value(field.name)
            if value is not None and value != ():
                parts.append(shown_value(field, value, initiative))
    return Markup(" · ").join(parts)
