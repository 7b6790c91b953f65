"""The check over real files: the broken fixture's full message list, formats, exit codes, edge cases."""
from __future__ import annotations

import datetime as dt
import json
import os
import tracemalloc
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, run_kennisbank
from kennisbank.entries.validate import check_paths
from sample_entry import VALID, write

BROKEN = FIXTURES / "broken"


def test_broken_fixture_reports_every_message_in_order() -> None:
    result = run_kennisbank(BROKEN, "check")
    expected = (BROKEN / "expected.txt").read_text(encoding="utf-8").replace("{volgend_jaar}", str(dt.date.today().year + 1))
    assert result.stdout == expected
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_every_file_is_either_valid_or_reported() -> None:
    result = check_paths([BROKEN / "initiatives"])
    files = {p.relative_to(BROKEN).as_posix() for p in (BROKEN / "initiatives").rglob("*") if p.is_file()}
    reported = {m.path.split("broken/", 1)[-1] for m in result.errors}
    valid = {i.source.split("broken/", 1)[-1] for i in result.initiatives}
    assert reported | valid == files
    assert valid == {"initiatives/b/geldig.md"}


def test_github_format_annotates_file_and_line() -> None:
    lines = run_kennisbank(BROKEN, "check", "--format", "github").stdout.splitlines()
    assert "::error file=initiatives/a/alles-fout.md,line=6,title=status::status: onbekende waarde 'no'. Kies uit: idee, lopend, afgerond, gestopt" in lines
    assert any(line.startswith("::warning file=initiatives/a/alles-fout.md,line=4,") and "Weesp" in line for line in lines)


def test_json_format_lists_every_message() -> None:
    text = run_kennisbank(BROKEN, "check", "--format", "json").stdout
    data = json.loads(text)
    expected_lines = (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert len(data["meldingen"]) == len(expected_lines) - 1  # the summary line is not a message
    assert data["geldig"] == 1
    first = data["meldingen"][0]
    assert set(first) == {"bestand", "regel", "veld", "niveau", "melding"}


def test_clean_tree_exits_zero_and_warnings_fail_only_when_strict(tmp_path: Path) -> None:
    write(tmp_path, "noord-holland/moestuin.md", VALID)
    clean = run_kennisbank(tmp_path, "check")
    assert (clean.returncode, clean.stdout.strip()) == (0, "1 bestand gecontroleerd: alles in orde")
    write(tmp_path, "noord-holland/moestuin.md", VALID.replace("gemeente: Amsterdam", "gemeente: Weesp"))
    warned = run_kennisbank(tmp_path, "check")
    assert warned.returncode == 0
    assert "waarschuwing: 'Weesp' is op 24 maart 2022 opgegaan in Amsterdam" in warned.stdout
    assert run_kennisbank(tmp_path, "check", "--strict").returncode == 1


def test_merged_municipality_maps_to_todays(tmp_path: Path) -> None:
    write(tmp_path, "x/moestuin.md", VALID.replace("gemeente: Amsterdam", "gemeente: Leeuwarderadeel"))
    result = check_paths([tmp_path / "initiatives"])
    assert [g.naam for g in result.initiatives[0].gemeenten] == ["Leeuwarden"]


@pytest.mark.parametrize(
    ("gemeente", "expected"),
    [
        ('"\'s-Gravenhage"', ["GM0518"]),
        ("den haag", ["GM0518"]),
        ("Den Bosch", ["GM0796"]),
        ("gm0363", ["GM0363"]),
        ('"Nuenen, Gerwen en Nederwetten"', ["GM0820"]),
        ("[Vlissingen, Middelburg]", ["GM0718", "GM0687"]),
        ("landelijk", []),
    ],
)
def test_municipality_forms_are_accepted(tmp_path: Path, gemeente: str, expected: list[str]) -> None:
    write(tmp_path, "x/moestuin.md", VALID.replace("gemeente: Amsterdam", f"gemeente: {gemeente}"))
    result = check_paths([tmp_path / "initiatives"])
    assert result.errors == []
    assert [g.code for g in result.initiatives[0].gemeenten] == expected


def test_file_over_one_megabyte_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "x/groot.md", VALID + "woord " * 200_000)
    (message,) = check_paths([tmp_path / "initiatives"]).messages
    assert message.field == "bestand" and "hoogstens 1 MB" in message.text


def test_symlink_is_refused_and_not_followed(tmp_path: Path) -> None:
    (tmp_path / "initiatives").mkdir()
    outside = tmp_path / "geheim.md"
    outside.write_text(VALID, encoding="utf-8")
    os.symlink(outside, tmp_path / "initiatives" / "link.md")
    result = check_paths([tmp_path / "initiatives"])
    assert result.initiatives == []
    assert [m.text for m in result.messages] == ["symbolische koppelingen zijn niet toegestaan; zet het bestand zelf in initiatives/"]


def test_alias_bomb_fails_fast_in_constant_memory(tmp_path: Path) -> None:
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    write(tmp_path, "x/bom.md", "---\n" + "\n".join(levels) + "\n---\n")
    tracemalloc.start()
    result = check_paths([tmp_path / "initiatives"])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [m.line for m in result.messages] == [2]
    assert "ankers" in result.messages[0].text
    # Expanded, this document has 9^10 items; refusing it must not allocate anything like that.
    assert peak < 5 * 1024 * 1024


def test_shipped_initiatives_pass_without_errors_or_warnings() -> None:
    result = check_paths([REPO / "initiatives"])
    assert [f"{m.path}:{m.line}: {m.text}" for m in result.messages] == []
    assert len(result.initiatives) >= 15
    assert result.files == len(result.initiatives)


def test_shipped_content_passes_the_strict_check_of_every_kind() -> None:
    """What CI asks of the content: `kennisbank check --strict` over initiatives, meetings,
    organisations and approaches, as a maintainer runs it, with no message at all."""
    result = run_kennisbank(REPO, "check", "--strict")
    assert (result.returncode, result.stdout.splitlines()[-1:]) == (0, [result.stdout.strip()]), result.stdout
    assert result.stdout.strip().endswith("bestanden gecontroleerd: alles in orde")


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_kennisbank(tmp_path, "check", "bestaat-niet")
    assert result.returncode == 2 and "pad bestaat niet" in result.stderr


def test_large_tree_is_checked_in_parallel_with_the_same_result(tmp_path: Path) -> None:
    from kennisbank.bench.corpus import write_initiatives
    from kennisbank.entries import file_tree, parallel, validate

    write_initiatives(tmp_path, parallel.PARALLEL_FROM + 50)
    write(tmp_path, "noord-holland/kapot.md", VALID.replace("status: lopend", "status: no"))
    checked = check_paths([tmp_path])
    files = file_tree.discover([tmp_path])
    serial = [validate.check_file(path) for path in files]
    assert len(checked.initiatives) == parallel.PARALLEL_FROM + 50
    assert checked.messages == [m for outcome in serial for m in outcome.messages]
    assert checked.initiatives[0].gemeenten[0] == serial[0].initiative.gemeenten[0]


def test_cache_reuses_unchanged_files_and_sees_every_change(tmp_path: Path) -> None:
    from kennisbank.entries.check_cache import CheckCache

    paths = {name: write(tmp_path, f"noord-holland/{name}.md", VALID.replace("De Pijp", f"De Pijp {name}")) for name in "abc"}
    cache = CheckCache()
    first = check_paths([tmp_path], cache=cache)
    again = check_paths([tmp_path], cache=cache)
    # Unchanged files are not checked again: the very same objects come back.
    assert [i is j for i, j in zip(first.initiatives, again.initiatives, strict=True)] == [True, True, True]
    assert again.messages == first.messages
    paths["b"].write_text(VALID.replace("status: lopend", "status: lopenx"), encoding="utf-8")
    broken = check_paths([tmp_path], cache=cache)
    assert [i.slug for i in broken.initiatives] == ["a", "c"] and broken.initiatives[0] is first.initiatives[0]
    assert [m.field for m in broken.errors] == ["status"]
    # The same size and other text, the modification time put back: the change time still tells.
    status = paths["b"].stat()
    paths["b"].write_text(VALID.replace("Pijp", "Pijq"), encoding="utf-8")
    assert paths["b"].stat().st_size == status.st_size
    os.utime(paths["b"], ns=(status.st_atime_ns, status.st_mtime_ns))
    healed = check_paths([tmp_path], cache=cache)
    assert [i.titel for i in healed.initiatives] == ["Buurtmoestuin De Pijp a", "Buurtmoestuin De Pijq", "Buurtmoestuin De Pijp c"]
    assert not healed.errors
    paths["c"].unlink()
    assert [i.slug for i in check_paths([tmp_path], cache=cache).initiatives] == ["a", "b"]
    assert sorted(p.name for p in cache.outcomes) == ["a.md", "b.md"]
