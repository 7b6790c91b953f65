"""dcat.rdf as a catalogue harvester reads it: validated with pyshacl against the DCAT-AP-NL shapes in
tests/fixtures/shapes (see the README there), and read back with rdflib for what the shapes do not say."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyshacl
import pytest
import rdflib
from conftest import FIXTURES, REPO
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SH, SKOS, XSD
from kennisbank.entries import meetings
from kennisbank.entries.validate import check_paths
from kennisbank.exports import dcat
from kennisbank.site import config as siteconfig

SHAPES = FIXTURES / "shapes"
CONFIG = siteconfig.load(REPO / "mkdocs.yml")
SITE_URL = CONFIG.site_url
VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = rdflib.Namespace("http://data.europa.eu/r5r/")
CATALOG = rdflib.URIRef(SITE_URL + "dcat.rdf#catalogus")
INITIATIVES = rdflib.URIRef(SITE_URL + "dcat.rdf#initiatieven")
MEETINGS = rdflib.URIRef(SITE_URL + "dcat.rdf#bijeenkomsten")


@pytest.fixture(scope="module")
def graph(fixture_site: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(fixture_site / "dcat.rdf", format="xml")


def violations(data: rdflib.Graph, shapes: Path, severity: rdflib.URIRef = SH.Violation) -> list[tuple[str, str, str]]:
    """(focus node, path, message) of every result of that severity."""
    _, report, _ = pyshacl.validate(data, shacl_graph=rdflib.Graph().parse(shapes, format="turtle"), inference="none")
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) == severity:
            found.append((str(report.value(result, SH.focusNode)), str(report.value(result, SH.resultPath)),
                          str(report.value(result, SH.resultMessage))))
    return sorted(found)


def test_the_shapes_folder_holds_shapes() -> None:
    assert [p.name for p in SHAPES.glob("*.ttl")], "tests/fixtures/shapes has no .ttl file"


@pytest.mark.parametrize("shapes", sorted(SHAPES.glob("*.ttl")), ids=lambda p: p.name)
def test_dcat_has_no_violations_of_the_dcat_ap_nl_shapes(graph: rdflib.Graph, shapes: Path) -> None:
    assert violations(graph, shapes) == []


def test_geonovums_official_shapes_are_here_unchanged() -> None:
    """The files of Geonovum/DCAT-AP-NL30 (README.md here names the commit), byte for byte."""
    assert hashlib.sha256((SHAPES / "dcat-ap-nl-SHACL.ttl").read_bytes()).hexdigest() == (
        "bde0965ce8c0a97be3cf236dbe55b174d7d9b3646d08575edd6310a397c4e655")
    assert {"dcat-ap-nl-SHACL.ttl", "dcat-ap-nl-SHACL-klassebereik.ttl", "dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl",
            "dcat-ap-nl-SHACL-aanbevolen.ttl", "dcat-ap-SHACL.ttl"} <= {p.name for p in SHAPES.glob("*.ttl")}


def test_the_recommended_shapes_warnings_are_printed(graph: rdflib.Graph) -> None:
    """DCAT-AP-NL's recommended properties are Warnings, not failures: printed so a maintainer sees what is missing."""
    warnings = violations(graph, SHAPES / "dcat-ap-nl-SHACL-aanbevolen.ttl", SH.Warning)
    by_path: dict[str, int] = {}
    for _, path, _ in warnings:
        by_path[path] = by_path.get(path, 0) + 1
    print(f"[dcat] aanbevolen (Warning): {len(warnings)}: " + ", ".join(f"{p.rsplit('/', 1)[-1]} x{n}" for p, n in sorted(by_path.items())))
    # What the project cannot state honestly (no data service; no first publication date) stays a warning, not invented.
    assert (CATALOG, DCTERMS.issued, None) not in graph


def test_the_shapes_find_the_two_violations_the_issue_reported(graph: rdflib.Graph) -> None:
    """Without the catalogue's contact point and the dataset's creator, as dcat.rdf was: both are found."""
    old = rdflib.Graph()
    for triple in graph:
        old.add(triple)
    old.remove((CATALOG, DCAT.contactPoint, None))
    old.remove((INITIATIVES, DCTERMS.creator, None))
    assert [(focus, path) for focus, path, _ in violations(old, SHAPES / "dcat-ap-nl-verplicht.ttl")] == [
        (str(CATALOG), str(DCAT.contactPoint)), (str(INITIATIVES), str(DCTERMS.creator))]


def test_the_catalogue_lists_every_kind_with_its_files(graph: rdflib.Graph, fixture_site: Path) -> None:
    organisations, approaches = rdflib.URIRef(SITE_URL + "dcat.rdf#organisaties"), rdflib.URIRef(SITE_URL + "dcat.rdf#aanpakken")
    assert set(graph.objects(CATALOG, DCAT.dataset)) == {INITIATIVES, MEETINGS, organisations, approaches}
    files = {}
    for dataset in (INITIATIVES, MEETINGS, organisations, approaches):
        for item in graph.objects(dataset, DCAT.distribution):
            url = str(graph.value(item, DCAT.downloadURL))
            assert url.startswith(SITE_URL) and (fixture_site / url.removeprefix(SITE_URL)).is_file(), url
            assert graph.value(item, DCAT.accessURL) == graph.value(item, DCAT.downloadURL)
            files[url.removeprefix(SITE_URL)] = dataset
    # The feed of every municipality, province and theme with initiatives is a distribution of the initiatives.
    area_feeds = {path.relative_to(fixture_site).as_posix(): INITIATIVES for path in (fixture_site / "feeds").glob("*/*.xml")}
    assert len(area_feeds) > 10
    assert files == {"initiatieven.json": INITIATIVES, "initiatieven.csv": INITIATIVES, "initiatieven.geojson": INITIATIVES,
                     "feed.xml": INITIATIVES, "bijeenkomsten.json": MEETINGS, "agenda.ics": MEETINGS,
                     "feeds/bijeenkomsten.xml": MEETINGS, "organisaties.json": organisations, "organisaties.csv": organisations,
                     "aanpakken.json": approaches} | area_feeds
    rotterdam = rdflib.URIRef(SITE_URL + "dcat.rdf#feeds/gemeenten/rotterdam.xml")
    assert str(graph.value(rotterdam, DCTERMS.conformsTo)) == "https://www.rfc-editor.org/rfc/rfc4287"
    assert str(graph.value(rotterdam, DCTERMS.title)) == "Nieuw en bijgewerkt in gemeente Rotterdam (Atom-feed)"
    # Every distribution belongs to one dataset.
    assert len(set(graph.subjects(RDF.type, DCAT.Distribution))) == len(files)
    assert str(graph.value(MEETINGS, DCTERMS.title)) == "Bijeenkomsten"


def test_publisher_creator_and_contact_point_are_the_project_itself(graph: rdflib.Graph) -> None:
    agent = rdflib.URIRef(SITE_URL + "#uitgever")
    for subject in (CATALOG, INITIATIVES, MEETINGS):
        assert graph.value(subject, DCTERMS.publisher) == graph.value(subject, DCTERMS.creator) == agent
    assert (agent, RDF.type, FOAF.Agent) in graph and str(graph.value(agent, FOAF.name)) == CONFIG.site_name
    contacts = {graph.value(subject, DCAT.contactPoint) for subject in (CATALOG, INITIATIVES, MEETINGS)}
    assert len(contacts) == 1
    (contact,) = contacts
    assert {VCARD.Organization, VCARD.Kind} <= set(graph.objects(contact, RDF.type))
    # The public issues page, never a person's address.
    assert [str(o) for o in graph.objects(contact, None) if isinstance(o, rdflib.URIRef) and o.startswith("http")
            and (contact, RDF.type, o) not in graph] == [CONFIG.repo_url + "/issues"]
    assert not any(str(o).startswith("mailto:") for o in graph.objects())


def test_recommended_properties_come_from_what_the_project_knows(graph: rdflib.Graph, fixture_site: Path) -> None:
    records = json.loads((fixture_site / "initiatieven.json").read_text(encoding="utf-8"))
    # The catalogue changed when either dataset did: the newest 'bijgewerkt' of initiatives and meetings.
    meeting_data = json.loads((fixture_site / "bijeenkomsten.json").read_text(encoding="utf-8"))
    newest = max(records["bijgewerkt"], meeting_data["bijgewerkt"])
    assert graph.value(CATALOG, DCTERMS.modified) == rdflib.Literal(newest, datatype=XSD.date)
    assert str(graph.value(CATALOG, DCTERMS.spatial)).endswith("/country/NLD")
    taxonomy = graph.value(CATALOG, DCAT.themeTaxonomy)
    assert (taxonomy, RDF.type, SKOS.ConceptScheme) in graph
    assert all(str(theme).startswith(str(taxonomy) + "/") for theme in graph.objects(None, DCAT.theme))
    # The export schema that the JSON's description names, a file of the site.
    schema = SITE_URL + "initiatieven.schema.json"
    assert [str(o) for o in graph.objects(INITIATIVES, DCTERMS.conformsTo)] == [schema]
    json_file = rdflib.URIRef(SITE_URL + "dcat.rdf#initiatieven.json")
    assert "initiatieven.schema.json" in str(graph.value(json_file, DCTERMS.description))
    assert str(graph.value(json_file, DCTERMS.conformsTo)) == schema and (fixture_site / "initiatieven.schema.json").is_file()
    for item in graph.subjects(RDF.type, DCAT.Distribution):
        assert str(graph.value(item, DCATAP.availability)) == "http://data.europa.eu/r5r/availability/available"
    # Temporal coverage: from the first start year; some initiatives still run, so no end.
    period = graph.value(INITIATIVES, DCTERMS.temporal)
    first = min(int(r["startjaar"]) for r in records["initiatieven"])
    assert graph.value(period, DCAT.startDate) == rdflib.Literal(str(first), datatype=XSD.gYear)
    assert graph.value(period, DCAT.endDate) is None
    # The build hands dcat.rdf the meetings (it is one of the meeting writers): their dataset has its own dates.
    meetings = json.loads((fixture_site / "bijeenkomsten.json").read_text(encoding="utf-8"))["bijeenkomsten"]
    assert str(graph.value(MEETINGS, DCTERMS.modified)) == max(m["bijgewerkt"] for m in meetings)
    assert graph.value(MEETINGS, DCTERMS.temporal) is not None


def test_every_resource_referred_to_has_the_class_dcat_ap_expects(graph: rdflib.Graph) -> None:
    expected = {DCTERMS.language: DCTERMS.LinguisticSystem, DCTERMS.license: DCTERMS.LicenseDocument,
                DCAT.theme: SKOS.Concept, DCAT.mediaType: DCTERMS.MediaType, DCTERMS.format: DCTERMS.MediaTypeOrExtent,
                DCTERMS.accessRights: DCTERMS.RightsStatement, DCTERMS.accrualPeriodicity: DCTERMS.Frequency,
                DCTERMS.spatial: DCTERMS.Location, DCAT.landingPage: FOAF.Document, FOAF.page: FOAF.Document,
                DCTERMS.conformsTo: DCTERMS.Standard, DCATAP.availability: SKOS.Concept, DCAT.contactPoint: VCARD.Kind}
    for prop, kind in expected.items():
        values = set(graph.objects(None, prop))
        assert values, prop
        for value in values:
            assert (value, RDF.type, kind) in graph, (prop, value)
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        assert graph.value(concept, SKOS.prefLabel), concept


def test_given_the_meetings_their_dataset_has_its_dates() -> None:
    calendar = FIXTURES / "calendar"
    initiatives = check_paths([calendar / "initiatives"]).initiatives
    found = meetings.check_meetings([calendar / "bijeenkomsten"], {i.slug for i in initiatives}).meetings
    graph = rdflib.Graph().parse(data=dcat.render(initiatives, CONFIG, found), format="xml")
    newest = max(m.bijgewerkt for m in found).isoformat()
    assert graph.value(MEETINGS, DCTERMS.modified) == rdflib.Literal(newest, datatype=XSD.date)
    assert graph.value(CATALOG, DCTERMS.modified) == rdflib.Literal(max(newest, max(i.bijgewerkt for i in initiatives).isoformat()),
                                                                      datatype=XSD.date)
    period = graph.value(MEETINGS, DCTERMS.temporal)
    assert (graph.value(period, DCAT.startDate), graph.value(period, DCAT.endDate)) == (
        rdflib.Literal("2025-01-15", datatype=XSD.date), rdflib.Literal("2026-12-10", datatype=XSD.date))
    for item in graph.objects(MEETINGS, DCAT.distribution):
        assert graph.value(item, DCTERMS.modified) == rdflib.Literal(newest, datatype=XSD.date)
    assert violations(graph, SHAPES / "dcat-ap-nl-verplicht.ttl") == []
    # Known to be none: no dates at all, not the initiatives' dates.
    empty = rdflib.Graph().parse(data=dcat.render(initiatives, CONFIG, []), format="xml")
    assert empty.value(MEETINGS, DCTERMS.modified) is None and empty.value(MEETINGS, DCTERMS.temporal) is None


def test_an_empty_kennisbank_still_has_a_valid_catalogue() -> None:
    graph = rdflib.Graph().parse(data=dcat.render([], CONFIG), format="xml")
    assert graph.value(CATALOG, DCTERMS.modified) is None  # no date known: none claimed (it was 1970-01-01)
    assert violations(graph, SHAPES / "dcat-ap-nl-verplicht.ttl") == []
