"""A GitHub issue made with the form 'Bijeenkomst aanmelden', turned into a meeting file.

The meeting variant of issue_form.py: the issue form (.github/ISSUE_TEMPLATE/bijeenkomst.yml) is
generated from schema/bijeenkomst.schema.json by `issue_template()`, and `submit` reads a filled-in
body with the same parser, writes bijeenkomsten/<slug>.md with the same YAML rules (meeting_file.py)
and runs the real meeting check over the folder. The body is written by strangers: only data here.

    python -m kennisbank.submission.meeting_issue > .github/ISSUE_TEMPLATE/bijeenkomst.yml
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from kennisbank.entries import kinds, meetings
from kennisbank.submission import issue_form as issue
from kennisbank.submission import meeting_file
from kennisbank.submission.form_fields import Field
from kennisbank.submission.skeleton import MEETING_SECTIONS

LABEL = "bijeenkomst"
NOT_ASKED = issue.NOT_ASKED
INITIATIVES = kinds.initiatives().folder  # next to bijeenkomsten/: the initiatives a meeting may name
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
    return issue.form_template("Bijeenkomst aanmelden", "Meld een bijeenkomst over maatschappelijke initiatieven aan voor de agenda.",
                               "Bijeenkomst: ", LABEL, INTRO, asked_fields(), MEETING_SECTIONS, "bijeenkomst.schema.json",
                               "kennisbank.submission.meeting_issue", EXTRA_HELP)


def convert(body: str, today: dt.date) -> issue.Conversion:
    """The meeting file for an issue body (answers over their limit left out: submit refuses those)."""
    return issue.convert_with(body, today, asked_fields(), MEETING_SECTIONS, meeting_file.path_for, meeting_file.file_text)


def field_label(name: str) -> str:
    return meetings.properties().get(name, {}).get("title", name)


def submit(body: str, output_dir: Path, today: dt.date) -> issue.Outcome:
    """Write the file into output_dir (bijeenkomsten/) and run the real meeting check; remove it if invalid."""
    return issue.submit_to_folder(body, convert(body, today), output_dir, asked_fields(), EXISTS,
                                  lambda: meetings.check_meetings([output_dir], meetings.initiative_slugs(output_dir.parent / INITIATIVES)).messages)


def comment(outcome: issue.Outcome) -> str:
    return issue.comment(outcome, field_label)


if __name__ == "__main__":
    print(issue_template(), end="")
