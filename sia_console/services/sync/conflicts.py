"""Conflicts: the losing versions that merging kept, for a person to compare and choose.

Every losing version that merging kept (``services.sync.merge``) is listed here so that a
person can compare it with the record as it now is and choose. Choosing the other
version writes its values back as a *new local change*: it gets a new clock version and
travels onward like any edit. A finalised note of visit is never changed by a resolution.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import or_
from sqlmodel import Session, col, func, select

from sia_console.bundles.records import TABLES, RecordError, columns, from_plain, to_plain
from sia_console.domain.enums import NoteStatus
from sia_console.domain.labels import field_label
from sia_console.domain.lineage import (
    LineageError,
    known_with,
    read_known,
    read_settled,
    settled_with,
)
from sia_console.domain.models import (
    ASSIGNMENT_FIELDS,
    LINEAGE_FIELDS,
    Action,
    ActionReview,
    Adviser,
    Amendment,
    Conflict,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    Setting,
    Visit,
)
from sia_console.domain.records import SyncedRecord, utc_now
from sia_console.i18n import _
from sia_console.services.errors import NotFound, ServiceError
from sia_console.services.sync.authors import Authors, Authorship, ValueWords
from sia_console.services.sync.merge import losing_details_clock

Keep = Literal["current", "other"]

_STAMPS = frozenset({"id", "created_at", "updated_at", "hlc", "origin"})
_SCHOOL_ASIDE = _STAMPS | frozenset((*ASSIGNMENT_FIELDS, *LINEAGE_FIELDS))
"""Columns that say when and where a version was written, not what it says."""


@dataclass(frozen=True)
class ConflictRow:
    """A losing version kept for a person to compare."""

    id: str
    table: str
    record_id: str
    label: str
    losing_hlc: str
    winning_hlc: str
    created_at: datetime
    resolved_at: datetime | None
    settled_by: str | None = None
    """Who settled it on their laptop, when their bundle closed it here."""

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "id": self.id,
            "table": self.table,
            "record_id": self.record_id,
            "label": self.label,
            "losing_hlc": self.losing_hlc,
            "winning_hlc": self.winning_hlc,
            "created_at": self.created_at.isoformat(),
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
            "settled_by": self.settled_by,
        }


@dataclass(frozen=True)
class FieldComparison:
    """One field of a record: the losing version's value beside the current one."""

    name: str
    other: str
    current: str
    differs: bool
    label: str = ""
    """The field in words ("Number on roll")."""


@dataclass(frozen=True)
class ConflictDetail:
    """A conflict with its two versions side by side."""

    conflict: ConflictRow
    fields: list[FieldComparison]
    locked: bool
    """True when the record belongs to a finalised note: only "keep current" is possible."""
    other: Authorship | None = None
    """Who wrote the other version, and when."""
    current: Authorship | None = None
    """Who wrote the current version, and when (``None``: the record is gone)."""

    @property
    def differing(self) -> list[FieldComparison]:
        """Only the fields whose two values differ."""
        return [field for field in self.fields if field.differs]


def _visit_label(session: Session, visit_id: str | None) -> str:
    visit = session.get(Visit, visit_id) if visit_id else None
    if visit is None:
        return ""
    school = session.get(School, visit.school_id)
    name = school.name if school else visit.school_id
    return _("{school}, {day}").format(school=name, day=visit.start.date().isoformat())


def _note_label(session: Session, note_id: str | None) -> str:
    note = session.get(NoteOfVisit, note_id) if note_id else None
    if note is None:
        return ""
    return _("note of visit: {visit}").format(visit=_visit_label(session, note.visit_id))


def _school_name(session: Session, school_id: str | None) -> str:
    school = session.get(School, school_id) if school_id else None
    return school.name if school else ""


def _label(session: Session, record: SyncedRecord) -> str:
    """A few words a person recognises the record by (its school, its date)."""
    if isinstance(record, School):
        return f"{record.name} ({record.code})"
    if isinstance(record, Adviser):
        return record.name
    if isinstance(record, Setting):
        return record.key
    if isinstance(record, Visit):
        return _visit_label(session, record.id)
    if isinstance(record, NoteOfVisit):
        return _note_label(session, record.id)
    if isinstance(record, NoteSection | Amendment):
        title = record.title if isinstance(record, NoteSection) else _("amendment")
        return f"{_note_label(session, record.note_id)} · {title}"
    if isinstance(record, Action):
        return f"{_school_name(session, record.school_id)} · {record.text[:40]}"
    if isinstance(record, ActionReview):
        action = session.get(Action, record.action_id)
        return _label(session, action) if action else ""
    if isinstance(record, RiskJudgement):
        return _("{school}, risk judged on {day}").format(
            school=_school_name(session, record.school_id), day=record.judged_on.isoformat()
        )
    if isinstance(record, Prediction):
        judgement = session.get(RiskJudgement, record.judgement_id)
        return _label(session, judgement) if judgement else ""
    return record.id


def _losing(conflict: Conflict) -> SyncedRecord:
    try:
        return from_plain(conflict.table_name, json.loads(conflict.losing_version))
    except (RecordError, ValueError) as exc:
        raise ServiceError(
            _("The other version of this {table} record cannot be read: {reason}").format(
                table=conflict.table_name, reason=exc
            )
        ) from exc


def _current(session: Session, conflict: Conflict) -> SyncedRecord | None:
    model = TABLES.get(conflict.table_name)
    return session.get(model, conflict.record_id) if model else None


def _row(session: Session, conflict: Conflict) -> ConflictRow:
    record = _current(session, conflict)
    label = _label(session, record) if record is not None else conflict.record_id
    return ConflictRow(
        id=conflict.id,
        table=conflict.table_name,
        record_id=conflict.record_id,
        label=label,
        losing_hlc=conflict.losing_hlc,
        winning_hlc=conflict.winning_hlc,
        created_at=conflict.created_at,
        resolved_at=conflict.resolved_at,
        settled_by=_name(session, conflict.settled_by_id),
    )


def _name(session: Session, adviser_id: str | None) -> str | None:
    adviser = session.get(Adviser, adviser_id) if adviser_id else None
    return adviser.name if adviser is not None else None


def unresolved_count(session: Session) -> int:
    """How many losing versions still wait for a person to choose."""
    query = select(func.count()).select_from(Conflict).where(col(Conflict.resolved_at).is_(None))
    return int(session.exec(query).one())


def list_conflicts(session: Session, include_resolved: bool = False) -> list[ConflictRow]:
    """The kept losing versions, oldest first (unresolved only unless asked).

    A version identical to the record here is kept by merging only so that a replay is
    recognised (see ``services.sync.merge``): it is resolved no later than it was kept, which
    a person's choice never is, and it is never listed.
    """
    query = select(Conflict)
    if include_resolved:
        query = query.where(
            or_(
                col(Conflict.resolved_at).is_(None),
                col(Conflict.resolved_at) > col(Conflict.created_at),
            )
        )
    else:
        query = query.where(col(Conflict.resolved_at).is_(None))
    rows = session.exec(query.order_by(col(Conflict.created_at), col(Conflict.id))).all()
    return [_row(session, conflict) for conflict in rows]


def _get(session: Session, conflict_id: str) -> Conflict:
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        raise NotFound(_("There is no conflict {id}.").format(id=conflict_id))
    return conflict


def _locked(session: Session, record: SyncedRecord | None) -> bool:
    """Whether ``record`` is, or is part of, a finalised note of visit."""
    if isinstance(record, NoteOfVisit):
        return record.status == NoteStatus.FINAL
    note_id = getattr(record, "note_id", None)
    if isinstance(note_id, str):
        note = session.get(NoteOfVisit, note_id)
        return note is not None and note.status == NoteStatus.FINAL
    return False


def conflict_detail(session: Session, conflict_id: str) -> ConflictDetail:
    """The losing version's fields beside the current record's, field by field, in words,
    with who wrote each version and when."""
    conflict = _get(session, conflict_id)
    losing = _losing(conflict)
    other = to_plain(losing)
    record = _current(session, conflict)
    current = to_plain(record) if record is not None else {}
    words = ValueWords(session)
    fields = [
        FieldComparison(
            name=name,
            other=words.shown(conflict.table_name, name, other.get(name)),
            current=words.shown(conflict.table_name, name, current.get(name)),
            differs=other.get(name) != current.get(name),
            label=field_label(name),
        )
        for name in other
        if name not in _aside(conflict.table_name)
    ]
    authors = Authors(session)
    return ConflictDetail(
        _row(session, conflict),
        fields,
        _locked(session, record),
        other=authors.of(_written(losing)),
        current=authors.of(_written(record)) if record is not None else None,
    )


def _written(record: SyncedRecord) -> str:
    """The clock version of what a comparison shows of ``record`` (a school: its details)."""
    if isinstance(record, School):
        return record.details_hlc or record.hlc
    return record.hlc


def _aside(table: str) -> frozenset[str]:
    """Fields a conflict is not about: the stamps, and a school's assignment (category and
    link adviser), which merges on its own and is never lost (see ``services.sync.merge``)."""
    return _SCHOOL_ASIDE if table == School.__tablename__ else _STAMPS


def _settle(session: Session, school: School, losing: str) -> None:
    """Write the settlement into the school, so that it travels: the writer has now seen
    the losing version, and settled it (see ``domain.lineage``). The session's clock
    stamps the school with a new version, which the other side's matching conflict closes
    with; its details keep their version unless the other version's were taken."""
    try:
        known, settled = read_known(school.details_known), read_settled(school.details_settled)
    except LineageError:
        known, settled = {}, []
    school.details_known = known_with(known, [losing])
    school.details_settled = settled_with(settled, losing)
    session.add(school)


def resolve_conflict(session: Session, conflict_id: str, keep: Keep) -> ConflictRow:
    """Keep the current record, or write the other version back as a new local change."""
    if keep not in ("current", "other"):
        raise ServiceError(_('Choose "current" or "other" to keep.'))
    conflict = _get(session, conflict_id)
    if conflict.resolved_at is not None:
        raise ServiceError(_("This conflict has already been resolved."))
    if keep == "other":
        record = _current(session, conflict)
        if record is None:
            raise NotFound(
                _("The {table} record {id} no longer exists.").format(
                    table=conflict.table_name, id=conflict.record_id
                )
            )
        if _locked(session, record):
            raise ServiceError(
                _(
                    "This note of visit has been finalised, so a sync conflict cannot change "
                    "it; keep the current version and add a dated amendment if it needs "
                    "correcting."
                )
            )
        losing = _losing(conflict)
        for name in columns(type(record)):
            if name not in _aside(conflict.table_name):
                setattr(record, name, getattr(losing, name))
        session.add(record)  # the session's clock stamps it as a new local change
    if isinstance(record := _current(session, conflict), School):
        _settle(session, record, losing_details_clock(conflict))
    conflict.resolved_at = utc_now()
    session.add(conflict)
    session.flush()
    return _row(session, conflict)
