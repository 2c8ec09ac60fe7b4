"""A school's history, relayed by the core lead to its new link adviser.

When the core lead links a school to another adviser, the new adviser needs what was
agreed there to carry on: the earlier judgements, the actions still open and what their
reviews said. A core lead's bundle to an adviser therefore carries, besides the core
lead's own records, the *final* notes of visit that other advisers wrote at the
adviser's link schools, with their visits, sections, amendments, actions, reviews,
judgements and predictions. Drafts stay with their writer: they are not yet the record.

These records stay their writer's (``visit.adviser_id``): the receiving adviser reads
them and never changes them (the editor opens them read-only and names their writer;
their own bundles never carry them, and a bundle of theirs that does is refused, see
:mod:`sia_console.domain.rights`).

A school that has just come into the adviser's caseload brings its whole history, even
records older than the adviser's watermark; after that, only what changed since.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select
from sqlmodel import Session, col, or_, select

from sia_console.domain.enums import NoteStatus
from sia_console.domain.models import (
    Action,
    ActionReview,
    Adviser,
    Amendment,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    Visit,
)
from sia_console.domain.records import SyncedRecord


def relayed_history(
    session: Session, peer: Adviser, since: str, fresh: Iterable[str]
) -> dict[type[SyncedRecord], list[SyncedRecord]]:
    """Other advisers' final notes at ``peer``'s link schools, and all that hangs on them,
    changed since ``since`` (all of it for the schools ``fresh``: those whose record the
    bundle carries, among them a school newly linked to ``peer``)."""
    link = select(School.id).where(School.adviser_id == peer.id)
    theirs = select(Visit.id).where(
        col(Visit.school_id).in_(link),
        col(Visit.adviser_id).is_not(None),
        col(Visit.adviser_id) != peer.id,
    )
    finals = select(NoteOfVisit.id).where(
        col(NoteOfVisit.visit_id).in_(theirs),
        NoteOfVisit.status == NoteStatus.FINAL,
        NoteOfVisit.deleted == False,  # noqa: E712
    )
    visits = select(NoteOfVisit.visit_id).where(col(NoteOfVisit.id).in_(finals))
    judgements = select(RiskJudgement.id).where(col(RiskJudgement.note_id).in_(finals))
    own_notes = select(NoteOfVisit.id).where(
        col(NoteOfVisit.visit_id).in_(select(Visit.id).where(Visit.adviser_id == peer.id))
    )
    known_actions = select(Action.id).where(
        or_(col(Action.note_id).in_(finals), col(Action.note_id).in_(own_notes))
    )
    new_visits = select(Visit.id).where(
        col(Visit.id).in_(visits), col(Visit.school_id).in_(list(fresh))
    )
    new_notes = select(NoteOfVisit.id).where(
        col(NoteOfVisit.id).in_(finals), col(NoteOfVisit.visit_id).in_(new_visits)
    )
    new_judgements = select(RiskJudgement.id).where(col(RiskJudgement.note_id).in_(new_notes))
    chosen: list[tuple[type[SyncedRecord], Select[Any], ColumnElement[bool]]] = [
        (Visit, select(Visit).where(col(Visit.id).in_(visits)), col(Visit.id).in_(new_visits)),
        (
            NoteOfVisit,
            select(NoteOfVisit).where(col(NoteOfVisit.id).in_(finals)),
            col(NoteOfVisit.id).in_(new_notes),
        ),
        (
            NoteSection,
            select(NoteSection).where(col(NoteSection.note_id).in_(finals)),
            col(NoteSection.note_id).in_(new_notes),
        ),
        (
            Amendment,
            select(Amendment).where(col(Amendment.note_id).in_(finals)),
            col(Amendment.note_id).in_(new_notes),
        ),
        (
            Action,
            select(Action).where(col(Action.note_id).in_(finals)),
            col(Action.note_id).in_(new_notes),
        ),
        (
            ActionReview,  # a review of an action the adviser has, or receives with it
            select(ActionReview).where(
                col(ActionReview.note_id).in_(finals),
                col(ActionReview.action_id).in_(known_actions),
            ),
            col(ActionReview.note_id).in_(new_notes),
        ),
        (
            RiskJudgement,
            select(RiskJudgement).where(col(RiskJudgement.note_id).in_(finals)),
            col(RiskJudgement.note_id).in_(new_notes),
        ),
        (
            Prediction,
            select(Prediction).where(col(Prediction.judgement_id).in_(judgements)),
            col(Prediction.judgement_id).in_(new_judgements),
        ),
    ]
    found: dict[type[SyncedRecord], list[SyncedRecord]] = {}
    for model, query, brought in chosen:
        if since:
            query = query.where(or_(col(model.hlc) > since, brought))
        rows = list(session.exec(query.order_by(col(model.hlc))).all())  # type: ignore[call-overload]
        if rows:
            found[model] = rows
    return found
