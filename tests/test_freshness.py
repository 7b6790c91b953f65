"""Freshness in the open data: sitemap lastmod from 'bijgewerkt', and schema.org Events on meeting pages.

Checked on the built fixture site (conftest.fixture_site, hostile meeting included), read back as a
crawler would: the sitemap with ElementTree, JSON-LD out of the HTML with json.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO
from kennisbank.site import config as siteconfig

SITE_URL = siteconfig.load(REPO / "mkdocs.yml").site_url
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
MEETINGS = FIXTURES / "site" / "bijeenkomsten"
SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def lastmod(fixture_site: Path) -> dict[str, str]:
    """Each sitemap URL's lastmod, by the page's path in the site."""
    root = ET.fromstring((fixture_site / "sitemap.xml").read_bytes())
    found: dict[str, str] = {}
    for url in root.iter(f"{SITEMAP}url"):
        loc, mod = url.findtext(f"{SITEMAP}loc"), url.findtext(f"{SITEMAP}lastmod")
        assert loc is not None and loc.startswith(SITE_URL) and mod is not None, (loc, mod)
        found[loc[len(SITE_URL):]] = mod
    return found


@pytest.fixture(scope="module")
def initiatives(fixture_site: Path) -> list[dict]:
    return json.loads((fixture_site / "initiatieven.json").read_text(encoding="utf-8"))["initiatieven"]


def meeting_matter(slug: str) -> dict:
    text = (MEETINGS / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def event(site: Path, slug: str) -> dict:
    blocks = LD_JSON.findall((site / "bijeenkomsten" / f"{slug}.html").read_text(encoding="utf-8"))
    assert len(blocks) == 1, slug
    value = json.loads(blocks[0])
    assert value["@context"] == "https://schema.org" and value["@type"] == "Event"
    assert value["url"] == f"{SITE_URL}bijeenkomsten/{slug}.html"
    return value


# ---------- sitemap ----------

def test_sitemap_lastmod_of_an_initiative_is_its_bijgewerkt(lastmod: dict[str, str], initiatives: list[dict]) -> None:
    assert len({item["bijgewerkt"] for item in initiatives}) > 1  # else the build date could pass for them all
    for item in initiatives:
        assert lastmod[f"initiatieven/{item['slug']}.html"] == item["bijgewerkt"], item["slug"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod["cijfers.html"])  # a page without the key keeps MkDocs' date


def test_sitemap_lastmod_of_a_meeting_is_its_bijgewerkt(lastmod: dict[str, str]) -> None:
    for path in sorted(MEETINGS.glob("*.md")):
        assert lastmod[f"bijeenkomsten/{path.stem}.html"] == meeting_matter(path.stem)["bijgewerkt"].isoformat(), path.stem


def test_sitemap_lastmod_of_a_theme_is_its_newest_initiative(lastmod: dict[str, str], initiatives: list[dict]) -> None:
    shown = [item["bijgewerkt"] for item in initiatives if "voedsel" in {t["slug"] for t in item["themas"]}]
    assert shown
    assert lastmod["themas/voedsel.html"] == max(shown)


# ---------- schema.org Event ----------

def test_winter_meeting_is_online_with_a_plus_one_offset(fixture_site: Path) -> None:
    value = event(fixture_site, "webinar-energiecooperaties")
    assert value["name"] == "Webinar samen energie opwekken"
    assert value["description"] == meeting_matter("webinar-energiecooperaties")["samenvatting"]
    assert (value["startDate"], value["endDate"]) == ("2029-03-05T19:30:00+01:00", "2029-03-05T21:00:00+01:00")
    assert value["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert value["location"] == {"@type": "VirtualLocation", "url": "https://voorbeeld.nl/webinar"}
    assert value["organizer"] == {"@type": "Organization", "name": "Landelijk netwerk energiecoöperaties (testgegevens)"}


def test_summer_meeting_is_offline_with_a_plus_two_offset(fixture_site: Path) -> None:
    value = event(fixture_site, "open-dag-buurtmoestuin")
    assert (value["startDate"], value["endDate"]) == ("2031-06-14T10:00:00+02:00", "2031-06-14T16:00:00+02:00")
    assert value["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert value["location"]["@type"] == "Place"
    assert value["location"]["name"] == "Buurtmoestuin, Voorbeeldkade 12, Rotterdam"
    assert value["location"]["address"]["addressLocality"] == "Rotterdam"


def test_meeting_in_a_place_and_online_is_mixed(fixture_site: Path) -> None:
    value = event(fixture_site, "congres-zeeuwse-initiatieven")
    assert (value["startDate"], value["endDate"]) == ("2030-10-01T09:30:00+02:00", "2030-10-02T16:00:00+02:00")
    assert value["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"
    # Online, but no web address to follow it: only the Place.
    assert value["location"]["@type"] == "Place" and value["location"]["address"]["addressLocality"] == "Vlissingen"
    winter = event(fixture_site, "wijkavond-menukaart-2024")
    assert winter["startDate"] == "2024-11-12T19:30:00+01:00"


def test_hostile_meeting_cannot_break_out_of_json_ld(fixture_site: Path) -> None:
    document = (fixture_site / "bijeenkomsten" / "kwaadaardige-bijeenkomst.html").read_text(encoding="utf-8")
    block = LD_JSON.findall(document)[0]
    assert "<" not in block and ">" not in block and "&" not in block
    value = json.loads(block)
    matter = meeting_matter("kwaadaardige-bijeenkomst")
    assert value["name"] == matter["titel"] and value["description"] == matter["samenvatting"]
    assert value["organizer"]["name"] == matter["organisator"]
    assert value["location"]["name"] == matter["locatie"]
