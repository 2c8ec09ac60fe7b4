"""The schools register: every link school, filtered as you type, opened with Enter."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, Input, Static

from sia_console.i18n import _, ngettext
from sia_console.services.schools.page import school_rows
from sia_console.services.today import school_count
from sia_console.tui.messages import SchoolsLoaded
from sia_console.tui.screens.base import DataScreen
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.record_tables import SchoolTable


class SchoolsScreen(DataScreen):
    """A filter box over a table of schools; each keystroke reads the matches in a worker."""

    ABOUT = _(
        "The register of your link schools. Type to filter by name, code or authority; Enter "
        "opens a school's page: its details, its risk over the year, its visits and open "
        "actions."
    )

    CSS_PATH = "../schools.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "focus_filter",
            _("Filter"),
            priority=True,  # even from the filter box itself: "/" never ends up in it
            id="schools.filter",
            tooltip=_("Type part of a name, code, authority, cluster or category"),
        ),
        Binding(
            "escape",
            "clear_or_leave",
            _("Back"),
            id="schools.back",
            tooltip=_("Clear the filter, or go back to the dashboard when it is clear"),
        ),
        Binding(
            "down",
            "focus_table",
            _("To the list"),
            show=False,
            id="schools.to-list",
            tooltip=_("Move from the filter box to the list of schools"),
        ),
    ]

    LOAD_FAILED = _("Could not load the schools")

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="body"):
            yield Input(
                placeholder=_("Filter by name, code, authority or cluster…"),
                id="filter",
                select_on_focus=False,
            )
            yield Static(self.READING, id="count", classes="status-line")
            yield SchoolTable(id="schools")
            yield Static(id="no-schools", classes="empty-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Schools")
        self.load("")

    def read_again(self) -> None:
        """Something was written since the last read: the same filter, read again."""
        self.load(self.text_filter)

    @property
    def text_filter(self) -> str:
        """The filter as typed."""
        return self.query_one("#filter", Input).value

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.load(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.action_focus_table()

    @work(thread=True, exclusive=True, exit_on_error=False, group="schools")
    def load(self, text_filter: str) -> None:
        """Read the schools matching ``text_filter`` in a thread and post them back."""
        today = self.context.today()
        with self.context.database.session() as session:
            rows = tuple(school_rows(session, today, text_filter))
            total = len(rows) if not text_filter.strip() else school_count(session)
        self.post_message(SchoolsLoaded(text_filter, rows, total))

    @on(SchoolsLoaded)
    def show_schools(self, message: SchoolsLoaded) -> None:
        """Show the matches, unless the filter has changed since they were asked for."""
        if message.text_filter != self.text_filter:
            return
        table = self.query_one(SchoolTable)
        table.show(message.schools)
        shown, total = len(message.schools), message.total
        if message.text_filter.strip() and total:
            count = ngettext(
                "Showing {shown} of {total} school", "Showing {shown} of {total} schools", total
            ).format(shown=shown, total=total)
        else:
            count = ngettext("{total} school", "{total} schools", total).format(total=total)
        self.query_one("#count", Static).update(Content(count))
        if total == 0:
            note = _(
                "No schools yet. Add your link schools with: sia-console schools import "
                "FILE.csv, or try the fictional ones with: sia-console demo"
            )
        elif shown == 0:
            note = _("No school matches “{text}”.").format(text=message.text_filter.strip())
        else:
            note = ""
        self.query_one("#no-schools", Static).update(Content(note))
        self.set_class(shown == 0, "-empty")

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter box."""
        self.query_one("#filter", Input).focus()

    def action_focus_table(self) -> None:
        """Move from the filter to the list."""
        table = self.query_one(SchoolTable)
        if table.row_count:
            table.focus()

    async def action_clear_or_leave(self) -> None:
        """Clear the filter; if it is already clear, go back to the dashboard."""
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
            box.focus()
        else:
            await self.app.run_action("show_dashboard")
