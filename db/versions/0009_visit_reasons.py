"""why a visit was cancelled or postponed, where it moved to; the head's comment

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 03:00:00

* ``visit.status_reason``: why the adviser cancelled or postponed the visit, shown in the
  calendar, on the school's page and in the .ics file.
* ``visit.moved_to_id``: for a postponed visit, the visit planned on its new date (an id,
  not a foreign key: the two may reach another laptop in either order). Re-dating a
  postponed visit plans the new one and keeps the postponement.
* ``note_of_visit.head_response_comment``: what the headteacher said with their response
  to the note, shown in the editor and in the Word note.

All three are nullable, so the rows already stored need nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE ... ADD COLUMN: rebuilding the tables would trip the foreign keys
    # that point at them.
    op.add_column(
        "visit",
        sa.Column("status_reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    )
    op.add_column(
        "visit",
        sa.Column("moved_to_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    )
    op.add_column(
        "note_of_visit",
        sa.Column("head_response_comment", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE note_of_visit DROP COLUMN head_response_comment")
    op.execute("ALTER TABLE visit DROP COLUMN moved_to_id")
    op.execute("ALTER TABLE visit DROP COLUMN status_reason")
