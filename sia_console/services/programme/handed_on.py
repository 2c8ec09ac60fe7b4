"""The visits an adviser still has planned at schools now linked to another adviser.

When the core lead hands a school to a colleague, the adviser's visits planned there are
marked "school reassigned" (``domain.caseload``); a handover of several schools can leave
a dozen. They are cancelled together here, in one transaction, each keeping the reason as
a visit cancelled on its own does (:func:`.changes.set_visit_status`'s rule). Only this
database's own adviser's visits: never a visit of another adviser's relayed history.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from sia_console.domain.caseload import school_reassigned
from sia_console.domain.enums import VisitStatus
from sia_console.domain.models import School, Visit
from sia_console.services.identity import adviser_here
from sia_console.services.programme.changes import set_visit_status


def reassigned_visits(session: Session) -> tuple[str, ...]:
    """The ids of this adviser's visits still planned at schools now another adviser's,
    in date order (none on a core lead's database)."""
    mine = adviser_here(session)
    if mine is None:
        return ()
    rows = session.exec(
        select(Visit.id, Visit.status, Visit.adviser_id, School.adviser_id)
        .join(School, col(School.id) == col(Visit.school_id))
        .where(
            col(Visit.adviser_id) == mine,
            col(Visit.status) == VisitStatus.PLANNED,
            col(Visit.deleted).is_(False),
            col(School.deleted).is_(False),
        )
        .order_by(col(Visit.start), col(Visit.id))
    ).all()
    return tuple(
        visit_id
        for visit_id, status, visit_adviser, school_adviser in rows
        if school_reassigned(VisitStatus(status), visit_adviser, school_adviser)
    )


def cancel_reassigned_visits(session: Session, reason: str) -> tuple[str, ...]:
    """Cancel every visit of :func:`reassigned_visits` with ``reason``; the ids cancelled.
    Made in the caller's transaction (all of them, or none if the reason is refused)."""
    cancelled = reassigned_visits(session)
    for visit_id in cancelled:
        set_visit_status(session, visit_id, VisitStatus.CANCELLED, reason)
    return cancelled
