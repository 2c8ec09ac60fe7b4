"""The school's year: one school's academic year, for its governors, from its final notes.

Over the year the notes of visit build up the annual picture of a school (Wiltshire's
moderated self-evaluation; governors receive a summary of the adviser's work). This
service gathers it — the visits against the programme, each visit's date and focus, the
agreed risk judgements, the priorities, the actions agreed and what became of them, the
support brokered — and keeps the one thing written for it alone: the adviser's closing
summary (:class:`~sia_console.domain.models.SchoolYearSummary`, one per school and year,
autosaved from the terminal UI like a note's section).

Only *final* notes count: a draft has not been agreed with the school. What became of an
action is what the latest final note that reviewed it says. The command line (``report
school``) and the school page write the same document through :func:`export_school_year`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import Session, col, select

from sia_console.domain import limits
from sia_console.domain import note_template as keys
from sia_console.domain.document_language import document_language
from sia_console.domain.enums import ActionStatus, NoteStatus, VisitStatus
from sia_console.domain.filenames import safe_file_name
from sia_console.domain.limits import MAX_SECTION_CHARS
from sia_console.domain.models import (
    Action,
    ActionReview,
    Adviser,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    SchoolYearSummary,
    Visit,
    school_year_summary_id,
)
from sia_console.domain.programme import academic_year_bounds
from sia_console.domain.programme_template import ProgrammeTemplate
from sia_console.formats.school_year import (
    FINAL_STATE,
    SchoolYearDocument,
    VisitText,
    YearAction,
    YearJudgement,
    YearVisit,
    academic_year_label,
)
from sia_console.i18n import _, in_language
from sia_console.services.errors import InvalidInput, NotYours, ServiceError
from sia_console.services.export_files import Existing, named_file
from sia_console.services.identity import current_identity
from sia_console.services.programme.planning import category_key, programme_template
from sia_console.services.schools.register import get_school
from sia_console.services.settings import category_scheme, load_settings
from sia_console.storage.atomic import atomic_output

FIRST_YEAR = limits.FIRST_YEAR
LAST_YEAR = limits.LAST_YEAR


def check_year(year: int) -> int:
    """An academic year a person could mean (2000–2100), else :class:`InvalidInput`."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(
            _("The year must be between {first} and {last}, not {year}.").format(
                first=FIRST_YEAR, last=LAST_YEAR, year=year
            )
        )
    return year


# ------------------------------------------------------------------ the summary


def _stored(session: Session, school_id: str, year: int) -> SchoolYearSummary | None:
    """The summary of a school's year, by school and year (a bundle's may carry an id
    derived from the school's id on another laptop)."""
    return session.exec(
        select(SchoolYearSummary).where(
            SchoolYearSummary.school_id == school_id,
            SchoolYearSummary.academic_year == year,
        )
    ).first()


def year_summary(session: Session, school_code: str, year: int) -> str:
    """The adviser's summary of ``school_code``'s year (empty if none was written)."""
    school = get_school(session, school_code)
    found = _stored(session, school.id, check_year(year))
    return found.text if found is not None and not found.deleted else ""


def save_year_summary(session: Session, school_code: str, year: int, text: str) -> bool:
    """Store the summary; ``True`` if anything changed. Only the school's link adviser
    (or, for a school with none, anyone) writes it: it is the adviser's own record."""
    school = get_school(session, school_code)
    if len(text) > MAX_SECTION_CHARS:
        raise InvalidInput(
            _("The summary is longer than {limit} characters.").format(
                limit=f"{MAX_SECTION_CHARS:,}"
            )
        )
    me = current_identity(session)
    if me is not None and school.adviser_id not in (None, me.id):
        raise NotYours(_("Only the school's link adviser writes the summary of its year."))
    found = _stored(session, school.id, check_year(year))
    if found is None:
        session.add(
            SchoolYearSummary(
                id=school_year_summary_id(school.id, year),
                school_id=school.id,
                academic_year=year,
                adviser_id=me.id if me else None,
                text=text,
            )
        )
        session.flush()
        return True
    if found.text == text and not found.deleted:
        return False
    found.text, found.deleted = text, False
    found.adviser_id = me.id if me else found.adviser_id
    session.add(found)
    session.flush()
    return True


# ------------------------------------------------------------------ the document


def school_year_document(
    session: Session, school_code: str, year: int, made: datetime | None = None
) -> SchoolYearDocument:
    """Everything the school's year says, gathered from the database (see the module)."""
    school = get_school(session, school_code)
    first, last = academic_year_bounds(check_year(year))
    start, end = datetime.combine(first, datetime.min.time()), datetime(last.year, 9, 1)
    rows = session.exec(
        select(Visit, NoteOfVisit)
        .join(
            NoteOfVisit,
            (col(NoteOfVisit.visit_id) == col(Visit.id)) & (col(NoteOfVisit.deleted) == False),  # noqa: E712
            isouter=True,
        )
        .where(
            Visit.school_id == school.id,
            Visit.deleted == False,  # noqa: E712
            col(Visit.start) >= start,
            col(Visit.start) < end,
        )
        .order_by(col(Visit.start), col(Visit.id))
    ).all()
    programme = programme_template()
    finals: list[tuple[Visit, NoteOfVisit]] = []
    visits: list[YearVisit] = []
    for visit, note in rows:
        if note is not None and note.status is NoteStatus.FINAL:
            finals.append((visit, note))
        visits.append(
            YearVisit(
                visit.start.date(),
                visit.programme_slot,
                _focus(visit, programme),
                _state(visit, note),
            )
        )
    note_ids = [note.id for _visit, note in finals]
    day_of = {note.id: visit.start.date() for visit, note in finals}
    adviser = session.get(Adviser, school.adviser_id) if school.adviser_id else None
    summary = _stored(session, school.id, year)
    scheme = category_scheme(session)
    return SchoolYearDocument(
        school_name=school.name,
        school_code=school.code,
        authority=school.local_authority,
        headteacher=school.headteacher,
        adviser_name=adviser.name if adviser else None,
        academic_year=year,
        programme_visits=len(programme.visits_for(category_key(scheme, school.category))),
        floor_target=load_settings(session).floor_target,
        created=made or datetime.now(UTC),
        visits=tuple(visits),
        judgements=_judgements(session, note_ids, day_of),
        priorities=_texts(session, note_ids, day_of, keys.AREAS_FOR_DEVELOPMENT),
        actions=_actions(session, school, note_ids, day_of),
        support=_texts(session, note_ids, day_of, keys.SUPPORT),
        summary=summary.text if summary is not None and not summary.deleted else "",
    )


def _focus(visit: Visit, programme: ProgrammeTemplate) -> str:
    focus = visit.purpose.strip()
    if visit.programme_slot is not None:
        prefix = _("Visit {slot}: {focus}").format(slot=visit.programme_slot, focus="")
        if focus.startswith(prefix) and len(focus) > len(prefix):
            focus = focus[len(prefix) :]
        if not focus:
            planned = programme.visit(visit.programme_slot)
            focus = planned.shown_focus if planned is not None else ""
    return focus


def _state(visit: Visit, note: NoteOfVisit | None) -> str:
    if note is not None and note.status is NoteStatus.FINAL:
        return FINAL_STATE()
    if visit.status is VisitStatus.CANCELLED:
        return _("Cancelled")
    if visit.status is VisitStatus.POSTPONED:
        return _("Postponed")
    if note is not None:
        return _("Note in draft, not yet agreed")
    if visit.status is VisitStatus.DONE:
        return _("Made; no note yet")
    return _("Planned")


def _judgements(
    session: Session, note_ids: list[str], day_of: dict[str, date]
) -> tuple[YearJudgement, ...]:
    found: list[YearJudgement] = []
    for judgement in session.exec(
        select(RiskJudgement).where(
            col(RiskJudgement.note_id).in_(note_ids),
            RiskJudgement.deleted == False,  # noqa: E712
            col(RiskJudgement.level).is_not(None),
        )
    ):
        combined = {
            p.cohort: p.percent
            for p in session.exec(
                select(Prediction).where(
                    Prediction.judgement_id == judgement.id,
                    Prediction.measure == "combined",
                    Prediction.deleted == False,  # noqa: E712
                )
            )
        }
        assert judgement.level is not None
        found.append(
            YearJudgement(
                day_of[judgement.note_id], judgement.level, combined.get("Y6"), combined.get("Y5")
            )
        )
    return tuple(sorted(found, key=lambda j: j.day))


def _texts(
    session: Session, note_ids: list[str], day_of: dict[str, date], key: str
) -> tuple[VisitText, ...]:
    sections = session.exec(
        select(NoteSection).where(
            col(NoteSection.note_id).in_(note_ids),
            NoteSection.key == key,
            NoteSection.deleted == False,  # noqa: E712
        )
    ).all()
    return tuple(
        sorted((VisitText(day_of[s.note_id], s.text) for s in sections), key=lambda t: t.day)
    )


def _actions(
    session: Session, school: School, note_ids: list[str], day_of: dict[str, date]
) -> tuple[YearAction, ...]:
    """The actions agreed on the year's final notes, and the latest final review of each."""
    latest: dict[str, tuple[datetime, ActionReview]] = {}
    for review, start in session.exec(
        select(ActionReview, Visit.start)
        .join(NoteOfVisit, col(NoteOfVisit.id) == col(ActionReview.note_id))
        .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
        .where(
            Visit.school_id == school.id,
            NoteOfVisit.status == NoteStatus.FINAL,
            NoteOfVisit.deleted == False,  # noqa: E712
            ActionReview.deleted == False,  # noqa: E712
        )
    ):
        held = latest.get(review.action_id)
        if held is None or held[0] <= start:
            latest[review.action_id] = (start, review)
    actions: list[YearAction] = []
    for action in session.exec(
        select(Action).where(
            col(Action.note_id).in_(note_ids),
            Action.deleted == False,  # noqa: E712
        )
    ):
        reviewed = latest.get(action.id)
        actions.append(
            YearAction(
                text=action.text,
                owner=action.owner,
                due=action.due,
                agreed_on=day_of[action.note_id],
                status=reviewed[1].status if reviewed else ActionStatus.OPEN,
                reviewed_on=reviewed[0].date() if reviewed else None,
                comment=reviewed[1].comment if reviewed else "",
            )
        )
    return tuple(
        sorted(actions, key=lambda a: (a.agreed_on, a.due is None, a.due or date.min, a.text))
    )


# ------------------------------------------------------------------ the file


def school_year_file_name(document: SchoolYearDocument) -> str:
    """``2026–27 Ysgol y Graig - School's year.docx``, safe for any file system."""
    name = document.school_name
    if len(name) > 120:
        name = name[:119].rstrip() + "…"
    stem = _("{year} {school} - School's year").format(
        year=academic_year_label(document.academic_year), school=name
    )
    return safe_file_name(stem, "") + ".docx"


def export_school_year(
    session: Session,
    school_code: str,
    year: int,
    out: Path,
    *,
    now: datetime | None = None,
    existing: Existing = Existing.NEW_NAME,
) -> Path:
    """Write the school's year to ``out``, atomically: a ``.docx`` file, else a folder
    (made if need be) that takes :func:`school_year_file_name`, never over a file already
    there (in a folder, the next free name; a file named, by ``existing``)."""
    from sia_console.formats.docx_template import TemplateError, load_template
    from sia_console.formats.school_year_docx import write_school_year

    school = get_school(session, school_code)
    words = document_language(school.language)  # the school's language of correspondence
    with in_language(words):
        document = school_year_document(session, school_code, year, now)
    target = out
    rule = existing
    if out.is_dir() or out.suffix.lower() != ".docx":
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ServiceError(
                _("Cannot create the folder {path}: {reason}.").format(
                    path=out, reason=exc.strerror or type(exc).__name__
                )
            ) from exc
        target = out / school_year_file_name(document)
        rule = Existing.NEW_NAME
    target = named_file(target, rule)
    configured = str(load_settings(session).docx_template or "").strip()
    try:
        template = load_template(Path(configured).expanduser() if configured else None)
    except TemplateError as exc:
        raise ServiceError(str(exc)) from exc
    try:
        with atomic_output(target, mode=0o600) as handle, in_language(words):
            write_school_year(document, handle, template=template)
    except OSError as exc:
        raise ServiceError(
            _("Cannot write {path}: {reason}.").format(
                path=target, reason=exc.strerror or type(exc).__name__
            )
        ) from exc
    return target
