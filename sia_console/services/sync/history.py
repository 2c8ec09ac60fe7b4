"""Where sync stands: the bundles received from each peer and sent from here, and what
the next export holds.

A core lead needs to see at a glance which adviser has not sent anything for weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from sia_console.domain.enums import BundleDirection, NoteStatus, Role
from sia_console.domain.models import (
    Adviser,
    BundleLog,
    NoteOfVisit,
    Trust,
)
from sia_console.domain.records import london, utc_now
from sia_console.i18n import _
from sia_console.services.sync.export import pending_changes


def _days_between(earlier: datetime, today: date) -> int:
    """Whole days from ``earlier``'s London date to ``today`` (a London date)."""
    return (today - london(earlier).date()).days


@dataclass(frozen=True)
class PeerHistory:
    """The bundles received from one trusted peer."""

    peer_id: str
    name: str
    role: str
    bundles: int
    records: int
    latest: datetime | None
    days_since: int | None
    """Days since the latest bundle; ``None`` when nothing was ever received."""

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "peer_id": self.peer_id,
            "name": self.name,
            "role": self.role,
            "bundles": self.bundles,
            "records": self.records,
            "latest": self.latest.isoformat() if self.latest else None,
            "days_since": self.days_since,
        }


@dataclass(frozen=True)
class ExportEntry:
    """One bundle written by this database."""

    bundle_id: str
    file_name: str
    at: datetime
    records: int
    status: str

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "bundle_id": self.bundle_id,
            "file_name": self.file_name,
            "at": self.at.isoformat(),
            "records": self.records,
            "status": self.status,
        }


def import_history(session: Session, today: date | None = None) -> list[PeerHistory]:
    """Every trusted peer with what they sent: the longest silent (or never heard) first."""
    day = today or london(utc_now()).date()
    # One row per bundle, even where an older version logged a bundle imported twice.
    per_bundle = (
        select(
            col(BundleLog.peer_id).label("peer_id"),
            func.max(BundleLog.records).label("records"),
            func.min(BundleLog.at).label("at"),
        )
        .where(BundleLog.direction == BundleDirection.IMPORT, BundleLog.status == "imported")
        .group_by(col(BundleLog.peer_id), col(BundleLog.bundle_id))
        .subquery()
    )
    stats = {
        peer_id: (count, records, latest)
        for peer_id, count, records, latest in session.exec(
            select(
                per_bundle.c.peer_id,
                func.count(),
                func.sum(per_bundle.c.records),
                func.max(per_bundle.c.at),
            ).group_by(per_bundle.c.peer_id)
        ).all()
    }
    peers = session.exec(select(Adviser).where(Adviser.id == Trust.adviser_id)).all()
    history = []
    for peer in peers:
        count, records, latest = stats.get(peer.id, (0, 0, None))
        history.append(
            PeerHistory(
                peer_id=peer.id,
                name=peer.name,
                role=str(peer.role),
                bundles=int(count),
                records=int(records or 0),
                latest=latest,
                days_since=_days_between(latest, day) if latest else None,
            )
        )
    never = 10**9
    history.sort(
        key=lambda p: (-(never if p.days_since is None else p.days_since), p.name.casefold())
    )
    return history


def export_history(session: Session) -> list[ExportEntry]:
    """The bundles this database wrote, newest first."""
    rows = session.exec(
        select(BundleLog)
        .where(BundleLog.direction == BundleDirection.EXPORT)
        .order_by(col(BundleLog.at).desc())
    ).all()
    return [ExportEntry(r.bundle_id, r.file_name, r.at, r.records, r.status) for r in rows]


@dataclass(frozen=True)
class ExportPreview:
    """What the next export would carry."""

    counts: dict[str, int]
    drafts: int
    full: bool
    last_export: datetime | None

    @property
    def total(self) -> int:
        """Records in all."""
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "counts": self.counts,
            "drafts": self.drafts,
            "total": self.total,
            "full": self.full,
            "last_export": self.last_export.isoformat() if self.last_export else None,
        }


def preview_export(session: Session, full: bool = False) -> ExportPreview:
    """Counts per kind of record, and drafts, for the next export (nothing is written)."""
    records = pending_changes(session, full=full)
    drafts = sum(
        1
        for row in records.get(str(NoteOfVisit.__tablename__), [])
        if isinstance(row, NoteOfVisit) and row.status == NoteStatus.DRAFT
    )
    history = export_history(session)
    return ExportPreview(
        counts={table: len(rows) for table, rows in records.items()},
        drafts=drafts,
        full=full,
        last_export=history[0].at if history else None,
    )


def peer_role_words(role: str) -> str:
    """A role in words, for tables."""
    return _("core lead") if role == Role.CORE_LEAD.value else _("adviser")
