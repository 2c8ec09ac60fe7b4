"""what a school's details version knew, what it settled; who settled a conflict

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 03:00:00

Until now two versions of a school's details written on different laptops were always a
conflict, even when one was written after the other had arrived, and a conflict the
core lead settled came back to the adviser to settle again. See
``sia_console.domain.lineage``:

* ``school.details_known``: the versions of the details the writer had seen, per
  installation (JSON). Empty for rows written before: such a version knows nothing, as
  before.
* ``school.details_settled``: losing versions a person settled where it was written
  (JSON list). Empty: none.
* ``conflict.settled_by_id``: who settled a conflict, when their settlement came in a
  bundle.
* ``bundle_log.installation_id``: the sender's installation, so that a version's origin
  can be named as a person.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE ... ADD COLUMN: rebuilding a table would trip the foreign keys
    # that point at it.
    for name in ("details_known", "details_settled"):
        op.add_column(
            "school",
            sa.Column(
                name,
                sqlmodel.sql.sqltypes.AutoString(length=4096),
                nullable=False,
                server_default="",
            ),
        )
    op.add_column(
        "conflict",
        sa.Column("settled_by_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    )
    op.add_column(
        "bundle_log",
        sa.Column("installation_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE bundle_log DROP COLUMN installation_id")
    op.execute("ALTER TABLE conflict DROP COLUMN settled_by_id")
    op.execute("ALTER TABLE school DROP COLUMN details_settled")
    op.execute("ALTER TABLE school DROP COLUMN details_known")
