"""dcat.rdf: a DCAT-AP-NL description (RDF/XML) of the dataset, for data.overheid.nl and other catalogues.

Vocabularies are the EU ones DCAT-AP-NL prescribes (language, data theme, file type, access
right, frequency, country) and IANA media types.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from kennisbank.entries.model import Initiative
from kennisbank.entries.themes import themas
from kennisbank.exports import catalogue, records
from kennisbank.exports.xmltext import XML_DECLARATION, clean
from kennisbank.site_config import SiteConfig

FILE = "dcat.rdf"
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Population and society; Government and public sector.
THEMES = ("SOCI", "GOVE")
TITLE = "Maatschappelijke initiatieven in Nederland"
DESCRIPTION = (
    "Voorbeelden van burgerinitiatieven en maatschappelijke initiatieven in Nederland, verzameld door bewoners, "
    "initiatiefnemers en ambtenaren: waar ze lopen (gemeente en provincie), hun thema's, status, startjaar, "
    "initiatiefnemer en de rol van de overheid. De inhoud valt onder de licentie CC BY 4.0."
)


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


def modified(initiatives: list[Initiative]) -> str:
    return max((i.bijgewerkt for i in initiatives), default=dt.date(1970, 1, 1)).isoformat()


def common(element: ET.Element, changed: str) -> None:
    add(element, "dct:license", resource=records.LICENSE_URI)
    add(element, "dct:language", resource=EU + "language/NLD")
    add(element, "dct:modified", changed, datatype=XSD_DATE)


def publisher(root: ET.Element, config: SiteConfig) -> str:
    about = config.site_url + "#uitgever"
    agent = node(root, "foaf:Agent", about)
    add(agent, "foaf:name", config.site_name, lang="nl")
    add(agent, "foaf:homepage", resource=config.site_url)
    return about


def distribution(root: ET.Element, item: catalogue.Published, config: SiteConfig, changed: str) -> str:
    about = f"{config.site_url}{FILE}#{item.file}"
    element = node(root, "dcat:Distribution", about)
    add(element, "dct:title", item.titel, lang="nl")
    add(element, "dct:description", item.beschrijving, lang="nl")
    add(element, "dcat:accessURL", resource=records.file_url(config, item.file))
    add(element, "dcat:downloadURL", resource=records.file_url(config, item.file))
    add(element, "dcat:mediaType", resource=IANA + item.media_type)
    if item.file_type:
        add(element, "dct:format", resource=EU + "file-type/" + item.file_type)
    common(element, changed)
    return about


def dataset(root: ET.Element, initiatives: list[Initiative], config: SiteConfig, agent: str) -> str:
    about = f"{config.site_url}{FILE}#initiatieven"
    changed = modified(initiatives)
    element = node(root, "dcat:Dataset", about)
    add(element, "dct:identifier", about)
    add(element, "dct:title", TITLE, lang="nl")
    add(element, "dct:description", DESCRIPTION, lang="nl")
    add(element, "dct:publisher", resource=agent)
    contact = node(add(element, "dcat:contactPoint"), "vcard:Organization")
    add(contact, "vcard:fn", config.site_name, lang="nl")
    add(contact, "vcard:hasURL", resource=f"{config.repo_url}/issues")
    add(element, "dct:accessRights", resource=EU + "access-right/PUBLIC")
    add(element, "dct:accrualPeriodicity", resource=EU + "frequency/IRREG")
    add(element, "dct:spatial", resource=EU + "country/NLD")
    for code in THEMES:
        add(element, "dcat:theme", resource=EU + "data-theme/" + code)
    for keyword in ("burgerinitiatieven", "maatschappelijke initiatieven", *(t.label.lower() for t in themas())):
        add(element, "dcat:keyword", keyword, lang="nl")
    add(element, "dcat:landingPage", resource=records.page_url(config, "open-data.md"))
    add(element, "foaf:page", resource=config.site_url)
    common(element, changed)
    for item in catalogue.FILES:
        if item.distribution:
            add(element, "dcat:distribution", resource=distribution(root, item, config, changed))
    return about


def document(initiatives: list[Initiative], config: SiteConfig) -> ET.Element:
    for prefix, uri in NS.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(q("rdf:RDF"))
    agent = publisher(root, config)
    catalog = node(root, "dcat:Catalog", f"{config.site_url}{FILE}#catalogus")
    add(catalog, "dct:title", config.site_name, lang="nl")
    add(catalog, "dct:description", DESCRIPTION, lang="nl")
    add(catalog, "dct:publisher", resource=agent)
    add(catalog, "foaf:homepage", resource=config.site_url)
    add(catalog, "dct:language", resource=EU + "language/NLD")
    add(catalog, "dct:license", resource=records.LICENSE_URI)
    add(catalog, "dcat:dataset", resource=dataset(root, initiatives, config, agent))
    return root


def render(initiatives: list[Initiative], config: SiteConfig) -> str:
    root = document(initiatives, config)
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
