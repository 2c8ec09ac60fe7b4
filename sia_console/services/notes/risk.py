"""The floor-target risk judgement on a note: level, rationale, Y5/Y6 predictions, trend.

"SIPs will make a judgement, effectively a risk assessment (high, medium, low) on the
probability of the school falling below floor targets on each of their visits … This
will be recorded on the note of visit as well as the latest predictions for the current
Y5 and Y6." The floor target in force when the judgement is first recorded is kept on
it, because the target changes over the years and an old judgement was made against the
old one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from sia_console.domain.enums import Cohort, Measure, RiskLevel
from sia_console.domain.limits import MAX_RATIONALE_CHARS
from sia_console.domain.models import NoteOfVisit, Prediction, RiskJudgement, Visit
from sia_console.domain.programme import academic_year_bounds, academic_year_of
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput, NotFound
from sia_console.services.notes.editing import require_draft
from sia_console.services.notes.reading import RiskDetail, note_detail
from sia_console.services.settings import load_settings


@dataclass(frozen=True)
class TrendPoint:
    """One judgement in a school's trend over the year."""

    judged_on: date
    level: RiskLevel
    note_id: str
    current: bool
    """True for the judgement of the note being looked at."""


def parse_level(value: RiskLevel | str | None) -> RiskLevel | None:
    """A risk level from its value (``high``, ``medium``, ``low``) or ``None``."""
    if value is None or isinstance(value, RiskLevel):
        return value
    try:
        return RiskLevel(value.strip().lower())
    except ValueError as exc:
        raise InvalidInput(
            _("The risk level must be high, medium or low, not {value}.").format(value=value)
        ) from exc


def parse_percent(text: str) -> float | None:
    """A percentage typed by the adviser (``72``, ``72.5``, ``72 %``); ``None`` if empty."""
    cleaned = text.strip().removesuffix("%").strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError as exc:
        raise InvalidInput(
            _("{value} is not a percentage from 0 to 100.").format(value=text.strip())
        ) from exc
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise InvalidInput(
            _("{value} is not a percentage from 0 to 100.").format(value=text.strip())
        )
    return value


def _visit_of(session: Session, note: NoteOfVisit) -> Visit:
    visit = session.get(Visit, note.visit_id)
    if visit is None:
        raise NotFound(_("The visit of note {id} is missing.").format(id=note.id))
    return visit


def _judgement(session: Session, note: NoteOfVisit) -> RiskJudgement:
    """The note's judgement, started (without a level) if there is none yet."""
    judgement = session.exec(select(RiskJudgement).where(RiskJudgement.note_id == note.id)).first()
    if judgement is None:
        visit = _visit_of(session, note)
        judgement = RiskJudgement(
            note_id=note.id,
            school_id=visit.school_id,
            judged_on=visit.start.date(),
            floor_target=load_settings(session).floor_target,
        )
        session.add(judgement)
        session.flush()
    elif judgement.deleted:
        judgement.deleted = False
        session.add(judgement)
    return judgement


def _current(session: Session, note_id: str) -> RiskDetail:
    risk = note_detail(session, note_id).risk
    assert risk is not None  # a judgement was just written
    return risk


def set_risk(
    session: Session, note_id: str, level: RiskLevel | str | None, rationale: str
) -> RiskDetail:
    """Record the level (``None``: not judged yet) and the rationale of a draft's judgement."""
    note = require_draft(session, note_id)
    chosen = parse_level(level)
    if len(rationale) > MAX_RATIONALE_CHARS:
        raise InvalidInput(_("The rationale is too long."))
    judgement = _judgement(session, note)
    if judgement.level != chosen:
        judgement.level = chosen
        session.add(judgement)
    if judgement.rationale != rationale:
        judgement.rationale = rationale
        session.add(judgement)
    session.flush()
    return _current(session, note.id)


def set_predictions(
    session: Session, note_id: str, predictions: Mapping[tuple[str, str], float | None]
) -> RiskDetail:
    """Record predicted percentages by (cohort, measure); ``None`` removes a prediction."""
    note = require_draft(session, note_id)
    for (cohort, measure), percent in predictions.items():
        if cohort not in {c.value for c in Cohort} or measure not in {m.value for m in Measure}:
            raise InvalidInput(
                _("There is no prediction for {cohort} {measure}.").format(
                    cohort=cohort, measure=measure
                )
            )
        if percent is not None and (not math.isfinite(percent) or not 0 <= percent <= 100):
            raise InvalidInput(
                _("{value} is not a percentage from 0 to 100.").format(value=percent)
            )
    judgement = _judgement(session, note)
    existing = {
        (p.cohort, p.measure): p
        for p in session.exec(select(Prediction).where(Prediction.judgement_id == judgement.id))
    }
    for (cohort, measure), percent in predictions.items():
        row = existing.get((cohort, measure))
        if row is None:
            if percent is not None:
                session.add(
                    Prediction(
                        judgement_id=judgement.id, cohort=cohort, measure=measure, percent=percent
                    )
                )
            continue
        if percent is None:
            if not row.deleted:
                row.deleted = True
                session.add(row)
            continue
        if row.deleted or row.percent != percent:
            row.deleted = False
            row.percent = percent
            session.add(row)
    session.flush()
    return _current(session, note.id)


def floor_target(session: Session) -> float:
    """The floor target in force: percent at the expected standard in RWM combined."""
    return load_settings(session).floor_target


def risk_trend(session: Session, note_id: str) -> list[TrendPoint]:
    """The school's judgements this academic year up to this note's visit, oldest first."""
    note = session.get(NoteOfVisit, note_id)
    if note is None:
        raise NotFound(_("There is no note with id {id}.").format(id=note_id))
    visit = _visit_of(session, note)
    day = visit.start.date()
    first, _last = academic_year_bounds(academic_year_of(day))
    rows = session.exec(
        select(RiskJudgement)
        .join(NoteOfVisit, col(NoteOfVisit.id) == col(RiskJudgement.note_id))
        .where(
            RiskJudgement.school_id == visit.school_id,
            RiskJudgement.deleted == False,  # noqa: E712
            NoteOfVisit.deleted == False,  # noqa: E712
            col(RiskJudgement.level).is_not(None),
            col(RiskJudgement.judged_on) >= first,
            col(RiskJudgement.judged_on) <= day,
        )
        .order_by(col(RiskJudgement.judged_on), col(RiskJudgement.created_at))
    )
    return [
        TrendPoint(j.judged_on, j.level, j.note_id, j.note_id == note.id)
        for j in rows
        if j.level is not None
    ]
