"""The line of each conflict in a list: which record, in words a person recognises it by.

A conflict names its record by table and id; its line names it by what a person knows it
by (the school and day of a visit, the note of a section, the school of an action), which
means reading the record, then what it belongs to, up to its school. Read one conflict
at a time, that is a few statements per conflict, and a list of fifty conflicts a few
hundred. :class:`Records` reads instead by kind of record: every label of the list is
worked out, the records it lacked are read in one statement per kind, and the labels
are worked out again, until none lacks anything (as many rounds as the deepest chain:
a note's section, its note, the visit, the school). So a list costs the same few
statements for one conflict or for fifty.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, col, select

from sia_console.bundles.records import TABLES
from sia_console.domain.models import (
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
from sia_console.domain.records import SyncedRecord
from sia_console.i18n import _

Model = TypeVar("Model", bound=SyncedRecord)

MAX_ROUNDS = 8
"""More rounds than the deepest chain a label reads (section, note, visit, school)."""


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


class Records:
    """Records by kind and id, read a kind at a time.

    :meth:`get` answers from what has been read and notes what it lacks (answering
    ``None`` for it meanwhile); :meth:`read_wanted` reads everything noted, one statement
    per kind however many ids. A record looked for and not found is remembered as such.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._found: defaultdict[type[SyncedRecord], dict[str, Any]] = defaultdict(dict)
        self._wanted: defaultdict[type[SyncedRecord], set[str]] = defaultdict(set)

    def get(self, model: type[Model], record_id: str | None) -> Model | None:
        """The record ``record_id`` of ``model`` if it has been read (else noted as wanted)."""
        if not record_id:
            return None
        found = self._found[model]
        if record_id in found:
            record: Model | None = found[record_id]
            return record
        self._wanted[model].add(record_id)
        return None

    def read_wanted(self) -> bool:
        """Read every record noted as wanted; whether there was any."""
        wanted = {model: ids for model, ids in self._wanted.items() if ids}
        self._wanted.clear()
        for model, ids in wanted.items():
            found = self._found[model]
            # (the ids as one JSON array: one parameter, one statement, however many)
            listed = func.json_each(json.dumps(sorted(ids))).table_valued("value")
            query = select(model).where(col(model.id).in_(select(listed.c.value)))
            for record in self.session.exec(query):
                found[record.id] = record
            for record_id in ids:
                found.setdefault(record_id, None)
        return bool(wanted)

    def current(self, conflict: Conflict) -> SyncedRecord | None:
        """The record a conflict is about, as it now is here."""
        model = TABLES.get(conflict.table_name)
        return self.get(model, conflict.record_id) if model is not None else None


def conflict_rows(
    session: Session, conflicts: Sequence[Conflict], records: Records | None = None
) -> list[ConflictRow]:
    """A line for each of ``conflicts``, in their order, read by kind (see the module);
    ``records`` keeps what was read, for the caller to read the current records from."""
    records = records if records is not None else Records(session)
    for _round in range(MAX_ROUNDS):
        rows = [_row(records, conflict) for conflict in conflicts]
        if not records.read_wanted():
            return rows
    return [_row(records, conflict) for conflict in conflicts]  # (never reached)


def _row(records: Records, conflict: Conflict) -> ConflictRow:
    record = records.current(conflict)
    settler = records.get(Adviser, conflict.settled_by_id)
    return ConflictRow(
        id=conflict.id,
        table=conflict.table_name,
        record_id=conflict.record_id,
        label=_label(records, record) if record is not None else conflict.record_id,
        losing_hlc=conflict.losing_hlc,
        winning_hlc=conflict.winning_hlc,
        created_at=conflict.created_at,
        resolved_at=conflict.resolved_at,
        settled_by=settler.name if settler is not None else None,
    )


def _visit_label(records: Records, visit_id: str | None) -> str:
    visit = records.get(Visit, visit_id)
    if visit is None:
        return ""
    school = records.get(School, visit.school_id)
    name = school.name if school else visit.school_id
    return _("{school}, {day}").format(school=name, day=visit.start.date().isoformat())


def _note_label(records: Records, note_id: str | None) -> str:
    note = records.get(NoteOfVisit, note_id)
    if note is None:
        return ""
    return _("note of visit: {visit}").format(visit=_visit_label(records, note.visit_id))


def _school_name(records: Records, school_id: str | None) -> str:
    school = records.get(School, school_id)
    return school.name if school else ""


def _label(records: Records, record: SyncedRecord) -> str:
    """A few words a person recognises the record by (its school, its date)."""
    if isinstance(record, School):
        return f"{record.name} ({record.code})"
    if isinstance(record, Adviser):
        return record.name
    if isinstance(record, Setting):
        return record.key
    if isinstance(record, Visit):
        return _visit_label(records, record.id)
    if isinstance(record, NoteOfVisit):
        return _note_label(records, record.id)
    if isinstance(record, NoteSection | Amendment):
        title = record.title if isinstance(record, NoteSection) else _("amendment")
        return f"{_note_label(records, record.note_id)} · {title}"
    if isinstance(record, Action):
        return f"{_school_name(records, record.school_id)} · {record.text[:40]}"
    if isinstance(record, ActionReview):
        action = records.get(Action, record.action_id)
        return _label(records, action) if action else ""
    if isinstance(record, RiskJudgement):
        return _("{school}, risk judged on {day}").format(
            school=_school_name(records, record.school_id), day=record.judged_on.isoformat()
        )
    if isinstance(record, Prediction):
        judgement = records.get(RiskJudgement, record.judgement_id)
        return _label(records, judgement) if judgement else ""
    return record.id
