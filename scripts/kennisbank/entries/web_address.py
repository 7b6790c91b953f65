"""One rule for every web address of every kind of entry: what a reader may safely be sent to.

The schema's pattern gives the shape (http or https, a host with a dot); this module adds what a
pattern cannot say well: no invisible or control characters anywhere (a right-to-left override
shows a different address than the one followed), no user information (`https://gemeente.nl@elders.nl`
shows one host and leads to another), no backslash (browsers read it as a slash), and a host that
is a valid internationalised name (IDNA 2008 via the `idna` package) whose labels each use one
script, as the "highly restrictive" level of Unicode TS #39 has it (`utrеcht.nl` with a Cyrillic
`е` is refused). Scripts come from the confusable-homoglyphs package's Unicode tables.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

import idna
from confusable_homoglyphs import categories

# Scripts that TS #39 lets one label combine (besides Common and Inherited, which go with any).
COMBINED_SCRIPTS = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
NEUTRAL_SCRIPTS = frozenset({"COMMON", "INHERITED"})


def hidden_character(text: str) -> str | None:
    """The first control or format character (Unicode Cc, Cf) in text, as U+XXXX, else None."""
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf"):
            return f"U+{ord(char):04X}"
    return None


def scripts_of(label: str) -> set[str]:
    return {categories.alias(char) for char in label} - NEUTRAL_SCRIPTS


def mixes_scripts(label: str) -> bool:
    if label.isascii():  # ASCII letters are all Latin, the rest of ASCII Common: one script at most
        return False
    used = scripts_of(label)
    return len(used) > 1 and not any(used <= allowed for allowed in COMBINED_SCRIPTS)


# A pure function of the host; the hosts of one tree repeat (a municipality's site, a source's
# publisher), and IDNA's checks are the costly part of the address rule.
@lru_cache(maxsize=1 << 14)
def host_problem(host: str) -> str | None:
    """'host' when the name is no valid (internationalised) host name, 'schriften' when a label mixes scripts."""
    try:
        # decode first: a label written as xn--... is judged by what it shows
        shown = idna.decode(host.rstrip("."), uts46=True)
    except (idna.IDNAError, UnicodeError, ValueError):
        return "host"
    if any(mixes_scripts(label) for label in shown.split(".")):
        return "schriften"
    return None


def problem(address: str) -> tuple[str, str] | None:
    """(message key, detail) for what is wrong with a web address, or None when it may be published.

    The keys are those of 'webadres' in meldingen.json; the detail fills its {teken}.
    """
    hidden = hidden_character(address)
    if hidden:
        return "teken", hidden
    if "\\" in address:
        return "backslash", ""
    try:
        parts = urlsplit(address)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return "host", ""
    if parts.scheme.lower() not in ("http", "https") or not host:
        return "schema", ""
    if "@" in parts.netloc:
        return "gebruiker", ""
    found = host_problem(host)
    return (found, "") if found else None


def mail_problem(address: str) -> tuple[str, str] | None:
    """The same rules for the domain of an e-mail address (its local part may hold no hidden character)."""
    hidden = hidden_character(address)
    if hidden:
        return "teken", hidden
    domain = address.rpartition("@")[2]
    found = host_problem(domain) if domain else None
    return (found, "") if found else None


SCHEME = "https://"


def completed(value: object, pattern: str) -> str | None:
    """`https://` + value when the value lacks only the scheme (`www.groenehoek.nl`, `x.nl/pad`):
    it fails the address pattern, that prefix alone makes it pass, and the result is an address
    the web-address rule accepts, on a host with a dot; else None.

    The check proposes this address in its message (it never rewrites a file); the web form,
    completing such a value as it is typed (assets/aanmelden.js `completed`), follows the same rule.
    """
    if not isinstance(value, str) or not value or "://" in value or re.fullmatch(pattern, value):
        return None
    candidate = SCHEME + value
    if not re.fullmatch(pattern, candidate) or problem(candidate) is not None:
        return None
    # A host with a dot, as every published site has: 'javascript:alert(1)' or 'mailto:x' is no
    # address without its scheme (its ':' would be read as a port), so nothing is proposed for it.
    return candidate if "." in (urlsplit(candidate).hostname or "") else None
