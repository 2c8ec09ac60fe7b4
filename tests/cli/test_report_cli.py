"""``report authority`` through the real command line, on a core lead's imported bundles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import docx
import pytest
from sqlmodel import col, select
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.domain.enums import ActionStatus, NoteStatus
from sia_console.domain.models import Action, NoteOfVisit, School
from sia_console.storage.database import open_database
from tests.authority_support import core_lead_database
from tests.spreadsheet_support import read_tables, would_run

runner = CliRunner()


def invoke(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def lead(tmp_path: Path) -> Path:
    return core_lead_database(tmp_path / "lead.sqlite")


def test_docx_report(lead: Path, tmp_path: Path) -> None:
    out = tmp_path / "Adroddiad ŵyr.docx"
    code, stdout, stderr = invoke(lead, "report", "authority", "--out", str(out), "--json")
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["path"] == str(out) and data["format"] == "docx"
    document = docx.Document(str(out))
    assert document.paragraphs[0].text.startswith("Authority summary for the standards board — ")
    # coverage, risk, provisional risk, two of categories, actions, provisional actions
    assert len(document.tables) == 7
    assert len(document.tables[0].rows) == 4  # a heading row and three SIAs
    assert len(document.inline_shapes) == 2  # the charts: risk and coverage, the year's movement


def test_csv_report_by_format_and_into_a_folder(lead: Path, tmp_path: Path) -> None:
    code, stdout, stderr = invoke(
        lead, "report", "authority", "--out", str(tmp_path), "--format", "csv"
    )
    assert code == 0, stderr
    path = tmp_path / f"authority-summary-{date.today().isoformat()}-coverage.csv"
    assert str(path) in stdout
    rows = read_tables(tmp_path / f"authority-summary-{date.today().isoformat()}")
    assert sum(row[0] == "coverage" for row in rows) == 3
    assert sum(row[0] == "categories" for row in rows) > 0


LINK = '=HYPERLINK("http://x","y")'


def test_csv_report_shows_typed_formulas_as_text(lead: Path, tmp_path: Path) -> None:
    """An action and a school named as formulas, imported from SIAs, reach the CSV as text."""
    database = open_database(lead)
    with database.session() as session:
        action = session.exec(  # agreed on a final note: the report's record
            select(Action)
            .join(NoteOfVisit, col(NoteOfVisit.id) == col(Action.note_id))
            .where(Action.status == ActionStatus.OPEN, NoteOfVisit.status == NoteStatus.FINAL)
            .order_by(col(Action.id))
        ).first()
        assert action is not None
        action.text, action.owner, action.due = LINK, "@SUM(A1)", date(2020, 1, 6)
        school = session.get(School, action.school_id)
        assert school is not None
        school.name, school.local_authority = "+1+1", "-1+2"
        session.add_all((action, school))
    database.dispose()
    out = tmp_path / "summary.csv"
    code, _stdout, stderr = invoke(lead, "report", "authority", "--out", str(out))
    assert code == 0, stderr
    rows = read_tables(tmp_path / "summary")
    assert [cell for row in rows for cell in row if would_run(cell)] == []
    [planted] = [row for row in rows if row[0] == "actions" and row[3] == "'" + LINK]
    assert planted[2] == "'+1+1" and planted[4] == "'@SUM(A1)"
    quoted = {cell for row in rows for cell in row if cell.startswith("'")}
    assert quoted == {"'" + LINK, "'@SUM(A1)", "'+1+1", "'-1+2"}  # data only, never our words


def test_no_identity_is_one_sentence_and_exit_1(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite"
    open_database(db).dispose()
    code, _stdout, stderr = invoke(db, "report", "authority", "--out", str(tmp_path / "r.docx"))
    assert code == 1
    assert "no identity" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "r.docx").exists()


def test_unwritable_target_is_exit_1(lead: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "r.docx"
    code, _stdout, stderr = invoke(lead, "report", "authority", "--out", str(out))
    assert code == 1
    assert str(out) in stderr and "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_unknown_format_is_exit_1(lead: Path, tmp_path: Path) -> None:
    code, _stdout, stderr = invoke(
        lead, "report", "authority", "--out", str(tmp_path / "r.pdf"), "--format", "pdf"
    )
    assert code == 1
    assert "pdf" in stderr


def test_a_report_never_replaces_a_file_unless_forced(lead: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.docx"
    out.write_bytes(b"sent to the board")
    code, stdout, stderr = invoke(lead, "report", "authority", "--out", str(out))
    assert (code, stdout) == (1, "")
    assert stderr.strip() == (
        f"{out} is already there and was left as it is; name another file, or add --force "
        "to replace it."
    )
    assert out.read_bytes() == b"sent to the board"
    code, stdout, stderr = invoke(lead, "report", "authority", "--out", str(out), "--force")
    assert code == 0, stderr
    assert docx.Document(str(out)).paragraphs[0].text.startswith("Authority summary")


def test_a_report_into_a_folder_twice_takes_a_new_name(lead: Path, tmp_path: Path) -> None:
    paths = []
    for _time in range(2):
        code, stdout, stderr = invoke(lead, "report", "authority", "--out", str(tmp_path), "--json")
        assert code == 0, stderr
        paths.append(Path(json.loads(stdout)["path"]))
    day = date.today().isoformat()
    assert [p.name for p in paths] == [
        f"authority-summary-{day}.docx",
        f"authority-summary-{day} (2).docx",
    ]
