"""The rules of an entry's fields, for every kind that has the field: keys, the schema, free text, web
addresses, dates, places, themes, the folder, and the body (its shape, personal data, placeholders).

Each rule adds its messages to the file's FileCheck; a value the schema refused already is not judged again.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from kennisbank.entries import body_limits, personal_data, placeholders, places, schema, web_address
from kennisbank.entries.file_check import FileCheck
from kennisbank.entries.file_tree import ROOT
from kennisbank.entries.model import Gemeente, Message, Thema
from kennisbank.entries.themes import themas_by_slug

LANDELIJK = "landelijk"
LIST_FIELDS = ("themas", "partners", "trefwoorden")


def check_keys(check: FileCheck, known: list[str], required: list[str]) -> None:
    """Unknown keys (with a suggestion) and missing or empty required keys, for either schema."""
    general = schema.messages()["algemeen"]
    for key in check.matter.values:
        if key not in known:
            hint = schema.suggestion(key, known)
            check.error(key, schema.say(general["onbekend_veld"], veld=key, suggestie=hint, keuzes=", ".join(known)))
    for key in required:
        if key not in check.matter.values:
            if key not in check.matter.key_lines:  # a key whose value could not be read was reported already
                check.error(key, general["verplicht"], line=1)
        elif check.matter.values[key] is None:
            check.error(key, general["leeg"])


def normalised_values(check: FileCheck) -> dict[str, object]:
    """Known, non-empty values; a single text where a list is expected becomes a one-item list."""
    values = {}
    for key, value in check.matter.values.items():
        if key not in schema.properties() or value is None:
            continue
        if key in LIST_FIELDS and isinstance(value, str):
            value = [value]
        values[key] = value
    return values


def check_schema(check: FileCheck, values: dict[str, object]) -> None:
    # Most files are valid: the compiled check settles those; only failures get the full report.
    if schema.is_valid(values):
        return
    for key, value in values.items():
        for index, inner, text in schema.located_errors(key, value):
            check.error(key, text, index, key=inner)


def check_texts(check: FileCheck, values: dict[str, object], free_text: tuple[str, ...] | None = None) -> None:
    """Free text must be visible and hold no control characters; a message the schema gave is not repeated.

    `free_text`: the free-text fields (default: the initiative schema's; meetings pass their own)."""
    for key in schema.free_text_fields() if free_text is None else free_text:
        if key not in values:
            continue
        for index, text in schema.text_errors(values[key]):
            if not any(m.field == key and m.text == text for m in check.messages):
                check.error(key, text, index)


# address_rules of each kind's properties: those come from the kind's schema, read once (schema.py).
_ADDRESS_RULES: dict[int, tuple[dict[str, dict[str, object]], list[tuple[str, str | None, str]]]] = {}


def address_rules(properties: dict[str, dict[str, object]]) -> list[tuple[str, str | None, str]]:
    known = _ADDRESS_RULES.get(id(properties))
    if known is None or known[0] is not properties:  # the same object, not a new one at a reused address
        known = _ADDRESS_RULES[id(properties)] = (properties, rules_for_addresses(properties))
    return known[1]


def rules_for_addresses(properties: dict[str, dict[str, object]]) -> list[tuple[str, str | None, str]]:
    """(field, key inside its list items or None, 'web' or 'mail-of-web') for every address the schema declares.

    A field with format 'uri' is a web address, and so is such a key of a list of objects (a
    source's url); 'contact' (x-render contact) is an e-mail or a web address.
    """
    found: list[tuple[str, str | None, str]] = []
    for name, rule in properties.items():
        if rule.get("format") == "uri":
            found.append((name, None, "web"))
        elif rule.get("x-render") == "contact":
            found.append((name, None, "mail-of-web"))
        items = rule.get("items")
        if isinstance(items, dict):
            for key, inner in dict(items.get("properties", {})).items():
                if isinstance(inner, dict) and inner.get("format") == "uri":
                    found.append((name, str(key), "web"))
    return found


def address_problem(value: str, kind: str) -> tuple[str, str] | None:
    if kind == "mail-of-web" and not value.lower().startswith(("http://", "https://")):
        return web_address.mail_problem(value)
    return web_address.problem(value)


def check_web_addresses(check: FileCheck, values: dict[str, object], properties: dict[str, dict[str, object]] | None = None) -> None:
    """One rule for every web address (entries.web_address), for each kind's schema; a value the
    schema refused already is not judged again."""
    texts = schema.messages()["webadres"]
    for name, key, kind in address_rules(properties if properties is not None else schema.properties()):
        value = values.get(name)
        found: list[tuple[int | None, object]]
        if key is None:
            found = [(None, value)]
        else:
            found = [(index, item.get(key)) for index, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []
        for index, address in found:
            if not isinstance(address, str) or any(m.field == name and m.line == check.line_of(name, index, key) for m in check.messages):
                continue
            problem = address_problem(address, kind)
            if problem:
                text = schema.say(texts[problem[0]], waarde=schema.quote(address), teken=problem[1])
                if index is not None:
                    item = schema.say(schema.messages()["velden"].get(name, {}).get("onderdeel", "{nummer}"), nummer=index + 1)
                    text = f"{item}, {key}: {text}"
                check.error(name, text, index, key=key)


def next_year() -> int:
    return dt.date.today().year + 1


def check_years(check: FileCheck, values: dict[str, object]) -> None:
    texts = schema.messages()["velden"]
    start, end, status = values.get("startjaar"), values.get("eindjaar"), values.get("status")
    for key in ("startjaar", "eindjaar"):
        year = values.get(key)
        if isinstance(year, int) and not isinstance(year, bool) and year > next_year():
            check.error(key, schema.say(texts[key]["maximum"], max=next_year(), waarde=year))
    if isinstance(start, int) and isinstance(end, int) and end < start:
        check.error("eindjaar", schema.say(texts["eindjaar"]["voor_start"], waarde=end, jaar=start))
    if end is not None and status in ("idee", "lopend"):
        check.error("eindjaar", schema.say(texts["eindjaar"]["status"], waarde=status))
    if values.get("startjaar_uiterlijk") is not None and start is None:
        check.error("startjaar_uiterlijk", texts["startjaar"]["uiterlijk_zonder_jaar"])


def parse_date(check: FileCheck, values: dict[str, object]) -> dt.date | None:
    return past_date(check, values.get("bijgewerkt"), "bijgewerkt")


def past_date(check: FileCheck, value: object, field_name: str, index: int | None = None, key: str | None = None) -> dt.date | None:
    """A JJJJ-MM-DD date that exists and is not in the future; else None (reported, unless the schema did)."""
    texts = schema.messages()["velden"][f"{field_name}.{key}" if key else field_name]
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None  # the schema pattern already reported it
    prefix = ""
    if index is not None:
        item = schema.say(schema.messages()["velden"][field_name]["onderdeel"], nummer=index + 1)
        prefix = f"{item}, {key}: "
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        check.error(field_name, prefix + schema.say(texts["datum"], waarde=schema.quote(value)), index, key=key)
        return None
    if date > dt.date.today():
        check.error(field_name, prefix + schema.say(texts["toekomst"], waarde=schema.quote(value)), index, key=key)
        return None
    return date


def check_source_dates(check: FileCheck, values: dict[str, object]) -> None:
    """Each source's 'geraadpleegd': an existing date, not in the future (as 'bijgewerkt')."""
    sources = values.get("bronnen")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(source, dict):
            past_date(check, source.get("geraadpleegd"), "bronnen", index, "geraadpleegd")


def resolve_gemeenten(check: FileCheck, values: dict[str, object]) -> tuple[tuple, bool]:
    """The municipalities named (merged old names mapped, with a warning) and whether it is national."""
    value = values.get("gemeente")
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    # Beyond the schema's maximum (reported there) names are not looked up: each unknown one costs a fuzzy search.
    limit = schema.properties()["gemeente"]["oneOf"][1]["maxItems"]
    names = [name for name in names[:limit] if isinstance(name, str) and name.strip()]
    is_national = [name.strip().casefold() == LANDELIJK for name in names]
    if any(is_national):
        if len(names) > 1:
            check.error("gemeente", schema.messages()["velden"]["gemeente"]["landelijk_lijst"])
        return (), True
    found: list[Gemeente] = []
    for index, name in enumerate(names):
        item = index if isinstance(value, list) else None
        lookup = places.lookup_gemeente(name)
        if lookup.error:
            check.error("gemeente", lookup.error, item)
        elif lookup.warning:
            check.warning("gemeente", lookup.warning, item)
        found.extend(g for g in lookup.gemeenten if g not in found)
    return tuple(found), False


def resolve_themas(check: FileCheck, values: dict[str, object]) -> tuple:
    vocabulary = themas_by_slug()
    template = schema.messages()["velden"]["themas"]["onbekend"]
    found: list[Thema] = []
    listed = values.get("themas")
    for index, slug in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(slug, str):
            continue  # the schema reported the type
        if slug in vocabulary:
            found.append(vocabulary[slug])
        else:
            hint = schema.suggestion(slug, list(vocabulary))
            check.error("themas", schema.say(template, waarde=schema.quote(slug), suggestie=hint, keuzes=", ".join(vocabulary)), index)
    return tuple(found)


def check_folder(check: FileCheck, path: Path, gemeenten: tuple, national: bool) -> None:
    """Warn when a file is not in initiatives/<provincie>/ (of one of its municipalities) or initiatives/landelijk/."""
    parts = path.parts
    top = next((index for index in range(len(parts) - 2, -1, -1) if parts[index] == ROOT), None)
    expected = [LANDELIJK] if national else list(dict.fromkeys(g.provincie.slug for g in gemeenten))
    if top is None or not expected:
        return  # not inside an initiatives/ folder, or the municipality is unknown (reported already)
    folders = parts[top + 1 : -1]
    if len(folders) == 1 and folders[0] in expected:
        return
    where = "/".join((ROOT, *folders)) + "/"
    check.warning("bestand", schema.say(schema.messages()["bestand"]["map"], waarde=where, suggestie=f"{ROOT}/{expected[0]}/"))


def one_line(value: object) -> str:
    """Plain text on one line: YAML block scalars may carry newlines that would break a heading."""
    return " ".join(str(value).split())


def text_tuple(value: object) -> tuple[str, ...]:
    return tuple(one_line(item) for item in value) if isinstance(value, list) else ()


def plain_value(value: object) -> object:
    """A value as pages and exports use it: text on one line, lists as tuples."""
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, list):
        return tuple(plain_value(item) for item in value)
    if isinstance(value, dict):
        return {key: plain_value(item) for key, item in value.items()}
    return value


def check_content(check: FileCheck) -> None:
    """The body's shape (nesting, runs of markers), personal data of private persons and left-over
    placeholder sentences, fields and body alike."""
    # First: a body beyond these limits would crash or stall Python-Markdown when the site is built.
    for offset, text in body_limits.body_problems(check.matter.body):
        check.messages.append(Message(check.path, check.matter.body_line + offset, personal_data.BODY_FIELD, text))
    for field_name, line, finding in personal_data.in_matter(check.matter):
        check.messages.append(Message(check.path, line, field_name, finding.text, finding.level))
    for line, text in placeholders.in_matter(check.matter):
        check.messages.append(Message(check.path, line, personal_data.BODY_FIELD, text, "waarschuwing"))
