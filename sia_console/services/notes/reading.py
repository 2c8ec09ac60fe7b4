"""Read notes of visit: the list, and one note with its sections, risk and actions.

A note is found by its id or, as a convenience on the command line, by an unambiguous
prefix of at least eight characters (the short id the listings show).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, col, select

from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel, VisitStatus
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
from sia_console.domain.note_template import SectionTemplate, section_title, stored_section
from sia_console.i18n import _, localised, ngettext, welsh_of
from sia_console.services.errors import InvalidInput, NotFound
from sia_console.services.notes.note_rows import NoteRow as NoteRow
from sia_console.services.notes.note_rows import stored_utc as _utc
from sia_console.services.notes.templates import find_template

MIN_PREFIX = 8
_COHORT_ORDER = {"Y6": 0, "Y5": 1}
_MEASURE_ORDER = {"reading": 0, "writing": 1, "maths": 2, "combined": 3}


@dataclass(frozen=True)
class SectionDetail:
    """One titled section of a note."""

    key: str
    title: str
    """The title the note was created with, in English."""
    text: str
    title_cy: str = ""
    """Its Welsh from the note's template, if the template gives one."""

    @property
    def shown_title(self) -> str:
        """The title in the language now (both, Welsh first, in a bilingual document)."""
        return localised(self.title, self.title_cy)

    @property
    def has_welsh(self) -> bool:
        """Whether the title has a Welsh form (the template's or the catalogue's)."""
        return welsh_of(self.title, self.title_cy) is not None


@dataclass(frozen=True)
class PredictionDetail:
    """A predicted percentage at the expected standard."""

    cohort: str
    measure: str
    percent: float


@dataclass(frozen=True)
class RiskDetail:
    """The floor-target risk judgement recorded on a note."""

    level: RiskLevel | None
    rationale: str
    floor_target: float | None
    judged_on: date | None
    predictions: list[PredictionDetail] = field(default_factory=list)


@dataclass(frozen=True)
class ActionDetail:
    """An action agreed at the visit."""

    id: str
    text: str
    owner: str
    due: date | None
    status: ActionStatus
    closed_on: date | None


@dataclass(frozen=True)
class ReviewDetail:
    """This visit's review of an action agreed earlier."""

    action_id: str
    action_text: str
    status: ActionStatus
    comment: str


@dataclass(frozen=True)
class AmendmentDetail:
    """A dated correction to a finalised note."""

    section_key: str | None
    text: str
    made_at: datetime
    author_name: str | None = None
    """Who made it, when the record names them."""


@dataclass(frozen=True)
class NoteDetail:
    """Everything a note of visit records."""

    id: str
    visit_id: str
    school_code: str
    school_name: str
    visit_start: datetime
    visit_end: datetime
    visit_status: VisitStatus
    visit_purpose: str
    adviser_name: str | None
    status: NoteStatus
    finalised_at: datetime | None
    head_response: str | None
    updated_at: datetime
    sections: list[SectionDetail]
    risk: RiskDetail | None
    actions: list[ActionDetail]
    reviews: list[ReviewDetail]
    amendments: list[AmendmentDetail]
    head_response_comment: str | None = None
    """What the headteacher said with their response."""

    @property
    def titles_without_welsh(self) -> tuple[str, ...]:
        """The sections' titles that have no Welsh (shown in English in Welsh words)."""
        return tuple(s.title for s in self.sections if not s.has_welsh)


def list_notes(session: Session) -> list[NoteRow]:
    """Every note, ordered by the start of its visit (then school name)."""
    query = (
        select(NoteOfVisit, Visit, School, RiskJudgement)
        .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
        .join(School, col(School.id) == col(Visit.school_id))
        .join(
            RiskJudgement,
            (col(RiskJudgement.note_id) == col(NoteOfVisit.id))
            & (col(RiskJudgement.deleted) == False),  # noqa: E712
            isouter=True,
        )
        .where(NoteOfVisit.deleted == False)  # noqa: E712
        .order_by(col(Visit.start), col(School.name), col(NoteOfVisit.id))
    )
    latest = _latest_section_change(session)
    rows: list[NoteRow] = []
    for note, visit, school, risk in session.exec(query):
        updated = _utc(note.updated_at)
        if note.id in latest:
            updated = max(updated, latest[note.id])
        rows.append(
            NoteRow(
                id=note.id,
                visit_id=visit.id,
                school_code=school.code,
                school_name=school.name,
                visit_start=visit.start,
                status=note.status,
                risk_level=risk.level if risk else None,
                updated_at=updated,
            )
        )
    return rows


def _latest_section_change(session: Session) -> dict[str, datetime]:
    """The time each note's text last changed: typing changes sections, not the note row."""
    latest: dict[str, datetime] = {}
    for note_id, updated in session.exec(
        select(NoteSection.note_id, NoteSection.updated_at).where(
            NoteSection.deleted == False  # noqa: E712
        )
    ):
        stamp = _utc(updated)
        if note_id not in latest or stamp > latest[note_id]:
            latest[note_id] = stamp
    return latest


def resolve_note_id(session: Session, text: str) -> str:
    """The id of the note named by ``text``: a full id or a unique prefix (8+ characters)."""
    wanted = text.strip().lower()
    note = session.get(NoteOfVisit, wanted)
    if note is not None and not note.deleted:
        return note.id
    if len(wanted) >= MIN_PREFIX:
        matches = list(
            session.exec(
                select(NoteOfVisit.id)
                .where(col(NoteOfVisit.id).startswith(wanted, autoescape=True))
                .where(NoteOfVisit.deleted == False)  # noqa: E712
                .limit(2)
            )
        )
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise InvalidInput(
                _("The id {id} matches more than one note; give more of it.").format(id=wanted)
            )
    if len(wanted) < MIN_PREFIX:
        raise NotFound(
            ngettext(
                "There is no note with id {id}; give at least the first {count} character of "
                "its id (notes list shows them).",
                "There is no note with id {id}; give at least the first {count} characters of "
                "its id (notes list shows them).",
                MIN_PREFIX,
            ).format(id=text.strip(), count=MIN_PREFIX)
        )
    raise NotFound(_("There is no note with id {id}.").format(id=text.strip()))


def note_detail(session: Session, note_id: str) -> NoteDetail:
    """One note with its sections, risk judgement, actions, reviews and amendments."""
    note = session.get(NoteOfVisit, resolve_note_id(session, note_id))
    assert note is not None  # resolve_note_id found it
    visit = session.get(Visit, note.visit_id)
    if visit is None:
        raise NotFound(_("The visit of note {id} is missing.").format(id=note.id))
    school = session.get(School, visit.school_id)
    adviser = session.get(Adviser, visit.adviser_id) if visit.adviser_id else None
    template = {s.key: s for s in find_template(note.template, visit.programme_slot).sections}
    sections = [
        _section_detail(section, template.get(section.key))
        for section in session.exec(
            select(NoteSection)
            .where(NoteSection.note_id == note.id, NoteSection.deleted == False)  # noqa: E712
            .order_by(col(NoteSection.position), col(NoteSection.key))
        )
    ]
    updated = max([_utc(note.updated_at)] + [_utc(s.updated_at) for s in _sections(session, note)])
    return NoteDetail(
        id=note.id,
        visit_id=visit.id,
        school_code=school.code if school else "",
        school_name=school.name if school else "",
        visit_start=visit.start,
        visit_end=visit.end,
        visit_status=visit.status,
        visit_purpose=visit.purpose,
        adviser_name=adviser.name if adviser else None,
        status=note.status,
        finalised_at=_utc(note.finalised_at) if note.finalised_at else None,
        head_response=note.head_response,
        head_response_comment=note.head_response_comment,
        updated_at=updated,
        sections=sections,
        risk=_risk(session, note),
        actions=_actions(session, note),
        reviews=_reviews(session, note),
        amendments=[
            AmendmentDetail(a.section_key, a.text, _utc(a.made_at), author)
            for a, author in session.exec(
                select(Amendment, Adviser.name)
                .join(Adviser, col(Adviser.id) == col(Amendment.author_id), isouter=True)
                .where(Amendment.note_id == note.id, Amendment.deleted == False)  # noqa: E712
                .order_by(col(Amendment.made_at))
            )
        ],
    )


def _section_detail(section: NoteSection, template: SectionTemplate | None) -> SectionDetail:
    """A stored section with its Welsh title, found through its template by key."""
    known = stored_section(section.key, section.title or section_title(section.key), template)
    return SectionDetail(section.key, known.title, section.text, known.title_cy)


def _sections(session: Session, note: NoteOfVisit) -> list[NoteSection]:
    return list(
        session.exec(
            select(NoteSection).where(
                NoteSection.note_id == note.id,
                NoteSection.deleted == False,  # noqa: E712
            )
        )
    )


def _risk(session: Session, note: NoteOfVisit) -> RiskDetail | None:
    judgement = session.exec(
        select(RiskJudgement).where(
            RiskJudgement.note_id == note.id,
            RiskJudgement.deleted == False,  # noqa: E712
        )
    ).first()
    if judgement is None:
        return None
    predictions = sorted(
        (
            PredictionDetail(p.cohort, p.measure, p.percent)
            for p in session.exec(
                select(Prediction).where(
                    Prediction.judgement_id == judgement.id,
                    Prediction.deleted == False,  # noqa: E712
                )
            )
        ),
        key=lambda p: (_COHORT_ORDER.get(p.cohort, 9), _MEASURE_ORDER.get(p.measure, 9), p.measure),
    )
    return RiskDetail(
        level=judgement.level,
        rationale=judgement.rationale,
        floor_target=judgement.floor_target,
        judged_on=judgement.judged_on,
        predictions=predictions,
    )


def _actions(session: Session, note: NoteOfVisit) -> list[ActionDetail]:
    return [
        ActionDetail(a.id, a.text, a.owner, a.due, a.status, a.closed_on)
        for a in session.exec(
            select(Action)
            .where(Action.note_id == note.id, Action.deleted == False)  # noqa: E712
            .order_by(col(Action.due), col(Action.created_at), col(Action.id))
        )
    ]


def _reviews(session: Session, note: NoteOfVisit) -> list[ReviewDetail]:
    rows = session.exec(
        select(ActionReview, Action)
        .join(Action, col(Action.id) == col(ActionReview.action_id))
        .where(ActionReview.note_id == note.id, ActionReview.deleted == False)  # noqa: E712
        .order_by(col(Action.due), col(Action.id))
    )
    return [
        ReviewDetail(action.id, action.text, review.status, review.comment)
        for review, action in rows
    ]
