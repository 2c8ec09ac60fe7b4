"""The adviser's day for the first screen, read with the standard library's ``sqlite3``.

The same questions as :func:`sia_console.services.today.dashboard_summary`, asked with the
same SQL its SQLAlchemy statements compile to, over a connection from
:func:`sia_console.storage.quick.open_ready`, so that the dashboard shows the day before
SQLAlchemy, SQLModel and pydantic have been imported. The answers are the same
dataclasses (``services.today_rows``), and the programme coverage is counted by the same
function (``services.programme.coverage_rows``); a test compares both reads, row for row,
on the demo year and on a large authority. Nothing here writes.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta

from sia_console.domain.caseload import school_reassigned
from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel, Role, VisitStatus
from sia_console.domain.programme import academic_year_of
from sia_console.domain.programme_plan import DiaryVisit
from sia_console.domain.schemes import stored_scheme
from sia_console.domain.settings import settings_from_rows
from sia_console.services.programme.coverage_rows import (
    CoveredSchool,
    SchoolCoverage,
    academic_year_range,
    behind_first,
    count_coverage,
    programme_template,
)
from sia_console.services.today_rows import (
    DEFAULT_ACTION_HORIZON_DAYS,
    NEXT_DAYS,
    OPEN_ACTION_STATUSES,
    ActionRow,
    DashboardSummary,
    HighRiskSchool,
    OverdueNote,
    VisitRow,
)


def stored(moment: datetime | date) -> str:
    """A datetime or date as SQLAlchemy stores it in SQLite (and so compares it)."""
    if isinstance(moment, datetime):
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    return moment.isoformat()


def _midnight(day: date) -> str:
    return stored(datetime.combine(day, time.min))


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


_VISITS = """
SELECT visit.id, school.code, school.name, visit.start, visit."end", visit.purpose,
       visit.status, note_of_visit.status, visit.status_reason, visit.adviser_id,
       school.adviser_id
FROM visit JOIN school ON school.id = visit.school_id
LEFT OUTER JOIN note_of_visit ON note_of_visit.visit_id = visit.id AND note_of_visit.deleted IS 0
WHERE visit.deleted IS 0 AND school.deleted IS 0 AND visit.start >= ? AND visit.start < ?
  AND (? IS NULL OR visit.adviser_id IS NULL OR visit.adviser_id = ?)
ORDER BY visit.start, school.name
"""

_NOT_FINAL = """
SELECT visit.id, school.code, school.name, visit.start, visit.purpose, note_of_visit.status
FROM visit JOIN school ON school.id = visit.school_id
LEFT OUTER JOIN note_of_visit ON note_of_visit.visit_id = visit.id AND note_of_visit.deleted IS 0
WHERE visit.status IN (?, ?) AND visit.start < ? AND visit.deleted IS 0 AND school.deleted IS 0
  AND (note_of_visit.status IS NULL OR note_of_visit.status != ?)
  AND (? IS NULL OR visit.adviser_id IS NULL OR visit.adviser_id = ?)
ORDER BY visit.start, school.name
"""


def _nth_agreed(alias: str, offset: int) -> str:
    """The id of a school's agreed (final note) judgement ``offset`` places back, as
    ``services.sql.nth_judgement(offset, final_only=True)``."""
    return f"""(SELECT {alias}.id FROM risk_judgement AS {alias}
        WHERE {alias}.school_id = school.id AND {alias}.deleted IS 0 AND {alias}.level IS NOT NULL
          AND EXISTS (SELECT 1 FROM note_of_visit AS note_{alias}
                      WHERE note_{alias}.id = {alias}.note_id AND note_{alias}.status = 'final')
        ORDER BY {alias}.judged_on DESC, {alias}.created_at DESC, {alias}.id DESC
        LIMIT 1 OFFSET {offset})"""


_HIGH_RISK = f"""
SELECT school.code, school.name, latest.judged_on, previous.level, previous.judged_on
FROM school JOIN risk_judgement AS latest ON latest.id = {_nth_agreed("recent_0", 0)}
LEFT OUTER JOIN risk_judgement AS previous ON previous.id = {_nth_agreed("recent_1", 1)}
WHERE school.deleted IS 0 AND latest.level = ?
  AND (? IS NULL OR school.adviser_id IS NULL OR school.adviser_id = ?)
"""

_DRAFT_HIGH = f"""
SELECT school.code, school.name, risk_judgement.judged_on, agreed.level, agreed.judged_on
FROM risk_judgement
JOIN note_of_visit ON note_of_visit.id = risk_judgement.note_id
JOIN visit ON visit.id = note_of_visit.visit_id
JOIN school ON school.id = risk_judgement.school_id
LEFT OUTER JOIN risk_judgement AS agreed ON agreed.id = {_nth_agreed("agreed_0", 0)}
WHERE risk_judgement.level = ? AND risk_judgement.deleted IS 0
  AND note_of_visit.status = 'draft' AND note_of_visit.deleted IS 0
  AND visit.deleted IS 0 AND visit.start < ? AND school.deleted IS 0
  AND (agreed.id IS NULL OR agreed.judged_on <= risk_judgement.judged_on)
  AND (? IS NULL OR school.adviser_id IS NULL OR school.adviser_id = ?)
"""

_ACTIONS_DUE = """
SELECT action.id, school.code, school.name, action.text, action.owner, action.due,
       action.status, note_of_visit.visit_id
FROM action JOIN school ON school.id = action.school_id
LEFT OUTER JOIN note_of_visit ON note_of_visit.id = action.note_id
WHERE action.deleted IS 0 AND school.deleted IS 0 AND action.status IN (?, ?)
  AND action.due IS NOT NULL AND action.due < ?
  AND (? IS NULL OR school.adviser_id IS NULL OR school.adviser_id = ?)
ORDER BY action.due IS NULL, action.due, school.name, action.text, action.id
"""

_IDENTITY = """
SELECT adviser.id, adviser.name, adviser.role FROM local_identity
JOIN adviser ON adviser.id = local_identity.adviser_id WHERE local_identity.id = 1
"""

_SCHOOLS = "SELECT id, code, name, category FROM school WHERE deleted IS 0 {where} ORDER BY name"

_VISIT_COLUMNS = (
    'SELECT id, school_id, start, "end", status, adviser_id, programme_year, programme_slot '
    "FROM visit WHERE deleted IS 0 AND start >= ? AND start < ?"
)


def _identity(connection: sqlite3.Connection) -> tuple[str, str, Role] | None:
    row = connection.execute(_IDENTITY).fetchone()
    return (row[0], row[1], Role(row[2])) if row is not None else None


def is_core_lead(connection: sqlite3.Connection) -> bool:
    """Whether this database's identity is a core lead (``services.identity.lead_here``)."""
    me = _identity(connection)
    return me is not None and me[2] is Role.CORE_LEAD


def unresolved_count(connection: sqlite3.Connection) -> int:
    """How many sync conflicts wait for a choice (``services.sync.conflicts``)."""
    query = "SELECT count(*) FROM conflict WHERE resolved_at IS NULL"
    return int(connection.execute(query).fetchone()[0])


def _visit_rows(
    connection: sqlite3.Connection, first: date, last: date, mine: str | None
) -> list[VisitRow]:
    after = _midnight(last + timedelta(days=1))
    rows = connection.execute(_VISITS, (_midnight(first), after, mine, mine))
    return [
        VisitRow(
            visit_id=visit_id,
            school_code=code,
            school_name=name,
            start=_when(start),
            end=_when(end),
            purpose=purpose,
            status=VisitStatus(status),
            note_status=NoteStatus(note) if note is not None else None,
            status_reason=reason,
            reassigned=school_reassigned(VisitStatus(status), visit_adviser, school_adviser),
        )
        for (
            visit_id,
            code,
            name,
            start,
            end,
            purpose,
            status,
            note,
            reason,
            visit_adviser,
            school_adviser,
        ) in rows
    ]


def _overdue_notes(
    connection: sqlite3.Connection, today: date, days: int, mine: str | None
) -> list[OverdueNote]:
    allowance = timedelta(days=max(days, 0))
    parameters = (
        VisitStatus.DONE.value,
        VisitStatus.PLANNED.value,
        _midnight(today - allowance),
        NoteStatus.FINAL.value,
        mine,
        mine,
    )
    result: list[OverdueNote] = []
    for visit_id, code, name, start, purpose, note in connection.execute(_NOT_FINAL, parameters):
        started = _when(start)
        due_on = started.date() + allowance
        result.append(
            OverdueNote(
                visit_id=visit_id,
                school_code=code,
                school_name=name,
                visit_start=started,
                purpose=purpose,
                note_status=NoteStatus(note) if note is not None else None,
                due_on=due_on,
                days_overdue=(today - due_on).days,
            )
        )
    return result


def _caseload_owner(me: tuple[str, str, Role] | None) -> str | None:
    """As ``services.identity.adviser_here``: an adviser's id, else ``None``."""
    return me[0] if me is not None and me[2] is Role.SIA else None


def _high_risk(
    connection: sqlite3.Connection, today: date, mine: str | None
) -> list[HighRiskSchool]:
    """As ``services.high_risk.high_risk_schools(session, today, adviser_id=mine)``."""
    result = [
        HighRiskSchool(
            school_code=code,
            school_name=name,
            judged_on=date.fromisoformat(judged_on),
            previous_level=RiskLevel(level) if level is not None else None,
            previous_judged_on=date.fromisoformat(before) if before is not None else None,
        )
        for code, name, judged_on, level, before in connection.execute(
            _HIGH_RISK, (RiskLevel.HIGH.value, mine, mine)
        )
    ]
    agreed = {row.school_code for row in result}
    tomorrow = _midnight(today + timedelta(days=1))
    for code, name, judged_on, level, agreed_on in connection.execute(
        _DRAFT_HIGH, (RiskLevel.HIGH.value, tomorrow, mine, mine)
    ):
        judged, agreed_day = date.fromisoformat(judged_on), None
        if agreed_on is not None:
            agreed_day = date.fromisoformat(agreed_on)
        if code in agreed and agreed_day is not None and agreed_day >= judged:
            continue
        result = [row for row in result if row.school_code != code]
        agreed.add(code)
        result.append(
            HighRiskSchool(
                school_code=code,
                school_name=name,
                judged_on=judged,
                previous_level=RiskLevel(level) if level is not None else None,
                previous_judged_on=agreed_day,
                provisional=True,
            )
        )
    result.sort(key=lambda row: (-row.judged_on.toordinal(), row.school_name.casefold()))
    return result


def _actions_due(connection: sqlite3.Connection, today: date, mine: str | None) -> list[ActionRow]:
    horizon = today + timedelta(days=DEFAULT_ACTION_HORIZON_DAYS)
    statuses = tuple(status.value for status in OPEN_ACTION_STATUSES)
    return [
        ActionRow(
            action_id=action_id,
            school_code=code,
            school_name=name,
            text=text,
            owner=owner,
            due=date.fromisoformat(due) if due is not None else None,
            status=ActionStatus(status),
            visit_id=visit_id,
        )
        for action_id, code, name, text, owner, due, status, visit_id in connection.execute(
            _ACTIONS_DUE, (*statuses, stored(horizon), mine, mine)
        )
    ]


def _diary_visits(
    connection: sqlite3.Connection,
    first: datetime,
    last: datetime,
    me: str | None,
    schools: list[str],
) -> list[DiaryVisit]:
    """The visits as ``services.programme.planning.diary_visits`` gives them (with no
    identity, as ``services.programme.coverage`` reads every visit)."""
    parameters: list[str] = [stored(first), stored(last)]
    where = ""
    if me is not None:
        marks = ", ".join("?" * len(schools))
        where = f" AND (adviser_id = ? OR adviser_id IS NULL OR school_id IN ({marks}))"
        parameters += [me, *schools]
    result: list[DiaryVisit] = []
    for visit_id, school_id, start, end, status, adviser_id, year, slot in connection.execute(
        _VISIT_COLUMNS + where, parameters
    ):
        result.append(
            DiaryVisit(
                id=visit_id,
                school_key=school_id,
                start=_when(start),
                end=_when(end),
                status=VisitStatus(status),
                diary="" if me is None else me if adviser_id in (None, me) else adviser_id,
                programme_year=year,
                programme_slot=slot,
            )
        )
    return result


def _programme_behind(
    connection: sqlite3.Connection, today: date, me: str | None
) -> tuple[SchoolCoverage, ...]:
    """As ``services.programme.coverage.schools_behind``."""
    if me is None:
        schools = connection.execute(_SCHOOLS.format(where="")).fetchall()
    else:
        mine = _SCHOOLS.format(where="AND adviser_id = ?")
        schools = (
            connection.execute(mine, (me,)).fetchall()
            or connection.execute(_SCHOOLS.format(where="AND adviser_id IS NULL")).fetchall()
        )
    if not schools:
        return ()
    text = connection.execute(
        "SELECT value FROM setting WHERE key = ? AND deleted IS 0", ("category_scheme",)
    ).fetchone()
    scheme = stored_scheme(text[0] if text is not None else None)
    first, last = academic_year_range(academic_year_of(today), margin_days=0)
    visits = _diary_visits(connection, first, last, me, [school[0] for school in schools])
    covered = [CoveredSchool(key, code, name, category) for key, code, name, category in schools]
    return behind_first(count_coverage(covered, visits, programme_template(), scheme, today))


def dashboard_summary(connection: sqlite3.Connection, today: date) -> DashboardSummary:
    """Everything the dashboard shows for ``today``, in one read transaction."""
    connection.execute("BEGIN")
    try:
        week_start = today - timedelta(days=today.weekday())
        week_end = week_start + timedelta(days=6)
        settings = settings_from_rows(
            connection.execute("SELECT key, value FROM setting WHERE deleted = 0")
        )
        overdue_days = settings.note_overdue_days
        me = _identity(connection)
        mine = _caseload_owner(me)
        week = _visit_rows(connection, today, today + timedelta(days=NEXT_DAYS), mine)
        demo = connection.execute("SELECT is_demo FROM installation WHERE id = 1").fetchone()
        schools = connection.execute(
            "SELECT count(*) FROM school WHERE deleted IS 0"
            " AND (? IS NULL OR adviser_id IS NULL OR adviser_id = ?)",
            (mine, mine),
        ).fetchone()
        return DashboardSummary(
            today=today,
            week_start=week_start,
            week_end=week_end,
            adviser_name=me[1] if me is not None else None,
            is_demo=bool(demo and demo[0]),
            school_count=int(schools[0]),
            note_overdue_days=overdue_days,
            today_visits=tuple(row for row in week if row.start.date() == today),
            week_visits=tuple(row for row in week if row.start.date() != today),
            overdue_notes=tuple(_overdue_notes(connection, today, overdue_days, mine)),
            high_risk=tuple(_high_risk(connection, today, mine)),
            actions_due=tuple(_actions_due(connection, today, mine)),
            programme_behind=_programme_behind(connection, today, me[0] if me else None),
        )
    finally:
        connection.execute("COMMIT")
