"""The core lead's home panels worked out the slow, plain way, for the tests to compare with.

The services and the first paint share one set of SQL statements
(``services.authority.quick``); comparing the two would prove only that the code equals
itself. This reads the same database as whole ORM objects, every row of every table it
needs, and does in Python what the SQL does in SQLite (filter out tombstones and deleted
schools, join, group, count, take the two latest judgements, order), then hands the
result to the same pure shaping functions (``services.authority.shaping``: slot matching,
attribution, labels and order, which their own tests cover). A mistake in a ``WHERE``,
a join or a grouping shows up as a difference. Who held a school when a slot fell due is
read here from every change of link adviser ever kept, in Python's order, not only from
those of the year that the SQL reads.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from sia_console.domain.enums import ActionStatus, NoteStatus, Role, VisitStatus
from sia_console.domain.models import (
    Action,
    Adviser,
    AssignmentChange,
    BundleLog,
    CategoryChange,
    LocalIdentity,
    NoteOfVisit,
    RiskJudgement,
    School,
    Visit,
)
from sia_console.domain.programme_plan import DiaryVisit
from sia_console.services.authority.programme_shares import Handovers, YearVisits
from sia_console.services.authority.rows import AuthoritySummary, LiveSchool
from sia_console.services.authority.shaping import (
    CoverageInputs,
    categories_of,
    category_changes_of,
    coverage_of,
    overdue_of,
    register_of,
    term_of,
)
from sia_console.services.programme.planning import programme_template
from sia_console.services.settings import category_scheme, load_settings


def _every(session: Session, model: type[Any]) -> list[Any]:
    """Every row of a table, tombstones included."""
    return list(session.exec(select(model)).all())


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def reference_summary(session: Session, today: date) -> AuthoritySummary:
    """What the home screen should show on ``today``, read naively."""
    settings = load_settings(session)
    scheme = category_scheme(session)
    advisers = {a.id: a for a in _every(session, Adviser)}
    schools = [s for s in _every(session, School) if not s.deleted]
    live = {s.id: s for s in schools}
    visits = {v.id: v for v in _every(session, Visit)}
    notes = {n.id: n for n in _every(session, NoteOfVisit)}

    def sia_of(school: School) -> str | None:
        adviser = advisers.get(school.adviser_id) if school.adviser_id else None
        return adviser.name if adviser is not None else None

    # coverage
    holders = {s.adviser_id for s in schools}
    names = {
        a.id: a.name
        for a in advisers.values()
        if not a.deleted and (a.role == Role.SIA or a.id in holders)
    }
    year = today.year if today.month >= 9 else today.year - 1
    first, last = datetime(year, 9, 1), datetime(year + 1, 9, 1)
    year_visits: YearVisits = defaultdict(list)
    for v in visits.values():
        if not v.deleted and first <= v.start < last:
            year_visits[v.school_id].append(
                (
                    v.adviser_id,
                    DiaryVisit(
                        v.id,
                        v.school_id,
                        v.start,
                        v.end,
                        v.status,
                        "",
                        v.programme_year,
                        v.programme_slot,
                    ),
                )
            )
    handed: defaultdict[str, list[AssignmentChange]] = defaultdict(list)
    for change in _every(session, AssignmentChange):
        if not change.deleted and change.school_id in live:
            handed[change.school_id].append(change)
    handovers: Handovers = {
        school_id: tuple(
            (c.effective_on, c.previous_adviser_id)
            for c in sorted(changes, key=lambda c: (c.effective_on, c.hlc))
        )
        for school_id, changes in handed.items()
    }
    latest_start = datetime.combine(
        today - timedelta(days=max(settings.note_overdue_days, 0)), datetime.min.time()
    )
    finished = {
        n.visit_id for n in notes.values() if not n.deleted and n.status == NoteStatus.FINAL
    }
    overdue_notes = Counter(
        v.school_id
        for v in visits.values()
        if not v.deleted
        and v.school_id in live
        and v.status in (VisitStatus.DONE, VisitStatus.PLANNED)
        and v.start < latest_start
        and v.id not in finished
    )
    bundles: dict[str, datetime] = {}
    for log in _every(session, BundleLog):
        if log.direction == "import" and log.status == "imported" and log.peer_id is not None:
            at = _utc(log.at)
            bundles[log.peer_id] = max(at, bundles.get(log.peer_id, at))
    coverage = coverage_of(
        CoverageInputs(
            names=names,
            schools=[
                LiveSchool(s.id, s.code, s.name, s.local_authority, s.category, s.adviser_id)
                for s in sorted(schools, key=lambda s: s.name)
            ],
            visits=dict(year_visits),
            handovers=handovers,
            overdue_notes=dict(overdue_notes),
            bundles=bundles,
            template=programme_template(),
            scheme=scheme,
            term=term_of(today, settings.term_dates),
        ),
        today,
    )

    # risk register: each school's two latest agreed judgements (on final notes) with a
    # level, newest first
    judged: defaultdict[str, list[RiskJudgement]] = defaultdict(list)
    for j in _every(session, RiskJudgement):
        agreed = notes.get(j.note_id)
        final = agreed is not None and not agreed.deleted and agreed.status == "final"
        if not j.deleted and j.level is not None and j.school_id in live and final:
            judged[j.school_id].append(j)
    register_rows = []
    for school in sorted(schools, key=lambda s: (s.name, s.id)):
        newest = sorted(
            judged.get(school.id, []),
            key=lambda j: (j.judged_on, _utc(j.created_at), j.id),
            reverse=True,
        )[:2]
        for j in newest:
            note = notes.get(j.note_id)
            visit = visits.get(note.visit_id) if note is not None else None
            judge = advisers.get(visit.adviser_id) if visit and visit.adviser_id else None
            register_rows.append(
                (
                    school.id,
                    school.code,
                    school.name,
                    school.local_authority,
                    sia_of(school),
                    j.level,
                    j.judged_on,
                    judge.name if judge is not None else None,
                )
            )

    # categories, and the changes of this academic year
    counts = Counter((s.local_authority, s.category) for s in schools)
    changes = category_changes_of(
        scheme,
        [
            (
                c.id,
                live[c.school_id].code,
                live[c.school_id].name,
                live[c.school_id].local_authority,
                sia_of(live[c.school_id]),
                c.previous_category,
                c.category,
                c.changed_on,
            )
            for c in _every(session, CategoryChange)
            if not c.deleted
            and c.school_id in live
            and date(year, 9, 1) <= c.changed_on <= date(year + 1, 8, 31)
        ],
    )

    # actions past their due date
    open_statuses = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    overdue = []
    for a in _every(session, Action):
        school = live.get(a.school_id)
        if a.deleted or school is None or a.status not in open_statuses:
            continue
        if a.due is None or a.due >= today:
            continue
        sia = sia_of(school) or ""
        overdue.append(
            (
                a.id,
                school.code,
                school.name,
                sia,
                a.text,
                a.owner,
                a.due.isoformat(),
                a.status.value,
            )
        )
    overdue.sort(key=lambda r: (r[3].casefold(), r[2].casefold(), r[6], r[4], r[0]))

    local = session.get(LocalIdentity, 1)
    me = advisers.get(local.adviser_id) if local is not None else None
    return AuthoritySummary(
        today=today,
        authority=me.authority if me is not None else None,
        coverage=coverage,
        risk=register_of(register_rows),
        categories=categories_of(scheme, [(*key, n) for key, n in counts.items()], changes),
        overdue_actions=overdue_of(overdue, today),
    )
