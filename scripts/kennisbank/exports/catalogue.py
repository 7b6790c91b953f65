"""The published data files: one list feeds the open-data page and the DCAT description.

Each file that is data (not a schema or the description itself) is a DCAT distribution of one of
two datasets: the initiatives, or the meetings.
"""
from __future__ import annotations

from dataclasses import dataclass

from kennisbank import urls
from kennisbank.exports import atom, csvexport, datapackage, exportschema, geojson, jsonexport


# The datasets of dcat.rdf, by the fragment of their address.
INITIATIVES = "initiatieven"
MEETINGS = "bijeenkomsten"
ORGANISATIONS = "organisaties"  # the kinds of entries/kinds.extra(): their data files are urls.kind_data(...)
APPROACHES = "aanpakken"


@dataclass(frozen=True)
class Published:
    file: str
    titel: str
    formaat: str  # what a visitor reads, e.g. "JSON"
    media_type: str  # IANA media type
    file_type: str | None  # code in the EU file-type vocabulary, for DCAT
    beschrijving: str  # Dutch, one or two sentences
    dataset: str | None = INITIATIVES  # the DCAT dataset this file is a distribution of; None for schemas and dcat.rdf


FILES: tuple[Published, ...] = (
    Published(jsonexport.FILE, "Alle initiatieven (JSON)", "JSON", "application/json", "JSON",
              "Alle initiatieven met alle velden, ook de tekst, met vaste codes en webadressen. "
              f"Volgt het schema {exportschema.SCHEMA_FILE}."),
    Published(csvexport.FILE, "Alle initiatieven (CSV)", "CSV", "text/csv", "CSV",
              "Eén regel per initiatief, voor Excel en andere rekenprogramma's. Zonder de vrije tekst."),
    Published(geojson.FILE, "Initiatieven op de kaart (GeoJSON)", "GeoJSON", "application/geo+json", "GEOJSON",
              "Een punt per initiatief per gemeente, op een punt binnen die gemeente. Landelijke initiatieven hebben geen punt en staan er niet in."),
    Published(atom.FILE, "Nieuw en bijgewerkt (Atom-feed)", "Atom", "application/atom+xml", "ATOM",
              f"De {atom.NEWEST} initiatieven die het laatst zijn toegevoegd of bijgewerkt, voor een feedlezer."),
    Published(exportschema.SCHEMA_FILE, "Schema van de JSON", "JSON Schema", "application/schema+json", None,
              f"Beschrijft de velden van {jsonexport.FILE}.", dataset=None),
    Published(exportschema.INPUT_SCHEMA_FILE, "Schema van een initiatiefbestand", "JSON Schema", "application/schema+json", None,
              "Beschrijft de velden die een indiener invult (de bovenkant van een initiatiefbestand).", dataset=None),
    Published("dcat.rdf", "Beschrijving van de datasets (DCAT)", "RDF/XML", "application/rdf+xml", "RDF_XML",
              "Metagegevens volgens DCAT-AP-NL, zodat data.overheid.nl en andere catalogi de datasets kunnen vinden.",
              dataset=None),
    Published(datapackage.FILE, "Beschrijving van de tabellen (Frictionless Data Package)", "JSON", "application/json", None,
              "Per tabel (CSV en JSON) het formaat, het scheidingsteken, de kolommen en hun soort waarde, "
              "zodat programma's als frictionless de bestanden kunnen lezen en controleren.", dataset=None),
    Published(urls.MEETINGS_DATA, "Alle bijeenkomsten (JSON)", "JSON", "application/json", "JSON",
              "Alle bijeenkomsten, ook de voorbije, met alle velden, begin en einde met hun tijdzone, en de webadressen van hun pagina en agendabestand.",
              dataset=MEETINGS),
    Published(urls.AGENDA_CALENDAR, "Agenda (iCalendar)", "iCalendar", "text/calendar", None,
              "De komende bijeenkomsten, om te abonneren in een agenda-programma; elke bijeenkomst heeft ook een eigen .ics-bestand.",
              dataset=MEETINGS),
    Published(urls.MEETINGS_FEED, "Nieuwe bijeenkomsten (Atom-feed)", "Atom", "application/atom+xml", "ATOM",
              f"De {atom.NEWEST} bijeenkomsten die het laatst zijn aangekondigd of bijgewerkt, voor een feedlezer.", dataset=MEETINGS),
    Published(urls.kind_data(ORGANISATIONS, "json"), "Alle organisaties (JSON)", "JSON", "application/json", "JSON",
              "Organisaties die initiatieven helpen (netwerken, fondsen, kennisinstituten, steunpunten), met hun werkgebied, thema's, wat ze bieden en hun bronnen.",
              dataset=ORGANISATIONS),
    Published(urls.kind_data(ORGANISATIONS, "csv"), "Alle organisaties (CSV)", "CSV", "text/csv", "CSV",
              "Eén regel per organisatie, voor Excel en andere rekenprogramma's.", dataset=ORGANISATIONS),
    Published(urls.kind_data(APPROACHES, "json"), "Alle aanpakken (JSON)", "JSON", "application/json", "JSON",
              "Aanpakken zoals Right to Challenge en het buurtbudget: wat bewoners doen, wat de gemeente doet per trede van de participatieladder, valkuilen en bronnen.",
              dataset=APPROACHES),
)
