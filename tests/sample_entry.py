"""A valid initiative file and a writer, shared by the tests that build small initiatives/ trees."""
from __future__ import annotations

from pathlib import Path

VALID = """---
titel: Buurtmoestuin De Pijp
samenvatting: Bewoners onderhouden samen een moestuin op een binnenterrein en delen de oogst.
gemeente: Amsterdam
themas: [voedsel]
status: lopend
startjaar: 2016
initiatiefnemer: Bewonersgroep De Pijp
bijgewerkt: 2025-01-01
---

## Aanpak

Tekst.
"""


def write(root: Path, name: str, text: str | bytes) -> Path:
    """Write initiatives/<name> below root (folders made as needed); text as UTF-8, bytes as they are."""
    path = root / "initiatives" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path
