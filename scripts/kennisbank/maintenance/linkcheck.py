"""Do the initiatives' websites still answer? Run weekly; the dead ones go into one issue.

A server that answers at all, even with 401, 403 or 429 (bot walls, rate limits), counts as
alive: the issue should list what a maintainer can fix, not what a firewall thinks of robots.
"""
from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from kennisbank.entries.model import Initiative

USER_AGENT = "kennisbank-linkcheck/1.0 (+https://github.com/kennisbank-initiatieven/kennisbank)"
ANSWERED = frozenset({401, 403, 429})
# Some servers refuse HEAD; ask again with GET before calling a link dead.
RETRY_WITH_GET = frozenset({400, 403, 404, 405, 406, 429, 500, 501, 503})
TIMEOUT = 15.0
WORKERS = 8


@dataclass(frozen=True)
class Link:
    source: str  # the initiative file, repository-relative
    url: str
    field: str = "website"  # the field that holds it: website, contact or bronnen


@dataclass(frozen=True)
class LinkResult:
    link: Link
    status: int | None  # the final HTTP status, None when no answer came
    error: str | None = None

    @property
    def dead(self) -> bool:
        return self.status is None or (self.status >= 400 and self.status not in ANSWERED)

    @property
    def reason(self) -> str:
        return f"HTTP {self.status}" if self.status is not None else f"geen antwoord ({self.error})"


def links_of(initiatives: Iterable[Initiative]) -> list[Link]:
    """Every website, contact web address and source of the initiatives, in file order."""
    found = []
    for initiative in initiatives:
        for name, url in (("website", initiative.website), ("contact", initiative.contact), *sources_of(initiative)):
            if url and url.startswith(("http://", "https://")):
                found.append(Link(initiative.source, url, name))
    return found


def sources_of(initiative: Initiative) -> list[tuple[str, str]]:
    listed = initiative.value("bronnen")
    return [("bronnen", str(s["url"])) for s in listed if isinstance(s, dict)] if isinstance(listed, (list, tuple)) else []


def request(url: str, method: str, timeout: float) -> int:
    req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked by the schema
            if method == "GET":
                response.read(1024)
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def status_of(url: str, timeout: float = TIMEOUT) -> tuple[int | None, str | None]:
    """(final status, None) after redirects, or (None, why) when the server did not answer."""
    try:
        status = request(url, "HEAD", timeout)
        if status in RETRY_WITH_GET:
            status = request(url, "GET", timeout)
        return status, None
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return None, str(reason) or type(error).__name__


def check_links(links: list[Link], timeout: float = TIMEOUT, workers: int = WORKERS) -> list[LinkResult]:
    """Ask every distinct address once, a few at a time; results in the order of the links."""
    urls = list(dict.fromkeys(link.url for link in links))
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls) or 1))) as pool:
        answers = dict(zip(urls, pool.map(lambda url: status_of(url, timeout), urls)))
    return [LinkResult(link, *answers[link.url]) for link in links]


def code_span(text: str) -> str:
    """Markdown inline code that no backtick in the text can end early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    return f"{ticks} {text} {ticks}"


def report(results: list[LinkResult]) -> str:
    """The issue text: every dead link with its file and what went wrong, in Dutch."""
    dead = [r for r in results if r.dead]
    if not dead:
        return f"Alle {len(results)} webadressen antwoorden.\n"
    lines = [
        f"De wekelijkse controle vond {len(dead)} van de {len(results)} webadressen die niet (meer) antwoorden. "
        "Zoek het nieuwe adres op, of haal het veld weg als het initiatief geen website meer heeft. "
        "Is een bron verdwenen, zoek dan een gearchiveerde versie (bijvoorbeeld in het Internet Archive) "
        "of een andere bron voor dezelfde feiten.",
        "",
        *(f"- {code_span(r.link.source)}: {r.link.field}: {code_span(r.link.url)} ({r.reason})" for r in dead),
    ]
    return "\n".join(lines) + "\n"
