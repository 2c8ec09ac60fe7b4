"""The register's "older than a term" follows the authority's term dates.

A high-risk judgement is old when it was made before this term began; in a holiday,
before the term just ended began; with no term dates reaching today, after 13 weeks.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from sia_console.domain.enums import RiskLevel
from sia_console.domain.models import RiskJudgement
from sia_console.domain.programme import latest_term_begun, parse_term_dates
from sia_console.services.authority.school_register import (
    A_TERM,
    AgeRule,
    judgement_age_limit,
    school_register,
)
from sia_console.services.settings import save_setting
from sia_console.storage.database import open_database
from tests.docx_support import add_note, add_school

TERMS = [
    ("2026-09-02", "2026-10-23"),
    ("2026-11-02", "2026-12-18"),
    ("2027-01-05", "2027-02-12"),
]


def test_this_term_is_the_one_holding_the_day_or_the_one_just_ended() -> None:
    terms = parse_term_dates(TERMS)
    autumn_two = (date(2026, 11, 2), date(2026, 12, 18))
    assert latest_term_begun(date(2026, 11, 23), terms) == autumn_two
    assert latest_term_begun(date(2026, 12, 28), terms) == autumn_two  # the holiday
    assert latest_term_begun(date(2027, 1, 5), terms) == (date(2027, 1, 5), date(2027, 2, 12))
    assert latest_term_begun(date(2026, 8, 30), terms) is None  # none begun yet
    assert latest_term_begun(date(2027, 9, 20), terms) is None  # last year's dates
    assert latest_term_begun(date(2026, 11, 23), ()) is None


@pytest.mark.parametrize(
    ("today", "since", "rule"),
    [
        (date(2026, 11, 23), date(2026, 11, 2), AgeRule.THIS_TERM),
        (date(2026, 12, 18), date(2026, 11, 2), AgeRule.THIS_TERM),
        (date(2026, 12, 28), date(2026, 11, 2), AgeRule.LAST_TERM),
        (date(2026, 8, 30), date(2026, 8, 30) - A_TERM, AgeRule.WEEKS),
        (date(2027, 9, 20), date(2027, 9, 20) - A_TERM, AgeRule.WEEKS),
    ],
)
def test_the_limit_and_its_rule(today: date, since: date, rule: AgeRule) -> None:
    limit = judgement_age_limit(today, TERMS)
    assert (limit.since, limit.rule) == (since, rule)


def test_without_term_dates_a_term_is_13_weeks() -> None:
    today = date(2026, 11, 23)
    assert judgement_age_limit(today, []).since == today - timedelta(weeks=13)
    assert judgement_age_limit(today, []).rule is AgeRule.WEEKS


def _stale(tmp_path: Path, judged: date, today: date, terms: list[tuple[str, str]]) -> bool:
    database = open_database(tmp_path / f"terms-{judged}-{today}-{len(terms)}.sqlite")
    try:
        with database.session() as session:
            school = add_school(session, "Ysgol y Graig")
            note = add_note(session, school, start=datetime.combine(judged, datetime.min.time()))
            judgement = session.exec(
                select(RiskJudgement).where(RiskJudgement.note_id == note.id)
            ).one()
            judgement.level = RiskLevel.HIGH
            session.add(judgement)
            if terms:
                save_setting(session, "term_dates", terms)
            session.commit()
        with database.session() as session:
            [row] = school_register(session, today)
    finally:
        database.dispose()
    assert row.level is RiskLevel.HIGH and row.judged_on == judged
    return row.stale_judgement


def test_with_term_dates_a_judgement_from_before_this_term_is_old(tmp_path: Path) -> None:
    today = date(2026, 11, 23)  # three weeks into the second autumn term
    assert _stale(tmp_path, date(2026, 10, 20), today, TERMS)  # five weeks: last term
    assert not _stale(tmp_path, date(2026, 11, 2), today, TERMS)  # the term's first day
    assert not _stale(tmp_path, date(2026, 10, 20), today, [])  # 13 weeks without dates


def test_in_the_holiday_the_term_just_ended_still_counts(tmp_path: Path) -> None:
    holiday = date(2027, 1, 2)
    assert not _stale(tmp_path, date(2026, 11, 10), holiday, TERMS)
    assert _stale(tmp_path, date(2026, 10, 1), holiday, TERMS)


def test_without_term_dates_reaching_today_13_weeks(tmp_path: Path) -> None:
    today = date(2026, 11, 23)
    assert _stale(tmp_path, today - A_TERM - timedelta(days=1), today, [])
    assert not _stale(tmp_path, today - A_TERM, today, [])
    last_year = [("2025-09-03", "2025-12-19")]
    assert not _stale(tmp_path, date(2026, 9, 1), today, last_year)
