"""Schools and categories: the core lead assigns link schools to SIAs and sets categories.

Every school of the authority, with its support category, its link adviser and who set
them. Enter changes a school's; ``t`` sets the floor target. What is changed here goes to
the advisers in the next bundle (Sync, ``y``): the headline counts what it would carry.
An adviser may open the screen too: the schools whose category the core lead set are
shown, not changed.
"""

from __future__ import annotations

from typing import ClassVar

from sqlmodel import Session
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from sia_console.domain.vocabulary import matches_filter
from sia_console.i18n import _, ngettext
from sia_console.services.errors import ServiceError
from sia_console.services.schools.assignment import AssignmentPage, assign_school, assignment_page
from sia_console.services.settings import save_setting
from sia_console.tui.dialogs.assign_dialogs import AssignChoice, AssignDialog, FloorTargetDialog
from sia_console.tui.screens.filtered_table import (
    FilteredTableScreen,
    filter_key,
    refresh_key,
)
from sia_console.tui.widgets.assignment_table import AssignmentTable
from sia_console.tui.widgets.section import Section


class AssignmentScreen(FilteredTableScreen[AssignmentPage]):
    """Every school's category and link adviser, changed one school at a time."""

    ABOUT = _(
        "Every school of the authority with its support category and link adviser. The core "
        "lead changes them here, one school at a time, and sets the floor target; the changes "
        "go to the advisers in the next bundle."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "app.show_dashboard",
            _("Back"),
            id="assignment.back",
            tooltip=_("Go back to the home screen"),
        ),
        filter_key(
            "assignment", _("Narrow the list to schools, authorities, categories or advisers")
        ),
        Binding(
            "t",
            "floor_target",
            _("Floor target"),
            id="assignment.floor-target",
            tooltip=_("Set the floor target the risk judgements are made against"),
        ),
        refresh_key("assignment", _("Read the schools again from the database")),
    ]
    LOAD_FAILED = _("Could not load the schools")

    def place(self) -> str:
        return _("Schools and categories")

    def filter_placeholder(self) -> str:
        return _("Filter by school, authority, category or adviser")

    def compose_table(self) -> ComposeResult:
        yield Section(
            _("Schools, their categories and link advisers"),
            AssignmentTable(),
            empty=_(
                "No schools yet: import the authority's list with sia-console "
                "schools import FILE.csv, or an adviser's bundle."
            ),
            id="assignment",
        )

    @property
    def page(self) -> AssignmentPage | None:
        """What the screen last read (its :attr:`data`), by the service's name for it."""
        return self.data

    @property
    def table(self) -> AssignmentTable:
        """The schools' table."""
        return self.query_one(AssignmentTable)

    def read(self, session: Session) -> AssignmentPage:
        return assignment_page(session)

    def loaded(self, data: AssignmentPage) -> None:
        self.query_one("#summary", Static).update(self._headline(data))

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

    def show_rows(self) -> None:
        if self.data is None:
            return
        words = self.filter_words
        section = self.query_one("#assignment", Section)
        if not words.split():
            section.show(self.data.rows)
            return
        section.show(
            (
                row
                for row in self.data.rows
                if matches_filter(
                    words, row.name, row.code, row.local_authority, row.category_label, row.adviser
                )
            ),
            filtered_by=words,
        )

    @on(AssignmentTable.Assign)
    def _assign(self, message: AssignmentTable.Assign) -> None:
        if self.data is None:
            return
        page, school = self.data, message.school

        def chosen(choice: AssignChoice | None) -> None:
            if choice is not None and (
                choice.category != school.category or choice.adviser_id != school.adviser_id
            ):
                self.save_assignment(school.code, choice)

        today = self.context.today() if page.lead else None
        self.app.push_screen(
            AssignDialog(school, page.categories, page.advisers, today=today), chosen
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
                page = self.read(session)
        except ServiceError as error:
            self.not_saved(error)
            return
        row = next((row for row in page.rows if row.code == done.code), None)
        name = row.name if row else done.code
        text = _("Saved: {school} — {category}, {adviser}.").format(
            school=name,
            category=(row.category_label if row else "") or _("no category"),
            adviser=(row.adviser if row else "") or _("no link adviser"),
        )
        self.saved(page, text)

    def action_floor_target(self) -> None:
        """Ask for the floor target, then save it in a worker."""
        if self.data is None:
            return

        def chosen(value: float | None) -> None:
            if value is not None and self.data is not None and value != self.data.floor_target:
                self.save_floor_target(value)

        self.app.push_screen(FloorTargetDialog(self.data.floor_target, lead=self.data.lead), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="assignment-save")
    def save_floor_target(self, value: float) -> None:
        """Save the floor target in a thread."""
        try:
            with self.context.database.session() as session:
                save_setting(session, "floor_target", value)
                page = self.read(session)
        except ServiceError as error:
            self.not_saved(error)
            return
        self.saved(page, _("Saved: the floor target is now {value:g}%.").format(value=value))
