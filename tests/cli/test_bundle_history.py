"""``bundle history`` and ``bundle conflicts`` through the real command line.

An adviser (the demo year, seed 3) sends the core lead two bundles; between them both
change the same school's headteacher, so the second import keeps a losing version. A
second adviser is trusted but has never sent anything. Built once for this module; each
test reads its own copies. The times the database stamps (arrival of a bundle, a kept
conflict, an export) are set to fixed moments so that the outputs can be asserted.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import keyring
import pytest
from sqlmodel import col, select
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.demo.year import fill_demo
from sia_console.domain.enums import Role
from sia_console.domain.models import BundleLog, Conflict, School
from sia_console.keys.store import keystore_for
from sia_console.services import identity
from sia_console.services.sync import conflicts as sync_conflicts
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import importing
from sia_console.storage.database import Database, open_database
from tests.memory_keyring import MemoryKeyring
from tests.register_support import give_register

TODAY = date(2026, 11, 23)
SILENT_DAYS = 10
"""How long ago, counted from the real today, the adviser's last bundle arrived."""
KEPT_AT = datetime(2026, 10, 20, 9, 30, tzinfo=UTC)
"""10:30 in London (British Summer Time): text output shows London wall-clock times."""
KEPT_LONDON = "2026-10-20T10:30"
LEAD_HEAD = "Mr [red]Rhys[/red] Core-Lead"
SIA_HEAD = "Mrs Gwenllian Ŵyn"

runner = CliRunner()


@dataclass(frozen=True)
class Built:
    folder: Path
    adviser: str
    school: str
    """The label of the school both sides changed: ``name (code)``."""
    received: int
    """Records counted over both imports (added, updated and unchanged)."""
    keys: MemoryKeyring
    """The keyring holding the three identities' private keys."""


def _arrived() -> datetime:
    """Midday UTC, ``SILENT_DAYS`` days before today."""
    day = datetime.now(UTC).date() - timedelta(days=SILENT_DAYS)
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("bundle-history")
    previous = keyring.get_keyring()
    keys = MemoryKeyring()
    keyring.set_keyring(keys)
    try:
        sia = open_database(folder / "sia.sqlite")
        lead = open_database(folder / "lead.sqlite")
        quiet = open_database(folder / "quiet.sqlite")
        with sia.session() as s:
            fill_demo(s, keystore_for(sia), seed=3, today=TODAY)
            identity.export_card(s, folder / "sia.card")
            adviser = identity.require_identity(s).name
        with quiet.session() as s:
            identity.create_identity(s, keystore_for(quiet), name="Aled Tawel", role=Role.SIA)
            identity.export_card(s, folder / "quiet.card")
        with lead.session() as s:
            identity.create_identity(
                s, keystore_for(lead), name="Core Lead", role=Role.CORE_LEAD, authority="Conwy"
            )
            identity.export_card(s, folder / "lead.card")
            identity.trust_card(s, folder / "sia.card")
            identity.trust_card(s, folder / "quiet.card")
        with sia.session() as s:
            identity.trust_card(s, folder / "lead.card")
        give_register(lead, [sia])
        first = _send(sia, lead, folder / "one.siabundle", full=True)
        with lead.session() as s:
            school = s.exec(select(School).order_by(School.code)).first()
            assert school is not None
            school.headteacher = LEAD_HEAD
            s.add(school)
            code, label = school.code, f"{school.name} ({school.code})"
        with sia.session() as s:
            mine = s.exec(select(School).where(School.code == code)).one()
            mine.headteacher = SIA_HEAD
            s.add(mine)
        second = _send(sia, lead, folder / "two.siabundle")
        assert second.conflicts == 1
        _fix_times(sia, lead)
        for database in (sia, lead, quiet):
            database.dispose()
    finally:
        keyring.set_keyring(previous)
    received = sum(r.added + r.updated + r.unchanged for r in (first, second))
    return Built(folder, adviser, label, received, keys)


def _send(
    sia: Database, lead: Database, path: Path, *, full: bool = False
) -> importing.ImportResult:
    with sia.session() as s:
        sync_export.export_bundle(s, path, full=full)
    [result] = importing.import_files(lead.session, [path])
    assert result.status == "imported", result.reason
    return result


def _fix_times(sia: Database, lead: Database) -> None:
    with lead.session() as s:
        logs = s.exec(select(BundleLog).order_by(col(BundleLog.file_name).desc())).all()
        for days, log in enumerate(logs):  # two.siabundle is the latest
            log.at = _arrived() - timedelta(days=days)
            s.add(log)
        for conflict in s.exec(select(Conflict)):
            conflict.created_at = KEPT_AT
            s.add(conflict)
    with sia.session() as s:
        for log in s.exec(select(BundleLog)):
            hour = 10 if log.file_name == "one.siabundle" else 15
            log.at = datetime(2026, 6, 19, hour, 5, tzinfo=UTC)  # British Summer Time
            s.add(log)


@pytest.fixture
def folder(built: Built, tmp_path: Path) -> Path:
    """This test's copies of the three databases."""
    for name in ("sia", "lead", "quiet"):
        for suffix in (".sqlite", ".sqlite-wal", ".sqlite-shm"):
            source = built.folder / f"{name}{suffix}"
            if source.exists():
                shutil.copyfile(source, tmp_path / source.name)
    return tmp_path


def invoke(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def lines(text: str) -> list[str]:
    """Output lines with runs of spaces made one (the columns' widths aside)."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------------------- history


def test_history_at_the_core_lead_puts_the_silent_adviser_first(built: Built, folder: Path) -> None:
    code, stdout, stderr = invoke(folder / "lead.sqlite", "bundle", "history")
    assert (code, stderr) == (0, "")
    latest = _arrived().date().isoformat()
    # what a core lead needs: bundles received per adviser (it has exported nothing)
    assert lines(stdout) == [
        "peer role bundles records latest days since",
        "Aled Tawel adviser 0 0 never",
        f"{built.adviser} adviser 2 {built.received} {latest} {SILENT_DAYS}",
    ]


def test_the_same_bundle_imported_again_is_not_counted_again(built: Built, folder: Path) -> None:
    lead = folder / "lead.sqlite"
    keyring.set_keyring(built.keys)  # the conftest puts a fresh one back afterwards
    again = [str(built.folder / "two.siabundle")] * 2
    code, stdout, stderr = invoke(lead, "bundle", "import", *again)
    assert (code, stderr) == (0, "")
    rows = lines(stdout)
    assert rows[0] == "file status added updated unchanged conflicts ignored"
    assert rows[1] == rows[2] == "two.siabundle already imported 0 0 1 0 0"
    assert rows[3].startswith("two.siabundle: Already imported on ")
    code, stdout, _stderr = invoke(lead, "bundle", "import", "--json", *again)
    assert code == 0
    assert [(r["status"], r["duplicate"]) for r in json.loads(stdout)] == [("imported", True)] * 2
    code, stdout, _stderr = invoke(lead, "bundle", "history", "--json")
    [adviser] = [p for p in json.loads(stdout)["imports"] if p["name"] == built.adviser]
    assert (adviser["bundles"], adviser["records"]) == (2, built.received)
    assert adviser["days_since"] == SILENT_DAYS


def test_an_export_from_the_core_lead_is_listed(built: Built, folder: Path) -> None:
    lead = folder / "lead.sqlite"
    keyring.set_keyring(built.keys)  # the conftest puts a fresh one back afterwards
    code, _stdout, stderr = invoke(lead, "bundle", "export", "--out", str(folder / "b.siabundle"))
    assert (code, stderr) == (0, "")
    code, stdout, _stderr = invoke(lead, "bundle", "history")
    rows = lines(stdout)
    assert rows[3] == "exported file records"
    assert rows[4].split(" ")[1] == "b.siabundle"


def test_history_as_json(built: Built, folder: Path) -> None:
    code, stdout, stderr = invoke(folder / "lead.sqlite", "bundle", "history", "--json")
    assert (code, stderr) == (0, "")
    data = json.loads(stdout)
    assert data["exports"] == []
    quiet, adviser = data["imports"]
    assert quiet == {
        "peer_id": quiet["peer_id"],
        "name": "Aled Tawel",
        "role": "sia",
        "bundles": 0,
        "records": 0,
        "latest": None,
        "days_since": None,
    }
    assert adviser["name"] == built.adviser
    assert (adviser["bundles"], adviser["records"]) == (2, built.received)
    assert adviser["days_since"] == SILENT_DAYS
    assert datetime.fromisoformat(adviser["latest"]) == _arrived()
    assert adviser["latest"].endswith("+00:00")  # JSON carries an offset


def test_history_at_the_adviser_lists_exports_newest_first(folder: Path) -> None:
    code, stdout, stderr = invoke(folder / "sia.sqlite", "bundle", "history")
    assert (code, stderr) == (0, "")
    rows = lines(stdout)
    assert rows[:2] == [
        "peer role bundles records latest days since",
        "Core Lead core lead 0 0 never",
    ]
    assert rows[2] == "exported file records"
    assert rows[3] == "2026-06-19T16:05 two.siabundle 1"  # London time (BST)
    assert rows[4].startswith("2026-06-19T11:05 one.siabundle ")
    code, stdout, _stderr = invoke(folder / "sia.sqlite", "bundle", "history", "--json")
    exports = json.loads(stdout)["exports"]
    assert [e["file_name"] for e in exports] == ["two.siabundle", "one.siabundle"]
    assert exports[0]["records"] == 1 and exports[0]["status"] == "written"
    assert exports[0]["at"] == "2026-06-19T15:05:00+00:00"  # JSON: ISO 8601 with offset


def test_history_of_a_database_with_no_peers_says_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    open_database(db, create=True).dispose()
    code, stdout, _stderr = invoke(db, "bundle", "history")
    assert code == 0
    assert lines(stdout) == [
        "No trusted peers yet; run: sia-console identity trust CARD",
        "No bundles exported yet.",
    ]


# -------------------------------------------------------------------------- conflicts


def test_conflicts_lists_the_losing_version_waiting_for_a_choice(
    built: Built, folder: Path
) -> None:
    code, stdout, stderr = invoke(folder / "lead.sqlite", "bundle", "conflicts")
    assert (code, stderr) == (0, "")
    header, row = lines(stdout)
    assert header == "id kind record kept at resolved"
    conflict_id, rest = row.split(" ", 1)
    assert len(conflict_id) == 8
    assert rest == f"school {built.school} {KEPT_LONDON}"


def test_conflicts_all_shows_resolved_ones_too(built: Built, folder: Path) -> None:
    lead = folder / "lead.sqlite"
    code, stdout, _stderr = invoke(lead, "bundle", "conflicts", "--all")
    assert code == 0
    # only real disagreements: versions identical to the record here are never listed
    [row] = lines(stdout)[1:]
    assert row.split(" ", 1)[1] == f"school {built.school} {KEPT_LONDON}"
    database = open_database(lead)
    with database.session() as s:
        [conflict] = sync_conflicts.list_conflicts(s)
        sync_conflicts.resolve_conflict(s, conflict.id, "current")
        [resolved] = s.exec(select(Conflict).where(Conflict.id == conflict.id)).all()
        resolved.resolved_at = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)  # GMT again
        s.add(resolved)
    database.dispose()
    code, stdout, _stderr = invoke(lead, "bundle", "conflicts", "--all")
    [row] = lines(stdout)[1:]
    assert row.split(" ", 1)[1] == f"school {built.school} {KEPT_LONDON} 2026-11-02T14:00"


def test_conflicts_as_json_and_after_a_choice(built: Built, folder: Path) -> None:
    lead = folder / "lead.sqlite"
    code, stdout, _stderr = invoke(lead, "bundle", "conflicts", "--json")
    assert code == 0
    [row] = json.loads(stdout)
    assert row["table"] == "school" and row["label"] == built.school
    assert row["resolved_at"] is None and row["created_at"] == "2026-10-20T09:30:00+00:00"
    assert row["winning_hlc"] > row["losing_hlc"]
    assert set(row) >= {"id", "record_id", "losing_hlc", "winning_hlc"}
    database = open_database(lead)
    with database.session() as s:
        sync_conflicts.resolve_conflict(s, row["id"], "current")
    database.dispose()
    code, stdout, _stderr = invoke(lead, "bundle", "conflicts")
    assert (code, lines(stdout)) == (0, ["No conflicts."])
    code, stdout, _stderr = invoke(lead, "bundle", "conflicts", "--all", "--json")
    resolved = [r for r in json.loads(stdout) if r["id"] == row["id"]]
    assert resolved and resolved[0]["resolved_at"] is not None


def test_the_label_is_shown_as_data_not_markup(folder: Path) -> None:
    database = open_database(folder / "lead.sqlite")
    with database.session() as s:
        school = s.exec(select(School).order_by(School.code)).first()
        assert school is not None
        school.name = "[bold]Ysgol[/bold] y Graig"
        s.add(school)
    database.dispose()
    code, stdout, _stderr = invoke(folder / "lead.sqlite", "bundle", "conflicts")
    assert code == 0
    assert "[bold]Ysgol[/bold] y Graig" in stdout


# ------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("command", ["history", "conflicts"])
@pytest.mark.parametrize("as_json", [False, True])
def test_a_missing_database_is_one_sentence_and_exit_1(
    tmp_path: Path, command: str, as_json: bool
) -> None:
    db = tmp_path / "nowhere" / "sia.sqlite"
    code, stdout, stderr = invoke(db, "bundle", command, *(["--json"] if as_json else []))
    assert code == 1
    assert stdout == ""  # not even an empty JSON document
    assert stderr.strip() == (
        f"There is no database at {db}; check the path, or start one with "
        "sia-console init (or try sia-console demo)."
    )
    assert not db.parent.exists()  # a mistyped --db makes nothing


def test_the_database_can_come_from_the_environment(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIA_CONSOLE_DB", str(folder / "missing.sqlite"))
    result = runner.invoke(app, ["bundle", "conflicts"])
    assert result.exit_code == 1 and "missing.sqlite" in result.stderr
    monkeypatch.setenv("SIA_CONSOLE_DB", str(folder / "lead.sqlite"))
    result = runner.invoke(app, ["bundle", "conflicts", "--json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 1


def test_a_file_that_is_not_a_database_is_exit_1(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite"
    db.write_bytes(b"Nodiadau ymweliad\n" * 200)
    code, stdout, stderr = invoke(db, "bundle", "history", "--json")
    assert (code, stdout) == (1, "")
    assert "is not a sia-console database" in stderr and "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_an_unknown_option_is_exit_2(folder: Path) -> None:
    code, _stdout, stderr = invoke(folder / "lead.sqlite", "bundle", "conflicts", "--resolved")
    assert code == 2 and "No such option: --resolved" in stderr
