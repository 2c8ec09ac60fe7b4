"""The conflicts that wait for a choice, one line each: what, how many fields, from whom.

The core lead's home screen lists them in a panel (the Sync screen lists every kept
version); each line says which record, how many of its fields differ, who wrote the other
version and when, so that the core lead sees what waits before opening the comparison.

The list is read in a fixed number of statements however many conflicts wait: the
conflicts, their records and what labels them a kind at a time
(:func:`.conflict_rows.conflict_rows`), and who wrote what (:class:`.authors.Authors`,
read once); the fields are compared in memory, as the compare dialog compares them
(:func:`.conflicts.compared`), without the words the dialog shows them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from sia_console.bundles.records import to_plain
from sia_console.domain.models import Conflict
from sia_console.services.errors import ServiceError
from sia_console.services.sync.authors import Authors
from sia_console.services.sync.conflict_rows import ConflictRow, Records, conflict_rows
from sia_console.services.sync.conflicts import compared, losing_record, written


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
    unresolved = session.exec(
        select(Conflict)
        .where(col(Conflict.resolved_at).is_(None))
        .order_by(col(Conflict.created_at), col(Conflict.id))
    ).all()
    records = Records(session)
    rows = conflict_rows(session, unresolved, records)
    authors = Authors(session)
    waiting = []
    for conflict, row in zip(unresolved, rows, strict=True):
        try:
            losing = losing_record(conflict)
        except ServiceError:
            waiting.append(WaitingConflict(row, 0, "", None))
            continue
        record = records.current(conflict)
        current = to_plain(record) if record is not None else {}
        differing = compared(conflict.table_name, to_plain(losing), current)
        other = authors.of(written(losing))
        waiting.append(WaitingConflict(row, sum(differing.values()), other.name, other.at))
    return waiting
