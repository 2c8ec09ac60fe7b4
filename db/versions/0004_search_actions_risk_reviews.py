"""search the agreed actions, risk rationales and reviews of earlier actions too

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 18:00:00

Migration 0002 indexed the text of note sections and amendments only, so a word typed in
an agreed action, in the rationale of a floor-target risk judgement or in the comment of
a later visit's review of an action was never found. The same pattern is applied to
those three: each row gets a stable integer in ``note_search_row`` with its own
``kind``, and triggers on its table keep its copy of the text in ``note_search`` in
step with every write, whichever code makes it (editor, demo, bundle import). Rows
written before this migration are indexed here. Tombstoned rows stay indexed, as
sections do; the search leaves them out when it joins the hits to their records.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SOURCES = (
    ("action", "text", "action"),
    ("risk_judgement", "rationale", "risk"),
    ("action_review", "comment", "review"),
)
"""Indexed tables, the column of text indexed, and the ``kind`` of their rows."""


def _triggers(table: str, column: str, kind: str) -> list[str]:
    row = "(SELECT rowid FROM note_search_row WHERE record_id = new.id)"
    reindex = (
        f"INSERT OR IGNORE INTO note_search_row(record_id, kind) VALUES (new.id, '{kind}');\n"
        f"    DELETE FROM note_search WHERE rowid = {row};\n"
        f"    INSERT INTO note_search(rowid, text) VALUES ({row}, new.{column});"
    )
    return [
        f'CREATE TRIGGER {table}_search_insert AFTER INSERT ON "{table}"\n'
        f"BEGIN\n    {reindex}\nEND",
        f'CREATE TRIGGER {table}_search_update AFTER UPDATE OF {column} ON "{table}"\n'
        f"WHEN old.{column} IS NOT new.{column}\nBEGIN\n    {reindex}\nEND",
        f'CREATE TRIGGER {table}_search_delete AFTER DELETE ON "{table}"\n'
        "BEGIN\n"
        "    DELETE FROM note_search WHERE rowid =\n"
        "        (SELECT rowid FROM note_search_row WHERE record_id = old.id);\n"
        "    DELETE FROM note_search_row WHERE record_id = old.id;\n"
        "END",
    ]


def upgrade() -> None:
    for table, column, kind in _SOURCES:
        op.execute(
            f"INSERT OR IGNORE INTO note_search_row(record_id, kind) "
            f"SELECT id, '{kind}' FROM \"{table}\""
        )
        op.execute(
            "INSERT INTO note_search(rowid, text) "
            f'SELECT r.rowid, t.{column} FROM note_search_row r JOIN "{table}" t '
            f"ON t.id = r.record_id WHERE r.kind = '{kind}'"
        )
        for statement in _triggers(table, column, kind):
            op.execute(statement)


def downgrade() -> None:
    for table, _column, kind in _SOURCES:
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{action}")
        op.execute(
            "DELETE FROM note_search WHERE rowid IN "
            f"(SELECT rowid FROM note_search_row WHERE kind = '{kind}')"
        )
        op.execute(f"DELETE FROM note_search_row WHERE kind = '{kind}'")
