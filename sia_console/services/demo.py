"""Fill a database with a fictional adviser's year, for trying sia-console out.

The demo year is the academic year containing ``today``: an SIA with fifteen link schools
in three fictional authorities, the six-visit programme for each (plus support-plan
reviews for red and amber schools), notes of visit for the visits already made, with
risk judgements, predictions, and actions that later visits review. Everything is drawn
from one ``random.Random(seed)``, and the wall clock is never read, so a seed and a day
always give the same year (only ids and storage timestamps differ).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from sia_console.domain import demo_names
from sia_console.domain import demo_prose as prose
from sia_console.domain.demo_names import SchoolCast
from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel, Role, VisitStatus
from sia_console.domain.models import (
    SYNCED_TABLES,
    Action,
    ActionReview,
    Installation,
    LocalIdentity,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    Visit,
)
from sia_console.domain.note_template import DEFAULT_TEMPLATE, sections_for
from sia_console.domain.programme import (
    DEFAULT_VISIT_MINUTES,
    PROGRAMME,
    SUPPORT_WINDOWS,
    academic_year_of,
    nearest_free_start,
    propose_dates,
    working_days,
)
from sia_console.i18n import _
from sia_console.keys.store import KeyStore
from sia_console.services.errors import ServiceError
from sia_console.services.identity import create_identity, current_identity
from sia_console.services.settings import load_settings, save_setting

LONDON = ZoneInfo("Europe/London")

Progress = Callable[[str, int, int], None]
"""Called as ``progress(step, done, total)`` while the demo is filled."""


class DemoState(StrEnum):
    """What a database holds, as far as the demo is concerned."""

    EMPTY = "empty"
    DEMO = "demo"
    OTHER = "other"


@dataclass(frozen=True)
class DemoSummary:
    """What a demo database holds."""

    adviser: str
    authority: str | None
    authorities: tuple[str, ...]
    schools: int
    visits: int
    notes: int
    draft_notes: int
    overdue_notes: int
    actions: int
    open_actions: int
    academic_year: int


def demo_state(session: Session) -> DemoState:
    """Empty, already a demo, or holding other (possibly real) data."""
    holds_data = session.get(LocalIdentity, 1) is not None or any(
        session.exec(select(table.id).limit(1)).first() is not None for table in SYNCED_TABLES
    )
    if not holds_data:
        return DemoState.EMPTY
    installation = session.get(Installation, 1)
    return DemoState.DEMO if installation is not None and installation.is_demo else DemoState.OTHER


def summarise(session: Session, *, today: date) -> DemoSummary:
    """Count what the database holds (for the summary ``demo --no-open`` prints)."""
    adviser = current_identity(session)
    overdue_before = today - timedelta(days=load_settings(session).note_overdue_days)

    def count(query: object) -> int:
        return int(session.exec(query).one())  # type: ignore[call-overload]

    live_notes = select(func.count()).select_from(NoteOfVisit).where(NoteOfVisit.deleted == False)  # noqa: E712
    drafts = live_notes.where(NoteOfVisit.status == NoteStatus.DRAFT)
    authorities = session.exec(
        select(School.local_authority).where(School.deleted == False).distinct()  # noqa: E712
    ).all()
    return DemoSummary(
        adviser=adviser.name if adviser else "",
        authority=adviser.authority if adviser else None,
        authorities=tuple(sorted(authorities)),
        schools=count(select(func.count()).select_from(School).where(School.deleted == False)),  # noqa: E712
        visits=count(select(func.count()).select_from(Visit).where(Visit.deleted == False)),  # noqa: E712
        notes=count(live_notes),
        draft_notes=count(drafts),
        overdue_notes=count(
            drafts.join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id)).where(
                col(Visit.start) < datetime.combine(overdue_before, time())
            )
        ),
        actions=count(select(func.count()).select_from(Action).where(Action.deleted == False)),  # noqa: E712
        open_actions=count(
            select(func.count())
            .select_from(Action)
            .where(
                Action.deleted == False,  # noqa: E712
                col(Action.status).in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]),
            )
        ),
        academic_year=academic_year_of(today),
    )


@dataclass
class _Planned:
    """A visit in the demo calendar before it is stored."""

    school: SchoolCast
    start: datetime
    slot: int | None
    purpose: str
    status: VisitStatus = VisitStatus.PLANNED
    visit: Visit | None = None


@dataclass
class _Story:
    """What has happened at one school so far this year, as the notes are written."""

    open_actions: list[Action] = field(default_factory=list)
    used_actions: set[str] = field(default_factory=set)
    done_visits: int = 0
    previous_level: RiskLevel | None = None


def fill_demo(
    session: Session,
    keystore: KeyStore,
    *,
    seed: int,
    today: date,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo year for ``seed`` as seen on ``today``."""
    if demo_state(session) is not DemoState.EMPTY:
        raise ServiceError(_("The demo fills only an empty database; this one already holds data."))
    report = progress or (lambda _step, _done, _total: None)
    rng = random.Random(seed)
    settings = load_settings(session)
    year = academic_year_of(today)
    cast = demo_names.draw_cast(rng, year, settings.floor_target)

    report(_("Creating the adviser"), 0, 4)
    adviser = create_identity(
        session,
        keystore,
        name=cast.adviser_name,
        role=Role.SIA,
        email=cast.adviser_email,
        authority=cast.adviser_authority,
    )
    save_setting(session, "category_scheme", "wales-national")
    installation = session.get(Installation, 1) or Installation()
    installation.is_demo = True
    session.add(installation)

    report(_("Adding the link schools"), 1, 4)
    for school in cast.schools:
        school.row.adviser_id = adviser.id
        session.add(school.row)
    session.flush()

    report(_("Planning the year's visits"), 2, 4)
    calendar = _plan_calendar(rng, cast.schools, year, seed, today)
    for planned in calendar:
        planned.visit = Visit(
            school_id=planned.school.row.id,
            adviser_id=adviser.id,
            start=planned.start,
            end=planned.start + timedelta(minutes=DEFAULT_VISIT_MINUTES),
            purpose=planned.purpose,
            programme_year=year if planned.slot is not None else None,
            programme_slot=planned.slot,
            status=planned.status,
        )
        session.add(planned.visit)
    session.flush()

    report(_("Writing the notes of visit"), 3, 4)
    overdue_before = today - timedelta(days=settings.note_overdue_days)
    made = [p for p in calendar if p.status is VisitStatus.DONE]
    drafts = _choose_drafts(rng, made, today, overdue_before)
    stories: dict[str, _Story] = {}
    for planned in made:
        story = stories.setdefault(planned.school.row.code, _Story())
        _write_note(session, rng, planned, calendar, story, settings.floor_target, drafts, today)
    session.flush()
    report(_("Done"), 4, 4)
    return summarise(session, today=today)


def _plan_calendar(
    rng: random.Random, schools: list[SchoolCast], year: int, seed: int, today: date
) -> list[_Planned]:
    """Six programme visits per school plus support reviews, one visit per half-day."""
    taken: set[datetime] = set()
    calendar: list[_Planned] = []
    proposals = {
        school.row.code: {
            p.slot: p.day for p in propose_dates(year, key=f"{seed}/{school.row.code}")
        }
        for school in schools
    }
    for visit in PROGRAMME:
        first, last = visit.window_dates(year)
        order = list(schools)
        rng.shuffle(order)
        for school in order:
            preferred = proposals[school.row.code].get(visit.slot, first)
            start = nearest_free_start(
                preferred, first, last, taken, prefer_afternoon=rng.random() < 0.5
            )
            if start is not None:
                taken.add(start)
                purpose = f"Visit {visit.slot}: {visit.focus}"
                calendar.append(_Planned(school, start, visit.slot, purpose))
    for school in schools:
        windows = list(SUPPORT_WINDOWS)
        if school.category == "amber":
            windows = sorted(rng.sample(windows, 2), key=SUPPORT_WINDOWS.index)
        elif school.category != "red":
            continue
        for (m1, d1), (m2, d2) in windows:
            first = date(year if m1 >= 9 else year + 1, m1, d1)
            last = date(year if m2 >= 9 else year + 1, m2, d2)
            preferred = rng.choice(working_days(first, last))
            start = nearest_free_start(preferred, first, last, taken)
            if start is not None:
                taken.add(start)
                calendar.append(_Planned(school, start, None, prose.EXTRA_PURPOSE))
    calendar.sort(key=lambda p: p.start)
    for planned in calendar:
        if planned.start.date() < today:
            planned.status = VisitStatus.DONE
    _cancel_and_postpone(rng, calendar, taken, today)
    return calendar


def _cancel_and_postpone(
    rng: random.Random, calendar: list[_Planned], taken: set[datetime], today: date
) -> None:
    """One past visit cancelled; one postponed and rearranged a week or two later."""
    past = [p for p in calendar if p.status is VisitStatus.DONE and p.slot not in (1, None)]
    if len(past) < 6:
        return
    cancelled, postponed = rng.sample(past[: len(past) * 3 // 4], 2)
    cancelled.status = VisitStatus.CANCELLED
    cancelled.purpose = f"{cancelled.purpose} — {rng.choice(prose.CANCELLED_REASONS)}"
    postponed.status = VisitStatus.POSTPONED
    original = postponed.purpose
    postponed.purpose = f"{original} — {prose.POSTPONED_REASON}"
    day = postponed.start.date()
    start = nearest_free_start(
        day + timedelta(days=8), day + timedelta(days=5), day + timedelta(days=21), taken
    )
    if start is None:
        return
    taken.add(start)
    status = VisitStatus.DONE if start.date() < today else VisitStatus.PLANNED
    rearranged = _Planned(
        postponed.school, start, postponed.slot, prose.REARRANGED.format(purpose=original), status
    )
    calendar.append(rearranged)
    calendar.sort(key=lambda p: p.start)


def _choose_drafts(
    rng: random.Random, made: list[_Planned], today: date, overdue_before: date
) -> set[int]:
    """Notes left in draft: every recent one, and two overdue ones (for the dashboard)."""
    drafts = {id(p) for p in made if p.start.date() >= overdue_before}
    older = [p for p in made if p.start.date() < overdue_before]
    recent_older = [p for p in older if p.start.date() >= overdue_before - timedelta(days=35)]
    pool = recent_older if len(recent_older) >= 2 else older[-4:]
    drafts.update(id(p) for p in rng.sample(pool, min(2, len(pool))))
    return drafts


def _when(start: datetime) -> str:
    return prose.WHEN.format(
        day_name=prose.DAY_NAMES[start.weekday()],
        day=start.day,
        month=prose.MONTH_NAMES[start.month - 1],
        year=start.year,
        time=start.strftime("%H:%M"),
    )


def _next_visit_text(planned: _Planned, calendar: list[_Planned]) -> str:
    for later in calendar:
        if (
            later.school is planned.school
            and later.start > planned.start
            and later.status not in (VisitStatus.CANCELLED, VisitStatus.POSTPONED)
        ):
            return prose.NEXT_VISIT.format(when=_when(later.start), focus=later.purpose)
    return prose.LAST_VISIT_OF_YEAR


def _write_note(
    session: Session,
    rng: random.Random,
    planned: _Planned,
    calendar: list[_Planned],
    story: _Story,
    floor: float,
    drafts: set[int],
    today: date,
) -> None:
    """The note of one visit made: sections, risk judgement, reviews and new actions."""
    assert planned.visit is not None
    school = planned.school
    day = planned.start.date()
    story.done_visits += 1
    is_draft = id(planned) in drafts
    note = NoteOfVisit(
        visit_id=planned.visit.id,
        template=DEFAULT_TEMPLATE,
        status=NoteStatus.DRAFT if is_draft else NoteStatus.FINAL,
    )
    if not is_draft:
        finalised = datetime.combine(day + timedelta(days=rng.randint(1, 5)), time(16, 30))
        note.finalised_at = finalised.replace(tzinfo=LONDON).astimezone(UTC)
        note.head_response = "accurate" if rng.random() < 0.8 else None
    session.add(note)
    session.flush()

    level = school.level_at(story.done_visits)
    facts = school.facts(rng, level, floor)
    review_lines = _review_actions(session, rng, note, story, day, facts)
    new_actions = _agree_actions(session, rng, note, school, story, planned.slot, day)
    story.open_actions.extend(new_actions)

    texts = prose.compose_sections(
        rng,
        slot=planned.slot,
        facts=facts,
        priorities=school.priorities,
        welsh=school.welsh,
        review_lines=review_lines,
        next_visit=_next_visit_text(planned, calendar),
    )
    templates = sections_for(planned.slot)
    blank_from = len(templates) - 3 if is_draft and day >= today - timedelta(days=3) else None
    for position, template in enumerate(templates):
        text = texts.get(template.key, "")
        if blank_from is not None and position >= blank_from:
            text = ""
        session.add(
            NoteSection(
                note_id=note.id,
                key=template.key,
                title=template.title,
                position=position,
                text=text,
            )
        )

    judgement = RiskJudgement(
        note_id=note.id,
        school_id=school.row.id,
        judged_on=day,
        level=level,
        rationale=prose.rationale(
            rng, level.value, story.previous_level.value if story.previous_level else None, facts
        ),
        floor_target=floor,
    )
    session.add(judgement)
    session.flush()
    for (cohort, measure), percent in facts.predictions.items():
        session.add(
            Prediction(judgement_id=judgement.id, cohort=cohort, measure=measure, percent=percent)
        )
    story.previous_level = level


def _review_actions(
    session: Session,
    rng: random.Random,
    note: NoteOfVisit,
    story: _Story,
    day: date,
    facts: prose.NoteFacts,
) -> list[str]:
    """Review every open action of the school; done ones are closed on the visit day."""
    lines: list[str] = []
    still_open: list[Action] = []
    for action in story.open_actions:
        due_now = action.due is not None and action.due <= day
        weights = (0.55, 0.3, 0.15) if due_now else (0.25, 0.45, 0.3)
        status = rng.choices(
            (ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.OPEN), weights
        )[0]
        comment = rng.choice(prose.REVIEW_COMMENTS[status.value]).format(**facts.fields)
        session.add(
            ActionReview(action_id=action.id, note_id=note.id, status=status, comment=comment)
        )
        action.status = status
        if status is ActionStatus.DONE:
            action.closed_on = day
        else:
            still_open.append(action)
        session.add(action)
        lines.append(
            prose.ACTION_LINE.format(
                action=action.text,
                owner=action.owner,
                status=prose.STATUS_WORDS[status.value],
                comment=comment,
            )
        )
    story.open_actions = still_open
    return lines


def _agree_actions(
    session: Session,
    rng: random.Random,
    note: NoteOfVisit,
    school: SchoolCast,
    story: _Story,
    slot: int | None,
    day: date,
) -> list[Action]:
    """One action that follows from the visit's focus and one or two from the priorities."""
    choices = [prose.SLOT_ACTIONS[slot]]
    fresh = [a for p in school.priorities for a in p.actions if a[0] not in story.used_actions]
    if len(fresh) < 2:
        fresh += [a for a in prose.GENERAL_ACTIONS if a[0] not in story.used_actions]
    wanted = 2 if school.category in ("red", "amber") else rng.randint(1, 2)
    choices.extend(rng.sample(fresh, min(wanted, len(fresh))))
    actions: list[Action] = []
    for text, role in choices:
        story.used_actions.add(text)
        due = day + timedelta(weeks=rng.randint(3, 9))
        if due.month == 8:
            due = date(due.year, 9, 15)
        while due.weekday() >= 5:
            due += timedelta(days=1)
        action = Action(
            note_id=note.id,
            school_id=school.row.id,
            text=text,
            owner=school.owner(role),
            due=due,
            status=ActionStatus.OPEN,
        )
        session.add(action)
        actions.append(action)
    session.flush()
    return actions
