"""full-text search over notes of visit, and the editor's crash-recovery state

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:00:00

Search is an FTS5 table, ``note_search``, holding its own copy of the text of every
note section and amendment. It is kept in step by triggers on ``note_section`` and
``amendment`` rather than by each service, because more than one path writes those
rows (the note editor, the demo, and bundle imports that merge another laptop's
changes): a trigger runs inside the very transaction that changes the text, so the
index can never disagree with the notes, whichever code made the change.

FTS5 rows are addressed by integer rowids, while our records have UUIDs. The rowid of a
table without an ``INTEGER PRIMARY KEY`` may change on ``VACUUM``, so the index is not
keyed by ``note_section``'s implicit rowid: ``note_search_row`` gives each indexed
record a stable integer of its own. The FTS table stores its own copy of the text
(rather than pointing at ``note_section`` as external content) so that its snippets are
always drawn from exactly the text it indexed; the cost is the text stored twice.

``unicode61 remove_diacritics 2`` makes "dwr" find "Dŵr" and "ty" find "Tŷ".
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SOURCES = {"note_section": "section", "amendment": "amendment"}
"""Indexed tables and the ``kind`` their rows have in ``note_search_row``."""


def _triggers(table: str, kind: str) -> list[str]:
    row = "(SELECT rowid FROM note_search_row WHERE record_id = new.id)"
    reindex = (
        f"INSERT OR IGNORE INTO note_search_row(record_id, kind) VALUES (new.id, '{kind}');\n"
        f"    DELETE FROM note_search WHERE rowid = {row};\n"
        f"    INSERT INTO note_search(rowid, text) VALUES ({row}, new.text);"
    )
    return [
        f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table}\nBEGIN\n    {reindex}\nEND",
        f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF text ON {table}\n"
        f"WHEN old.text IS NOT new.text\nBEGIN\n    {reindex}\nEND",
        f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table}\n"
        "BEGIN\n"
        "    DELETE FROM note_search WHERE rowid =\n"
        "        (SELECT rowid FROM note_search_row WHERE record_id = old.id);\n"
        "    DELETE FROM note_search_row WHERE record_id = old.id;\n"
        "END",
    ]


def upgrade() -> None:
    op.execute(
        "CREATE TABLE note_search_row (\n"
        "    rowid INTEGER PRIMARY KEY,\n"
        "    record_id VARCHAR(36) NOT NULL UNIQUE,\n"
        "    kind VARCHAR(16) NOT NULL\n"
        ")"
    )
    op.execute(
        "CREATE VIRTUAL TABLE note_search USING fts5("
        "text, tokenize = 'unicode61 remove_diacritics 2')"
    )
    for table, kind in _SOURCES.items():
        op.execute(f"INSERT INTO note_search_row(record_id, kind) SELECT id, '{kind}' FROM {table}")
        op.execute(
            "INSERT INTO note_search(rowid, text) "
            f"SELECT r.rowid, t.text FROM note_search_row r JOIN {table} t ON t.id = r.record_id"
        )
        for statement in _triggers(table, kind):
            op.execute(statement)
    op.create_table(
        "editing_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("section_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("opened_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("editing_state")
    for table in _SOURCES:
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{action}")
    op.execute("DROP TABLE IF EXISTS note_search")
    op.execute("DROP TABLE IF EXISTS note_search_row")
