"""Write a note of visit: start it, save its sections, finalise it, amend it afterwards.

A note is a draft until it is finalised; from then on its text is locked and every
function here that would change it refuses with :class:`NoteIsFinal`, whichever face
(terminal UI, command line, script) calls it. Corrections to a final note are dated
:class:`~sia_console.domain.models.Amendment` rows beside the original text.

Text is stored exactly as given (control characters, markup-like brackets and all): a
note is a record, and only the screens decide how to show it safely. Saving is
idempotent, because autosave calls it every second or so: text that has not changed
assigns nothing, so the record keeps its version and nothing new travels in a bundle.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from sia_console.domain.enums import HeadResponse, NoteStatus, VisitStatus
from sia_console.domain.judgement_sense import actions_due_before, combined_above_parts
from sia_console.domain.labels import word
from sia_console.domain.limits import MAX_COMMENT_CHARS, MAX_SECTION_CHARS
from sia_console.domain.models import (
    Action,
    Adviser,
    Amendment,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    Visit,
)
from sia_console.domain.note_template import NEXT_VISIT, PURPOSE
from sia_console.domain.records import utc_now
from sia_console.domain.text import shown_name
from sia_console.domain.vocabulary import clock, long_day
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput, NoteIsFinal, NotFound, NotYours
from sia_console.services.identity import current_identity
from sia_console.services.notes.reading import (
    MIN_PREFIX,
    AmendmentDetail,
    NoteDetail,
    note_detail,
    resolve_note_id,
)
from sia_console.services.notes.recovery import clear_editing
from sia_console.services.notes.templates import choose_template, find_template

"""Far beyond any note (a 1 MB paste is fine); stops a runaway paste filling the disk."""


def resolve_visit(session: Session, text: str) -> Visit:
    """The visit named by ``text``: its full id or a unique prefix of 8 or more characters."""
    wanted = text.strip().lower()
    visit = session.get(Visit, wanted) if wanted else None
    if visit is not None and not visit.deleted:
        return visit
    if len(wanted) >= MIN_PREFIX:
        matches = list(
            session.exec(
                select(Visit)
                .where(col(Visit.id).startswith(wanted, autoescape=True))
                .where(Visit.deleted == False)  # noqa: E712
                .limit(2)
            )
        )
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise InvalidInput(
                _("The id {id} matches more than one visit; give more of it.").format(id=wanted)
            )
    raise NotFound(_("There is no visit with id {id}.").format(id=text.strip()))


def note_of_visit(session: Session, visit_id: str) -> NoteOfVisit | None:
    """The note of a visit (deleted or not), if one was ever started."""
    return session.exec(select(NoteOfVisit).where(NoteOfVisit.visit_id == visit_id)).first()


def owner_elsewhere(session: Session, visit: Visit) -> str | None:
    """The name of the adviser whose visit this is, when it is not this database's own
    (it came in their bundle); ``None`` for our own visits."""
    me = current_identity(session)
    if me is None or visit.adviser_id is None or visit.adviser_id == me.id:
        return None
    owner = session.get(Adviser, visit.adviser_id)
    return owner.name if owner is not None else _("another adviser")


def require_own(session: Session, visit: Visit) -> None:
    """Refuse to change a note of another adviser's visit (:class:`NotYours`)."""
    owner = owner_elsewhere(session, visit)
    if owner is not None:
        raise NotYours(
            _(
                "This note of visit is {name}'s: only they can change it; their changes "
                "reach you in their bundles."
            ).format(name=shown_name(owner))
        )


def open_or_create_note(session: Session, visit_id: str) -> NoteDetail:
    """The note of the visit, started as a draft (with its template's sections) if none."""
    visit = resolve_visit(session, visit_id)
    note = note_of_visit(session, visit.id)
    if note is None or note.deleted:
        require_own(session, visit)
    if note is not None and note.deleted:
        note.deleted = False  # visit ids are unique: bring the old note back, text and all
        session.add(note)
    if note is None:
        template = choose_template(visit.purpose, visit.programme_slot)
        note = NoteOfVisit(visit_id=visit.id, template=template.name)
        session.add(note)
        session.flush()
        starts = _starting_text(session, visit)
        for position, section in enumerate(template.sections):
            session.add(
                NoteSection(
                    note_id=note.id,
                    key=section.key,
                    title=section.title,
                    position=position,
                    text=starts.get(section.key, ""),
                )
            )
    session.flush()
    return note_detail(session, note.id)


def _starting_text(session: Session, visit: Visit) -> dict[str, str]:
    """What a new note already knows: the visit's purpose, and the next visit planned."""
    starts = {PURPOSE: visit.purpose}
    following = session.exec(
        select(Visit)
        .where(
            Visit.school_id == visit.school_id,
            Visit.deleted == False,  # noqa: E712
            Visit.status == VisitStatus.PLANNED,
            col(Visit.start) > visit.start,
        )
        .order_by(col(Visit.start))
    ).first()
    if following is not None:
        starts[NEXT_VISIT] = _("{day} at {time}: {purpose}").format(
            day=long_day(following.start.date()),
            time=clock(following.start),
            purpose=following.purpose,
        )
    return starts


def _note(session: Session, note_id: str) -> NoteOfVisit:
    note = session.get(NoteOfVisit, resolve_note_id(session, note_id))
    assert note is not None  # resolve_note_id found it
    return note


def require_draft(session: Session, note_id: str) -> NoteOfVisit:
    """The note, if it may still be changed; :class:`NoteIsFinal` once it is finalised."""
    note = _note(session, note_id)
    require_own(session, _visit(session, note))
    if note.status is NoteStatus.FINAL:
        if note.finalised_at is None:
            raise NoteIsFinal(
                _("This note is final and cannot be changed; add a dated amendment instead.")
            )
        raise NoteIsFinal(
            _(
                "This note was finalised on {day} and cannot be changed; add a dated "
                "amendment instead."
            ).format(day=long_day(note.finalised_at.date()))
        )
    return note


def _visit(session: Session, note: NoteOfVisit) -> Visit:
    visit = session.get(Visit, note.visit_id)
    if visit is None:
        raise NotFound(_("The visit of note {id} is missing.").format(id=note.id))
    return visit


def save_section(session: Session, note_id: str, key: str, text: str) -> bool:
    """Store the text of one section of a draft; ``True`` if anything changed."""
    note = require_draft(session, note_id)
    if len(text) > MAX_SECTION_CHARS:
        raise InvalidInput(
            _("The section is longer than {limit} characters; split it into sections.").format(
                limit=f"{MAX_SECTION_CHARS:,}"
            )
        )
    section = session.exec(
        select(NoteSection).where(NoteSection.note_id == note.id, NoteSection.key == key)
    ).first()
    if section is None:
        template = find_template(note.template, _visit(session, note).programme_slot)
        known = {s.key: (position, s) for position, s in enumerate(template.sections)}
        if key not in known:
            raise InvalidInput(_("This note has no section called {key}.").format(key=key))
        position, found = known[key]
        session.add(
            NoteSection(note_id=note.id, key=key, title=found.title, position=position, text=text)
        )
        return True
    changed = False
    if section.deleted:
        section.deleted = False
        changed = True
    if section.text != text:
        section.text = text
        changed = True
    if changed:
        session.add(section)
    return changed


def finalise_problems(session: Session, note_id: str, today: date) -> list[str]:
    """What stops the note being finalised today, one sentence each (empty: ready)."""
    note = _note(session, note_id)
    visit = _visit(session, note)
    problems: list[str] = []
    if note.status is NoteStatus.FINAL:
        return [_("The note is already final.")]
    if visit.status in (VisitStatus.CANCELLED, VisitStatus.POSTPONED):
        problems.append(
            _("The visit is marked {status}; only the note of a visit made is finalised.").format(
                status=word(visit.status)
            )
        )
    if visit.start.date() > today:
        problems.append(
            _("The visit is on {day}, after today.").format(day=long_day(visit.start.date()))
        )
    texts = {
        s.key: s.text
        for s in session.exec(
            select(NoteSection).where(
                NoteSection.note_id == note.id,
                NoteSection.deleted == False,  # noqa: E712
            )
        )
    }
    for section in find_template(note.template, visit.programme_slot).sections:
        if section.required and not texts.get(section.key, "").strip():
            problems.append(
                _("The section “{title}” is empty.").format(title=shown_name(section.shown_title))
            )
    judgement = session.exec(
        select(RiskJudgement).where(
            RiskJudgement.note_id == note.id,
            RiskJudgement.deleted == False,  # noqa: E712
        )
    ).first()
    if judgement is None or judgement.level is None:
        problems.append(_("No floor-target risk judgement (high, medium or low) is recorded."))
    return problems


def finalise_warnings(session: Session, note_id: str) -> list[str]:
    """What is worth a second look before the note is finalised, one sentence each: a
    combined prediction above one of its parts, an action due before the visit. They
    never stop it (``domain.judgement_sense``)."""
    note = _note(session, note_id)
    visit = _visit(session, note)
    predictions: dict[tuple[str, str], float] = {}
    judgement = session.exec(
        select(RiskJudgement).where(
            RiskJudgement.note_id == note.id,
            RiskJudgement.deleted == False,  # noqa: E712
        )
    ).first()
    if judgement is not None:
        rows = session.exec(
            select(Prediction).where(
                Prediction.judgement_id == judgement.id,
                Prediction.deleted == False,  # noqa: E712
            )
        )
        predictions = {(row.cohort, row.measure): row.percent for row in rows}
    actions = session.exec(
        select(Action).where(Action.note_id == note.id, Action.deleted == False)  # noqa: E712
    )
    return combined_above_parts(predictions) + actions_due_before(
        visit.start.date(), ((action.text, action.due) for action in actions)
    )


def finalise_note(session: Session, note_id: str, today: date) -> NoteDetail:
    """Lock the note and mark its visit done; refused while anything required is missing."""
    note = require_draft(session, note_id)
    problems = finalise_problems(session, note.id, today)
    if problems:
        raise InvalidInput(_("The note is not ready to be finalised."), problems)
    note.status = NoteStatus.FINAL
    note.finalised_at = utc_now()
    session.add(note)
    visit = _visit(session, note)
    if visit.status is not VisitStatus.DONE:
        visit.status = VisitStatus.DONE
        session.add(visit)
    clear_editing(session, note.id)
    session.flush()
    return note_detail(session, note.id)


def _own_final_note(session: Session, note_id: str, if_draft: str) -> NoteOfVisit:
    """This adviser's final note ``note_id``; a draft is refused with ``if_draft``."""
    note = _note(session, note_id)
    require_own(session, _visit(session, note))
    if note.status is not NoteStatus.FINAL:
        raise InvalidInput(if_draft)
    return note


def add_amendment(
    session: Session, note_id: str, section_key: str | None, text: str
) -> AmendmentDetail:
    """Add a dated correction to a final note (``section_key`` ``None``: the whole note)."""
    note = _own_final_note(
        session,
        note_id,
        _("This note is still a draft: change its text directly; amendments are for final notes."),
    )
    if not text.strip():
        raise InvalidInput(_("The amendment is empty: write the correction first."))
    if len(text) > MAX_SECTION_CHARS:
        raise InvalidInput(_("The amendment is too long."))
    if section_key is not None:
        keys = set(
            session.exec(
                select(NoteSection.key).where(
                    NoteSection.note_id == note.id,
                    NoteSection.deleted == False,  # noqa: E712
                )
            )
        )
        if section_key not in keys:
            raise InvalidInput(_("This note has no section called {key}.").format(key=section_key))
    author = current_identity(session)
    amendment = Amendment(
        note_id=note.id,
        section_key=section_key,
        text=text,
        made_at=utc_now(),
        author_id=author.id if author else None,
    )
    session.add(amendment)
    session.flush()
    return AmendmentDetail(amendment.section_key, amendment.text, amendment.made_at)


def set_head_response(
    session: Session,
    note_id: str,
    response: HeadResponse | None,
    comment: str | None = None,
) -> None:
    """Record the headteacher's response to a final note (``None``: none yet), with what
    they said (``comment``; ``None`` keeps the one recorded, empty clears it).

    A note is shared once it is final, so a response is recorded on a final note only; it
    is not part of the note's text, which stays as agreed.
    """
    note = _own_final_note(
        session,
        note_id,
        _(
            "This note is still a draft: the headteacher's response is recorded once the "
            "note is final and has been shared."
        ),
    )
    value = response.value if response is not None else None
    said = note.head_response_comment
    if comment is not None:
        if len(comment) > MAX_COMMENT_CHARS:
            raise InvalidInput(_("The comment is too long."))
        said = comment.strip() or None
    if response is None:
        said = None  # no response, nothing said with it
    if (note.head_response, note.head_response_comment) != (value, said):
        note.head_response, note.head_response_comment = value, said
        session.add(note)
        session.flush()
