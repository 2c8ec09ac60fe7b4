"""Dialogs of the core lead's register: a row read in full, and reassigning schools.

Both only show or collect: the screen saves a reassignment in a worker. Names, reasons
and rationales are user text, shown as :class:`Content`, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from sia_console.domain.caseload import handover_day_problem
from sia_console.domain.dates import DateError, date_for_typing, read_date
from sia_console.domain.labels import word
from sia_console.domain.limits import MAX_RATIONALE_CHARS, MAX_REASON_CHARS
from sia_console.domain.text import one_line
from sia_console.domain.vocabulary import long_date
from sia_console.i18n import _, ngettext
from sia_console.services.authority.school_register import (
    AgeRule,
    JudgementAgeLimit,
    RegisterRow,
)
from sia_console.services.schools.assignment import AdviserChoice
from sia_console.tui import formatting as fmt
from sia_console.tui.dialogs.assign_dialogs import adviser_label
from sia_console.tui.dialogs.form import FormDialog
from sia_console.tui.widgets.ordered_keys import FOCUS_KEYS
from sia_console.tui.widgets.safe_input import SafeInput

SHORT_RATIONALE = min(600, MAX_RATIONALE_CHARS)
"""A rationale up to this long is shown whole; a longer one is cut (the note has it)."""

_SCHOOLS_NAMED = 6
"""How many of the schools to reassign the dialog names before saying how many more."""


def _line(label: str, value: str) -> Content:
    return Content.assemble((f"{label}: ", "bold"), one_line(value) or "—")


def _day(moment: datetime | None) -> str:
    return fmt.long_day(moment.date()) if moment is not None else "—"


def old_judgement_sentence(limit: JudgementAgeLimit | None) -> str:
    """Why a row's high-risk judgement is marked, by the rule in force."""
    if limit is None or limit.rule is AgeRule.WEEKS:
        return _("! The high-risk judgement is older than a term (13 weeks).")
    if limit.rule is AgeRule.THIS_TERM:
        text = _(
            "! The high-risk judgement is older than a term: it was made before this term "
            "began on {day}."
        )
    else:
        text = _(
            "! The high-risk judgement is older than a term: it was made before the last "
            "term began on {day}."
        )
    return text.format(day=long_date(limit.since))


class RowDialog(ModalScreen[None]):
    """Everything one row of the register holds, uncut: what a narrow column hides."""

    CSS_PATH = "../dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", _("Close"), id="register-row.close", tooltip=_("Go back")),
    ]

    def __init__(
        self, row: RegisterRow, *, overdue_days: int, age_limit: JudgementAgeLimit | None = None
    ) -> None:
        super().__init__(classes="note-dialog")
        self.row = row
        self.overdue_days = overdue_days
        self.age_limit = age_limit
        """From when a high-risk judgement is recent (``None``: 13 weeks, the rule
        without term dates)."""

    def compose(self) -> ComposeResult:
        row = self.row
        judged = long_date(row.judged_on) if row.judged_on else _("not yet")
        risk = word(row.level) if row.level else _("no agreed judgement yet")
        before = word(row.previous_level) if row.previous_level else "—"
        if row.adviser_id is None:
            bundle = "—"
        elif row.bundle_days is None:
            bundle = _("never")
        else:
            bundle = _("{days} ago").format(days=fmt.days(row.bundle_days))
        rationale = row.rationale
        if len(rationale) > SHORT_RATIONALE:
            rationale = rationale[:SHORT_RATIONALE].rstrip() + "…"
        with Vertical(classes="dialog-box wide"):
            yield Static(Content(one_line(row.school_name)), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                for label, value in (
                    (_("Code"), row.school_code),
                    (_("Authority"), row.local_authority),
                    (_("SIA"), row.adviser_name or _("no link adviser")),
                    (_("Category"), row.category or _("no category")),
                    (_("Risk"), risk),
                    (_("Judged"), judged),
                    (_("Before"), before),
                    (_("Last visit"), _day(row.last_visit)),
                    (_("Next visit"), _day(row.next_visit)),
                    (_("Notes late"), str(row.notes_overdue)),
                    (_("Actions late"), str(row.actions_overdue)),
                    (_("Last bundle"), bundle),
                ):
                    yield Static(_line(label, value))
                if rationale:
                    yield Label(_("Rationale"), classes="field-label")
                    yield Static(Content(rationale))
                for warning in self._warnings():
                    yield Static(Content(warning), classes="page-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Close"), variant="primary", id="close")

    def _warnings(self) -> list[str]:
        said = []
        if self.row.stale_judgement:
            said.append(old_judgement_sentence(self.age_limit))
        if self.row.stale_bundle:
            said.append(
                _("! The SIA's last bundle is older than {days}.").format(
                    days=fmt.days(self.overdue_days)
                )
            )
        return said

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed)
    def _pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)


@dataclass(frozen=True)
class ReassignChoice:
    """The new link adviser (``None``: none), why, and from which day."""

    adviser_id: str | None
    reason: str
    effective_on: date


class ReassignDialog(FormDialog[ReassignChoice]):
    """Hand several schools to one adviser, with a reason and the day it takes effect."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,
        Binding("escape", "cancel", _("Cancel"), id="reassign.cancel", tooltip=_("Go back")),
    ]

    def __init__(
        self, schools: tuple[str, ...], advisers: tuple[AdviserChoice, ...], *, today: date
    ) -> None:
        super().__init__()
        self.schools = schools
        """The names of the schools, in order."""
        self.advisers = advisers
        self.today = today

    def compose(self) -> ComposeResult:
        count = len(self.schools)
        named = ", ".join(one_line(name) for name in self.schools[:_SCHOOLS_NAMED])
        if count > _SCHOOLS_NAMED:
            more = count - _SCHOOLS_NAMED
            named += " " + ngettext("and {count} more", "and {count} more", more).format(count=more)
        with Vertical(classes="dialog-box wide scrolls"):
            yield Static(
                Content(
                    ngettext("Reassign {count} school", "Reassign {count} schools", count).format(
                        count=count
                    )
                ),
                classes="dialog-title",
            )
            yield Static(Content(named), classes="dialog-body")
            yield Label(_("New link adviser"), classes="field-label")
            yield Select(
                [(adviser_label(choice, self.advisers), choice.id) for choice in self.advisers],
                prompt=_("No link adviser"),
                id="reassign-adviser",
            )
            yield Label(_("Why (kept in each school's history)"), classes="field-label")
            yield SafeInput(
                placeholder=_("for example: caseloads balanced for the spring term"),
                id="reassign-reason",
                max_length=MAX_REASON_CHARS,
            )
            yield Label(
                _("Agreed on (today or earlier: it takes effect now)"), classes="field-label"
            )
            yield SafeInput(date_for_typing(self.today), id="reassign-date", max_length=40)
            yield Static(
                Content(
                    _(
                        "Visits, notes and judgements stay with the SIA who made them; the "
                        "change goes to the SIAs in your next bundle."
                    )
                ),
                classes="page-hint",
            )
            yield Static(id="reassign-problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Reassign"), variant="primary", id="confirm")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#reassign-adviser", Select).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def _problem(self, text: str) -> None:
        problem = self.query_one("#reassign-problem", Static)
        problem.set_class(True, "-error")
        problem.update(Content(text))
        self.call_after_refresh(problem.scroll_visible)  # (below the fold on a small screen)

    def action_save(self) -> None:
        """Hand back the choice, or say what is missing."""
        adviser = self.query_one("#reassign-adviser", Select).value
        reason = one_line(self.query_one("#reassign-reason", Input).value).strip()
        if not reason:
            self._problem(_("Say why: the reason is kept in the school's history."))
            self.query_one("#reassign-reason", Input).focus()
            return
        typed = self.query_one("#reassign-date", Input).value
        try:
            day = read_date(typed, self.today)
        except DateError as error:
            self._problem(error.sentence(_("Agreed on")))
            self.query_one("#reassign-date", Input).focus()
            return
        problem = handover_day_problem(day, self.today)
        if problem is not None:
            self._problem(problem)
            self.query_one("#reassign-date", Input).focus()
            return
        self.dismiss(
            ReassignChoice(
                adviser_id=adviser if isinstance(adviser, str) else None,
                reason=reason,
                effective_on=day,
            )
        )
