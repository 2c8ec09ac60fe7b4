"""Text made safe for XML keeps every printable character and shows every control character
as the terminal does (never as U+FFFD, never raw); a file's note id is read back."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from sia_console.formats.docx_text import REPLACEMENT, note_id_of_file, xml_safe

XML_FORBIDDEN = {*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF}
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def hidden_format(char: str) -> bool:
    """A format character that hides (the joiner and soft hyphen are text); the Egyptian
    hieroglyph format controls counted whatever the Unicode version of this Python."""
    if char in "\u200d\u00ad":
        return False
    return unicodedata.category(char) == "Cf" or 0x13430 <= ord(char) <= 0x1343F


def expected_char(char: str) -> str:
    code = ord(char)
    if char in "\v\f\r":
        return "\n"
    if char in "\t\n":
        return char
    if code < 0x20:
        return chr(0x2400 + code)  # the control picture: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= code <= 0x9F or hidden_format(char):
        return "\u2426"  # ␦
    if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        return REPLACEMENT
    return char


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, exclude_characters="\r")))
def test_every_printable_character_is_kept_and_nothing_else_moves(text: str) -> None:
    safe = xml_safe(text)
    assert safe == "".join(expected_char(c) for c in text)
    assert not any(ord(c) in XML_FORBIDDEN for c in safe)
    assert not any(c in BIDI or 0x7F <= ord(c) <= 0x9F for c in safe)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_python_docx_accepts_whatever_comes_out(text: str) -> None:
    docx.Document().add_paragraph(xml_safe(text))


def test_welsh_letters_and_line_breaks() -> None:
    assert xml_safe("Ysgol y Graig: ŵ ŷ â Ŵ Ŷ Â") == "Ysgol y Graig: ŵ ŷ â Ŵ Ŷ Â"
    assert xml_safe("un\r\ndau\rtri\vpedwar\tpump") == "un\ndau\ntri\npedwar\tpump"
    assert xml_safe("\x00\x1b[31m") == "␀␛[31m"
    assert xml_safe("\x9b2J \u202egnp.exe \u2066x\u2069") == "␦2J ␦gnp.exe ␦x␦"
    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
    assert xml_safe(f"Dydd Gŵyl Dewi {flag} 👩\u200d🏫 cyd\u00adweithio") == (
        f"Dydd Gŵyl Dewi {flag} 👩\u200d🏫 cyd\u00adweithio"
    )
    assert xml_safe("a\ud800b\uffff") == f"a{REPLACEMENT}b{REPLACEMENT}"


def test_note_id_of_file(tmp_path: Path) -> None:
    ours = tmp_path / "ours.docx"
    document = docx.Document()
    document.core_properties.identifier = "note-123"
    document.save(str(ours))
    assert note_id_of_file(ours) == "note-123"
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    assert note_id_of_file(plain) is None
    text = tmp_path / "text.docx"
    text.write_text("not a zip", encoding="utf-8")
    assert note_id_of_file(text) is None
    no_core = tmp_path / "bare.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    no_core.write_bytes(buffer.getvalue())
    assert note_id_of_file(no_core) is None
    assert note_id_of_file(tmp_path / "missing.docx") is None
