"""`kennisbank nieuw` writes every field of the schema, explained; filled in, the file passes the check."""
from __future__ import annotations

import copy
import os
import re
import subprocess
from pathlib import Path

from conftest import KENNISBANK
from kennisbank.entries import schema
from kennisbank.entries.validate import check_paths
from kennisbank.submission import skeleton

FILLED = {
    "samenvatting:": "samenvatting: Bewoners van de wijk Assendorp houden samen een huiskamer open voor iedereen.",
    "status:": "status: lopend",
    "# startjaar:": "startjaar: 2019",  # optional: an unknown year is left out
    "initiatiefnemer:": "initiatiefnemer: Bewonersvereniging Assendorp",
}


def nieuw_without_terminal(project: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The issue's example, with stdin not a terminal (as in CI or a script): nothing is asked."""
    result = subprocess.run(
        [*KENNISBANK, "nieuw", "--titel", "Buurtkamer De Linde", "--gemeente", "Zwolle", "--thema", "zorg-welzijn"],
        cwd=project, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return result, project / "initiatives" / "overijssel" / "buurtkamer-de-linde.md"


def field_lines(text: str) -> list[str]:
    """The front matter's field lines, commented out or not, without the comments that explain them."""
    matter = text.split("---\n")[1]
    return [line for line in matter.splitlines() if re.match(r"^(# )?[a-z_]+:", line)]


def test_a_skeleton_written_without_a_terminal_lists_every_schema_field_in_order(tmp_path: Path) -> None:
    result, path = nieuw_without_terminal(tmp_path)
    assert result.returncode == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    names = [re.match(r"^(?:# )?([a-z_]+):", line).group(1) for line in field_lines(text)]
    assert names == list(schema.properties())
    for line in field_lines(text):
        name = line.removeprefix("# ").split(":")[0]
        assert line.startswith("# ") == (name not in schema.required()), line
    lines = text.splitlines()
    for name, rule in schema.properties().items():
        index = next(i for i, line in enumerate(lines) if re.match(rf"^(# )?{name}:", line))
        explained = " ".join(line.lstrip("# ") for line in lines[:index][-6:])
        assert f"{rule['title']} ({'verplicht' if name in schema.required() else 'niet verplicht'}):" in explained
    assert "Kies uit: idee, lopend, afgerond, gestopt." in text
    assert "Tekst, 20 tot 300 tekens." in text
    assert "kies uit: openbare-ruimte, zorg-welzijn" in text
    assert "Een datum als JJJJ-MM-DD." in text
    # The answers are in; what was not answered is empty, so the check points at each of them.
    assert "titel: Buurtkamer De Linde\n" in text and "themas: [zorg-welzijn]\n" in text
    assert {(m.field, m.text) for m in check_paths([path]).errors} == {
        (name, "mag niet leeg zijn") for name in ("samenvatting", "status", "initiatiefnemer")
    }


def test_filling_in_the_required_values_makes_it_pass(tmp_path: Path) -> None:
    _, path = nieuw_without_terminal(tmp_path)
    text = path.read_text(encoding="utf-8")
    for empty, value in FILLED.items():
        text = re.sub(rf"^{re.escape(empty)}$", value, text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    result = check_paths([path])
    assert result.errors == [] and len(result.initiatives) == 1
    # The example sentences under the headings are the only thing left: warnings, with their lines.
    assert [(m.field, m.level) for m in result.warnings] == [("tekst", "waarschuwing")] * 2
    lines = text.splitlines()
    assert all(lines[m.line - 1].startswith("Schrijf hier over") for m in result.warnings)
    assert "de voorbeeldzin 'Schrijf hier over aanpak.' staat er nog" in result.warnings[0].text
    text = re.sub(r"^Schrijf hier over (.*)\.$", r"Ons verhaal over \1.", text, flags=re.M)
    text = text.replace("# eindjaar:", "eindjaar: 2023").replace("status: lopend", "status: afgerond")
    text = text.replace("# website:", "website: https://buurtkamerdelinde.nl")
    path.write_text(text, encoding="utf-8")
    result = check_paths([path])
    assert result.messages == []
    (initiative,) = result.initiatives
    assert (initiative.eindjaar, initiative.website) == (2023, "https://buurtkamerdelinde.nl")


def test_a_new_schema_property_shows_up_in_the_skeleton(tmp_path: Path) -> None:
    rules = copy.deepcopy(schema.schema())
    properties = list(rules["properties"].items())
    properties.insert(3, ("buurt", {"type": "string", "maxLength": 80, "title": "Buurt", "description": "De wijk of buurt."}))
    properties.append(("bereik", {"type": "string", "enum": ["straat", "wijk", "stad"], "title": "Bereik", "description": "Voor wie."}))
    rules["properties"] = dict(properties)
    rules["required"] = [*rules["required"], "buurt"]
    text = skeleton.file_text({"titel": "Buurtkamer De Linde"}, rules)
    assert [line.removeprefix("# ").split(":")[0] for line in field_lines(text)] == list(rules["properties"])
    assert "# Buurt (verplicht): De wijk of buurt. Tekst, hoogstens 80 tekens.\nbuurt:\n" in text
    assert "# Bereik (niet verplicht): Voor wie. Kies uit: straat, wijk, stad.\n# bereik:\n" in text


def test_answers_of_every_kind_land_in_their_place() -> None:
    text = skeleton.file_text({"titel": "yes", "startjaar": 2020, "partners": ["A: b", "C"], "website": "https://x.nl"})
    lines = field_lines(text)
    assert "titel: 'yes'" in lines and "startjaar: 2020" in lines and "website: https://x.nl" in lines
    assert "partners: ['A: b', C]" in lines
    assert all(len(line) <= skeleton.COMMENT_WIDTH for line in text.splitlines() if line.startswith("#"))
