"""who set a school's category and link adviser, and when; when its details changed

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 10:00:00

A school's support category and its link adviser are the core lead's to set; its other
details (headteacher, email, ...) are kept by whoever has the newer spreadsheet. Until now
a school merged as one record, so an adviser's later write of any field (a new headteacher
from their spreadsheet) carried their older category back over the core lead's. These two
columns let the pair merge on its own:

* ``assigned_hlc``: the clock version of the write that last set the category or the link
  adviser. Back-filled with the row's own version: no later write can have set them.
* ``assigned_by_lead``: that write was made by a core lead, whose choice an adviser's
  write never replaces. Back-filled as true for the schools a core lead's database last
  wrote itself.
* ``details_hlc``: the clock version of the write that last changed the other fields, so
  that a version which only changed the assignment is not taken for a rival edit of the
  details. Back-filled with the row's own version.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE ... ADD COLUMN: rebuilding the table would trip the foreign keys
    # that point at it.
    op.add_column(
        "school",
        sa.Column(
            "assigned_hlc",
            sqlmodel.sql.sqltypes.AutoString(length=64),
            nullable=False,
            server_default="",
        ),
    )
    op.add_column(
        "school",
        sa.Column("assigned_by_lead", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "school",
        sa.Column(
            "details_hlc",
            sqlmodel.sql.sqltypes.AutoString(length=64),
            nullable=False,
            server_default="",
        ),
    )
    op.execute("UPDATE school SET assigned_hlc = hlc, details_hlc = hlc")
    op.execute(
        """
        UPDATE school SET assigned_by_lead = 1
        WHERE origin = (SELECT installation_id FROM installation WHERE id = 1)
          AND EXISTS (
            SELECT 1 FROM local_identity JOIN adviser ON adviser.id = local_identity.adviser_id
            WHERE local_identity.id = 1 AND adviser.role = 'core-lead'
          )
        """
    )


def downgrade() -> None:
    op.execute("ALTER TABLE school DROP COLUMN details_hlc")
    op.execute("ALTER TABLE school DROP COLUMN assigned_by_lead")
    op.execute("ALTER TABLE school DROP COLUMN assigned_hlc")
