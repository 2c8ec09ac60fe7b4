"""Fill a database with a fictional adviser's year, for trying sia-console out.

The demo year is the academic year containing ``today``: an SIA with fifteen link schools
in three fictional authorities, the six-visit programme for each (plus support-plan
reviews for red and amber schools), notes of visit for the visits already made, with
risk judgements, predictions, and actions that later visits review. Everything is drawn
from one ``random.Random(seed)``, and the wall clock is never read, so a seed and a day
always give the same year (only ids and storage timestamps differ).

This module is what the ``demo`` command calls: :func:`demo_state` (may the demo fill
this database?), :func:`fill_demo` and :func:`summarise`. The cast, the calendar and the
notes are drawn by its sibling modules.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, col, select

from sia_console.demo.cast import draw_cast
from sia_console.demo.notes import SchoolStory, write_note
from sia_console.demo.visits import choose_drafts, plan_calendar
from sia_console.domain.enums import ActionStatus, NoteStatus, Role, VisitStatus
from sia_console.domain.models import (
    SYNCED_TABLES,
    Action,
    Installation,
    LocalIdentity,
    NoteOfVisit,
    School,
    Visit,
)
from sia_console.domain.programme import DEFAULT_VISIT_MINUTES, academic_year_of
from sia_console.i18n import _
from sia_console.keys.store import KeyStore
from sia_console.services.errors import ServiceError
from sia_console.services.identity import create_identity, current_identity
from sia_console.services.settings import load_settings, save_setting

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
    cast = draw_cast(rng, year, settings.floor_target)

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
    calendar = plan_calendar(rng, cast.schools, year, seed, today)
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
    drafts = choose_drafts(rng, made, today, overdue_before)
    stories: dict[str, SchoolStory] = {}
    for planned in made:
        story = stories.setdefault(planned.school.row.code, SchoolStory())
        write_note(session, rng, planned, calendar, story, settings.floor_target, drafts, today)
    session.flush()
    report(_("Done"), 4, 4)
    return summarise(session, today=today)
