"""Plan, change, cancel and postpone a visit: shared by the calendar and a school's page.

Each function opens the dialog (or asks for confirmation), does the work in a thread
worker of the screen, and calls ``then`` on the UI thread with what was saved, so the
screen can read its data again (every other screen learns of it through
:func:`~sia_console.tui.data_changes.data_changed`). A failure reaches the screen's own
failure handler.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from textual.binding import Binding
from textual.content import Content

from sia_console.domain.enums import VisitStatus
from sia_console.domain.text import one_line
from sia_console.i18n import _
from sia_console.services.programme.changes import SavedVisit, set_visit_status
from sia_console.tui import formatting as fmt
from sia_console.tui.data_changes import data_changed
from sia_console.tui.dialogs.confirm import ConfirmDialog
from sia_console.tui.dialogs.reason_dialog import ReasonDialog
from sia_console.tui.dialogs.visit_dialog import VisitDialog
from sia_console.tui.screens.base import DataScreen

Then = Callable[[SavedVisit], None]

_QUESTIONS = {
    VisitStatus.CANCELLED: (
        _("Cancel the visit"),
        _("Cancel the visit to {school} on {when}? It stays in the calendar, marked cancelled."),
        _("Cancel the visit"),
    ),
    VisitStatus.POSTPONED: (
        _("Postpone the visit"),
        _(
            "Postpone the visit to {school} on {when}? It stays in the calendar, marked "
            "postponed; change its date to plan it again."
        ),
        _("Postpone"),
    ),
    VisitStatus.PLANNED: (
        _("Plan the visit again"),
        _("Mark the visit to {school} on {when} as planned again?"),
        _("Plan again"),
    ),
    VisitStatus.DONE: (
        _("Mark the visit done"),
        _("Mark the visit to {school} on {when} as done?"),
        _("Mark done"),
    ),
}


def plan_visit(
    screen: DataScreen, then: Then, *, day: date | None = None, school_code: str | None = None
) -> None:
    """Open the dialog for a new visit on ``day`` (to ``school_code``, if given)."""

    def saved(result: SavedVisit | None) -> None:
        if result is not None:
            data_changed(screen, fresh=screen)
            then(result)

    screen.app.push_screen(
        VisitDialog(screen.context, day=day, school_code=school_code), callback=saved
    )


def edit_visit(screen: DataScreen, visit_id: str, then: Then) -> None:
    """Open the dialog on a stored visit: move it, change its school, length or purpose."""

    def saved(result: SavedVisit | None) -> None:
        if result is not None and result.changed:
            data_changed(screen, fresh=screen)
            then(result)

    screen.app.push_screen(VisitDialog(screen.context, visit_id=visit_id), callback=saved)


def change_status(
    screen: DataScreen,
    then: Then,
    *,
    visit_id: str,
    school_name: str,
    start: datetime,
    status: VisitStatus,
    reason: str = "",
) -> None:
    """Ask, then set the visit's status (cancelling keeps the record); cancelling and
    postponing ask why (``reason`` offered), and the reason is kept with the visit."""
    title, question, confirm = _QUESTIONS[status]
    when = f"{fmt.long_day(start.date())}, {start:%H:%M}"
    body = Content(question.format(school=one_line(school_name), when=when))

    def answered(answer: bool | str | None) -> None:
        if answer is None or answer is False:
            return
        reason = answer if isinstance(answer, str) else ""
        database = screen.context.database

        def work() -> None:
            with database.session() as session:
                saved = set_visit_status(session, visit_id, status, reason)
            data_changed(screen, fresh=screen)
            screen.app.call_from_thread(then, saved)

        screen.run_worker(
            work, thread=True, exit_on_error=False, group="visit-status", name="visit-status"
        )

    if status in (VisitStatus.CANCELLED, VisitStatus.POSTPONED):
        screen.app.push_screen(ReasonDialog(title, body, confirm=confirm, reason=reason), answered)
        return
    screen.app.push_screen(
        ConfirmDialog(title, body, confirm=confirm, cancel=_("Keep it")), answered
    )


def visit_bindings(scope: str) -> list[Binding]:
    """The keys that plan, change, cancel and postpone visits, for a screen's ``BINDINGS``."""
    keys = (
        ("a", "plan_visit", _("Plan visit"), _("Plan a visit")),
        ("e", "edit_visit", _("Edit visit"), _("Change or move the highlighted visit")),
        ("x", "cancel_visit", _("Cancel visit"), _("Cancel the highlighted visit (kept, marked)")),
        ("p", "postpone_visit", _("Postpone"), _("Postpone the highlighted visit")),
    )
    return [  # only "plan" in the footer: the page's own keys must still fit in 80 columns
        Binding(key, action, label, show=key == "a", id=f"{scope}.{action}", tooltip=tip)
        for key, action, label, tip in keys
    ]
