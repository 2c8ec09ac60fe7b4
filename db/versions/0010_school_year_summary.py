"""the adviser's closing summary of a school's year

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 12:00:00

The school's year (a Word document for the governors, built from the year's final notes)
ends with a summary the adviser writes. ``school_year_summary`` keeps it, one row per
school and academic year; it carries the fields of a synced record, so it can travel in
bundles like the notes it sums up.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "school_year_summary",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("school_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.Column("adviser_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["adviser_id"], ["adviser.id"]),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("school_id", "academic_year"),
    )
    with op.batch_alter_table("school_year_summary", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_school_year_summary_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_school_year_summary_school_id"), ["school_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("school_year_summary", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_school_year_summary_school_id"))
        batch_op.drop_index(batch_op.f("ix_school_year_summary_hlc"))
    op.drop_table("school_year_summary")
