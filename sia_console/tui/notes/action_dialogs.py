"""Dialogs for actions: agree or change one (what, who, by when), review an earlier one.

A due date is typed as people write one (the one date reader: ``29/01/2027``, ``15 Jan``,
``Friday``) and the day it was read as is shown as it is typed. A due date in the past, or
before the visit, is allowed (an action recorded late) but said plainly, in case it is a
slip of the keyboard; text that is not a date, or a date that does not exist, is refused,
each with its own sentence.
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

from sia_console.domain.dates import DateError, read_optional_date
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


def read_due(text: str, today: date) -> date | None:
    """A due date as the one date reader takes it (``29/01/2027``, ``15 Jan``, ``Friday``);
    :class:`DateError` says whether it could not be read or does not exist."""
    return read_optional_date(text, today)


class ActionDialog(FormDialog[ActionInput]):
    """What, who and by when, for a new action or a change to one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,
        Binding("escape", "cancel", _("Cancel"), id="action.cancel", tooltip=_("Go back")),
    ]

    def __init__(
        self, action: ActionDetail | None, today: date, visit_day: date | None = None
    ) -> None:
        super().__init__()
        self.action = action
        self.today = today
        self.visit_day = visit_day

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
            yield Label(_("By when"), classes="field-label")
            yield OrderedInput(
                fmt.date_for_typing(action.due) if action and action.due else "",
                placeholder=_("for example: {day}, 15 Jan or Friday").format(
                    day=fmt.date_for_typing(self.today)
                ),
                id="action-due",
                max_length=40,
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
            due = read_due(typed, self.today)
        except DateError as error:
            problem.set_class(final, "-error")
            problem.update(Content(error.sentence(_("By when")) if final else ""))
            return None
        if final and not text.strip():
            problem.set_class(True, "-error")
            problem.update(Content(_("Say what the action is.")))
            return None
        warning = due_warning(due, self.today, self.visit_day)
        problem.set_class(False, "-error")
        read_as = _("By {day}.").format(day=fmt.long_day(due)) if due else ""
        problem.update(Content(" ".join(part for part in (read_as, warning) if part)))
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
