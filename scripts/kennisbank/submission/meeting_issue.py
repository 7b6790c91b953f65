"""A GitHub issue made with the form 'Bijeenkomst aanmelden', turned into a meeting file.

The meeting variant of issue_form.py: the issue form (.github/ISSUE_TEMPLATE/bijeenkomst.yml) is
generated from schema/bijeenkomst.schema.json by `issue_template()`, and `submit` reads a filled-in
body with the same parser, writes bijeenkomsten/<slug>.md with the same YAML rules (meeting_file.py)
and runs the real meeting check over the folder. The body is written by strangers: only data here.

    python -m kennisbank.submission.meeting_issue > .github/ISSUE_TEMPLATE/bijeenkomst.yml
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

import yaml

from kennisbank.entries import meetings, schema
from kennisbank.entries.model import Message
from kennisbank.entries.validate import display_path
from kennisbank.submission import issue_form as issue
from kennisbank.submission import meeting_file
from kennisbank.submission.form_fields import Field
from kennisbank.submission.skeleton import MEETING_SECTIONS, OutsideFolder, write_new

LABEL = "bijeenkomst"
NOT_ASKED = issue.NOT_ASKED
INITIATIVES = "initiatives"  # next to bijeenkomsten/: the initiatives a meeting may name
INTRO = (
    "Bedankt dat u een bijeenkomst aanmeldt! Vul de vragen zo goed mogelijk in. Na het versturen "
    "maakt een robot er een voorstel (pull request) van, of zet hij in een reactie wat er nog "
    "verbeterd moet worden. Een redacteur kijkt alles na voordat het in de agenda komt."
)
EXTRA_HELP = {
    "initiatieven": "U vindt de bestandsnaam in het webadres van de pagina van het initiatief, zonder .html.",
}
EXISTS = "er staat al een bijeenkomst in {waarde}; kies een andere titel, of verbeter dat bestand met een pull request"


def asked_fields() -> list[Field]:
    return [f for f in meeting_file.fields() if f.name not in NOT_ASKED]


def issue_template() -> str:
    """The YAML of .github/ISSUE_TEMPLATE/bijeenkomst.yml."""
    form = {
        "name": "Bijeenkomst aanmelden",
        "description": "Meld een bijeenkomst over maatschappelijke initiatieven aan voor de agenda.",
        "title": "Bijeenkomst: ",
        "labels": [LABEL],
        "body": [
            {"type": "markdown", "attributes": {"value": INTRO}},
            *(issue.form_item(f, EXTRA_HELP) for f in asked_fields()),
            *(issue.section_item(title) for title in MEETING_SECTIONS),
            {
                "type": "checkboxes",
                "id": issue.CONSENT_ID,
                "attributes": {"label": issue.CONSENT_LABEL, "options": [{"label": issue.CONSENT_TEXT, "required": True}]},
            },
        ],
    }
    header = "# Generated from scripts/kennisbank/schema/bijeenkomst.schema.json: python -m kennisbank.submission.meeting_issue\n"
    return header + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=100)


def labels_in_order() -> list[str]:
    return [f.label for f in asked_fields()] + list(MEETING_SECTIONS) + [issue.CONSENT_LABEL]


def oversized(found: dict[str, str | None]) -> dict[str, int]:
    """Label -> length of every answer longer than its limit (as issue_form.oversized)."""
    fields = {f.label for f in asked_fields()}
    return {
        label: len(text) for label, text in found.items()
        if text is not None and len(text) > (issue.MAX_ANSWER if label in fields else issue.MAX_SECTION)
    }


def convert(body: str, today: dt.date) -> issue.Conversion:
    """The meeting file for an issue body (answers over their limit left out: submit refuses those)."""
    found = issue.parse_body(body, labels_in_order())
    too_long = oversized(found)
    answers: dict[str, object] = {}
    for f in asked_fields():
        text = found.get(f.label)
        if text is not None and f.label not in too_long:
            answers[f.name] = issue.answer_value(f, text)
    answers["bijgewerkt"] = today.isoformat()
    sections = {title: "" if title in too_long else found[title] or "" for title in MEETING_SECTIONS}
    return issue.Conversion(answers, sections, meeting_file.path_for(answers), meeting_file.file_text(answers, sections))


def field_label(name: str) -> str:
    return meetings.properties().get(name, {}).get("title", name)


def submit(body: str, output_dir: Path, today: dt.date) -> issue.Outcome:
    """Write the file into output_dir (bijeenkomsten/) and run the real meeting check; remove it if invalid."""
    conversion = convert(body, today)
    target = output_dir / PurePosixPath(conversion.path).name
    outcome = issue.Outcome(conversion, target)
    too_long = oversized(issue.parse_body(body, labels_in_order()))
    if too_long:
        names = {f.label: f.name for f in asked_fields()}
        template = schema.messages()["algemeen"]["lengte_max"]
        limits = {label: issue.MAX_ANSWER if label in names else issue.MAX_SECTION for label in too_long}
        outcome.messages = [
            Message(display_path(target), 1, names.get(label, label), schema.say(template, max=limits[label], lengte=length))
            for label, length in too_long.items()
        ]
        return outcome
    try:
        write_new(target, output_dir, conversion.text)
    except (FileExistsError, OutsideFolder):
        text = schema.say(EXISTS, waarde=schema.quote(conversion.path))
        outcome.messages.append(Message(display_path(target), 1, "bestand", text))
        return outcome
    shown = display_path(target)
    result = meetings.check_meetings([output_dir], meetings.initiative_slugs(output_dir.parent / INITIATIVES))
    outcome.messages = [m for m in result.messages if m.path == shown or shown in m.text]
    if not outcome.ok:
        target.unlink()
    return outcome


def comment(outcome: issue.Outcome) -> str:
    return issue.comment(outcome, field_label)


if __name__ == "__main__":
    print(issue_template(), end="")
