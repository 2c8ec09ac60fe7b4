"""Search every note of visit as you type; Enter opens the note at the matching section.

Each keystroke searches in a worker thread (the newest query wins; answers to older
ones are dropped). Results show the school, the visit and the section, then a snippet
with the matched words highlighted: the snippet is the adviser's text, so it is built
as :class:`Content` with styled ranges, never as markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from sia_console.domain.labels import word
from sia_console.domain.text import one_line, visible
from sia_console.i18n import _, ngettext
from sia_console.services.errors import InvalidInput
from sia_console.services.notes.search import SearchHit, search_notes
from sia_console.tui import formatting as fmt
from sia_console.tui.messages import OpenNote
from sia_console.tui.notes.messages import SearchDone
from sia_console.tui.screens.base import DataScreen
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.ordered_keys import FOCUS_KEYS
from sia_console.tui.widgets.safe_input import OrderedInput

RESULTS = 100


def hit_content(hit: SearchHit) -> Content:
    """Where the match is (school, day, section), then its snippet with matches styled."""
    status = word(hit.note_status)
    where = Content.assemble(
        Content.styled(one_line(hit.school_name), "bold"),
        Content.styled(
            f" · {fmt.short_day_with_year(hit.visit_start.date())} · "
            f"{one_line(hit.section_title)} · {status}",
            "$text-muted",
        ),
    )
    snippet = Content.assemble(
        *(
            Content.styled(visible(text), "bold reverse $text-accent")
            if matched
            else Content(visible(text))
            for text, matched in hit.parts()
        )
    )
    return Content("\n").join([where, Content.assemble("  ", snippet)])


class NoteSearchScreen(DataScreen):
    """A search box over the notes; the results list opens a note at its section."""

    ABOUT = _(
        "Search the text of every note of visit as you type. Enter opens the note at the "
        "section where the words were found."
    )

    CSS_PATH = "notes.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,
        Binding(
            "slash",
            "focus_query",
            _("Search box"),
            priority=True,
            id="search.focus",
            tooltip=_("Type words to find in every note of visit"),
        ),
        Binding(
            "escape",
            "clear_or_leave",
            _("Back"),
            id="search.back",
            tooltip=_("Clear the search, or go back to the dashboard when it is clear"),
        ),
        Binding(
            "down",
            "focus_results",
            _("To the results"),
            show=False,
            id="search.to-results",
            tooltip=_("Move from the search box to the results"),
        ),
    ]

    LOAD_FAILED = _("Could not search the notes")

    hits: tuple[SearchHit, ...] = ()
    """The hits shown, in order."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="body"):
            yield OrderedInput(
                placeholder=_('Words to find; "a phrase" in quotes; read* for a prefix'),
                id="query",
                select_on_focus=False,
            )
            yield Static(
                Content(_("Type a word to search every note of visit.")),
                id="search-count",
                classes="status-line",
            )
            yield OptionList(id="results")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Search the notes")
        self.query_one("#query", Input).focus()

    @property
    def query_text(self) -> str:
        """The query as typed."""
        return self.query_one("#query", Input).value

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#query")
    def _query_submitted(self) -> None:
        self.action_focus_results()

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def search(self, query: str) -> None:
        """Search in a thread and post the hits back."""
        if not query.strip():
            self.post_message(SearchDone(query, (), None))
            return
        try:
            with self.context.database.session() as session:
                hits = tuple(search_notes(session, query, RESULTS))
        except InvalidInput as problem:
            self.post_message(SearchDone(query, (), str(problem)))
            return
        self.post_message(SearchDone(query, hits, None))

    @on(SearchDone)
    def show_hits(self, message: SearchDone) -> None:
        """Show the hits, unless the query has changed since they were asked for."""
        if message.query != self.query_text:
            return
        self.hits = message.hits
        results = self.query_one("#results", OptionList)
        results.set_options(
            Option(hit_content(hit), id=str(index)) for index, hit in enumerate(message.hits)
        )
        count = len(message.hits)
        if not message.query.strip():
            line = _("Type a word to search every note of visit.")
        elif message.problem:
            line = message.problem
        elif count == 0:
            line = _("No note of visit contains “{query}”.").format(query=one_line(message.query))
        else:
            line = ngettext(
                "{count} match, best first. Enter opens the note at that section.",
                "{count} matches, best first. Enter opens the note at that section.",
                count,
            ).format(count=count)
        self.query_one("#search-count", Static).update(Content(line))

    @on(OptionList.OptionSelected, "#results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[event.option_index]
        self.post_message(OpenNote(hit.visit_id, hit.page, hit.terms))

    def action_focus_query(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#query", Input).focus()

    def action_focus_results(self) -> None:
        """Move from the search box to the results."""
        results = self.query_one("#results", OptionList)
        if results.option_count:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    async def action_clear_or_leave(self) -> None:
        """Clear the search; if it is already clear, go back to the dashboard."""
        box = self.query_one("#query", Input)
        if box.value:
            box.value = ""
            box.focus()
        else:
            await self.app.run_action("show_dashboard")
