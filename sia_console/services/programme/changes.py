"""Plan, edit, reschedule, cancel and postpone a visit, after the clash and sense checks.

The visit dialog hands over what was typed, as text; :mod:`.form` reads and checks every
field, so the dialog can show each problem beside its field and nothing is saved until
every field is right. The command line hands over values (:func:`add_visit`). Both go through
the same rule: an overlap with another visit in the adviser's diary, a weekend or a bank
holiday is refused unless confirmed, and every other finding (a day outside term, the
same school twice in a week …) comes back with the saved visit as a warning. Cancelling
and postponing change the visit's status, with the adviser's reason, and keep the record;
re-dating a postponed visit plans a new visit on the new date and links the postponed one
to it, so the postponement is never lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from sia_console.domain.clashes import Concern
from sia_console.domain.enums import VisitStatus
from sia_console.domain.limits import MAX_REASON_CHARS
from sia_console.domain.models import Action, NoteOfVisit, RiskJudgement, School, Visit
from sia_console.domain.validation import clean_text
from sia_console.domain.vocabulary import clock
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput, NotFound, ServiceError
from sia_console.services.programme.calendar import SchoolChoice, concerns_for

# the dialog's fields, read in .form, still found here by the dialog and the tests
from sia_console.services.programme.form import VisitFields, read_form
from sia_console.services.programme.form import VisitForm as VisitForm
from sia_console.services.programme.form import empty_form as empty_form
from sia_console.services.programme.form import parse_form_day as parse_form_day
from sia_console.services.programme.form import parse_form_minutes as parse_form_minutes
from sia_console.services.programme.form import parse_form_time as parse_form_time
from sia_console.services.programme.form import resolve_school as resolve_school
from sia_console.services.programme.visits import plan_visit, prepare_visit


class NeedsConfirmation(ServiceError):
    """The visit overlaps another in the adviser's diary, or falls on a weekend or a bank
    holiday; save again to confirm."""

    def __init__(self, message: str, concerns: list[Concern]) -> None:
        super().__init__(message)
        self.concerns = concerns


@dataclass(frozen=True)
class EditableVisit:
    """A stored visit, as the dialog shows it for editing."""

    id: str
    form: VisitForm
    status: VisitStatus
    school_name: str


@dataclass(frozen=True)
class SavedVisit:
    """What a save did."""

    id: str
    start: datetime
    status: VisitStatus
    created: bool
    changed: bool
    warnings: tuple[Concern, ...] = ()
    """What the checks found, overlaps confirmed included, for the adviser to read."""


def check_form(
    session: Session, form: VisitForm, visit_id: str | None = None, today: date | None = None
) -> tuple[VisitFields, list[Concern]]:
    """The checked fields and what the clash and sense checks say about them."""
    fields = read_form(session, form, today)
    concerns = concerns_for(
        session,
        school_id=fields.school_id,
        start=fields.start,
        end=fields.end,
        visit_id=visit_id,
        today=today,
    )
    return fields, concerns


def find_visit_id(session: Session, wanted: str) -> str:
    """The id of the visit ``wanted`` names: its id, or the start of it (at least 8
    characters, as ``visits list`` shows it) when that is one visit's alone."""
    text = wanted.strip().lower()
    if len(text) >= 8:
        found = session.exec(
            select(Visit.id).where(col(Visit.id).startswith(text), col(Visit.deleted).is_(False))
        ).all()
        if len(found) == 1:
            return found[0]
    raise NotFound(_("There is no visit with id {id}.").format(id=wanted.strip()))


def _live_visit(session: Session, visit_id: str) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted:
        raise NotFound(_("There is no visit with id {id}.").format(id=visit_id))
    return visit


def save_visit(
    session: Session,
    form: VisitForm,
    *,
    visit_id: str | None = None,
    confirmed: bool = False,
    today: date | None = None,
) -> SavedVisit:
    """Plan a new visit, or change the visit ``visit_id``, from the form.

    Raises :class:`InvalidInput` for a wrong field and :class:`NeedsConfirmation` for an
    overlap, a weekend or a bank holiday not confirmed; nothing is written in either case.
    Moving a postponed visit to another day plans a new visit there and links the
    postponed one to it (the postponement and its reason are kept).
    """
    fields, concerns = check_form(session, form, visit_id, today)
    refuse_unconfirmed(concerns, confirmed)
    warnings = tuple(concerns)
    if visit_id is None:
        visit = plan_visit(
            session,
            school_code=fields.school.code,
            start=fields.start,
            minutes=fields.minutes,
            purpose=fields.purpose,
        )
        return SavedVisit(
            visit.id, visit.start, visit.status, created=True, changed=True, warnings=warnings
        )
    visit = _live_visit(session, visit_id)
    if visit.status is VisitStatus.POSTPONED and fields.start != visit.start:
        return _replan_postponed(session, visit, fields, warnings)
    changes = {
        "school_id": fields.school_id,
        "start": fields.start,
        "end": fields.end,
        "purpose": fields.purpose,
    }
    changed = False
    if visit.school_id != fields.school_id:
        _move_note_records(session, visit, fields.school_id)
    for name, value in changes.items():
        if getattr(visit, name) != value:
            setattr(visit, name, value)  # only what changes: the stamp says what was edited
            changed = True
    if changed:
        session.add(visit)
        session.flush()
    return SavedVisit(
        visit.id, visit.start, visit.status, created=False, changed=changed, warnings=warnings
    )


def _replan_postponed(
    session: Session, postponed: Visit, fields: VisitFields, warnings: tuple[Concern, ...]
) -> SavedVisit:
    """The visit on the postponed one's new date, planned, with the postponed one linked
    to it (a second re-dating moves the new visit itself)."""
    if postponed.moved_to_id is not None:
        later = session.get(Visit, postponed.moved_to_id)
        if later is not None and not later.deleted:
            later.school_id, later.start, later.end = fields.school_id, fields.start, fields.end
            later.purpose = fields.purpose
            session.add(later)
            session.flush()
            return SavedVisit(
                later.id, later.start, later.status, created=False, changed=True, warnings=warnings
            )
    visit = plan_visit(
        session,
        school_code=fields.school.code,
        start=fields.start,
        minutes=fields.minutes,
        purpose=fields.purpose,
    )
    visit.programme_year, visit.programme_slot = postponed.programme_year, postponed.programme_slot
    postponed.moved_to_id = visit.id
    session.add_all([visit, postponed])
    session.flush()
    return SavedVisit(
        visit.id, visit.start, visit.status, created=True, changed=True, warnings=warnings
    )


def add_visit(
    session: Session,
    *,
    school_code: str,
    start: datetime,
    minutes: int | None = None,
    end: datetime | None = None,
    purpose: str = "",
    confirmed: bool = False,
) -> SavedVisit:
    """Plan a visit from values (as ``visits add`` gives them) after the same checks as
    :func:`save_visit`; what they found comes back in ``warnings``.

    Raises :class:`InvalidInput` or :class:`NotFound` for a wrong value and
    :class:`NeedsConfirmation` for an overlap, a weekend or a bank holiday not confirmed;
    nothing is written then. The command line confirms by asking for the visit (it has
    nobody to ask) and names them among the warnings.
    """
    visit = prepare_visit(
        session, school_code=school_code, start=start, minutes=minutes, purpose=purpose, end=end
    )
    concerns = concerns_for(session, school_id=visit.school_id, start=visit.start, end=visit.end)
    refuse_unconfirmed(concerns, confirmed)
    session.add(visit)
    session.flush()
    return SavedVisit(
        visit.id, visit.start, visit.status, created=True, changed=True, warnings=tuple(concerns)
    )


def refuse_unconfirmed(concerns: list[Concern], confirmed: bool) -> None:
    """:class:`NeedsConfirmation` when ``concerns`` hold an overlap, a weekend or a bank
    holiday and it is not confirmed (``domain.clashes.CONFIRMED_KINDS``): the findings a
    save must not pass unasked, in the terminal UI and on the command line alike."""
    asked = [concern for concern in concerns if concern.needs_confirmation]
    if asked and not confirmed:
        raise NeedsConfirmation(asked[0].message, asked)


def _move_note_records(session: Session, visit: Visit, school_id: str) -> None:
    """A visit moved to another school takes its note's actions and judgement with it:
    they are about the school of their visit (a bundle is refused otherwise)."""
    note = session.exec(select(NoteOfVisit).where(NoteOfVisit.visit_id == visit.id)).first()
    if note is None:
        return
    records: list[Action | RiskJudgement] = [
        *session.exec(select(Action).where(Action.note_id == note.id)),
        *session.exec(select(RiskJudgement).where(RiskJudgement.note_id == note.id)),
    ]
    for record in records:
        if record.school_id != school_id:
            record.school_id = school_id
            session.add(record)


def editable_visit(session: Session, visit_id: str) -> EditableVisit:
    """A stored visit's fields, as the dialog shows them."""
    visit = _live_visit(session, visit_id)
    school = session.get(School, visit.school_id)
    name = school.name if school else ""
    minutes = max(int((visit.end - visit.start).total_seconds() // 60), 1)
    form = VisitForm(
        school=SchoolChoice(school.code, name).label if school else "",
        day=visit.start.date().isoformat(),
        start_time=clock(visit.start),
        minutes=str(minutes),
        purpose=visit.purpose,
    )
    return EditableVisit(visit.id, form, visit.status, name)


def set_visit_status(
    session: Session, visit_id: str, status: VisitStatus, reason: str = ""
) -> SavedVisit:
    """Cancel, postpone, reinstate or mark done a visit; the record is always kept.

    A cancelled or postponed visit keeps ``reason`` (one line, why); a visit planned again
    or done has none.
    """
    visit = _live_visit(session, visit_id)
    kept: str | None = None
    if status in (VisitStatus.CANCELLED, VisitStatus.POSTPONED):
        problems: list[str] = []
        kept = clean_text(reason, _("reason"), MAX_REASON_CHARS, problems) or None
        if problems:
            raise InvalidInput(
                _("The visit was not changed: {problem}.").format(problem=problems[0])
            )
    changed = visit.status is not status or visit.status_reason != kept
    if changed:
        visit.status = status
        visit.status_reason = kept
        session.add(visit)
        session.flush()
    return SavedVisit(visit.id, visit.start, visit.status, created=False, changed=changed)
