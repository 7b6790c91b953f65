"""Split an initiative file into YAML front matter and Markdown body, strictly.

PyYAML's defaults are wrong for hand-edited data: they accept duplicate keys, expand aliases
(an alias bomb exhausts memory) and turn `no` into False and `2024-01-02` into a date. This
loader keeps every scalar a string except plain whole numbers and empty values, refuses anchors
and aliases before composing, and reports the file line of every key.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

MAX_BYTES = 1024 * 1024
# The schema needs two levels (a list of texts); deeper nesting is refused before composing, because
# PyYAML's composer recurses in C and a file of [[[[... crashes the process at some 100,000 levels.
MAX_DEPTH = 32
# Longer runs of digits are no year, and Python refuses to convert more than 4,300 of them.
MAX_INT_DIGITS = 18
# Characters YAML refuses in a stream, or reads as a line break (U+0085), or that only hide text:
# C0 and C1 controls (tab and line feed aside; carriage returns are already line feeds) and U+FFFE/F.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
# At most this many lines with control characters are named per file; the rest are counted.
MAX_CONTROL_LINES = 10
FENCE = re.compile(r"^---[ \t]*$")
CLOSING_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
# YAML line 0 of the front matter is line 2 of the file (line 1 is the opening fence).
LINE_OFFSET = 2


INT_TAG = "tag:yaml.org,2002:int"
STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
PLAIN_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class StrictLoader(yaml.CSafeLoader):
    """The C parser with a resolver that only knows plain whole numbers and empty values.

    PyYAML calls the resolver once per scalar from C; a small method beats the regex table.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                if value in PLAIN_NULLS:
                    return NULL_TAG
                if PLAIN_INT.match(value):
                    return INT_TAG
            return STR_TAG
        return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG


@dataclass
class FrontMatter:
    """The parsed front matter: values by key, the file line of each key and of list items."""

    values: dict[str, object] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    # Problems that do not stop reading, such as a duplicate key (the first value is kept).
    problems: list[FrontMatterError] = field(default_factory=list)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    # For a list of mappings (the sources): per item, the file line of each of its keys.
    item_key_lines: dict[str, list[dict[str, int]]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1


class FrontMatterError(Exception):
    """A problem that stops reading the file; carries a file line and a Dutch message."""

    def __init__(self, line: int, text: str, field_name: str = "bestand") -> None:
        super().__init__(text)
        self.line = line
        self.text = text
        self.field_name = field_name


def too_large(size: int) -> FrontMatterError:
    return FrontMatterError(1, f"bestand is {size:,} bytes; het mag hoogstens 1 MB zijn".replace(",", "."))


def decode(data: bytes) -> str:
    """Return the file as text; reject empty, oversized and non-UTF-8 files."""
    if len(data) > MAX_BYTES:
        raise too_large(len(data))
    if not data.strip():
        raise FrontMatterError(1, "bestand is leeg; begin met een regel '---' en de velden (zie kennisbank nieuw)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise FrontMatterError(
            line, f"bestand is geen UTF-8-tekst (byte 0x{byte:02x}); sla het op als UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> tuple[list[str], str, int]:
    """Return the front matter lines, the body and the body's first file line."""
    lines = text.split("\n")
    if not FENCE.match(lines[0]):
        raise FrontMatterError(1, "geen front matter: de eerste regel moet '---' zijn, gevolgd door de velden")
    for index in range(1, len(lines)):
        if CLOSING_FENCE.match(lines[index]):
            return lines[1:index], "\n".join(lines[index + 1 :]), index + 2
    raise FrontMatterError(1, "front matter niet afgesloten: zet een regel '---' na het laatste veld")


def control_name(char: str) -> str:
    return f"U+{ord(char):04X}"


def key_above(lines: list[str], index: int) -> str:
    """The top-level key whose value holds line `index` of the front matter ('yaml' when none)."""
    for line in reversed(lines[: index + 1]):
        match = re.match(r"^([A-Za-z_][\w-]*)[ \t]*:", line)
        if match:
            return match.group(1)
    return "yaml"


def replace_controls(lines: list[str], first_line: int, field_of: Callable[[int], str]) -> tuple[list[str], list[FrontMatterError]]:
    """The lines with every control character replaced by U+FFFD, and one problem per line that had any."""
    problems: list[FrontMatterError] = []
    if not CONTROL.search("\n".join(lines)):
        return lines, problems  # the usual case: one scan in C
    hits = 0
    cleaned = list(lines)
    for index, line in enumerate(lines):
        found = CONTROL.findall(line)
        if not found:
            continue
        hits += 1
        cleaned[index] = CONTROL.sub("\ufffd", line)
        if hits <= MAX_CONTROL_LINES:
            names = ", ".join(dict.fromkeys(control_name(char) for char in found))
            problems.append(FrontMatterError(
                first_line + index,
                f"onzichtbaar stuurteken ({names}) in de tekst; haal het weg (het komt vaak mee bij kopiëren uit een ander programma)",
                field_of(index),
            ))
    if hits > MAX_CONTROL_LINES:
        problems.append(FrontMatterError(first_line, f"nog {hits - MAX_CONTROL_LINES} regels met onzichtbare stuurtekens; haal die ook weg", "bestand"))
    return cleaned, problems


def refuse_deep_nesting(source: str) -> None:
    """Refuse lists and mappings nested deeper than MAX_DEPTH, reading events (no recursion)."""
    # Every level needs one of these characters, so most files need no scan at all.
    if sum(source.count(char) for char in "[{-:?") < MAX_DEPTH:
        return
    loader = StrictLoader(source)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line if event.start_mark else 0
                    raise FrontMatterError(
                        line + LINE_OFFSET,
                        f"lijsten of velden zijn meer dan {MAX_DEPTH} lagen diep in elkaar gezet; gebruik een gewone lijst [a, b]",
                        key_above(source.split("\n"), line),
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        raise yaml_message(error) from None
    finally:
        loader.dispose()


def refuse_anchors(source: str) -> None:
    """Reject YAML anchors and aliases before composing, so an alias bomb costs nothing."""
    # Cheap pre-filter: anchors and aliases need '&' or '*'; only then scan tokens (in C).
    if "&" not in source and "*" not in source:
        return
    try:
        for token in yaml.scan(source, Loader=StrictLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                raise FrontMatterError(
                    token.start_mark.line + LINE_OFFSET,
                    "YAML-ankers en -verwijzingen (& en *) zijn niet toegestaan; "
                    "zet tekst die met & of * begint tussen aanhalingstekens",
                    "yaml",
                )
    except yaml.YAMLError:
        return  # the parser reports syntax errors with their line


YAML_PROBLEMS = {
    "mapping values are not allowed here": "een dubbele punt met spatie (': ') midden in een waarde; zet de waarde tussen aanhalingstekens",
    "mapping values are not allowed in this context": "een dubbele punt met spatie (': ') midden in een waarde; zet de waarde tussen aanhalingstekens",
    "could not find expected ':'": "een regel zonder 'veld: waarde'; controleer de inspringing en dubbele punten",
    "found character '\\t' that cannot start any token": "een tab; gebruik spaties om in te springen",
    "found unexpected end of stream": "een aanhalingsteken dat niet wordt gesloten; zet een waarde die met ' begint (zoals 's-Gravenhage) tussen dubbele aanhalingstekens",
    "found undefined alias": "een verwijzing (*); zet tekst die met * begint tussen aanhalingstekens",
}


def yaml_message(error: yaml.MarkedYAMLError) -> FrontMatterError:
    """Translate a PyYAML error into a Dutch message at the file line."""
    mark = error.problem_mark or error.context_mark
    line = (mark.line + LINE_OFFSET) if mark else 1
    problem = error.problem or str(error)
    hint = YAML_PROBLEMS.get(problem, "controleer aanhalingstekens, inspringing en dubbele punten")
    return FrontMatterError(line, f"ongeldige YAML ({problem}): {hint}", "yaml")


def construct(node: yaml.Node) -> object:
    """Build Python values from a node: text, whole numbers, empty, lists and nested mappings.

    Done here rather than by PyYAML's constructor: it is several times faster, and any explicit
    tag (!!binary, !!python/...) is refused instead of interpreted.
    """
    tag = node.tag
    line = node.start_mark.line + LINE_OFFSET
    scalar = isinstance(node, yaml.ScalarNode)
    if tag == STR_TAG and scalar:
        return node.value
    if tag == INT_TAG and scalar and PLAIN_INT.match(node.value):
        digits = len(node.value.lstrip("+-"))
        if digits > MAX_INT_DIGITS:
            raise FrontMatterError(line, f"getal van {digits} cijfers is te groot; schrijf een jaartal als 2018, of zet tekst tussen aanhalingstekens", "yaml")
        return int(node.value)
    if tag == NULL_TAG and scalar and node.value in PLAIN_NULLS:
        return None
    if tag == SEQ_TAG and isinstance(node, yaml.SequenceNode):
        return [construct(item) for item in node.value]
    if tag == MAP_TAG and isinstance(node, yaml.MappingNode):
        return {str(construct(key)): construct(value) for key, value in node.value}
    if tag in (STR_TAG, INT_TAG, NULL_TAG, SEQ_TAG, MAP_TAG):
        raise FrontMatterError(line, "de YAML-tag (!!...) past niet bij de waarde; laat de tag weg en schrijf de waarde als gewone tekst", "yaml")
    raise FrontMatterError(line, "YAML-tags (!!...) zijn niet toegestaan; schrijf de waarde als gewone tekst", "yaml")


def read_yaml(source: str) -> FrontMatter:
    """Compose the YAML source and read its top-level mapping, with one loader."""
    loader = StrictLoader(source)
    try:
        return mapping_of(loader.get_single_node())
    except yaml.MarkedYAMLError as error:
        raise yaml_message(error) from None
    finally:
        loader.dispose()


def mapping_of(node: yaml.Node | None) -> FrontMatter:
    """Read the top-level mapping: one value per key, duplicates refused, lines kept."""
    if node is None:
        raise FrontMatterError(2, "front matter is leeg; vul de velden in (zie kennisbank nieuw)")
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(node.start_mark.line + LINE_OFFSET, "front matter moet bestaan uit regels 'veld: waarde'", "yaml")
    matter = FrontMatter()
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + LINE_OFFSET
        if not isinstance(key_node, yaml.ScalarNode):
            raise FrontMatterError(line, "een veldnaam moet gewone tekst zijn", "yaml")
        key = key_node.value
        if key in matter.key_lines:
            first = matter.key_lines[key]
            matter.problems.append(FrontMatterError(line, f"veld staat twee keer in het bestand (eerst op regel {first}); laat er één staan", key))
            continue
        matter.key_lines[key] = line
        try:
            matter.values[key] = construct(value_node)
        except FrontMatterError as problem:
            # The key stays known (no "missing field" message); its value is left out.
            matter.problems.append(FrontMatterError(problem.line, problem.text, key))
            continue
        if isinstance(value_node, yaml.SequenceNode):
            matter.item_lines[key] = [item.start_mark.line + LINE_OFFSET for item in value_node.value]
            matter.item_key_lines[key] = [key_lines_of(item) for item in value_node.value]
    return matter


def key_lines_of(node: yaml.Node) -> dict[str, int]:
    """The file line of each key of a mapping inside a list; empty for anything else."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + LINE_OFFSET for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def parse(data: bytes) -> FrontMatter:
    """Parse a whole initiative file; raise FrontMatterError for the first fatal problem."""
    text = decode(data)
    lines, body, body_line = split(text)
    lines, problems = replace_controls(lines, LINE_OFFSET, lambda index: key_above(lines, index))
    body_lines, body_problems = replace_controls(body.split("\n"), body_line, lambda index: "tekst")
    source = "\n".join(lines)
    refuse_anchors(source)
    refuse_deep_nesting(source)
    matter = read_yaml(source)
    matter.problems[:0] = problems
    matter.problems.extend(body_problems)
    matter.body = "\n".join(body_lines) if body_problems else body
    matter.body_line = body_line
    return matter
