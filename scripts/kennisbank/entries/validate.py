"""Check initiative files the way a careful editor would: every problem of every file, in order."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Generic, TypeVar

from kennisbank.entries import body_limits, cross_kinds, duplicates, kinds, personal_data, placeholders, places, retired_headings, schema, web_address
from kennisbank.entries.frontmatter import FrontMatter, FrontMatterError, parse
from kennisbank.entries.model import Gemeente, Initiative, Message, Thema
from kennisbank.entries.reading import NotRegular, read_regular
from kennisbank.entries.themes import themas_by_slug

ROOT = kinds.initiatives().folder  # the initiatives folder: its subfolders are the provinces

# Above this many files the check runs in one process per core: parsing YAML is CPU-bound.
PARALLEL_FROM = 1000
# A file that needs longer than this on its own is reported instead of waited for.
ISOLATED_SECONDS = 60.0
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A slug names files of its own (initiatieven/<slug>.html, bijeenkomsten/<slug>.ics, ...): far below
# the 255 bytes a file system allows for a name, and above the 60 letters that names made from a title get.
MAX_SLUG = 100
LANDELIJK = "landelijk"
LIST_FIELDS = ("themas", "partners", "trefwoorden")
# Markdown links and link definitions whose target is another initiative file ("andere-slug.md").
MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+\.md)(?:#[^)\s]*)?>?(?:\s+[\"'][^)]*)?\)|^\s*\[[^\]]+\]:\s*<?(\S+\.md)(?:#\S*)?>?", re.M)


@dataclass
class Findings:
    """All messages of a check and how many files were read (initiatives and meetings alike)."""

    messages: list[Message] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == "fout"]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == "waarschuwing"]

    def add(self, other: Findings) -> None:
        """Take over another check's messages and file count (meetings beside initiatives), in path order."""
        self.messages = sorted(self.messages + other.messages, key=lambda m: (m.path, m.line))
        self.files += other.files


@dataclass
class CheckResult(Findings):
    """What a check of initiatives found: the valid initiatives besides the messages."""

    initiatives: list[Initiative] = field(default_factory=list)


class FileCheck:
    """Collects the messages of one file and knows the lines of its fields."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.messages: list[Message] = []
        self.matter = FrontMatter()

    def line_of(self, field_name: str, index: int | None = None, key: str | None = None) -> int:
        if index is not None:
            keyed = self.matter.item_key_lines.get(field_name, [])
            if key is not None and index < len(keyed) and key in keyed[index]:
                return keyed[index][key]
            items = self.matter.item_lines.get(field_name, [])
            if index < len(items):
                return items[index]
        return self.matter.key_lines.get(field_name, 1)

    def error(self, field_name: str, text: str, index: int | None = None, line: int | None = None, key: str | None = None) -> None:
        self.messages.append(Message(self.path, line or self.line_of(field_name, index, key), field_name, text))

    def warning(self, field_name: str, text: str, index: int | None = None) -> None:
        self.messages.append(Message(self.path, self.line_of(field_name, index), field_name, text, "waarschuwing"))

    @property
    def failed(self) -> bool:
        return any(m.level == "fout" for m in self.messages)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path as users see it: relative to the working directory where possible, '/' separated."""
    if not path.is_absolute():
        return path.as_posix()
    # A string prefix rather than Path.relative_to, which costs more than reading the file's YAML
    # does (it is asked twice for each of thousands of files); the same answer for the same parts.
    text, folder = path.as_posix(), (cwd or Path.cwd()).as_posix()
    if text == folder:
        return "."
    base = folder.rstrip("/") + "/"
    return text[len(base):] if text.startswith(base) else text


def discover(paths: Iterable[Path]) -> list[Path]:
    """Every file under the given folders (hidden ones aside), plus the given files, sorted."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                # os.walk does not follow a linked folder; it is reported (as a link) instead of skipped.
                found.update(Path(folder) / name for name in dirs if (Path(folder) / name).is_symlink())
                found.update(Path(folder) / name for name in files if not name.startswith("."))
        else:
            found.add(path)
    return sorted(found, key=lambda p: p.as_posix())


def check_file_name(check: FileCheck, path: Path) -> None:
    texts = schema.messages()["bestand"]
    if path.suffix != ".md":
        check.error("bestand", schema.say(texts["extensie"], waarde=schema.quote(path.name)))
    elif not SLUG.fullmatch(path.stem):
        better = places.slugify(path.stem)[:MAX_SLUG].strip("-") or "mijn-initiatief"
        check.error("bestand", schema.say(texts["naam"], waarde=schema.quote(path.name), suggestie=f"'{better}.md'"))
    elif len(path.stem) > MAX_SLUG:
        better = path.stem[:MAX_SLUG].strip("-")
        check.error("bestand", schema.say(texts["naam_lengte"], waarde=schema.quote(path.name), max=MAX_SLUG, lengte=len(path.stem), suggestie=f"'{better}.md'"))


def check_keys(check: FileCheck, known: list[str], required: list[str]) -> None:
    """Unknown keys (with a suggestion) and missing or empty required keys, for either schema."""
    general = schema.messages()["algemeen"]
    for key in check.matter.values:
        if key not in known:
            hint = schema.suggestion(key, known)
            check.error(key, schema.say(general["onbekend_veld"], veld=key, suggestie=hint, keuzes=", ".join(known)))
    for key in required:
        if key not in check.matter.values:
            if key not in check.matter.key_lines:  # a key whose value could not be read was reported already
                check.error(key, general["verplicht"], line=1)
        elif check.matter.values[key] is None:
            check.error(key, general["leeg"])


def normalised_values(check: FileCheck) -> dict[str, object]:
    """Known, non-empty values; a single text where a list is expected becomes a one-item list."""
    values = {}
    for key, value in check.matter.values.items():
        if key not in schema.properties() or value is None:
            continue
        if key in LIST_FIELDS and isinstance(value, str):
            value = [value]
        values[key] = value
    return values


def check_schema(check: FileCheck, values: dict[str, object]) -> None:
    # Most files are valid: the compiled check settles those; only failures get the full report.
    if schema.is_valid(values):
        return
    for key, value in values.items():
        for index, inner, text in schema.located_errors(key, value):
            check.error(key, text, index, key=inner)


def check_texts(check: FileCheck, values: dict[str, object], free_text: tuple[str, ...] | None = None) -> None:
    """Free text must be visible and hold no control characters; a message the schema gave is not repeated.

    `free_text`: the free-text fields (default: the initiative schema's; meetings pass their own)."""
    for key in schema.free_text_fields() if free_text is None else free_text:
        if key not in values:
            continue
        for index, text in schema.text_errors(values[key]):
            if not any(m.field == key and m.text == text for m in check.messages):
                check.error(key, text, index)


# address_rules of each kind's properties: those come from the kind's schema, read once (schema.py).
_ADDRESS_RULES: dict[int, tuple[dict[str, dict[str, object]], list[tuple[str, str | None, str]]]] = {}


def address_rules(properties: dict[str, dict[str, object]]) -> list[tuple[str, str | None, str]]:
    known = _ADDRESS_RULES.get(id(properties))
    if known is None or known[0] is not properties:  # the same object, not a new one at a reused address
        known = _ADDRESS_RULES[id(properties)] = (properties, rules_for_addresses(properties))
    return known[1]


def rules_for_addresses(properties: dict[str, dict[str, object]]) -> list[tuple[str, str | None, str]]:
    """(field, key inside its list items or None, 'web' or 'mail-of-web') for every address the schema declares.

    A field with format 'uri' is a web address, and so is such a key of a list of objects (a
    source's url); 'contact' (x-render contact) is an e-mail or a web address.
    """
    found: list[tuple[str, str | None, str]] = []
    for name, rule in properties.items():
        if rule.get("format") == "uri":
            found.append((name, None, "web"))
        elif rule.get("x-render") == "contact":
            found.append((name, None, "mail-of-web"))
        items = rule.get("items")
        if isinstance(items, dict):
            for key, inner in dict(items.get("properties", {})).items():
                if isinstance(inner, dict) and inner.get("format") == "uri":
                    found.append((name, str(key), "web"))
    return found


def address_problem(value: str, kind: str) -> tuple[str, str] | None:
    if kind == "mail-of-web" and not value.lower().startswith(("http://", "https://")):
        return web_address.mail_problem(value)
    return web_address.problem(value)


def check_web_addresses(check: FileCheck, values: dict[str, object], properties: dict[str, dict[str, object]] | None = None) -> None:
    """One rule for every web address (entries.web_address), for each kind's schema; a value the
    schema refused already is not judged again."""
    texts = schema.messages()["webadres"]
    for name, key, kind in address_rules(properties if properties is not None else schema.properties()):
        value = values.get(name)
        found: list[tuple[int | None, object]]
        if key is None:
            found = [(None, value)]
        else:
            found = [(index, item.get(key)) for index, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []
        for index, address in found:
            if not isinstance(address, str) or any(m.field == name and m.line == check.line_of(name, index, key) for m in check.messages):
                continue
            problem = address_problem(address, kind)
            if problem:
                text = schema.say(texts[problem[0]], waarde=schema.quote(address), teken=problem[1])
                if index is not None:
                    item = schema.say(schema.messages()["velden"].get(name, {}).get("onderdeel", "{nummer}"), nummer=index + 1)
                    text = f"{item}, {key}: {text}"
                check.error(name, text, index, key=key)


def next_year() -> int:
    return dt.date.today().year + 1


def check_years(check: FileCheck, values: dict[str, object]) -> None:
    texts = schema.messages()["velden"]
    start, end, status = values.get("startjaar"), values.get("eindjaar"), values.get("status")
    for key in ("startjaar", "eindjaar"):
        year = values.get(key)
        if isinstance(year, int) and not isinstance(year, bool) and year > next_year():
            check.error(key, schema.say(texts[key]["maximum"], max=next_year(), waarde=year))
    if isinstance(start, int) and isinstance(end, int) and end < start:
        check.error("eindjaar", schema.say(texts["eindjaar"]["voor_start"], waarde=end, jaar=start))
    if end is not None and status in ("idee", "lopend"):
        check.error("eindjaar", schema.say(texts["eindjaar"]["status"], waarde=status))
    if values.get("startjaar_uiterlijk") is not None and start is None:
        check.error("startjaar_uiterlijk", texts["startjaar"]["uiterlijk_zonder_jaar"])


def parse_date(check: FileCheck, values: dict[str, object]) -> dt.date | None:
    return past_date(check, values.get("bijgewerkt"), "bijgewerkt")


def past_date(check: FileCheck, value: object, field_name: str, index: int | None = None, key: str | None = None) -> dt.date | None:
    """A JJJJ-MM-DD date that exists and is not in the future; else None (reported, unless the schema did)."""
    texts = schema.messages()["velden"][f"{field_name}.{key}" if key else field_name]
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None  # the schema pattern already reported it
    prefix = ""
    if index is not None:
        item = schema.say(schema.messages()["velden"][field_name]["onderdeel"], nummer=index + 1)
        prefix = f"{item}, {key}: "
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        check.error(field_name, prefix + schema.say(texts["datum"], waarde=schema.quote(value)), index, key=key)
        return None
    if date > dt.date.today():
        check.error(field_name, prefix + schema.say(texts["toekomst"], waarde=schema.quote(value)), index, key=key)
        return None
    return date


def check_source_dates(check: FileCheck, values: dict[str, object]) -> None:
    """Each source's 'geraadpleegd': an existing date, not in the future (as 'bijgewerkt')."""
    sources = values.get("bronnen")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(source, dict):
            past_date(check, source.get("geraadpleegd"), "bronnen", index, "geraadpleegd")


def missing_sources(initiatives: Iterable[Initiative]) -> list[Message]:
    """A warning for every initiative that names no source: asked for by `check --strict` only."""
    text = schema.messages()["velden"]["bronnen"]["geen"]
    return [Message(i.source, 1, "bronnen", text, "waarschuwing") for i in initiatives if not i.value("bronnen")]


def resolve_gemeenten(check: FileCheck, values: dict[str, object]) -> tuple[tuple, bool]:
    """The municipalities named (merged old names mapped, with a warning) and whether it is national."""
    value = values.get("gemeente")
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    # Beyond the schema's maximum (reported there) names are not looked up: each unknown one costs a fuzzy search.
    limit = schema.properties()["gemeente"]["oneOf"][1]["maxItems"]
    names = [name for name in names[:limit] if isinstance(name, str) and name.strip()]
    is_national = [name.strip().casefold() == LANDELIJK for name in names]
    if any(is_national):
        if len(names) > 1:
            check.error("gemeente", schema.messages()["velden"]["gemeente"]["landelijk_lijst"])
        return (), True
    found: list[Gemeente] = []
    for index, name in enumerate(names):
        item = index if isinstance(value, list) else None
        lookup = places.lookup_gemeente(name)
        if lookup.error:
            check.error("gemeente", lookup.error, item)
        elif lookup.warning:
            check.warning("gemeente", lookup.warning, item)
        found.extend(g for g in lookup.gemeenten if g not in found)
    return tuple(found), False


def resolve_themas(check: FileCheck, values: dict[str, object]) -> tuple:
    vocabulary = themas_by_slug()
    template = schema.messages()["velden"]["themas"]["onbekend"]
    found: list[Thema] = []
    listed = values.get("themas")
    for index, slug in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(slug, str):
            continue  # the schema reported the type
        if slug in vocabulary:
            found.append(vocabulary[slug])
        else:
            hint = schema.suggestion(slug, list(vocabulary))
            check.error("themas", schema.say(template, waarde=schema.quote(slug), suggestie=hint, keuzes=", ".join(vocabulary)), index)
    return tuple(found)


def check_folder(check: FileCheck, path: Path, gemeenten: tuple, national: bool) -> None:
    """Warn when a file is not in initiatives/<provincie>/ (of one of its municipalities) or initiatives/landelijk/."""
    parts = path.parts
    top = next((index for index in range(len(parts) - 2, -1, -1) if parts[index] == ROOT), None)
    expected = [LANDELIJK] if national else list(dict.fromkeys(g.provincie.slug for g in gemeenten))
    if top is None or not expected:
        return  # not inside an initiatives/ folder, or the municipality is unknown (reported already)
    folders = parts[top + 1 : -1]
    if len(folders) == 1 and folders[0] in expected:
        return
    where = "/".join((ROOT, *folders)) + "/"
    check.warning("bestand", schema.say(schema.messages()["bestand"]["map"], waarde=where, suggestie=f"{ROOT}/{expected[0]}/"))


def one_line(value: object) -> str:
    """Plain text on one line: YAML block scalars may carry newlines that would break a heading."""
    return " ".join(str(value).split())


def text_tuple(value: object) -> tuple[str, ...]:
    return tuple(one_line(item) for item in value) if isinstance(value, list) else ()


def plain_value(value: object) -> object:
    """A value as pages and exports use it: text on one line, lists as tuples."""
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, list):
        return tuple(plain_value(item) for item in value)
    if isinstance(value, dict):
        return {key: plain_value(item) for key, item in value.items()}
    return value


def check_matter(check: FileCheck, path: Path, source: str) -> Initiative | None:
    """Validate the parsed front matter and build the Initiative when the file has no errors."""
    for problem in check.matter.problems:
        check.error(problem.field_name, problem.text, line=problem.line)
    check_keys(check, list(schema.properties()), schema.required())
    values = normalised_values(check)
    check_schema(check, values)
    check_texts(check, values)
    check_web_addresses(check, values)
    check_years(check, values)
    bijgewerkt = parse_date(check, values)
    check_source_dates(check, values)
    gemeenten, national = resolve_gemeenten(check, values)
    found_themas = resolve_themas(check, values)
    check_folder(check, path, gemeenten, national)
    if check.failed or bijgewerkt is None:
        return None
    return Initiative(
        slug=path.stem,
        source=source,
        titel=one_line(values["titel"]),
        samenvatting=one_line(values["samenvatting"]),
        gemeenten=gemeenten,
        landelijk=national,
        themas=found_themas,
        status=str(values["status"]),
        startjaar=values.get("startjaar"),  # type: ignore[arg-type]
        eindjaar=values.get("eindjaar"),  # type: ignore[arg-type]
        initiatiefnemer=one_line(values["initiatiefnemer"]),
        rol_overheid=values.get("rol_overheid"),  # type: ignore[arg-type]
        partners=text_tuple(values.get("partners")),
        aanpakken=text_tuple(values.get("aanpakken")),
        website=values.get("website"),  # type: ignore[arg-type]
        contact=values.get("contact"),  # type: ignore[arg-type]
        trefwoorden=text_tuple(values.get("trefwoorden")),
        bijgewerkt=bijgewerkt,
        body=check.matter.body,
        body_line=check.matter.body_line,
        values={key: plain_value(value) for key, value in values.items()},
    )


def check_content(check: FileCheck) -> None:
    """The body's shape (nesting, runs of markers), personal data of private persons and left-over
    placeholder sentences, fields and body alike."""
    # First: a body beyond these limits would crash or stall Python-Markdown when the site is built.
    for offset, text in body_limits.body_problems(check.matter.body):
        check.messages.append(Message(check.path, check.matter.body_line + offset, personal_data.BODY_FIELD, text))
    for field_name, line, finding in personal_data.in_matter(check.matter):
        check.messages.append(Message(check.path, line, field_name, finding.text, finding.level))
    for line, text in placeholders.in_matter(check.matter):
        check.messages.append(Message(check.path, line, personal_data.BODY_FIELD, text, "waarschuwing"))


@dataclass
class FileResult:
    """One file's outcome: its Initiative when valid, its messages, and the initiative links in its body."""

    initiative: Initiative | None
    messages: list[Message]
    links: list[tuple[int, str]] = field(default_factory=list)  # (file line, target)
    key_lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> file line


def check_file(path: Path) -> FileResult:
    """All messages of one file, its Initiative when it is valid, and the links it makes."""
    try:
        return check_one_file(path)
    except Exception as error:  # noqa: BLE001 - one unforeseen failure must not hide the other files' messages
        text = schema.say(schema.messages()["bestand"]["intern"], waarde=type(error).__name__)
        return FileResult(None, [Message(display_path(path), 1, "bestand", text)])


def read_matter(check: FileCheck, path: Path) -> bool:
    """Read and parse an entry file (an initiative or a meeting) into check.matter; False, with
    the message said, for a link, a wrong name, no regular file, an unreadable file or bad YAML."""
    if path.is_symlink():
        check.error("bestand", schema.messages()["bestand"]["koppeling"])
        return False
    check_file_name(check, path)
    if path.suffix != ".md":
        return False
    try:
        check.matter = parse(read_regular(path))
    except NotRegular:
        check.error("bestand", schema.say(schema.messages()["bestand"]["geen_bestand"], waarde=schema.quote(path.name)))
        return False
    except OSError as error:
        check.error("bestand", schema.say(schema.messages()["bestand"]["onleesbaar"], waarde=error.strerror or type(error).__name__))
        return False
    except FrontMatterError as problem:
        check.error(problem.field_name, problem.text, line=problem.line)
        return False
    return True


def check_one_file(path: Path) -> FileResult:
    shown = display_path(path)
    check = FileCheck(shown)
    if not read_matter(check, path):
        return FileResult(None, check.messages)
    initiative = check_matter(check, path, shown)
    check_content(check)
    for line, text in retired_headings.in_matter(check.matter):  # initiatives only: their old template
        check.messages.append(Message(check.path, line, personal_data.BODY_FIELD, text, "waarschuwing"))
    links = [(check.matter.body_line + offset, target) for offset, target in linked_slugs(check.matter.body)]
    return FileResult(None if check.failed else initiative, check.messages, links, check.matter.key_lines)


def check_duplicate_slugs(paths: list[Path]) -> list[Message]:
    template = schema.messages()["bestand"]["dubbele_slug"]
    first: dict[str, Path] = {}
    found = []
    for path in paths:
        if path.suffix != ".md":
            continue
        if path.stem in first:
            other = display_path(first[path.stem])
            found.append(Message(display_path(path), 1, "bestand", schema.say(template, waarde=schema.quote(path.name), suggestie=other)))
        else:
            first[path.stem] = path
    return found


def linked_slugs(body: str) -> Iterable[tuple[int, str]]:
    """(line offset in the body, target) for every relative link to a .md file."""
    for match in MD_LINK.finditer(body):
        target = match.group(1) or match.group(2)
        if "://" in target or target.startswith(("mailto:", "/")):
            continue
        yield body.count("\n", 0, match.start()), target


def check_links(path: str, links: list[tuple[int, str]], all_slugs: set[str]) -> list[Message]:
    """Relative links between initiatives must point at an existing initiative file."""
    template = schema.messages()["bestand"]["link"]
    found = []
    for line, target in links:
        slug = target.rsplit("/", 1)[-1][: -len(".md")]
        if slug not in all_slugs:
            hint = schema.suggestion(slug, sorted(all_slugs))
            found.append(Message(path, line, "tekst", schema.say(template, waarde=schema.quote(target), suggestie=hint)))
    return found


def warm_up() -> None:
    """Build the lookup tables and the compiled schema once, before forking, so workers inherit them."""
    places.lookup_gemeente("Amsterdam")
    themas_by_slug()
    schema.fast_check()
    schema.messages()


def check_chunk(files: list[Path]) -> list[FileResult]:
    return [check_file(path) for path in files]


def send_checks(files: list[Path], sender: Connection) -> None:
    sender.send(check_chunk(files))
    sender.close()


def isolated_checks(files: list[Path]) -> list[FileResult]:
    """check_chunk in a child process of its own; when the child dies or hangs, each half is tried
    again the same way, down to the one file that gets the message (a few children, not one per file)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=send_checks, args=(files, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if receiver.poll(ISOLATED_SECONDS * len(files)):
            return receiver.recv()
    except (EOFError, OSError):
        pass  # the child died without an answer
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if len(files) > 1:
        middle = len(files) // 2
        return isolated_checks(files[:middle]) + isolated_checks(files[middle:])
    text = schema.say(schema.messages()["bestand"]["intern"], waarde=f"controleproces stopte (code {child.exitcode})")
    return [FileResult(None, [Message(display_path(files[0]), 1, "bestand", text)])]


FileKey = tuple[int, int, int, int, int, dt.date]
Outcome = TypeVar("Outcome")


@dataclass
class CheckCache(Generic[Outcome]):
    """The outcomes of files as last checked, for the live preview: an unchanged file is not read again
    (an initiative's FileResult; meetings.MeetingCache keeps a meeting's outcome in one too).

    A file counts as unchanged while its status (type, size, inode, change and modification
    times) is the same on the same day (some rules depend on today's date), the same test the
    preview's watcher uses to notice an edit.
    """

    outcomes: dict[Path, tuple[FileKey, Outcome]] = field(default_factory=dict)

    def key(self, path: Path) -> FileKey | None:
        try:
            status = path.lstat()
        except OSError:
            return None
        return (status.st_mode, status.st_size, status.st_ino, status.st_ctime_ns, status.st_mtime_ns, dt.date.today())

    def known(self, path: Path) -> Outcome | None:
        key = self.key(path)
        cached = self.outcomes.get(path)
        return cached[1] if key is not None and cached is not None and cached[0] == key else None

    def keep(self, files: list[Path], outcomes: list[Outcome]) -> None:
        """Remember these outcomes; files no longer checked are forgotten."""
        fresh: dict[Path, tuple[FileKey, Outcome]] = {}
        for path, outcome in zip(files, outcomes):
            key = self.key(path)
            if key is not None:
                fresh[path] = (key, outcome)
        self.outcomes = fresh


def check_files(files: list[Path], cache: CheckCache[FileResult] | None = None) -> list[FileResult]:
    """check_file over all files, in order; only the changed ones when a cache of earlier outcomes is given."""
    if cache is None:
        return check_all(files)
    known = {path: cache.known(path) for path in files}
    changed = [path for path in files if known[path] is None]
    fresh = dict(zip(changed, check_all(changed)))
    outcomes = [known[path] or fresh[path] for path in files]
    cache.keep(files, outcomes)
    return outcomes


def check_all(files: list[Path]) -> list[FileResult]:
    """check_file over all files, in order; in parallel for large trees.

    A worker that dies (it should not, but a crash in C would do it) does not stop the check: every
    chunk that got no answer is checked again in child processes of its own, halved until the file
    that kills its checker is found.
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2:
        return [check_file(path) for path in files]
    warm_up()
    size = max(64, len(files) // (workers * 8))
    chunks = [files[start : start + size] for start in range(0, len(files), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        results = pool_answers(pool, chunks)
    return [
        outcome
        for chunk, found in zip(chunks, results, strict=True)
        for outcome in (found if found is not None else isolated_checks(chunk))
    ]


def pool_answers(pool: ProcessPoolExecutor, chunks: list[list[Path]]) -> list[list[FileResult] | None]:
    """check_chunk of every chunk in the pool; None for a chunk that got no answer because a worker died.

    The pool can break while chunks are still being handed out (a worker dies on its first file),
    so a refused submit is a missing answer too, not an error.
    """
    results: list[list[FileResult] | None] = [None] * len(chunks)
    futures = []
    for chunk in chunks:
        try:
            futures.append(pool.submit(check_chunk, chunk))
        except BrokenProcessPool:
            break
    for index, future in enumerate(futures):
        try:
            results[index] = future.result()
        except BrokenProcessPool:
            continue
    return results


def same_file(path: Path) -> str:
    """A key that is equal for two spellings of one path, without following symbolic links."""
    return os.path.normcase(os.path.abspath(path))


def tree_of(paths: Iterable[Path]) -> list[Path]:
    """The `initiatives` folders the given paths lie in: the whole tree a named file belongs to."""
    found: dict[str, Path] = {}
    for path in paths:
        for folder in Path(os.path.abspath(path)).parents:
            if folder.name == ROOT:
                found.setdefault(same_file(folder), folder)
                break
    return list(found.values())


def unnamed_files(files: list[Path], tree: Iterable[Path]) -> list[Path]:
    """Files under the tree that were not named: they count for links and names, not for the report."""
    named = {same_file(path) for path in files}
    return [path for path in discover(tree) if path.suffix == ".md" and same_file(path) not in named]


def check_name_clashes(files: list[Path], others: list[Path]) -> list[Message]:
    """Duplicate names among the named files, and between a named file and an unnamed one.

    Within the named files the later file is reported (as in a check of the whole tree); a named
    file whose only twins were not named is reported itself, naming its twin.
    """
    template = schema.messages()["bestand"]["dubbele_slug"]
    named = {same_file(path) for path in files}
    groups: dict[str, list[Path]] = {}
    for path in sorted([p for p in files if p.suffix == ".md"] + others, key=display_path):
        groups.setdefault(path.stem, []).append(path)
    found = []
    for group in groups.values():
        for index, path in enumerate(group):
            twins_named = any(same_file(p) in named for p in group if p is not path)
            if same_file(path) not in named or len(group) < 2 or (index == 0 and twins_named):
                continue
            other = group[0] if index else group[1]
            text = schema.say(template, waarde=schema.quote(path.name), suggestie=display_path(other))
            found.append(Message(display_path(path), 1, "bestand", text))
    return found


def check_paths(paths: Iterable[Path], tree: Iterable[Path] = (), strict: bool = False, cache: CheckCache[FileResult] | None = None,
                organisations: Sequence[str] = ()) -> CheckResult:
    """Check every file under the given paths; deterministic order (by path, then line).

    Files under `tree` that were not named are not checked themselves, but links and duplicate
    names of the named files are judged against them, so one file is checked as in its tree.
    `strict` adds the warnings a maintainer asks for, such as an entry without sources. With a
    `cache` (the live preview's), files unchanged since its last check are not read again; the
    rules across files (links, names, look-alikes, approaches, organisations' names) are judged
    anew every time. `organisations` are the names of the valid organisations (entries.cross_kinds).
    """
    files = discover(paths)
    others = unnamed_files(files, tree)
    result = CheckResult(files=len(files))
    all_slugs = {p.stem for p in files + others if p.suffix == ".md"}
    outcomes = check_files(files, cache)
    root = cross_kinds.project_root(files)
    approaches = cross_kinds.approach_slugs(root) if root else frozenset()
    organisation_names = cross_kinds.OrganisationNames(organisations)
    for path, outcome in zip(files, outcomes):
        result.messages.extend(outcome.messages)
        result.messages.extend(check_links(display_path(path), outcome.links, all_slugs))
        if outcome.initiative:
            result.initiatives.append(outcome.initiative)
            result.messages.extend(cross_kinds.approach_messages(outcome.initiative, outcome.key_lines.get("aanpakken", 1), approaches))
            result.messages.extend(cross_kinds.organisation_messages(outcome.initiative, outcome.key_lines, organisation_names))
    result.messages.extend(check_name_clashes(files, others) if others else check_duplicate_slugs(files))
    # Entries that look alike (same website, nearly the same title in one place): warnings only.
    result.messages.extend(duplicates.warnings([(o.initiative, o.key_lines) for o in outcomes if o.initiative], [(p, display_path(p)) for p in others]))
    result.messages.sort(key=lambda m: (m.path, m.line))
    invalid = {m.path for m in result.errors}
    result.initiatives = [i for i in result.initiatives if i.source not in invalid]
    if strict:
        result.messages = sorted(result.messages + missing_sources(result.initiatives), key=lambda m: (m.path, m.line))
    return result
