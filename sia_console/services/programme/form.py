"""The visit dialog's fields, as typed, read and checked: school, date, start time,
length and purpose.

Everything the dialog hands over is text; it is read here (dates through the one date
reader, :mod:`sia_console.domain.dates`) so that every problem can be shown beside its
field and nothing is saved until every field is right
(:mod:`sia_console.services.programme.changes` saves).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session

from sia_console.domain.dates import DateError, read_date
from sia_console.domain.limits import MAX_PURPOSE_CHARS, MAX_VISIT_MINUTES
from sia_console.domain.programme import DEFAULT_VISIT_MINUTES
from sia_console.domain.validation import clean_text
from sia_console.domain.vocabulary import fold, london_today
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput
from sia_console.services.programme.calendar import SchoolChoice, school_choices
from sia_console.services.programme.visits import find_school, parse_start

_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h]?(\d{2}))?$")
_LENGTH = re.compile(r"^(?:(\d{1,2})\s*(?:h|:)\s*(\d{0,2})|(\d{1,4}))\s*(?:m|min|mins|minutes)?$")


@dataclass(frozen=True)
class VisitForm:
    """The fields of the visit dialog, as typed."""

    school: str
    day: str
    start_time: str
    minutes: str
    purpose: str = ""


@dataclass(frozen=True)
class VisitFields:
    """A form whose every field has been read and checked."""

    school: SchoolChoice
    school_id: str
    start: datetime
    minutes: int
    purpose: str

    @property
    def end(self) -> datetime:
        """When the visit ends."""
        return self.start + timedelta(minutes=self.minutes)


def empty_form(day: date, school: SchoolChoice | None = None) -> VisitForm:
    """The dialog's starting values for a new visit on ``day``: a morning, three hours."""
    return VisitForm(
        school=school.label if school else "",
        day=day.isoformat(),
        start_time="09:00",
        minutes=str(DEFAULT_VISIT_MINUTES),
    )


def resolve_school(choices: tuple[SchoolChoice, ...], text: str) -> SchoolChoice:
    """The link school meant by ``text``: a code, ``Name (code)``, or a unique part of a name."""
    wanted = text.strip()
    if not wanted:
        raise InvalidInput(_("school: choose one of your link schools"))
    for choice in choices:
        if wanted in (choice.code, choice.label) or wanted.casefold() == choice.code.casefold():
            return choice
    key = fold(wanted)
    exact = [choice for choice in choices if fold(choice.name) == key]
    if len(exact) == 1:
        return exact[0]
    words = key.split()
    partial = [c for c in choices if all(w in fold(f"{c.name} {c.code}") for w in words)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise InvalidInput(
            _("school: “{text}” matches {count} link schools; choose one from the list").format(
                text=wanted, count=len(partial)
            )
        )
    raise InvalidInput(_("school: “{text}” is not one of your link schools").format(text=wanted))


def parse_form_day(text: str, today: date | None = None) -> date:
    """A date as the one date reader takes it (``23/11/2026``, ``2026-11-23``, ``23 Nov``,
    ``tomorrow``, ``Friday`` …); :class:`InvalidInput` says whether it could not be read or
    does not exist."""
    try:
        return read_date(text, today or london_today())
    except DateError as exc:
        raise InvalidInput(exc.sentence(_("date"))) from exc


def parse_form_time(text: str) -> time:
    """A time of day written ``09:30``, ``9.30`` or ``0930``."""
    cleaned = text.strip()
    match = _CLOCK.match(cleaned)
    try:
        if not match:
            raise ValueError(cleaned)
        return time(int(match.group(1)), int(match.group(2) or 0))
    except ValueError as exc:
        raise InvalidInput(
            _("start time: {value} is not a time of day (write it as 09:30)").format(
                value=cleaned or '""'
            )
        ) from exc


def parse_form_minutes(text: str) -> int:
    """A length written in minutes (``180``) or hours and minutes (``3h``, ``2:30``)."""
    cleaned = text.strip().lower()
    match = _LENGTH.match(cleaned)
    if not match:
        raise InvalidInput(
            _("length: {value} is not a length of time (write minutes, like 180, or 3h)").format(
                value=text.strip() or '""'
            )
        )
    hours, extra, minutes_only = match.groups()
    minutes = int(minutes_only) if minutes_only else int(hours) * 60 + int(extra or 0)
    if not 1 <= minutes <= MAX_VISIT_MINUTES:
        raise InvalidInput(
            _("length: {value} minutes is outside 1 minute to 12 hours").format(value=minutes)
        )
    return minutes


def read_form(session: Session, form: VisitForm, today: date | None = None) -> VisitFields:
    """Every field read and checked; one :class:`InvalidInput` lists every problem."""
    problems: list[str] = []
    school: SchoolChoice | None = None
    day: date | None = None
    clock: time | None = None
    minutes = 0
    try:
        school = resolve_school(school_choices(session), form.school)
    except InvalidInput as exc:
        problems.append(str(exc))
    for read in ("day", "time", "minutes"):
        try:
            if read == "day":
                day = parse_form_day(form.day, today)
            elif read == "time":
                clock = parse_form_time(form.start_time)
            else:
                minutes = parse_form_minutes(form.minutes)
        except InvalidInput as exc:
            problems.append(str(exc))
    purpose = clean_text(form.purpose, _("purpose"), MAX_PURPOSE_CHARS, problems) or ""
    start: datetime | None = None
    if day is not None and clock is not None:
        try:
            start = parse_start(datetime.combine(day, clock).isoformat(), _("start time"))
        except InvalidInput as exc:
            problems.append(str(exc))
    if problems or school is None or start is None:
        raise InvalidInput(
            _("The visit was not saved: {problem}.").format(problem=problems[0]), problems
        )
    school_id = find_school(session, school.code).id
    return VisitFields(school, school_id, start, minutes, purpose)
