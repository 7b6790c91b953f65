"""The live preview as a newcomer meets it: it says where to open it, and that address answers; the home
page's zip download works; and an edit's rebuild logs no alarming "dirty build" warning.

Each test starts the real `kennisbank serve` on a free port (one per test module and worker) and reads
what it prints, as tests/test_cli.py does.
"""
from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import FIXTURES, KENNISBANK, project_copy
from kennisbank.site import config as siteconfig
from kennisbank.site.offline_zip import FOLDER_IN_ZIP, ZIP_NAME

ANNOUNCEMENT = re.compile(r"^Live voorbeeld: open (\S+) in de browser")
ENTRY = Path("initiatives") / "zeeland" / "menukaart-vlissingen.md"
ENTRY_PAGE = "initiatieven/menukaart-vlissingen.html"


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes


def fetch(url: str) -> Response:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return Response(answer.status, answer.headers.get_content_type(), answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers.get_content_type(), error.read())


def wait_for(predicate: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:  # not listening yet, or between two builds
            pass
        time.sleep(0.2)
    return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class RunningPreview:
    project: Path
    port: int
    process: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)

    def read_log(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line.rstrip("\n"))

    def printed(self) -> str:
        return "\n".join(list(self.log))

    def announced(self) -> list[str]:
        """The addresses of the preview's own line, as printed."""
        return [match[1] for line in list(self.log) if (match := ANNOUNCEMENT.match(line))]


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPreview]:
    project = project_copy(tmp_path_factory.mktemp("voorbeeld") / "p", FIXTURES / "site" / "initiatives")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([*KENNISBANK, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    running = RunningPreview(project, port, process)
    threading.Thread(target=running.read_log, daemon=True).start()
    try:
        assert wait_for(lambda: "Serving on" in running.printed() or process.poll() is not None, 180), running.printed()
        # The preview's own line follows MkDocs' "Serving on" at once.
        assert wait_for(lambda: bool(running.announced()), 10), f"the preview did not say where to open it:\n{running.printed()}"
        yield running
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_address_the_preview_prints_is_the_one_that_answers(preview: RunningPreview) -> None:
    (url,) = preview.announced()  # one line, once
    # The path is site_url's (/kennisbank/ in mkdocs.yml): the host alone only redirects there.
    mount_path = urlsplit(siteconfig.load(preview.project / "mkdocs.yml").site_url).path
    assert url == f"http://127.0.0.1:{preview.port}{mount_path}"
    assert f"Serving on {url}" in preview.printed()  # MkDocs' own line names the same address
    home = fetch(url)
    assert home.status == 200 and home.content_type == "text/html"
    assert b"Kennisbank" in home.body


def zip_link(home_url: str) -> str:
    html = fetch(home_url).body.decode("utf-8")
    (href,) = {m[1] for m in re.finditer(r'href="([^"]*' + re.escape(ZIP_NAME) + ')"', html)}
    return urljoin(home_url, href)


def zipped_page(url: str, page: str) -> str:
    download = fetch(url)
    assert download.status == 200, download.body[:300]
    assert download.content_type == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download.body)) as archive:
        return archive.read(f"{FOLDER_IN_ZIP}/{page}").decode("utf-8")


def test_the_home_pages_download_link_gives_the_whole_site_as_a_zip(preview: RunningPreview) -> None:
    (url,) = preview.announced()
    link = zip_link(url)
    assert zipped_page(link, "index.html").count(ZIP_NAME) >= 1  # the home page itself, as built
    assert "Menukaart Vlissingen" in zipped_page(link, ENTRY_PAGE)


def test_a_rebuild_after_an_edit_logs_no_dirty_warning_and_hides_no_other(preview: RunningPreview) -> None:
    (url,) = preview.announced()
    source = preview.project / ENTRY
    source.write_text(source.read_text(encoding="utf-8").replace("titel: Menukaart Vlissingen", "titel: Menukaart Vlissingen herzien"),
                      encoding="utf-8")
    assert wait_for(lambda: b"Menukaart Vlissingen herzien" in fetch(url + ENTRY_PAGE).body, 120), preview.printed()
    # The page is served only once its rebuild is done, so that rebuild's messages are in the log now.
    assert sum("Building documentation" in line for line in list(preview.log)) >= 2, preview.printed()
    assert "dirty" not in preview.printed().lower()
    # The zip is made again after a rebuild: it holds the edit too.
    assert "Menukaart Vlissingen herzien" in zipped_page(zip_link(url), ENTRY_PAGE)
    # Only that one warning is quiet: MkDocs still warns about a page that is not there.
    assert fetch(url + "bestaat-niet.html").status == 404
    assert wait_for(lambda: any("WARNING" in line and "bestaat-niet.html" in line and "404" in line for line in list(preview.log)), 10), \
        preview.printed()


def test_an_edit_of_mkdocs_yml_renders_every_page_again(preview: RunningPreview) -> None:
    """Not a dirty build then: a page whose Markdown did not change shows the new navigation too."""
    (url,) = preview.announced()
    config = preview.project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    first_entry = re.search(r"^nav:\n  - ([^:\n]+):", text, re.MULTILINE)
    assert first_entry, text
    config.write_text(text[:first_entry.start(1)] + "Proefnavigatie" + text[first_entry.end(1):], encoding="utf-8")
    unchanged = url + "initiatieven/zorgcooperatie-zeeland.html"
    assert wait_for(lambda: b"Proefnavigatie" in fetch(unchanged).body, 120), preview.printed()
    assert "dirty" not in preview.printed().lower()
