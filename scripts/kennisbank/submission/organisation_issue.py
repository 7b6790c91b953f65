"""A GitHub issue made with the form 'Organisatie aanmelden', turned into an organisation file.

The organisation variant of issue_form.py, as meeting_issue.py is the meeting one: the issue form
(.github/ISSUE_TEMPLATE/organisatie.yml) is generated from schema/organisatie.schema.json, and
`submit` reads a filled-in body with the same parser, writes organisaties/<slug>.md with the same
YAML rules (entry_file.py) and runs the real check of the kind over the folder. Approaches have no
issue form: the editors write them, with a pull request.

    python -m kennisbank.submission.organisation_issue > .github/ISSUE_TEMPLATE/organisatie.yml
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from kennisbank.entries import kind_checks, kinds
from kennisbank.entries.kinds import Kind
from kennisbank.submission import entry_file as entry
from kennisbank.submission import issue_form as issue
from kennisbank.submission.form_fields import Field, fields_of
from kennisbank.submission.skeleton import ENTRY_SECTIONS, slug_for

NAME = "organisatie"
LABEL = "organisatie"
INTRO = (
    "Bedankt dat u een organisatie aanmeldt die initiatieven helpt: een netwerk, fonds, kennisinstituut "
    "of steunpunt, nooit een privépersoon. Na het versturen maakt een robot er een voorstel (pull "
    "request) van, of zet hij in een reactie wat er nog verbeterd moet worden. Een redacteur kijkt "
    "alles na voordat het op de site komt."
)
EXTRA_HELP = {
    "werkgebied": "Eén per regel: landelijk, of provincies en gemeenten. Utrecht en Groningen: schrijf provincie Utrecht of gemeente Utrecht.",
}
EXISTS = "er staat al een organisatie in {waarde}; kies een andere naam, of verbeter dat bestand met een pull request"


def kind() -> Kind:
    return next(k for k in kinds.extra() if k.name == NAME)


def sections() -> tuple[str, ...]:
    return ENTRY_SECTIONS[NAME]


def asked_fields() -> list[Field]:
    return [f for f in fields_of(kind().schema()) if f.name not in issue.NOT_ASKED]


def issue_template() -> str:
    """The YAML of .github/ISSUE_TEMPLATE/organisatie.yml."""
    return issue.form_template("Organisatie aanmelden", "Meld een organisatie aan die maatschappelijke initiatieven helpt.",
                               "Organisatie: ", LABEL, INTRO, asked_fields(), sections(), "organisatie.schema.json",
                               "kennisbank.submission.organisation_issue", EXTRA_HELP)


def file_text(answers: dict[str, object], written: dict[str, str] | None = None) -> str:
    return entry.file_text(answers, written, kind().properties(), sections())


def path_for(answers: dict[str, object]) -> str:
    """organisaties/<slug of the name>.md: organisations lie in one folder."""
    return f"{kind().folder}/{slug_for(str(answers.get('titel') or ''))}.md"


def convert(body: str, today: dt.date) -> issue.Conversion:
    return issue.convert_with(body, today, asked_fields(), sections(), path_for, file_text)


def field_label(name: str) -> str:
    return kind().properties().get(name, {}).get("title", name)


def submit(body: str, output_dir: Path, today: dt.date) -> issue.Outcome:
    """Write the file into output_dir (organisaties/) and run the real check, the kind's own rules
    included (look-alikes); remove it if invalid."""
    return issue.submit_to_folder(body, convert(body, today), output_dir, asked_fields(), EXISTS,
                                  lambda: kind_checks.check_kind(kind(), [output_dir]).messages)


def comment(outcome: issue.Outcome) -> str:
    return issue.comment(outcome, field_label)


if __name__ == "__main__":
    print(issue_template(), end="")
