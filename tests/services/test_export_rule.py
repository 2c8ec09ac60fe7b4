"""Every export keeps the files already there: the board report, its workbook and CSV
files, a school's year and a calendar (bundles: ``test_bundles``; notes: ``test_exports``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sia_console.services.authority.report import export_authority_files, export_authority_report
from sia_console.services.errors import ServiceError
from sia_console.services.export_files import Existing
from sia_console.services.programme.ical import export_ics
from sia_console.services.schools.year import export_school_year
from sia_console.storage.database import Database, open_database
from tests.authority_support import TODAY, core_lead_database
from tests.services.test_school_year import NOW, build

MADE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[Database]:
    database = open_database(core_lead_database(tmp_path / "lead.sqlite"))
    yield database
    database.dispose()


def report(lead: Database, out: Path, existing: Existing = Existing.NEW_NAME) -> list[Path]:
    with lead.session() as session:
        return export_authority_files(session, out, today=TODAY, now=MADE, existing=existing)


def test_the_board_report_written_twice_in_a_day_keeps_the_first(
    lead: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "board"
    folder.mkdir()
    [first] = report(lead, folder)
    kept = first.read_bytes()
    [second] = report(lead, folder)
    assert first.name == f"authority-summary-{TODAY.isoformat()}.docx"
    assert second.name == f"authority-summary-{TODAY.isoformat()} (2).docx"
    assert first.read_bytes() == kept


def test_a_report_file_named_is_refused_or_replaced_as_asked(
    lead: Database, tmp_path: Path
) -> None:
    out = tmp_path / "summary.xlsx"
    out.write_bytes(b"the chair's copy")
    with pytest.raises(ServiceError) as refused:
        report(lead, out, existing=Existing.REFUSE)
    assert str(refused.value) == (
        f"{out} is already there and was left as it is; name another file, or add --force "
        "to replace it."
    )
    assert out.read_bytes() == b"the chair's copy"
    [renamed] = report(lead, out)  # the terminal UI's rule: a new name
    assert renamed == tmp_path / "summary (2).xlsx"
    [replaced] = report(lead, out, existing=Existing.REPLACE)
    assert replaced == out and out.read_bytes() != b"the chair's copy"


def test_csv_files_made_together_take_one_new_name_together(lead: Database, tmp_path: Path) -> None:
    first = report(lead, tmp_path / "r.csv")
    second = report(lead, tmp_path / "r.csv")
    assert [p.name for p in second] == [p.name.replace(".csv", " (2).csv") for p in first]
    with pytest.raises(ServiceError):
        report(lead, tmp_path / "r.csv", existing=Existing.REFUSE)


def test_the_single_file_report_says_which_file_it_wrote(lead: Database, tmp_path: Path) -> None:
    with lead.session() as session:
        first = export_authority_report(session, tmp_path, today=TODAY, now=MADE)
        second = export_authority_report(session, tmp_path, today=TODAY, now=MADE)
    assert second != first and second.exists() and first.exists()


def test_a_schools_year_written_twice_keeps_the_first(tmp_path: Path) -> None:
    database = build(tmp_path / "y.sqlite")
    governors = tmp_path / "governors"
    try:
        with database.session() as session:
            first = export_school_year(session, "6612001", 2026, governors, now=NOW)
            kept = first.read_bytes()
            second = export_school_year(session, "6612001", 2026, governors, now=NOW)
            named = tmp_path / "year.docx"
            named.write_bytes(b"edited by the head")
            with pytest.raises(ServiceError):
                export_school_year(session, "6612001", 2026, named, existing=Existing.REFUSE)
            third = export_school_year(session, "6612001", 2026, named)
    finally:
        database.dispose()
    assert second == first.with_name(first.stem + " (2).docx")
    assert first.read_bytes() == kept
    assert third == tmp_path / "year (2).docx" and named.read_bytes() == b"edited by the head"


def test_a_calendar_brings_its_own_file_up_to_date_and_keeps_any_other(
    lead: Database, tmp_path: Path
) -> None:
    path = tmp_path / "visits.ics"
    with lead.session() as session:
        first = export_ics(session, path, existing=Existing.REFUSE)
        again = export_ics(session, path, existing=Existing.REFUSE)  # its own: updated
        other = tmp_path / "holidays.ics"
        other.write_text("BEGIN:VCALENDAR\r\nPRODID:-//Someone else//EN\r\nEND:VCALENDAR\r\n")
        with pytest.raises(ServiceError):
            export_ics(session, other, existing=Existing.REFUSE)
        beside = export_ics(session, other)
        late = export_ics(session, other, date_from=date(2027, 1, 1), existing=Existing.REPLACE)
    assert first.path == again.path == path
    assert beside.path == tmp_path / "holidays (2).ics"
    assert late.path == other and b"sia-console" in other.read_bytes()
