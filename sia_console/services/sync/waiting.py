"""The conflicts that wait for a choice, one line each: what, how many fields, from whom.

The core lead's home screen lists them in a panel (the Sync screen lists every kept
version); each line says which record, how many of its fields differ, who wrote the other
version and when, so that the core lead sees what waits before opening the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from sia_console.services.errors import ServiceError
from sia_console.services.sync.conflicts import ConflictRow, conflict_detail, list_conflicts


@dataclass(frozen=True)
class WaitingConflict:
    """One unresolved conflict, in a line."""

    conflict: ConflictRow
    fields: int
    """How many of the record's fields differ between the two versions."""
    sender: str
    """Who wrote the other version ("another laptop" when no bundle says whose)."""
    written_at: datetime | None
    """When the other version was written (UTC), when it can be read."""

    @property
    def id(self) -> str:
        """The conflict's id (what the compare dialog opens)."""
        return self.conflict.id


def waiting_conflicts(session: Session) -> list[WaitingConflict]:
    """Every unresolved conflict, oldest first, with its count of differing fields and
    the other version's writer (a version that cannot be read is listed, with no count:
    the compare dialog says why)."""
    waiting = []
    for row in list_conflicts(session):
        try:
            detail = conflict_detail(session, row.id)
        except ServiceError:
            waiting.append(WaitingConflict(row, 0, "", None))
            continue
        other = detail.other
        waiting.append(
            WaitingConflict(
                row,
                len(detail.differing),
                other.name if other is not None else "",
                other.at if other is not None else None,
            )
        )
    return waiting
