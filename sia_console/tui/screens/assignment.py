"""Schools and categories: the core lead assigns link schools to SIAs and sets categories.

Every school of the authority, with its support category, its link adviser and who set
them. Enter changes a school's; ``t`` sets the floor target. What is changed here goes to
the advisers in the next bundle (Sync, ``y``): the headline counts what it would carry.
An adviser may open the screen too: the schools whose category the core lead set are
shown, not changed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Input, Static

from sia_console.domain.vocabulary import matches_filter
from sia_console.i18n import _, ngettext
from sia_console.services.errors import ServiceError
from sia_console.services.schools.assignment import AssignmentPage, assign_school, assignment_page
from sia_console.services.settings import save_setting
from sia_console.tui.data_changes import data_changed
from sia_console.tui.dialogs.assign_dialogs import AssignChoice, AssignDialog, FloorTargetDialog
from sia_console.tui.dialogs.error import ErrorDialog
from sia_console.tui.screens.base import DataScreen
from sia_console.tui.widgets.assignment_table import AssignmentTable
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.safe_input import SafeInput
from sia_console.tui.widgets.section import Section


class AssignmentScreen(DataScreen):
    """Every school's category and link adviser, changed one school at a time."""

    ABOUT = _(
        "Every school of the authority with its support category and link adviser. The core "
        "lead changes them here, one school at a time, and sets the floor target; the changes "
        "go to the advisers in the next bundle."
    )

    CSS_PATH = "../authority.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "app.show_dashboard",
            _("Back"),
            id="assignment.back",
            tooltip=_("Go back to the home screen"),
        ),
        Binding(
            "slash",
            "focus_filter",
            _("Filter"),
            id="assignment.filter",
            tooltip=_("Narrow the list to schools, authorities, categories or advisers"),
        ),
        Binding(
            "t",
            "floor_target",
            _("Floor target"),
            id="assignment.floor-target",
            tooltip=_("Set the floor target the risk judgements are made against"),
        ),
        Binding(
            "r",
            "refresh",
            _("Refresh"),
            id="assignment.refresh",
            tooltip=_("Read the schools again from the database"),
        ),
    ]
    LOAD_FAILED = _("Could not load the schools")
    AUTO_FOCUS = ""

    class Loaded(Message):
        """The schools and the choices have been read."""

        def __init__(self, page: AssignmentPage) -> None:
            super().__init__()
            self.page = page

    class Saved(Message):
        """A change was saved: say so, then read again."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    page: AssignmentPage | None = None

    def compose(self) -> ComposeResult:
        self.load()
        yield Header()
        with Vertical(id="body"):
            yield Static(self.READING, id="summary", classes="status-line")
            yield SafeInput(
                placeholder=_("Filter by school, authority, category or adviser"), id="filter"
            )
            yield Section(
                _("Schools, their categories and link advisers"),
                AssignmentTable(),
                empty=_(
                    "No schools yet: import the authority's list with sia-console "
                    "schools import FILE.csv, or an adviser's bundle."
                ),
                id="assignment",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Schools and categories")

    @work(thread=True, exclusive=True, exit_on_error=False, group="assignment")
    def load(self) -> None:
        """Read the schools and the choices in a thread."""
        with self.context.database.session() as session:
            page = assignment_page(session)
        self.post_message(self.Loaded(page))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.page = message.page
        self.read_ok = True
        self.query_one("#summary", Static).update(self._headline(message.page))
        self._show()
        table = self.query_one("#assignment", Section).table
        if self.focused is None and table.row_count:
            table.focus()

    def _headline(self, page: AssignmentPage) -> Content:
        schools = len(page.rows)
        parts = [
            Content(ngettext("{count} school", "{count} schools", schools).format(count=schools)),
            Content(_("floor target {value:g}%").format(value=page.floor_target)),
        ]
        if page.to_send:
            parts.append(
                Content.styled(
                    ngettext(
                        "{count} record for the next bundle: send it from Sync (y)",
                        "{count} records for the next bundle: send it from Sync (y)",
                        page.to_send,
                    ).format(count=page.to_send),
                    "$text-warning",
                )
            )
        else:
            parts.append(Content.styled(_("nothing new to send"), "$text-muted"))
        return Content(" · ").join(parts)

    def _show(self) -> None:
        if self.page is None:
            return
        words = self.query_one("#filter", Input).value
        section = self.query_one("#assignment", Section)
        if not words.split():
            section.show(self.page.rows)
            return
        section.show(
            (
                row
                for row in self.page.rows
                if matches_filter(
                    words, row.name, row.code, row.local_authority, row.category_label, row.adviser
                )
            ),
            filtered_by=words,
        )

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._show()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one("#assignment", Section).table.focus()

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter box."""
        self.query_one("#filter", Input).focus()

    def action_refresh(self) -> None:
        """Read everything again."""
        self.load()

    def read_again(self) -> None:
        """Something was written since the last read (an import, a resolved conflict …)."""
        self.load()

    @on(AssignmentTable.Assign)
    def _assign(self, message: AssignmentTable.Assign) -> None:
        if self.page is None:
            return
        school = message.school

        def chosen(choice: AssignChoice | None) -> None:
            if choice is not None and (
                choice.category != school.category or choice.adviser_id != school.adviser_id
            ):
                self.save_assignment(school.code, choice)

        today = self.context.today() if self.page.lead else None
        self.app.push_screen(
            AssignDialog(school, self.page.categories, self.page.advisers, today=today), chosen
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="assignment-save")
    def save_assignment(self, code: str, choice: AssignChoice) -> None:
        """Save a school's category and link adviser in a thread."""
        try:
            with self.context.database.session() as session:
                done = assign_school(
                    session,
                    code,
                    category=choice.category,
                    adviser_id=choice.adviser_id,
                    reason=choice.reason,
                    effective_on=choice.effective_on,
                )
                page = assignment_page(session)
        except ServiceError as error:
            self.app.call_from_thread(self.app.push_screen, ErrorDialog(_("Not saved"), str(error)))
            return
        row = next((row for row in page.rows if row.code == done.code), None)
        name = row.name if row else done.code
        text = _("Saved: {school} — {category}, {adviser}.").format(
            school=name,
            category=(row.category_label if row else "") or _("no category"),
            adviser=(row.adviser if row else "") or _("no link adviser"),
        )
        self.post_message(self.Loaded(page))
        data_changed(self, fresh=self)
        self.post_message(self.Saved(text))

    def action_floor_target(self) -> None:
        """Ask for the floor target, then save it in a worker."""
        if self.page is None:
            return

        def chosen(value: float | None) -> None:
            if value is not None and self.page is not None and value != self.page.floor_target:
                self.save_floor_target(value)

        self.app.push_screen(FloorTargetDialog(self.page.floor_target, lead=self.page.lead), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="assignment-save")
    def save_floor_target(self, value: float) -> None:
        """Save the floor target in a thread."""
        try:
            with self.context.database.session() as session:
                save_setting(session, "floor_target", value)
                page = assignment_page(session)
        except ServiceError as error:
            self.app.call_from_thread(self.app.push_screen, ErrorDialog(_("Not saved"), str(error)))
            return
        self.post_message(self.Loaded(page))
        data_changed(self, fresh=self)
        text = _("Saved: the floor target is now {value:g}%.").format(value=value)
        self.post_message(self.Saved(text))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.notify(message.text, title=_("Schools and categories"), markup=False)
