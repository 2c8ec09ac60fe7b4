"""Plan visits, the annual programme, and list the calendar.

Visit times are naive Europe/London wall-clock times (see ``domain.models``): a visit at
09:30 stays at 09:30 across a change of clocks. Text from the command line is parsed
here, through the one date reader (:mod:`sia_console.domain.dates`), so the terminal UI
and the CLI accept and refuse exactly the same input.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, or_, select

from sia_console.domain.caseload import school_reassigned
from sia_console.domain.dates import NoSuchDate, read_date
from sia_console.domain.enums import VisitStatus
from sia_console.domain.limits import MAX_PURPOSE_CHARS, MAX_VISIT_MINUTES
from sia_console.domain.models import Adviser, NoteOfVisit, School, Visit
from sia_console.domain.programme import DEFAULT_VISIT_MINUTES
from sia_console.domain.validation import clean_text
from sia_console.domain.vocabulary import LONDON, london_today
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput, NotFound
from sia_console.services.identity import require_identity
from sia_console.services.programme.planning import ProgrammeVisitRow, plan_programme
from sia_console.services.programme.visit_rows import VisitRow, check_range
from sia_console.services.programme.visit_rows import parse_day as parse_day

__all__ = ["ProgrammeVisitRow", "VisitRow", "plan_programme", "plan_visit"]

EXAMPLE_START = "2026-11-23T09:30"


def to_london_wall_clock(value: datetime) -> datetime:
    """A naive London wall-clock time: aware values are converted, naive ones kept."""
    if value.tzinfo is None:
        return value
    return value.astimezone(LONDON).replace(tzinfo=None)


def _exists_in_london(value: datetime) -> bool:
    """False for a wall-clock time skipped when the clocks go forward (e.g. 01:30 in March)."""
    aware = value.replace(tzinfo=LONDON)
    return aware.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) == value


def parse_start(text: str, field: str = "start", today: date | None = None) -> datetime:
    """Read a date and time as a naive London wall-clock time.

    ISO 8601 (``2026-11-23T09:30``), or any date the one date reader takes followed by a
    time of day (``23/11/2026 09:30``, ``tomorrow 14:00``). A time without a zone is London
    wall-clock; a time with a zone or offset is converted to London wall-clock. Raises
    :class:`InvalidInput` with a sentence naming ``field``.
    """
    cleaned = text.strip()
    if _is_day(cleaned):
        raise InvalidInput(
            _("The {field} {value} needs a time as well as a date, for example {example}.").format(
                field=field, value=cleaned, example=EXAMPLE_START
            )
        )
    try:
        parsed = datetime.fromisoformat(cleaned)
    except ValueError as exc:
        if _looks_like_a_day(cleaned[: len("2026-11-23")]):
            raise InvalidInput(
                _(
                    "The {field} {value} is not a date and time that exists; use ISO 8601, "
                    "for example {example}."
                ).format(field=field, value=cleaned, example=EXAMPLE_START)
            ) from exc
        words = _words_and_time(cleaned, field, today or london_today())
        if words is None:
            raise InvalidInput(
                _("The {field} {value} is not a date and time; write it as {example}.").format(
                    field=field, value=cleaned or '""', example=EXAMPLE_START
                )
            ) from exc
        parsed = words
    wall_clock = to_london_wall_clock(parsed).replace(second=0, microsecond=0)
    if parsed.tzinfo is None and not _exists_in_london(wall_clock):
        raise InvalidInput(
            _("The {field} {value} does not exist in London: the clocks go forward then.").format(
                field=field, value=cleaned
            )
        )
    return wall_clock


_TIME_AT_END = re.compile(r"^(.*?)(?:\s*,\s*|\s+)(?:at\s+)?(\d{1,2})[:.](\d{2})$")


def _words_and_time(text: str, field: str, today: date) -> datetime | None:
    """A date as people write it and a time (``23/11/2026 09:30``); None when it is not one."""
    match = _TIME_AT_END.match(text)
    if match is None:
        return None
    day_text, hours, minutes = match.groups()
    try:
        day = read_date(day_text, today)
        return datetime.combine(day, time(int(hours), int(minutes)))
    except NoSuchDate as exc:
        raise InvalidInput(
            _("The {field} {value} is not a date and time that exists.").format(
                field=field, value=text
            )
        ) from exc
    except ValueError:
        return None


def _is_day(text: str) -> bool:
    """Whether ``text`` is a day alone (``2026-11-23``), without a time."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _looks_like_a_day(text: str) -> bool:
    """Whether ``text`` is written as a day (``dddd-dd-dd``), whether or not it exists."""
    return len(text) == len("2026-11-23") and text[4:5] == text[7:8] == "-"


def find_school(session: Session, code: str) -> School:
    """The link school with ``code`` (exact, else case-insensitive); :class:`NotFound`."""
    wanted = code.strip()
    school = session.exec(
        select(School).where(School.code == wanted, School.deleted == False)  # noqa: E712
    ).first()
    if school is None:
        school = session.exec(
            select(School).where(
                func.lower(School.code) == wanted.lower(),
                School.deleted == False,  # noqa: E712
            )
        ).first()
    if school is None:
        raise NotFound(_("There is no link school with code {code}.").format(code=wanted))
    return school


def plan_visit(
    session: Session,
    *,
    school_code: str,
    start: datetime,
    minutes: int | None = None,
    purpose: str = "",
    end: datetime | None = None,
) -> Visit:
    """Plan a visit by this database's adviser to the school ``school_code``, unchecked
    against the diary (``services.programme.changes.add_visit`` checks it first).

    Give the length as ``minutes`` (1 minute to 12 hours, default three hours) or as an
    explicit ``end``, not both.
    """
    visit = prepare_visit(
        session, school_code=school_code, start=start, minutes=minutes, purpose=purpose, end=end
    )
    session.add(visit)
    session.flush()
    return visit


def prepare_visit(
    session: Session,
    *,
    school_code: str,
    start: datetime,
    minutes: int | None = None,
    purpose: str = "",
    end: datetime | None = None,
) -> Visit:
    """The visit :func:`plan_visit` plans, read and checked, not yet added to the session;
    :class:`InvalidInput` or :class:`NotFound` says what is wrong."""
    adviser = require_identity(session)
    school = find_school(session, school_code)
    start = to_london_wall_clock(start)
    if end is not None and minutes is not None:
        raise InvalidInput(_("Give the length of the visit as minutes or as an end, not both."))
    if end is None:
        length = DEFAULT_VISIT_MINUTES if minutes is None else minutes
        if not 1 <= length <= MAX_VISIT_MINUTES:
            raise InvalidInput(
                _(
                    "The minutes must be from 1 to {limit} (12 hours); {value} is outside "
                    "that range."
                ).format(limit=MAX_VISIT_MINUTES, value=length)
            )
        end = start + timedelta(minutes=length)
    else:
        end = to_london_wall_clock(end)
        if end <= start:
            raise InvalidInput(
                _("The end {end} is not after the start {start}.").format(
                    end=end.isoformat(timespec="minutes"), start=start.isoformat(timespec="minutes")
                )
            )
        if end - start > timedelta(minutes=MAX_VISIT_MINUTES):
            raise InvalidInput(_("The end is more than 12 hours after the start."))
    problems: list[str] = []
    cleaned = clean_text(purpose, _("purpose"), MAX_PURPOSE_CHARS, problems) or ""
    if problems:
        raise InvalidInput(_("The visit was not planned: {problem}.").format(problem=problems[0]))
    return Visit(
        school_id=school.id,
        adviser_id=adviser.id,
        start=start,
        end=end,
        purpose=cleaned,
        status=VisitStatus.PLANNED,
    )


def visit_row(session: Session, visit: Visit) -> VisitRow:
    """The calendar row of one visit."""
    school = session.get(School, visit.school_id)
    adviser = session.get(Adviser, visit.adviser_id) if visit.adviser_id else None
    note = session.exec(
        select(NoteOfVisit).where(
            NoteOfVisit.visit_id == visit.id,
            NoteOfVisit.deleted == False,  # noqa: E712
        )
    ).first()
    return _row(visit, school, adviser, note, _moved_to(session, [visit]))


def _moved_to(session: Session, visits: list[Visit]) -> dict[str, datetime]:
    """When the visits that took the place of postponed ones start, by their ids."""
    wanted = {visit.moved_to_id for visit in visits if visit.moved_to_id}
    if not wanted:
        return {}
    rows = session.exec(
        select(Visit.id, Visit.start).where(
            col(Visit.id).in_(wanted),
            Visit.deleted == False,  # noqa: E712
        )
    )
    return dict(rows.all())


def _row(
    visit: Visit,
    school: School | None,
    adviser: Adviser | None,
    note: NoteOfVisit | None,
    moved: dict[str, datetime] | None = None,
) -> VisitRow:
    return VisitRow(
        id=visit.id,
        school_code=school.code if school else "",
        school_name=school.name if school else "",
        start=visit.start,
        end=visit.end,
        purpose=visit.purpose,
        status=visit.status,
        programme_slot=visit.programme_slot,
        adviser_name=adviser.name if adviser else None,
        note_id=note.id if note else None,
        note_status=note.status if note else None,
        status_reason=visit.status_reason,
        moved_to=(moved or {}).get(visit.moved_to_id or ""),
        reassigned=school_reassigned(
            visit.status, visit.adviser_id, school.adviser_id if school else None
        ),
    )


def list_visits(
    session: Session,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    school_code: str | None = None,
    diary_of: str | None = None,
) -> list[VisitRow]:
    """Visits ordered by start, optionally from/to dates (inclusive), for one school, and
    in the diary of one adviser (``diary_of``: their visits and visits with no adviser)."""
    check_range(date_from, date_to)
    query = (
        select(Visit, School, Adviser, NoteOfVisit)
        .join(School, col(School.id) == col(Visit.school_id))
        .join(Adviser, col(Adviser.id) == col(Visit.adviser_id), isouter=True)
        .join(
            NoteOfVisit,
            (col(NoteOfVisit.visit_id) == col(Visit.id)) & (col(NoteOfVisit.deleted) == False),  # noqa: E712
            isouter=True,
        )
        .where(Visit.deleted == False)  # noqa: E712
    )
    if school_code is not None:
        school = find_school(session, school_code)
        query = query.where(Visit.school_id == school.id)
    if diary_of is not None:
        query = query.where(or_(col(Visit.adviser_id).is_(None), col(Visit.adviser_id) == diary_of))
    if date_from is not None:
        query = query.where(col(Visit.start) >= datetime.combine(date_from, datetime.min.time()))
    if date_to is not None:
        after = datetime.combine(date_to + timedelta(days=1), datetime.min.time())
        query = query.where(col(Visit.start) < after)
    query = query.order_by(col(Visit.start), col(School.name), col(Visit.id))
    found = session.exec(query).all()
    moved = _moved_to(session, [visit for visit, *_rest in found])
    return [_row(visit, school, adviser, note, moved) for visit, school, adviser, note in found]
