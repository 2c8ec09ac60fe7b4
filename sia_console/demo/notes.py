"""Writing the notes of the demo year's visits made: sections, judgements, actions, reviews.

:func:`write_note` stores one visit's note of visit with its sections, its risk judgement
and predictions, reviews every open action of the school and agrees new ones; a
:class:`SchoolStory` carries what has happened at a school from one note to the next, so
that later visits review the actions earlier ones agreed and a changed risk says so.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from sia_console.demo import prose, sections
from sia_console.demo.cast import SchoolCast
from sia_console.demo.priorities import GENERAL_ACTIONS, SLOT_ACTIONS
from sia_console.demo.sections import NoteFacts
from sia_console.demo.visits import PlannedVisit
from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel, VisitStatus
from sia_console.domain.models import (
    Action,
    ActionReview,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
)
from sia_console.domain.note_template import DEFAULT_TEMPLATE, default_sections
from sia_console.domain.vocabulary import DAY_NAMES, LONDON, MONTH_NAMES, clock


@dataclass
class SchoolStory:
    """What has happened at one school so far this year, as the notes are written."""

    open_actions: list[Action] = field(default_factory=list)
    used_actions: set[str] = field(default_factory=set)
    done_visits: int = 0
    previous_level: RiskLevel | None = None


def _when(start: datetime) -> str:
    return prose.WHEN.format(  # in English, untranslated, as all the demo's fiction
        day_name=DAY_NAMES[start.weekday()],
        day=start.day,
        month=MONTH_NAMES[start.month - 1],
        year=start.year,
        time=clock(start),
    )


def _next_visit_text(planned: PlannedVisit, calendar: list[PlannedVisit]) -> str:
    for later in calendar:
        if (
            later.school is planned.school
            and later.start > planned.start
            and later.status not in (VisitStatus.CANCELLED, VisitStatus.POSTPONED)
        ):
            return prose.NEXT_VISIT.format(when=_when(later.start), focus=later.purpose)
    return prose.LAST_VISIT_OF_YEAR


def write_note(
    session: Session,
    rng: random.Random,
    planned: PlannedVisit,
    calendar: list[PlannedVisit],
    story: SchoolStory,
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

    texts = sections.compose_sections(
        rng,
        slot=planned.slot,
        facts=facts,
        priorities=school.priorities,
        welsh=school.welsh,
        review_lines=review_lines,
        next_visit=_next_visit_text(planned, calendar),
    )
    templates = default_sections(planned.slot)
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
        rationale=sections.rationale(
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
    story: SchoolStory,
    day: date,
    facts: NoteFacts,
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
    story: SchoolStory,
    slot: int | None,
    day: date,
) -> list[Action]:
    """One action that follows from the visit's focus and one or two from the priorities."""
    choices = [SLOT_ACTIONS[slot]]
    fresh = [a for p in school.priorities for a in p.actions if a[0] not in story.used_actions]
    if len(fresh) < 2:
        fresh += [a for a in GENERAL_ACTIONS if a[0] not in story.used_actions]
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
