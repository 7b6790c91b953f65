"""Accessibility, validity and offline use of the built site.

Every page type of the fixture site (hostile entry included) is checked with axe-core in light and
dark, for console errors, with the Nu Html Checker, and opened from disk with the network shut off.
"""
from __future__ import annotations

import functools
import html.parser
import http.server
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import material
import pytest
from conftest import (
    REPO,
    VNU_JAR,
    axe_violations,
    describe_violations,
    missing_tool,
    watched_page,
)

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
# The lintblauw header of docs/assets/kennisbank.css: proof that the site's own stylesheet loaded.
HEADER_BLUE = {"light": "rgb(21, 66, 115)", "dark": "rgb(12, 37, 64)"}

FIXED_PAGES = {
    "home": "index.html",
    "themes overview": "themas/index.html",
    "municipalities overview": "gemeenten/index.html",
    "provinces overview": "provincies/index.html",
    "landelijk": "landelijk.html",
    "lessen": "lessen.html",
    "nieuw en bijgewerkt": "nieuw.html",
    "agenda": "agenda.html",
    "over": "over.html",
    "meedoen": "meedoen.html",
    "bijeenkomst aanmelden": "bijeenkomst-aanmelden.html",
    "toegankelijkheid": "toegankelijkheid.html",
    "privacy": "privacy.html",
    "404": "404.html",
}
# One page of each generated kind; the initiative is the fixture's outdated one (it shows the notice).
SAMPLE_PAGES = {
    "initiative": "initiatieven/menukaart-vlissingen.html",
    "hostile initiative": "initiatieven/kwaadaardig-initiatief.html",
    "theme": "themas/openbare-ruimte.html",
    "municipality": "gemeenten/vlissingen.html",
    "province": "provincies/zeeland.html",
    "meeting": "bijeenkomsten/congres-zeeuwse-initiatieven.html",
    "past meeting": "bijeenkomsten/wijkavond-menukaart-2024.html",
    "hostile meeting": "bijeenkomsten/kwaadaardige-bijeenkomst.html",
}
PAGE_TYPES = {**FIXED_PAGES, **SAMPLE_PAGES}


# ---------- helpers ----------

def own_style_applied(page) -> bool:
    """Material's stylesheet (sticky header) and ours (lintblauw header) both apply to the header."""
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('.md-header'));"
        " return {position: s.position, background: s.backgroundColor}; }"
    )
    return style["position"] == "sticky" and style["background"] in HEADER_BLUE.values()


def script_ran(page) -> bool:
    """Material's bundle swaps the no-js class for js on <html>."""
    return page.evaluate("() => document.documentElement.classList.contains('js')")


class _References(html.parser.HTMLParser):
    """Every href, src and form action in a document."""

    ATTRIBUTES = {"href", "src", "action"}

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.extend(value for name, value in attrs if name in self.ATTRIBUTES and value is not None)


def references(document: str) -> list[str]:
    parser = _References()
    parser.feed(document)
    return parser.found


def broken_reference(site: Path, page: Path, reference: str) -> str | None:
    """Why a reference from a page does not resolve to a file of the site from disk, or None if it does."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc:
        return None  # an outside link: never fetched by the site itself
    if not parts.path:
        return None  # "#anchor" or "?query" on the same page
    if parts.path.startswith("/"):
        return "root-absolute: breaks when the site is opened from disk"
    target = (page.parent / unquote(parts.path)).resolve()
    if not target.is_relative_to(site.resolve()):
        return "points outside the site"
    if not target.is_file():
        return "no such file"
    return None


# ---------- fixtures ----------

@pytest.fixture(scope="module")
def site(fixture_site: Path) -> Path:
    for name, relative in PAGE_TYPES.items():
        assert (fixture_site / relative).is_file(), f"the fixture site lacks its {name} page {relative}"
    return fixture_site


@pytest.fixture(scope="module")
def base_url(site: Path, serve) -> str:
    return serve(site)


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_page(request: pytest.FixtureRequest, browser):
    """One page per colour scheme, shared by the axe tests (a context per test costs seconds)."""
    page = watched_page(browser, color_scheme=request.param)
    page.scheme = request.param
    yield page
    page.context.close()


# ---------- templates ----------

# The navigation, rendered once per folder when the build offers kb_reuse (kennisbank.site.theme_environment).
REUSED_NAV = ('{% if kb_reuse is defined and page and page not in nav.pages %}{% call kb_reuse("nav " ~ page.url.rpartition("/")[0]) %}'
              '{% include "partials/nav.html" %}{% endcall %}{% else %}{% include "partials/nav.html" %}{% endif %}')


def test_base_override_differs_from_material_only_by_the_autocomplete_fix_and_the_reused_nav() -> None:
    """overrides/base.html is a copy of Material's; it may differ only where it means to."""
    ours = (REPO / "overrides" / "base.html").read_text(encoding="utf-8")
    material = (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8")
    strip_header = functools.partial(re.sub, r"\A\{#-.*?-#\}\n", "", flags=re.S)
    expected = strip_header(material).replace(' id="__drawer" autocomplete="off">', ' id="__drawer">')
    expected = expected.replace(' id="__search" autocomplete="off">', ' id="__search">')
    expected = expected.replace('{% include "partials/nav.html" %}', REUSED_NAV)
    assert expected != strip_header(material), "Material's base.html changed: the toggles no longer match"
    assert strip_header(ours) == expected, "overrides/base.html drifted from Material's base.html; copy it again"


# ---------- axe-core ----------

@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_axe_finds_no_serious_violations(scheme_page, base_url: str, page_type: str) -> None:
    page, scheme = scheme_page, scheme_page.scheme
    page.goto(base_url + PAGE_TYPES[page_type])
    shown = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert shown == {"light": "default", "dark": "slate"}[scheme], f"{scheme} scheme not applied: {shown}"
    violations = axe_violations(page)
    assert not violations, f"axe on {PAGE_TYPES[page_type]} ({scheme}):\n{describe_violations(violations)}"


# ---------- loading: console, network, styles ----------

@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_page_loads_cleanly(page, base_url: str, page_type: str) -> None:
    page.goto(base_url + PAGE_TYPES[page_type])
    page.wait_for_load_state("load")
    assert not page.watch.console_errors, "console errors:\n" + "\n".join(page.watch.console_errors)
    assert not page.watch.outside_requests, f"requests left the machine: {page.watch.outside_requests}"
    assert not page.watch.dialogs, f"dialogs opened: {page.watch.dialogs}"
    assert own_style_applied(page), "the stylesheets did not apply"
    assert script_ran(page), "Material's JavaScript did not run"
    footer = page.get_by_role("navigation", name="Over deze site")
    for name in ("Toegankelijkheid", "Privacy"):
        assert footer.get_by_role("link", name=name).count() == 1, f"footer lacks a link to {name}"


# ---------- Nu Html Checker ----------

@pytest.mark.slow
def test_every_page_is_valid_html(site: Path) -> None:
    java = shutil.which("java")
    if not VNU_JAR.is_file() or java is None:
        missing_tool(f"the Nu Html Checker ({VNU_JAR}) or java")
    files = sorted(str(p) for p in site.rglob("*.html"))
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    readable = "\n".join(
        f"- {Path(unquote(urlsplit(m.get('url', '')).path)).relative_to(site) if m.get('url') else '?'}"
        f":{m.get('lastLine', '?')}: {m.get('message')}  [{(m.get('extract') or '').strip()[:120]}]"
        for m in errors
    )
    assert not errors, f"{len(errors)} HTML error(s) in {len(files)} files:\n{readable}"
    assert len(files) > len(PAGE_TYPES), "the checker saw fewer files than there are page types"


# ---------- links ----------

@pytest.mark.slow
@pytest.mark.parametrize("which", ["fixture_site", "shipped_site"])
def test_every_relative_link_points_at_a_file(request: pytest.FixtureRequest, which: str) -> None:
    site = request.getfixturevalue(which)
    broken = []
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        for reference in references(page.read_text(encoding="utf-8")):
            reason = broken_reference(site, page, reference)
            if reason:
                broken.append(f"- {page.relative_to(site)}: {reference} ({reason})")
    assert pages
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken)


def test_link_checker_notices_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    page = tmp_path / "a" / "page.html"
    page.write_text('<a href="../b.html#x">b</a><a href="/root.html">r</a><a href="https://example.org/">o</a>', encoding="utf-8")
    found = {ref: broken_reference(tmp_path, page, ref) for ref in references(page.read_text(encoding="utf-8"))}
    assert found == {
        "../b.html#x": "no such file",
        "/root.html": "root-absolute: breaks when the site is opened from disk",
        "https://example.org/": None,
    }
    (tmp_path / "b.html").write_text("b", encoding="utf-8")
    assert broken_reference(tmp_path, page, "../b.html?q=1#x") is None


@pytest.mark.slow
def test_edit_buttons_point_at_files_that_exist(site: Path, fixture_project: Path) -> None:
    """The edit button leads to the file a reader should change, or is absent on generated overviews."""
    from kennisbank.site import config as siteconfig

    config = siteconfig.load(fixture_project / "mkdocs.yml")
    edit_prefix = f"{config.repo_url}/edit/{config.branch}/"
    targets = {}
    for page in sorted(site.rglob("*.html")):
        found = re.findall(r'<a href="([^"]*)" title="[^"]*" class="md-content__button md-icon" rel="edit">', page.read_text(encoding="utf-8"))
        if found:
            targets[page.relative_to(site).as_posix()] = found[0]
    missing = [f"- {page}: {url}" for page, url in targets.items()
               if not url.startswith(edit_prefix) or not (fixture_project / unquote(url[len(edit_prefix):])).is_file()]
    assert not missing, "edit buttons to files that do not exist:\n" + "\n".join(missing)
    assert targets.get("initiatieven/menukaart-vlissingen.html") == edit_prefix + "initiatives/zeeland/menukaart-vlissingen.md"
    assert targets.get("over.html") == edit_prefix + "docs/over.md"
    assert "index.html" not in targets and "themas/index.html" not in targets


# ---------- offline, from disk ----------

@pytest.mark.browser
@pytest.mark.slow
def test_site_works_from_disk_without_network(page, site: Path) -> None:
    """Browse the site from file:// the way a reader would; every page is styled and scripted."""
    visited: list[str] = []

    def arrive() -> None:
        page.wait_for_load_state("load")
        visited.append(page.url)
        assert page.url.startswith("file://"), page.url
        assert own_style_applied(page), f"stylesheets missing on {page.url}"
        assert script_ran(page), f"JavaScript did not run on {page.url}"

    page.goto((site / "index.html").as_uri())
    arrive()
    page.locator(".kb-tiles a", has_text="Thema's").click()
    arrive()
    assert page.url.endswith("/themas/index.html")
    page.locator(".kb-tiles a").first.click()
    arrive()
    assert "/themas/" in page.url
    page.locator(".kb-cards li > p:first-child a").first.click()
    arrive()
    assert "/initiatieven/" in page.url
    page.go_back()
    arrive()
    assert "/themas/" in page.url
    for label, ending in (("Gemeenten", "/gemeenten/index.html"), ("Provincies", "/provincies/index.html")):
        page.locator(".md-nav--primary .md-nav__link", has_text=label).first.click()
        arrive()
        assert page.url.endswith(ending), page.url
    page.locator(".kb-tiles a", has_text="Zeeland").click()
    arrive()
    assert page.url.endswith("/provincies/zeeland.html")
    page.goto((site / "404.html").as_uri())
    arrive()
    page.get_by_role("link", name="Ga naar de startpagina").click()
    arrive()
    assert page.url.endswith("/index.html")

    assert not page.watch.outside_requests, f"requests left the machine: {page.watch.outside_requests}"
    assert not page.watch.console_errors, "console errors:\n" + "\n".join(page.watch.console_errors)
    assert len(visited) == 10


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("start", ["index.html", "initiatieven/menukaart-vlissingen.html"])
def test_header_search_hands_over_to_search_page_from_disk(page, site: Path, start: str) -> None:
    page.goto((site / start).as_uri())
    field = page.get_by_role("searchbox", name="Zoek in de kennisbank")
    field.fill("moestuin delfshaven")
    field.press("Enter")
    page.wait_for_load_state("load")
    assert page.url == (site / "zoeken.html").as_uri() + "?q=moestuin+delfshaven"
    assert not page.watch.outside_requests, page.watch.outside_requests


@pytest.mark.browser
@pytest.mark.slow
def test_header_search_fits_a_phone(browser, site: Path) -> None:
    page = watched_page(browser, color_scheme="light", viewport={"width": 320, "height": 640})
    try:
        page.goto((site / "themas/index.html").as_uri())
        field = page.get_by_role("searchbox", name="Zoek in de kennisbank")
        button = page.locator(".kb-header-search__button")
        assert field.is_visible() and button.is_visible()
        for box in (field.bounding_box(), button.bounding_box()):
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320, box
        assert field.bounding_box()["width"] >= 90, "the search field is too narrow to type in"
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320, "the page scrolls sideways"
        button.click()
        page.wait_for_load_state("load")
        assert page.url.startswith((site / "zoeken.html").as_uri() + "?q=")
        assert not page.watch.outside_requests, page.watch.outside_requests
    finally:
        page.context.close()


# ---------- the 404 page on a server below the site_url path ----------

class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site below a path prefix and answers missing addresses with 404.html, like a host."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        relative = path[len(self.prefix):] if path.startswith(self.prefix) else None
        if relative is not None and (Path(self.directory) / unquote(relative)).is_file():
            self.path = "/" + relative
            super().do_GET()
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def hosted(site: Path) -> Iterator[str]:
    """The site as published: below the path of site_url (from mkdocs.yml), 404.html for missing pages."""
    from kennisbank.site import config as siteconfig

    prefix = urlsplit(siteconfig.load(REPO / "mkdocs.yml").site_url).path or "/"
    handler = type("Handler", (_SubpathHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()


@pytest.mark.browser
@pytest.mark.slow
def test_not_found_page_is_styled_at_any_depth_when_hosted(page, hosted: str) -> None:
    response = page.goto(hosted + "bestaat/niet/diep/genest.html")
    assert response is not None and response.status == 404
    assert own_style_applied(page), "the 404 page lost its stylesheets below the site root"
    assert page.evaluate("() => [...document.styleSheets].every(s => s.href === null || s.cssRules.length > 0)")
    assert script_ran(page)
    # The 404 status of the page itself, and the browser's speculative fetches made before the
    # <base> element exists, are logged as "404" lines; anything else is a real error.
    other_errors = [e for e in page.watch.console_errors if "status of 404" not in e]
    assert not other_errors, other_errors
    page.get_by_role("link", name="Ga naar de startpagina").click()
    page.wait_for_load_state("load")
    assert page.url == hosted + "index.html"
