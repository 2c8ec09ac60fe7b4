"""The saving half of the note editor: hear every change, save it, say so.

Changes to the text, the risk level, the rationale and the predictions are noted in an
:class:`~sia_console.tui.notes.autosave.AutosavePolicy`; a timer asks it every
:data:`~sia_console.tui.notes.autosave.TICK` seconds whether a save is due, and moving to
another section or screen saves at once. What is saved is read from widgets the screen
holds directly, so the last save still works while the screen is being taken down (the
app closing without asking first). The status line says when the note was last saved,
or why it could not be (and the save is tried again).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Sequence
from datetime import datetime

from textual import on
from textual.content import Content
from textual.widgets import Input, RadioSet, Static, TextArea
from textual.worker import Worker

from sia_console.domain.enums import RiskLevel
from sia_console.i18n import _, ngettext
from sia_console.services.errors import NoteIsFinal
from sia_console.tui.context import AppContext
from sia_console.tui.notes import pages
from sia_console.tui.notes.autosave import (
    MAX_WAIT,
    PAUSE,
    AutosavePolicy,
    Change,
    DraftWriter,
    Predictions,
    RiskChoice,
    SectionText,
    WhereEditing,
)
from sia_console.tui.notes.messages import DraftSaved
from sia_console.tui.notes.risk_panel import RiskPanel
from sia_console.tui.notes.tasks import NoteTasks
from sia_console.tui.screens.base import describe
from sia_console.tui.widgets.note_text_area import NoteTextArea

OPEN_EDITORS: weakref.WeakSet[NoteSaving] = weakref.WeakSet()
"""Editors on screen or under other screens; the app saves them all before quitting."""


class NoteSaving(NoteTasks):
    """Autosave for :class:`~sia_console.tui.notes.editor.NoteEditorScreen`."""

    pause = PAUSE
    max_wait = MAX_WAIT

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.writer: DraftWriter | None = None
        self.policy = AutosavePolicy(self.pause, self.max_wait)
        self.names: list[str] = []
        """Page names in the order of the list."""
        self.words: dict[str, int] = {}
        self.last_saved: datetime | None = None
        self.problem: str | None = None
        """Why the last save failed (it is tried again), or ``None``."""
        self.closed = False
        self.told_final = -10.0
        """When the adviser was last told that a final note cannot be typed into."""
        self.known_level: RiskLevel | None = None
        """The risk level as last read or chosen (to tell a choice from a mount)."""
        self.known_predictions: dict[tuple[str, str], float | None] = {}
        self.areas: dict[str, NoteTextArea] = {}
        """Each section's text area, by key (held to read them while the screen closes)."""
        self.rationale: NoteTextArea | None = None
        self.saving = 0
        """Saves started and not yet reported back."""

    def _show_prompts(self, only: Sequence[str] | None = None) -> None:
        raise NotImplementedError

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        if self.final or self.workspace is None:
            return
        area_id = event.text_area.id or ""
        if area_id == "risk-rationale":
            self._changed("risk")
        elif area_id.startswith("text-"):
            key = self.workspace.note.sections[int(area_id[5:])].key
            self._changed(f"section:{key}")

    @on(RadioSet.Changed, "#risk-level")
    def _level_chosen(self) -> None:
        panel = self.query_one(RiskPanel)
        if self.final or panel.level == self.known_level:
            return  # a radio set says "changed" as it mounts
        self.known_level = panel.level
        self._changed("risk")
        self.save_now()
        panel.show_trend()
        self._show_prompts([pages.RISK])

    @on(Input.Changed, ".prediction")
    def _predicted(self) -> None:
        panel = self.query_one(RiskPanel)
        panel.compare()
        predictions = panel.predictions()
        self._show_status()  # (a prediction that is not a percentage is said there)
        if self.final or predictions == self.known_predictions:
            return  # inputs say "changed" as they mount
        self.known_predictions = predictions
        self._changed("predictions")

    def _changed(self, field: str) -> None:
        fresh = not self.policy.dirty
        self.policy.touch(field)
        if fresh:
            self._show_status()

    def _tick(self) -> None:
        if not self.final and self.policy.due():
            self.save_now()

    def _change(self, field: str) -> Change | None:
        """What to save for a changed field, from widgets held directly (not queried), so
        that it works even while the screen is being taken down."""
        if field.startswith("section:"):
            key = field.removeprefix("section:")
            return SectionText(key, self.areas[key].text)
        if field == "risk" and self.rationale is not None:
            return RiskChoice(self.known_level, self.rationale.text)
        if field == "predictions":
            return Predictions(dict(self.known_predictions))
        if field == "editing":
            return WhereEditing(self.current)
        return None

    def _collect(self, extra: Sequence[Change]) -> tuple[list[Change], frozenset[str]]:
        fields = frozenset(self.policy.take())
        changes = [c for f in sorted(fields) if (c := self._change(f)) is not None]
        return changes + list(extra), fields

    def save_now(self, extra: Sequence[Change] = (), *, force: bool = False) -> Worker[None] | None:
        """Save every unsaved change now, in a worker thread; the worker, if one started.

        While a save is running, a routine one waits for the next tick (a burst of moves
        must not queue a save each); ``force`` or ``extra`` changes always start one.
        """
        writer = self.writer
        if writer is None or self.final or not self.is_mounted:
            return None
        if self.saving and not (force or extra):
            return None
        changes, fields = self._collect(extra)
        if not changes:
            return None
        sequence = writer.next_sequence()
        self.saving += 1

        def write() -> None:
            self.post_message(DraftSaved(writer.write(changes, sequence), fields))

        return self.app.run_worker(
            write, thread=True, group="autosave", exit_on_error=False, name=f"save-{sequence}"
        )

    def action_save_now(self) -> None:
        """Save now (autosave does this anyway)."""
        self.save_now(force=True)

    def prepare_to_close(self) -> Worker[None] | None:
        """Save everything and forget the draft as open; the save's worker, if any."""
        if self.closed:
            return None
        self.closed = True
        return self.save_now([WhereEditing(None, closing=True)])

    def on_screen_resume(self) -> None:
        """Back on top (a dialog closed, another note left): this draft is the open one."""
        if not self.final and self.writer is not None and not self.closed:
            self.policy.touch("editing")

    def on_screen_suspend(self) -> None:
        """Another screen is on top (a dialog, another place): save what was typed."""
        self.save_now()

    def on_unmount(self) -> None:
        """A last, synchronous save if the app is closing without asking us first."""
        OPEN_EDITORS.discard(self)
        if self.writer is None or self.final or self.closed:
            return
        changes, _fields = self._collect([WhereEditing(None, closing=True)])
        self.writer.write(changes, self.writer.next_sequence())

    @on(NoteTextArea.TypedWhileReadOnly)
    def _typed_on_final(self) -> None:
        now = time.monotonic()
        if now - self.told_final > 5:
            self.told_final = now
            self.notify(
                _("This note is final and cannot be changed; Ctrl+N adds a dated amendment.")
                if self.workspace is None or self.workspace.owner is None
                else _("This is another adviser's note of visit: it can be read, not changed."),
                severity="warning",
                markup=False,
            )

    @on(DraftSaved)
    def _saved(self, message: DraftSaved) -> None:
        outcome = message.outcome
        self.saving = max(self.saving - 1, 0)
        if outcome.error is not None:
            if isinstance(outcome.error, NoteIsFinal):
                self.final = True
                self.reload()
            else:
                for field in message.fields:
                    self.policy.touch(field)
                if self.problem is None:
                    self.notify(describe(outcome.error), severity="error", markup=False)
                self.problem = describe(outcome.error)
        else:
            self.problem = None
            self.last_saved = outcome.at
            self.words.update(outcome.words)
            self._show_prompts([k for k in outcome.words if k in self.names])
        self._show_status()

    def _show_status(self) -> None:
        if self.workspace is None:
            return
        parts: list[Content] = []
        if self.workspace.owner is not None:
            parts.append(
                Content(
                    _("Read only: {name}'s note of visit, from their bundle").format(
                        name=self.workspace.owner
                    )
                )
            )
        elif self.final:
            parts.append(Content(_("Final: the text is locked; Ctrl+N adds a dated amendment")))
        elif self.problem is not None:
            parts.append(
                Content.styled(
                    _("Not saved: {reason} Trying again…").format(reason=self.problem),
                    "bold $text-error",
                )
            )
        elif self.last_saved is not None:
            parts.append(
                Content.styled(
                    _("Saved at {time}").format(time=self.last_saved.strftime("%H:%M:%S")),
                    "$text-success",
                )
            )
        else:
            parts.append(Content.styled(_("Saved"), "$text-success"))
        unsaved = len(self.query_one(RiskPanel).problems) if self.query(RiskPanel) else 0
        if unsaved and not self.final:
            parts.append(
                Content.styled(
                    ngettext(
                        "{count} prediction is not a percentage and is not saved",
                        "{count} predictions are not percentages and are not saved",
                        unsaved,
                    ).format(count=unsaved),
                    "bold $text-error",
                )
            )
        parts.append(pages.words_line(self.words, self.current))
        self.query_one("#note-status", Static).update(Content(" · ").join(parts))
