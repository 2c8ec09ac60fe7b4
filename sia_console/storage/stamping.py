"""Stamp every changed synced record with its time, clock version and origin.

A ``before_flush`` hook on the session does this, so no code path (service, import,
demo) can change a synced record without giving it a new version. A bundle import sets
``session.info["preserve_stamps"] = True`` to keep the versions it received.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from sia_console.domain.hlc import HybridClock
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
    for obj in changed:
        if isinstance(obj, SyncedRecord):
            obj.hlc = str(clock.tick(millis))
            obj.origin = clock.node
            obj.updated_at = now
