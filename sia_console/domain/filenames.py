"""File names that are safe on Windows, macOS and Linux, keeping Welsh letters."""

from __future__ import annotations

import re
import unicodedata

from sia_console.domain.text import replace_controls

_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
"""Characters some file system forbids (control characters are handled apart)."""
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
MAX_NAME = 150
"""Characters in a name before its extension: well inside Windows' 260-character paths."""


def safe_file_name(stem: str, extension: str) -> str:
    """``stem`` made safe for any file system, followed by ``extension`` (with its dot).

    Characters no file system allows and every control character become spaces: a
    bidirectional override in a school's name must not make a file name read backwards.
    """
    text = unicodedata.normalize("NFC", stem)
    text = _FORBIDDEN.sub(" ", replace_controls(text, lambda _char: " "))
    text = re.sub(r"\s+", " ", text).strip().rstrip(". ")
    if len(text) > MAX_NAME:
        text = text[:MAX_NAME].rstrip(". ")
    if not text or text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text + extension
