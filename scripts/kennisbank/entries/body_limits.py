"""Limits on the shape of a submitted Markdown body (an initiative's or a meeting's), checked first.

Python-Markdown parses nested lists, quotes and indented blocks by recursion, nests emphasis as
deep as the markers go, and looks for the end of a link by scanning ahead from every '['. A few
hostile characters per line are enough to crash the build (RecursionError: 500 list markers on one
line, 3,000 '*' around a word) or to keep it busy for minutes (30,000 '[' before a link). The check
refuses such a body with a message that names the limit and the value found; pages.submitted_text
holds every body to the same limits while rendering, in case one reaches it unchecked.

No real text comes near these limits; they are far below where Python-Markdown gets into trouble
(about 250 levels of nesting, 2,000 emphasis markers). Every function here is linear in the length
of the body: whole-body regular expressions find the few candidate lines, and only those are
looked at in Python.
"""
from __future__ import annotations

import re

from kennisbank.entries import schema

# Levels of nesting on one line: list items, quotes ('>'), definitions (':') and indentation by four
# columns each. Real text nests lists three or four deep and quotes an e-mail a few times over.
MAX_NESTING = 10
# '*' and '_' in a row: three make bold italics, a fill-in line ('Naam: ______') or a separator
# takes a few dozen; more than this is never text.
MAX_EMPHASIS_RUN = 100
# '[' in a row: a link inside brackets ('[[1]](...)') takes two.
MAX_BRACKET_RUN = 16
# Lines named one by one; the rest are counted in one message, so a huge body gives a short answer.
MAX_REPORTED_LINES = 10

# One container marker after optional whitespace: a quote needs nothing after it, a list item or
# definition marker needs whitespace or the end of the line (otherwise '-5' or '1.5' are text).
CONTAINER = re.compile(r"[ \t]*(>|(?:[-*+:]|\d{1,9}[.)])(?=[ \t]|$))")
# A line that starts with more than MAX_NESTING of these might nest too deep (every level takes at
# least one of them); only such lines are measured exactly. One regular expression over the body.
DEEP_CANDIDATE = re.compile(
    r"^(?:[ \t]|>|(?:[-*+:]|\d{1,9}[.)])(?=[ \t]|$)){%d,}" % (MAX_NESTING + 1), re.M
)
EMPHASIS_RUN = re.compile(r"[*_]{%d,}" % (MAX_EMPHASIS_RUN + 1))
BRACKET_RUN = re.compile(r"\[{%d,}" % (MAX_BRACKET_RUN + 1))
# A horizontal rule (Python-Markdown's rule: three or more of one of '-', '*', '_', at most two spaces
# between them, at most three before): it nests nothing and emphasises nothing, however long.
RULE = re.compile(r" {0,3}([-*_])(?: {0,2}\1){2,} *")


def is_rule(line: str) -> bool:
    return RULE.fullmatch(line) is not None


def markers(line: str) -> tuple[int, int, list[int]]:
    """(columns of leading whitespace, where it ends, where each container marker after it starts)."""
    end = len(line) - len(line.lstrip(" \t"))
    found: list[int] = []
    position = end
    while (marker := CONTAINER.match(line, position)) is not None:
        found.append(marker.start(1))
        position = marker.end()
    # Python-Markdown expands tabs to four columns before it parses.
    return len(line[:end].expandtabs(4)), end, found


def nesting(line: str) -> int:
    """How many levels deep the line can nest (an upper bound of what Python-Markdown makes of it)."""
    if is_rule(line):
        return 0
    columns, _, found = markers(line)
    return columns // 4 + len(found)


def body_problems(body: str) -> list[tuple[int, str]]:
    """(line offset within the body, Dutch message) for every line beyond a limit, in body order."""
    found: dict[int, list[tuple[str, int, int]]] = {}  # offset -> (message key, value, limit)
    for offset, line in lines_matching(body, DEEP_CANDIDATE):
        depth = nesting(line)
        if depth > MAX_NESTING:
            found.setdefault(offset, []).append(("te_diep", depth, MAX_NESTING))
    for offset, longest in longest_runs(body, EMPHASIS_RUN):
        found.setdefault(offset, []).append(("nadruktekens", longest, MAX_EMPHASIS_RUN))
    for offset, longest in longest_runs(body, BRACKET_RUN):
        found.setdefault(offset, []).append(("haken", longest, MAX_BRACKET_RUN))
    if not found:
        return []
    texts = schema.messages()["tekst"]
    offsets = sorted(found)
    problems = [(offset, schema.say(texts[key], waarde=value, max=limit))
                for offset in offsets[:MAX_REPORTED_LINES] for key, value, limit in found[offset]]
    if len(offsets) > MAX_REPORTED_LINES:
        rest = offsets[MAX_REPORTED_LINES:]
        problems.append((rest[0], schema.say(texts["meer_regels"], aantal=len(rest))))
    return problems


def lines_matching(body: str, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    """(line offset, line) of every line where `pattern` (anchored at a line start) matches."""
    result: list[tuple[int, str]] = []
    offset, counted = 0, 0
    for match in pattern.finditer(body):
        # Counting the line breaks since the previous match keeps the whole loop linear.
        offset += body.count("\n", counted, match.start())
        counted = match.start()
        end = body.find("\n", match.start())
        result.append((offset, body[match.start():end if end >= 0 else len(body)]))
    return result


def longest_runs(body: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(line offset, length of the longest run) of every line with a run of `pattern`, rules left out."""
    result: list[tuple[int, int]] = []
    offset, counted, line_end, line_start = 0, 0, -1, 0
    for match in pattern.finditer(body):
        if match.start() > line_end:
            offset += body.count("\n", counted, match.start())
            counted = match.start()
            line_start = body.rfind("\n", 0, match.start()) + 1
            line_end = body.find("\n", match.start())
            if line_end < 0:
                line_end = len(body)
            if is_rule(body[line_start:line_end]):
                # A rule is one run at most: nothing else on its line to look at.
                continue
            result.append((offset, len(match.group())))
        elif result and result[-1][0] == offset:
            result[-1] = (offset, max(result[-1][1], len(match.group())))
    return result
