"""The demo year: deterministic, realistic, and never poured into a real database."""

from __future__ import annotations

import random
import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from sia_console.demo import prose
from sia_console.demo.cast import draw_cast
from sia_console.demo.priorities import PRIORITIES
from sia_console.demo.year import DemoState, DemoSummary, demo_state, fill_demo
from sia_console.domain.enums import (
    ActionStatus,
    LanguageMedium,
    NoteStatus,
    RiskLevel,
    VisitStatus,
)
from sia_console.domain.models import (
    Action,
    ActionReview,
    Installation,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    Visit,
)
from sia_console.keys.store import KeyringStore
from sia_console.services.errors import ServiceError
from sia_console.storage.database import open_database

TODAY = date(2027, 3, 15)


@dataclass
class Year:
    """One filled demo database, read back."""

    summary: DemoSummary
    schools: list[School]
    visits: list[Visit]
    notes: list[NoteOfVisit]
    sections: list[NoteSection]
    judgements: list[RiskJudgement]
    predictions: list[Prediction]
    actions: list[Action]
    reviews: list[ActionReview]
    is_demo: bool


def fill(seed: int, today: date = TODAY) -> Year:
    database = open_database(None)
    try:
        with database.session() as session:
            summary = fill_demo(session, KeyringStore(f"demo-{seed}"), seed=seed, today=today)
        with database.session() as session:

            def every(model: type[Any]) -> list[Any]:
                return list(session.exec(select(model)))

            installation = session.get(Installation, 1)
            return Year(
                summary,
                sorted(every(School), key=lambda s: s.code),
                sorted(every(Visit), key=lambda v: v.start),
                every(NoteOfVisit),
                every(NoteSection),
                sorted(every(RiskJudgement), key=lambda j: j.judged_on),
                every(Prediction),
                every(Action),
                every(ActionReview),
                bool(installation and installation.is_demo),
            )
    finally:
        database.dispose()


@pytest.fixture(scope="module")
def year() -> Iterator[Year]:
    yield fill(1)


def fingerprint(filled: Year) -> tuple[object, ...]:
    return (
        [s.name for s in filled.schools],
        [(v.start, v.status, v.purpose) for v in filled.visits],
        sorted(s.text for s in filled.sections),
        sorted((j.judged_on, j.level, j.rationale) for j in filled.judgements),
        filled.summary.adviser,
    )


def test_the_same_seed_and_day_give_the_same_year(year: Year) -> None:
    assert fingerprint(fill(1)) == fingerprint(year)


def test_different_seeds_give_different_advisers_and_schools(year: Year) -> None:
    other = fill(2)
    assert {s.name for s in other.schools} != {s.name for s in year.schools}
    assert fingerprint(other) != fingerprint(year)


def test_schools_authorities_and_languages(year: Year) -> None:
    assert len(year.schools) == 15 and year.summary.schools == 15
    assert len({s.local_authority for s in year.schools}) >= 2
    welsh = [s for s in year.schools if s.language is LanguageMedium.WELSH]
    assert len(welsh) >= 3
    assert any(set(s.name) & set("ŵŷâŴŶÂ") for s in welsh)
    assert any(s.language is LanguageMedium.ENGLISH for s in year.schools)
    assert {s.category for s in year.schools} <= {"green", "yellow", "amber", "red"}
    assert {"red", "amber"} & {s.category for s in year.schools}
    for school in year.schools:
        assert school.headteacher and school.cluster and school.postcode
        assert school.number_on_roll and school.number_on_roll > 20
        assert school.adviser_id is not None
    assert year.is_demo


def test_the_calendar_is_a_real_advisers_calendar(year: Year) -> None:
    starts = [v.start for v in year.visits]
    assert len(starts) == len(set(starts)), "two visits in one half-day"
    for visit in year.visits:
        assert visit.start.weekday() < 5, visit.start
        assert visit.start.time() in (time(9, 0), time(13, 0))
        assert visit.end - visit.start == timedelta(hours=3)
        assert date(2026, 9, 1) <= visit.start.date() <= date(2027, 8, 31)
    per_school: dict[str, set[int]] = {}
    for visit in year.visits:
        if visit.programme_slot is not None:
            per_school.setdefault(visit.school_id, set()).add(visit.programme_slot)
    assert len(per_school) == 15 and all(
        slots == {1, 2, 3, 4, 5, 6} for slots in per_school.values()
    )
    concern = {s.id for s in year.schools if s.category in ("red", "amber")}
    extras = [v for v in year.visits if v.programme_slot is None]
    assert extras and {v.school_id for v in extras} <= concern


def test_past_visits_are_mostly_done_with_notes_future_ones_planned(year: Year) -> None:
    noted = {n.visit_id for n in year.notes}
    past = [v for v in year.visits if v.start.date() < TODAY]
    future = [v for v in year.visits if v.start.date() >= TODAY]
    assert future and all(v.status is VisitStatus.PLANNED and v.id not in noted for v in future)
    statuses = [v.status for v in past]
    assert statuses.count(VisitStatus.CANCELLED) >= 1 and statuses.count(VisitStatus.POSTPONED) >= 1
    assert statuses.count(VisitStatus.DONE) > 0.9 * len(past)
    assert all((v.id in noted) == (v.status is VisitStatus.DONE) for v in past)


def test_notes_are_full_final_mostly_with_some_overdue_drafts(year: Year) -> None:
    finals = [n for n in year.notes if n.status is NoteStatus.FINAL]
    drafts = [n for n in year.notes if n.status is NoteStatus.DRAFT]
    assert len(finals) > 3 * len(drafts) and len(drafts) >= 2
    assert all(n.finalised_at is not None for n in finals)
    visits = {v.id: v for v in year.visits}
    overdue = [n for n in drafts if visits[n.visit_id].start.date() < TODAY - timedelta(days=10)]
    assert len(overdue) >= 1 and year.summary.overdue_notes == len(overdue)
    by_note: dict[str, list[NoteSection]] = {}
    for section in year.sections:
        by_note.setdefault(section.note_id, []).append(section)
    for note in finals:
        texts = [s.text for s in by_note[note.id]]
        assert len(texts) >= 9 and all(len(t) > 20 for t in texts), texts
        assert not any("lorem" in t.lower() or "{" in t for t in texts)
    assert len({s.text for s in year.sections if s.key == "discussion"}) > 20


def test_risk_judgements_predictions_and_their_trend(year: Year) -> None:
    assert len(year.judgements) == len(year.notes)
    levels: dict[str, list[RiskLevel]] = {}
    for judgement in year.judgements:
        assert judgement.level is not None and judgement.floor_target == 65.0
        assert judgement.rationale
        levels.setdefault(judgement.school_id, []).append(judgement.level)
    assert any(len(set(trend)) > 1 for trend in levels.values()), "no school's risk changed"
    combined = {
        p.judgement_id: p.percent
        for p in year.predictions
        if (p.cohort, p.measure) == ("Y6", "combined")
    }
    assert len(year.predictions) == 8 * len(year.judgements)
    for judgement in year.judgements:
        if judgement.level is RiskLevel.HIGH:
            assert combined[judgement.id] < 65
        if judgement.level is RiskLevel.LOW:
            assert combined[judgement.id] >= 65
    for prediction in year.predictions:
        assert 0 <= prediction.percent <= 100


def test_actions_are_done_open_and_overdue_and_later_notes_review_them(year: Year) -> None:
    done = [a for a in year.actions if a.status is ActionStatus.DONE]
    still_open = [a for a in year.actions if a.status.is_open]
    assert done and all(a.closed_on is not None for a in done)
    assert still_open and all(a.closed_on is None for a in still_open)
    assert any(a.due is not None and a.due < TODAY for a in still_open), "no overdue action"
    assert all(a.owner and a.due for a in year.actions)
    assert year.reviews
    agreed_in = {a.id: a.note_id for a in year.actions}
    assert all(agreed_in[r.action_id] != r.note_id for r in year.reviews)


def test_the_year_seen_in_september_and_in_july() -> None:
    early = fill(5, date(2026, 9, 2))
    assert early.summary.notes == 0 and early.summary.visits >= 90
    late = fill(5, date(2027, 7, 30))
    assert late.summary.notes > 80 and late.summary.overdue_notes >= 1


def test_only_an_empty_database_is_filled(session: Session) -> None:
    assert demo_state(session) is DemoState.EMPTY
    session.add(School(code="1", name="A real school", local_authority="Somewhere"))
    session.flush()
    assert demo_state(session) is DemoState.OTHER
    with pytest.raises(ServiceError, match="empty"):
        fill_demo(session, KeyringStore("x"), seed=1, today=TODAY)
    assert len(list(session.exec(select(Visit)))) == 0


def test_a_filled_demo_database_is_recognised() -> None:
    database = open_database(None)
    with database.session() as session:
        fill_demo(session, KeyringStore("again"), seed=3, today=TODAY)
    with database.session() as session:
        assert demo_state(session) is DemoState.DEMO
        with pytest.raises(ServiceError):
            fill_demo(session, KeyringStore("again"), seed=3, today=TODAY)
    database.dispose()


def test_every_sentence_template_has_its_fields() -> None:
    cast = draw_cast(random.Random(7), 2026, 65.0)
    school = cast.schools[0]
    fields = school.facts(random.Random(1), RiskLevel.MEDIUM, 65.0).fields
    fields = {**fields, "focus_item": "x"}
    templates: list[str] = [
        *prose.WHO_WAS_MET,
        *prose.AGENDA,
        *prose.HYPOTHESES,
        *prose.STRENGTHS,
        *prose.WELSH_STRENGTHS,
        *prose.AREAS,
        *prose.JUDGEMENTS,
        prose.DISAGREEMENT,
        *prose.SUPPORT,
        *(line for lines in prose.DISCUSSION.values() for line in lines),
        *(line for lines in prose.RATIONALE.values() for line in lines),
        *(line for lines in prose.REVIEW_COMMENTS.values() for line in lines),
        *(line for p in PRIORITIES for line in p.evidence),
    ]
    for template in templates:
        names = {name for _t, name, _f, _c in string.Formatter().parse(template) if name}
        assert names <= set(fields), (template, names - set(fields))
        assert "{" not in template.format(**fields)
