"""assignment history: a school handed to another adviser; a reason for a category change

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 05:30:00

* ``assignment_change``: one record per school the core lead hands from one link adviser
  to another, with the reason and the day it takes effect. It travels in the core lead's
  bundles like a change of category.
* ``category_change.reason``: why the category changed ("" for the changes made before).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assignment_change",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("school_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column(
            "previous_adviser_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True
        ),
        sa.Column("adviser_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("assignment_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assignment_change_effective_on"), ["effective_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_assignment_change_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_assignment_change_school_id"), ["school_id"], unique=False
        )
    # Plain ALTER TABLE ... ADD COLUMN: rebuilding a table would trip the foreign keys.
    op.add_column(
        "category_change",
        sa.Column(
            "reason",
            sqlmodel.sql.sqltypes.AutoString(length=500),
            nullable=False,
            server_default="",
        ),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE category_change DROP COLUMN reason")
    with op.batch_alter_table("assignment_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_change_school_id"))
        batch_op.drop_index(batch_op.f("ix_assignment_change_hlc"))
        batch_op.drop_index(batch_op.f("ix_assignment_change_effective_on"))
    op.drop_table("assignment_change")
