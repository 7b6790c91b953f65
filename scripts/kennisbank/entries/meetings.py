"""Check meeting files (bijeenkomsten/) as initiatives are checked: every problem at once, in Dutch.

A meeting is one Markdown file with YAML front matter, read by the same strict loader and judged
by a schema of its own (schema/bijeenkomst.schema.json) with the same messages (meldingen.json)
and helpers as initiatives: municipalities and themes resolve exactly as there, personal data and
placeholders are looked for in the same way: the steps every kind of entry shares
(entries/entry_check.shared_checks, with the kind declared in the schema's x-soort). Rules the schema cannot express (dates from 2000 to
2100, times that occur exactly once in Dutch time, end after start, a municipality or online,
related initiatives that exist) are here.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kennisbank.entries import entry_check, kinds, places, schema
from kennisbank.entries.model import Gemeente, Message, Thema
from kennisbank.entries.check_cache import KindCache
from kennisbank.entries.field_rules import check_content, one_line, parse_date, plain_value, resolve_themas
from kennisbank.entries.file_check import FileCheck, Findings, read_matter
from kennisbank.entries.file_tree import discover, display_path

SCHEMA_PATH = kinds.meetings().schema_path
FOLDER = Path(kinds.meetings().folder)
# The years a meeting may fall in: far enough either way for any real agenda, and inside what the
# calendar library and the time-zone rules handle (no local mean time as in 1940, no year 10000).
FIRST_YEAR, LAST_YEAR = 2000, 2100
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def meeting_schema() -> dict[str, Any]:
    return kinds.meetings().schema()  # read once, by the kind's declaration


def properties() -> dict[str, dict[str, Any]]:
    return meeting_schema()["properties"]


@dataclass(frozen=True)
class Meeting:
    slug: str
    source: str  # path as shown, '/' separated
    titel: str
    samenvatting: str
    start: dt.datetime  # naive, Europe/Amsterdam wall-clock time
    end: dt.datetime
    gemeente: Gemeente | None
    online: bool
    themas: tuple[Thema, ...]
    initiatieven: tuple[str, ...]
    organisator: str
    bijgewerkt: dt.date
    body: str
    body_line: int
    values: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def is_upcoming(self, today: dt.date) -> bool:
        """Upcoming until its last day is over (a congress stays in the agenda while it runs)."""
        return self.end.date() >= today


@dataclass
class MeetingResult(Findings):
    """What a check of meetings found: the valid meetings besides the messages."""

    meetings: list[Meeting] = field(default_factory=list)


def shaped(values: dict[str, object], key: str) -> str | None:
    """The value when it matches its schema pattern in full; else None (the schema check reported it)."""
    value = values.get(key)
    return value if isinstance(value, str) and re.fullmatch(properties()[key]["pattern"], value) else None


def real_date(check: FileCheck, values: dict[str, object], key: str) -> dt.date | None:
    """An existing date within FIRST_YEAR to LAST_YEAR (reported otherwise)."""
    value = shaped(values, key)
    if value is None:
        return None
    texts = schema.messages()["velden"][key]
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        check.error(key, schema.say(texts["datum"], waarde=schema.quote(value)))
        return None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        check.error(key, schema.say(texts["bereik"], waarde=schema.quote(value), min=FIRST_YEAR, max=LAST_YEAR))
        return None
    return day


def clock(check: FileCheck, values: dict[str, object], key: str) -> dt.time | None:
    value = shaped(values, key)
    return dt.time(int(value[:2]), int(value[3:])) if value is not None else None


def exists(moment: dt.datetime) -> bool:
    """Whether the wall-clock time occurs in Amsterdam: one in the spring gap comes back changed from UTC."""
    there = moment.replace(tzinfo=AMSTERDAM)
    return there.astimezone(dt.timezone.utc).astimezone(AMSTERDAM).replace(tzinfo=None) == moment


def is_ambiguous(moment: dt.datetime) -> bool:
    """Whether the wall-clock time occurs twice (the hour the clock is set back): both folds differ."""
    offsets = {moment.replace(tzinfo=AMSTERDAM, fold=fold).utcoffset() for fold in (0, 1)}
    return exists(moment) and len(offsets) > 1


def stretch(moment: dt.datetime, inside: Callable[[dt.datetime], bool]) -> tuple[dt.datetime, dt.datetime]:
    """The first minute of the run of minutes around `moment` that are `inside`, and the first one after it.

    Derived from the zone's rules, so the message names the real change (02:00 to 03:00) for any year.
    """
    minute = dt.timedelta(minutes=1)
    first = moment
    while inside(first - minute):
        first -= minute
    after = moment + minute
    while inside(after):
        after += minute
    return first, after


def check_clock_exists(check: FileCheck, key: str, moment: dt.datetime) -> bool:
    """Refuse a time that does not exist or occurs twice in Amsterdam on its day; True when it is fine."""
    texts = schema.messages()["velden"][key]
    waarde, datum = schema.quote(f"{moment:%H:%M}"), moment.date().isoformat()
    if not exists(moment):
        first, after = stretch(moment, lambda m: not exists(m))
        check.error(key, schema.say(texts["bestaat_niet"], waarde=waarde, datum=datum, van=f"{first:%H:%M}", naar=f"{after:%H:%M}"))
        return False
    if is_ambiguous(moment):
        first, after = stretch(moment, is_ambiguous)
        check.error(key, schema.say(texts["twee_keer"], waarde=waarde, datum=datum, van=f"{after:%H:%M}", naar=f"{first:%H:%M}"))
        return False
    return True


def check_times(check: FileCheck, values: dict[str, object]) -> tuple[dt.datetime, dt.datetime] | None:
    """Start and end (Amsterdam wall-clock time): the end date not before the day, the end after the start,
    and both times ones that occur exactly once on their day."""
    texts = schema.messages()["velden"]
    day, last = real_date(check, values, "datum"), real_date(check, values, "einddatum")
    begin, finish = clock(check, values, "begintijd"), clock(check, values, "eindtijd")
    if day and last and last <= day:
        check.error("einddatum", schema.say(texts["einddatum"]["voor_datum"], waarde=schema.quote(values["einddatum"]), datum=values["datum"]))
        return None
    # Each time on its own day (the end on the end date: none when that one is bad), each checked
    # even when the other is missing or wrong, so one run names every problem.
    end_day = last if "einddatum" in values else day
    start = dt.datetime.combine(day, begin) if day and begin else None
    end = dt.datetime.combine(end_day, finish) if end_day and finish else None
    start_ok = start is not None and check_clock_exists(check, "begintijd", start)
    end_ok = end is not None and check_clock_exists(check, "eindtijd", end)
    if not (start and end and start_ok and end_ok):
        return None  # a missing or bad part was reported
    if end <= start:
        check.error("eindtijd", schema.say(texts["eindtijd"]["voor_begin"], waarde=schema.quote(values["eindtijd"]), begin=values["begintijd"]))
        return None
    return start, end


def resolve_place(check: FileCheck, values: dict[str, object]) -> Gemeente | None:
    """The municipality, resolved as for initiatives; without one the meeting must be online."""
    name = values.get("gemeente")
    if not isinstance(name, str) or not name.strip():
        if values.get("online") is not True:
            check.error("gemeente", schema.messages()["velden"]["plaats"]["geen"], line=check.line_of("online") if "online" in values else 1)
        return None
    lookup = places.lookup_gemeente(name)
    if lookup.error:
        check.error("gemeente", lookup.error)
    elif lookup.warning:
        check.warning("gemeente", lookup.warning)
    return lookup.gemeenten[0] if lookup.gemeenten else None


def check_initiatives(check: FileCheck, values: dict[str, object], initiative_slugs: set[str]) -> tuple[str, ...]:
    template = schema.messages()["velden"]["initiatieven"]["onbekend"]
    listed = values.get("initiatieven")
    found = []
    for index, slug in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(slug, str):
            continue
        if slug in initiative_slugs:
            found.append(slug)
        else:
            hint = schema.suggestion(slug, sorted(initiative_slugs))
            check.error("initiatieven", schema.say(template, waarde=schema.quote(slug), suggestie=hint), index)
    return tuple(found)


def check_meeting(path: Path, initiative_slugs: set[str]) -> tuple[Meeting | None, list[Message]]:
    check = FileCheck(display_path(path))
    if not read_matter(check, path):
        return None, check.messages
    values = entry_check.shared_checks(check, kinds.meetings())
    times = check_times(check, values)
    bijgewerkt = parse_date(check, values)
    gemeente = resolve_place(check, values)
    found_themas = resolve_themas(check, values)
    slugs = check_initiatives(check, values, initiative_slugs)
    check_content(check)
    if check.failed or times is None or bijgewerkt is None:
        return None, check.messages
    meeting = Meeting(
        slug=path.stem, source=check.path, titel=one_line(values["titel"]), samenvatting=one_line(values["samenvatting"]),
        start=times[0], end=times[1], gemeente=gemeente, online=values.get("online") is True, themas=found_themas,
        initiatieven=slugs, organisator=one_line(values["organisator"]), bijgewerkt=bijgewerkt,
        body=check.matter.body, body_line=check.matter.body_line,
        values={key: plain_value(value) for key, value in values.items()},
    )
    return meeting, check.messages


MeetingOutcome = tuple[Meeting | None, list[Message]]


def check_meetings(paths: Iterable[Path], initiative_slugs: set[str], cache: KindCache[MeetingOutcome] | None = None) -> MeetingResult:
    """Every meeting file under the given paths; related initiatives are judged against initiative_slugs.
    With a cache (the live preview's), unchanged files judged against the same initiatives are not read again."""
    files = discover(paths)
    result = MeetingResult(files=len(files))

    def check(path: Path) -> MeetingOutcome:
        return check_meeting(path, initiative_slugs)

    outcomes = cache.outcomes(files, frozenset(initiative_slugs), check) if cache else [check(path) for path in files]
    result.messages, result.meetings = entry_check.gathered(files, outcomes)
    return result


def initiative_slugs(folder: Path) -> set[str]:
    """The names of the initiative files: what `initiatieven` may refer to."""
    return {path.stem for path in discover([folder]) if path.suffix == ".md"} if folder.exists() else set()
