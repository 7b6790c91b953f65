"""The `kennisbank` command: check, nieuw, build, serve, van-issue, links, onderhoud. Thin: the work happens in the modules."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from kennisbank.entries import check_output as report
from kennisbank.entries import meetings
from kennisbank.entries.validate import SLUG, CheckResult, check_paths, tree_of
from kennisbank.submission import skeleton

INITIATIVES = Path("initiatives")


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


def run_check(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [INITIATIVES, *([meetings.FOLDER] if meetings.FOLDER.is_dir() else [])]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        print(f"kennisbank check: pad bestaat niet: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    # Meeting files (bijeenkomsten/) have a schema of their own; the rest are initiatives.
    meeting_paths = [p for p in paths if meeting_root(p) is not None]
    initiative_paths = [p for p in paths if meeting_root(p) is None]
    # Named files are judged within their initiatives/ tree (links, duplicate names), reported alone.
    result = check_paths(initiative_paths, tree_of(initiative_paths) if args.paths else (), strict=args.strict) if initiative_paths else CheckResult()
    result = with_meetings(result, meeting_paths)
    print(report.render(result, args.format))
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    return 1 if failed else 0


def ask(label: str, current: str | None) -> str | None:
    if current is not None or not sys.stdin.isatty():
        return current
    return input(f"{label}: ").strip() or None


def run_nieuw_bijeenkomst(args: argparse.Namespace) -> int:
    """A meeting skeleton in bijeenkomsten/: every field of its schema under a Dutch comment."""
    titel = ask("Titel", args.titel)
    if not titel:
        print("kennisbank nieuw: geef minstens een titel (--titel)", file=sys.stderr)
        return 2
    answers: dict[str, object] = {"titel": titel, "samenvatting": args.samenvatting, "gemeente": args.gemeente,
                                  "themas": args.thema or None, "datum": args.datum}
    folder = Path(args.map) if args.map != str(INITIATIVES) else meetings.FOLDER
    target = folder / f"{args.slug or skeleton.slug_for(titel)}.md"
    if target.exists():
        print(f"kennisbank nieuw: {target} bestaat al; kies een andere --slug", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(skeleton.meeting_file_text(answers, meetings.meeting_schema()), encoding="utf-8")
    print(f"{target} aangemaakt")
    root = meeting_root(target) or Path(".")
    result = meetings.check_meetings([target], meetings.initiative_slugs(root / INITIATIVES.name))
    if result.messages:
        print(report.render(CheckResult(messages=result.messages, files=result.files), "text"))
        print("Vul de lege verplichte velden en de tekst aan en controleer opnieuw met: kennisbank check")
    return 0


def run_nieuw(args: argparse.Namespace) -> int:
    if args.bijeenkomst:
        return run_nieuw_bijeenkomst(args)
    answers: dict[str, object] = {
        "titel": ask("Titel", args.titel),
        "samenvatting": ask("Samenvatting (20-300 tekens)", args.samenvatting),
        "gemeente": ask("Gemeente (of 'landelijk')", args.gemeente),
        "themas": args.thema or [t.strip() for t in (ask("Thema's (komma's ertussen)", None) or "").split(",") if t.strip()],
        "status": ask("Status (idee, lopend, afgerond, gestopt)", args.status),
        "startjaar": ask("Startjaar", args.startjaar),
        "initiatiefnemer": ask("Initiatiefnemer", args.initiatiefnemer),
        "website": args.website,
    }
    if isinstance(answers["startjaar"], str) and answers["startjaar"].isdigit():
        answers["startjaar"] = int(answers["startjaar"])
    if not answers["titel"]:
        print("kennisbank nieuw: geef minstens een titel (--titel)", file=sys.stderr)
        return 2
    slug = args.slug if args.slug is not None else skeleton.slug_for(str(answers["titel"]))
    if not SLUG.match(slug):
        better = skeleton.slug_for(slug)
        print(f"kennisbank nieuw: --slug '{slug}' is ongeldig; gebruik alleen kleine letters, cijfers en streepjes, bijvoorbeeld '{better}'", file=sys.stderr)
        return 2
    target = skeleton.folder_for(answers["gemeente"], Path(args.map)) / f"{slug}.md"
    try:
        skeleton.write_new(target, Path(args.map), skeleton.file_text(answers))
    except FileExistsError:
        print(f"kennisbank nieuw: {target} bestaat al; kies een andere --slug", file=sys.stderr)
        return 2
    except skeleton.OutsideFolder as problem:
        print(f"kennisbank nieuw: {problem}", file=sys.stderr)
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
    from kennisbank.submission import meeting_issue

    body = Path(args.body_file).read_text(encoding="utf-8", errors="replace")
    today = dt.date.fromisoformat(args.datum) if args.datum else dt.date.today()
    kind = meeting_issue if args.bijeenkomst else issueform
    output_dir = Path(args.output_dir) if args.output_dir else meetings.FOLDER if args.bijeenkomst else INITIATIVES
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
    from kennisbank.maintenance import linkcheck

    result = check_paths([Path(p) for p in args.paths] or [INITIATIVES])
    results = linkcheck.check_links(linkcheck.links_of(result.initiatives), timeout=args.timeout)
    dead = [r for r in results if r.dead]
    for r in dead:
        print(f"{r.link.source}: {r.link.url}: {r.reason}")
    print(f"{len(dead)} van de {len(results)} webadressen antwoorden niet")
    if args.report:
        Path(args.report).write_text(linkcheck.report(results), encoding="utf-8")
    if args.history:
        from kennisbank.maintenance import link_history

        # Kept outside the repository (the workflow caches it): since when each address fails.
        history = link_history.updated(link_history.load(Path(args.history)), results, today_or(args.datum))
        link_history.save(Path(args.history), history)
    append_outputs(args.github_output, {"dead": str(len(dead))})
    return 0


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
    history = link_history.load(Path(args.history) if args.history else None)
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
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
