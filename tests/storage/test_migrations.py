"""The migrations build exactly the schema the models describe; 0003 to 0008 go both ways."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from sia_console.domain.enums import ActionStatus, RiskLevel, Role
from sia_console.domain.models import School
from sia_console.keys.store import keystore_for
from sia_console.services.identity import create_identity
from sia_console.services.notes.actions import add_action, review_action
from sia_console.services.notes.editing import open_or_create_note, save_section
from sia_console.services.notes.risk import set_risk
from sia_console.services.notes.search import search_notes
from sia_console.storage import migrations
from sia_console.storage.database import open_database
from tests.services.note_helpers import make_year

SEARCH_TABLES = "note_search"
"""Made by hand in 0002 (FTS5 and its row map); no model describes them."""


def _not_search(name: str | None, type_: str, _parent: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLES))


def _indexes(path: Path, table: str) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND name NOT LIKE 'sqlite_autoindex_%'",
            (table,),
        ).fetchall()
    return {name for (name,) in rows}


def test_models_and_migrations_agree(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_name": _not_search, "compare_type": True}
            )
            differences = compare_metadata(context, SQLModel.metadata)
    finally:
        db.dispose()
    assert differences == []


def test_the_core_lead_indexes_are_made_and_undone(db_path: Path) -> None:
    open_database(db_path).dispose()
    assert {"ix_visit_status_start", "ix_visit_start"} <= _indexes(db_path, "visit")
    assert "ix_visit_status" not in _indexes(db_path, "visit")
    assert "ix_risk_judgement_school_latest" in _indexes(db_path, "risk_judgement")
    assert "ix_action_status_due" in _indexes(db_path, "action")
    assert "ix_bundle_log_received" in _indexes(db_path, "bundle_log")
    assert "ix_conflict_resolved_at" in _indexes(db_path, "conflict")

    db = open_database(db_path)
    config = migrations.alembic_config()
    try:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0002")
    finally:
        db.dispose()
    assert "ix_visit_status" in _indexes(db_path, "visit")
    assert "ix_visit_status_start" not in _indexes(db_path, "visit")
    assert "ix_risk_judgement_school_id" in _indexes(db_path, "risk_judgement")
    assert "ix_action_status" in _indexes(db_path, "action")
    assert "ix_bundle_log_received" not in _indexes(db_path, "bundle_log")

    open_database(db_path).dispose()  # back up to the head, with a backup first
    assert "ix_visit_status_start" in _indexes(db_path, "visit")
    assert list(db_path.parent.glob("sia.backup-0002-*.sqlite"))


def _triggers(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {name for (name,) in rows.fetchall()}


def _kinds(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT r.kind, count(*) FROM note_search_row r "
            "JOIN note_search s ON s.rowid = r.rowid GROUP BY r.kind"
        )
        return dict(rows.fetchall())


def test_the_search_of_actions_risk_and_reviews_is_made_and_undone(db_path: Path) -> None:
    db = open_database(db_path)
    with db.session() as session:
        year = make_year(session)
        earlier = open_or_create_note(session, year.september.id)
        save_section(session, earlier.id, "discussion", "Attendance discussed.")
        action = add_action(session, earlier.id, "Attendance letters to families")
        later = open_or_create_note(session, year.november.id)
        set_risk(session, later.id, RiskLevel.MEDIUM, "Attendance below 94%.")
        review_action(session, later.id, action.id, ActionStatus.DONE, "Attendance letters sent.")
    db.dispose()
    names = {
        f"{t}_search_{w}"
        for t in ("action", "risk_judgement", "action_review")
        for w in ("insert", "update", "delete")
    }
    assert names <= _triggers(db_path)
    sections = _kinds(db_path)["section"]
    assert _kinds(db_path) == {"section": sections, "action": 1, "risk": 1, "review": 1}

    db = open_database(db_path)
    config = migrations.alembic_config()
    try:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0003")
    finally:
        db.dispose()
    assert not names & _triggers(db_path)
    assert "note_section_search_insert" in _triggers(db_path)
    assert _kinds(db_path) == {"section": sections}

    db = open_database(db_path)  # back up to the head: the rows are indexed again
    try:
        with db.session() as session:
            kinds = sorted(h.kind for h in search_notes(session, "attendance"))
    finally:
        db.dispose()
    assert kinds == ["action", "review", "risk", "section"]
    assert _kinds(db_path) == {"section": sections, "action": 1, "risk": 1, "review": 1}
    assert list(db_path.parent.glob("sia.backup-0003-*.sqlite"))


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows.fetchall()}


def test_the_category_changes_table_is_made_and_undone(db_path: Path) -> None:
    assert migrations.head_revision() == migrations.SCHEMA_REVISION
    open_database(db_path).dispose()
    assert "category_change" in _tables(db_path)
    assert {"ix_category_change_changed_on", "ix_category_change_school_id"} <= _indexes(
        db_path, "category_change"
    )

    db = open_database(db_path)
    config = migrations.alembic_config()
    try:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0004")
    finally:
        db.dispose()
    assert "category_change" not in _tables(db_path)

    open_database(db_path).dispose()  # back up to the head, with a backup first
    assert "category_change" in _tables(db_path)
    assert list(db_path.parent.glob("sia.backup-0004-*.sqlite"))


def test_the_school_assignment_columns_are_back_filled(db_path: Path) -> None:
    """At a core lead's database, the schools it last wrote itself hold the lead's choice."""
    db = open_database(db_path)
    with db.session() as session:
        create_identity(session, keystore_for(db), name="Core Lead", role=Role.CORE_LEAD)
        session.add(School(code="6612001", name="Ysgol Un", local_authority="Sir Eryri"))
        session.add(School(code="6612002", name="Ysgol Dau", local_authority="Sir Eryri"))
    config = migrations.alembic_config()
    try:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0005")
            connection.exec_driver_sql(
                "UPDATE school SET origin = 'another-installation' WHERE code = '6612002'"
            )
    finally:
        db.dispose()
    assert "assigned_hlc" not in _columns(db_path, "school")

    open_database(db_path).dispose()  # up again: a backup, then the back-fill
    assert list(db_path.parent.glob("sia.backup-0005-*.sqlite"))
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(
            "SELECT code, assigned_hlc = hlc, details_hlc = hlc, assigned_by_lead FROM school "
            "ORDER BY code"
        ).fetchall()
    assert rows == [("6612001", 1, 1, 1), ("6612002", 1, 1, 0)]


def _columns(path: Path, table: str) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}


def _lengths(path: Path) -> list[tuple[str, int, int]]:
    """Each indexed row's kind, kept length and the length of its text in the index."""
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT r.kind, r.text_length, length(s.text) FROM note_search_row r "
            "JOIN note_search s ON s.rowid = r.rowid ORDER BY r.kind, r.text_length"
        ).fetchall()


def test_the_search_text_lengths_are_back_filled_and_kept(db_path: Path) -> None:
    db = open_database(db_path)
    with db.session() as session:
        year = make_year(session)
        note = open_or_create_note(session, year.november.id)
        save_section(session, note.id, "discussion", "Dŵr a Thŷ. " * 10)
        set_risk(session, note.id, RiskLevel.LOW, "Rhifedd yn gryf.")
    config = migrations.alembic_config()
    try:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0006")
    finally:
        db.dispose()
    assert "text_length" not in _columns(db_path, "note_search_row")
    assert "note_section_search_insert" in _triggers(db_path)

    db = open_database(db_path)  # up again: a backup, then the back-fill
    assert list(db_path.parent.glob("sia.backup-0006-*.sqlite"))
    assert ("risk", 16, 16) in _lengths(db_path)
    assert ("section", 110, 110) in _lengths(db_path)
    with db.session() as session:
        save_section(session, note.id, "discussion", "Dŵr.")
    db.dispose()
    assert all(kept == indexed for _kind, kept, indexed in _lengths(db_path))
    assert ("section", 4, 4) in _lengths(db_path)
