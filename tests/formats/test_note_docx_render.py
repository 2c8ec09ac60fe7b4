"""An exported note opens in LibreOffice and renders: PDF, then PNG of the first page.

Skipped where LibreOffice (``soffice``) or poppler (``pdftoppm``) is not installed. The
fields must render as numbers ("Page 1 of 2"), which proves LibreOffice read them.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sia_console.domain.enums import NoteStatus
from sia_console.services.notes.export import export_notes_docx
from sia_console.services.notes.reading import list_notes
from sia_console.storage.database import open_database
from tests.docx_support import make_demo_file

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = pytest.mark.skipif(
    OFFICE is None or PDFTOPPM is None, reason="LibreOffice and poppler-utils are not installed"
)


def test_a_demo_note_renders_in_libreoffice(tmp_path: Path) -> None:
    assert OFFICE is not None and PDFTOPPM is not None
    database = open_database(make_demo_file(tmp_path))
    try:
        with database.session() as session:
            row = next(r for r in reversed(list_notes(session)) if r.status is NoteStatus.DRAFT)
            [exported] = export_notes_docx(
                session,
                [row.id],
                tmp_path / "out",
                now=datetime(2026, 11, 23, tzinfo=UTC),
                language="en",
            )
    finally:
        database.dispose()
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            OFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(exported.path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "pdf" / (exported.path.stem + ".pdf")
    assert pdf.stat().st_size > 10_000
    subprocess.run(
        [PDFTOPPM, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    [png] = list(tmp_path.glob("page*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000
    if PDFTOTEXT is not None:
        text = subprocess.run(
            [PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
        ).stdout.decode("utf-8")
        assert row.school_name in text
        assert "Note of visit — DRAFT" in text
        assert "Page 1 of " in text and "{page}" not in text
