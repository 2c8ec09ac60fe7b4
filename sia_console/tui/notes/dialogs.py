"""Dialogs of the note editor: add an amendment to a final note, record the
headteacher's response (the question before finalising is
:class:`~sia_console.tui.dialogs.confirm.ConfirmDialog`).

Everything shown from the adviser's own text is built as :class:`Content` from literal
strings (with control characters as pictures): a school or a note is never markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from sia_console.domain.enums import HeadResponse
from sia_console.domain.labels import label
from sia_console.domain.limits import MAX_COMMENT_CHARS
from sia_console.domain.text import one_line
from sia_console.i18n import _
from sia_console.tui.dialogs.form import FormDialog
from sia_console.tui.widgets.note_text_area import NoteTextArea
from sia_console.tui.widgets.ordered_keys import FOCUS_KEYS
from sia_console.tui.widgets.safe_input import SafeInput

WHOLE_NOTE = "__whole_note__"


class AmendmentDialog(FormDialog[tuple[str | None, str]]):
    """Write a dated correction to a final note, for one section or the whole note."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,
        Binding("escape", "cancel", _("Cancel"), id="amend.cancel", tooltip=_("Go back")),
        Binding(
            "ctrl+s",
            "save",
            _("Add"),
            id="amend.save",
            tooltip=_("Add the amendment, dated today"),
        ),
    ]

    def __init__(self, sections: list[tuple[str, str]], section: str | None = None) -> None:
        super().__init__()
        self.sections = sections
        """``(key, title)`` of the note's sections."""
        self.section = section

    def compose(self) -> ComposeResult:
        options = [(_("The whole note"), WHOLE_NOTE)] + [
            (Content(one_line(title)), key) for key, title in self.sections
        ]
        chosen = self.section if self.section in {k for k, _t in self.sections} else WHOLE_NOTE
        with Vertical(classes="dialog-box wide"):
            yield Static(Content(_("Add an amendment")), classes="dialog-title")
            yield Static(
                Content(
                    _(
                        "The note is final: its text stays as it was agreed. The amendment is "
                        "added beside it, dated today."
                    )
                ),
                classes="dialog-body",
            )
            yield Label(_("Amends"), classes="field-label")
            yield Select(options, value=chosen, allow_blank=False, id="amend-section")
            yield Label(_("Correction"), classes="field-label")
            yield NoteTextArea(id="amend-text")
            yield Static(id="amend-problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Add amendment"), variant="primary", id="confirm")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#amend-text", NoteTextArea).focus()

    def action_save(self) -> None:
        """Hand back the section and the text, unless the text is empty."""
        text = self.query_one("#amend-text", NoteTextArea).text
        if not text.strip():
            self.query_one("#amend-problem", Static).update(
                Content(_("Write the correction first."))
            )
            return
        key = self.query_one("#amend-section", Select).value
        self.dismiss((None if key == WHOLE_NOTE or not isinstance(key, str) else key, text))


RESPONSE_CHOICES = (HeadResponse.ACCURATE, HeadResponse.INACCURATE, None)


class HeadResponseDialog(FormDialog[tuple[HeadResponse | None, str]]):
    """The headteacher's answer to the shared note: accurate, not accurate, or none yet,
    with what they said. The list starts on the answer recorded so far.

    Dismissed with the choice and the comment, or ``None`` when cancelled.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,
        Binding("escape", "cancel", _("Cancel"), id="response.cancel", tooltip=_("Go back")),
    ]

    def __init__(self, current: HeadResponse | None, comment: str = "") -> None:
        super().__init__()
        self.current = current
        self.comment = comment

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content(_("The headteacher's response")), classes="dialog-title")
            yield Static(
                Content(
                    _(
                        "Did the headteacher agree that the note is an accurate record of "
                        "the visit? The note's text stays as it was agreed."
                    )
                ),
                classes="dialog-body",
            )
            with RadioSet(id="response-choice"):
                for choice in RESPONSE_CHOICES:
                    words = label(choice) if choice is not None else _("No response yet")
                    yield RadioButton(words, value=choice == self.current)
            yield Label(_("What the headteacher said (their reasons)"), classes="field-label")
            yield SafeInput(
                self.comment,
                placeholder=_("for example: the Y6 data were last year's"),
                id="response-comment",
                max_length=MAX_COMMENT_CHARS,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="confirm")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        radios = self.query_one(RadioSet)
        radios.focus()
        # the cursor on the choice recorded (by its place: the set's pressed button is
        # known only once its messages have been handled)
        radios._selected = RESPONSE_CHOICES.index(self.current)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Hand back the choice (one is always pressed: the current one to begin with)."""
        index = self.query_one(RadioSet).pressed_index
        if 0 <= index < len(RESPONSE_CHOICES):
            comment = self.query_one("#response-comment", Input).value
            self.dismiss((RESPONSE_CHOICES[index], comment))
