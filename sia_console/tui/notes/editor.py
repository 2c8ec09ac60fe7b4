"""The note editor: the screen advisers spend hours in, typing at the school.

A list of the note's sections on the left, the section being written on the right; the
school, the visit, the status, the word count and when the note was last saved always
in view. Typing is saved by :mod:`sia_console.tui.notes.autosave` in worker threads: after a
pause, at least every second or so while typing goes on, and at once on every move to
another section or screen (that half of the screen is in ``saving``). A final note
opens read-only; its corrections are dated amendments. Reviews of earlier actions, the
risk judgement and the actions agreed are pages of their own (``pages``); the dialogs
and the work behind them are in ``tasks``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, TypeVar

from sqlmodel import Session
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Header, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from sia_console.domain.enums import NoteStatus
from sia_console.i18n import _
from sia_console.services.notes.workspace import NoteWorkspace, open_workspace, read_workspace
from sia_console.tui import formatting as fmt
from sia_console.tui.context import AppContext
from sia_console.tui.messages import ExportNotes
from sia_console.tui.notes import pages
from sia_console.tui.notes.action_tables import AgreedActionTable, CarriedActionTable
from sia_console.tui.notes.autosave import TICK, DraftWriter, word_count
from sia_console.tui.notes.messages import WorkspaceLoaded
from sia_console.tui.notes.risk_panel import RiskPanel
from sia_console.tui.notes.saving import OPEN_EDITORS, NoteSaving
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.note_text_area import LiteralDocument, NoteTextArea
from sia_console.tui.widgets.ordered_keys import FOCUS_KEYS

T = TypeVar("T")


class NoteEditorScreen(NoteSaving):
    """One note of visit, its sections, risk judgement and actions."""

    CSS_PATH = "notes.tcss"  # (read when first shown, not at start-up)

    # Priority: checked as each key arrives, so text typed just after a move goes to the
    # section moved to (see ``widgets.ordered_keys``).
    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,
        Binding("escape", "back", _("Back"), id="note.back", tooltip=_("Save and go back")),
        Binding(
            "ctrl+s", "save_now", _("Save"), id="note.save", tooltip=_("Save now"), priority=True
        ),
        Binding(
            "ctrl+down",
            "next_page",
            _("Next section"),
            id="note.next",
            priority=True,
            tooltip=_("Save and go to the next section"),
        ),
        Binding(
            "ctrl+up",
            "previous_page",
            _("Previous section"),
            id="note.previous",
            priority=True,
            tooltip=_("Save and go to the previous section"),
        ),
        Binding("ctrl+pagedown,f8", "next_page", show=False, priority=True),
        Binding("ctrl+pageup,f7", "previous_page", show=False, priority=True),
        Binding(
            "ctrl+g",
            "focus_sections",
            _("Sections"),
            id="note.sections",
            priority=True,
            tooltip=_("Go to the list of sections"),
        ),
        Binding(
            "ctrl+l",
            "finalise",
            _("Finalise"),
            id="note.finalise",
            priority=True,
            tooltip=_("Check the note and lock it as final; its visit is marked done"),
        ),
        Binding(
            "ctrl+o",
            "export_word",
            _("Word"),
            id="note.export-word",
            priority=True,
            tooltip=_("Save, then write this note of visit as a Word document"),
        ),
        Binding(
            "ctrl+n",
            "amend",
            _("Amend"),
            id="note.amend",
            priority=True,
            tooltip=_("Add a dated amendment to this final note"),
        ),
        Binding(
            "ctrl+r",
            "respond",
            _("Head's response"),
            id="note.respond",
            priority=True,
            tooltip=_("Record whether the headteacher agreed this final note as accurate"),
        ),
    ]

    LOAD_FAILED = _("Could not open the note")
    AUTO_FOCUS = ""

    def __init__(
        self,
        context: AppContext,
        visit_id: str,
        *,
        section: str | None = None,
        terms: tuple[str, ...] = (),
    ) -> None:
        super().__init__(context)
        self.visit_id = visit_id
        self.start_page = section
        """The page to open at: a section's key, a page name of ``pages``, or ``None``."""
        self.terms = terms
        self.workspace: NoteWorkspace | None = None
        self.text_index: dict[str, int] = {}
        """Index of each section's text area, by key."""
        self.current: str | None = None
        self.final = False

    # ------------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.READING, id="note-heading", classes="status-line")
        yield Static(id="note-status")
        with Horizontal(id="note-body"):
            yield OptionList(id="note-sections")
            yield ContentSwitcher(id="note-pages")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Note of visit")
        OPEN_EDITORS.add(self)
        self.load()
        self.set_interval(TICK, self._tick)

    def read(self, question: Callable[[Session], T]) -> T:
        """Ask the database ``question`` in one transaction (call from a thread)."""
        with self.context.database.session() as session:
            return question(session)

    @work(thread=True, exclusive=True, exit_on_error=False, group="note-load")
    def load(self) -> None:
        """Open (or start) the visit's note in a thread."""
        workspace = self.read(lambda s: open_workspace(s, self.visit_id, self.start_page))
        self.post_message(WorkspaceLoaded(workspace))

    @work(thread=True, exclusive=True, exit_on_error=False, group="note-reload")
    def reload(self) -> None:
        """Read the note again after a change made beside the text."""
        if self.workspace is not None:
            note_id = self.workspace.note.id
            self.post_message(WorkspaceLoaded(self.read(lambda s: read_workspace(s, note_id))))

    @on(WorkspaceLoaded)
    async def _loaded(self, message: WorkspaceLoaded) -> None:
        workspace = message.workspace
        first = self.workspace is None
        self.workspace = workspace
        self.final = workspace.note.status is NoteStatus.FINAL or workspace.owner is not None
        if first:
            self.writer = DraftWriter(self.context.database, workspace.note.id)
            await self._build(workspace)
        else:
            self.query_one(RiskPanel).workspace = workspace
            if workspace.note.status is NoteStatus.FINAL and pages.AMENDMENTS not in self.names:
                page = pages.amendments_page()
                page.display = False
                await self.query_one(ContentSwitcher).mount(page)
                self.names.append(pages.AMENDMENTS)
                self.query_one("#note-sections", OptionList).add_option(
                    Option("", id=pages.page_id(pages.AMENDMENTS))
                )
            if self.final:
                self._lock()
        self._show_beside(workspace)
        self.query_one("#note-heading", Static).update(pages.heading(workspace))
        self.sub_title = workspace.note.school_name
        self._show_status()
        if first:
            self._open_first_page()

    async def _build(self, workspace: NoteWorkspace) -> None:
        note = workspace.note
        built = []
        for index, section in enumerate(note.sections):
            self.text_index[section.key] = index
            self.words[section.key] = word_count(section.text)
            self.names.append(section.key)
            built.append(
                pages.section_page(
                    section,
                    index,
                    hint=workspace.hints.get(section.key, ""),
                    required=section.key in workspace.required,
                    read_only=self.final,
                )
            )
        built += [pages.reviews_page(), RiskPanel(workspace, id=pages.page_id(pages.RISK))]
        built.append(pages.actions_page())
        self.names += [pages.REVIEWS, pages.RISK, pages.ACTIONS]
        if note.status is NoteStatus.FINAL:
            built.append(pages.amendments_page())
            self.names.append(pages.AMENDMENTS)
        for page in built:
            page.display = False  # the switcher shows one at a time
        await self.query_one(ContentSwitcher).mount_all(built)
        listing = self.query_one("#note-sections", OptionList)
        listing.set_options(Option("", id=pages.page_id(name)) for name in self.names)
        for key, index in self.text_index.items():
            self.areas[key] = self.query_one(f"#text-{index}", NoteTextArea)
        self.rationale = self.query_one("#risk-rationale", NoteTextArea)
        if not self.final:  # a note to read (final, or another's) opens at its beginning
            for area in [*self.areas.values(), self.rationale]:
                area.move_cursor(area.document.end)  # carry on where the text ends
        risk = workspace.note.risk
        self.known_level = risk.level if risk else None
        self.known_predictions = self.query_one(RiskPanel).predictions()
        if self.final:
            self._lock()

    def _lock(self) -> None:
        for area in self.query(NoteTextArea).results(NoteTextArea):
            area.read_only = True
        self.query_one(RiskPanel).make_read_only()
        self.query_one(CarriedActionTable).locked = True
        self.query_one(AgreedActionTable).locked = True
        pages.lock_hints(self)
        self.refresh_bindings()

    def _show_beside(self, workspace: NoteWorkspace) -> None:
        today = self.context.today()
        self.query_one(CarriedActionTable).show(workspace.carried, today)
        self.query_one(AgreedActionTable).show(workspace.note.actions, today)
        self.query_one(RiskPanel).show_trend()
        if pages.AMENDMENTS in self.names:
            self.query_one("#amendments-text", Static).update(pages.amendments_content(workspace))
        self._show_prompts()

    def _show_prompts(self, only: Sequence[str] | None = None) -> None:
        if self.workspace is None:
            return
        listing = self.query_one("#note-sections", OptionList)
        beside = pages.beside_prompts(self.workspace, self.known_level)
        titles = {s.key: s.title for s in self.workspace.note.sections}
        for name in only if only is not None else self.names:
            if name in beside:
                prompt = beside[name]
            else:
                prompt = pages.section_prompt(
                    titles[name],
                    self.words.get(name, 0),
                    required=name in self.workspace.required,
                )
            listing.replace_option_prompt(pages.page_id(name), prompt)

    def _open_first_page(self) -> None:
        wanted = self.names[0]
        if self.start_page is not None and self.start_page in self.names:
            wanted = self.start_page
        self.show_page(wanted, focus=True)
        if not self.terms:
            return
        if wanted in self.text_index:
            self._select_first_term(self.text_area(wanted))
        elif wanted == pages.RISK and self.rationale is not None:
            if self._select_first_term(self.rationale):
                self.set_focus(self.rationale)
        elif wanted == pages.ACTIONS:
            agreed = self.query_one(AgreedActionTable)
            self._move_to_first_term(agreed, [a.text for a in agreed.records])
        elif wanted == pages.REVIEWS:
            carried = self.query_one(CarriedActionTable)
            self._move_to_first_term(carried, [a.comment for a in carried.records])

    def _find_term(self, text: str) -> re.Match[str] | None:
        for term in self.terms:
            found = re.search(re.escape(term), text, re.IGNORECASE)
            if found is not None:
                return found
        return None

    def _select_first_term(self, area: NoteTextArea) -> bool:
        """Select the first word searched for in ``area``; whether one was found."""
        found = self._find_term(area.text)
        if found is None:
            return False
        document = area.document
        assert isinstance(document, LiteralDocument)
        start = document.get_location_from_index(found.start())
        end = document.get_location_from_index(found.end())
        area.show_found(start, end)
        return True

    def _move_to_first_term(
        self, table: AgreedActionTable | CarriedActionTable, texts: list[str]
    ) -> None:
        """Put the table's cursor on the first row whose text holds a word searched for."""
        for row, text in enumerate(texts):
            if self._find_term(text) is not None:
                table.move_cursor(row=row, animate=False)
                return

    # ------------------------------------------------------------------ moving

    def text_area(self, key: str) -> NoteTextArea:
        """The text area of the section ``key``."""
        return self.areas[key]

    def show_page(self, name: str, *, focus: bool) -> None:
        """Show the page ``name``; moving away from a page saves what was typed."""
        if name not in self.names:
            return
        if name != self.current:
            moving = self.current is not None
            self.current = name
            self.query_one(ContentSwitcher).current = pages.page_id(name)
            listing = self.query_one("#note-sections", OptionList)
            if listing.highlighted != self.names.index(name):
                listing.highlighted = self.names.index(name)
            if moving and not self.final:
                self.policy.touch("editing")
                self.save_now()
            self._show_status()
        if focus:
            self._focus_page(name)

    def _focus_page(self, name: str) -> None:
        """Focus the page's main widget at once (``Widget.focus`` waits a turn, and keys
        typed straight after a move would still go to the section left)."""
        target: Widget | None = None
        if name in self.text_index:
            target = self.text_area(name)
        elif name == pages.REVIEWS:
            target = self.query_one(CarriedActionTable)
        elif name == pages.RISK:
            target = self.query_one("#risk-level", RadioSet)
        elif name == pages.ACTIONS:
            target = self.query_one(AgreedActionTable)
        if target is not None:
            self.set_focus(target)

    @on(OptionList.OptionHighlighted, "#note-sections")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != event.option_list.highlighted:
            return  # stale: keys moved on since (following it would undo their move)
        self.show_page(self.names[event.option_index], focus=False)

    @on(OptionList.OptionSelected, "#note-sections")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.show_page(self.names[event.option_index], focus=True)

    def _step(self, by: int) -> None:
        if self.current is None:
            return
        index = min(max(self.names.index(self.current) + by, 0), len(self.names) - 1)
        self.show_page(self.names[index], focus=True)

    def action_next_page(self) -> None:
        """Save and go to the next section."""
        self._step(1)

    def action_previous_page(self) -> None:
        """Save and go to the previous section."""
        self._step(-1)

    def action_focus_sections(self) -> None:
        """Put the cursor in the list of sections."""
        self.query_one("#note-sections", OptionList).focus()

    def action_back(self) -> None:
        """Save, forget the draft as open, and go back."""
        self.prepare_to_close()
        self.dismiss()

    def action_export_word(self) -> None:
        """Save what was typed, then open the Word export for this note (the app's dialog)."""
        if self.workspace is None:
            return
        self.save_now(force=True)
        note = self.workspace.note
        self.post_message(
            ExportNotes(
                (note.id,),
                description=_("The note of visit of {school}, {day}").format(
                    school=note.school_name, day=fmt.long_day(note.visit_start.date())
                ),
            )
        )

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        """Offer saving and finalising only on a draft; amending and the head's response
        only on a final note of our own."""
        if action in ("finalise", "save_now"):
            return self.workspace is not None and not self.final
        if action in ("amend", "respond"):
            return (
                self.workspace is not None
                and self.workspace.owner is None
                and self.workspace.note.status is NoteStatus.FINAL
            )
        return True
