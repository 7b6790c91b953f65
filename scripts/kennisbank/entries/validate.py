"""Check initiative files the way a careful editor would: every problem of every file, in order.

The jobs live in modules of their own: finding the files (file_tree), reading one safely
(file_check), the field rules (field_rules), many files at once (parallel) and what the preview
keeps (check_cache); this module builds an Initiative from a valid file and judges the tree.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kennisbank.entries import cross_kinds, duplicates, parallel, personal_data, places, retired_headings, schema
from kennisbank.entries.check_cache import CheckCache
from kennisbank.entries.field_rules import (
    check_content,
    check_folder,
    check_keys,
    check_schema,
    check_source_dates,
    check_texts,
    check_web_addresses,
    check_years,
    normalised_values,
    one_line,
    parse_date,
    plain_value,
    resolve_gemeenten,
    resolve_themas,
    text_tuple,
)
from kennisbank.entries.file_check import FileCheck, Findings, read_matter
from kennisbank.entries.file_tree import check_duplicate_slugs, check_name_clashes, discover, display_path, unnamed_files
from kennisbank.entries.model import Initiative, Message
from kennisbank.entries.themes import themas_by_slug

# Markdown links and link definitions whose target is another initiative file ("andere-slug.md").
MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+\.md)(?:#[^)\s]*)?>?(?:\s+[\"'][^)]*)?\)|^\s*\[[^\]]+\]:\s*<?(\S+\.md)(?:#\S*)?>?", re.M)


@dataclass
class CheckResult(Findings):
    """What a check of initiatives found: the valid initiatives besides the messages."""

    initiatives: list[Initiative] = field(default_factory=list)


def missing_sources(initiatives: Iterable[Initiative]) -> list[Message]:
    """A warning for every initiative that names no source: asked for by `check --strict` only."""
    text = schema.messages()["velden"]["bronnen"]["geen"]
    return [Message(i.source, 1, "bronnen", text, "waarschuwing") for i in initiatives if not i.value("bronnen")]


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
        return stopped(path, type(error).__name__)


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


def stopped(path: Path, reason: str) -> FileResult:
    """The outcome of a file whose checker stopped: one message that says so."""
    text = schema.say(schema.messages()["bestand"]["intern"], waarde=reason)
    return FileResult(None, [Message(display_path(path), 1, "bestand", text)])


def check_all(files: list[Path]) -> list[FileResult]:
    """check_file over all files, in order; in parallel for large trees (entries.parallel)."""
    return parallel.check_all(files, check_file, stopped, warm_up)


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
