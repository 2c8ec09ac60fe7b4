"""What the note editor does beside typing: finalise, amend, record the head's response,
review and agree actions.

Each task is an asynchronous worker on the UI's event loop so that it can wait for the
adviser's answer in a dialog; every database call inside it runs in a thread
(``asyncio.to_thread``), so the screen never waits on SQLite. A refusal from the
services (a final note cannot change) is shown as the sentence it is.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from sqlmodel import Session
from textual import on, work
from textual.content import Content
from textual.worker import Worker

from sia_console.domain.enums import HeadResponse, NoteStatus
from sia_console.domain.text import one_line
from sia_console.i18n import _
from sia_console.services.errors import ServiceError
from sia_console.services.notes.actions import (
    CarriedAction,
    add_action,
    due_warning,
    remove_action,
    review_action,
    update_action,
)
from sia_console.services.notes.editing import (
    add_amendment,
    finalise_note,
    finalise_problems,
    set_head_response,
)
from sia_console.services.notes.reading import ActionDetail
from sia_console.tui.dialogs.confirm import ConfirmDialog
from sia_console.tui.dialogs.error import ErrorDialog
from sia_console.tui.notes.action_dialogs import ActionDialog, ReviewDialog
from sia_console.tui.notes.action_tables import AgreedActionTable, CarriedActionTable
from sia_console.tui.notes.dialogs import AmendmentDialog, HeadResponseDialog
from sia_console.tui.screens.base import DataScreen

if TYPE_CHECKING:
    from sia_console.services.notes.workspace import NoteWorkspace
    from sia_console.tui.notes.autosave import Change

T = TypeVar("T")


class NoteTasks(DataScreen):
    """The note editor's tasks; :class:`NoteEditorScreen` provides the state they use."""

    workspace: NoteWorkspace | None
    final: bool
    current: str | None

    def read(self, question: Callable[[Session], T]) -> T:
        raise NotImplementedError

    def reload(self) -> Worker[None]:
        raise NotImplementedError

    def save_now(self, extra: Sequence[Change] = (), *, force: bool = False) -> Worker[None] | None:
        raise NotImplementedError

    def _lock(self) -> None:
        raise NotImplementedError

    async def _ask(self, question: Callable[[Session], T]) -> T:
        return await asyncio.to_thread(self.read, question)

    async def _saved_first(self) -> None:
        """Everything typed so far is in the database (saves running included)."""
        self.save_now(force=True)
        running = [w for w in self.app.workers if w.group == "autosave" and not w.is_finished]
        if running:
            await self.app.workers.wait_for_complete(running)

    def _refused(self, title: str, error: ServiceError) -> None:
        self.app.push_screen(ErrorDialog(title, str(error)))

    # ------------------------------------------------------------------ finalise

    def action_finalise(self) -> None:
        """Check the note, ask, and lock it as final."""
        if self.workspace is not None and not self.final:
            self._finalise()

    @work(exclusive=True, group="note-task", exit_on_error=False)
    async def _finalise(self) -> None:
        assert self.workspace is not None
        note_id, today = self.workspace.note.id, self.context.today()
        await self._saved_first()
        problems = await self._ask(lambda s: finalise_problems(s, note_id, today))
        if problems:
            body = Content("\n").join(
                [Content(_("Before this note can be finalised:"))]
                + [Content("• " + one_line(problem)) for problem in problems]
            )
            await self.app.push_screen_wait(
                ConfirmDialog(_("Not ready to finalise"), body, confirm=None, cancel=_("Close"))
            )
            return
        body = Content(
            _(
                "Once final, the note's text cannot be changed: corrections are added as dated "
                "amendments, the original kept. The visit is marked done."
            )
        )
        dialog = ConfirmDialog(_("Finalise this note of visit?"), body, confirm=_("Finalise"))
        if not await self.app.push_screen_wait(dialog):
            return
        try:
            await self._ask(lambda s: finalise_note(s, note_id, today))
        except ServiceError as error:
            self._refused(_("The note was not finalised"), error)
            return
        self.final = True
        self._lock()
        self.reload()
        self.notify(_("The note is final."), markup=False)

    # ------------------------------------------------------------ head's response

    def action_respond(self) -> None:
        """Record the headteacher's response to a final note."""
        if self.workspace is not None and self.workspace.note.status is NoteStatus.FINAL:
            self._respond()

    @work(exclusive=True, group="note-task", exit_on_error=False)
    async def _respond(self) -> None:
        assert self.workspace is not None
        note_id = self.workspace.note.id
        stored = self.workspace.note.head_response
        current = HeadResponse(stored) if stored in set(HeadResponse) else None
        answer = await self.app.push_screen_wait(HeadResponseDialog(current))
        if answer is None or answer[0] == current:
            return
        try:
            await self._ask(lambda s: set_head_response(s, note_id, answer[0]))
        except ServiceError as error:
            self._refused(_("The response was not recorded"), error)
            return
        self.reload()

    # ------------------------------------------------------------------ amend

    def action_amend(self) -> None:
        """Add a dated amendment to a final note."""
        if self.workspace is not None and self.final:
            self._amend()

    @work(exclusive=True, group="note-task", exit_on_error=False)
    async def _amend(self) -> None:
        assert self.workspace is not None
        note_id = self.workspace.note.id
        sections = [(s.key, s.title) for s in self.workspace.note.sections]
        answer = await self.app.push_screen_wait(AmendmentDialog(sections, self.current))
        if answer is None:
            return
        key, text = answer
        try:
            await self._ask(lambda s: add_amendment(s, note_id, key, text))
        except ServiceError as error:
            self._refused(_("The amendment was not added"), error)
            return
        self.reload()
        self.notify(_("Amendment added, dated today."), markup=False)

    # ------------------------------------------------------------------ actions

    @on(CarriedActionTable.Review)
    def _review_asked(self, message: CarriedActionTable.Review) -> None:
        self._review(message.action)

    @work(exclusive=True, group="note-task", exit_on_error=False)
    async def _review(self, action: CarriedAction) -> None:
        assert self.workspace is not None
        note_id = self.workspace.note.id
        answer = await self.app.push_screen_wait(ReviewDialog(action))
        if answer is None:
            return
        try:
            await self._ask(
                lambda s: review_action(s, note_id, action.action_id, answer.status, answer.comment)
            )
        except ServiceError as error:
            self._refused(_("The review was not saved"), error)
            return
        self.reload()

    @on(AgreedActionTable.Edit)
    def _edit_asked(self, message: AgreedActionTable.Edit) -> None:
        self._edit(message.action)

    @work(exclusive=True, group="note-task", exit_on_error=False)
    async def _edit(self, existing: ActionDetail | None) -> None:
        assert self.workspace is not None
        note_id, today = self.workspace.note.id, self.context.today()
        answer = await self.app.push_screen_wait(ActionDialog(existing, today))
        if answer is None:
            return
        try:
            if existing is None:
                await self._ask(
                    lambda s: add_action(s, note_id, answer.text, answer.owner, answer.due)
                )
            else:
                await self._ask(
                    lambda s: update_action(s, existing.id, answer.text, answer.owner, answer.due)
                )
        except ServiceError as error:
            self._refused(_("The action was not saved"), error)
            return
        warning = due_warning(answer.due, today)
        if warning:
            self.notify(warning, severity="warning", markup=False)
        self.reload()

    @on(AgreedActionTable.Remove)
    def _remove_asked(self, message: AgreedActionTable.Remove) -> None:
        self._remove(message.action.id, message.action.text)

    @work(exclusive=True, group="note-task", exit_on_error=False)
    async def _remove(self, action_id: str, text: str) -> None:
        dialog = ConfirmDialog(
            _("Remove this action?"), Content(one_line(text)), confirm=_("Remove")
        )
        if not await self.app.push_screen_wait(dialog):
            return
        try:
            await self._ask(lambda s: remove_action(s, action_id))
        except ServiceError as error:
            self._refused(_("The action was not removed"), error)
            return
        self.reload()
