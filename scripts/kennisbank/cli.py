"""The `kennisbank` command: check, nieuw, build, serve, van-issue, links, onderhoud. Thin: the work happens in the modules."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from kennisbank.entries import cross_kinds, entry_check, kind_checks, kinds, meetings, schema, schema_annotations
from kennisbank.entries import check_output as report
from kennisbank.entries.entry_check import KindResult
from kennisbank.entries.file_check import MAX_SLUG, SLUG
from kennisbank.entries.file_tree import tree_of
from kennisbank.entries.validate import CheckResult, check_paths
from kennisbank.submission import skeleton

INITIATIVES = Path(kinds.initiatives().folder)


def meeting_root(path: Path) -> Path | None:
    """The project folder of a path inside a bijeenkomsten/ folder (None for other paths)."""
    absolute = Path(os.path.abspath(path))
    for folder in (absolute, *absolute.parents):
        if folder.name == meetings.FOLDER.name:
            return folder.parent
    return None


def with_meetings(result: CheckResult, paths: list[Path]) -> CheckResult:
    """Add the messages of the meeting files among the paths; their initiatives are those of their project."""
    for path in paths:
        root = meeting_root(path)
        assert root is not None
        result.add(meetings.check_meetings([path], meetings.initiative_slugs(root / INITIATIVES.name)))
    return result


def extra_kind_of(path: Path, others: list[kinds.Kind]) -> kinds.Kind | None:
    """The kind beyond initiatives and meetings whose folder holds the path (None for other paths)."""
    absolute = Path(os.path.abspath(path))
    folders = {kind.folder: kind for kind in others}
    return next((folders[folder.name] for folder in (absolute, *absolute.parents) if folder.name in folders), None)


def organisation_names(others: list[kinds.Kind], checked: dict[Path, KindResult]) -> list[str]:
    """The valid organisations' names (in organisaties/ of this project), which initiatives are judged
    against: from the check of that folder when it was asked for, else from a check of its own."""
    found = []
    for kind in others:
        folder = Path(kind.folder)
        if kind.name == cross_kinds.ORGANISATIONS and folder.is_dir():
            result = checked.get(folder) or entry_check.check_entries(kind, [folder])
            found.append((kind, result.entries))
    return cross_kinds.organisation_names(found)


def run_check(args: argparse.Namespace) -> int:
    others = kinds.extra()
    folders = [INITIATIVES, meetings.FOLDER, *(Path(kind.folder) for kind in others)]
    paths = [Path(p) for p in args.paths] or [INITIATIVES, *(folder for folder in folders[1:] if folder.is_dir())]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        print(f"kennisbank check: pad bestaat niet: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    # Each kind has a schema of its own: meeting files (bijeenkomsten/), the files of other kinds
    # (in their folders), and the rest are initiatives.
    other_paths = [(p, kind) for p in paths if (kind := extra_kind_of(p, others)) is not None]
    meeting_paths = [p for p in paths if meeting_root(p) is not None and extra_kind_of(p, others) is None]
    initiative_paths = [p for p in paths if meeting_root(p) is None and extra_kind_of(p, others) is None]
    # The other kinds first: a whole organisation folder checked here gives the names initiatives are judged against.
    others_checked = {path: kind_checks.check_kind(kind, [path]) for path, kind in other_paths}
    # Named files are judged within their initiatives/ tree (links, duplicate names), reported alone.
    names = organisation_names(others, others_checked) if initiative_paths else []
    result = (check_paths(initiative_paths, tree_of(initiative_paths) if args.paths else (), strict=args.strict, organisations=names)
              if initiative_paths else CheckResult())
    result = with_meetings(result, meeting_paths)
    for checked in others_checked.values():
        result.add(checked)
    print(report.render(result, args.format))
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    return 1 if failed else 0


def ask(label: str, current: str | None) -> str | None:
    if current is not None or not sys.stdin.isatty():
        return current
    return input(f"{label}: ").strip() or None


def new_slug(given: str | None, titel: str) -> str | None:
    """The file name for `nieuw` (initiative or meeting): --slug as given, else made from the title.

    None (reported) when --slug breaks the file-name rule: it is the last part of a path, so
    '../x' or 'a/b' would put the file elsewhere. The whole value must match (a final newline too),
    and it is no longer than the check allows (MAX_SLUG).
    """
    slug = given if given is not None else skeleton.slug_for(titel)
    if not SLUG.fullmatch(slug) or len(slug) > MAX_SLUG:
        better = skeleton.slug_for(slug)[:MAX_SLUG].strip("-")
        # quote: a newline or escape sequence in --slug is shown as typed, not sent to the terminal.
        print(f"kennisbank nieuw: --slug {schema.quote(slug)} is ongeldig; gebruik alleen kleine letters, cijfers en streepjes (hoogstens {MAX_SLUG} tekens), bijvoorbeeld '{better}'", file=sys.stderr)
        return None
    return slug


def write_new(target: Path, root: Path, text: str) -> bool:
    """Write a new file inside root (skeleton.write_new: never overwrite, never through a link); False (reported) if not."""
    try:
        skeleton.write_new(target, root, text)
    except FileExistsError:
        print(f"kennisbank nieuw: {target} bestaat al; kies een andere --slug", file=sys.stderr)
        return False
    except skeleton.OutsideFolder as problem:
        print(f"kennisbank nieuw: {problem}", file=sys.stderr)
        return False
    except OSError as problem:  # e.g. --map below a file, or a folder without write permission
        print(f"kennisbank nieuw: {target} kan niet worden geschreven ({problem.strerror or problem}); kies een andere map met --map", file=sys.stderr)
        return False
    return True


def run_nieuw_bijeenkomst(args: argparse.Namespace) -> int:
    """A meeting skeleton in bijeenkomsten/: every field of its schema under a Dutch comment."""
    titel = ask("Titel", args.titel)
    if not titel:
        print("kennisbank nieuw: geef minstens een titel (--titel)", file=sys.stderr)
        return 2
    answers: dict[str, object] = {"titel": titel, "samenvatting": args.samenvatting, "gemeente": args.gemeente,
                                  "themas": args.thema or None, "datum": args.datum}
    slug = new_slug(args.slug, titel)
    if slug is None:
        return 2
    folder = Path(args.map) if args.map != str(INITIATIVES) else meetings.FOLDER
    target = folder / f"{slug}.md"
    if not write_new(target, folder, skeleton.meeting_file_text(answers, meetings.meeting_schema())):
        return 2
    print(f"{target} aangemaakt")
    root = meeting_root(target) or Path(".")
    result = meetings.check_meetings([target], meetings.initiative_slugs(root / INITIATIVES.name))
    if result.messages:
        print(report.render(CheckResult(messages=result.messages, files=result.files), "text"))
        print("Vul de lege verplichte velden en de tekst aan en controleer opnieuw met: kennisbank check")
    return 0


def run_nieuw_soort(args: argparse.Namespace) -> int:
    """A skeleton of a further kind (organisaties/, aanpakken/): every field of its schema under a Dutch comment."""
    kind = next((k for k in kinds.extra() if k.name == args.soort), None)
    if kind is None:
        names = ", ".join(k.name for k in kinds.extra())
        print(f"kennisbank nieuw: onbekende soort '{args.soort}'; kies uit: {names}", file=sys.stderr)
        return 2
    titel = ask("Naam", args.titel)
    if not titel:
        print("kennisbank nieuw: geef minstens een naam (--titel)", file=sys.stderr)
        return 2
    slug = new_slug(args.slug, titel)
    if slug is None:
        return 2
    folder = Path(kind.folder)
    target = folder / f"{slug}.md"
    answers: dict[str, object] = {"titel": titel, "samenvatting": args.samenvatting, "themas": args.thema or None}
    if not write_new(target, folder, skeleton.entry_file_text(answers, kind.schema(), kind.name)):
        return 2
    print(f"{target} aangemaakt")
    result = entry_check.check_entries(kind, [target])
    if result.messages:
        print(report.render(CheckResult(messages=result.messages, files=result.files), "text"))
        print("Vul de lege verplichte velden en de tekst aan en controleer opnieuw met: kennisbank check")
    return 0


def run_nieuw(args: argparse.Namespace) -> int:
    if args.bijeenkomst:
        return run_nieuw_bijeenkomst(args)
    if args.soort:
        return run_nieuw_soort(args)
    answers: dict[str, object] = {
        "titel": ask("Titel", args.titel),
        "samenvatting": ask("Samenvatting (20-300 tekens)", args.samenvatting),
        "gemeente": ask("Gemeente (of 'landelijk')", args.gemeente),
        "themas": args.thema or [t.strip() for t in (ask("Thema's (komma's ertussen)", None) or "").split(",") if t.strip()],
        "status": ask("Status (idee, lopend, afgerond, gestopt)", args.status),
        "startjaar": ask("Startjaar (leeg als geen bron het noemt)", args.startjaar),
        "initiatiefnemer": ask("Initiatiefnemer", args.initiatiefnemer),
        "website": args.website,
    }
    if isinstance(answers["startjaar"], str) and answers["startjaar"].isdigit():
        answers["startjaar"] = int(answers["startjaar"])
    if not answers["titel"]:
        print("kennisbank nieuw: geef minstens een titel (--titel)", file=sys.stderr)
        return 2
    slug = new_slug(args.slug, str(answers["titel"]))
    if slug is None:
        return 2
    target = skeleton.folder_for(answers["gemeente"], Path(args.map)) / f"{slug}.md"
    if not write_new(target, Path(args.map), skeleton.file_text(answers)):
        return 2
    print(f"{target} aangemaakt")
    result = check_paths([target], [Path(args.map)])
    if result.messages:
        print(report.render(result, "text"))
        todo = "de lege verplichte velden en de tekst" if result.errors else "de tekst"
        print(f"Vul {todo} aan en controleer opnieuw met: kennisbank check")
    return 0


def run_build(args: argparse.Namespace) -> int:
    from kennisbank.site import pipeline as site

    return site.build(Path(args.site_dir), strict=not args.no_strict)


def run_serve(args: argparse.Namespace) -> int:
    from kennisbank.site import pipeline as site

    return site.serve(args.dev_addr)


def append_outputs(path: str | None, values: dict[str, str]) -> None:
    """Step outputs for GitHub Actions ($GITHUB_OUTPUT); values are single-line by construction."""
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.writelines(f"{key}={value}\n" for key, value in values.items())


def run_van_issue(args: argparse.Namespace) -> int:
    from kennisbank.submission import issue_form as issueform
    from kennisbank.submission import meeting_issue, organisation_issue

    body = Path(args.body_file).read_text(encoding="utf-8", errors="replace")
    today = dt.date.fromisoformat(args.datum) if args.datum else dt.date.today()
    organisation = args.soort == organisation_issue.NAME
    kind = meeting_issue if args.bijeenkomst else organisation_issue if organisation else issueform
    default = meetings.FOLDER if args.bijeenkomst else Path(organisation_issue.kind().folder) if organisation else INITIATIVES
    output_dir = Path(args.output_dir) if args.output_dir else default
    outcome = kind.submit(body, output_dir, today)
    shown = outcome.target.as_posix()
    append_outputs(args.github_output, {"valid": str(outcome.ok).lower(), "path": shown if outcome.ok else ""})
    # Warnings (personal data, for one) reach the submitter too, even when the file is valid.
    if args.comment_file and outcome.messages:
        Path(args.comment_file).write_text(kind.comment(outcome), encoding="utf-8")
    if outcome.messages:
        print("\n".join(f"{m.field}: {'waarschuwing: ' if m.level == 'waarschuwing' else ''}{m.text}" for m in outcome.messages), file=sys.stderr)
    if outcome.ok:
        print(f"{shown} aangemaakt")
        return 0
    return 1


def run_links(args: argparse.Namespace) -> int:
    from kennisbank.maintenance import link_history, linkcheck

    # Arguments first: the check takes minutes, and a bad date or history path would only show after it.
    try:
        today = today_or(args.datum)
    except ValueError:
        print(f"kennisbank links: ongeldige datum {args.datum!r}; schrijf JJJJ-MM-DD", file=sys.stderr)
        return 2
    # Kept outside the repository (the workflow caches it): since when each address fails.
    history_path = Path(args.history) if args.history else None
    problem = link_history.write_problem(history_path) if history_path else None
    if problem:
        print(f"kennisbank links: {problem}; de links zijn niet gecontroleerd", file=sys.stderr)
        return 2
    # A damaged history (an interrupted cache, say) is the command's own state: start it afresh, said once.
    history, problem = link_history.read(history_path)
    if problem:
        print(f"kennisbank links: waarschuwing: {problem}; de linkgeschiedenis begint opnieuw", file=sys.stderr)
    result = check_paths([Path(p) for p in args.paths] or [INITIATIVES])
    results = linkcheck.check_links(linkcheck.links_of(result.initiatives), timeout=args.timeout)
    dead = [r for r in results if r.dead]
    for r in dead:
        print(f"{r.link.source}: {r.link.url}: {r.reason}")
    print(f"{len(dead)} van de {len(results)} webadressen antwoorden niet")
    if args.report:
        Path(args.report).write_text(linkcheck.report(results), encoding="utf-8")
    saved = True
    if history_path:
        try:
            link_history.save(history_path, link_history.updated(history, results, today))
        except link_history.HistoryError as error:
            print(f"kennisbank links: {error}", file=sys.stderr)
            saved = False
    append_outputs(args.github_output, {"dead": str(len(dead))})
    # Dead links never fail the command; a history that could not be saved does (it is lost otherwise).
    return 0 if saved else 1


def today_or(value: str | None) -> dt.date:
    return dt.date.fromisoformat(value) if value else dt.date.today()


def run_onderhoud(args: argparse.Namespace) -> int:
    from kennisbank.maintenance import link_history
    from kennisbank.maintenance import todo_list as maintenance

    paths = [Path(p) for p in args.paths] or [INITIATIVES]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"kennisbank onderhoud: pad bestaat niet: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    try:
        today = today_or(args.datum)
    except ValueError:
        print(f"kennisbank onderhoud: ongeldige datum {args.datum!r}; schrijf JJJJ-MM-DD", file=sys.stderr)
        return 2
    # The list stands without the history (only the failing websites need it): say why, and go on.
    history, problem = link_history.read(Path(args.history) if args.history else None)
    if problem:
        print(f"kennisbank onderhoud: waarschuwing: {problem}; de lijst wordt gemaakt zonder linkgeschiedenis", file=sys.stderr)
    text = maintenance.render(check_paths(paths), history, today, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="kennisbank", description="Kennisbank Maatschappelijke Initiatieven")
    commands = root.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="controleer initiatiefbestanden")
    check.add_argument("paths", nargs="*", help="bestanden of mappen (standaard: initiatives/)")
    check.add_argument("--format", choices=("text", "github", "json"), default="text")
    check.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    check.set_defaults(func=run_check)

    nieuw = commands.add_parser("nieuw", help="maak een nieuw initiatiefbestand")
    for name in ("titel", "samenvatting", "gemeente", "status", "startjaar", "initiatiefnemer", "website", "slug"):
        nieuw.add_argument(f"--{name}")
    nieuw.add_argument("--thema", action="append", help="thema-slug (mag vaker)")
    nieuw.add_argument("--bijeenkomst", action="store_true", help="een bijeenkomst (in bijeenkomsten/) in plaats van een initiatief")
    nieuw.add_argument("--soort", help="een organisatie (in organisaties/) of aanpak (in aanpakken/): 'organisatie' of 'aanpak'")
    nieuw.add_argument("--datum", help="bij --bijeenkomst: de datum (JJJJ-MM-DD)")
    nieuw.add_argument("--map", default=str(INITIATIVES), help="map voor het bestand (standaard: initiatives/, of bijeenkomsten/ bij --bijeenkomst)")
    nieuw.set_defaults(func=run_nieuw)

    build = commands.add_parser("build", help="controleer, genereer en bouw de site")
    build.add_argument("--site-dir", default="site")
    build.add_argument("--no-strict", action="store_true", help="bouw ook bij MkDocs-waarschuwingen")
    build.set_defaults(func=run_build)

    serve = commands.add_parser("serve", help="live voorbeeld van de site")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(func=run_serve)

    van_issue = commands.add_parser("van-issue", help="maak een initiatief- of bijeenkomstbestand van een ingevuld GitHub-issueformulier")
    van_issue.add_argument("--body-file", required=True, help="de tekst van het issue")
    van_issue.add_argument("--bijeenkomst", action="store_true", help="een issue van het formulier Bijeenkomst aanmelden (bestand in bijeenkomsten/)")
    van_issue.add_argument("--soort", choices=["organisatie"], help="een issue van het formulier Organisatie aanmelden (bestand in organisaties/)")
    van_issue.add_argument("--output-dir", help="map voor het bestand (standaard: initiatives/, of bijeenkomsten/ bij --bijeenkomst)")
    van_issue.add_argument("--comment-file", help="schrijf hier de reactie met fouten (Markdown)")
    van_issue.add_argument("--github-output", help="schrijf valid= en path= voor GitHub Actions")
    van_issue.add_argument("--datum", help="datum voor 'bijgewerkt' (JJJJ-MM-DD, standaard vandaag)")
    van_issue.set_defaults(func=run_van_issue)

    links = commands.add_parser("links", help="controleer of de websites van de initiatieven nog antwoorden")
    links.add_argument("paths", nargs="*", help="bestanden of mappen (standaard: initiatives/)")
    links.add_argument("--timeout", type=float, default=15.0)
    links.add_argument("--report", help="schrijf de lijst met dode links hierheen (Markdown)")
    links.add_argument("--github-output", help="schrijf dead= voor GitHub Actions")
    links.add_argument("--history", help="JSON-bestand met sinds wanneer elk webadres faalt (wordt bijgewerkt)")
    links.add_argument("--datum", help="datum van de controle (JJJJ-MM-DD, standaard vandaag)")
    links.set_defaults(func=run_links)

    onderhoud = commands.add_parser("onderhoud", help="één lijst met wat onderhoud nodig heeft")
    onderhoud.add_argument("paths", nargs="*", help="mappen (standaard: initiatives/)")
    onderhoud.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    onderhoud.add_argument("--history", help="het JSON-bestand van kennisbank links --history")
    onderhoud.add_argument("--datum", help="peildatum (JJJJ-MM-DD, standaard vandaag)")
    onderhoud.add_argument("--output", help="schrijf de lijst hierheen in plaats van naar het scherm")
    onderhoud.set_defaults(func=run_onderhoud)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # Every command reads the schemas' x- annotations; an unknown one would silently change its output.
    bad_annotations = schema_annotations.schema_problems()
    if bad_annotations:
        for text in bad_annotations:
            print(f"kennisbank: {text}", file=sys.stderr)
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
