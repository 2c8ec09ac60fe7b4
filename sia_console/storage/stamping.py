"""Stamp every changed synced record with its time, clock version and origin.

A ``before_flush`` hook on the session does this, so no code path (service, import,
demo) can change a synced record without giving it a new version. A write that sets a
school's category or link adviser also versions that pair (``School.assigned_hlc``) and
says whether a core lead made it (``School.assigned_by_lead``); one that changes its other
fields versions those (``School.details_hlc``).
A bundle import sets ``session.info["preserve_stamps"] = True`` to keep the versions it
received.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession

from sia_console.domain.enums import Role
from sia_console.domain.hlc import HybridClock
from sia_console.domain.lineage import LineageError, known_with, read_known
from sia_console.domain.models import (
    ASSIGNMENT_FIELDS,
    LINEAGE_FIELDS,
    SCHOOL_STAMPS,
    Adviser,
    LocalIdentity,
    School,
)
from sia_console.domain.records import SyncedRecord, utc_now

CLOCK_KEY = "sia_clock"
PRESERVE_KEY = "preserve_stamps"


def _now_millis() -> int:
    return time.time_ns() // 1_000_000


@event.listens_for(OrmSession, "before_flush")
def _stamp_changes(session: OrmSession, _context: Any, _instances: Any) -> None:
    clock: HybridClock | None = session.info.get(CLOCK_KEY)
    if clock is None or session.info.get(PRESERVE_KEY):
        return
    now = utc_now()
    millis = _now_millis()
    changed = list(session.new) + [o for o in session.dirty if session.is_modified(o)]
    lead: bool | None = None
    for obj in changed:
        if isinstance(obj, SyncedRecord):
            obj.hlc = str(clock.tick(millis))
            obj.origin = clock.node
            obj.updated_at = now
            if not isinstance(obj, School):
                continue
            assignment, details = _parts_written(obj)
            if assignment:
                if lead is None:
                    lead = _core_lead_here(session)
                obj.assigned_hlc = obj.hlc
                obj.assigned_by_lead = lead
            if details:
                _carry_lineage(obj)
                obj.details_hlc = obj.hlc


def _carry_lineage(school: School) -> None:
    """Add the details version this write replaces to what the new version knows."""
    history = inspect(school).attrs.details_hlc.history
    replaced = [v for v in (*history.deleted, *history.unchanged) if isinstance(v, str) and v]
    try:
        known = read_known(school.details_known)
    except LineageError:  # never written so; start again from what is certain
        known = {}
    school.details_known = known_with(known, replaced)


def _core_lead_here(session: OrmSession) -> bool:
    """Whether this database's identity is a core lead (no identity yet: not)."""
    with session.no_autoflush:
        local = session.get(LocalIdentity, 1)
        me = session.get(Adviser, local.adviser_id) if local is not None else None
    return me is not None and me.role == Role.CORE_LEAD


_ASSIGNMENT = frozenset(("category", "adviser_id"))
_NOT_DETAILS = frozenset((*ASSIGNMENT_FIELDS, *SCHOOL_STAMPS, *LINEAGE_FIELDS))
"""What a write may change without being a write of the details. A settlement written
alone (a person kept the current details) changes only the lineage: it travels with the
record's new version, but it is not a newer version of the details, so it never wins
over details someone changed meanwhile."""


def _parts_written(school: School) -> tuple[bool, bool]:
    """Whether this write sets the school's assignment, and its details (a new school: both)."""
    state = inspect(school)
    if state.transient or state.pending:
        return True, True
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    return bool(changed & _ASSIGNMENT), bool(changed - _NOT_DETAILS)
