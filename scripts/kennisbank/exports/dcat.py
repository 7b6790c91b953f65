"""dcat.rdf: a DCAT-AP-NL 3.0 description (RDF/XML) of the catalogue and its two datasets, the
initiatives and the meetings, for data.overheid.nl and other catalogues.

Vocabularies are the EU ones DCAT-AP-NL prescribes (language, data theme, file type, access
right, frequency, country, availability) and IANA media types. Every resource a property refers
to is typed with the class DCAT-AP expects of it (a language is a dct:LinguisticSystem, a theme a
skos:Concept), because validators check those ranges on the description alone. Only facts the
project knows are stated: the publisher, creator and contact point are the kennisbank itself, reached
through its public issues page; the dates come from the entries.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kennisbank import urls
from kennisbank.entries.collection import Collection
from kennisbank.entries.meetings import Meeting
from kennisbank.entries.model import Initiative
from kennisbank.entries.themes import themas
from kennisbank.exports import atom, catalogue, datapackage, exportschema, follow, geojson, jsonexport, records
from kennisbank.exports.xmltext import XML_DECLARATION, clean
from kennisbank.site_config import SiteConfig

FILE = "dcat.rdf"
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatap": "http://data.europa.eu/r5r/",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
RFC = "https://www.rfc-editor.org/rfc/"
XSD = "http://www.w3.org/2001/XMLSchema#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The EU data themes used, with their names in the EU's table: DCAT-AP wants a concept labelled.
THEMES = {"SOCI": "Population and society", "GOVE": "Government and public sector"}
THEME_SCHEME = (EU + "data-theme", "Data theme")
# The files are rebuilt at the same addresses with every build; no promise beyond that is made.
AVAILABILITY = ("http://data.europa.eu/r5r/availability/available", "Available")
LICENSE = "De inhoud valt onder de licentie CC BY 4.0."


@dataclass(frozen=True)
class Described:
    """What the catalogue says about one dataset; its distributions are the files of catalogue.FILES that name it."""

    key: str  # catalogue.INITIATIVES or catalogue.MEETINGS: the fragment of its address
    titel: str
    beschrijving: str
    trefwoorden: tuple[str, ...]
    page: str | None  # the site page about the dataset's subject (Markdown path); None: the home page
    schema: str | None  # the published schema its data follows: the export schema, or the data package's Table Schemas


INITIATIVES = Described(
    catalogue.INITIATIVES, "Maatschappelijke initiatieven in Nederland",
    "Voorbeelden van burgerinitiatieven en maatschappelijke initiatieven in Nederland, verzameld door bewoners, "
    "initiatiefnemers en ambtenaren: waar ze lopen (gemeente en provincie), hun thema's, status, startjaar, "
    f"initiatiefnemer en de rol van de overheid. {LICENSE}",
    ("burgerinitiatieven", "maatschappelijke initiatieven"), None, exportschema.SCHEMA_FILE)
MEETINGS = Described(
    catalogue.MEETINGS, "Bijeenkomsten",
    "Bijeenkomsten, congressen en open dagen over maatschappelijke initiatieven in Nederland: wanneer (begin en einde in "
    "Nederlandse tijd) en waar (gemeente, locatie of online), wie ze organiseert, hun thema's en de initiatieven "
    f"waar ze over gaan. {LICENSE}",
    ("bijeenkomsten", "agenda", "maatschappelijke initiatieven"), urls.AGENDA, datapackage.FILE)
ORGANISATIONS = Described(
    catalogue.ORGANISATIONS, "Organisaties die initiatieven helpen",
    "Netwerken, fondsen, kennisinstituten en provinciale steunpunten die maatschappelijke initiatieven helpen: hun soort, "
    f"werkgebied (landelijk, provincies of gemeenten), thema's, wat ze bieden, hoe ze te bereiken zijn en de bronnen. {LICENSE}",
    ("organisaties", "ondersteuning", "maatschappelijke initiatieven"), urls.kind_list(catalogue.ORGANISATIONS), datapackage.FILE)
APPROACHES = Described(
    catalogue.APPROACHES, "Aanpakken",
    "Aanpakken die bewoners en gemeenten gebruiken, zoals Right to Challenge, het buurtbudget en de wijkdeal: wat bewoners "
    f"doen, wat de gemeente doet per trede van de participatieladder, valkuilen en bronnen. {LICENSE}",
    ("aanpakken", "participatie", "maatschappelijke initiatieven"), urls.kind_list(catalogue.APPROACHES), datapackage.FILE)
# The standards the distributions follow: the export's own schema (a file of the site), the RFCs of the formats.
SCHEMAS = {jsonexport.FILE: exportschema.SCHEMA_FILE}
FORMATS = {geojson.FILE: RFC + "rfc7946", atom.FILE: RFC + "rfc4287", urls.MEETINGS_FEED: RFC + "rfc4287",
           urls.AGENDA_CALENDAR: RFC + "rfc5545"}
# A dct:temporal: start, end (None while still running) and their XML Schema datatype.
Period = tuple[str, str | None, str]


def uri(name: str) -> str:
    """'dct:title' -> 'http://purl.org/dc/terms/title'."""
    prefix, local = name.split(":")
    return NS[prefix] + local


def q(name: str) -> str:
    """'dct:title' -> '{http://purl.org/dc/terms/}title'."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def add(parent: ET.Element, name: str, value: str | None = None, *, resource: str | None = None,
        lang: str | None = None, datatype: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, q(name))
    if resource is not None:
        element.set(q("rdf:resource"), resource)
    if lang:
        element.set(XML_LANG, lang)
    if datatype:
        element.set(q("rdf:datatype"), datatype)
    if value is not None:
        element.text = clean(value)
    return element


def node(parent: ET.Element, kind: str, about: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, q(kind))
    if about:
        element.set(q("rdf:about"), about)
    return element


class Description:
    """The RDF/XML document, and the classes of the resources it refers to, written once each at the end."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.root = ET.Element(q("rdf:RDF"))
        self.classes: dict[str, set[str]] = {}
        self.labels: dict[str, tuple[str, str]] = {}

    def about(self, fragment: str) -> str:
        return f"{self.config.site_url}{FILE}#{fragment}"

    def refer(self, parent: ET.Element, name: str, resource: str, kind: str, label: str | None = None) -> None:
        """A property whose value is a resource of class `kind`, as DCAT-AP's ranges demand.

        DCAT-AP wants a skos:Concept with a skos:prefLabel and a skos:ConceptScheme with a dct:title:
        `label`, the name the EU's vocabulary gives it (in English, the vocabulary's own language).
        """
        add(parent, name, resource=resource)
        self.classes.setdefault(resource, set()).add(kind)
        if label:
            self.labels[resource] = ("dct:title" if kind == "skos:ConceptScheme" else "skos:prefLabel", label)

    def finish(self) -> ET.Element:
        for resource, kinds in sorted(self.classes.items()):
            element = node(self.root, "rdf:Description", resource)
            for kind in sorted(kinds):
                add(element, "rdf:type", resource=uri(kind))
            if resource in self.labels:
                name, label = self.labels[resource]
                add(element, name, label, lang="en")
        return self.root


def newest(days: Sequence[dt.date]) -> str | None:
    return max(days).isoformat() if days else None


def common(doc: Description, element: ET.Element, changed: str | None) -> None:
    doc.refer(element, "dct:license", records.LICENSE_URI, "dct:LicenseDocument")
    doc.refer(element, "dct:language", EU + "language/NLD", "dct:LinguisticSystem")
    if changed:
        add(element, "dct:modified", changed, datatype=XSD + "date")


def agent(doc: Description) -> str:
    """The kennisbank as publisher and creator: the project that collects, checks and publishes the entries."""
    about = doc.config.site_url + "#uitgever"
    element = node(doc.root, "foaf:Agent", about)
    add(element, "foaf:name", doc.config.site_name, lang="nl")
    doc.refer(element, "foaf:homepage", doc.config.site_url, "foaf:Document")
    return about


def contact_point(doc: Description) -> str:
    """The project's public route for questions and corrections: its issues page, never a person."""
    about = doc.about("contactpunt")
    element = node(doc.root, "vcard:Organization", about)
    add(element, "vcard:fn", doc.config.site_name, lang="nl")
    add(element, "vcard:hasURL", resource=f"{doc.config.repo_url}/issues")
    return about


def initiatives_period(initiatives: Sequence[Initiative]) -> Period | None:
    """From the first known start year; an end year only when every initiative has ended."""
    starts = [i.startjaar for i in initiatives if i.startjaar is not None]
    if not starts:
        return None
    ends = [i.eindjaar for i in initiatives]
    last = max(e for e in ends if e is not None) if None not in ends else None
    return str(min(starts)), str(last) if last else None, "gYear"


def meetings_period(meetings: Sequence[Meeting]) -> Period | None:
    """From the first meeting's day to the last one's last day."""
    if not meetings:
        return None
    return min(m.start.date() for m in meetings).isoformat(), max(m.end.date() for m in meetings).isoformat(), "date"


def temporal(parent: ET.Element, span: Period) -> None:
    start, end, datatype = span
    element = node(add(parent, "dct:temporal"), "dct:PeriodOfTime")
    add(element, "dcat:startDate", start, datatype=XSD + datatype)
    if end:
        add(element, "dcat:endDate", end, datatype=XSD + datatype)


def standard(doc: Description, item: catalogue.Published) -> str | None:
    """What a published file conforms to: its schema on the site, or the RFC of its format."""
    if item.file in SCHEMAS:
        return records.file_url(doc.config, SCHEMAS[item.file])
    if item.media_type in datapackage.TABLE_TYPES:  # its dialect and Table Schema, checked by frictionless in the tests
        return records.file_url(doc.config, datapackage.FILE)
    return FORMATS.get(item.file) or (RFC + "rfc4287" if item.media_type == "application/atom+xml" else None)


def distribution(doc: Description, item: catalogue.Published, changed: str | None) -> str:
    about = doc.about(item.file)
    element = node(doc.root, "dcat:Distribution", about)
    add(element, "dct:title", item.titel, lang="nl")
    add(element, "dct:description", item.beschrijving, lang="nl")
    add(element, "dcat:accessURL", resource=records.file_url(doc.config, item.file))
    add(element, "dcat:downloadURL", resource=records.file_url(doc.config, item.file))
    doc.refer(element, "dcat:mediaType", IANA + item.media_type, "dct:MediaType")
    if item.file_type:
        doc.refer(element, "dct:format", EU + "file-type/" + item.file_type, "dct:MediaTypeOrExtent")
    conforms = standard(doc, item)
    if conforms:
        doc.refer(element, "dct:conformsTo", conforms, "dct:Standard")
    doc.refer(element, "dcatap:availability", AVAILABILITY[0], "skos:Concept", AVAILABILITY[1])
    common(doc, element, changed)
    return about


def area_feeds(initiatives: list[Initiative], meetings: Sequence[Meeting]) -> list[catalogue.Published]:
    """The feed of each municipality, province and theme with initiatives: distributions of the initiatives."""
    return [catalogue.Published(scope.feed, f"Nieuw en bijgewerkt in {scope.name} (Atom-feed)", "Atom", "application/atom+xml", "ATOM",
                                f"De nieuwste en laatst bijgewerkte initiatieven{' en bijeenkomsten' if scope.meetings else ''} "
                                f"in {scope.name}, voor een feedlezer.")
            for scope in follow.scopes(initiatives, list(meetings))]


def dataset(doc: Description, described: Described, changed: str | None, span: Period | None, agents: tuple[str, str],
            extra: Sequence[catalogue.Published] = ()) -> str:
    """`agents`: the publisher (also the creator) and the contact point; `extra`: files beyond catalogue.FILES."""
    publisher, contact = agents
    about = doc.about(described.key)
    element = node(doc.root, "dcat:Dataset", about)
    add(element, "dct:identifier", about)
    add(element, "dct:title", described.titel, lang="nl")
    add(element, "dct:description", described.beschrijving, lang="nl")
    add(element, "dct:publisher", resource=publisher)
    add(element, "dct:creator", resource=publisher)
    doc.refer(element, "dcat:contactPoint", contact, "vcard:Kind")
    doc.refer(element, "dct:accessRights", EU + "access-right/PUBLIC", "dct:RightsStatement")
    doc.refer(element, "dct:accrualPeriodicity", EU + "frequency/IRREG", "dct:Frequency")
    doc.refer(element, "dct:spatial", EU + "country/NLD", "dct:Location")
    if span:
        temporal(element, span)
    for code, name in THEMES.items():
        doc.refer(element, "dcat:theme", EU + "data-theme/" + code, "skos:Concept", name)
    for keyword in (*described.trefwoorden, *(t.label.lower() for t in themas())):
        add(element, "dcat:keyword", keyword, lang="nl")
    if described.schema:
        doc.refer(element, "dct:conformsTo", records.file_url(doc.config, described.schema), "dct:Standard")
    # The open-data page lists every file with its description; the other page shows what the data is about.
    doc.refer(element, "dcat:landingPage", records.page_url(doc.config, urls.OPEN_DATA), "foaf:Document")
    page = records.page_url(doc.config, described.page) if described.page else doc.config.site_url
    doc.refer(element, "foaf:page", page, "foaf:Document")
    common(doc, element, changed)
    for item in (*catalogue.FILES, *extra):
        if item.dataset == described.key:
            add(element, "dcat:distribution", resource=distribution(doc, item, changed))
    return about


def document(initiatives: list[Initiative], config: SiteConfig, meetings: Sequence[Meeting] | None = None) -> ET.Element:
    """`meetings`: None where the caller does not have them; their dataset is then described without dates."""
    for prefix, namespace in NS.items():
        ET.register_namespace(prefix, namespace)
    doc = Description(config)
    agents = agent(doc), contact_point(doc)
    initiatives_changed = newest([i.bijgewerkt for i in initiatives])
    meetings_changed = newest([m.bijgewerkt for m in meetings]) if meetings is not None else None
    catalog = node(doc.root, "dcat:Catalog", doc.about("catalogus"))
    add(catalog, "dct:title", config.site_name, lang="nl")
    add(catalog, "dct:description", "De open data van de kennisbank: de maatschappelijke initiatieven en de bijeenkomsten "
                                     f"erover, elk met hun bestanden. {LICENSE}", lang="nl")
    add(catalog, "dct:publisher", resource=agents[0])
    add(catalog, "dct:creator", resource=agents[0])
    doc.refer(catalog, "dcat:contactPoint", agents[1], "vcard:Kind")
    doc.refer(catalog, "foaf:homepage", config.site_url, "foaf:Document")
    doc.refer(catalog, "dct:language", EU + "language/NLD", "dct:LinguisticSystem")
    doc.refer(catalog, "dct:license", records.LICENSE_URI, "dct:LicenseDocument")
    doc.refer(catalog, "dct:spatial", EU + "country/NLD", "dct:Location")
    # The EU data themes, which the datasets' dcat:theme values come from.
    doc.refer(catalog, "dcat:themeTaxonomy", THEME_SCHEME[0], "skos:ConceptScheme", THEME_SCHEME[1])
    changed = max(filter(None, (initiatives_changed, meetings_changed)), default=None)
    if changed:
        add(catalog, "dct:modified", changed, datatype=XSD + "date")
    spans = initiatives_period(initiatives), meetings_period(meetings) if meetings is not None else None
    feeds = area_feeds(initiatives, meetings or ())
    add(catalog, "dcat:dataset", resource=dataset(doc, INITIATIVES, initiatives_changed, spans[0], agents, feeds))
    add(catalog, "dcat:dataset", resource=dataset(doc, MEETINGS, meetings_changed, spans[1], agents))
    for described in (ORGANISATIONS, APPROACHES):  # their dates live in their own files' bijgewerkt
        add(catalog, "dcat:dataset", resource=dataset(doc, described, None, None, agents))
    return doc.finish()


def write(collection: Collection) -> Iterator[tuple[str, str]]:
    """dcat.rdf: the catalogue of every dataset (initiatives, meetings, the other kinds)."""
    yield FILE, render(list(collection.initiatives), collection.config, list(collection.meetings))


def render(initiatives: list[Initiative], config: SiteConfig, meetings: Sequence[Meeting] | None = None) -> str:
    root = document(initiatives, config, meetings)
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
