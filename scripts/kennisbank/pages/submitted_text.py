"""A Python-Markdown extension that renders text submitted by strangers (an initiative's body) safely.

The generator marks the submitted lines of a page with one comment line that it writes itself,
`<!-- kb:ingezonden-tekst N -->`: the N lines after it are the submitter's. Within them:

- raw HTML is shown as text: every '<' is swapped for a placeholder before Python-Markdown looks
  for HTML, so no tag can open, and is turned back into '<' (escaped) at the end. Nothing the
  submitter typed disappears: `<script>` appears literally and the sentence goes on;
- `<https://...>` autolinks become ordinary Markdown links first;
- links keep only http, https, mailto, in-page '#...' and links to other initiatives
  ('../zeeland/x.md' -> 'x.md', which MkDocs then resolves and validates); any other target is
  dropped and its text kept;
- images are refused (an outside image would leave the reader's machine): their alt text stays;
- attribute lists (attr_list's `{: #id .class onclick=... }`) are shown as text: every '{' is
  swapped for a placeholder too, so attr_list never sees one. attr_list stays on for the whole page
  because the generated Markdown needs it; submitted text may set no id, class or attribute, and
  showing the text (rather than dropping it) keeps every character the submitter typed. What
  Markdown itself writes (a link's href and title, a code block's language class, a table cell's
  alignment) stays, other attributes are dropped;
- a '# heading' becomes '##': the page title is the only h1. Headings keep ids and reach the
  table of contents, because toc runs after this extension; a heading whose id would fall in the
  site's own namespaces ('__drawer', 'kb-header-q': Material's ids start with '_', the kennisbank's
  with 'kb-') gets the prefix 'tekst-', which no id of the site uses;
- Python-Markdown's worst cases are kept in bounds (entries.body_limits, which the check applies
  first): lines nested deeper than MAX_NESTING levels go on as text of the deepest level, elements
  nested deeper than MAX_ELEMENT_DEPTH (emphasis in emphasis, as deep as the markers go) keep
  their text without the deeper tags, and the search for a link's closing ']' and ')' gives up
  MAX_LINK_NESTING brackets deep, so no body makes the build recurse too deep or scan quadratically.

Only the generator can mark lines: the marker counts on lines outside any marked region, and a
marker typed inside a body is part of the body, so it is shown as text. Markdown extensions are a
stable API of Python-Markdown, not MkDocs plugin logic; any builder on Python-Markdown can use it.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import TocTreeprocessor, remove_fnrefs, render_inner_html, strip_tags, unique
from markdown.inlinepatterns import (
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from kennisbank.entries.body_limits import BRACKET_RUN, EMPHASIS_RUN, MAX_BRACKET_RUN, MAX_NESTING, is_rule, markers, nesting

MARKER = re.compile(r"^<!-- kb:ingezonden-tekst (\d+) -->$")
LESS_THAN = "\ue000"  # stands for '<' in submitted text until the HTML is written
REGION_START = "\ue001"  # a paragraph of its own before and after the submitted blocks
REGION_END = "\ue002"
OPEN_BRACE = "\ue003"  # stands for '{' in submitted text, so that attr_list finds no attribute list
STOP = "\ue004"  # put before a marker nested too deep, so that it starts no block; then removed
# Stand for '*', '_' and '[' in runs longer than the check allows: shown as they are, marking up nothing.
LITERAL_STAR, LITERAL_UNDERSCORE, LITERAL_BRACKET = "\ue005", "\ue006", "\ue007"
PLACEHOLDERS = re.compile("[\ue000-\ue007]")
LITERAL = str.maketrans({"*": LITERAL_STAR, "_": LITERAL_UNDERSCORE, "[": LITERAL_BRACKET})
RESTORED = str.maketrans({
    LESS_THAN: "<", OPEN_BRACE: "{", STOP: None, LITERAL_STAR: "*", LITERAL_UNDERSCORE: "_", LITERAL_BRACKET: "[",
})
# Tags below this depth keep only their text: the toc extension and the serializer recurse once per
# level (Python's limit is 1,000 frames), and toc joins the text below every element (depth x size).
# Lists nested MAX_NESTING deep with some emphasis inside stay well above this.
MAX_ELEMENT_DEPTH = 100
# How many brackets deep the search for a link's closing ']' or ')' goes: Python-Markdown scans from
# every '[' to the end of the paragraph, quadratic in the number of brackets. The check accepts runs
# of MAX_BRACKET_RUN, which must still render as Python-Markdown renders them.
MAX_LINK_NESTING = MAX_BRACKET_RUN
# A link's title may hold a ')' (`[a](url "b)c")`), after which Python-Markdown scans on for the
# quote: it may look this far past the first balanced ')'.
TITLE_REACH = 200
BRACKET = re.compile(r"[\[\]]")
PARENTHESIS = re.compile(r"[()]")
# Ids of the site's own pages: Material's start with '_' ('__drawer'), the kennisbank's with 'kb-'.
SITE_ID_PREFIXES = ("_", "kb-")
SUBMITTED_ID_PREFIX = "tekst-"
AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^\s<>\"'()\[\]]+)>", re.I)
SAFE_SCHEMES = re.compile(r"^(?:https?://|mailto:)", re.I)
INITIATIVE_LINK = re.compile(r"^(?:\.{1,2}/)*(?:[a-z0-9-]+/)*([a-z0-9-]+)\.md(#[\w-]*)?$")
TEXT_ALIGN = re.compile(r"^text-align: (?:left|right|center);$")
KEPT_CLASSES = re.compile(r"^(?:language-[\w+-]+|admonition(?:-title)?|note|tip|warning|info|danger|example|quote)$")


def marker(line_count: int) -> str:
    """The line that announces `line_count` submitted lines after it."""
    return f"<!-- kb:ingezonden-tekst {line_count} -->"


def announced(body: str) -> Markup:
    """A submitted body (an initiative's or a meeting's) as the page holds it: the marker, then its lines."""
    lines = normalised_lines(body.strip("\n"))
    return Markup(marker(len(lines)) + "\n" + "\n".join(lines))


def normalised_lines(text: str) -> list[str]:
    """Lines as Python-Markdown counts them (it turns CR LF and lone CR into LF first)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class MarkSubmittedText(Preprocessor):
    """Neutralise '<' in the marked lines and fence them with two sentinel paragraphs."""

    def run(self, lines: list[str]) -> list[str]:
        result: list[str] = []
        position = 0
        while position < len(lines):
            line = lines[position]
            found = MARKER.match(line)
            position += 1
            if not found:
                result.append(line)
                continue
            count = int(found.group(1))
            region = lines[position:position + count]
            position += count
            result += ["", REGION_START, ""]
            result += [self.neutralise(text) for text in region]
            result += ["", REGION_END, ""]
        return result

    @staticmethod
    def neutralise(line: str) -> str:
        line = within_limits(within_nesting(PLACEHOLDERS.sub("\ufffd", line)))
        line = AUTOLINK.sub(lambda m: f"[{m.group(1)}]({m.group(1)})", line)
        return line.replace("<", LESS_THAN).replace("{", OPEN_BRACE)


def within_limits(line: str) -> str:
    """Runs of '*', '_' and '[' beyond the check's limits as plain characters.

    Python-Markdown nests one element per pair of emphasis markers, and its inline step copies the
    list of ancestors at every level: a run of 300,000 '*' took half a minute. Of a run of '[' only
    the last MAX_LINK_NESTING can open a link (the bounded search gives up on the others), so the
    rest are made plain up front, which renders the same and spares a search from each of them.
    A horizontal rule (a line of '*' or '_' alone) marks up nothing and stays as it is.
    """
    if is_rule(line):
        return line
    line = EMPHASIS_RUN.sub(lambda m: m.group().translate(LITERAL), line)
    return BRACKET_RUN.sub(lambda m: m.group()[:-MAX_LINK_NESTING].translate(LITERAL) + m.group()[-MAX_LINK_NESTING:], line)


def within_nesting(line: str) -> str:
    """The line nested at most MAX_NESTING levels deep: deeper markers go on as text of the deepest level.

    Python-Markdown parses every level by recursion; the check refuses such a line, but a page must
    still build when one reaches it. A line within the limit is returned as it is.
    """
    if nesting(line) <= MAX_NESTING:
        return line
    columns, indent_end, found = markers(line)
    levels = columns // 4
    if levels >= MAX_NESTING:
        # Deeper indentation means nothing more than the deepest level; the text stays.
        rest = line[indent_end:]
        return " " * (4 * MAX_NESTING) + (STOP + rest if found else rest)
    cut = found[MAX_NESTING - levels]
    return line[:cut] + STOP + line[cut:]


def restored(text: str) -> str:
    """The text with '<' and '{' back and the STOP marks gone, keeping its type (AtomicString)."""
    if PLACEHOLDERS.search(text) is None:
        return text
    return type(text)(text.translate(RESTORED))


class CleanSubmittedBlocks(Treeprocessor):
    """Between the sentinels: restore '<' as text, filter links, refuse images, drop attributes."""

    ids: set[str]  # the page's ids so far, to keep the ids given here unique

    def run(self, root: etree.Element) -> None:
        inside = False
        self.ids = {element.get("id", "") for element in root.iter()}
        for block in list(root):
            text = (block.text or "").strip()
            if block.tag == "p" and text == REGION_START and len(block) == 0:
                inside = True
                root.remove(block)
                continue
            if block.tag == "p" and text == REGION_END and len(block) == 0:
                inside = False
                root.remove(block)
                continue
            if inside:
                self.clean(block)

    def clean(self, block: etree.Element) -> None:
        flatten_deep(block)
        for parent in block.iter():
            for child in list(parent):
                if child.tag == "img":
                    self.replace_with_text(parent, child, child.get("alt", ""))
                elif child.tag == "a" and not self.keep_link(child):
                    child.tag = "span"
                    child.attrib.clear()
        headings = []
        for element in block.iter():
            if element.tag == "h1":
                element.tag = "h2"
            self.restore(element)
            self.filter_attributes(element)
            if element.tag in HEADINGS:
                headings.append(element)
        for heading in headings:
            self.keep_out_of_site_ids(heading)

    def keep_out_of_site_ids(self, heading: etree.Element) -> None:
        """Give a heading whose id would be one of the site's (see SITE_ID_PREFIXES) an id of its own.

        toc makes the id from the heading's text later, exactly as computed here, and keeps an id
        that is already there; every other heading is left to toc, so its id stays as readers know it.
        """
        toc = self.md.treeprocessors["toc"] if "toc" in self.md.treeprocessors else None
        if not isinstance(toc, TocTreeprocessor):
            return
        name = strip_tags(render_inner_html(remove_fnrefs(heading), self.md))
        slug = toc.slugify(html.unescape(name), toc.sep)
        if slug.startswith(SITE_ID_PREFIXES):
            heading.set("id", unique(SUBMITTED_ID_PREFIX + slug, self.ids))

    @staticmethod
    def keep_link(link: etree.Element) -> bool:
        href = (link.get("href") or "").strip()
        found = INITIATIVE_LINK.match(href)
        if found:
            link.set("href", f"{found.group(1)}.md{found.group(2) or ''}")
            return True
        if SAFE_SCHEMES.match(href):
            link.set("rel", "nofollow noopener")
            return True
        return href.startswith("#") and len(href) > 1

    @staticmethod
    def replace_with_text(parent: etree.Element, child: etree.Element, text: str) -> None:
        """Put `text` where `child` was (in the previous sibling's tail or the parent's text)."""
        children = list(parent)
        index = children.index(child)
        joined = text + (child.tail or "")
        if index == 0:
            parent.text = (parent.text or "") + joined
        else:
            previous = children[index - 1]
            previous.tail = (previous.tail or "") + joined
        parent.remove(child)

    @staticmethod
    def restore(element: etree.Element) -> None:
        if element.text:
            element.text = restored(element.text)
        if element.tail:
            element.tail = restored(element.tail)
        for name, value in list(element.attrib.items()):
            element.set(name, restored(value))

    @staticmethod
    def filter_attributes(element: etree.Element) -> None:
        for name, value in list(element.attrib.items()):
            keep = (
                (name == "href" and element.tag == "a")
                or (name == "rel" and element.tag == "a")
                or name == "title"
                or (name == "style" and TEXT_ALIGN.match(value) is not None)
                or (name == "class" and all(KEPT_CLASSES.match(token) for token in value.split()))
                or (name == "start" and element.tag == "ol" and value.isdigit())
            )
            if not keep:
                del element.attrib[name]


HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def flatten_deep(block: etree.Element) -> None:
    """Below MAX_ELEMENT_DEPTH an element keeps its text but loses the tags inside it (no recursion here)."""
    stack = [(block, 1)]
    while stack:
        element, depth = stack.pop()
        if depth < MAX_ELEMENT_DEPTH:
            stack.extend((child, depth + 1) for child in element)
        elif len(element):
            text = "".join(element.itertext())  # ElementTree's C iterator: no recursion either
            for child in list(element):
                element.remove(child)
            element.text = text


class RestoreLessThan(Postprocessor):
    """The placeholders inside code blocks, which Python-Markdown keeps aside as finished HTML."""

    def run(self, text: str) -> str:
        return text.replace(LESS_THAN, "&lt;").translate(RESTORED) if PLACEHOLDERS.search(text) else text


class BoundedLinkSearch(LinkInlineProcessor):
    """Python-Markdown's search for the end of a link's text and target, MAX_LINK_NESTING brackets deep.

    Python-Markdown looks for the closing ']' of every '[' (and the closing ')' after it) character by
    character up to the end of the paragraph: 30,000 '[' took minutes. Here the search jumps from
    bracket to bracket and gives up once it is MAX_LINK_NESTING deep, so each character is looked at
    by a bounded number of searches. Within that depth the result is Python-Markdown's own.
    """

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802 (Python-Markdown's name)
        depth = 1
        for found in BRACKET.finditer(data, index):
            if found.group() == "[":
                depth += 1
                if depth > MAX_LINK_NESTING:
                    break
                continue
            depth -= 1
            if depth == 0:
                return data[index:found.start()], found.end(), True
        return "", index, False

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        if not data.startswith("(", index):
            return super().getLink(data, index)  # no target: Python-Markdown answers at once
        end = len(data)
        depth = 0
        for found in PARENTHESIS.finditer(data, index):
            if found.group() == "(":
                depth += 1
                if depth > MAX_LINK_NESTING:
                    end = found.start()
                    break
                continue
            depth -= 1
            if depth == 0:
                end = min(end, found.end() + TITLE_REACH)
                break
        # Python-Markdown's own search on that stretch alone (a slice of it, not of the whole
        # paragraph up to it, which would copy the paragraph for every link).
        href, title, reached, handled = super().getLink(data[index:end], 0)
        return href, title, index + reached if reached >= 0 else reached, handled


class BoundedReference(BoundedLinkSearch, ReferenceInlineProcessor):
    pass


class BoundedShortReference(BoundedLinkSearch, ShortReferenceInlineProcessor):
    pass


class BoundedImage(BoundedLinkSearch, ImageInlineProcessor):
    pass


class BoundedImageReference(BoundedLinkSearch, ImageReferenceInlineProcessor):
    pass


class BoundedShortImageReference(BoundedLinkSearch, ShortImageReferenceInlineProcessor):
    pass


BOUNDED: dict[type, type[LinkInlineProcessor]] = {
    LinkInlineProcessor: BoundedLinkSearch,
    ReferenceInlineProcessor: BoundedReference,
    ShortReferenceInlineProcessor: BoundedShortReference,
    ImageInlineProcessor: BoundedImage,
    ImageReferenceInlineProcessor: BoundedImageReference,
    ShortImageReferenceInlineProcessor: BoundedShortImageReference,
}


class SubmittedTextExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Before fenced code (25) and raw HTML (20): no '<' of a submitter reaches either.
        md.preprocessors.register(MarkSubmittedText(md), "kb_submitted_text", 29)
        # After inline (20) and attr_list (8); before toc (5), which then sees the final headings.
        md.treeprocessors.register(CleanSubmittedBlocks(md), "kb_submitted_blocks", 7)
        md.postprocessors.register(RestoreLessThan(md), "kb_less_than", 5)
        # The link patterns search every paragraph of the page, generated or submitted: each keeps
        # its object and its place among the patterns, and gets the bounded search (same results).
        for pattern in md.inlinePatterns:
            bounded = BOUNDED.get(type(pattern))
            if bounded is not None:
                pattern.__class__ = bounded


def makeExtension(**kwargs: Any) -> SubmittedTextExtension:  # noqa: N802 (Python-Markdown's name)
    return SubmittedTextExtension(**kwargs)
