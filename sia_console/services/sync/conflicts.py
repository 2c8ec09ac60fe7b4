"""Conflicts: the losing versions that merging kept, for a person to compare and choose.

Every losing version that merging kept (``services.sync.merge``) is listed here so that a
person can compare it with the record as it now is and choose. Choosing the other
version writes its values back as a *new local change*: it gets a new clock version and
travels onward like any edit. A finalised note of visit is never changed by a resolution.
The line of each conflict in a list (:class:`ConflictRow`) is made by
:mod:`.conflict_rows`, which reads a list's records a kind at a time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
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
    Conflict,
    NoteOfVisit,
    School,
)
from sia_console.domain.records import SyncedRecord, utc_now
from sia_console.i18n import _
from sia_console.services.errors import NotFound, ServiceError
from sia_console.services.sync.authors import Authors, Authorship, ValueWords
from sia_console.services.sync.conflict_rows import ConflictRow as ConflictRow  # (its home)
from sia_console.services.sync.conflict_rows import Records, conflict_rows
from sia_console.services.sync.merge import losing_details_clock

Keep = Literal["current", "other"]

_STAMPS = frozenset({"id", "created_at", "updated_at", "hlc", "origin"})
_SCHOOL_ASIDE = _STAMPS | frozenset((*ASSIGNMENT_FIELDS, *LINEAGE_FIELDS))
"""Columns that say when and where a version was written, not what it says."""


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


def losing_record(conflict: Conflict) -> SyncedRecord:
    """The other version a conflict keeps, as a record (:class:`ServiceError` when it cannot
    be read)."""
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
    return conflict_rows(session, rows)


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
    losing = losing_record(conflict)
    other = to_plain(losing)
    records = Records(session)
    [row] = conflict_rows(session, [conflict], records)
    record = records.current(conflict)
    current = to_plain(record) if record is not None else {}
    words = ValueWords(session)
    table = conflict.table_name
    fields = [
        FieldComparison(
            name=name,
            other=words.shown(table, name, other.get(name)),
            current=words.shown(table, name, current.get(name)),
            differs=differs,
            label=field_label(name),
        )
        for name, differs in compared(table, other, current).items()
    ]
    authors = Authors(session)
    return ConflictDetail(
        row,
        fields,
        _locked(session, record),
        other=authors.of(written(losing)),
        current=authors.of(written(record)) if record is not None else None,
    )


def compared(table: str, other: dict[str, Any], current: dict[str, Any]) -> dict[str, bool]:
    """The fields a comparison of two versions of a ``table`` record shows (those of the
    other version, but its stamps and a school's assignment: see :func:`_aside`), each
    with whether its two values differ."""
    aside = _aside(table)
    return {name: other.get(name) != current.get(name) for name in other if name not in aside}


def written(record: SyncedRecord) -> str:
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
        losing = losing_record(conflict)
        for name in columns(type(record)):
            if name not in _aside(conflict.table_name):
                setattr(record, name, getattr(losing, name))
        session.add(record)  # the session's clock stamps it as a new local change
    if isinstance(record := _current(session, conflict), School):
        _settle(session, record, losing_details_clock(conflict))
    conflict.resolved_at = utc_now()
    session.add(conflict)
    session.flush()
    [row] = conflict_rows(session, [conflict])
    return row
