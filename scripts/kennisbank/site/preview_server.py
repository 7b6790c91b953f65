"""The live preview's web server: MkDocs' own server and dirty build, told of changes by the system.

`mkdocs serve` polls the folders it watches every half second (watchdog's PollingObserver). With
thousands of generated files in build/docs, that adds up to half a second to every edit and keeps a
core busy. This server is MkDocs' LiveReloadServer with an observer that the operating system
notifies (inotify on Linux). MkDocs 1.x no longer changes, so the class is a stable base; the rest
mirrors `mkdocs.commands.serve.serve` for this project (no plugins, dirty builds, never strict).
"""
from __future__ import annotations

import logging
import shutil
import socket
import sys
import tempfile
from pathlib import Path
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

from kennisbank.site.theme_environment import each_environment, reuse_html

log = logging.getLogger("mkdocs")

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


class PreviewServer(LiveReloadServer):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.observer = ChangeObserver()


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
    server_url = f"http://{host}:{port}{mount_path}"

    compiled = CompiledTemplates()

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        config = config or configured()
        config.site_url = server_url
        keep_compiled_templates(config, compiled)
        reuse_html(config)
        build(config, serve_url=server_url, dirty=True)

    # The server binds its address only when it starts serving: try it first, not after a long build.
    problem = unusable(host, port)
    if problem:
        return refuse(host, port, problem)
    server = PreviewServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
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
