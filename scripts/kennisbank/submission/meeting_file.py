"""A new meeting file (bijeenkomsten/<slug>.md) from answers, with the YAML rules of entry_file.

The web form's meeting variant (assets/aanmelden.js, fed by meeting_form_page.py) and the meeting
issue form (meeting_issue.py) both write exactly this: the meeting schema's keys in its order, then
the filled-in sections of skeleton.MEETING_SECTIONS.
"""
from __future__ import annotations

import dataclasses

from kennisbank.entries import meetings
from kennisbank.submission import entry_file as entry
from kennisbank.submission.form_fields import Field, fields_of
from kennisbank.submission.skeleton import MEETING_SECTIONS, slug_for

ROOT = meetings.FOLDER.as_posix()
# The schema speaks YAML ('true als ...'); a checkbox or a yes/no question needs words.
FORM_HELP = {
    "online": "Kan men de bijeenkomst (ook) online volgen? Zonder gemeente is de bijeenkomst alleen online.",
}


def fields() -> list[Field]:
    """Every property of the meeting schema as a form field, in the schema's order."""
    return [dataclasses.replace(f, help=FORM_HELP.get(f.name, f.help)) for f in fields_of(meetings.meeting_schema())]


def file_text(answers: dict[str, object], sections: dict[str, str] | None = None) -> str:
    return entry.file_text(answers, sections, meetings.properties(), MEETING_SECTIONS)


def path_for(answers: dict[str, object]) -> str:
    """bijeenkomsten/<slug of the title>.md: meetings lie in one folder, whatever the place."""
    return f"{ROOT}/{slug_for(str(answers.get('titel') or ''))}.md"
