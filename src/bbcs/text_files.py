"""Files people bring in from Excel or WPS: which encoding they were saved in.

Invariant: one rule for every file bbcs reads (CSV ledgers, calendar files). A
file that decodes strictly as UTF-8, with or without the BOM Excel writes, is
UTF-8; anything else is GB18030, the superset of GBK that Chinese Excel and WPS
save by default. A file that is neither is refused as ``import.encoding``.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from bbcs.errors import InvalidInput

UTF8 = "utf-8-sig"  # also reads UTF-8 without a BOM
CHINESE = "gb18030"
_CHUNK = 1 << 20


def encoding_of(path: Path) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes strictly, else GB18030.

    Reads the file once in chunks, so a large ledger is never held in memory.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    with path.open("rb") as raw:
        try:
            while chunk := raw.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return CHINESE
    return UTF8


def read_text(path: Path) -> str:
    """The whole of a small file as text, in the encoding ``encoding_of`` finds."""
    try:
        return path.read_bytes().decode(encoding_of(path))
    except UnicodeDecodeError:
        raise InvalidInput("import.encoding", path=str(path)) from None
