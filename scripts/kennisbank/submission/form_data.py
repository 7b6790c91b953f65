"""What the form's JavaScript needs, as one data script: schema, messages, themes, municipalities.

The browser validates with the same schema and the same Dutch messages as `kennisbank check`;
they are copied here at build time, never written a second time in JavaScript.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from kennisbank import urls
from kennisbank.entries import duplicates, personal_data, places, schema
from kennisbank.entries.model import Initiative
from kennisbank.entries.themes import themas
from kennisbank.entries.field_rules import LANDELIJK
from kennisbank.site_config import SiteConfig
from kennisbank.submission.entry_file import ROOT
from kennisbank.submission.skeleton import SECTIONS

GLOBAL_NAME = "KB_AANMELDEN"
# A value no municipality name resembles, so places.lookup_gemeente gives its plain "unknown"
# message (without a suggestion); the browser puts the entered name where the placeholder is.
PLACEHOLDER = "{waarde}"


def unknown_gemeente_template() -> str:
    """The check's message for an unknown municipality, with '{waarde}' for the name."""
    error = places.lookup_gemeente(PLACEHOLDER).error or ""
    if PLACEHOLDER not in error:
        raise ValueError(f"unexpected message for an unknown municipality: {error!r}")
    return error


def gemeente_verdicts() -> dict[str, dict[str, Any]]:
    """The check's own verdict on each former or ambiguous spelling it knows, for the browser.

    Keyed by the folded spelling: 'fout' or 'waarschuwing' holds the check's message with
    '{waarde}' where the typed name goes; 'codes' are the current municipalities to offer
    (the form names them on buttons), 'code' the one it resolves to when it is only a warning.
    """
    found: dict[str, dict[str, Any]] = {}
    for key, (kind, gemeenten) in sorted(places.lookup_keys().items()):
        if kind == "huidig":
            continue
        lookup = places.lookup_gemeente(key)
        text = lookup.error or lookup.warning or ""
        subject = f"'{key}'"
        if not text.startswith(subject):
            raise ValueError(f"unexpected message for {key!r}: {text!r}")
        verdict: dict[str, Any] = {
            "fout" if lookup.error else "waarschuwing": f"'{PLACEHOLDER}'{text[len(subject):]}",
            "codes": [g.code for g in gemeenten],
        }
        if lookup.gemeenten:
            verdict["code"] = lookup.gemeenten[0].code
        found[key] = verdict
    return found


def suggestion_template() -> str:
    """The check's message for an unknown name with suggestions, '{waarde}' and '{keuzes}' in place.

    Made by asking the check about a misspelt municipality and putting the placeholders back."""
    gemeente = places.gemeenten()[0]
    typed = gemeente.naam_gangbaar[:-1] + "q"
    error = places.lookup_gemeente(typed).error or ""
    shown, choice = f"'{typed}'", f"'{gemeente.naam_gangbaar}'"
    if error.count(shown) != 1 or error.count(choice) != 1:
        raise ValueError(f"unexpected message for a misspelt municipality: {error!r}")
    return error.replace(shown, f"'{PLACEHOLDER}'").replace(choice, "{keuzes}")


def suggestion_data() -> dict[str, Any]:
    """What the browser needs to suggest names as the check does (difflib's close matches)."""
    cutoff, most = places.suggestion_settings()
    return {
        "namen": {key: [g.code for g in found] for key, found in sorted(places.suggestion_index().items())},
        "drempel": cutoff,
        "hooguit": most,
        "melding": suggestion_template(),
    }


def gemeente_rows() -> list[dict[str, Any]]:
    """Current municipalities with every spelling the check accepts (aliases via the records)."""
    aliases = places.aliassen()
    return [
        {
            "naam": gemeente.naam_gangbaar,
            "officieel": gemeente.naam,
            "code": gemeente.code,
            "slug": gemeente.slug,
            "provincie": gemeente.provincie.slug,
            "provincieNaam": gemeente.provincie.naam,
            "aliassen": list(aliases.get(gemeente.code, ())),
        }
        for gemeente in places.gemeenten()
    ]


def new_file_base(config: SiteConfig) -> str:
    """The hosting site's create-file page on the default branch; filename and value follow."""
    return f"{config.repo_url}/new/{config.branch}"


FORM_PAGE = "aanmelden.md"


def look_alike_settings(rows: list[list[object]], heading: str, explanation: str, after: str, same_title: str) -> dict[str, Any]:
    """The rule's settings, the published entries as rows [title, page, places, website], and the
    hint's texts and place in the form (the id of the field it follows)."""
    return {
        "stopwoorden": list(duplicates.STOP_WORDS),
        "vaagVanaf": duplicates.FUZZY_FROM,
        "hooguit": duplicates.MAX_NAMED,
        "landelijkeNamen": list(duplicates.NATIONAL_NAMES),
        "items": rows,
        "kop": heading,
        "uitleg": explanation,
        "na": after,
        "zelfdeTitel": same_title,
    }


def existing(initiatives: Iterable[Initiative]) -> dict[str, Any]:
    """For the hint 'Bestaat dit initiatief al?': every published initiative with its places as
    entries/duplicates.py sees them; the browser applies that rule."""
    rows: list[list[object]] = []
    for initiative in initiatives:
        entry = duplicates.entry_of(initiative, {})
        rows.append([entry.titel, urls.html_link(FORM_PAGE, urls.initiative(initiative.slug)), list(entry.places), entry.website or ""])
    return look_alike_settings(rows, "Bestaat dit initiatief al?",
                               "Het lijkt op wat al in de kennisbank staat. Is het hetzelfde initiatief, vul dan liever die pagina aan; "
                               "is het een ander, ga dan gewoon verder.", "kb-veld-gemeente", " (vrijwel dezelfde titel)")


def shared_data() -> dict[str, Any]:
    """What every form's script needs: the messages, the themes and how municipalities are judged."""
    return {
        "meldingen": schema.messages(),
        "themas": [{"slug": t.slug, "label": t.label} for t in themas()],
        "gemeenten": gemeente_rows(),
        "gemeenteOnbekend": unknown_gemeente_template(),
        "gemeenteOordelen": gemeente_verdicts(),
        "gemeenteSuggesties": suggestion_data(),
    }


def form_data(config: SiteConfig, initiatives: Iterable[Initiative] = ()) -> dict[str, Any]:
    return {
        "schema": schema.schema(),
        **shared_data(),
        "landelijk": LANDELIJK,
        "secties": list(SECTIONS),
        "map": ROOT,
        "nieuwBestand": new_file_base(config),
        "privacy": personal_data.browser_rules(),
        "bestaand": existing(initiatives),
    }


def script_json(value: object) -> str:
    """JSON that is also safe inside HTML and as JavaScript source (no '</script>', no U+2028)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def script_for(data: dict[str, Any]) -> str:
    """A form's data script: the data as the global the form's script reads."""
    return f'"use strict";\nwindow.{GLOBAL_NAME} = {script_json(data)};\n'


def data_script(config: SiteConfig, initiatives: Iterable[Initiative] = ()) -> str:
    return script_for(form_data(config, initiatives))
