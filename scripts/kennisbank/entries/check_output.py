"""Render check messages as text, GitHub Actions annotations or JSON."""
from __future__ import annotations

import json
import re

from kennisbank.entries.model import Message
from kennisbank.entries.validate import CheckResult

# Control characters (line feeds and tabs aside) from file names or quoted values must not reach a
# terminal or a CI log, where an escape sequence could hide or fake lines: they are shown as <U+001B>.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    return CONTROL.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


def text_line(message: Message) -> str:
    prefix = "waarschuwing: " if message.level == "waarschuwing" else ""
    # One message per line: a line feed inside a quoted value or a key is shown as \n.
    return printable(f"{message.path}:{message.line}: {message.field}: {prefix}{message.text}").replace("\n", "\\n")


def escape_github(value: str, is_property: bool = False) -> str:
    """Escape as the Actions runner expects for workflow commands."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github_line(message: Message) -> str:
    kind = "warning" if message.level == "waarschuwing" else "error"
    props = f"file={escape_github(printable(message.path), True)},line={message.line},title={escape_github(printable(message.field), True)}"
    return f"::{kind} {props}::{escape_github(printable(message.field + ': ' + message.text))}"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary(result: CheckResult) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    bad_files = len({m.path for m in result.errors})
    files = plural(result.files, "bestand", "bestanden")
    if not errors and not warnings:
        return f"{files} gecontroleerd: alles in orde"
    parts = [plural(errors, "fout", "fouten")] if errors else []
    parts += [plural(warnings, "waarschuwing", "waarschuwingen")] if warnings else []
    where = f" in {bad_files} van de {files}" if errors else f" ({files} gecontroleerd)"
    return f"{' en '.join(parts)}{where}"


def render(result: CheckResult, output_format: str) -> str:
    if output_format == "json":
        return json.dumps(
            {
                "bestanden": result.files,
                "geldig": len(result.initiatives),
                "meldingen": [
                    {"bestand": m.path, "regel": m.line, "veld": m.field, "niveau": m.level, "melding": m.text}
                    for m in result.messages
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
    line = github_line if output_format == "github" else text_line
    return "\n".join([*(line(m) for m in result.messages), summary(result)])
