"""Export the adviser's visits as an iCalendar file, for Outlook or Google Calendar.

Called by ``sia-console calendar export-ics --out FILE`` and by the calendar screen. The
file is written atomically: a failed export leaves no half-written file, and never over
a file already there (the export rule of ``services.export_files``: the next free name,
or, on the command line, a refusal unless ``--force``) but its own earlier calendar,
which it brings up to date so that a calendar subscribed to it follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from sia_console.domain.enums import VisitStatus
from sia_console.domain.labels import capitalised, visit_status_words
from sia_console.domain.models import School, Visit
from sia_console.i18n import N_, _
from sia_console.services.errors import InvalidInput
from sia_console.services.export_files import Existing, named_file
from sia_console.services.identity import current_identity
from sia_console.storage.atomic import atomic_write_bytes

_STATUS_PREFIX = {
    VisitStatus.CANCELLED: N_("Cancelled: "),
    VisitStatus.POSTPONED: N_("Postponed: "),
}


@dataclass(frozen=True)
class IcsExport:
    """What an export wrote."""

    path: Path
    events: int
    cancelled: int
    """Of the events, how many are cancelled or postponed visits."""


def check_output(out: Path) -> Path:
    """Refuse a path that is a folder or whose folder does not exist."""
    path = out.expanduser()
    if path.is_dir():
        raise InvalidInput(
            _("{path} is a folder; give a file name, such as visits.ics.").format(path=path)
        )
    if not path.parent.is_dir():
        raise InvalidInput(_("The folder {folder} does not exist.").format(folder=path.parent))
    return path


def export_ics(
    session: Session,
    out: Path,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    existing: Existing = Existing.NEW_NAME,
) -> IcsExport:
    """Write the adviser's visits (every status; deleted ones never) to ``out`` (a file
    already there: by ``existing``, see ``services.export_files``)."""
    from sia_console.formats.ics import (  # only when exporting
        IcsVisit,
        calendar_name_of,
        write_calendar,
    )

    path = check_output(out)
    if date_from is not None and date_to is not None and date_to < date_from:
        raise InvalidInput(
            _("The to date {to} is before the from date {start}.").format(
                to=date_to.isoformat(), start=date_from.isoformat()
            )
        )
    adviser = current_identity(session)
    conditions: list[ColumnElement[bool]] = [
        col(Visit.deleted).is_(False),
        col(School.deleted).is_(False),
    ]
    if adviser is not None:
        conditions.append((col(Visit.adviser_id) == adviser.id) | col(Visit.adviser_id).is_(None))
    if date_from is not None:
        conditions.append(col(Visit.start) >= datetime.combine(date_from, time.min))
    if date_to is not None:
        conditions.append(
            col(Visit.start) < datetime.combine(date_to + timedelta(days=1), time.min)
        )
    statement = (
        select(Visit, School)
        .join(School, col(School.id) == col(Visit.school_id))
        .where(*conditions)
        .order_by(col(Visit.start), col(Visit.id))
    )
    visits: list[IcsVisit] = []
    for visit, school in session.exec(statement):
        prefix = _(_STATUS_PREFIX[visit.status]) if visit.status in _STATUS_PREFIX else ""
        location = ", ".join(part for part in (school.name, school.postcode) if part)
        visits.append(
            IcsVisit(
                visit_id=visit.id,
                start=visit.start,
                end=visit.end,
                summary=_("{prefix}Visit to {school}").format(prefix=prefix, school=school.name),
                description="\n".join(
                    part
                    for part in (
                        visit.purpose,
                        _reason(visit, session),
                        _("School code: {code}").format(code=school.code),
                    )
                    if part
                ),
                location=location,
                status=visit.status,
                created_at=visit.created_at,
                updated_at=visit.updated_at,
            )
        )
    name = (
        _("School visits: {adviser}").format(adviser=adviser.name)
        if adviser is not None
        else _("School visits")
    )
    path = named_file(path, existing, own=lambda there: calendar_name_of(there) == name)
    atomic_write_bytes(path, write_calendar(visits, name=name))
    cancelled = sum(v.status in (VisitStatus.CANCELLED, VisitStatus.POSTPONED) for v in visits)
    return IcsExport(path=path, events=len(visits), cancelled=cancelled)


def _reason(visit: Visit, session: Session) -> str:
    """Why a cancelled or postponed visit is so, and when it now takes place."""
    if visit.status not in (VisitStatus.CANCELLED, VisitStatus.POSTPONED):
        return ""
    moved = session.get(Visit, visit.moved_to_id) if visit.moved_to_id else None
    if not visit.status_reason and moved is None:
        return ""
    words = visit_status_words(
        visit.status, visit.status_reason, moved.start if moved and not moved.deleted else None
    )
    return capitalised(words)
