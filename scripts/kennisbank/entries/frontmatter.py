"""Split an initiative file into YAML front matter and Markdown body, strictly.

PyYAML's defaults are wrong for hand-edited data: they accept duplicate keys, expand aliases
(an alias bomb exhausts memory) and turn `no` into False and `2024-01-02` into a date. This
loader keeps every scalar a string except plain whole numbers and empty values, refuses anchors
and aliases before composing, and reports the file line of every key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

MAX_BYTES = 1024 * 1024
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


def decode(data: bytes) -> str:
    """Return the file as text; reject empty, oversized and non-UTF-8 files."""
    if len(data) > MAX_BYTES:
        raise FrontMatterError(1, f"bestand is {len(data):,} bytes; het mag hoogstens 1 MB zijn".replace(",", "."))
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
    if tag == STR_TAG:
        return node.value
    if tag == INT_TAG:
        return int(node.value)
    if tag == NULL_TAG:
        return None
    if tag == SEQ_TAG:
        return [construct(item) for item in node.value]
    if tag == MAP_TAG:
        return {str(construct(key)): construct(value) for key, value in node.value}
    raise FrontMatterError(node.start_mark.line + LINE_OFFSET, "YAML-tags (!!...) zijn niet toegestaan; schrijf de waarde als gewone tekst", "yaml")


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
        matter.values[key] = construct(value_node)
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
    source = "\n".join(lines)
    refuse_anchors(source)
    matter = read_yaml(source)
    matter.body = body
    matter.body_line = body_line
    return matter
