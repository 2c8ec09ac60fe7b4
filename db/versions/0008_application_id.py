"""mark the database as sia-console's with PRAGMA application_id

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 09:00:00

``--db`` may name any file. Before SQLite opens a file for writing (setting WAL
journalling alone rewrites its header), sia-console reads the header and opens only a
file that carries its application id. Databases made since this revision carry it from
the start; this revision gives it to those made earlier (id 0), which are recognised
once, read-only, by their migration table and tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from sia_console.storage.fileformat import APPLICATION_ID

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")


def downgrade() -> None:
    op.execute("PRAGMA application_id = 0")
