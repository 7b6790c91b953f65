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
- attributes (attr_list's `{ onclick=... }`) are dropped except the few Markdown itself writes;
- a '# heading' becomes '##': the page title is the only h1. Headings keep ids and reach the
  table of contents, because toc runs after this extension.

Only the generator can mark lines: the marker counts on lines outside any marked region, and a
marker typed inside a body is part of the body, so it is shown as text. Markdown extensions are a
stable API of Python-Markdown, not MkDocs plugin logic; any builder on Python-Markdown can use it.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

MARKER = re.compile(r"^<!-- kb:ingezonden-tekst (\d+) -->$")
LESS_THAN = "\ue000"  # stands for '<' in submitted text until the HTML is written
REGION_START = "\ue001"  # a paragraph of its own before and after the submitted blocks
REGION_END = "\ue002"
PLACEHOLDERS = re.compile("[\ue000-\ue002]")
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
        line = PLACEHOLDERS.sub("\ufffd", line)
        line = AUTOLINK.sub(lambda m: f"[{m.group(1)}]({m.group(1)})", line)
        return line.replace("<", LESS_THAN)


class CleanSubmittedBlocks(Treeprocessor):
    """Between the sentinels: restore '<' as text, filter links, refuse images, drop attributes."""

    def run(self, root: etree.Element) -> None:
        inside = False
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
        for parent in block.iter():
            for child in list(parent):
                if child.tag == "img":
                    self.replace_with_text(parent, child, child.get("alt", ""))
                elif child.tag == "a" and not self.keep_link(child):
                    child.tag = "span"
                    child.attrib.clear()
        for element in block.iter():
            if element.tag == "h1":
                element.tag = "h2"
            self.restore(element)
            self.filter_attributes(element)

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
        if element.text and LESS_THAN in element.text:
            element.text = type(element.text)(element.text.replace(LESS_THAN, "<"))
        if element.tail and LESS_THAN in element.tail:
            element.tail = type(element.tail)(element.tail.replace(LESS_THAN, "<"))
        for name, value in list(element.attrib.items()):
            if LESS_THAN in value:
                element.set(name, value.replace(LESS_THAN, "<"))

    @staticmethod
    def filter_attributes(element: etree.Element) -> None:
        for name, value in list(element.attrib.items()):
            keep = (
                (name == "href" and element.tag == "a")
                or (name == "rel" and element.tag == "a")
                or name in ("title", "id")
                or (name == "style" and TEXT_ALIGN.match(value) is not None)
                or (name == "class" and all(KEPT_CLASSES.match(token) for token in value.split()))
                or (name == "start" and element.tag == "ol" and value.isdigit())
            )
            if not keep:
                del element.attrib[name]


class RestoreLessThan(Postprocessor):
    """'<' inside code blocks, which Python-Markdown keeps aside as finished HTML."""

    def run(self, text: str) -> str:
        return text.replace(LESS_THAN, "&lt;")


class SubmittedTextExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Before fenced code (25) and raw HTML (20): no '<' of a submitter reaches either.
        md.preprocessors.register(MarkSubmittedText(md), "kb_submitted_text", 29)
        # After inline (20) and attr_list (8); before toc (5), which then sees the final headings.
        md.treeprocessors.register(CleanSubmittedBlocks(md), "kb_submitted_blocks", 7)
        md.postprocessors.register(RestoreLessThan(md), "kb_less_than", 5)


def makeExtension(**kwargs: Any) -> SubmittedTextExtension:  # noqa: N802 (Python-Markdown's name)
    return SubmittedTextExtension(**kwargs)
