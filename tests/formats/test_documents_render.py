"""The board report and the school's year open in LibreOffice and render, every page.

Skipped where LibreOffice (``soffice``) or poppler (``pdftoppm``) is not installed. Each
document becomes a PDF and then one PNG per page; the footer's fields render as numbers
("Page 1 of N"), which proves LibreOffice read them, and the charts are drawn.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sia_console.formats.authority_report import write_docx
from sia_console.formats.school_year_docx import write_school_year
from tests.formats.test_board_report import REPORT
from tests.services.test_school_year import LONG_WELSH, build

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = pytest.mark.skipif(
    OFFICE is None or PDFTOPPM is None, reason="LibreOffice and poppler-utils are not installed"
)


def render(path: Path, folder: Path) -> tuple[list[Path], str]:
    """Every page of ``path`` as a PNG, and the PDF's text (empty without pdftotext)."""
    assert OFFICE is not None and PDFTOPPM is not None
    profile = (folder / "lo-profile").as_uri()
    command = [OFFICE, f"-env:UserInstallation={profile}", "--headless"]
    subprocess.run(
        [*command, "--convert-to", "pdf", "--outdir", str(folder / "pdf"), str(path)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = folder / "pdf" / (path.stem + ".pdf")
    subprocess.run(
        [PDFTOPPM, "-png", "-r", "40", str(pdf), str(folder / path.stem)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = sorted(folder.glob(f"{path.stem}-*.png"))
    text = ""
    if PDFTOTEXT is not None:
        text = subprocess.run(
            [PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
        ).stdout.decode("utf-8")
    return pages, text


def test_the_board_report_renders(tmp_path: Path) -> None:
    path = tmp_path / "board.docx"
    buffer = io.BytesIO()
    write_docx(REPORT, buffer, made=datetime(2026, 11, 23, tzinfo=UTC))
    path.write_bytes(buffer.getvalue())
    pages, text = render(path, tmp_path)
    assert len(pages) >= 3
    for page in pages:
        assert page.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and page.stat().st_size > 2_000
    if text:
        assert "Page 1 of " in text and "{page}" not in text
        assert "Schools by latest agreed risk" not in text  # a picture, not text
        assert "Key to terms and marks" in text


def test_the_school_year_of_a_long_welsh_name_renders(tmp_path: Path) -> None:
    from sia_console.services.schools.year import school_year_document

    database = build(tmp_path / "year.sqlite", LONG_WELSH)
    try:
        with database.session() as session:
            year = school_year_document(session, "6612001", 2026)
    finally:
        database.dispose()
    path = tmp_path / "year.docx"
    with path.open("wb") as handle:
        write_school_year(year, handle)
    pages, text = render(path, tmp_path)
    assert pages and all(p.stat().st_size > 2_000 for p in pages)
    if text:
        assert f"Page {len(pages)} of {len(pages)}" in text
        assert "Ysgol Gynradd Gymraeg Llanfair" in text and "\ufffd" not in text
