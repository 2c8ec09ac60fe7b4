"""The note editor: the screen advisers spend hours in, typing at the school.

A list of the note's sections on the left, the section being written on the right; the
school, the visit, the status, the word count and when the note was last saved always
in view. A final note opens read-only; its corrections are dated amendments.

The screen hears its widgets and wires together parts it owns or calls, each in its own
module: its keys (``keys``); its pages (``pages``, ``risk_panel``, ``action_tables``);
what it saves, as it stands on screen (``fields``); its
:class:`~sia_console.tui.notes.autosave.Autosaver` (typing saved in worker threads after
a pause, at least every second or so while typing goes on, at once on every move to
another section or screen, and on every way out); the tasks beside typing (``tasks``:
finalise, amend, the head's response, actions, Word); its status line (``status``); and
the words a search found (``found``).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import Any, ClassVar, Concatenate, ParamSpec, TypeVar

from sqlmodel import Session
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import ContentSwitcher, Header, Input, OptionList, RadioSet, Static, TextArea
from textual.widgets.option_list import Option

from sia_console.domain.enums import NoteStatus
from sia_console.i18n import _
from sia_console.services.errors import NoteIsFinal
from sia_console.services.notes.workspace import NoteWorkspace, open_workspace, read_workspace
from sia_console.tui.context import AppContext
from sia_console.tui.data_changes import data_changed
from sia_console.tui.notes import pages, tasks
from sia_console.tui.notes.action_tables import AgreedActionTable, CarriedActionTable
from sia_console.tui.notes.autosave import MAX_WAIT, PAUSE, TICK, Autosaver
from sia_console.tui.notes.drafts import DraftWriter
from sia_console.tui.notes.fields import NoteFields
from sia_console.tui.notes.found import show_found
from sia_console.tui.notes.keys import EDITOR_KEYS, offered
from sia_console.tui.notes.messages import DraftSaved, WorkspaceLoaded
from sia_console.tui.notes.risk_panel import RiskPanel
from sia_console.tui.notes.status import read_only_notice, status_line, template_notices
from sia_console.tui.screens.base import DataScreen, describe
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.note_text_area import NoteTextArea

T = TypeVar("T")
P = ParamSpec("P")


class NoteEditorScreen(DataScreen):
    """One note of visit, its sections, risk judgement and actions."""

    ABOUT = _(
        "The note of visit: its sections on the left, the one being written on the right, "
        "then the risk judgement and the actions. What you type is saved as you go, and on "
        "every way out. Finalise locks the note when it is agreed; after that, corrections "
        "are dated amendments."
    )

    CSS_PATH = "notes.tcss"  # (read when first shown, not at start-up)
    BINDINGS: ClassVar[list[BindingType]] = EDITOR_KEYS
    LOAD_FAILED = _("Could not open the note")
    AUTO_FOCUS = ""

    pause = PAUSE
    """Seconds of quiet after which the autosaver saves (tests lengthen it)."""
    max_wait = MAX_WAIT
    """Seconds after the first unsaved change by which it saves, pause or not."""

    def __init__(
        self,
        context: AppContext,
        visit_id: str,
        *,
        section: str | None = None,
        terms: tuple[str, ...] = (),
    ) -> None:
        super().__init__(context)
        self.visit_id = visit_id
        self.start_page = section
        """The page to open at: a section's key, a page name of ``pages``, or ``None``."""
        self.terms = terms
        """Words searched for, to show where the note opens (from the search)."""
        self.workspace: NoteWorkspace | None = None
        self.final = False
        """The note cannot change here: final, or another adviser's."""
        self._retitle = False
        """The language was switched: the pages are worded again when the note is read."""
        self.names: list[str] = []
        """Page names in the order of the list."""
        self.current: str | None = None
        self.fields = NoteFields()
        self.words: dict[str, int] = {}
        self.told_final = -10.0
        """When the adviser was last told that a final note cannot be typed into."""
        self.autosaver = Autosaver.for_screen(
            self, lambda field: self.fields.read(field, self.current), self.pause, self.max_wait
        )

    # ------------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.READING, id="note-heading", classes="status-line")
        yield Static(id="note-status")
        with Horizontal(id="note-body"):
            yield OptionList(id="note-sections")
            yield ContentSwitcher(id="note-pages")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Note of visit")
        self.load()
        self.set_interval(TICK, self.autosaver.tick)

    def read(self, question: Callable[[Session], T]) -> T:
        """Ask the database ``question`` in one transaction (call from a thread)."""
        with self.context.database.session() as session:
            return question(session)

    @work(thread=True, exclusive=True, exit_on_error=False, group="note-load")
    def load(self) -> None:
        """Open (or start) the visit's note in a thread."""
        workspace = self.read(lambda s: open_workspace(s, self.visit_id, self.start_page))
        self.post_message(WorkspaceLoaded(workspace))

    @work(thread=True, exclusive=True, exit_on_error=False, group="note-reload")
    def reload(self) -> None:
        """Read the note again after a change made beside the text."""
        if self.workspace is not None:
            note_id = self.workspace.note.id
            self.post_message(WorkspaceLoaded(self.read(lambda s: read_workspace(s, note_id))))

    def language_changed(self) -> None:
        """Word the note's titles, prompts and lines again: the language was switched."""
        self._retitle = True
        self.reload()

    @on(WorkspaceLoaded)
    async def _loaded(self, message: WorkspaceLoaded) -> None:
        workspace = message.workspace
        first = self.workspace is None
        if self._retitle and not first:
            self._retitle = False
            pages.retitle_pages(self, workspace)
        self.workspace = workspace
        self.final = workspace.note.status is NoteStatus.FINAL or workspace.owner is not None
        if first:
            await self._build(workspace)
            writer = DraftWriter(self.context.database, workspace.note.id)
            self.autosaver.begin(writer, self.fields.texts())
        else:
            self.query_one(RiskPanel).workspace = workspace
            if workspace.note.status is NoteStatus.FINAL and pages.AMENDMENTS not in self.names:
                await pages.add_amendments_page(self)
                self.names.append(pages.AMENDMENTS)
            if self.final:
                self._lock()
        pages.show_beside(self, workspace, self.context.today())
        self._show_prompts()
        self.query_one("#note-heading", Static).update(pages.heading(workspace))
        self.sub_title = workspace.note.school_name
        self._show_status()
        if first:
            self._open_first_page()
            for notice in template_notices(workspace):
                self.notify(notice, severity="warning", markup=False, timeout=10)

    async def _build(self, workspace: NoteWorkspace) -> None:
        built = pages.build_pages(workspace, read_only=self.final)
        self.names = built.names
        self.words.update(built.words)
        await self.query_one(ContentSwitcher).mount_all(built.widgets)
        listing = self.query_one("#note-sections", OptionList)
        listing.set_options(Option("", id=pages.page_id(name)) for name in self.names)
        self.fields.hold(self, built.text_index, workspace)
        if not self.final:  # a note to read (final, or another's) opens at its beginning
            for area in [*self.fields.areas.values(), self.fields.rationale]:
                if area is not None:
                    area.move_cursor(area.document.end)  # carry on where the text ends
        if self.final:
            self._lock()

    def _lock(self) -> None:
        """Nothing on this note can change any more: stop saving, lock every field."""
        self.autosaver.lock()
        pages.lock_pages(self)
        self.refresh_bindings()

    def _show_prompts(self, only: Sequence[str] | None = None) -> None:
        if self.workspace is None:
            return
        listing = self.query_one("#note-sections", OptionList)
        names = only if only is not None else self.names
        prompts = pages.list_prompts(self.workspace, names, self.words, self.fields.level)
        for name, prompt in prompts.items():
            listing.replace_option_prompt(pages.page_id(name), prompt)

    def _show_status(self) -> None:
        if self.workspace is None:
            return
        error = self.autosaver.error
        unsaved = len(self.query_one(RiskPanel).problems) if self.query(RiskPanel) else 0
        line = status_line(
            self.workspace,
            final=self.final,
            problem=None if error is None else describe(error),
            last_saved=self.autosaver.last_saved,
            unsaved_predictions=unsaved,
            words=self.words,
            current=self.current,
        )
        self.query_one("#note-status", Static).update(line)

    def _open_first_page(self) -> None:
        wanted = self.names[0]
        if self.start_page is not None and self.start_page in self.names:
            wanted = self.start_page
        self.show_page(wanted, focus=True)
        area = self.fields.areas.get(wanted)
        show_found(self, wanted, self.terms, area=area, rationale=self.fields.rationale)

    # ------------------------------------------------------------------ moving

    def show_page(self, name: str, *, focus: bool) -> None:
        """Show the page ``name``; moving away from a page saves what was typed."""
        if name not in self.names:
            return
        if name != self.current:
            moving = self.current is not None
            self.current = name
            self.query_one(ContentSwitcher).current = pages.page_id(name)
            listing = self.query_one("#note-sections", OptionList)
            if listing.highlighted != self.names.index(name):
                listing.highlighted = self.names.index(name)
            if moving and not self.final:
                self.autosaver.changed("editing")
                self.autosaver.save()
            self._show_status()
        if focus:
            self._focus_page(name)

    def _focus_page(self, name: str) -> None:
        """Focus the page's main widget at once (``Widget.focus`` waits a turn, and keys
        typed straight after a move would still go to the section left)."""
        target = pages.focus_target(self, name, self.fields.areas)
        if target is not None:
            self.set_focus(target)

    @on(OptionList.OptionHighlighted, "#note-sections")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != event.option_list.highlighted:
            return  # stale: keys moved on since (following it would undo their move)
        self.show_page(self.names[event.option_index], focus=False)

    @on(OptionList.OptionSelected, "#note-sections")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.show_page(self.names[event.option_index], focus=True)

    def _step(self, by: int) -> None:
        if self.current is None:
            return
        index = min(max(self.names.index(self.current) + by, 0), len(self.names) - 1)
        self.show_page(self.names[index], focus=True)

    def action_next_page(self) -> None:
        """Save and go to the next section."""
        self._step(1)

    def action_previous_page(self) -> None:
        """Save and go to the previous section."""
        self._step(-1)

    def action_focus_sections(self) -> None:
        """Put the cursor in the list of sections."""
        self.query_one("#note-sections", OptionList).focus()

    def action_back(self) -> None:
        """Save, forget the draft as open, and go back."""
        self.autosaver.close()
        self.dismiss()

    def on_screen_resume(self) -> None:
        """Back on top (a dialog closed, another note left): this draft is the open one."""
        if not self.final and self.autosaver.writer is not None and not self.autosaver.closed:
            self.autosaver.changed("editing")

    def on_screen_suspend(self) -> None:
        """Another screen is on top (a dialog, another place): save what was typed."""
        self.autosaver.save()

    def on_unmount(self) -> None:
        """A last, synchronous save: the app closing without asking us first, or text
        typed just before a quit that reached its area after the quit's save.
        The editor writes as it goes (the draft made, where it was open): every screen
        reads again when seen."""
        self.autosaver.close_now(self.fields.texts())
        data_changed(self)

    # ------------------------------------------------------------------ saving

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        if not self.final and (field := self.fields.field_of(event.text_area)) is not None:
            self._changed(field)

    @on(RadioSet.Changed, "#risk-level")
    def _level_chosen(self) -> None:
        panel = self.query_one(RiskPanel)
        if self.final or not self.fields.choose_level(panel.level):
            return
        self._changed("risk")
        self.autosaver.save()
        panel.show_trend()
        self._show_prompts([pages.RISK])

    @on(Input.Changed, ".prediction")
    def _predicted(self) -> None:
        panel = self.query_one(RiskPanel)
        panel.compare()
        predictions = panel.predictions()
        self._show_status()  # (a prediction that is not a percentage is said there)
        if not self.final and self.fields.predict(predictions):
            self._changed("predictions")

    def _changed(self, field: str) -> None:
        if self.autosaver.changed(field):
            self._show_status()

    @on(DraftSaved)
    def _saved(self, message: DraftSaved) -> None:
        outcome = message.outcome
        told = self.autosaver.error is not None
        self.autosaver.finished(outcome, message.fields)
        if isinstance(outcome.error, NoteIsFinal):
            self.final = True
            self.reload()
        elif outcome.error is not None:
            if not told:  # (said once; the status line says it until a save succeeds)
                self.notify(describe(outcome.error), severity="error", markup=False)
        else:
            self.words.update(outcome.words)
            self._show_prompts([k for k in outcome.words if k in self.names])
            if outcome.changed:  # (the dashboard's overdue notes, the risk register …)
                data_changed(self, fresh=self)
        self._show_status()

    def action_save_now(self) -> None:
        """Save now (autosave does this anyway)."""
        self.autosaver.save(force=True)

    @on(NoteTextArea.TypedWhileReadOnly)
    def _typed_on_final(self) -> None:
        now = time.monotonic()
        if now - self.told_final > 5:
            self.told_final = now
            self.notify(read_only_notice(self.workspace), severity="warning", markup=False)

    # ------------------------------------------------------------------ tasks

    def _run(
        self,
        task: Callable[Concatenate[tasks.NoteTask, P], Awaitable[bool]],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> None:
        """Start ``task`` on this note; read the note again if it changed it."""
        assert self.workspace is not None
        note = tasks.NoteTask(self.app, self.context.database, self.workspace.note.id)
        tasks.start(self, self._task_done, task, note, *args, **kwargs)

    def _task_done(self) -> None:
        """A task changed the note: read it again, and every other screen when seen."""
        data_changed(self, fresh=self)
        self.reload()

    def action_finalise(self) -> None:
        """Check the note, ask, and lock it as final."""
        if self.workspace is not None and not self.final:
            self._run(self._finalise, self.context.today())

    async def _finalise(self, note: tasks.NoteTask, today: date) -> bool:
        await self.autosaver.settled()  # (the checks read what was typed)
        if not await tasks.finalise(note, today):
            return False
        self.final = True
        self._lock()
        return True

    def action_respond(self) -> None:
        """Record the headteacher's response to a final note."""
        if self.workspace is not None and self.workspace.note.status is NoteStatus.FINAL:
            note = self.workspace.note
            self._run(tasks.record_head_response, note.head_response, note.head_response_comment)

    def action_amend(self) -> None:
        """Add a dated amendment to a final note."""
        if self.workspace is not None and self.final:
            sections = [(s.key, s.shown_title) for s in self.workspace.note.sections]
            self._run(tasks.amend, sections, self.current)

    @on(CarriedActionTable.Review)
    def _review_asked(self, message: CarriedActionTable.Review) -> None:
        self._run(tasks.review, message.action)

    @on(AgreedActionTable.Edit)
    def _edit_asked(self, message: AgreedActionTable.Edit) -> None:
        assert self.workspace is not None
        visit_day = self.workspace.note.visit_start.date()
        self._run(tasks.edit_action, message.action, self.context.today(), visit_day)

    @on(AgreedActionTable.MarkDone)
    def _mark_done_asked(self, message: AgreedActionTable.MarkDone) -> None:
        if self.workspace is not None and self.workspace.owner is None:  # (our own notes)
            self._run(tasks.mark_done, message.action, self.context.today())

    @on(AgreedActionTable.Remove)
    def _remove_asked(self, message: AgreedActionTable.Remove) -> None:
        self._run(tasks.remove_action, message.action)

    def action_export_word(self) -> None:
        """Save what was typed, then open the Word export for this note (the app's dialog)."""
        if self.workspace is None:
            return
        self.autosaver.save(force=True)
        self.post_message(tasks.word_export(self.workspace.note))

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        """Offer each key only on a note it can act on (see ``keys.offered``)."""
        return offered(action, self.workspace, final=self.final)
