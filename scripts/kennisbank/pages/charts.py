"""Bar charts for cijfers.html, drawn at build time as accessible inline SVG.

Each chart is an <svg role="img"> named by its <title> and described by its <desc>; the page
puts a real data table beside it, so nothing depends on seeing the drawing. Colours come from
CSS classes (see styles.py), with presentation attributes as a fallback when CSS is missing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup, escape

from kennisbank.entries import places, schema
from kennisbank.entries.model import Initiative
from kennisbank.entries.themes import themas
from kennisbank.pages import styles

WIDTH = 400
ROW = 40  # a label line and a bar below it
BAR = 14
FONT = 14
VALUE_ROOM = 40
YEARS_PER_ROW_LIMIT = 15  # a longer span is shown per decade
NOT_FILLED = "Niet ingevuld"
UNKNOWN_YEAR = "Onbekend"
LANDELIJK = "Landelijk"


@dataclass(frozen=True)
class Chart:
    key: str  # unique on the page; used in element ids
    title: str
    label_header: str  # heading of the first table column
    rows: tuple[tuple[str, int], ...]
    note: str = ""

    @property
    def total(self) -> int:
        return sum(count for _, count in self.rows)


def count_text(count: int) -> str:
    return f"{count} initiatief" if count == 1 else f"{count} initiatieven"


def by_theme(initiatives: list[Initiative]) -> Chart:
    counts = Counter(t.slug for i in initiatives for t in i.themas)
    rows = sorted(((t.label, counts[t.slug]) for t in themas()), key=lambda row: (-row[1], places.fold(row[0])))
    return Chart("thema", "Initiatieven per thema", "Thema", tuple(rows),
                 "Een initiatief heeft één tot drie thema's en telt bij elk thema mee.")


def by_province(initiatives: list[Initiative]) -> Chart:
    counts = Counter(p.code for i in initiatives for p in i.provincies)
    rows = [(p.naam, counts[p.code]) for p in places.provincies()]
    rows.append((LANDELIJK, sum(1 for i in initiatives if i.landelijk)))
    return Chart("provincie", "Initiatieven per provincie", "Provincie", tuple(rows),
                 "Een initiatief in gemeenten van meer provincies telt bij elke provincie mee. Landelijke initiatieven staan apart.")


def year_rows(years: list[int]) -> list[tuple[str, int]]:
    """Per year for a short span, per decade for a long one; empty years or decades in between are kept."""
    if not years:
        return []
    counts = Counter(years)
    low, high = min(years), max(years)
    if high - low < YEARS_PER_ROW_LIMIT:
        return [(str(year), counts[year]) for year in range(low, high + 1)]
    return [(f"{decade}–{decade + 9}", sum(counts[y] for y in range(decade, decade + 10)))
            for decade in range(low // 10 * 10, high + 1, 10)]


def by_start_year(initiatives: list[Initiative]) -> Chart:
    """Known years as rows; an upper bound and an unknown year get rows of their own, so that no
    entry is counted in a year that no source gives."""
    exact = [i.startjaar for i in initiatives if i.startjaar is not None and i.value("startjaar_uiterlijk") != "ja"]
    latest = Counter(i.startjaar for i in initiatives if i.startjaar is not None and i.value("startjaar_uiterlijk") == "ja")
    rows = [*year_rows(exact), *((f"in of vóór {year}", latest[year]) for year in sorted(latest))]
    unknown = sum(1 for i in initiatives if i.startjaar is None)
    if unknown:
        rows.append((UNKNOWN_YEAR, unknown))
    notes = []
    if latest:
        notes.append("Is alleen bekend dat een initiatief er in een bepaald jaar al was, dan staat het bij 'in of vóór' dat jaar.")
    if unknown:
        notes.append("Bij 'onbekend' noemt geen bron het startjaar.")
    return Chart("startjaar", "Initiatieven per startjaar", "Startjaar", tuple(rows), " ".join(notes))


def has_sources(initiative: Initiative) -> bool:
    return bool(initiative.value("bronnen"))


def by_sources(initiatives: list[Initiative]) -> Chart:
    """How many entries say where their facts come from: a to-do list for maintainers, in numbers."""
    sourced = sum(1 for i in initiatives if has_sources(i))
    rows = (("Met minstens één bron", sourced), ("Zonder bron", len(initiatives) - sourced))
    return Chart("bronnen", "Initiatieven met bronnen", "Bronnen", rows,
                 "Een bron is een openbare pagina die de feiten over het initiatief bevestigt; de bronnen staan onderaan elke initiatiefpagina.")


def by_enum(initiatives: list[Initiative], field_name: str, key: str, title: str) -> Chart:
    """One row per allowed value of an enumerated schema field, with its label from the schema."""
    definition = schema.properties()[field_name]
    labels = definition.get("x-labels", {})
    counts = Counter(getattr(i, field_name) for i in initiatives)
    rows = [(labels.get(value, value), counts[value]) for value in definition["enum"]]
    if counts[None]:
        rows.append((NOT_FILLED, counts[None]))
    return Chart(key, title, definition["title"], tuple(rows))


def all_charts(initiatives: list[Initiative]) -> list[Chart]:
    return [
        by_theme(initiatives),
        by_province(initiatives),
        by_start_year(initiatives),
        by_enum(initiatives, "status", "status", "Initiatieven naar status"),
        by_enum(initiatives, "rol_overheid", "rol", "Initiatieven naar rol van de overheid"),
        by_sources(initiatives),
    ]


def summary(chart: Chart) -> str:
    """The <desc>: what the drawing shows in one or two sentences; the table holds every number."""
    if not chart.rows or not chart.total:
        return f"Staafdiagram: {chart.title.lower()}. Er zijn nog geen initiatieven."
    top = max(count for _, count in chart.rows)
    leaders = [label for label, count in chart.rows if count == top]
    return (f"Staafdiagram met {len(chart.rows)} staven: {chart.title.lower()}. "
            f"Het meest: {', '.join(leaders)} ({count_text(top)}). De tabel onder de grafiek geeft alle aantallen.")


def svg(chart: Chart) -> Markup:
    """The chart as inline SVG, every text escaped.

    Each label sits above its bar rather than beside it, so the drawing can stay narrow and its
    text stays readable when a phone scales it down.
    """
    ids = f"kb-chart-{chart.key}"
    room = WIDTH - VALUE_ROOM
    top = max((count for _, count in chart.rows), default=0) or 1
    height = ROW * len(chart.rows) + 4
    parts = [
        f'<svg class="kb-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-size="{FONT}" role="img" aria-labelledby="{ids}-title {ids}-desc">',
        f'<title id="{ids}-title">{escape(chart.title)}</title>',
        f'<desc id="{ids}-desc">{escape(summary(chart))}</desc>',
    ]
    for index, (label, count) in enumerate(chart.rows):
        y = index * ROW
        width = round(room * count / top, 1)
        bar_y = y + FONT + 6
        parts.append(
            f'<text x="0" y="{y + FONT}">{escape(label)}</text>'
            f'<rect class="kb-chart__bar" fill="{styles.ACCENT["light"]}" x="0" y="{bar_y}" width="{width}" height="{BAR}"/>'
            f'<text x="{width + 6}" y="{bar_y + BAR / 2}" dominant-baseline="central">{count}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
