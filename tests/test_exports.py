"""Open data, feed, structured data, sitemap, DCAT, charts and map: checked on the real fixture site.

The fixture site (conftest.fixture_site, hostile entry included) is built once; every export is read
back the way a user would read it: JSON with jsonschema, CSV with the csv module, XML with
ElementTree, JSON-LD out of the HTML, and the pages in Chromium with axe-core.
"""
from __future__ import annotations

import csv
import datetime as dt
import dataclasses
import io
import json
import re
import shutil
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from conftest import REPO, axe_violations, describe_violations
from kennisbank.entries.collection import Collection
from kennisbank.entries import places, schema
from kennisbank.entries.fields import fields
from kennisbank.entries.validate import check_paths
from kennisbank.exports import atom, csvexport, exportschema, jsonld, records
from kennisbank.exports import files as writer
from kennisbank.exports.xmltext import clean
from kennisbank.pages import charts, styles
from kennisbank.site import config as siteconfig

CONFIG = siteconfig.load(REPO / "mkdocs.yml")
SITE_URL = CONFIG.site_url
ATOM = "{http://www.w3.org/2005/Atom}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DCAT = "{http://www.w3.org/ns/dcat#}"
DCT = "{http://purl.org/dc/terms/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
DATA_FILES = ("initiatieven.json", "initiatieven.schema.json", "initiatief.schema.json", "initiatieven.csv",
              "initiatieven.geojson", "feed.xml", "dcat.rdf")
HOSTILE_TITLE = "<script>alert('titel')</script> Kwaad [x](javascript:alert(1))"
MY_PAGES = ("cijfers.html", "kaart.html", "open-data.html")

# An entry of our own for the writer-level tests: formula cells and a script breakout.
FORMULA_ENTRY = """\
---
titel: "=HYPERLINK(\\"https://kwaad.example\\";\\"klik\\") </script><!-- "
samenvatting: "+31 6 12345678 belt u terug; -- bij twijfel: @iedereen & <b>vet</b>"
gemeente: ["'s-Hertogenbosch", Utrecht]
themas: [zorg-welzijn]
status: afgerond
startjaar: 1987
eindjaar: 2020
initiatiefnemer: "@bewoners"
partners: ["-min", "'=al beschermd", "Gemeente 's-Hertogenbosch | afdeling wijken"]
trefwoorden: ["=1+1"]
rol_overheid: reguleren
bijgewerkt: 2026-02-02
---

Tekst.
"""


# ---------- helpers ----------

def read(site: Path, relative: str) -> str:
    return (site / relative).read_text(encoding="utf-8")


def html_pages(site: Path) -> list[Path]:
    """Pages MkDocs rendered (static HTML copied from docs/ has no generator tag)."""
    return sorted(p for p in site.rglob("*.html") if 'content="mkdocs-' in p.read_text(encoding="utf-8"))


def site_path(site: Path, url: str) -> Path:
    """The file behind an absolute URL of the deployed site."""
    assert url.startswith(SITE_URL), url
    return site / unquote(url[len(SITE_URL):])


def resolves(site: Path, page: Path, href: str) -> bool:
    target = (page.parent / unquote(urlsplit(href).path)).resolve()
    return target.is_relative_to(site.resolve()) and target.is_file()


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: tuple[float, float, float], two: tuple[float, float, float]) -> float:
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def css_rgba(value: str) -> tuple[float, float, float, float]:
    """'rgb(1, 2, 3)' or 'rgba(1, 2, 3, 0.5)' as computed by the browser."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", value)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def over(colour: tuple[float, float, float, float], background: tuple[float, float, float]) -> tuple[float, float, float]:
    alpha = colour[3]
    return tuple(alpha * c + (1 - alpha) * b for c, b in zip(colour[:3], background, strict=True))  # type: ignore[return-value]


def parse_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark: Excel would misread the accents"
    text = content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def expected_csv_row(item: dict) -> dict[str, str]:
    """What a CSV row must hold for a JSON record, written out independently of csvexport.

    The columns come from the schema (every field shown in exports), so a new field needs no edit
    here; only the fields resolved against our tables (x-kind) and the record's own keys are named.
    """
    def names(key: str, field: str) -> str:
        return " | ".join(str(entry[field]) for entry in item[key])

    def cell(rule: dict, value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, list):
            items = rule.get("items", {})
            if items.get("type") == "object" and rule.get("x-csv"):
                return " | ".join(str(entry[rule["x-csv"]]) for entry in value)
            if items.get("type") == "object":  # lessen: "Label: tekst", the label from the kind's x-labels
                kind = items["properties"]["soort"]
                return " | ".join(f"{kind['x-labels'][entry['soort']]}: {entry['tekst']}" for entry in value)
            return " | ".join(str(entry) for entry in value)
        return str(value)

    row = {
        "slug": item["slug"], "landelijk": "ja" if item["landelijk"] else "nee", "url": item["url"], "bron": item["bron"],
        "gemeenten": names("gemeenten", "naam"), "gemeente_codes": names("gemeenten", "code"),
        "provincies": names("provincies", "naam"), "provincie_codes": names("provincies", "code"),
        "themas": names("themas", "label"), "thema_slugs": names("themas", "slug"),
    }
    for field in fields():
        if "export" in field.show and field.kind not in ("gemeente", "thema"):
            row[field.name] = cell(field.definition, item[field.name])
    return row


# ---------- fixtures ----------

@pytest.fixture(scope="module")
def site(fixture_site: Path) -> Path:
    return fixture_site


@pytest.fixture(scope="module")
def data(site: Path) -> dict:
    return json.loads(read(site, "initiatieven.json"))


@pytest.fixture(scope="module")
def by_slug(data: dict) -> dict[str, dict]:
    return {item["slug"]: item for item in data["initiatieven"]}


@pytest.fixture(scope="module")
def formula_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | bytes]:
    """The writer's output for the fixture entries plus FORMULA_ENTRY (no MkDocs needed)."""
    folder = tmp_path_factory.mktemp("formula") / "initiatives"
    shutil.copytree(REPO / "tests" / "fixtures" / "site" / "initiatives", folder)
    (folder / "utrecht").mkdir(exist_ok=True)
    (folder / "utrecht" / "formule-proef.md").write_text(FORMULA_ENTRY, encoding="utf-8")
    result = check_paths([folder])
    assert not result.errors, [m.text for m in result.messages]
    assert "formule-proef" in {i.slug for i in result.initiatives}
    return dict(writer.write(Collection(CONFIG, dt.date.today(), result.initiatives)))


# ---------- the files are there and linked ----------

def test_every_export_is_published(site: Path) -> None:
    for name in (*DATA_FILES, *MY_PAGES, "sitemap.xml", styles.FILE):
        assert (site / name).is_file(), f"{name} is missing from the site"


def test_open_data_page_links_every_file_and_is_in_the_nav(site: Path) -> None:
    page = read(site, "open-data.html")
    for name in DATA_FILES:
        assert f'href="{name}"' in page, f"open-data.html does not link {name}"
    assert 'href="sitemap.xml"' in page
    assert "CC BY 4.0" in page and "creativecommons.org/licenses/by/4.0" in page
    home = read(site, "index.html")
    for target, label in (("open-data.html", "Open data"), ("cijfers.html", "Cijfers"), ("kaart.html", "Kaart")):
        assert re.search(rf'<a href="{target}"[^>]*>\s*(<span[^>]*>\s*)?{label}', home), f"the nav lacks {label}"


def test_open_data_page_lists_the_fields_of_both_schemas(site: Path) -> None:
    page = read(site, "open-data.html")
    for name, definition in schema.properties().items():
        assert f"<code>{name}</code>" in page, name
        assert definition["description"].replace("'", "&#39;") in page, f"description of {name} missing"
    export = json.loads(read(site, "initiatieven.schema.json"))
    for name in export["$defs"]["initiatief"]["properties"]:
        assert f"<code>{name}</code>" in page, name
    assert "geen punt" in page, "the page must say that landelijk initiatives have no point"
    assert "apostrof" in page, "the page must document the formula protection of the CSV"


# ---------- JSON ----------

def test_json_validates_against_its_published_schema(site: Path, data: dict) -> None:
    published = json.loads(read(site, "initiatieven.schema.json"))
    assert published == exportschema.export_schema(CONFIG)
    validator = jsonschema.Draft202012Validator(published, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    assert data["aantal"] == len(data["initiatieven"]) == 6
    assert data["bijgewerkt"] == max(item["bijgewerkt"] for item in data["initiatieven"])


def test_schema_catches_a_broken_record(data: dict) -> None:
    """The schema is strict enough to fail: a missing field, a wrong code, an unknown key."""
    validator = jsonschema.Draft202012Validator(exportschema.export_schema(CONFIG))
    item = json.loads(json.dumps(data["initiatieven"][0]))
    for broken in ({k: v for k, v in item.items() if k != "url"}, {**item, "extra": 1}, {**item, "status": "klaar"},
                   {**item, "gemeenten": [{**(item["gemeenten"] or [{}])[0], "code": "Rotterdam"}]}):
        assert not validator.is_valid({**data, "initiatieven": [broken]})


def test_json_records_are_normalised(by_slug: dict[str, dict]) -> None:
    weesp = by_slug["wijkdeal-weesp-test"]  # written as 'Weesp', merged into Amsterdam in 2022
    assert [(g["code"], g["naam"]) for g in weesp["gemeenten"]] == [("GM0363", "Amsterdam")]
    assert [p["code"] for p in weesp["provincies"]] == ["PV27"]
    assert weesp["url"] == SITE_URL + "initiatieven/wijkdeal-weesp-test.html"
    assert weesp["bron"] == "initiatives/zuid-holland/wijkdeal-weesp-test.md"
    hague = by_slug["kwaadaardig-initiatief"]
    assert hague["titel"] == HOSTILE_TITLE
    assert hague["gemeenten"][0]["naam"] == "Den Haag" and hague["gemeenten"][0]["naam_officieel"] == "'s-Gravenhage"
    national = by_slug["energiecooperaties-nederland"]
    assert national["landelijk"] is True and national["gemeenten"] == [] and national["provincies"] == []
    moestuin = by_slug["buurtmoestuin-delfshaven"]
    assert [(t["slug"], t["label"]) for t in moestuin["themas"]] == [("voedsel", "Voedsel"), ("openbare-ruimte", "Openbare ruimte")]
    assert moestuin["status_label"] == "Lopend" and moestuin["rol_overheid_label"] == "Faciliteren"


def test_json_urls_point_at_built_pages(site: Path, data: dict) -> None:
    for item in data["initiatieven"]:
        assert site_path(site, item["url"]).is_file(), item["url"]
        for key in ("gemeenten", "provincies", "themas"):
            for entry in item[key]:
                assert site_path(site, entry["url"]).is_file(), entry["url"]


def test_input_schema_is_published_unchanged(site: Path) -> None:
    assert (site / "initiatief.schema.json").read_bytes() == schema.SCHEMA_PATH.read_bytes()


# ---------- CSV ----------

def test_csv_is_excel_friendly(site: Path) -> None:
    content = (site / "initiatieven.csv").read_bytes()
    assert content.startswith(b"\xef\xbb\xbfslug;titel;")
    assert content.count(b"\r\n") >= 7 and b"\n" not in content.replace(b"\r\n", b"")


def test_csv_round_trips_to_the_json(site: Path, data: dict) -> None:
    rows = parse_csv((site / "initiatieven.csv").read_bytes())
    assert len(rows) == len(data["initiatieven"])
    for row, item in zip(rows, data["initiatieven"], strict=True):
        restored = {key: csvexport.restore(value) for key, value in row.items()}
        assert restored == expected_csv_row(item)


def test_csv_neutralises_formulas_and_round_trips(formula_files: dict) -> None:
    rows = {row["slug"]: row for row in parse_csv(formula_files["initiatieven.csv"])}
    items = {item["slug"]: item for item in json.loads(formula_files["initiatieven.json"])["initiatieven"]}
    row = rows["formule-proef"]
    for column in ("titel", "samenvatting", "initiatiefnemer", "partners", "trefwoorden"):
        assert row[column][:1] == "'", f"{column} would run as a formula: {row[column]!r}"
    assert row["partners"].startswith("'-min | ")
    assert row["gemeenten"] == "'s-Hertogenbosch | Utrecht", "an apostrophe that starts a name is not a formula"
    for slug, row in rows.items():
        restored = {key: csvexport.restore(value) for key, value in row.items()}
        assert restored == expected_csv_row(items[slug]), slug


INVISIBLE_LEAD = "[\\s\u200b-\u200f\u2060\ufeff]*"
FORMULA_LIKE = "[=+\\-@\\t\\r\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212]"


@pytest.mark.parametrize("text", [
    "=1+1", "+31", "-2", "@x", "\tx", "\rx", "'=x", "''+x", "'s-Gravenhage", "plain", "", "'",
    "\ufeff=1+1", "\u200b=HYPERLINK(1)", "\uff1d1+1", "\uff0b31", "\u200b\ufeff@x", " =1", "\u2060\uff20x",
    "'\ufeff=x", "\ufeffplain", "a=b", "\ufe66x", "\u2212 2",
])
def test_neutralise_is_safe_and_reversible(text: str) -> None:
    cell = csvexport.neutralise(text)
    assert csvexport.restore(cell) == text
    assert not re.match(INVISIBLE_LEAD + FORMULA_LIKE, cell), f"{cell!r} would run as a formula"


# ---------- GeoJSON ----------

def test_geojson_has_a_point_per_initiative_per_municipality(site: Path, data: dict) -> None:
    collection = json.loads(read(site, "initiatieven.geojson"))
    assert collection["type"] == "FeatureCollection"
    table = {row["code"]: row for row in csv.DictReader((REPO / "scripts/kennisbank/data/gemeenten.csv").open(encoding="utf-8"))}
    expected = {(item["slug"], g["code"]) for item in data["initiatieven"] for g in item["gemeenten"]}
    found = set()
    for feature in collection["features"]:
        properties = feature["properties"]
        code = properties["gemeente_code"]
        found.add((properties["slug"], code))
        assert feature["geometry"] == {"type": "Point", "coordinates": [float(table[code]["lon"]), float(table[code]["lat"])]}
        assert properties["gemeente"] == table[code]["naam_gangbaar"]
    assert found == expected and len(collection["features"]) == len(expected)
    national = {item["slug"] for item in data["initiatieven"] if item["landelijk"]}
    assert national and not national & {slug for slug, _ in found}


# ---------- Atom feed ----------

def test_feed_is_atom_with_the_newest_entries(site: Path, data: dict) -> None:
    root = ET.fromstring((site / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == min(atom.NEWEST, len(data["initiatieven"]))
    dates = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert dates == sorted(dates, reverse=True)
    assert root.findtext(f"{ATOM}updated") == dates[0] == data["bijgewerkt"] + "T00:00:00Z"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + "feed.xml"
    assert root.findtext(f"{ATOM}id") and root.find(f"{ATOM}author/{ATOM}name") is not None
    by_url = {item["url"]: item for item in data["initiatieven"]}
    for entry in entries:
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert entry.findtext(f"{ATOM}id") == link and site_path(site, link).is_file()
        item = by_url[link]
        assert entry.findtext(f"{ATOM}title") == item["titel"]
        assert entry.findtext(f"{ATOM}summary") == item["samenvatting"]
        assert entry.findtext(f"{ATOM}updated") == item["bijgewerkt"] + "T00:00:00Z"
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert HOSTILE_TITLE in titles
    assert b"<script>" not in (site / "feed.xml").read_bytes()


def test_feed_keeps_hostile_titles_as_text(formula_files: dict) -> None:
    root = ET.fromstring(formula_files["feed.xml"].encode("utf-8"))
    titles = {entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")}
    # (Control characters never get this far: the check refuses them; xmltext.clean is tested below.)
    assert '=HYPERLINK("https://kwaad.example";"klik") </script><!--' in titles, "text changed"


def test_feed_is_limited_to_the_newest_fifty(tmp_path: Path) -> None:
    result = check_paths([REPO / "tests" / "fixtures" / "site" / "initiatives"])
    base = result.initiatives[0]
    many = [dataclasses.replace(base, slug=f"i{n:03}", bijgewerkt=base.bijgewerkt.replace(day=1 + n % 28, month=1 + n % 12))
            for n in range(120)]
    root = ET.fromstring(atom.render(many, CONFIG).encode("utf-8"))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 50
    newest = sorted(many, key=lambda i: (i.bijgewerkt, i.slug), reverse=True)[:50]
    assert [e.findtext(f"{ATOM}id") for e in entries] == [records.initiative_url(CONFIG, i) for i in newest]


def test_every_page_links_the_feed(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) > 20
    for page in pages:
        found = re.findall(r'<link rel="alternate feed" type="application/atom\+xml"[^>]*href="([^"]+)"', page.read_text(encoding="utf-8"))
        # A municipality's, province's or theme's page also links its own feed (tests/test_follow.py), after the site's.
        own = 1 if any(other.startswith(("../feeds/", "feeds/")) for other in found[1:]) else 0
        assert len(found) == 1 + own, f"{page.relative_to(site)} links the feed {len(found)} times"
        if page.name != "404.html":  # the 404 page resolves links against the site root, checked below
            assert (page.parent / found[0]).resolve() == (site / "feed.xml").resolve(), page
    assert re.search(r'type="application/atom\+xml"[^>]*href="\./feed\.xml"', read(site, "404.html"))


# ---------- JSON-LD ----------

def test_every_initiative_page_has_parseable_json_ld(site: Path, by_slug: dict[str, dict]) -> None:
    pages = sorted((site / "initiatieven").glob("*.html"))
    assert len(pages) == len(by_slug)
    for page in pages:
        blocks = LD_JSON.findall(page.read_text(encoding="utf-8"))
        assert len(blocks) == 1, page.name
        value = json.loads(blocks[0])
        item = by_slug[page.stem]
        assert value["@context"] == "https://schema.org" and value["@type"] == "Project"
        assert value["name"] == item["titel"] and value["description"] == item["samenvatting"]
        assert value["url"] == item["url"] and site_path(site, value["url"]) == page
        assert value["foundingDate"] == str(item["startjaar"])
        assert value.get("sameAs") == item["website"]
        if item["landelijk"]:
            assert value["areaServed"] == {"@type": "Country", "name": "Nederland"}
        else:
            assert [(a["@type"], a["name"]) for a in value["areaServed"]] == [("AdministrativeArea", g["naam"]) for g in item["gemeenten"]]


def test_json_ld_only_on_initiative_and_meeting_pages(site: Path) -> None:
    for page in html_pages(site):
        if page.parent.name not in ("initiatieven", "bijeenkomsten"):
            assert "application/ld+json" not in page.read_text(encoding="utf-8"), page


def test_hostile_title_cannot_break_out_of_json_ld(site: Path) -> None:
    document = read(site, "initiatieven/kwaadaardig-initiatief.html")
    block = LD_JSON.findall(document)[0]
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["name"] == HOSTILE_TITLE
    assert json.loads(block)["sameAs"] == "https://voorbeeld.nl/?q='onmouseover=alert(4)"


@pytest.mark.parametrize("title", ["</script><script>alert(1)</script>", "<!--<script>", "a & b \u2028 c", "</SCRIPT >"])
def test_script_safe_json_round_trips(title: str) -> None:
    text = jsonld.script_safe({"name": title})
    assert not re.search(r"[<>&\u2028]", text)
    assert json.loads(text) == {"name": title}


# ---------- sitemap ----------

def test_sitemap_lists_every_page_with_the_deployed_url(site: Path) -> None:
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    listed = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert len(listed) == len(set(listed))
    assert all(url.startswith(SITE_URL) and url.endswith(".html") for url in listed), listed[:5]
    expected = {SITE_URL + p.relative_to(site).as_posix() for p in html_pages(site) if p.name != "404.html"}
    assert set(listed) == expected
    for page in (*MY_PAGES, "initiatieven/kwaadaardig-initiatief.html", "gemeenten/rotterdam.html"):
        assert SITE_URL + page in listed


# ---------- DCAT ----------

def test_dcat_describes_the_dataset_and_its_distributions(site: Path, data: dict) -> None:
    root = ET.fromstring((site / "dcat.rdf").read_bytes())
    assert root.tag == f"{RDF}RDF"
    dataset = root.find(f"{DCAT}Dataset")
    assert dataset is not None
    title = dataset.find(f"{DCT}title")
    assert title.get(XML_LANG) == "nl" and title.text
    assert dataset.find(f"{DCT}description").get(XML_LANG) == "nl"
    assert dataset.find(f"{DCT}license").get(f"{RDF}resource") == "http://creativecommons.org/licenses/by/4.0/"
    assert dataset.find(f"{DCT}modified").text == data["bijgewerkt"]
    assert dataset.find(f"{DCT}spatial").get(f"{RDF}resource").endswith("/country/NLD")
    assert dataset.findall(f"{DCAT}theme")
    publisher = dataset.find(f"{DCT}publisher").get(f"{RDF}resource")
    assert any(agent.get(f"{RDF}about") == publisher for agent in root.iter("{http://xmlns.com/foaf/0.1/}Agent"))
    linked = {d.get(f"{RDF}resource") for d in dataset.findall(f"{DCAT}distribution")}
    # The meetings' dataset has distributions of its own (tests/test_dcat_shapes.py).
    distributions = {d.get(f"{RDF}about"): d for d in root.findall(f"{DCAT}Distribution") if d.get(f"{RDF}about") in linked}
    assert linked == set(distributions)
    media = {}
    for distribution in distributions.values():
        url = distribution.find(f"{DCAT}accessURL").get(f"{RDF}resource")
        assert site_path(site, url).is_file(), url
        media[url.rsplit("/", 1)[1]] = distribution.find(f"{DCAT}mediaType").get(f"{RDF}resource").split("media-types/")[1]
    # Beside the whole-site files, the feed of each municipality, province and theme (tests/test_dcat_shapes.py).
    area_feeds = {path.name: "application/atom+xml" for path in (site / "feeds").glob("*/*.xml")}
    assert area_feeds and media == {"initiatieven.json": "application/json", "initiatieven.csv": "text/csv",
                                    "initiatieven.geojson": "application/geo+json", "feed.xml": "application/atom+xml"} | area_feeds


def test_xml_text_drops_characters_xml_forbids() -> None:
    assert clean("a\x00b\x01c\td\ne\uffff") == "abc\td\ne"


# ---------- charts ----------

def test_cijfers_page_has_accessible_charts_with_tables(site: Path, data: dict) -> None:
    page = read(site, "cijfers.html")
    svgs = re.findall(r"<svg class=\"kb-chart\".*?</svg>", page, re.S)
    assert len(svgs) == 6
    for drawing in svgs:
        assert 'role="img"' in drawing
        title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', drawing).groups()
        assert f'<title id="{title_id}">' in drawing and f'<desc id="{desc_id}">' in drawing
    tables = re.findall(r"<table>.*?</table>", page, re.S)
    assert len(tables) == 6

    def table_rows(index: int) -> dict[str, int]:
        return {label: int(count) for label, count in re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', tables[index])}

    themes = Counter(t["label"] for item in data["initiatieven"] for t in item["themas"])
    assert {k: v for k, v in table_rows(0).items() if v} == dict(themes)
    provinces = Counter(p["naam"] for item in data["initiatieven"] for p in item["provincies"])
    provinces["Landelijk"] = sum(item["landelijk"] for item in data["initiatieven"])
    assert {k: v for k, v in table_rows(1).items() if v} == dict(provinces)
    assert sum(table_rows(2).values()) == len(data["initiatieven"])
    assert table_rows(3) == {"Idee": 1, "Lopend": 4, "Afgerond": 1, "Gestopt": 0}
    assert table_rows(4)["Niet ingevuld"] == sum(item["rol_overheid"] is None for item in data["initiatieven"])
    sourced = sum(bool(item["bronnen"]) for item in data["initiatieven"])
    assert 0 < sourced < len(data["initiatieven"])  # the fixture has entries with and without sources
    assert table_rows(5) == {"Met minstens één bron": sourced, "Zonder bron": len(data["initiatieven"]) - sourced}
    assert f"{sourced} van de {len(data['initiatieven'])} noemen minstens één bron" in page


def test_years_are_grouped_readably() -> None:
    assert charts.year_rows([2015, 2017, 2017]) == [("2015", 1), ("2016", 0), ("2017", 2)]
    assert charts.year_rows([1987, 2020, 2021]) == [("1980–1989", 1), ("1990–1999", 0), ("2000–2009", 0), ("2010–2019", 0), ("2020–2029", 2)]
    assert charts.year_rows([]) == []


def test_chart_text_is_escaped() -> None:
    chart = charts.Chart("x", "Titel <b>", "Kop", (("<script>alert(1)</script>", 3), ("&", 0)))
    drawing = str(charts.svg(chart))
    assert "<script>" not in drawing and "&lt;script&gt;" in drawing and "&amp;" in drawing
    ET.fromstring(drawing)  # well-formed, so also valid inline SVG syntax


def test_colours_keep_their_contrast_in_both_schemes() -> None:
    for scheme, backgrounds in styles.BACKGROUNDS.items():
        zero, *scale = styles.SCALE[scheme]
        for page_colour in backgrounds:
            background = hex_rgb(page_colour)
            assert contrast(hex_rgb(styles.ACCENT[scheme]), background) >= 3, (scheme, page_colour)
            for colour in scale:
                assert contrast(hex_rgb(colour), background) >= 3, f"map class {colour} on the page ({scheme}, {page_colour})"
        for colour in scale:
            assert contrast(hex_rgb(colour), hex_rgb(zero)) >= 3, f"map class {colour} next to class 0 ({scheme})"
        lightness = [luminance(hex_rgb(colour)) for colour in scale]
        assert lightness == sorted(lightness, reverse=scheme == "light"), f"the scale must run one way ({scheme})"


def test_cijfers_tables_are_folded_under_their_charts(site: Path) -> None:
    """Each chart's table stays, for screen readers and whoever wants the numbers, but folded."""
    page = read(site, "cijfers.html")
    titles = re.findall(r'<title id="kb-chart-[^"]+-title">([^<]+)</title>', page)
    folded = re.findall(r'<details class="kb-uitklap">\s*<summary>([^<]+)</summary>\s*<table>.*?</table>\s*</details>', page, re.S)
    assert len(titles) == 6
    assert folded == [f"Tabel met alle aantallen: {title.lower()}" for title in titles]
    assert "<details open" not in page and len(re.findall(r"<table>", page)) == 6


# ---------- validity (Nu Html Checker) of the drawings and tables ----------

# ---------- in the browser ----------

@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["cijfers.html", "kaart.html", "gemeenten/vlissingen.html", "provincies/zeeland.html", "open-data.html"])
def test_axe_and_contrast_on_charts_and_maps(browser, site: Path, serve, name: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("http://127.0.0.1", "data:"))
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    try:
        page.goto(serve(site) + name)
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == {"light": "default", "dark": "slate"}[scheme]
        problems = axe_violations(page)
        assert not problems, f"axe on {name} ({scheme}):\n{describe_violations(problems)}"
        colours = page.evaluate("""() => {
            const bg = getComputedStyle(document.body).backgroundColor;
            const shape = document.querySelector('.kb-chart__bar, .kb-map a path, .kb-map__here');
            const svgText = document.querySelector('.kb-chart text, .kb-map text');
            const text = svgText ? getComputedStyle(svgText).fill : getComputedStyle(document.querySelector('.md-typeset p')).color;
            const zero = document.querySelector('.kb-map .kb-k0');
            return {bg, text, shape: shape && getComputedStyle(shape).fill, zero: zero && getComputedStyle(zero).fill};
        }""")
        background = css_rgba(colours["bg"])[:3]  # as the theme and the site's stylesheet set it, measured
        assert contrast(over(css_rgba(colours["text"]), background), background) >= 4.5, colours
        if colours["shape"]:
            shape = over(css_rgba(colours["shape"]), background)
            assert contrast(shape, background) >= 3, colours
            if colours["zero"]:
                assert contrast(shape, over(css_rgba(colours["zero"]), background)) >= 3, colours
        assert not outside, outside
    finally:
        context.close()


# ---------- speed (figures, not assertions) ----------

def test_benchmark_exports_for_a_large_site(record_property) -> None:
    """How long the writer takes for 3,000 entries; the goal is well under a few seconds.

    The figure stays out of the test run's progress: `-rP` shows it (passed tests' output), and a
    JUnit report (`--junitxml`) has it as the property "bench".
    """
    result = check_paths([REPO / "tests" / "fixtures" / "site" / "initiatives"])
    gemeenten = places.gemeenten()
    many = []
    for n in range(3000):
        base = result.initiatives[n % len(result.initiatives)]
        spot = () if base.landelijk else (gemeenten[n % len(gemeenten)],)
        many.append(dataclasses.replace(base, slug=f"{base.slug}-{n}", gemeenten=spot, startjaar=1980 + n % 45))
    started = time.perf_counter()
    files = dict(writer.write(Collection(CONFIG, dt.date.today(), many)))
    seconds = time.perf_counter() - started
    total = sum(len(c) for c in files.values())
    figure = f"[bench] exports for {len(many)} initiatives: {seconds:.2f} s, {len(files)} files, {total / 1e6:.1f} MB"
    record_property("bench", figure)
    print(figure)
    assert len(parse_csv(files["initiatieven.csv"])) == len(many)
