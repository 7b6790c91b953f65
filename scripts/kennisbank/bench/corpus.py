"""Synthetic but valid initiatives and meetings for benchmarks: varied Dutch text over real municipalities."""
from __future__ import annotations

import datetime as dt
import json
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
        for title in ("Aanpak", "Resultaten")
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


MEETING_KINDS = ("Open avond", "Inloopochtend", "Werkbezoek", "Buurtgesprek", "Kennisdag", "Congres")
VENUES = ("Buurthuis De Schakel", "Wijkcentrum Het Anker", "Dorpshuis De Linde", "Bibliotheek", "Stadhuis")


def meeting_text(number: int, initiative_count: int, today: dt.date, rng: random.Random) -> str:
    """A valid meeting about one of the synthetic initiatives, within a year before or after `today`."""
    related = [f"initiatief-{rng.randrange(initiative_count):05d}" for _ in range(rng.randint(1, 2))] if initiative_count else []
    gemeente = rng.choice(places.gemeenten())
    online = rng.random() < 0.2
    day = today + dt.timedelta(days=rng.randint(-365, 365))
    hour = rng.choice((9, 10, 14, 19, 20))
    kind = rng.choice(MEETING_KINDS)
    last = f"einddatum: {day + dt.timedelta(days=rng.randint(1, 2))}\n" if kind == "Congres" else ""
    place = "online: true\n" if online else (f'gemeente: "{gemeente.naam_gangbaar}"\n'
                                            f"locatie: {rng.choice(VENUES)}, Dorpsstraat {rng.randint(1, 99)}\n")
    where = "online" if online else f"in {gemeente.naam_gangbaar}"
    theme_slugs = rng.sample([t.slug for t in themas()], rng.randint(1, 2))
    return (
        "---\n"
        f"titel: {kind} {number}\n"
        f"samenvatting: {kind} {where} over {rng.choice(SUBJECTS)} en wat bewoners en gemeente van elkaar leren.\n"
        f"datum: {day}\n{last}"
        f'begintijd: "{hour:02d}:00"\n'
        f'eindtijd: "{hour + 2:02d}:30"\n'
        f"{place}"
        f"organisator: Stichting {rng.choice(SUBJECTS).capitalize()}\n"
        f"initiatieven: [{', '.join(sorted(set(related)))}]\n"
        f"themas: [{', '.join(theme_slugs)}]\n"
        f"aanmelden: https://voorbeeld.nl/bijeenkomst/{number}\n"
        f"bijgewerkt: {min(day - dt.timedelta(days=rng.randint(7, 60)), today)}\n"
        f"---\n\n{' '.join(rng.sample(SENTENCES, 2))}\n"
    )


def write_meetings(folder: Path, count: int, initiative_count: int, today: dt.date | None = None, seed: int = 2) -> None:
    """Write `count` valid meeting files into folder/, about the initiatives write_initiatives made;
    about half lie in the past and half ahead of `today` (the build decides which is which)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        text = meeting_text(number, initiative_count, today or dt.date.today(), rng)
        (folder / f"bijeenkomst-{number:05d}.md").write_text(text, encoding="utf-8")


ORGANISATION_KINDS = ("landelijk-netwerk", "provinciale-ondersteuning", "lokale-ondersteuning", "kennisinstituut", "fonds", "koepel")
OFFERS = ("advies", "kennis", "geld", "netwerk", "opleiding", "ruimte", "materiaal")


def organisation_text(number: int, rng: random.Random) -> str:
    """One valid organisation: a province, a few municipalities of it, or the whole country."""
    provincie = rng.choice(places.provincies())
    members = [g for g in places.gemeenten() if g.provincie == provincie]
    municipalities = [f"gemeente {g.naam_gangbaar}" for g in rng.sample(members, min(3, len(members)))]
    area = rng.choice([["landelijk"], [f"provincie {provincie.naam}"], municipalities])
    themes = rng.sample([t.slug for t in themas()], 2)
    return (
        "---\n"
        f"titel: Steunpunt {''.join(rng.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(14)).capitalize()}\n"
        f"samenvatting: Een steunpunt dat initiatieven helpt met advies en een netwerk, nummer {number}.\n"
        f"soort: {rng.choice(ORGANISATION_KINDS)}\n"
        f"werkgebied: {json.dumps(area, ensure_ascii=False)}\n"
        f"themas: [{', '.join(themes)}]\n"
        f"biedt: [{', '.join(rng.sample(OFFERS, 2))}]\n"
        f"website: https://steunpunt-{number:05d}.voorbeeld.nl\n"
        "bronnen:\n"
        f"  - url: https://steunpunt-{number:05d}.voorbeeld.nl/over\n"
        "bijgewerkt: 2026-12-01\n"
        "---\n\n"
        f"Het steunpunt {number} helpt initiatieven in zijn werkgebied.\n"
    )


def write_organisations(folder: Path, count: int, seed: int = 3) -> None:
    """Write `count` valid organisation files (the benchmark writes one per twenty initiatives)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"steunpunt-{number:05d}.md").write_text(organisation_text(number, rng), encoding="utf-8")
