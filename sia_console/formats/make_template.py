"""Build the shipped Word template, ``resources/word/note-of-visit.docx``, from code.

The template is a binary file in the repository; this script is how it is made, so a
change to the house style is a change here (``formats.docx_styles``) followed by::

    .venv/bin/python -m sia_console.formats.make_template

The output is byte-for-byte reproducible (fixed dates inside the zip and in the document
properties), so ``--check`` can tell whether the shipped file is up to date, and a test
does exactly that.

An authority makes its own template by opening the shipped one in Word, putting its logo
in the header (where the empty right-aligned "Note Logo" paragraph is), restyling the
named styles as it likes, and pointing the ``docx_template`` setting at the result.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import UTC, datetime

import docx

from sia_console.formats.docx_styles import FOOTER, LOGO, define_styles, page_setup
from sia_console.resources import WORD_NOTE_TEMPLATE

TEMPLATE_PATH = WORD_NOTE_TEMPLATE
"""The template shipped in the package (``sia_console.resources`` says where)."""

_FIXED = datetime(2026, 1, 1, tzinfo=UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def build_template() -> bytes:
    """The shipped template's bytes: house styles, A4, a header with room for a logo."""
    document = docx.Document()
    define_styles(document)
    page_setup(document)
    body = document.element.body
    for child in list(body):
        if child.tag != docx.oxml.ns.qn("w:sectPr"):
            body.remove(child)
    section = document.sections[0]
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].style = document.styles[LOGO]
    section.footer.is_linked_to_previous = False
    section.footer.paragraphs[0].style = document.styles[FOOTER]
    core = document.core_properties
    core.title = "Note of visit"
    core.author = "sia-console"
    core.last_modified_by = "sia-console"
    core.comments = "House style for notes of visit exported by sia-console."
    core.created = core.modified = _FIXED.replace(tzinfo=None)
    core.revision = 1
    core.language = "en-GB"
    raw = io.BytesIO()
    document.save(raw)
    return _deterministic(raw.getvalue())


def _deterministic(data: bytes) -> bytes:
    """The same zip with every entry dated 1980, so that equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write the template, or with ``--check`` say whether the shipped one is current."""
    args = sys.argv[1:] if argv is None else argv
    fresh = build_template()
    if "--check" in args:
        current = TEMPLATE_PATH.exists() and TEMPLATE_PATH.read_bytes() == fresh
        print(f"{TEMPLATE_PATH}: {'up to date' if current else 'out of date'}")
        return 0 if current else 1
    TEMPLATE_PATH.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE_PATH.write_bytes(fresh)
    print(f"wrote {TEMPLATE_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
