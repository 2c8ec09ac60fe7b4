"""What a .docx needs of text and of files, without loading python-docx.

Notes are typed, pasted from e-mails and from Word itself, so their text can hold
characters XML 1.0 forbids: a NUL, an escape from a terminal, Word's own vertical tab
(its manual line break). python-docx refuses such text outright, which would lose the
whole note; and a bidirectional override would make the document say something other
than the note (``\\u202e`` turns the rest of a line around). :func:`xml_safe` keeps every
printable character (Welsh ŵ ŷ â included) and shows every control character as the
terminal UI and the command line show it (:mod:`sia_console.domain.text`: ESC as ␛, a
bidirectional override as ␦), so the document reads as the note was stored.

:func:`note_id_of_file` reads the note id an export recorded in a file's properties, so
that an export never replaces a file that belongs to a different note.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from sia_console.domain.text import NOT_A_CHARACTER, visible

REPLACEMENT = NOT_A_CHARACTER
"""Shown where something that is not a character at all (a lone surrogate, U+FFFE,
U+FFFF) was stored: no document can hold it, and it has no picture."""

_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f]")
_NONCHARACTERS = re.compile("[\ufffe\uffff]")
_CORE = "docProps/core.xml"
_IDENTIFIER = "{http://purl.org/dc/elements/1.1/}identifier"
MAX_CORE_BYTES = 1024 * 1024


def xml_safe(text: str) -> str:
    """``text`` that XML can carry: line breaks as ``\\n``, control characters visible.

    Carriage returns, Word's vertical tab and form feeds become line breaks; other
    control characters — C0 and C1, DEL, bidirectional and other invisible format
    characters — become their visible pictures (:func:`~sia_console.domain.text.visible`:
    NUL as ␀, ESC as ␛, U+202E as ␦); lone surrogates and the two non-characters XML
    forbids become U+FFFD. Tabs and newlines are kept; nothing printable is touched.
    """
    shown = visible(_LINE_BREAKS.sub("\n", text), keep_lines=True)
    return _NONCHARACTERS.sub(REPLACEMENT, shown)


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
