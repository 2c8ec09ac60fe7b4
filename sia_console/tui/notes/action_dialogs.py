"""Dialogs for actions: agree or change one (what, who, by when), review an earlier one.

A due date in the past is allowed (an action recorded late) but said plainly, in case it
is a slip of the keyboard; a date that does not exist is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from sia_console.domain.enums import ActionStatus
from sia_console.domain.labels import review_label
from sia_console.domain.text import one_line
from sia_console.i18n import _
from sia_console.services.notes.actions import CarriedAction, due_warning
from sia_console.services.notes.reading import ActionDetail
from sia_console.tui import formatting as fmt
from sia_console.tui.dialogs.form import FormDialog
from sia_console.tui.widgets.ordered_keys import FOCUS_KEYS
from sia_console.tui.widgets.safe_input import OrderedInput, SafeInput


@dataclass(frozen=True)
class ActionInput:
    """What the adviser typed for an action."""

    text: str
    owner: str
    due: date | None


def read_due(text: str) -> date | None:
    """A due date typed as ISO 8601; ``ValueError`` if it is not a date."""
    cleaned = text.strip()
    return date.fromisoformat(cleaned) if cleaned else None


class ActionDialog(FormDialog[ActionInput]):
    """What, who and by when, for a new action or a change to one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,
        Binding("escape", "cancel", _("Cancel"), id="action.cancel", tooltip=_("Go back")),
    ]

    def __init__(self, action: ActionDetail | None, today: date) -> None:
        super().__init__()
        self.action = action
        self.today = today

    def compose(self) -> ComposeResult:
        action = self.action
        title = _("Change the action") if action else _("Agree a new action")
        with Vertical(classes="dialog-box wide"):
            yield Static(Content(title), classes="dialog-title")
            yield Label(_("What"), classes="field-label")
            yield SafeInput(action.text if action else "", id="action-text")
            yield Label(_("Who"), classes="field-label")
            yield SafeInput(
                action.owner if action else "",
                placeholder=_("for example: Headteacher"),
                id="action-owner",
            )
            yield Label(_("By when (YYYY-MM-DD)"), classes="field-label")
            yield OrderedInput(
                action.due.isoformat() if action and action.due else "",
                placeholder=_("for example: {day}").format(day=self.today.isoformat()),
                id="action-due",
                restrict=r"[0-9-]*",
                max_length=10,
            )
            yield Static(id="action-problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="confirm")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#action-text", Input).focus()

    @on(Input.Changed, "#action-due")
    def _due_changed(self, event: Input.Changed) -> None:
        self._check(final=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "action-due":
            self.action_save()
        else:
            self.focus_next()

    def _check(self, *, final: bool) -> ActionInput | None:
        problem = self.query_one("#action-problem", Static)
        text = self.query_one("#action-text", Input).value
        owner = self.query_one("#action-owner", Input).value
        typed = self.query_one("#action-due", Input).value
        try:
            due = read_due(typed)
        except ValueError:
            if final or len(typed.strip()) >= 10:
                problem.set_class(True, "-error")
                problem.update(
                    Content(
                        _("{value} is not a date that exists (write it as 2026-11-23).").format(
                            value=typed
                        )
                    )
                )
            return None
        if final and not text.strip():
            problem.set_class(True, "-error")
            problem.update(Content(_("Say what the action is.")))
            return None
        warning = due_warning(due, self.today)
        problem.set_class(False, "-error")
        problem.update(Content(warning or ""))
        return ActionInput(text, owner, due)

    def action_save(self) -> None:
        checked = self._check(final=True)
        if checked is not None:
            self.dismiss(checked)


@dataclass(frozen=True)
class ReviewInput:
    """This visit's view of an earlier action; ``status`` ``None`` withdraws a review."""

    status: ActionStatus | None
    comment: str


REVIEW_CHOICES = (
    ActionStatus.DONE,
    ActionStatus.IN_PROGRESS,
    ActionStatus.OPEN,
    ActionStatus.DROPPED,
    None,
)


class ReviewDialog(FormDialog[ReviewInput]):
    """Mark an earlier action done, in progress, not started or dropped, with a comment."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,
        Binding("escape", "cancel", _("Cancel"), id="review.cancel", tooltip=_("Go back")),
    ]

    def __init__(self, action: CarriedAction) -> None:
        super().__init__()
        self.action = action

    def compose(self) -> ComposeResult:
        action = self.action
        due = fmt.short_day_with_year(action.due) if action.due else _("no date")
        with Vertical(classes="dialog-box wide"):
            yield Static(Content(_("Review an action")), classes="dialog-title")
            yield Static(Content(one_line(action.text)), classes="dialog-body")
            yield Static(
                Content(
                    _("Agreed {day} · {owner} · due {due}").format(
                        day=fmt.short_day_with_year(action.agreed_on),
                        owner=one_line(action.owner) or _("no owner named"),
                        due=due,
                    )
                ),
                classes="page-hint",
            )
            with RadioSet(id="review-status"):
                for choice in REVIEW_CHOICES:
                    pressed = choice is not None and choice == action.review_status
                    words = (
                        review_label(choice)
                        if choice is not None
                        else _("Not reviewed at this visit")
                    )
                    yield RadioButton(words, value=pressed)
            yield Label(_("Comment"), classes="field-label")
            yield SafeInput(action.comment, id="review-comment")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="confirm")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.focus_choices()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        index = self.query_one(RadioSet).pressed_index
        status = REVIEW_CHOICES[index] if 0 <= index < len(REVIEW_CHOICES) else None
        self.dismiss(ReviewInput(status, self.query_one("#review-comment", Input).value))
