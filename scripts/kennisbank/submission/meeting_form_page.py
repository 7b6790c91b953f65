"""The page 'Bijeenkomst aanmelden': the web form of form_page.py for a meeting.

Generated from schema/bijeenkomst.schema.json as the initiative form is from its schema, with the
same script (assets/aanmelden.js) and stylesheet; only the data script differs: the meeting schema,
its sections and folder, and the initiatives a meeting may name. The browser checks what
entries/meetings.py checks (end after start, a municipality or online, initiatives that exist)
with the same Dutch messages.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kennisbank import urls
from kennisbank.entries import meetings, personal_data, schema
from kennisbank.entries.collection import Collection
from kennisbank.entries.model import Initiative
from kennisbank.pages.templating import editors_link, front_matter
from kennisbank.site_config import SiteConfig
from kennisbank.submission import form_data, meeting_file
from kennisbank.submission.form_page import environment
from kennisbank.submission.skeleton import MEETING_SECTIONS

PAGE = urls.SUBMIT_MEETING
DATA_SCRIPT = "assets/bijeenkomst-aanmelden-data.js"


def initiative_choices(initiatives: Iterable[Initiative]) -> list[tuple[str, str]]:
    """(slug, title) of every published initiative, by title: what `initiatieven` may name."""
    return sorted(((i.slug, i.titel) for i in initiatives), key=lambda pair: (pair[1].casefold(), pair[0]))


def page(config: SiteConfig, initiatives: Iterable[Initiative]) -> str:
    return environment().get_template("bijeenkomst-aanmelden.md.j2").render(
        new_file=form_data.new_file_base(config),
        data_script=DATA_SCRIPT,
        several_gemeenten=False,
        fields=meeting_file.fields(),
        gemeenten=form_data.gemeente_rows(),
        initiatives=initiative_choices(initiatives),
        sections=[(title, "") for title in MEETING_SECTIONS],
        redactie=editors_link(config),
        front_matter=front_matter(
            "Bijeenkomst aanmelden",
            "Meld een bijeenkomst over maatschappelijke initiatieven aan voor de agenda: vul het formulier in en zet het bestand op GitHub.",
        ),
    )


def data(config: SiteConfig, initiatives: Iterable[Initiative]) -> dict[str, Any]:
    """What assets/aanmelden.js needs for a meeting; keys as in form_data.form_data."""
    return {
        "soort": "bijeenkomst",
        # The free-text rules (visible characters, no control characters) are the initiative schema's.
        "schema": {**meetings.meeting_schema(), "x-tekens": schema.schema()["x-tekens"]},
        **form_data.shared_data(),
        "landelijk": None,  # a meeting has a place or is online; 'landelijk' is no municipality here
        "secties": list(MEETING_SECTIONS),
        "map": meeting_file.ROOT,
        "provincieMappen": False,
        "nieuwBestand": form_data.new_file_base(config),
        "privacy": personal_data.browser_rules(),
        "initiatieven": sorted(i.slug for i in initiatives),  # sorted as the check offers its suggestions
    }


def write(collection: Collection) -> Iterable[tuple[str, str]]:
    """The meeting form page and its data script (the script and style are form_page's)."""
    initiatives = list(collection.initiatives)
    yield PAGE, page(collection.config, initiatives)
    yield DATA_SCRIPT, form_data.script_for(data(collection.config, initiatives))
