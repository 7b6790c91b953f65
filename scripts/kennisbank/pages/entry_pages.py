"""The pages of a kind of entry that has no page code of its own: one page per entry, and a list.

Driven by the kind's declaration (entries/kinds.py) and its schema alone: each property but the
title and summary becomes a row of the page's panel, labelled with its `title` and shown by its
type (a web address as a link, a date in Dutch, a theme as a link to its page, a choice by its
`x-labels`), in the schema's order; a property whose `x-show` leaves out "panel" is left out. The
kind's template (`<name>.md.j2`) places the rows, the text and the rest; the list page is shared
by every kind (soort-lijst.md.j2). Everything typed reaches the page through mdtext or the
submitted-text marker, as on every other page.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from kennisbank import urls
from kennisbank.dutch_dates import datum
from kennisbank.entries.areas import Area
from kennisbank.entries.collection import Collection
from kennisbank.entries.entry_check import Entry
from kennisbank.entries.kinds import Kind, KindError
from kennisbank.exports import jsonld
from kennisbank.pages import sources, submitted_text
from kennisbank.pages.kind_links import links_of
from kennisbank.pages.templating import environment, external_link, front_matter, host, mdtext, render
from kennisbank.site_config import SiteConfig

Row = tuple[str, Markup]
OWN_LINES = ("titel", "samenvatting")  # the page's heading and lead, not panel rows


def is_address(rule: dict[str, Any]) -> bool:
    return rule.get("format") == "uri" or str(rule.get("pattern", "")).startswith("^https?")


def shown(rule: dict[str, Any], value: object) -> Markup:
    """One value as Markdown, by its rule in the schema."""
    if isinstance(value, (list, tuple)):
        item_rule = rule.get("items", {}) if isinstance(rule.get("items"), dict) else {}
        return Markup(", ").join(shown(item_rule, item) for item in value)
    if isinstance(value, dict):
        inner = rule.get("properties", {})
        return Markup("; ").join(Markup(f"{mdtext(key)}: ") + shown(inner.get(key, {}), item) for key, item in value.items())
    if isinstance(value, str) and is_address(rule):
        return external_link(host(value), value)
    if isinstance(value, str) and rule.get("x-render") == "contact":  # an e-mail address or a web address
        return external_link(host(value), value if "://" in value else f"mailto:{value}")
    if isinstance(value, str) and rule.get("format") == "date":
        try:
            return mdtext(datum(dt.date.fromisoformat(value)))
        except ValueError:
            return mdtext(value)
    if isinstance(value, bool):
        return mdtext("ja" if value else "nee")
    labels = rule.get("x-labels", {})
    return mdtext(labels.get(value, value) if isinstance(value, str) else value)


def rows(kind: Kind, entry: Entry, here: str) -> list[Row]:
    """The panel: every filled property in the schema's order (themes as links to their pages)."""
    found: list[Row] = []
    for name, rule in kind.properties().items():
        if name in OWN_LINES or "panel" not in rule.get("x-show", ("panel",)):
            continue
        label = str(rule.get("x-panel-label", rule.get("title", name)))
        if rule.get("x-kind") == "werkgebied":
            if entry.area:
                found.append((label, area_links(entry.area, here)))
            continue
        if rule.get("x-kind") == "thema":
            if entry.themas:
                found.append((label, Markup(", ").join(Markup(f"[{mdtext(t.label)}]({urls.link(here, urls.thema(t))})") for t in entry.themas)))
            continue
        value = entry.values.get(name)
        if value is None or value in ((), [], ""):
            continue
        found.append((label, shown(rule, value)))
    return found


def section(name: str, rule: dict[str, Any], value: object) -> Markup | None:
    """One `x-section` property as Markdown: a heading and its text, or a list (sources as links)."""
    heading = Markup(f"## {mdtext(rule['x-section'])}\n\n")
    if isinstance(value, str) and value:
        return heading + mdtext(value) + Markup("\n")
    if not isinstance(value, tuple) or not value:
        return None
    items = rule.get("items", {}) if isinstance(rule.get("items"), dict) else {}
    lines = []
    for item in value:
        if rule.get("x-render") == "bron" and isinstance(item, dict):
            lines.append(sources.item(item))
        elif isinstance(item, dict):
            lines.append(labelled(items.get("properties", {}), item))
        else:
            lines.append(shown(items, item))
    return heading + Markup("\n").join(Markup("- ") + line for line in lines) + Markup("\n")


def labelled(keys: dict[str, Any], item: dict[str, object]) -> Markup:
    """'**Label:** text': the first key with labels leads, the other keys follow."""
    lead = next((key for key, rule in keys.items() if rule.get("x-labels")), None)
    rest = Markup(" ").join(mdtext(item[key]) for key in keys if key != lead and item.get(key) is not None)
    if lead and item.get(lead) is not None:
        return Markup(f"**{mdtext(keys[lead]['x-labels'].get(item[lead], item[lead]))}:** ") + rest
    return rest


def sections(kind: Kind, entry: Entry) -> list[Markup]:
    """Every filled `x-section` property, in the schema's order."""
    found = (section(name, rule, entry.values.get(name)) for name, rule in kind.properties().items() if rule.get("x-section"))
    return [text for text in found if text]


Context = Callable[[Kind, Entry, str], dict[str, object]]


def no_context(kind: Kind, entry: Entry, here: str) -> dict[str, object]:
    return {}


def area_links(area: Area, here: str) -> Markup:
    if area.landelijk:
        return Markup(f"[Landelijk]({urls.link(here, urls.LANDELIJK)})")
    parts = [Markup(f"[{mdtext(p.naam)}]({urls.link(here, urls.provincie(p))})") for p in area.provincies]
    parts += [Markup(f"[{mdtext(g.naam_gangbaar)}]({urls.link(here, urls.gemeente(g))})") for g in area.gemeenten]
    return Markup(", ").join(parts)


def linked_data(kind: Kind, entry: Entry, config: SiteConfig) -> dict[str, str]:
    found = jsonld.for_entry(kind.name, entry, urls.entry_page(kind.pages, entry.slug), config)
    return {"jsonld": found} if found else {}


# A pure function of the template's text: compiling is most of a page's cost, so each text once.
@lru_cache(maxsize=64)
def compiled(source: str) -> jinja2.Template:
    return environment().from_string(source)


def kind_template(kind: Kind) -> jinja2.Template:
    """The kind's page template (<name>.md.j2 beside its schema), read as it is now."""
    try:
        return compiled(kind.template.read_text(encoding="utf-8"))
    except OSError as error:
        raise KindError(f"{kind.template.name}: het sjabloon van de soort '{kind.name}' ontbreekt of is niet leesbaar ({error.strerror})") from None


def entry_page(kind: Kind, entry: Entry, config: SiteConfig, context: Context = no_context,
               template: jinja2.Template | None = None) -> tuple[str, str]:
    here = urls.entry_page(kind.pages, entry.slug)
    template = template or kind_template(kind)
    edit_url = config.edit_url(entry.source)
    return here, template.render(
        e=entry, kind=kind, here=here, panel=rows(kind, entry, here), list_page=urls.link(here, urls.kind_list(kind.pages)),
        body=submitted_text.announced(entry.body) if entry.body.strip() else None, sections=sections(kind, entry),
        front_matter=front_matter(entry.titel, entry.samenvatting, edit_url=edit_url, kb_type=kind.name, **linked_data(kind, entry, config)),
        **context(kind, entry, here),
    )


def list_page(kind: Kind, entries: list[Entry]) -> tuple[str, str]:
    here = urls.kind_list(kind.pages)
    ordered = sorted(entries, key=lambda e: (e.titel.casefold(), e.slug))
    items = [(e, urls.link(here, urls.entry_page(kind.pages, e.slug))) for e in ordered]
    title = kind.plural[:1].upper() + kind.plural[1:]
    return here, render("soort-lijst.md.j2", kind=kind, title=title, items=items, here=here,
                        front_matter=front_matter(title, f"Alle {kind.plural} in de kennisbank."))


def write(collection: Collection) -> Iterator[tuple[str, str]]:
    """The pages of every kind without code of its own, from its declaration."""
    for kind, entries in collection.others:
        yield from pages(kind, list(entries), collection.config, links_of(collection).context)


def pages(kind: Kind, entries: list[Entry], config: SiteConfig, context: Context = no_context) -> Iterator[tuple[str, str]]:
    """The pages the kind's declaration asks for ("pagina", "lijst" in its uitvoer); `context` adds
    what a page shows of other kinds (pages.kind_links)."""
    if "pagina" in kind.outputs:
        template = kind_template(kind)
        for entry in entries:
            yield entry_page(kind, entry, config, context, template)
    if "lijst" in kind.outputs:
        yield list_page(kind, entries)
