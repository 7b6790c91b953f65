"""`kennisbank onderhoud`: one Dutch list of what maintainers should look at, grouped.

Entries not updated in two years (oldest first); running entries that started more than ten years
ago and were not updated in two years; websites that failed the last link check (with since when,
from the link check's history file); every warning and error of the check; entries in the wrong
province folder. As plain text, Markdown (the issue "Onderhoudslijst") or JSON.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from kennisbank.entries import schema
from kennisbank.entries.model import Initiative, Message
from kennisbank.entries.validate import CheckResult
from kennisbank.maintenance.github_issue import TITLE
from kennisbank.maintenance.linkcheck import code_span, links_of

STALE_YEARS = 2
OLD_START_YEARS = 10
# Backslash-escaped in Markdown: text quoted from files must not become markup or an @mention.
# Items never start a line (the path comes first), so block markers need no escaping.
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>#|~@&])")


@dataclass
class Item:
    path: str
    text: str


@dataclass
class Group:
    key: str
    title: str
    explanation: str
    items: list[Item] = field(default_factory=list)


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age(since: dt.date, today: dt.date) -> str:
    days = (today - since).days
    if days >= 730:
        return f"{days // 365} jaar"
    if days >= 60:
        return f"{days // 30} maanden"
    if days >= 14:
        return f"{days // 7} weken"
    return "1 dag" if days == 1 else f"{days} dagen"


def stale(initiatives: list[Initiative], today: dt.date) -> Group:
    limit = years_before(today, STALE_YEARS)
    group = Group("verouderd", "Lang niet bijgewerkt", f"bijgewerkt meer dan {STALE_YEARS} jaar geleden, oudste eerst")
    for initiative in sorted(initiatives, key=lambda i: (i.bijgewerkt, i.source)):
        if initiative.bijgewerkt < limit:
            group.items.append(Item(initiative.source, f"bijgewerkt {initiative.bijgewerkt.isoformat()} ({age(initiative.bijgewerkt, today)} geleden)"))
    return group


def long_running(initiatives: list[Initiative], today: dt.date) -> Group:
    limit = years_before(today, STALE_YEARS)
    group = Group(
        "lopend", "Lopend, maar lang niets gehoord",
        f"status lopend, gestart meer dan {OLD_START_YEARS} jaar geleden en {STALE_YEARS} jaar niet bijgewerkt: loopt het nog?",
    )
    dated = [i for i in initiatives if i.startjaar is not None]  # an unknown start year says nothing about age
    for initiative in sorted(dated, key=lambda i: (i.startjaar or 0, i.bijgewerkt, i.source)):
        if initiative.status == "lopend" and (initiative.startjaar or 0) < today.year - OLD_START_YEARS and initiative.bijgewerkt < limit:
            group.items.append(Item(initiative.source, f"lopend sinds {initiative.startjaar}, bijgewerkt {initiative.bijgewerkt.isoformat()}"))
    return group


def dead_links(initiatives: list[Initiative], history: dict[str, Any], today: dt.date) -> Group:
    checked = history.get("datum")
    group = Group(
        "websites", "Websites die niet antwoorden",
        f"bij de laatste linkcontrole ({checked})" if checked else "nog geen linkcontrole bekend",
    )
    dead = history.get("dood", {})
    for link in links_of(initiatives):
        entry = dead.get(link.url)
        if not isinstance(entry, dict):
            continue
        text = f"{link.url}: {entry.get('reden', 'geen antwoord')}"
        try:
            since = dt.date.fromisoformat(str(entry.get("sinds")))
            text += f", faalt sinds {since.isoformat()} ({age(since, today)})"
        except ValueError:
            pass
        group.items.append(Item(link.source, text))
    return group


def is_folder_warning(message: Message) -> bool:
    """The check's warning about a file outside its province folder (listed in a group of its own)."""
    return message.field == "bestand" and message.text.startswith(FOLDER_WARNING)


FOLDER_WARNING = schema.messages()["bestand"]["map"].split("{")[0]


def check_messages(result: CheckResult) -> Group:
    group = Group("controle", "Meldingen van de controle", "fouten en waarschuwingen van kennisbank check, zoals samengevoegde gemeenten en mogelijke dubbele initiatieven")
    for message in result.messages:
        if is_folder_warning(message):
            continue
        prefix = "waarschuwing: " if message.level == "waarschuwing" else ""
        group.items.append(Item(message.path, f"regel {message.line}: {message.field}: {prefix}{message.text}"))
    return group


def wrong_folder(result: CheckResult) -> Group:
    """Files outside their province folder, by the check's own rule (entries.validate)."""
    group = Group("map", "In de verkeerde map", "de map hoort bij de provincie van een van de gemeenten, of is landelijk")
    for message in result.messages:
        if is_folder_warning(message):
            group.items.append(Item(message.path, message.text))
    return group


def groups(result: CheckResult, history: dict[str, Any], today: dt.date) -> list[Group]:
    initiatives = sorted(result.initiatives, key=lambda i: i.source)
    return [
        stale(initiatives, today),
        long_running(initiatives, today),
        dead_links(initiatives, history, today),
        check_messages(result),
        wrong_folder(result),
    ]


def total(found: list[Group]) -> int:
    return sum(len(g.items) for g in found)


def as_text(found: list[Group], today: dt.date) -> str:
    lines = [f"{TITLE} ({today.isoformat()}): {total(found)} punten"]
    for group in found:
        lines += ["", f"{group.title} ({len(group.items)}): {group.explanation}"]
        lines += [f"- {item.path}: {item.text}" for item in group.items] or ["- niets"]
    return "\n".join(lines) + "\n"


def escape_markdown(text: str) -> str:
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def as_markdown(found: list[Group], today: dt.date) -> str:
    lines = [
        f"Deze lijst wordt elke week bijgewerkt door de workflow Links controleren ({today.isoformat()}, "
        f"{total(found)} punten). Los een punt op met een pull request; de lijst volgt vanzelf.",
    ]
    for group in found:
        lines += ["", f"## {escape_markdown(group.title)} ({len(group.items)})", "", f"_{escape_markdown(group.explanation)}_", ""]
        lines += [f"- {code_span(item.path)}: {escape_markdown(item.text)}" for item in group.items] or ["Niets."]
    return "\n".join(lines) + "\n"


def as_json(found: list[Group], today: dt.date) -> str:
    data = {
        "datum": today.isoformat(),
        "punten": total(found),
        "groepen": [
            {"sleutel": g.key, "titel": g.title, "uitleg": g.explanation,
             "punten": [{"bestand": i.path, "melding": i.text} for i in g.items]}
            for g in found
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(result: CheckResult, history: dict[str, Any], today: dt.date, output_format: str = "text") -> str:
    found = groups(result, history, today)
    renderer = {"markdown": as_markdown, "json": as_json}.get(output_format, as_text)
    return renderer(found, today)

