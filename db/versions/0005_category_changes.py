"""changes of a school's support category

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 09:00:00

A school row holds only its current category, so the core lead could not see which
schools changed category this year. ``category_change`` records each change (from what,
to what, on which London day); it is a synced table and travels in bundles both ways,
like schools. Nothing is back-filled: earlier changes were never recorded.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "category_change",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("school_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("previous_category", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("category_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_category_change_changed_on"), ["changed_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_category_change_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_category_change_school_id"), ["school_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("category_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_category_change_school_id"))
        batch_op.drop_index(batch_op.f("ix_category_change_hlc"))
        batch_op.drop_index(batch_op.f("ix_category_change_changed_on"))
    op.drop_table("category_change")
