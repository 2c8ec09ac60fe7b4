"""indexes for the core lead's panels

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 17:00:00

The core lead's home screen reads a whole authority (tens of thousands of visits, notes,
judgements and actions); each of its queries is served by one of these indexes, checked
with ``EXPLAIN QUERY PLAN`` in ``bench/authority.py``:

* ``visit (status, start)``: visits made before a day, whose notes may be overdue. It
  replaces ``ix_visit_status``, its first column, which SQLite preferred for that query
  without statistics and which then read every done visit.
* ``risk_judgement (school_id, judged_on, created_at, id)``: a school's latest two
  judgements, read backwards, for the risk register. Replaces ``ix_risk_judgement_school_id``.
* ``action (status, due)``: open actions due before a day. Replaces ``ix_action_status``.
* ``bundle_log (direction, status, peer_id, at)``: the last bundle imported from each
  SIA, from the index alone.
* ``conflict (resolved_at)``: the count of conflicts still to resolve, always on screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_status"))
        batch_op.create_index("ix_visit_status_start", ["status", "start"], unique=False)

    with op.batch_alter_table("risk_judgement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_judgement_school_id"))
        batch_op.create_index(
            "ix_risk_judgement_school_latest",
            ["school_id", "judged_on", "created_at", "id"],
            unique=False,
        )

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_status"))
        batch_op.create_index("ix_action_status_due", ["status", "due"], unique=False)

    with op.batch_alter_table("bundle_log", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bundle_log_received", ["direction", "status", "peer_id", "at"], unique=False
        )

    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflict_resolved_at"), ["resolved_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_resolved_at"))

    with op.batch_alter_table("bundle_log", schema=None) as batch_op:
        batch_op.drop_index("ix_bundle_log_received")

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index("ix_action_status_due")
        batch_op.create_index(batch_op.f("ix_action_status"), ["status"], unique=False)

    with op.batch_alter_table("risk_judgement", schema=None) as batch_op:
        batch_op.drop_index("ix_risk_judgement_school_latest")
        batch_op.create_index(
            batch_op.f("ix_risk_judgement_school_id"), ["school_id"], unique=False
        )

    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_status_start")
        batch_op.create_index(batch_op.f("ix_visit_status"), ["status"], unique=False)
