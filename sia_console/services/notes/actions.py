"""Actions agreed at a visit (what, who, by when) and their review at later visits.

An action belongs to the note of the visit where it was agreed; its text, owner and due
date are part of that note and are locked with it. Its *status* is its progress, and is
recorded by later notes: each later visit reviews the school's open actions (done, in
progress, dropped, with a comment) as :class:`ActionReview` rows of the later note, and
the action's status follows the review of the latest visit that reviewed it. Between
visits the adviser may mark an action done (or open again) where it was agreed, the note
being final or not (:func:`mark_action_done`, the dashboard's way to close one); the next
review at a later visit takes over from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from sia_console.domain.enums import ActionStatus
from sia_console.domain.limits import MAX_ACTION_CHARS, MAX_COMMENT_CHARS, MAX_OWNER_CHARS
from sia_console.domain.models import Action, ActionReview, NoteOfVisit, Visit
from sia_console.domain.vocabulary import long_day
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput, NotFound
from sia_console.services.notes.editing import require_draft
from sia_console.services.notes.reading import ActionDetail

CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)


@dataclass(frozen=True)
class CarriedAction:
    """An action agreed at an earlier visit, as a later note reviews it."""

    action_id: str
    text: str
    owner: str
    due: date | None
    agreed_on: date
    """The day of the visit at which it was agreed."""
    status: ActionStatus
    """Where the action stands now (after every review)."""
    review_status: ActionStatus | None
    """What this note says of it; ``None`` until the adviser reviews it."""
    comment: str


def due_warning(due: date | None, today: date, visit_day: date | None = None) -> str | None:
    """A warning (not an error) for a due date already past, or before the visit the
    action was agreed at: maybe a typing slip."""
    if due is not None and due < today:
        return _("The due date, {day}, is in the past.").format(day=long_day(due))
    if due is not None and visit_day is not None and due < visit_day:
        return _("The due date, {day}, is before the visit it was agreed at ({visit}).").format(
            day=long_day(due), visit=long_day(visit_day)
        )
    return None


def _clean(text: str, owner: str) -> tuple[str, str]:
    what, who = text.strip(), owner.strip()
    if not what:
        raise InvalidInput(_("Say what the action is."))
    if len(what) > MAX_ACTION_CHARS:
        raise InvalidInput(
            _("The action is longer than {limit} characters.").format(limit=MAX_ACTION_CHARS)
        )
    if len(who) > MAX_OWNER_CHARS:
        raise InvalidInput(
            _("The owner is longer than {limit} characters.").format(limit=MAX_OWNER_CHARS)
        )
    return what, who


def _detail(action: Action) -> ActionDetail:
    return ActionDetail(
        action.id, action.text, action.owner, action.due, action.status, action.closed_on
    )


def _action(session: Session, action_id: str) -> Action:
    action = session.get(Action, action_id)
    if action is None or action.deleted:
        raise NotFound(_("There is no action with id {id}.").format(id=action_id))
    return action


def _visit(session: Session, note: NoteOfVisit) -> Visit:
    visit = session.get(Visit, note.visit_id)
    if visit is None:
        raise NotFound(_("The visit of note {id} is missing.").format(id=note.id))
    return visit


def add_action(
    session: Session, note_id: str, text: str, owner: str = "", due: date | None = None
) -> ActionDetail:
    """Agree a new action at the visit of a draft note."""
    note = require_draft(session, note_id)
    what, who = _clean(text, owner)
    action = Action(
        note_id=note.id, school_id=_visit(session, note).school_id, text=what, owner=who, due=due
    )
    session.add(action)
    session.flush()
    return _detail(action)


def update_action(
    session: Session, action_id: str, text: str, owner: str, due: date | None
) -> ActionDetail:
    """Change what, who or by when of an action agreed on a note that is still a draft."""
    action = _action(session, action_id)
    require_draft(session, action.note_id)
    what, who = _clean(text, owner)
    for name, value in (("text", what), ("owner", who), ("due", due)):
        if getattr(action, name) != value:
            setattr(action, name, value)
            session.add(action)
    session.flush()
    return _detail(action)


def remove_action(session: Session, action_id: str) -> None:
    """Withdraw an action agreed on a draft (a tombstone, so the removal travels)."""
    action = _action(session, action_id)
    require_draft(session, action.note_id)
    action.deleted = True
    session.add(action)
    session.flush()


def mark_action_done(session: Session, action_id: str, done: bool, today: date) -> ActionDetail:
    """Mark an open action done on ``today``, or a done one open again; its progress, not
    the note's text, so a final note's action may be marked too."""
    action = _action(session, action_id)
    status = ActionStatus.DONE if done else ActionStatus.OPEN
    closed = today if done else None
    if (action.status, action.closed_on) != (status, closed):
        action.status, action.closed_on = status, closed
        session.add(action)
        session.flush()
    return _detail(action)


def _refresh_status(session: Session, action: Action) -> None:
    """The action's status from the review of the latest visit that reviewed it."""
    latest = session.exec(
        select(ActionReview, Visit)
        .join(NoteOfVisit, col(NoteOfVisit.id) == col(ActionReview.note_id))
        .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
        .where(ActionReview.action_id == action.id, ActionReview.deleted == False)  # noqa: E712
        .order_by(col(Visit.start).desc(), col(ActionReview.created_at).desc())
    ).first()
    status, closed = ActionStatus.OPEN, None
    if latest is not None:
        review, visit = latest
        status = review.status
        closed = visit.start.date() if status in CLOSED else None
    if action.status != status:
        action.status = status
        session.add(action)
    if action.closed_on != closed:
        action.closed_on = closed
        session.add(action)


def review_action(
    session: Session,
    note_id: str,
    action_id: str,
    status: ActionStatus | str | None,
    comment: str = "",
) -> None:
    """Record this visit's review of an earlier action (``None`` withdraws the review)."""
    note = require_draft(session, note_id)
    action = _action(session, action_id)
    visit = _visit(session, note)
    agreed = session.get(NoteOfVisit, action.note_id)
    agreed_visit = _visit(session, agreed) if agreed is not None else None
    if (
        action.note_id == note.id
        or action.school_id != visit.school_id
        or agreed_visit is None
        or agreed_visit.start >= visit.start
    ):
        raise InvalidInput(
            _("Only actions agreed at an earlier visit to this school are reviewed.")
        )
    if isinstance(status, str) and not isinstance(status, ActionStatus):
        try:
            status = ActionStatus(status.strip().lower())
        except ValueError as exc:
            raise InvalidInput(
                _("The status must be open, in-progress, done or dropped, not {value}.").format(
                    value=status
                )
            ) from exc
    if len(comment) > MAX_COMMENT_CHARS:
        raise InvalidInput(_("The comment is too long."))
    review = session.exec(
        select(ActionReview).where(
            ActionReview.action_id == action.id, ActionReview.note_id == note.id
        )
    ).first()
    if status is None:
        if review is not None and not review.deleted:
            review.deleted = True
            session.add(review)
    elif review is None:
        session.add(
            ActionReview(action_id=action.id, note_id=note.id, status=status, comment=comment)
        )
    else:
        for name, value in (("status", status), ("comment", comment), ("deleted", False)):
            if getattr(review, name) != value:
                setattr(review, name, value)
                session.add(review)
    session.flush()
    _refresh_status(session, action)
    session.flush()


def carried_forward(session: Session, note_id: str) -> list[CarriedAction]:
    """The school's actions from earlier visits that are open, or reviewed by this note."""
    note = session.get(NoteOfVisit, note_id)
    if note is None or note.deleted:
        raise NotFound(_("There is no note with id {id}.").format(id=note_id))
    visit = _visit(session, note)
    reviews = {
        r.action_id: r
        for r in session.exec(
            select(ActionReview).where(
                ActionReview.note_id == note.id,
                ActionReview.deleted == False,  # noqa: E712
            )
        )
    }
    rows = session.exec(
        select(Action, Visit)
        .join(NoteOfVisit, col(NoteOfVisit.id) == col(Action.note_id))
        .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
        .where(
            Action.school_id == visit.school_id,
            Action.deleted == False,  # noqa: E712
            NoteOfVisit.deleted == False,  # noqa: E712
            col(Action.note_id) != note.id,
            col(Visit.start) < visit.start,
        )
        .order_by(col(Visit.start), col(Action.due).is_(None), col(Action.due), col(Action.id))
    )
    carried: list[CarriedAction] = []
    for action, agreed_at in rows:
        review = reviews.get(action.id)
        if review is None and not action.status.is_open:
            continue
        carried.append(
            CarriedAction(
                action_id=action.id,
                text=action.text,
                owner=action.owner,
                due=action.due,
                agreed_on=agreed_at.start.date(),
                status=action.status,
                review_status=review.status if review else None,
                comment=review.comment if review else "",
            )
        )
    return carried
