"""Export notes of visit as Word documents: one .docx per note, into a folder.

The command line (``notes export-docx``) and the terminal UI's export dialog both call
:func:`export_notes_docx`, so they name files, refuse to overwrite and report failures
the same way:

* a file is named ``YYYY-MM-DD School name - Note of visit.docx`` (a draft's ends
  ``Note of visit (DRAFT).docx``), made safe for Windows and short enough for any file
  system, Welsh letters kept;
* a file of that name that belongs to a *different* note (the note id is recorded in
  each document's properties) is never replaced: the export takes the next free name
  with `` (2)``, `` (3)`` …; exporting the same note again replaces its own file;
* each file is written atomically (a temporary file in the target folder, fsync,
  rename), so a full disk or a read-only stick leaves no partial file, and the error is
  one sentence naming the folder;
* every id is resolved before anything is written: an unknown id writes nothing.

python-docx is imported only when an export runs, never when the program starts.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, func, select

from sia_console.domain.document_language import DocumentLanguage, document_language
from sia_console.domain.enums import ActionStatus, LanguageMedium, NoteStatus, VisitStatus
from sia_console.domain.filenames import MAX_NAME, safe_file_name
from sia_console.domain.models import Action, NoteOfVisit, School, Visit
from sia_console.domain.programme import academic_year_bounds, academic_year_of
from sia_console.domain.programme_template import ProgrammeTemplate
from sia_console.domain.vocabulary import LONDON
from sia_console.formats.docx_text import note_id_of_file
from sia_console.formats.note_document import (
    ActionLine,
    AmendmentLine,
    NoteDocument,
    PredictionLine,
    RiskBlock,
    SectionBlock,
)
from sia_console.i18n import BILINGUAL, _, in_language
from sia_console.services.errors import ServiceError
from sia_console.services.export_files import file_in
from sia_console.services.notes.reading import (
    NoteDetail,
    ReviewDetail,
    note_detail,
    resolve_note_id,
)
from sia_console.services.programme.planning import programme_template
from sia_console.services.settings import export_folder as export_folder  # (where it was)
from sia_console.services.settings import load_settings
from sia_console.storage.atomic import atomic_output

if TYPE_CHECKING:
    from sia_console.formats.note_docx import NoteWriter

EXTENSION = ".docx"
MAX_NAME_BYTES = 200
"""Bytes of a file name before its extension: 255 is the limit on most file systems, and
the temporary file beside it adds a few more characters."""

ExportProgress = Callable[[int, int], None]
"""Called as ``progress(done, total)``: before the first note and after each one."""


@dataclass(frozen=True)
class ExportedNote:
    """A note written to a file."""

    id: str
    path: Path
    english_titles: int = 0
    """How many section titles were written in English in Welsh words: the note's
    template gives them no Welsh."""


@dataclass(frozen=True)
class NoteSelection:
    """Which notes an export is for: named notes, one school's, or every (final) note."""

    note_ids: tuple[str, ...] = ()
    school_code: str | None = None
    every: bool = False
    final_only: bool = False


def select_notes(session: Session, selection: NoteSelection) -> list[str]:
    """The ids of the notes ``selection`` names, in the order of their visits."""
    if selection.note_ids:
        return _unique(resolve_note_id(session, text) for text in selection.note_ids)
    if selection.school_code is None and not selection.every:
        return []
    query = (
        select(NoteOfVisit.id)
        .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
        .join(School, col(School.id) == col(Visit.school_id))
        .where(NoteOfVisit.deleted == False)  # noqa: E712
        .order_by(col(Visit.start), col(School.name), col(NoteOfVisit.id))
    )
    if selection.school_code is not None:
        query = query.where(School.code == selection.school_code)
    if selection.final_only:
        query = query.where(NoteOfVisit.status == NoteStatus.FINAL)
    return list(session.exec(query))


def export_notes_docx(
    session: Session,
    note_ids: Sequence[str],
    out_dir: Path,
    progress: ExportProgress | None = None,
    *,
    should_stop: Callable[[], bool] | None = None,
    now: datetime | None = None,
    programme: ProgrammeTemplate | None = None,
    language: DocumentLanguage | None = None,
) -> list[ExportedNote]:
    """Write each note of ``note_ids`` (ids or unique prefixes) as a .docx in ``out_dir``.

    ``should_stop`` is asked before each note after the first: a batch stopped that way
    returns the notes written so far, each a whole file. ``programme`` is the programme
    template in force (see :func:`note_document`). Each document's own words are in
    ``language``, else in its school's language of correspondence
    (:func:`document_language`); the adviser's text is never translated.
    """
    report = progress or (lambda _done, _total: None)
    ids = _unique(resolve_note_id(session, text) for text in note_ids)
    writer = _writer(session)
    folder = _prepare_folder(out_dir.expanduser())
    made = now or datetime.now(UTC)
    exported: list[ExportedNote] = []
    report(0, len(ids))
    for done, note_id in enumerate(ids):
        if done and should_stop is not None and should_stop():
            break
        detail = note_detail(session, note_id)
        words = language or document_language(_school_language(session, detail.visit_id))
        with in_language(words):
            document = note_document(session, detail, made, programme)
        with in_language("cy" if words == BILINGUAL else words):  # a name in one language
            path = _target(folder, document)
        try:
            with in_language(words):
                _write(path, document, writer)
        except OSError as exc:
            raise ServiceError(_failure(exc, path, done, len(ids))) from exc
        missing = len(detail.titles_without_welsh) if words != "en" else 0
        exported.append(ExportedNote(note_id, path, missing))
        report(done + 1, len(ids))
    return exported


def _school_language(session: Session, visit_id: str) -> LanguageMedium | None:
    visit = session.get(Visit, visit_id)
    school = session.get(School, visit.school_id) if visit is not None else None
    return school.language if school is not None else None


def _write(path: Path, document: NoteDocument, writer: NoteWriter) -> None:
    with atomic_output(path) as handle:
        writer.write(document, handle)


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _prepare_folder(folder: Path) -> Path:
    """The folder, made if need be; a sentence saying why when it cannot be."""
    if folder.exists() and not folder.is_dir():
        raise ServiceError(_("{path} is a file, not a folder to export into.").format(path=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = _reason(exc)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            existing = next((p for p in folder.parents if p.exists()), folder.parent)
            reason = _("{path} is read-only").format(path=existing)
        raise ServiceError(
            _("Cannot create the folder {path}: {reason}.").format(path=folder, reason=reason)
        ) from exc
    return folder


def _writer(session: Session) -> NoteWriter:
    """The Word writer over the template in force (python-docx is imported only now)."""
    from sia_console.formats.docx_template import TemplateError, load_template
    from sia_console.formats.note_docx import NoteWriter

    configured = str(load_settings(session).docx_template or "").strip()
    try:
        return NoteWriter(load_template(Path(configured).expanduser() if configured else None))
    except TemplateError as exc:
        raise ServiceError(str(exc)) from exc


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return _("the disk is full")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _("it is read-only")
    if exc.errno == errno.ENOTDIR:
        return _("part of the path is a file, not a folder")
    return exc.strerror or type(exc).__name__


def _failure(exc: OSError, path: Path, done: int, total: int) -> str:
    """One sentence: which file, in which folder, why, and what was already exported."""
    message = _("Could not write {name} in {folder}: {reason}").format(
        name=path.name, folder=path.parent, reason=_reason(exc)
    )
    if done:
        message += _("; {done} of {total} notes were exported before this").format(
            done=done, total=total
        )
    return message + "."


# ------------------------------------------------------------------------- file names


def file_stem(document: NoteDocument, school: str | None = None) -> str:
    """``2026-11-23 Ysgol y Graig - Note of visit``, before it is made safe.

    A draft's says so: ``2026-11-23 Ysgol y Graig - Note of visit (DRAFT)``, so a draft
    sent by mistake is seen for what it is, and never takes the final note's name.
    """
    values = {
        "day": document.visit_day.isoformat(),
        "school": document.school_name if school is None else school,
    }
    if document.is_draft:
        return _("{day} {school} - Note of visit (DRAFT)").format(**values)
    return _("{day} {school} - Note of visit").format(**values)


def file_name(document: NoteDocument, copy: int = 1) -> str:
    """The name of ``document``'s file; ``copy`` 2, 3 … add `` (2)``, `` (3)`` ….

    A school name too long for the limits is shortened (with an ellipsis), so the date
    and the words "Note of visit" always survive.
    """
    suffix = f" ({copy})" if copy > 1 else ""
    chars = MAX_NAME - len(suffix)
    size = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    school = document.school_name
    stem = file_stem(document)
    cut = len(school)
    while cut > 0 and (len(stem) > chars or len(stem.encode("utf-8")) > size):
        cut -= 1
        stem = file_stem(document, school[:cut].rstrip() + "…")
    safe = safe_file_name(stem, "")
    while len(safe) > chars or len(safe.encode("utf-8")) > size:  # a very long translation
        safe = safe[:-1].rstrip(". ")
    return safe + suffix + EXTENSION


def _target(folder: Path, document: NoteDocument) -> Path:
    """The file for ``document``: its own earlier export, or a name no other note has
    (the export rule of ``services.export_files``, with names kept short)."""
    return file_in(
        folder / file_name(document),
        name_for=lambda copy: folder / file_name(document, copy),
        own=lambda path: note_id_of_file(path) == document.note_id,
    )


# ------------------------------------------------------------------------- the document


def note_document(
    session: Session,
    note: NoteDetail,
    made: datetime,
    programme: ProgrammeTemplate | None = None,
) -> NoteDocument:
    """What the Word document of ``note`` says, gathered from the database.

    A programme visit's focus is its purpose, as planned from the programme template
    (without the "Visit 2: " it starts with); a programme visit with no purpose takes the
    focus of its slot in ``programme``, the template in force (the shipped one unless
    given: no setting names an authority's own yet).
    """
    visit = session.get(Visit, note.visit_id)
    school = session.get(School, visit.school_id) if visit else None
    number, in_programme = _visit_number(session, visit)
    focus = note.visit_purpose.strip()
    if in_programme and number is not None:
        prefix = _("Visit {slot}: {focus}").format(slot=number, focus="")
        if focus.startswith(prefix) and len(focus) > len(prefix):
            focus = focus[len(prefix) :]
        planned = (programme or programme_template()).visit(number) if not focus else None
        if planned is not None:
            focus = planned.shown_focus
    by_section: dict[str, list[AmendmentLine]] = {}
    others: list[AmendmentLine] = []
    keys = {section.key for section in note.sections}
    for amendment in note.amendments:
        line = AmendmentLine(
            amendment.made_at.astimezone(LONDON).date(),
            amendment.text,
            amendment.author_name or "",
        )
        if amendment.section_key in keys:
            by_section.setdefault(amendment.section_key or "", []).append(line)
        else:
            others.append(line)
    risk = note.risk
    return NoteDocument(
        note_id=note.id,
        authority=school.local_authority if school else "",
        school_name=note.school_name,
        school_code=note.school_code,
        headteacher=school.headteacher if school else None,
        visit_start=note.visit_start,
        visit_end=note.visit_end,
        visit_number=number,
        in_programme=in_programme,
        focus=focus,
        adviser_name=note.adviser_name,
        status=note.status,
        finalised_on=note.finalised_at.astimezone(LONDON).date() if note.finalised_at else None,
        head_response=note.head_response,
        head_response_comment=note.head_response_comment,
        created=made,
        sections=tuple(
            SectionBlock(s.key, s.shown_title, s.text, tuple(by_section.get(s.key, ())))
            for s in note.sections
        ),
        risk=RiskBlock(
            level=risk.level,
            rationale=risk.rationale,
            floor_target=risk.floor_target,
            judged_on=risk.judged_on,
            predictions=tuple(
                PredictionLine(p.cohort, p.measure, p.percent) for p in risk.predictions
            ),
        )
        if risk is not None
        else None,
        # As agreed at this visit: a later visit's review moves an action on, but that is
        # the later note's record, never this one's (so a final note's document is fixed).
        actions=_dated_first(
            ActionLine(a.text, a.owner, a.due, ActionStatus.OPEN) for a in note.actions
        ),
        reviews=_dated_first(_review_line(session, r) for r in note.reviews),
        other_amendments=tuple(others),
    )


def _dated_first(lines: Iterable[ActionLine]) -> tuple[ActionLine, ...]:
    """Actions by due date, those with no date last (in the order they came)."""
    return tuple(sorted(lines, key=lambda a: (a.due is None, a.due or date.min)))


def _review_line(session: Session, review: ReviewDetail) -> ActionLine:
    action = session.get(Action, review.action_id)
    return ActionLine(
        text=review.action_text,
        owner=action.owner if action else "",
        due=action.due if action else None,
        status=review.status,
        comment=review.comment,
    )


def _visit_number(session: Session, visit: Visit | None) -> tuple[int | None, bool]:
    """The visit's place in the annual programme, or its count among the year's visits."""
    if visit is None:
        return None, False
    if visit.programme_slot is not None:
        return visit.programme_slot, True
    first, _last = academic_year_bounds(academic_year_of(visit.start.date()))
    count = session.exec(
        select(func.count())
        .select_from(Visit)
        .where(
            Visit.school_id == visit.school_id,
            Visit.deleted == False,  # noqa: E712
            col(Visit.status).not_in((VisitStatus.CANCELLED, VisitStatus.POSTPONED)),
            col(Visit.start) >= datetime.combine(first, datetime.min.time()),
            col(Visit.start) <= visit.start,
        )
    ).one()
    return int(count) or None, False
