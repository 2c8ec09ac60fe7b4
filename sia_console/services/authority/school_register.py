"""The core lead's register of schools: one row per school, the spreadsheet they keep today.

For each school not deleted: its link adviser, support category, latest agreed judgement
(on a final note of visit) with its day and rationale, how it compares with the agreed
judgement before, the last visit made and the next one planned, notes and actions
overdue, and how many days have passed since the adviser's last bundle arrived. Two
marks tell the core lead where to look: a high-risk judgement older than a term, and an
adviser whose last bundle is older than the overdue setting.

"Older than a term" is read from the authority's term dates (the ``term_dates`` setting),
as a core lead plans: a high-risk school is judged again every term, so its latest agreed
judgement is old when it was made before this term began. In a holiday "this term" is
the term just ended (nothing can be done in a holiday to catch up, so no row turns old
there). Where the term dates do not reach today (none set, or only another academic
year's), a term is taken as :data:`A_TERM`, 13 weeks: the judgement is old when it is
more than 13 weeks old. :func:`judgement_age_limit` says which rule holds, and from which
day, so the screen's legend can say it in words.

One SQLAlchemy Core statement reads every row (correlated sub-queries, each served by an
index on ``school_id``), and the overdue notes are counted by the coverage panel's own
grouped statement (per school, a correlated count would walk the visits by status), so
that a large authority's 400 schools cost two reads and no ORM object; the rows are
named tuples, made in their hundreds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import NamedTuple

from sqlalchemy import bindparam, func
from sqlalchemy import select as sa_select
from sqlmodel import Session

from sia_console.domain.enums import RiskLevel, VisitStatus
from sia_console.domain.models import Action, BundleLog, RiskJudgement
from sia_console.domain.programme import latest_term_begun, parse_term_dates
from sia_console.domain.vocabulary import london
from sia_console.services.authority.coverage import (
    ADVISER,
    SCHOOL,
    VISIT,
    overdue_note_counts,
)
from sia_console.services.authority.rows import Change
from sia_console.services.authority.shaping import OPEN_STATUSES
from sia_console.services.settings import category_scheme, load_settings
from sia_console.services.sql import nth_judgement, table_of

ACTION, BUNDLE_LOG = table_of(Action), table_of(BundleLog)
_LATEST, _BEFORE = table_of(RiskJudgement).alias("latest"), table_of(RiskJudgement).alias("before")

A_TERM = timedelta(weeks=13)
"""How old a high-risk judgement may be before the register marks it when the term dates
do not reach today: about a term."""


class AgeRule(StrEnum):
    """Which day a high-risk judgement must be made on or after not to be marked old."""

    THIS_TERM = "this_term"
    """On or after the first day of the term holding today."""
    LAST_TERM = "last_term"
    """A holiday: on or after the first day of the term just ended."""
    WEEKS = "weeks"
    """No term dates reach today: within :data:`A_TERM` of today."""


@dataclass(frozen=True)
class JudgementAgeLimit:
    """From which day a high-risk judgement is recent enough, and by which rule."""

    since: date
    """A judgement made before this day is old."""
    rule: AgeRule


def judgement_age_limit(today: date, term_dates: list[tuple[str, str]]) -> JudgementAgeLimit:
    """The day before which a high-risk judgement is older than a term (see the module)."""
    term = latest_term_begun(today, parse_term_dates(term_dates))
    if term is None:
        return JudgementAgeLimit(today - A_TERM, AgeRule.WEEKS)
    first, last = term
    return JudgementAgeLimit(first, AgeRule.THIS_TERM if today <= last else AgeRule.LAST_TERM)


_VISIT_LAST = (
    sa_select(func.max(VISIT.c.start))
    .where(
        VISIT.c.school_id == SCHOOL.c.id,
        VISIT.c.deleted.is_(False),
        VISIT.c.start < bindparam("today_start"),
        VISIT.c.status.in_([VisitStatus.DONE, VisitStatus.PLANNED]),
    )
    .correlate(SCHOOL)
    .scalar_subquery()
)
"""The last visit made: done, or planned on a day gone by (the adviser went but has not
marked it yet), as coverage counts it."""

_VISIT_NEXT = (
    sa_select(func.min(VISIT.c.start))
    .where(
        VISIT.c.school_id == SCHOOL.c.id,
        VISIT.c.deleted.is_(False),
        VISIT.c.start >= bindparam("today_start"),
        VISIT.c.status == VisitStatus.PLANNED,
    )
    .correlate(SCHOOL)
    .scalar_subquery()
)

_ACTIONS_OVERDUE = (
    sa_select(func.count())
    .select_from(ACTION)
    .where(
        ACTION.c.school_id == SCHOOL.c.id,
        ACTION.c.status.in_(OPEN_STATUSES),
        ACTION.c.due < bindparam("today"),
        ACTION.c.deleted.is_(False),
    )
    .correlate(SCHOOL)
    .scalar_subquery()
)

_LAST_BUNDLE = (
    sa_select(func.max(BUNDLE_LOG.c.at))
    .where(
        BUNDLE_LOG.c.direction == "import",
        BUNDLE_LOG.c.status == "imported",
        BUNDLE_LOG.c.peer_id == SCHOOL.c.adviser_id,
    )
    .correlate(SCHOOL)
    .scalar_subquery()
)

_SCHOOLS = (
    sa_select(
        SCHOOL.c.id,
        SCHOOL.c.code,
        SCHOOL.c.name,
        SCHOOL.c.local_authority,
        SCHOOL.c.category,
        SCHOOL.c.adviser_id,
        nth_judgement(0, final_only=True).label("latest_id"),
        nth_judgement(1, final_only=True).label("before_id"),
        _VISIT_LAST.label("last_visit"),
        _VISIT_NEXT.label("next_visit"),
        _ACTIONS_OVERDUE.label("actions_overdue"),
        _LAST_BUNDLE.label("last_bundle"),
    )
    .where(SCHOOL.c.deleted.is_(False))
    .subquery("schools")
)
"""Each school with the ids of its two latest agreed judgements and its counts: the
correlated look-ups run once per school here, never once per joined row."""

_REGISTER = (
    sa_select(
        _SCHOOLS.c.id,
        _SCHOOLS.c.code,
        _SCHOOLS.c.name,
        _SCHOOLS.c.local_authority,
        _SCHOOLS.c.category,
        _SCHOOLS.c.adviser_id,
        ADVISER.c.name,
        _LATEST.c.level,
        _LATEST.c.judged_on,
        _LATEST.c.rationale,
        _BEFORE.c.level,
        _SCHOOLS.c.last_visit,
        _SCHOOLS.c.next_visit,
        _SCHOOLS.c.actions_overdue,
        _SCHOOLS.c.last_bundle,
    )
    .select_from(
        _SCHOOLS.outerjoin(ADVISER, ADVISER.c.id == _SCHOOLS.c.adviser_id)
        .outerjoin(_LATEST, _LATEST.c.id == _SCHOOLS.c.latest_id)
        .outerjoin(_BEFORE, _BEFORE.c.id == _SCHOOLS.c.before_id)
    )
    .order_by(_SCHOOLS.c.name, _SCHOOLS.c.code)
)


class RegisterRow(NamedTuple):
    """One school's line of the core lead's register."""

    school_code: str
    school_name: str
    local_authority: str
    adviser_id: str | None
    adviser_name: str
    """"" for a school with no link adviser."""
    category_key: str | None
    category: str
    """The category's label in the scheme in force ("" for none)."""
    category_words: str
    """The category in English as the catalogue has it, for finding it in either language."""
    level: RiskLevel | None
    """The latest agreed judgement (its note of visit final); ``None``: none yet."""
    judged_on: date | None
    rationale: str
    previous_level: RiskLevel | None
    change: Change
    last_visit: datetime | None
    next_visit: datetime | None
    notes_overdue: int
    actions_overdue: int
    last_bundle: datetime | None
    """When the adviser's last bundle was imported (UTC); ``None``: never, or no adviser."""
    bundle_days: int | None
    """Days since then, London days; ``None`` when never."""
    stale_judgement: bool
    """The latest agreed judgement is high and older than a term
    (:func:`judgement_age_limit`)."""
    stale_bundle: bool
    """The adviser's last bundle is older than the overdue setting (or never came)."""


def _change(level: RiskLevel | None, previous: RiskLevel | None) -> Change:
    if level is None or previous is None:
        return Change.FIRST
    if level.rank > previous.rank:
        return Change.WORSE
    if level.rank < previous.rank:
        return Change.BETTER
    return Change.SAME


def school_register(session: Session, today: date) -> tuple[RegisterRow, ...]:
    """Every school not deleted, by name, with what the core lead's register shows."""
    settings = load_settings(session)
    scheme = category_scheme(session)
    overdue_days = max(settings.note_overdue_days, 0)
    old_before = judgement_age_limit(today, settings.term_dates).since
    parameters = {
        "today": today,
        "today_start": datetime.combine(today, time.min),
    }
    categories = {category.key: category for category in scheme.categories}
    rows: list[RegisterRow] = []
    overdue_notes = overdue_note_counts(session, today, overdue_days)
    for (
        school_id,
        code,
        name,
        local_authority,
        category_key,
        adviser_id,
        adviser_name,
        level,
        judged_on,
        rationale,
        previous,
        last_visit,
        next_visit,
        actions_overdue,
        last_bundle,
    ) in session.execute(_REGISTER, parameters).all():
        found = categories.get(category_key) if category_key else None
        if found is None and category_key:
            found = scheme.find(category_key)
        bundle_at = _aware(last_bundle) if adviser_id else None
        days = (today - london(bundle_at).date()).days if bundle_at is not None else None
        rows.append(
            RegisterRow(
                school_code=code,
                school_name=name,
                local_authority=local_authority,
                adviser_id=adviser_id if adviser_name is not None else None,
                adviser_name=adviser_name or "",
                category_key=category_key,
                category=found.label if found else (category_key or ""),
                category_words=found.words if found else (category_key or ""),
                level=level,
                judged_on=judged_on,
                rationale=rationale or "",
                previous_level=previous,
                change=_change(level, previous),
                last_visit=last_visit,
                next_visit=next_visit,
                notes_overdue=overdue_notes.get(school_id, 0),
                actions_overdue=actions_overdue,
                last_bundle=bundle_at,
                bundle_days=days,
                stale_judgement=(
                    level is RiskLevel.HIGH and judged_on is not None and judged_on < old_before
                ),
                stale_bundle=adviser_name is not None and (days is None or days > overdue_days),
            )
        )
    return tuple(rows)


def _aware(moment: datetime | None) -> datetime | None:
    """A stored UTC moment, aware (SQLite hands it back naive)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
