"""What the note editor does beside typing: finalise, amend, record the head's response,
review and agree actions, export to Word.

Each task is a coroutine that the editor runs as a worker on the UI's event loop, so
that it can wait for the adviser's answer in a dialog; every database call inside it
runs in a thread (``asyncio.to_thread``), so the screen never waits on SQLite. A task
is given what it needs (a :class:`NoteTask`: the app, the database, the note) and says
whether it changed the note; the editor then reads the note again. A refusal from the
services (a final note cannot change) is shown as the sentence it is.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlmodel import Session
from textual.app import App
from textual.content import Content
from textual.widget import Widget

from sia_console.domain.enums import ActionStatus, HeadResponse
from sia_console.domain.text import one_line
from sia_console.i18n import _
from sia_console.services.errors import ServiceError
from sia_console.services.notes.actions import (
    CarriedAction,
    add_action,
    due_warning,
    mark_action_done,
    review_action,
    update_action,
)
from sia_console.services.notes.actions import remove_action as remove_stored_action
from sia_console.services.notes.editing import (
    add_amendment,
    finalise_note,
    finalise_problems,
    finalise_warnings,
    set_head_response,
)
from sia_console.services.notes.reading import ActionDetail, NoteDetail
from sia_console.storage.database import Database
from sia_console.tui import formatting as fmt
from sia_console.tui.dialogs.confirm import ConfirmDialog
from sia_console.tui.dialogs.error import ErrorDialog
from sia_console.tui.messages import ExportNotes
from sia_console.tui.notes.action_dialogs import ActionDialog, ReviewDialog
from sia_console.tui.notes.dialogs import AmendmentDialog, HeadResponseDialog

T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class NoteTask:
    """What every task is given: the app (for its dialogs), the database, the note."""

    app: App[Any]
    database: Database
    note_id: str

    async def ask(self, question: Callable[[Session], T]) -> T:
        """Ask the database ``question`` in one transaction, in a thread."""

        def read() -> T:
            with self.database.session() as session:
                return question(session)

        return await asyncio.to_thread(read)

    def refused(self, title: str, error: ServiceError) -> None:
        """Say why the services refused, in the error dialog."""
        self.app.push_screen(ErrorDialog(title, str(error)))


def start(
    screen: Widget,
    then: Callable[[], object],
    task: Callable[Concatenate[NoteTask, P], Awaitable[bool]],
    note: NoteTask,
    *args: P.args,
    **kwargs: P.kwargs,
) -> None:
    """Run ``task`` on ``note`` as a worker of ``screen`` (whose failure handler shows
    what went wrong), one task at a time; ``then`` once it has changed the note."""

    async def run() -> None:
        if await task(note, *args, **kwargs):
            then()

    screen.run_worker(
        run(), name=task.__name__, group="note-task", exclusive=True, exit_on_error=False
    )


def word_export(note: NoteDetail) -> ExportNotes:
    """Ask the app for its Word export of ``note`` (save what was typed first)."""
    return ExportNotes(
        (note.id,),
        description=_("The note of visit of {school}, {day}").format(
            school=note.school_name, day=fmt.long_day(note.visit_start.date())
        ),
    )


async def finalise(task: NoteTask, today: date) -> bool:
    """Check the note, ask, and lock it as final; whether it is final now.

    Call it once everything typed is saved: the checks read the database.
    """
    note_id = task.note_id
    problems = await task.ask(lambda s: finalise_problems(s, note_id, today))
    if problems:
        body = Content("\n").join(
            [Content(_("Before this note can be finalised:"))]
            + [Content("• " + one_line(problem)) for problem in problems]
        )
        await task.app.push_screen_wait(
            ConfirmDialog(_("Not ready to finalise"), body, confirm=None, cancel=_("Close"))
        )
        return False
    warnings = await task.ask(lambda s: finalise_warnings(s, note_id))
    body = Content(
        _(
            "Once final, the note's text cannot be changed: corrections are added as dated "
            "amendments, the original kept. The visit is marked done."
        )
    )
    if warnings:
        body = Content("\n").join(
            [Content.styled(_("Worth a second look:"), "bold $text-warning")]
            + [Content.styled("⚠ " + one_line(warning), "$text-warning") for warning in warnings]
            + [Content(""), body]
        )
    dialog = ConfirmDialog(_("Finalise this note of visit?"), body, confirm=_("Finalise"))
    if not await task.app.push_screen_wait(dialog):
        return False
    try:
        await task.ask(lambda s: finalise_note(s, note_id, today))
    except ServiceError as error:
        task.refused(_("The note was not finalised"), error)
        return False
    task.app.notify(_("The note is final."), markup=False)
    return True


async def record_head_response(task: NoteTask, stored: str | None, said: str | None) -> bool:
    """Ask for the headteacher's response to a final note and what they said, and record
    them; whether they changed (``stored``, ``said``: what is recorded so far)."""
    current = HeadResponse(stored) if stored in set(HeadResponse) else None
    answer = await task.app.push_screen_wait(HeadResponseDialog(current, said or ""))
    if answer is None or (answer[0], answer[1].strip()) == (current, said or ""):
        return False
    note_id = task.note_id
    try:
        await task.ask(lambda s: set_head_response(s, note_id, answer[0], answer[1]))
    except ServiceError as error:
        task.refused(_("The response was not recorded"), error)
        return False
    return True


async def amend(task: NoteTask, sections: list[tuple[str, str]], section: str | None) -> bool:
    """Add a dated amendment to a final note; whether one was added.

    ``sections``: ``(key, title)`` of the note's sections; ``section``: the one shown.
    """
    answer = await task.app.push_screen_wait(AmendmentDialog(sections, section))
    if answer is None:
        return False
    key, text = answer
    note_id = task.note_id
    try:
        await task.ask(lambda s: add_amendment(s, note_id, key, text))
    except ServiceError as error:
        task.refused(_("The amendment was not added"), error)
        return False
    task.app.notify(_("Amendment added, dated today."), markup=False)
    return True


async def review(task: NoteTask, action: CarriedAction) -> bool:
    """Review an action carried forward from an earlier visit; whether it was saved."""
    answer = await task.app.push_screen_wait(ReviewDialog(action))
    if answer is None:
        return False
    note_id = task.note_id
    try:
        await task.ask(
            lambda s: review_action(s, note_id, action.action_id, answer.status, answer.comment)
        )
    except ServiceError as error:
        task.refused(_("The review was not saved"), error)
        return False
    return True


async def edit_action(
    task: NoteTask, existing: ActionDetail | None, today: date, visit_day: date | None = None
) -> bool:
    """Agree a new action (``existing`` ``None``) or change one; whether it was saved.

    A due date in the past, or before the visit, is saved, and said plainly.
    """
    answer = await task.app.push_screen_wait(ActionDialog(existing, today, visit_day))
    if answer is None:
        return False
    note_id = task.note_id
    try:
        if existing is None:
            await task.ask(lambda s: add_action(s, note_id, answer.text, answer.owner, answer.due))
        else:
            await task.ask(
                lambda s: update_action(s, existing.id, answer.text, answer.owner, answer.due)
            )
    except ServiceError as error:
        task.refused(_("The action was not saved"), error)
        return False
    warning = due_warning(answer.due, today, visit_day)
    if warning:
        task.app.notify(warning, severity="warning", markup=False)
    return True


async def mark_done(task: NoteTask, action: ActionDetail, today: date) -> bool:
    """Mark an action done, or a done one open again; whether it changed."""
    done = action.status is not ActionStatus.DONE
    try:
        await task.ask(lambda s: mark_action_done(s, action.id, done, today))
    except ServiceError as error:
        task.refused(_("The action was not changed"), error)
        return False
    task.app.notify(_("Action marked done.") if done else _("Action open again."), markup=False)
    return True


async def remove_action(task: NoteTask, action: ActionDetail) -> bool:
    """Ask, then remove an action agreed at this visit; whether it was removed."""
    dialog = ConfirmDialog(
        _("Remove this action?"), Content(one_line(action.text)), confirm=_("Remove")
    )
    if not await task.app.push_screen_wait(dialog):
        return False
    try:
        await task.ask(lambda s: remove_stored_action(s, action.id))
    except ServiceError as error:
        task.refused(_("The action was not removed"), error)
        return False
    return True
