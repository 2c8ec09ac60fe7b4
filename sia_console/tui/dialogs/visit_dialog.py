"""Plan a visit, or change one: school, date, start time, length and purpose.

The fields are checked as they are typed (in a worker, a moment after the last key), so
the problems and the clash and sense checks are on screen before Save is pressed: a
weekend, a bank holiday, a day outside term, a second visit to the school within a week.
An overlap with another of the adviser's visits, a weekend or a bank holiday turns Save
into "Save anyway", which must be pressed to confirm (the service's one rule). Nothing is
written until Save succeeds; closing the dialog (Escape) writes nothing. The dialog
returns what the save did, or ``None``.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from sia_console.domain.clashes import Concern
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput, ServiceError
from sia_console.services.programme.calendar import school_choices
from sia_console.services.programme.changes import (
    NeedsConfirmation,
    SavedVisit,
    VisitForm,
    check_form,
    editable_visit,
    empty_form,
    save_visit,
)
from sia_console.tui.calendar_messages import (
    VisitChecked,
    VisitFormLoaded,
    VisitSaved,
    VisitSaveRefused,
)
from sia_console.tui.context import AppContext
from sia_console.tui.dialogs.confirm import ConfirmDialog
from sia_console.tui.dialogs.error import ErrorDialog
from sia_console.tui.screens.base import describe
from sia_console.tui.widgets.school_picker import SchoolPicker

CHECK_DELAY = 0.3
"""Seconds after the last key before the fields are checked."""


class VisitDialog(ModalScreen[SavedVisit | None]):
    """The fields of one visit, checked before anything is saved."""

    CSS_PATH = "../calendar.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "close",
            _("Close"),
            id="visit.close",
            tooltip=_("Close without saving (asks first if anything was typed)"),
        ),
        Binding("ctrl+s", "save", _("Save"), id="visit.save", tooltip=_("Save the visit")),
    ]

    def __init__(
        self,
        context: AppContext,
        *,
        visit_id: str | None = None,
        day: date | None = None,
        school_code: str | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.visit_id = visit_id
        """The visit being changed; ``None`` to plan a new one."""
        self.day = day or context.today()
        self.school_code = school_code
        """A school to start with (planning from a school's page)."""
        self.serial = 0
        """Counts checks, so that a late answer to an older check is ignored."""
        self.confirming = False
        """An overlap was shown: the next Save confirms it."""
        self.ready = False
        self.opened_with: VisitForm | None = None
        """The fields as they were filled in when the dialog opened."""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        title = _("Change the visit") if self.visit_id else _("Plan a visit")
        with Vertical(id="visit-box"):
            yield Static(Content(title), id="visit-title")
            with Horizontal(classes="visit-row"):
                yield Label(_("School"), classes="visit-label")
                yield SchoolPicker(id="visit-school")
            with Horizontal(classes="visit-row"):
                yield Label(_("Date"), classes="visit-label")
                yield Input(placeholder="23/11/2026", compact=True, id="visit-day")
                yield Label(_("Start"), classes="visit-label-short")
                yield Input(placeholder="09:00", compact=True, id="visit-time")
            with Horizontal(classes="visit-row"):
                yield Label(_("Length"), classes="visit-label")
                yield Input(placeholder="180", compact=True, id="visit-minutes")
                yield Label(_("minutes, or 3h"), classes="visit-hint")
            with Horizontal(classes="visit-row"):
                yield Label(_("Purpose"), classes="visit-label")
                yield Input(
                    placeholder=_("The focus of the visit"), compact=True, id="visit-purpose"
                )
            yield Static(id="visit-problems")
            yield Static(id="visit-concerns")
            with Horizontal(id="visit-buttons"):
                yield Button(_("Save"), variant="primary", compact=True, id="visit-save")
                yield Button(_("Close"), compact=True, id="visit-close")

    def on_mount(self) -> None:
        self.query_one("#visit-save", Button).disabled = True
        self.query_one("#visit-problems", Static).display = False
        self.query_one("#visit-concerns", Static).display = False
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="visit-form")
    def load(self) -> None:
        """Read the link schools and the visit being changed."""
        with self.context.database.session() as session:
            schools = school_choices(session)
            visit = editable_visit(session, self.visit_id) if self.visit_id else None
        self.post_message(VisitFormLoaded(schools, visit))

    @on(VisitFormLoaded)
    def _loaded(self, message: VisitFormLoaded) -> None:
        picker = self.query_one(SchoolPicker)
        picker.set_choices(message.schools)
        start = next((s for s in message.schools if s.code == self.school_code), None)
        form = message.visit.form if message.visit else empty_form(self.day, start)
        picker.set_value(form.school)
        for field, value in (
            ("#visit-day", form.day),
            ("#visit-time", form.start_time),
            ("#visit-minutes", form.minutes),
            ("#visit-purpose", form.purpose),
        ):
            box = self.query_one(field, Input)
            with box.prevent(Input.Changed):
                box.value = value
        self.ready = True
        self.opened_with = self.form()
        self.query_one("#visit-save", Button).disabled = False
        (picker.input if not form.school else self.query_one("#visit-day", Input)).focus()
        if form.school:
            self.check()

    def form(self) -> VisitForm:
        """What the fields hold."""
        return VisitForm(
            school=self.query_one(SchoolPicker).value,
            day=self.query_one("#visit-day", Input).value,
            start_time=self.query_one("#visit-time", Input).value,
            minutes=self.query_one("#visit-minutes", Input).value,
            purpose=self.query_one("#visit-purpose", Input).value,
        )

    @on(Input.Changed)
    def _changed(self) -> None:
        if not self.ready:
            return
        self._set_confirming(False)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(CHECK_DELAY, self.check)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "visit-purpose":
            self.action_save()
        else:
            self.focus_next()

    def check(self) -> None:
        """Check the fields in a worker; the answer arrives as :class:`VisitChecked`."""
        self.serial += 1
        self._check(self.serial, self.form())

    @work(thread=True, exclusive=True, exit_on_error=False, group="visit-check")
    def _check(self, serial: int, form: VisitForm) -> None:
        with self.context.database.session() as session:
            try:
                _fields, concerns = check_form(session, form, self.visit_id, self.context.today())
            except InvalidInput as exc:
                self.post_message(VisitChecked(serial, exc.problems or [str(exc)], []))
                return
            except ServiceError as exc:
                self.post_message(VisitChecked(serial, [str(exc)], []))
                return
        self.post_message(VisitChecked(serial, [], concerns))

    @on(VisitChecked)
    def _checked(self, message: VisitChecked) -> None:
        if message.serial == self.serial:
            self._show(message.problems, message.concerns)

    def _show(self, problems: list[str], concerns: list[Concern]) -> None:
        shown = self.query_one("#visit-problems", Static)
        shown.update(Content("\n").join(Content.styled(f"✗ {p}", "$text-error") for p in problems))
        shown.display = bool(problems)
        lines = [
            Content.styled(
                f"{'⚠' if concern.needs_confirmation else '•'} {concern.message}",
                "bold $text-error" if concern.needs_confirmation else "$text-warning",
            )
            for concern in concerns
        ]
        said = self.query_one("#visit-concerns", Static)
        said.update(Content("\n").join(lines))
        said.display = bool(lines)

    def action_save(self) -> None:
        """Save, if the fields are right (and an overlap has been confirmed)."""
        if self.ready:
            self._save(self.form(), self.confirming)

    @work(thread=True, exclusive=True, exit_on_error=False, group="visit-save")
    def _save(self, form: VisitForm, confirm: bool) -> None:
        try:
            with self.context.database.session() as session:
                saved = save_visit(
                    session,
                    form,
                    visit_id=self.visit_id,
                    confirmed=confirm,
                    today=self.context.today(),
                )
        except NeedsConfirmation as exc:
            self.post_message(VisitSaveRefused([], exc.concerns))
            return
        except InvalidInput as exc:
            self.post_message(VisitSaveRefused(exc.problems or [str(exc)], []))
            return
        except ServiceError as exc:
            self.post_message(VisitSaveRefused([str(exc)], []))
            return
        self.post_message(VisitSaved(saved))

    @on(VisitSaveRefused)
    def _refused(self, message: VisitSaveRefused) -> None:
        if message.overlaps:
            self._set_confirming(True)
        self.serial += 1  # an older check must not replace this answer
        self._show(message.problems, message.overlaps)

    @on(VisitSaved)
    def _saved(self, message: VisitSaved) -> None:
        self.dismiss(message.saved)

    def _set_confirming(self, confirming: bool) -> None:
        self.confirming = confirming
        button = self.query_one("#visit-save", Button)
        button.label = _("Save anyway") if confirming else _("Save")
        button.variant = "warning" if confirming else "primary"

    @on(Button.Pressed, "#visit-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#visit-close")
    def _close_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    def action_close(self) -> None:
        """Close without saving; if anything was typed, ask first."""
        if not self.ready or self.form() == self.opened_with:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                _("Discard your changes?"),
                Content(_("What you typed in this visit has not been saved.")),
                confirm=_("Discard"),
                cancel=_("Keep editing"),
            ),
            answered,
        )

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.app.push_screen(
                ErrorDialog(_("Could not save the visit"), describe(event.worker.error))
            )
