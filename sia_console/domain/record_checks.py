"""What a synced record may hold, whichever laptop wrote it.

The editor, the command line and the CSV import each refuse a value out of range before
it is saved; a record that arrives in a bundle was saved somewhere else, by a program we
did not run. So every record read from a bundle is held to the same rules here: the
limits of :mod:`sia_console.domain.limits`, ids that are UUIDs, percentages that are
finite and between 0 and 100, days in a sane window, a visit that ends after it starts,
and no control character in a field that is shown on one line.

:func:`problem` returns the first thing wrong as ``(field, sentence)``, or ``None``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from sia_console.domain import limits, lineage
from sia_console.domain.enums import Cohort, HeadResponse, Measure
from sia_console.domain.models import (
    Action,
    ActionReview,
    Adviser,
    Amendment,
    AssignmentChange,
    CategoryChange,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    SchoolYearSummary,
    Setting,
    Visit,
)
from sia_console.domain.records import SyncedRecord
from sia_console.domain.validation import EMAIL, has_control_characters
from sia_console.i18n import _

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
"""The canonical text of a UUID, as :func:`sia_console.domain.records.new_id` writes it."""

Problem = tuple[str, str]

_COHORTS = frozenset(c.value for c in Cohort)
_MEASURES = frozenset(m.value for m in Measure)
_RESPONSES = frozenset(r.value for r in HeadResponse)

_ONE_LINE: dict[type[SyncedRecord], tuple[str, ...]] = {
    Setting: ("key",),
    Adviser: ("name", "email", "authority"),
    School: (
        "code",
        "name",
        "local_authority",
        "cluster",
        "headteacher",
        "email",
        "phone",
        "postcode",
        "category",
    ),
    Visit: ("purpose", "status_reason"),
    NoteOfVisit: ("template", "head_response"),
    NoteSection: ("key", "title"),
    Amendment: ("section_key",),
    Action: ("owner",),
    CategoryChange: ("previous_category", "category", "reason"),
    AssignmentChange: ("reason",),
}
"""Fields shown on one line, where a control character is never typed (the editor and
the CSV import refuse one)."""

_LONGEST: dict[tuple[type[SyncedRecord], str], int] = {
    (NoteSection, "text"): limits.MAX_SECTION_CHARS,
    (Amendment, "text"): limits.MAX_AMENDMENT_CHARS,
    (RiskJudgement, "rationale"): limits.MAX_RATIONALE_CHARS,
    (Action, "text"): limits.MAX_ACTION_CHARS,
    (Action, "owner"): limits.MAX_OWNER_CHARS,
    (ActionReview, "comment"): limits.MAX_COMMENT_CHARS,
    (Visit, "purpose"): limits.MAX_PURPOSE_CHARS,
    (Visit, "status_reason"): limits.MAX_REASON_CHARS,
    (NoteOfVisit, "head_response_comment"): limits.MAX_COMMENT_CHARS,
    (SchoolYearSummary, "text"): limits.MAX_SECTION_CHARS,
}
"""Text limits the editor sets beyond what the table's columns say."""

_IDS: dict[type[SyncedRecord], tuple[str, ...]] = {
    School: ("adviser_id",),
    Visit: ("school_id", "adviser_id", "moved_to_id"),
    NoteOfVisit: ("visit_id",),
    NoteSection: ("note_id",),
    Amendment: ("note_id", "author_id"),
    Action: ("note_id", "school_id"),
    ActionReview: ("action_id", "note_id"),
    RiskJudgement: ("note_id", "school_id"),
    Prediction: ("judgement_id",),
    CategoryChange: ("school_id",),
    AssignmentChange: ("school_id", "previous_adviser_id", "adviser_id"),
    SchoolYearSummary: ("school_id", "adviser_id"),
}
"""Fields that refer to another record by its id."""


def _common(record: SyncedRecord) -> Problem | None:
    model = type(record)
    values = record.__dict__  # as set by the reader: no ORM work per field
    for name in ("id", "origin", *_IDS.get(model, ())):
        value = values.get(name)
        if value is None and name not in ("id", "origin"):
            continue
        if not isinstance(value, str) or not UUID.fullmatch(value):
            return name, _("is not a record id")
    for name in model.model_fields:
        value = values.get(name)
        if isinstance(value, datetime):
            if not limits.in_day_window(value.date()):
                return name, _("{day} is not a day a record can name").format(
                    day=value.date().isoformat()
                )
        elif isinstance(value, date) and not limits.in_day_window(value):
            return name, _("{day} is not a day a record can name").format(day=value.isoformat())
        elif isinstance(value, float) and not math.isfinite(value):
            return name, _("is not a finite number")
        elif isinstance(value, str):
            longest = _LONGEST.get((model, name))
            if longest is not None and len(value) > longest:
                return name, _("is longer than {limit} characters").format(limit=f"{longest:,}")
    for name in _ONE_LINE.get(model, ()):
        value = values.get(name)
        if isinstance(value, str) and has_control_characters(value):
            return name, _("holds a control character")
    return None


def _percent(value: float | None) -> bool:
    low, high = limits.PERCENT_RANGE
    return value is None or (math.isfinite(value) and low <= value <= high)


def _adviser(record: Adviser) -> Problem | None:
    if not record.name.strip():
        return "name", _("is empty")
    if record.email is not None and not EMAIL.match(record.email):
        return "email", _("is not an email address")
    return None


def _school(record: School) -> Problem | None:
    if not record.code.strip() or not record.name.strip():
        return ("code" if not record.code.strip() else "name"), _("is empty")
    if record.email is not None and not EMAIL.match(record.email):
        return "email", _("is not an email address")
    roll = record.number_on_roll
    if roll is not None and not 0 <= roll <= limits.MAX_NUMBER_ON_ROLL:
        return "number_on_roll", _("is not a number of pupils")
    wrong = lineage.problem(record.details_known, record.details_settled)
    if wrong is not None:
        return wrong, _("is not a list of clock versions")
    return None


def _visit(record: Visit) -> Problem | None:
    if record.end <= record.start:
        return "end", _("is not after the start")
    if record.end - record.start > timedelta(minutes=limits.MAX_VISIT_MINUTES):
        return "end", _("makes the visit longer than {hours} hours").format(
            hours=limits.MAX_VISIT_MINUTES // 60
        )
    year = record.programme_year
    if year is not None and not limits.EARLIEST_DAY.year <= year <= limits.LATEST_DAY.year:
        return "programme_year", _("is not a year a programme can start")
    slot = record.programme_slot
    if slot is not None and not 1 <= slot <= 100:
        return "programme_slot", _("is not a visit of a programme")
    return None


def _note(record: NoteOfVisit) -> Problem | None:
    response = record.head_response
    if response is not None and response not in _RESPONSES:
        return "head_response", _("is not a headteacher's response")
    return None


def _section(record: NoteSection) -> Problem | None:
    if not 0 <= record.position <= limits.MAX_SECTIONS:
        return "position", _("is not a place in a note")
    return None


def _judgement(record: RiskJudgement) -> Problem | None:
    if not _percent(record.floor_target):
        return "floor_target", _("is not a percentage from 0 to 100")
    return None


def _prediction(record: Prediction) -> Problem | None:
    if record.cohort not in _COHORTS:
        return "cohort", _("is not a year group that is predicted")
    if record.measure not in _MEASURES:
        return "measure", _("is not a measure that is predicted")
    if not _percent(record.percent):
        return "percent", _("is not a percentage from 0 to 100")
    return None


def _year_summary(record: SchoolYearSummary) -> Problem | None:
    year = record.__dict__.get("academic_year")
    if not isinstance(year, int) or not limits.FIRST_YEAR <= year <= limits.LAST_YEAR:
        return "academic_year", _("is not an academic year")
    return None


_CHECKS: dict[type[SyncedRecord], Callable[[SyncedRecord], Problem | None]] = {
    Adviser: _adviser,  # type: ignore[dict-item]
    School: _school,  # type: ignore[dict-item]
    Visit: _visit,  # type: ignore[dict-item]
    NoteOfVisit: _note,  # type: ignore[dict-item]
    NoteSection: _section,  # type: ignore[dict-item]
    RiskJudgement: _judgement,  # type: ignore[dict-item]
    Prediction: _prediction,  # type: ignore[dict-item]
    SchoolYearSummary: _year_summary,  # type: ignore[dict-item]
}


def problem(record: SyncedRecord) -> Problem | None:
    """The first thing wrong with ``record`` as ``(field, sentence)``, or ``None``."""
    found = _common(record)
    if found is None:
        check = _CHECKS.get(type(record))
        found = check(record) if check is not None else None
    return found
