"""The page 'Initiatief aanmelden': a form generated from the schema, with its script and style.

`write` is one of site.docs_folder.writers(): it emits aanmelden.md (the form, rendered from the schema),
assets/aanmelden-data.js (schema, messages and vocabularies for the browser) and the form's own
JavaScript and CSS, which live in kennisbank/assets/.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import jinja2

from kennisbank import PACKAGE_DIR
from kennisbank.entries.collection import Collection
from kennisbank.pages.templating import editors_link, front_matter, template_environment
from kennisbank.site_config import SiteConfig
from kennisbank.submission.form_data import data_script, gemeente_rows, new_file_base
from kennisbank.submission.form_fields import fields
from kennisbank.submission.skeleton import SECTIONS

PAGE = "aanmelden.md"
ASSETS = PACKAGE_DIR / "assets"
STATIC = ("aanmelden.js", "aanmelden.css")
# Short prompts under the body sections; the sections themselves are fixed in skeleton.SECTIONS.
SECTION_HELP = {
    "Aanpak": "Hoe begon het en hoe pakken de initiatiefnemers het aan?",
    "Resultaten": "Wat heeft het opgeleverd? Noem wat u kunt laten zien.",
}


@cache
def environment() -> jinja2.Environment:
    return template_environment(PACKAGE_DIR / "submission" / "templates")


def page(config: SiteConfig) -> str:
    return environment().get_template("aanmelden.md.j2").render(
        new_file=new_file_base(config),
        data_script="assets/aanmelden-data.js",
        several_gemeenten=True,
        fields=fields(),
        gemeenten=gemeente_rows(),
        sections=[(title, SECTION_HELP.get(title, "")) for title in SECTIONS],
        redactie=editors_link(config),
        front_matter=front_matter(
            "Initiatief aanmelden",
            "Meld een maatschappelijk initiatief aan voor de kennisbank: vul het formulier in en zet het bestand op GitHub.",
        ),
    )


def write(collection: Collection) -> Iterable[tuple[str, str]]:
    """The form page, its data script and its static files, as (relative path, content)."""
    yield PAGE, page(collection.config)
    yield "assets/aanmelden-data.js", data_script(collection.config, list(collection.initiatives))
    for name in STATIC:
        yield f"assets/{name}", (ASSETS / name).read_text(encoding="utf-8")
