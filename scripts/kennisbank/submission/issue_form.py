"""A GitHub issue made with the form 'Initiatief aanmelden', turned into an initiative file.

The issue form (.github/ISSUE_TEMPLATE/initiatief.yml) is generated from the schema by
`issue_template()`; GitHub renders a filled-in form as Markdown: one '### Label' heading per
field, then the answer, or '_No response_' when it was left empty. `convert` reads that body,
maps the answers onto the front matter and writes the same file the web form would. The body is
written by strangers: it is only ever data here, never a command, a path or markup.

    python -m kennisbank.submission.issue_form > .github/ISSUE_TEMPLATE/initiatief.yml
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath

import yaml

from kennisbank.entries import duplicates, places, schema
from kennisbank.entries.model import Message
from kennisbank.entries.field_rules import LANDELIJK
from kennisbank.entries.file_tree import display_path
from kennisbank.entries.validate import check_paths
from kennisbank.submission import entry_file as entry
from kennisbank.submission import source_lines
from kennisbank.submission.form_fields import (
    INITIATIVES,
    KIND_LINES,
    Field,
    fields,
    kind_lines,
)
from kennisbank.submission.skeleton import SECTIONS, OutsideFolder, write_new

LABEL = "initiatief"
NO_RESPONSE = "_No response_"
# The label is stripped in Python: a lazy group before [ \t]*$ would backtrack on long lines.
HEADING = re.compile(r"^###[ \t]+([^\n]*)$", re.M)
INTEGER = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
# Longer answers are refused with a reply rather than read: no valid answer comes near these.
MAX_ANSWER = 10_000
MAX_YEAR_ANSWER = 20
MAX_SECTION = 30_000
MAX_INT_DIGITS = 18
BULLET = re.compile(r"^(?:[-*+]|\d+[.)])[ \t]+")
# The date is not asked: the file says when the entry was last checked, i.e. when it is converted.
NOT_ASKED = ("bijgewerkt",)
CONSENT_ID = "toestemming"
CONSENT_LABEL = "Toestemming"
CONSENT_TEXT = (
    "De tekst mag onder de licentie CC BY 4.0 op de site; er staan geen namen of gegevens van "
    "privépersonen in."
)
INTRO = (
    "Bedankt dat u een initiatief aanmeldt! Vul de vragen zo goed mogelijk in. Na het versturen "
    "maakt een robot er een voorstel (pull request) van, of zet hij in een reactie wat er nog "
    "verbeterd moet worden. Een redacteur kijkt alles na voordat het op de site komt."
)
EXTRA_HELP = {
    "gemeente": "Meerdere gemeenten: zet er een komma tussen. Een landelijk initiatief: schrijf landelijk.",
}
EXISTS = "er staat al een initiatief in {waarde}; kies een andere titel, of verbeter dat bestand met een pull request"


def section_id(title: str) -> str:
    return places.slugify(title).replace("-", "_")


def asked_fields() -> list[Field]:
    return [f for f in fields() if f.name not in NOT_ASKED]


# --- the issue form, generated from the schema ----------------------------------------------


def form_item(f: Field, extra_help: dict[str, str] | None = None) -> dict[str, object]:
    """One question of the issue form for a schema field (extra_help: the initiative form's by default)."""
    extra = EXTRA_HELP if extra_help is None else extra_help
    description = " ".join(part for part in (f.help, extra.get(f.name, "")) if part)
    attributes: dict[str, object] = {"label": f.label, "description": description}
    if f.widget in ("select", "themes", "checkbox"):
        attributes["options"] = [label for _, label in f.choices]
        if f.widget == "themes":
            attributes["multiple"] = True
        kind = "dropdown"
    elif f.widget in ("textarea", "lines", "bronnen", KIND_LINES, INITIATIVES):
        kind = "textarea"
    else:
        kind = "input"
    return {"type": kind, "id": f.name, "attributes": attributes, "validations": {"required": f.required}}


def section_item(title: str) -> dict[str, object]:
    return {
        "type": "textarea",
        "id": section_id(title),
        "attributes": {"label": title, "description": "Mag leeg blijven. Markdown mag."},
        "validations": {"required": False},
    }


def form_template(name: str, description: str, title: str, label: str, intro: str, asked: list[Field],
                  section_titles: Iterable[str], schema_file: str, module: str, extra_help: dict[str, str] | None = None) -> str:
    """The YAML of a GitHub issue form: intro, one item per asked field, the text sections, consent."""
    form = {
        "name": name,
        "description": description,
        "title": title,
        "labels": [label],
        "body": [
            {"type": "markdown", "attributes": {"value": intro}},
            *(form_item(f, extra_help) for f in asked),
            *(section_item(heading) for heading in section_titles),
            {
                "type": "checkboxes",
                "id": CONSENT_ID,
                "attributes": {"label": CONSENT_LABEL, "options": [{"label": CONSENT_TEXT, "required": True}]},
            },
        ],
    }
    header = f"# Generated from scripts/kennisbank/schema/{schema_file}: python -m {module}\n"
    return header + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=100)


def issue_template() -> str:
    """The YAML of .github/ISSUE_TEMPLATE/initiatief.yml."""
    return form_template("Initiatief aanmelden", "Meld een maatschappelijk initiatief aan voor de kennisbank.", "Initiatief: ",
                         LABEL, INTRO, asked_fields(), SECTIONS, "initiatief.schema.json", "kennisbank.submission.issue_form")


# --- reading a filled-in issue ----------------------------------------------------------------


def labels_in_order(asked: list[Field] | None = None, section_titles: Iterable[str] = SECTIONS) -> list[str]:
    """The headings of a filled-in form, in order (default: the initiative form's)."""
    return [f.label for f in (asked_fields() if asked is None else asked)] + list(section_titles) + [CONSENT_LABEL]


def parse_body(body: str, labels: list[str]) -> dict[str, str | None]:
    """The answer under each expected '### Label' heading (None for '_No response_' or missing).

    GitHub writes every label's heading, in the form's order, with the answer below it. An answer
    may contain a '### Label' line of its own, so the headings are matched from the last label
    back: each label's heading is the last one with that label before the next label's heading.
    A heading typed inside an answer then stays part of it, whether it names an earlier label or
    a later one. One pass over the headings, then one bisect per label: linear in the body.
    """
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    positions: dict[str, list[tuple[int, int]]] = {label: [] for label in labels}
    for match in HEADING.finditer(text):
        label = match.group(1).strip(" \t")
        if label in positions:
            positions[label].append((match.start(), match.end()))
    found: dict[str, str | None] = {label: None for label in labels}
    stop = len(text)
    for label in reversed(labels):
        candidates = positions[label]
        index = bisect.bisect_left(candidates, (stop, -1)) - 1
        if index < 0:
            continue  # heading missing: the label has no answer
        start, end = candidates[index]
        answer = entry.strip(text[end:stop])
        found[label] = None if answer in ("", NO_RESPONSE) else answer
        stop = start
    return found


def items(text: str) -> list[str]:
    """One item per line; list bullets and empty lines dropped."""
    return [entry.strip(BULLET.sub("", line)) for line in text.split("\n") if entry.strip(BULLET.sub("", line))]


@cache
def longest_gemeente_parts() -> int:
    """The most comma-separated parts in any municipality name or alias ('Nuenen, Gerwen en ...': 2)."""
    names = [name for g in places.gemeenten() for name in (g.naam, g.naam_gangbaar)]
    names += [alias for aliases in places.aliassen().values() for alias in aliases]
    return max(len(re.split(r"[,;\n]", name)) for name in names)


def gemeente_names(text: str) -> list[str]:
    """Split on commas and line breaks, but keep names that contain a comma themselves.

    A joined name is tried only up to the longest known name, so the work grows linearly.
    """
    if places.resolves(text):
        return [text]
    parts = [entry.strip(p) for p in re.split(r"[,;\n]", text) if entry.strip(p)]
    names, index = [], 0
    window = longest_gemeente_parts()
    while index < len(parts):
        for stop in range(min(len(parts), index + window), index, -1):
            joined = ", ".join(parts[index:stop])
            if stop == index + 1 or places.resolves(joined):
                names.append(joined)
                index = stop
                break
    return names


def gemeente_value(text: str) -> str | list[str]:
    if places.fold(text) == LANDELIJK:
        return LANDELIJK
    names: dict[str, None] = {}
    for name in gemeente_names(text):
        # Unknown names are kept as typed; the check explains them (looking up only known ones is quick).
        shown = places.lookup_gemeente(name).gemeenten[0].naam_gangbaar if places.resolves(name) else name
        names.setdefault(shown, None)
    found = list(names)
    return found[0] if len(found) == 1 else found


def choice_values(text: str, f: Field) -> list[str]:
    """Dropdown labels (comma-separated when several) back to their values; unknown ones kept."""
    by_label = {label: value for value, label in f.choices}
    window = max((label.count(",") + 1 for label in by_label), default=1)
    parts = [entry.strip(p) for p in text.split(",")]
    values, index = [], 0
    while index < len(parts):
        for stop in range(min(len(parts), index + window), index, -1):
            joined = ", ".join(parts[index:stop])
            if joined in by_label or stop == index + 1:
                values.append(by_label.get(joined, joined))
                index = stop
                break
    return [v for v in values if v]


def answer_value(f: Field, text: str) -> object:
    if f.widget == "gemeente":
        return gemeente_value(text)
    if f.widget == "themes":
        return choice_values(text, f)
    if f.widget == "select":
        return next(iter(choice_values(text, f)), text)
    if f.widget == "year":
        return int(text) if INTEGER.match(text) and len(text.lstrip("+-")) <= MAX_INT_DIGITS else text
    if f.widget in ("lines", INITIATIVES):
        return items(text)
    if f.widget == "checkbox":  # a yes/no dropdown; 'no' leaves the key out
        value = next(iter(choice_values(text, f)), text)
        return {"true": True, "false": None}.get(value, value)
    if f.widget == "bronnen":
        return source_lines.sources(items(text))
    if f.widget == KIND_LINES:
        return kind_lines("\n".join(items(text)), schema.properties()[f.name])
    return text


@dataclass
class Conversion:
    answers: dict[str, object]
    sections: dict[str, str]
    path: str  # repository-relative, e.g. initiatives/utrecht/buurtkamer.md
    text: str


def answer_limit(label: str, asked: list[Field] | None = None) -> int:
    """The longest answer allowed under a label; `asked`: the form's fields (default: the initiative form's)."""
    by_label = {f.label: f for f in (asked_fields() if asked is None else asked)}
    if label in by_label:
        return MAX_YEAR_ANSWER if by_label[label].widget == "year" else MAX_ANSWER
    return MAX_SECTION


def oversized(found: dict[str, str | None], asked: list[Field] | None = None) -> dict[str, int]:
    """Label -> length of every answer longer than its limit."""
    return {label: len(text) for label, text in found.items() if text is not None and len(text) > answer_limit(label, asked)}


def convert_with(body: str, today: dt.date, asked: list[Field], section_titles: Iterable[str],
                 path_for: Callable[[dict[str, object]], str],
                 file_text: Callable[[dict[str, object], dict[str, str]], str]) -> Conversion:
    """The file for an issue body of either form (answers over their limit left out: submit refuses those)."""
    titles = list(section_titles)
    found = parse_body(body, labels_in_order(asked, titles))
    too_long = oversized(found, asked)
    found = {label: None if label in too_long else text for label, text in found.items()}
    answers: dict[str, object] = {}
    for f in asked:
        text = found.get(f.label)
        if text is not None:
            answers[f.name] = answer_value(f, text)
    answers["bijgewerkt"] = today.isoformat()
    sections = {title: found[title] or "" for title in titles}
    return Conversion(answers, sections, path_for(answers), file_text(answers, sections))


def convert(body: str, today: dt.date) -> Conversion:
    """The initiative file for an issue body."""
    return convert_with(body, today, asked_fields(), SECTIONS, entry.path_for, entry.file_text)


# --- writing and checking it ------------------------------------------------------------------


@dataclass
class Outcome:
    conversion: Conversion
    target: Path
    messages: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(m.level == "fout" for m in self.messages)


def target_in(output_dir: Path, path: str) -> Path:
    """Where the repository-relative path lands when initiatives/ is output_dir."""
    return output_dir.joinpath(*PurePosixPath(path).relative_to(entry.ROOT).parts)


def concerns(message: Message, shown: str) -> bool:
    # An existing entry "looks like" the new one too; the new file's own warning says it already.
    return message.path == shown or (shown in message.text and not duplicates.is_duplicate(message))


def submit_to_folder(body: str, conversion: Conversion, output_dir: Path, asked: list[Field], exists: str,
                     folder_messages: Callable[[], Iterable[Message]]) -> Outcome:
    """write_checked for a kind whose files lie in one folder (meetings, organisations): the new file
    goes into output_dir, and the check of that folder gives the messages about it."""
    def check(shown: str) -> list[Message]:
        return [m for m in folder_messages() if m.path == shown or shown in m.text]

    return write_checked(body, conversion, output_dir / PurePosixPath(conversion.path).name, output_dir, asked, exists, check)


def write_checked(body: str, conversion: Conversion, target: Path, output_dir: Path, asked: list[Field], exists: str,
                  check: Callable[[str], list[Message]]) -> Outcome:
    """Refuse answers over their limit, write the new file (never over another), and run the real
    check: `check(shown path)` gives the messages about the new file. An invalid file is removed."""
    outcome = Outcome(conversion, target)
    too_long = oversized(parse_body(body, labels_in_order(asked, conversion.sections)), asked)
    if too_long:
        names = {f.label: f.name for f in asked}
        template = schema.messages()["algemeen"]["lengte_max"]
        outcome.messages = [
            Message(display_path(target), 1, names.get(label, label), schema.say(template, max=answer_limit(label, asked), lengte=length))
            for label, length in too_long.items()
        ]
        return outcome
    try:
        write_new(target, output_dir, conversion.text)
    except (FileExistsError, OutsideFolder):
        text = schema.say(exists, waarde=schema.quote(conversion.path))
        outcome.messages.append(Message(display_path(target), 1, "bestand", text))
        return outcome
    outcome.messages = check(display_path(target))
    if not outcome.ok:
        target.unlink()
    return outcome


def submit(body: str, output_dir: Path, today: dt.date) -> Outcome:
    """Write the file into output_dir and run the real check over the folder; remove it if invalid."""
    conversion = convert(body, today)

    def check(shown: str) -> list[Message]:
        return [m for m in check_paths([output_dir]).messages if concerns(m, shown)]

    return write_checked(body, conversion, target_in(output_dir, conversion.path), output_dir, asked_fields(), EXISTS, check)


def field_label(name: str) -> str:
    return schema.properties().get(name, {}).get("title", name)


def fence_for(text: str) -> str:
    """A backtick fence longer than any run of backticks in the text, so nothing breaks out."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


WARNINGS_ONLY = (
    "Bedankt voor uw aanmelding! We maken er een voorstel van. Let wel op wat de controle hieronder "
    "meldt, zoals gegevens van privépersonen: pas het issue aan (kies ··· en dan Edit) als er iets niet "
    "op de site mag; we werken het voorstel dan bij."
)


DUPLICATE_HINT = (
    "**Bestaat dit initiatief al?** Het lijkt op een initiatief dat al in de kennisbank staat (zie "
    "'lijkt op' hieronder). Is het hetzelfde initiatief, vul dan liever dat bestand aan; het kan ook "
    "gewoon een ander initiatief zijn."
)


def comment(outcome: Outcome, label: Callable[[str], str] = field_label) -> str:
    """The Dutch reply on the issue: what to fix, or (for a valid entry) the warnings to look at.

    label: a field's title (the initiative schema's by default)."""
    lines = [
        f"{label(m.field)}: {'waarschuwing: ' if m.level == 'waarschuwing' else ''}{m.text}"
        for m in outcome.messages
    ]
    listing = "\n".join(lines)
    fence = fence_for(listing)
    hint = f"{DUPLICATE_HINT}\n\n" if any(duplicates.is_duplicate(m) for m in outcome.messages) else ""
    if outcome.ok:
        return f"{WARNINGS_ONLY}\n\n{hint}{fence}text\n{listing}\n{fence}\n"
    return hint + (
        "Bedankt voor uw aanmelding! Voordat we er een voorstel van kunnen maken, moet er nog iets "
        "verbeterd worden. Pas het issue aan (kies ··· en dan Edit); we controleren het daarna opnieuw.\n\n"
        f"{fence}text\n{listing}\n{fence}\n"
    )


if __name__ == "__main__":
    print(issue_template(), end="")
