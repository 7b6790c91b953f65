"""Synthetic but valid initiatives for benchmarks: varied Dutch text over real municipalities."""
from __future__ import annotations

import random
from pathlib import Path

from kennisbank.entries import places
from kennisbank.entries.themes import themas

SUBJECTS = (
    "buurtmoestuin", "repair café", "energiecoöperatie", "zorgcoöperatie", "voedselbos", "buurtbus",
    "speeltuin", "wijkbudget", "taalcafé", "kledingbank", "dorpshuis", "buurtpreventie", "jongerenwerk",
    "zonnedak", "deelauto", "buurtkamer", "huiswerkklas", "voedselbank", "burgerberaad", "wooncoöperatie",
)
ACTIONS = (
    "bewoners onderhouden samen", "vrijwilligers organiseren", "ouderen en jongeren starten",
    "de wijk beheert zelf", "een groep buren begint", "ondernemers en bewoners openen",
)
SENTENCES = (
    "De gemeente helpt met een kleine subsidie en laat de uitvoering aan de bewoners.",
    "Elke maand komen de deelnemers bij elkaar om de plannen te bespreken.",
    "Senioren en kinderen uit de buurt doen mee en leren van elkaar.",
    "De opbrengst gaat terug naar de wijk, bijvoorbeeld naar nieuwe tuinen en activiteiten.",
    "Het initiatief werkt samen met de woningcorporatie en het buurthuis.",
    "Geleerde les: begin klein, vier successen en maak afspraken over onderhoud.",
    "Via een right to challenge nam de buurt een taak van de gemeente over.",
    "Coöperaties in de regio delen hun ervaringen op bijeenkomsten.",
)
LESSONS = (
    ("werkte", "Begin klein en vier de eerste successen samen met de buurt."),
    ("valkuil", "Zonder vaste kern van vrijwilligers stopt het onderhoud na een jaar."),
    ("tip-overheid", "Geef bewoners een vaste contactpersoon bij de gemeente en laat de uitvoering los."),
    ("werkte", "Een open avond per maand trekt steeds nieuwe deelnemers aan."),
)
STATUSES = ("idee", "lopend", "lopend", "lopend", "afgerond", "gestopt")
ROLES = ("loslaten", "faciliteren", "stimuleren", "regisseren", "reguleren")


def initiative_text(number: int, rng: random.Random) -> str:
    gemeente = rng.choice(places.gemeenten())
    subject = rng.choice(SUBJECTS)
    theme_slugs = rng.sample([t.slug for t in themas()], rng.randint(1, 3))
    status = rng.choice(STATUSES)
    start = rng.randint(1995, 2025)
    end = f"eindjaar: {rng.randint(start, 2026)}\n" if status in ("afgerond", "gestopt") else ""
    body = "\n\n".join(
        f"## {title}\n\n" + " ".join(rng.sample(SENTENCES, 3))
        for title in ("Aanpak", "Resultaten", "Geleerde lessen")
    )
    # Lessons from a generator of their own, so the rest of the corpus stays as it was before they existed.
    own = random.Random(number)
    chosen = own.sample(LESSONS, own.randint(0, 3))
    lessons = "".join(f"  - soort: {kind}\n    tekst: {text}\n" for kind, text in chosen)
    lessons = f"lessen:\n{lessons}" if chosen else ""
    return (
        "---\n"
        f"titel: {subject.capitalize()} {gemeente.naam_gangbaar} {number}\n"
        f"samenvatting: In {gemeente.naam_gangbaar} {rng.choice(ACTIONS)} een {subject} voor de hele buurt.\n"
        f'gemeente: "{gemeente.naam_gangbaar}"\n'
        f"themas: [{', '.join(theme_slugs)}]\n"
        f"status: {status}\n"
        f"startjaar: {start}\n{end}"
        f"initiatiefnemer: Stichting {subject.capitalize()} {gemeente.naam_gangbaar}\n"
        f"rol_overheid: {rng.choice(ROLES)}\n"
        f"partners: [Gemeente {gemeente.naam_gangbaar}, Welzijnsorganisatie]\n"
        f"website: https://voorbeeld.nl/{number}\n"
        f"trefwoorden: [{subject}, buurt, vrijwilligers]\n"
        f"{lessons}"
        f"bijgewerkt: 20{rng.randint(18, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n"
        f"---\n\n{body}\n"
    )


def write_initiatives(folder: Path, count: int, seed: int = 1) -> None:
    """Write `count` valid initiative files, each in the folder of its province, as the check asks."""
    rng = random.Random(seed)
    for number in range(count):
        text = initiative_text(number, rng)
        gemeente = places.lookup_gemeente(text.split('gemeente: "', 1)[1].split('"', 1)[0]).gemeenten[0]
        target = folder / gemeente.provincie.slug / f"initiatief-{number:05d}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
