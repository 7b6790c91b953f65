"""A body beyond the shape limits (entries/body_limits.py) is refused by the check, before the build meets it."""
from __future__ import annotations

import html.parser
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from conftest import FIXTURES, REPO, project_copy, run_kennisbank
from kennisbank.entries import body_limits, meetings
from kennisbank.entries.validate import check_paths
from sample_entry import VALID, write
from test_submitted_text import mkdocs_extensions, page, text_of

HOSTILE = {
    "nesting": ("- " * 500 + "tekst", "500 lagen diep genest"),
    "emphasis": ("*" * 3000 + "x" + "*" * 3000, "3000 tekens * of _ achter elkaar"),
    "brackets": ("[" * 30000 + "x](https://voorbeeld.nl)", "30000 keer [ achter elkaar"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_body_line_is_refused_with_the_limit_and_the_value(tmp_path: Path, name: str) -> None:
    line, text = HOSTILE[name]
    write(tmp_path, "noord-holland/tuin.md", VALID + "\n" + line + "\n")
    result = check_paths([tmp_path / "initiatives"])
    (message,) = result.errors
    assert message.field == "tekst" and text in message.text, message
    assert message.line == VALID.count("\n") + 2
    assert not result.initiatives


def test_ordinary_text_is_within_the_limits() -> None:
    body = "\n".join(["- een\n    - twee\n        - drie", "> citaat\n> > in citaat", "***", "_" * 40, "[[1]](https://a.nl)", "**vet** en *schuin*"])
    assert body_limits.body_problems(body) == []


def test_many_bad_lines_give_a_short_answer() -> None:
    problems = body_limits.body_problems("\n".join(["[" * 20 + "x"] * 50))
    assert len(problems) == body_limits.MAX_REPORTED_LINES + 1
    assert "nog 40 regels" in problems[-1][1]


# (body line, what the message says) at one past each limit; the line at the limit passes.
AT_THE_LIMIT = [
    ("- " * 10 + "tekst", "- " * 11 + "tekst", "11 lagen diep"),
    ("> " * 10 + "citaat", ">" * 11 + " citaat", "11 lagen diep"),
    (" " * 36 + "- ingesprongen", " " * 40 + "- ingesprongen", "11 lagen diep"),
    ("\t" * 9 + "1. tab", "\t" * 10 + "1. tab", "11 lagen diep"),
    ("*" * 100 + "x", "_*" * 50 + "_x", "101 tekens * of _"),
    ("[" * 16 + "x" + "](https://a.nl)" * 16, "[" * 17 + "x", "17 keer ["),
]


@pytest.mark.parametrize(("within", "beyond", "text"), AT_THE_LIMIT)
def test_each_limit_is_counted_exactly(within: str, beyond: str, text: str) -> None:
    assert body_limits.body_problems(f"Eerst.\n\n{within}\n") == []
    ((offset, message),) = body_limits.body_problems(f"Eerst.\n\n{beyond}\n")
    assert offset == 2 and text in message and "hoogstens" in message


def test_a_horizontal_rule_is_no_run_and_no_nesting() -> None:
    assert body_limits.body_problems("\n".join(["*" * 500, "_" * 300, "- " * 40, " * * * * * * * * * * * * *"])) == []


def test_a_meeting_body_is_held_to_the_same_limits(tmp_path: Path) -> None:
    source = (FIXTURES / "meetings" / "bijeenkomsten" / "wijkavond-vlissingen.md").read_text(encoding="utf-8")
    folder = tmp_path / "bijeenkomsten"
    folder.mkdir()
    (folder / "wijkavond-vlissingen.md").write_text(source.rstrip("\n") + "\n\n" + "- " * 500 + "tekst\n", encoding="utf-8")
    slugs = meetings.initiative_slugs(FIXTURES / "site" / "initiatives")
    result = meetings.check_meetings([folder], slugs)
    (message,) = [m for m in result.messages if m.field == "tekst"]
    assert message.level == "fout" and "500 lagen diep genest" in message.text and "hoogstens 10" in message.text
    assert message.line == source.rstrip("\n").count("\n") + 3
    assert not result.meetings


def test_huge_bodies_are_measured_in_one_pass() -> None:
    """No timing: a quadratic check would not return from these (about 1 MB each) within the test run."""
    for body in ["[" * 1_000_000, "*" * 1_000_000 + "x", "\n".join(["- " * 11 + "x"] * 40_000), ">" * 1_000_000,
                 " " * 1_000_000 + "- x"]:
        problems = body_limits.body_problems(body)
        assert problems and all("hoogstens" in text or "nog" in text for _, text in problems)


# ---------- The rendering keeps to the same limits (defence in depth: the check comes first) ----------

# (body, what a reader must still see of it)
RECURSED = {
    "list markers": ("- " * 500 + "diepst", "- " * 490 + "diepst"),
    "indented lists": ("\n".join(" " * (4 * level) + f"- punt{level}" for level in range(300)), "punt299"),
    # Runs beyond the check's limit are shown as they are, marking up nothing.
    "stars": ("*" * 3000 + "x" + "*" * 3000, "*" * 3000 + "x" + "*" * 3000),
    "underscores": ("_" * 3000 + "x" + "_" * 3000, "_" * 3000 + "x" + "_" * 3000),
    # Emphasis nested a thousand deep: the deepest levels keep their text, not their tags.
    "emphasis word by word": ("*a " * 1000 + "x" + " a*" * 1000, "a " * 1000 + "x" + " a" * 1000),
    "list markers by star": ("* " * 1000 + "diepst", "* " * 990 + "diepst"),
}


@pytest.mark.parametrize("name", RECURSED)
def test_bodies_that_made_python_markdown_recurse_render_with_all_their_text(name: str) -> None:
    body, kept = RECURSED[name]
    html, _ = page(body)
    seen = text_of(html)
    assert kept in seen
    assert "Na de tekst." in seen


QUADRATIC = {
    "open brackets": "[" * 30000 + "x](https://example.nl)",
    "unclosed brackets": "[a " * 30000,
    "unclosed targets": "[x](" * 30000,
    "unclosed titles": '[x]("a)' * 30000,
    "references": "[x][" * 30000,
    "images": "![" * 30000,
}


@pytest.mark.parametrize("name", QUADRATIC)
def test_link_searches_stay_linear(name: str) -> None:
    """Python-Markdown searched from every '[' to the end of the paragraph: these took many minutes.

    Rendered in a child process, so that a return of the quadratic search fails the test (after the
    two minutes the issue names) instead of holding up the run.
    """
    script = (
        "import sys; sys.path[:0] = sys.argv[1:3]\n"
        "from test_submitted_text import page, text_of\n"
        "html, _ = page(sys.stdin.read())\n"
        "print(len(text_of(html)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(REPO / "tests"), str(REPO / "scripts")], input=QUADRATIC[name],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > len("Titel Inleiding. Vergelijkbaar Na de tekst.")


def test_the_longest_run_of_brackets_the_check_allows_links_as_python_markdown_links() -> None:
    html, _ = page("[" * 30000 + "x](https://example.nl)")
    assert text_of(html).count("[") == 29999 and html.count('<a href="https://example.nl"') == 1


UNDER_THE_LIMITS = "\n\n".join([
    "- " * 10 + "tien lagen diep",
    "> " * 10 + "citaat in citaat",
    "\n".join(" " * (4 * level) + "- lijst" for level in range(10)),
    "*" * 100 + "x" + "*" * 100,
    "_" * 99 + "y" + "_" * 99,
    "[" * 16 + "x" + "](https://example.nl)" * 16,
    "[a](https://example.nl/(pad)) en [b](https://example.nl \"titel (met) haakjes\") en [c]: https://example.nl",
    "[c] en [d][c] en ![plaatje][c] en *schuin* en **vet** en ***beide***",
])


def test_a_body_just_under_the_limits_renders_as_python_markdown_renders_it() -> None:
    """Within the limits the bounds change nothing: the same HTML as Python-Markdown without them
    (apart from what submitted_text always does: rel on outside links, no images)."""
    names, configs = mkdocs_extensions()
    stock = markdown.Markdown(extensions=[n for n in names if n != "kennisbank.pages.submitted_text"], extension_configs=configs)
    expected = stock.convert(UNDER_THE_LIMITS).replace("<img alt=\"plaatje\" src=\"https://example.nl\" />", "plaatje")
    html, _ = page(UNDER_THE_LIMITS, before="", after="")
    assert html.replace(' rel="nofollow noopener"', "") == expected
    assert html.count("<ul>") == 10 + 10 and html.count("<blockquote>") == 10


class Ids(html.parser.HTMLParser):
    """Every id attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [value or "" for name, value in attrs if name == "id"]


def test_a_body_just_under_the_limits_builds_and_a_body_beyond_is_refused(tmp_path: Path) -> None:
    """A real build: what the check accepts is built, what it refuses gets a message, never a traceback."""
    write(tmp_path, "noord-holland/moestuin.md", VALID + "\n" + UNDER_THE_LIMITS + "\n")
    project = project_copy(tmp_path / "project", tmp_path / "initiatives")
    built = run_kennisbank(project, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    page_html = (project / "site" / "initiatieven" / "moestuin.html").read_text(encoding="utf-8")
    assert "tien lagen diep" in page_html and "citaat in citaat" in page_html
    parser = Ids()
    parser.feed(page_html)
    assert len(parser.ids) == len(set(parser.ids))

    for name, line in [("diep", "- " * 500 + "tekst"), ("sterren", "*" * 3000 + "x" + "*" * 3000), ("haken", "[" * 30000 + "x](https://example.nl)")]:
        write(tmp_path, f"noord-holland/{name}.md", VALID.replace("De Pijp", name) + "\n" + line + "\n")
    project = project_copy(tmp_path / "refused", tmp_path / "initiatives")
    refused = run_kennisbank(project, "build")
    assert refused.returncode == 1
    said = refused.stdout + refused.stderr
    assert "Traceback" not in said
    for text in ["500 lagen diep genest", "3000 tekens * of _ achter elkaar", "30000 keer [ achter elkaar"]:
        assert re.search(rf"initiatives/noord-holland/\w+\.md:{VALID.count(chr(10)) + 2}: tekst: deze regel .*{re.escape(text)}", said), said
