"""The migrations build exactly the schema the models describe, and 0003 goes both ways."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from sia_console.storage import migrations
from sia_console.storage.database import open_database

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
