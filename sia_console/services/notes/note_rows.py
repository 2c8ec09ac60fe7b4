"""One line of the list of notes of visit, apart from the queries that fill it.

``services.notes.reading`` fills it with the ORM and ``services.notes.listing_sqlite``
with ``sqlite3`` (for ``notes list`` without SQLAlchemy); both give these rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sia_console.domain.enums import NoteStatus, RiskLevel


@dataclass(frozen=True)
class NoteRow:
    """One note as the list of notes shows it."""

    id: str
    visit_id: str
    school_code: str
    school_name: str
    visit_start: datetime
    status: NoteStatus
    risk_level: RiskLevel | None
    updated_at: datetime


def stored_utc(value: datetime) -> datetime:
    """Stored timestamps are UTC; make sure they say so."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
