"""The page 'Organisatie aanmelden': the web form of form_page.py for an organisation.

Generated from schema/organisatie.schema.json as the initiative form is from its schema, with the
same script (assets/aanmelden.js) and stylesheet; only the data script differs: the organisation
schema, its section and folder, and the provinces a werkgebied may name. The browser checks the
werkgebied as entries/areas.py does, with the same Dutch messages.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kennisbank import urls
from kennisbank.entries import personal_data, places, schema
from kennisbank.entries.collection import Collection
from kennisbank.entries.cross_kinds import ORGANISATIONS
from kennisbank.entries.entry_check import Entry
from kennisbank.pages.templating import editors_link, front_matter
from kennisbank.site_config import SiteConfig
from kennisbank.submission import form_data, organisation_issue
from kennisbank.submission.form_fields import fields_of
from kennisbank.submission.form_page import environment

PAGE = "organisatie-aanmelden.md"
DATA_SCRIPT = "assets/organisatie-aanmelden-data.js"


def page(config: SiteConfig) -> str:
    return environment().get_template("organisatie-aanmelden.md.j2").render(
        new_file=form_data.new_file_base(config),
        data_script=DATA_SCRIPT,
        several_gemeenten=False,
        fields=fields_of(organisation_issue.kind().schema()),
        gemeenten=form_data.gemeente_rows(),
        sections=[(title, "") for title in organisation_issue.sections()],
        redactie=editors_link(config),
        front_matter=front_matter("Organisatie aanmelden",
                                  "Meld een organisatie aan die maatschappelijke initiatieven helpt: vul het formulier in en zet het bestand op GitHub."),
    )


def province_keys() -> list[list[object]]:
    """[name, folded keys] of each province, as places.lookup_provincie knows them (name, slug, code, aliases)."""
    return [[p.naam, sorted({places.fold(key) for key in (p.naam, p.slug, p.code, *places.provincie_aliassen().get(p.code, ()))})]
            for p in places.provincies()]


def existing(organisations: Iterable[Entry]) -> dict[str, Any]:
    """For the hint 'Bestaat deze organisatie al?': the rule of entries/kind_checks.py (same website,
    or the same name one typing slip apart), which knows no places: every row has the one place ""."""
    kind = organisation_issue.kind()
    rows: list[list[object]] = [[entry.titel, urls.html_link(PAGE, urls.entry_page(kind.pages, entry.slug)), [""],
                                 str(entry.values.get("website") or "")] for entry in organisations]
    return form_data.look_alike_settings(
        rows, "Bestaat deze organisatie al?",
        "Ze lijkt op een organisatie die al in de kennisbank staat. Is het dezelfde, vul dan liever die pagina aan; "
        "is het een andere, ga dan gewoon verder.", "kb-veld-titel", " (vrijwel dezelfde naam)") | {"zonderPlaats": True}


def data(config: SiteConfig, organisations: Iterable[Entry] = ()) -> dict[str, Any]:
    """What assets/aanmelden.js needs for an organisation; keys as in form_data.form_data."""
    return {
        "soort": organisation_issue.NAME,
        "schema": {**organisation_issue.kind().schema(), "x-tekens": schema.schema()["x-tekens"]},
        **form_data.shared_data(),
        "landelijk": None,  # 'landelijk' is a werkgebied here, judged by the werkgebied rules
        "secties": list(organisation_issue.sections()),
        "map": organisation_issue.kind().folder,
        "provincieMappen": False,
        "nieuwBestand": form_data.new_file_base(config),
        "privacy": personal_data.browser_rules(),
        "provincies": province_keys(),
        "bestaand": existing(organisations),
    }


def write(collection: Collection) -> Iterable[tuple[str, str]]:
    """The organisation form page and its data script (the script and style are form_page's)."""
    yield PAGE, page(collection.config)
    yield DATA_SCRIPT, form_data.script_for(data(collection.config, collection.entries_of(ORGANISATIONS)))
