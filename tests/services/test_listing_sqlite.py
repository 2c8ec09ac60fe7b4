"""``notes list`` without the ORM lists what the ORM service lists."""

from __future__ import annotations

from pathlib import Path

from sia_console.services.notes.listing_sqlite import list_notes as quick_list
from sia_console.services.notes.reading import list_notes
from sia_console.storage.database import open_database
from sia_console.storage.quick import open_ready
from tests.authority_support import core_lead_database
from tests.docx_support import make_demo_file


def _same_list(path: Path) -> int:
    database = open_database(path)
    connection = open_ready(path)
    assert connection is not None
    try:
        with database.session() as session:
            expected = list_notes(session)
        assert quick_list(connection) == expected
    finally:
        connection.close()
        database.dispose()
    return len(expected)


def test_the_demo_year_lists_the_same(tmp_path: Path) -> None:
    assert _same_list(make_demo_file(tmp_path)) > 0


def test_a_core_leads_authority_lists_the_same(tmp_path: Path) -> None:
    assert _same_list(core_lead_database(tmp_path / "lead.sqlite")) > 0
