"""What a .docx needs of text and of files, without loading python-docx.

Notes are typed, pasted from e-mails and from Word itself, so their text can hold
characters XML 1.0 forbids: a NUL, an escape from a terminal, Word's own vertical tab
(its manual line break). python-docx refuses such text outright, which would lose the
whole note; :func:`xml_safe` keeps every printable character (Welsh ŵ ŷ â included) and
replaces only what a document cannot hold.

:func:`note_id_of_file` reads the note id an export recorded in a file's properties, so
that an export never replaces a file that belongs to a different note.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

REPLACEMENT = "\ufffd"
"""Shown where a character that a document cannot hold was typed."""

_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f]")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CORE = "docProps/core.xml"
_IDENTIFIER = "{http://purl.org/dc/elements/1.1/}identifier"
MAX_CORE_BYTES = 1024 * 1024


def xml_safe(text: str) -> str:
    """``text`` that XML can carry: line breaks as ``\\n``, control characters replaced.

    Carriage returns, Word's vertical tab and form feeds become line breaks; other C0
    and C1 control characters, lone surrogates and the two non-characters XML forbids
    become U+FFFD. Tabs and newlines are kept; nothing printable is touched.
    """
    return _FORBIDDEN.sub(REPLACEMENT, _LINE_BREAKS.sub("\n", text))


def note_id_of_file(path: Path) -> str | None:
    """The note id recorded in the .docx at ``path``, or ``None`` (not ours, or unreadable)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(_CORE)
            if info.file_size > MAX_CORE_BYTES:
                return None
            root = ElementTree.fromstring(archive.read(info))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return None
    found = root.find(_IDENTIFIER)
    return found.text.strip() if found is not None and found.text else None
