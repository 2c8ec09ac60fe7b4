"""Dialogs of the assignment screen: a school's category and link adviser; the floor target.

Both only collect and check what was chosen; the screen saves it in a worker.
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
from textual.widgets import Button, Input, Label, Select, Static

from sia_console.domain.caseload import handover_day_problem
from sia_console.domain.dates import DateError, date_for_typing, read_date
from sia_console.domain.limits import MAX_REASON_CHARS
from sia_console.domain.text import one_line
from sia_console.i18n import _
from sia_console.services.schools.assignment import AdviserChoice, AssignmentRow
from sia_console.tui.dialogs.form import FormDialog
from sia_console.tui.widgets.ordered_keys import FOCUS_KEYS
from sia_console.tui.widgets.safe_input import OrderedInput, SafeInput


@dataclass(frozen=True)
class AssignChoice:
    """The category (key) and link adviser (id) chosen; ``None`` for none; why, and from
    which day a new link adviser takes the school (``None``: today)."""

    category: str | None
    adviser_id: str | None
    reason: str = ""
    effective_on: date | None = None


def adviser_label(choice: AdviserChoice, advisers: tuple[AdviserChoice, ...]) -> Content:
    """An adviser's name, with the email when another adviser has the same name."""
    twins = sum(1 for other in advisers if other.name.casefold() == choice.name.casefold())
    name = one_line(choice.name)
    if twins > 1 and choice.email:
        name = f"{name} <{choice.email}>"
    return Content(name)


class AssignDialog(FormDialog[AssignChoice]):
    """Choose a school's support category and link adviser."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,
        Binding("escape", "cancel", _("Cancel"), id="assign.cancel", tooltip=_("Go back")),
    ]

    def __init__(
        self,
        school: AssignmentRow,
        categories: tuple[tuple[str, str], ...],
        advisers: tuple[AdviserChoice, ...],
        *,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.school = school
        self.categories = categories
        self.advisers = advisers
        self.today = today
        """The day a new link adviser takes the school unless told otherwise."""

    def compose(self) -> ComposeResult:
        school = self.school
        known = {key for key, _label in self.categories}
        category_options = [(Content(label), key) for key, label in self.categories]
        if school.category and school.category not in known:  # from a scheme no longer used
            category_options.append((Content(school.category_label), school.category))
        adviser_options = [
            (adviser_label(choice, self.advisers), choice.id) for choice in self.advisers
        ]
        with Vertical(classes="dialog-box wide scrolls"):
            yield Static(Content(_("Category and link adviser")), classes="dialog-title")
            yield Static(
                Content(f"{one_line(school.name)} ({school.code}) · {school.local_authority}"),
                classes="dialog-body",
            )
            if school.held:
                yield Static(
                    Content(
                        _(
                            "Your core lead set these. Ask them to change them: their next "
                            "bundle brings the change to you."
                        )
                    ),
                    classes="page-hint",
                )
            yield Label(_("Support category"), classes="field-label")
            yield Select(
                category_options,
                prompt=_("No category"),
                value=school.category if school.category else Select.NULL,
                id="assign-category",
                disabled=school.held,
            )
            yield Label(_("Link adviser"), classes="field-label")
            yield Select(
                adviser_options,
                prompt=_("No link adviser"),
                value=(
                    school.adviser_id
                    if school.adviser_id in {choice.id for choice in self.advisers}
                    else Select.NULL
                ),
                id="assign-adviser",
                disabled=school.held,
            )
            if not self.advisers:
                yield Static(
                    Content(
                        _(
                            "No adviser is known yet: trust an adviser's identity card "
                            "(sia-console identity trust CARD) or import their bundle."
                        )
                    ),
                    classes="page-hint",
                )
            if not school.held:
                yield Label(_("Why (kept in the school's history)"), classes="field-label")
                yield SafeInput(id="assign-reason", max_length=MAX_REASON_CHARS)
                if self.today is not None:
                    yield Label(
                        _("Agreed on (today or earlier: a new link adviser takes the school now)"),
                        classes="field-label",
                    )
                    yield SafeInput(date_for_typing(self.today), id="assign-date", max_length=40)
            yield Static(id="assign-problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                if not school.held:
                    yield Button(_("Save"), variant="primary", id="confirm")
                yield Button(_("Cancel") if not school.held else _("Close"), id="cancel")

    def on_mount(self) -> None:
        if self.school.held:
            self.query_one("#cancel", Button).focus()
        else:
            self.query_one("#assign-category", Select).focus()

    def action_save(self) -> None:
        """Hand back the choice."""
        category = self.query_one("#assign-category", Select).value
        adviser = self.query_one("#assign-adviser", Select).value
        reason = one_line(self.query_one("#assign-reason", Input).value).strip()
        day: date | None = None
        if self.today is not None:
            typed = self.query_one("#assign-date", Input).value
            try:
                day = read_date(typed, self.today)
            except DateError as error:
                problem = self.query_one("#assign-problem", Static)
                problem.set_class(True, "-error")
                problem.update(Content(error.sentence(_("Agreed on"))))
                self.call_after_refresh(problem.scroll_visible)
                return
            late = handover_day_problem(day, self.today)
            if late is not None and adviser != self.school.adviser_id:
                problem = self.query_one("#assign-problem", Static)
                problem.set_class(True, "-error")
                problem.update(Content(late))
                self.call_after_refresh(problem.scroll_visible)
                return
        self.dismiss(
            AssignChoice(
                category=category if isinstance(category, str) else None,
                adviser_id=adviser if isinstance(adviser, str) else None,
                reason=reason,
                effective_on=day,
            )
        )


def read_percentage(text: str) -> float:
    """A percentage typed as ``65`` or ``65.5`` (a ``%`` allowed); ``ValueError`` otherwise."""
    cleaned = text.strip().removesuffix("%").strip()
    value = float(cleaned)
    if not 0 <= value <= 100:
        raise ValueError(cleaned)
    return value


class FloorTargetDialog(FormDialog[float]):
    """The floor target the risk judgements are made against, as a percentage."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,
        Binding("escape", "cancel", _("Cancel"), id="floor.cancel", tooltip=_("Go back")),
    ]

    def __init__(self, current: float, *, lead: bool) -> None:
        super().__init__()
        self.current = current
        self.lead = lead
        """Whether this is the core lead's database (whose settings go to the advisers)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content(_("Floor target")), classes="dialog-title")
            what = _(
                "The percentage of pupils reaching the expected standard at the end of key "
                "stage 2: each visit's risk judgement is made against it."
            )
            where = (
                _("Your advisers receive it in your next bundle.")
                if self.lead
                else _("It applies on this computer; one your core lead sends replaces it.")
            )
            yield Static(Content(f"{what} {where}"), classes="dialog-body")
            yield Label(_("Floor target (%)"), classes="field-label")
            yield OrderedInput(
                f"{self.current:g}", id="floor-target", restrict=r"[0-9.%]*", max_length=6
            )
            yield Static(id="floor-problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="confirm")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#floor-target", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Hand back the percentage, or say why it is not one."""
        typed = self.query_one("#floor-target", Input).value
        try:
            value = read_percentage(typed)
        except ValueError:
            problem = self.query_one("#floor-problem", Static)
            problem.set_class(True, "-error")
            problem.update(
                Content(_("{value} is not a percentage from 0 to 100.").format(value=typed))
            )
            return
        self.dismiss(value)
