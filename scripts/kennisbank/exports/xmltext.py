"""Text that is safe inside XML: ElementTree escapes markup, but writes control characters as they are."""
from __future__ import annotations

import re

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

# XML 1.0 allows tab, newline, carriage return and everything from U+0020, minus surrogates and two non-characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Drop characters an XML parser refuses (a YAML "\\x01" escape could smuggle them in)."""
    return _NOT_XML.sub("", text)
