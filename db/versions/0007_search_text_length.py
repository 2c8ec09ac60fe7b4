"""the length of each indexed text, so that a search need not read a long one to learn it

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 23:50:00

The search asks FTS5 for its snippet of short texts only: FTS5's ``snippet()`` takes time
that grows with the square of a text's matches, so a long text's snippet is made by the
search itself (``sia_console.domain.snippet``). To tell the two apart, the search used
``length(text)`` on each hit, which has FTS5 load the whole text (5 ms for 1.6 MB), for
hits fetched but not shown too. ``note_search_row.text_length`` holds the length in
characters of each indexed text instead: the triggers of 0002 and 0004 are remade to set
it with every write, and the rows indexed so far are back-filled from the index itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SOURCES = (
    ("note_section", "text", "section"),
    ("amendment", "text", "amendment"),
    ("action", "text", "action"),
    ("risk_judgement", "rationale", "risk"),
    ("action_review", "comment", "review"),
)
"""Indexed tables, the column of text indexed, and the ``kind`` of their rows."""


def _triggers(table: str, column: str, kind: str, *, with_length: bool) -> list[str]:
    row = "(SELECT rowid FROM note_search_row WHERE record_id = new.id)"
    length = (
        f"    UPDATE note_search_row SET text_length = coalesce(length(new.{column}), 0)\n"
        "        WHERE record_id = new.id;\n"
        if with_length
        else ""
    )
    reindex = (
        f"INSERT OR IGNORE INTO note_search_row(record_id, kind) VALUES (new.id, '{kind}');\n"
        f"{length}"
        f"    DELETE FROM note_search WHERE rowid = {row};\n"
        f"    INSERT INTO note_search(rowid, text) VALUES ({row}, new.{column});"
    )
    return [
        f'CREATE TRIGGER {table}_search_insert AFTER INSERT ON "{table}"\n'
        f"BEGIN\n    {reindex}\nEND",
        f'CREATE TRIGGER {table}_search_update AFTER UPDATE OF {column} ON "{table}"\n'
        f"WHEN old.{column} IS NOT new.{column}\nBEGIN\n    {reindex}\nEND",
    ]


def _remake(*, with_length: bool) -> None:
    for table, column, kind in _SOURCES:
        for action in ("insert", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{action}")
        for statement in _triggers(table, column, kind, with_length=with_length):
            op.execute(statement)


def upgrade() -> None:
    op.execute("ALTER TABLE note_search_row ADD COLUMN text_length INTEGER NOT NULL DEFAULT 0")
    op.execute(
        "UPDATE note_search_row SET text_length = coalesce("
        "(SELECT length(text) FROM note_search WHERE note_search.rowid = note_search_row.rowid)"
        ", 0)"
    )
    _remake(with_length=True)


def downgrade() -> None:
    _remake(with_length=False)
    op.execute("ALTER TABLE note_search_row DROP COLUMN text_length")
