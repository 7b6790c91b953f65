"""The live preview's web server: MkDocs' own server and dirty build, told of changes by the system.

`mkdocs serve` polls the folders it watches every half second (watchdog's PollingObserver). With
thousands of generated files in build/docs, that adds up to half a second to every edit and keeps a
core busy. This server is MkDocs' LiveReloadServer with an observer that the operating system
notifies (inotify on Linux). MkDocs 1.x no longer changes, so the class is a stable base; the rest
mirrors `mkdocs.commands.serve.serve` for this project (no plugins, dirty builds, never strict).
Two additions: the offline zip that the home page links to, made from the preview's own site when
asked for, and one line in Dutch that says where to open the preview.
"""
from __future__ import annotations

import logging
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from kennisbank.site import engine, offline_zip
from kennisbank.site.theme_environment import each_environment, reuse_html

log = logging.getLogger(engine.LOGGERS[0])
# The logger of the builder's build command (properdocs.commands.build), which warns about dirty builds.
BUILD_LOG = build.__module__
DIRTY_WARNING = "A 'dirty' build is being performed"

# What changes a file. Reading one is an event too (inotify reports opening and closing it), and
# every build reads all of build/docs: those events must not start another build.
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent,
]


class ChangeObserver(Observer):  # type: ignore[misc,valid-type]  # Observer is the platform's class, chosen at import
    """The system's file observer, reporting only changes."""

    def schedule(self, event_handler: FileSystemEventHandler, path: str | Path, *, recursive: bool = False,
                 event_filter: list[type[FileSystemEvent]] | None = None, follow_symlink: bool = False) -> ObservedWatch:
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as compiled in an earlier rebuild of this server.

    Every MkDocs build makes a new Jinja environment, which compiles the theme's forty templates
    again (a tenth of a second or more per edit). Jinja keys compiled code by the template's name
    and a checksum of its source, so an edited template in overrides/ is compiled anew.
    """

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])
            if bucket.code is None:  # kept for another checksum: compile again
                del self.kept[bucket.key]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


def keep_compiled_templates(config: MkDocsConfig, compiled: CompiledTemplates) -> None:
    """Have the theme's Jinja environment for this build use `compiled`."""

    def keep(environment: jinja2.Environment) -> None:
        environment.bytecode_cache = compiled

    each_environment(config, keep)


class QuietDirtyWarning(logging.Filter):
    """Drops MkDocs' warning about a dirty build, and nothing else.

    The warning says that pages a dirty build skips may show an outdated navigation or links. Here
    that cannot happen: the navigation is the fixed list in mkdocs.yml, titled there, so it is the
    same whatever a page says; links are plain .html paths (use_directory_urls: false), the same
    whether or not their target changed; the generator rewrites every page whose text changed
    (each list that shows a changed entry too), so MkDocs renders it again; and an edit of
    mkdocs.yml itself gets a clean build (serve_from). Printed on every edit, the warning would
    only alarm.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.WARNING and record.getMessage().startswith(DIRTY_WARNING))


@contextmanager
def quiet_dirty_warning() -> Iterator[None]:
    """While the preview runs (a one-shot build is never dirty and keeps every warning)."""
    quiet = QuietDirtyWarning()
    logger = logging.getLogger(BUILD_LOG)
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


class PreviewSite:
    """The preview's site folder: one build or one zip at a time, and the offline zip anew after a build.

    `kennisbank build` writes the zip that the home page links to; the preview makes it only when
    a reader asks for it (a fraction of a second for the shipped site, too much for every edit),
    from the pages the preview shows, so the download link works there too. Like those pages, its
    canonical links and sitemap name the preview's address instead of site_url.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lock = threading.Lock()
        self.builds = 0
        self.zipped_after: int | None = None  # the number of builds when the zip was written

    @contextmanager
    def building(self) -> Iterator[None]:
        with self.lock:
            try:
                yield
            finally:  # a failed build may have changed files too
                self.builds += 1

    def make_zip(self) -> None:
        """Write the zip of the site as it is now, unless it was written after the last build."""
        with self.lock:
            if self.zipped_after == self.builds:
                return
            started = time.perf_counter()
            offline_zip.write_zip(self.folder)
            self.zipped_after = self.builds
            log.info(f"{offline_zip.ZIP_NAME} gemaakt van het live voorbeeld ({time.perf_counter() - started:.1f} s)")


class PreviewServer(LiveReloadServer):
    """MkDocs' server with a change observer, the offline zip, and a line that says where to look."""

    def __init__(self, *, builder: Callable[[], None], host: str, port: int, mount_path: str, url: str,
                 site: PreviewSite) -> None:
        super().__init__(builder=builder, host=host, port=port, root=str(site.folder), mount_path=mount_path)
        self.observer = ChangeObserver()
        self.url = url  # MkDocs' own, but with an IPv6 address in brackets, as a browser needs it
        self.site = site
        self.zip_path = self.mount_path + offline_zip.ZIP_NAME

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        # MkDocs runs this in its serving thread once the address is bound and the first build is
        # done, right after its own "Serving on": the last line a newcomer sees, and a true one.
        print(f"Live voorbeeld: open {self.url} in de browser (stoppen met Ctrl+C)", file=sys.stderr, flush=True)
        super().serve_forever(poll_interval)

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == self.zip_path:
            self.site.make_zip()  # then served as any file of the site
        return super().serve_request(environ, start_response)


def address(host: str, port: int, mount_path: str) -> str:
    """The preview's address: host and port of --dev-addr, the path of site_url (/kennisbank/ in mkdocs.yml)."""
    netloc = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    inner = mount_path.strip("/")
    return f"http://{netloc}/{inner}/" if inner else f"http://{netloc}/"


def serve(config_file: Path, dev_addr: str) -> int:
    """Build build/docs into a temporary folder, serve it, and rebuild what changed after each edit.

    Returns 1, with a message, when the address cannot be served (in use, say); 0 when stopped.
    """
    site_dir = tempfile.mkdtemp(prefix="kennisbank-preview-")
    try:
        return serve_from(site_dir, config_file, dev_addr)
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def serve_from(site_dir: str, config_file: Path, dev_addr: str) -> int:
    def configured() -> MkDocsConfig:
        # Not strict: the preview server logs every 404 as a warning, which must not abort a rebuild.
        return load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr, strict=False)

    config = configured()
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    server_url = address(host, port, mount_path)

    compiled = CompiledTemplates()
    site = PreviewSite(Path(site_dir))
    settings = [config_file.read_bytes()]  # mkdocs.yml as the last build read it

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        config = config or configured()
        config.site_url = server_url
        keep_compiled_templates(config, compiled)
        reuse_html(config)
        # An edit of mkdocs.yml (its navigation, its theme settings) changes every page, also those
        # whose Markdown did not change: a clean build then, a dirty one (the changed pages) otherwise.
        now = config_file.read_bytes()
        dirty = now == settings[0]
        settings[0] = now
        with site.building():
            build(config, serve_url=server_url, dirty=dirty)

    # The server binds its address only when it starts serving: try it first, not after a long build.
    problem = unusable(host, port)
    if problem:
        return refuse(host, port, problem)
    server = PreviewServer(builder=builder, host=host, port=port, mount_path=mount_path, url=server_url, site=site)

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    with quiet_dirty_warning():
        builder(config)
        server.watch(config.docs_dir)
        server.watch(str(config_file))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        except OSError as error:  # taken in the meantime
            return refuse(host, port, error)
        finally:
            server.shutdown()
    return 0


def unusable(host: str, port: int) -> OSError | None:
    """Why the preview could not listen on host:port, or None."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
            probe.bind((host, port))
    except OSError as error:
        return error
    return None


def refuse(host: str, port: int, error: OSError) -> int:
    print(f"kennisbank serve: kan niet luisteren op {host}:{port} ({error.strerror or error}). "
          "Kies een ander adres met --dev-addr, bijvoorbeeld 127.0.0.1:8001.", file=sys.stderr)
    return 1
