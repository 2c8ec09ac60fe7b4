"""The sia-console terminal app: two places to be (dashboard, schools) and a school's page.

The app only wires things together: each place is a mode with its own screen stack,
the keys to move between them, the command palette and the theme. Screens do the work.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.screen import Screen

from sia_console import i18n
from sia_console.i18n import _
from sia_console.storage.preferences import Preferences, save_preferences
from sia_console.tui.commands import SiaCommands
from sia_console.tui.context import AppContext
from sia_console.tui.data_changes import DataChanged
from sia_console.tui.language import apply_language
from sia_console.tui.messages import ExportNotes, OpenSchool
from sia_console.tui.notes.app import NotesApp
from sia_console.tui.notes.commands import NoteCommands

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


SCREENS = {
    "dashboard": ("sia_console.tui.screens.dashboard", "DashboardScreen"),
    "authority": ("sia_console.tui.screens.authority", "AuthorityScreen"),
    "schools": ("sia_console.tui.screens.schools", "SchoolsScreen"),
    "register": ("sia_console.tui.screens.school_register", "RegisterScreen"),
    "calendar": ("sia_console.tui.screens.calendar", "CalendarScreen"),
    "search": ("sia_console.tui.notes.search", "NoteSearchScreen"),
    "sync": ("sia_console.tui.screens.sync", "SyncScreen"),
    "assignment": ("sia_console.tui.screens.assignment", "AssignmentScreen"),
}
"""Each place's screen: its module and class, imported when the place is first shown (so
that the first screen waits only for its own module, not for every service's)."""

HOME_CSS: dict[str, tuple[str, ...]] = {"authority": ("authority.tcss",)}
"""The stylesheets of a home place, read with the app's own (as the first screen, its own
``CSS_PATH`` is not read for it)."""


def _place(place: str, context: AppContext) -> Screen[None]:
    """The screen of ``place``, its module imported now if it was not yet (a core lead's
    Schools place is the authority's register)."""
    if place == "schools" and context.core_lead:
        place = "register"
    module, name = SCREENS[place]
    screen: Screen[None] = getattr(importlib.import_module(module), name)(context)
    return screen


class SiaConsole(NotesApp):
    """The terminal UI over one open database."""

    TITLE = "sia-console"
    DEFAULT_MODE = "dashboard"
    CSS_PATH: ClassVar = ["app.tcss"]  # the others are read with their screens
    COMMANDS: ClassVar = {SiaCommands, NoteCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "d",
            "show_dashboard",
            _("Dashboard"),
            id="app.dashboard",
            tooltip=_("Today's and this week's visits and what needs attention"),
        ),
        Binding(
            "s",
            "show_schools",
            _("Schools"),
            id="app.schools",
            tooltip=_("The schools register"),
        ),
        Binding(
            "f",
            "show_search",
            _("Find"),
            id="app.search",
            tooltip=_("Search the text of every note of visit"),
        ),
        Binding(
            "c",
            "show_calendar",
            _("Calendar"),
            id="app.calendar",
            tooltip=_("The month's visits: plan, move, cancel; the year's programme"),
        ),
        Binding(
            "y",
            "show_sync",
            _("Sync"),
            show=False,  # reached from the dashboard's conflict note and the palette
            id="app.sync",
            tooltip=_("Export and import sync bundles; compare and resolve conflicts"),
        ),
        Binding("q", "quit", _("Quit"), id="app.quit", tooltip=_("Leave sia-console")),
        Binding(
            "question_mark,f1",
            "help",
            _("Help"),
            show=False,
            id="app.help",
            tooltip=_("What this screen is for, and its keys"),
        ),
        Binding("escape", "hide_keys", show=False, priority=True, id="app.hide-keys"),
        Binding(
            "ctrl+z",
            "suspend",
            _("Suspend"),
            show=False,
            id="app.suspend",
            tooltip=_("Save every open note, then pause sia-console and go back to the shell"),
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            _("Commands"),
            show=False,
            priority=True,
            id="app.commands",
            tooltip=_("Go anywhere, open a school by name, change the theme"),
        ),
    ]

    def __init__(
        self,
        context: AppContext,
        *,
        edit_visit: str | None = None,
        preferences: Preferences | None = None,
    ) -> None:
        home = "authority" if context.core_lead else "dashboard"
        super().__init__(css_path=[*self.CSS_PATH, *HOME_CSS.get(home, ())])
        self.home = home
        """The place shown first and on ``d``: the core lead's authority, or the dashboard."""
        self.context = context
        """The database and the clock every screen is given."""
        self.edit_visit = edit_visit
        self.preferences = preferences
        """This person's saved preferences, kept up to date; ``None``: not remembered."""
        self.data_generation = 0
        """How many writes this app has made: a screen that read an older generation reads
        again when seen (``tui.data_changes``)."""
        if preferences is not None and preferences.theme in self.available_themes:
            self.theme = preferences.theme
        for place in ("schools", "calendar", "search", "sync", "assignment"):
            self.add_mode(place, partial(_place, place, context))

    PLACES: ClassVar[dict[str, str]] = {
        "show_dashboard": "dashboard",
        "show_schools": "schools",
        "show_search": "search",
        "show_calendar": "calendar",
        "show_sync": "sync",
        "show_assignment": "assignment",
    }
    """The actions that go to a place, and the mode of that place."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Leave out the key of the place already shown (it would do nothing), so that the
        footer has room for the others on a narrow terminal."""
        if action == "suspend":
            return self.can_suspend()
        if action == "hide_keys":  # (else Escape goes on to the screen's own binding)
            return self.keys_shown()
        here = self.PLACES.get(action) == self.current_mode and len(self.screen_stack) == 1
        return not here

    def _show_mode(self, mode: str) -> None:
        self.switch_mode(mode)
        while len(self.screen_stack) > 1:  # the place itself, not a page opened from it
            self.pop_screen()

    def action_show_dashboard(self) -> None:
        """Go to the dashboard."""
        self._show_mode("dashboard")

    def action_show_sync(self) -> None:
        """Go to sync: bundles and conflicts."""
        self._show_mode("sync")

    def action_show_assignment(self) -> None:
        """Go to the schools' categories and link advisers."""
        self._show_mode("assignment")

    def action_show_calendar(self) -> None:
        """Go to the calendar."""
        self._show_mode("calendar")

    def action_show_schools(self) -> None:
        """Go to the schools register."""
        self._show_mode("schools")

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        """A write committed: count it, and let the screen in front read again."""
        self.data_generation += 1
        here = getattr(self.screen, "data_changed_here", None)
        if callable(here):
            here(fresh=self.screen is message.fresh)

    def get_default_screen(self) -> Screen[None]:
        """The home place, made the app's first screen. Built as Textual builds its default
        screen (laid out and drawn once, after start-up), not as a mode's screen, which is
        styled and laid out again while start-up holds the drawing, then drawn again."""
        return _place(self.home, self.context)

    def on_mount(self) -> None:
        # Going home (``d``) is switching to this mode, whose screen is the first one; added
        # now, after start-up has made that screen its stack (``get_default_screen``).
        self.add_mode("dashboard", partial(_place, self.home, self.context))
        if self.preferences is not None:
            self.watch(self, "theme", self._remember_theme, init=False)

    def _remember_theme(self, theme: str) -> None:
        """Keep the theme chosen for the next run (written in a thread)."""
        assert self.preferences is not None
        self.preferences = replace(self.preferences, theme=theme)
        chosen = self.preferences
        self.run_worker(
            partial(save_preferences, chosen),
            thread=True,
            group="preferences",
            exclusive=True,
            exit_on_error=False,
        )

    def action_help(self) -> None:
        """Open the help for the screen in front: what it is for, and its keys."""
        from sia_console.tui.dialogs.help import HelpScreen  # (only when asked for)

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen.for_screen(self, self.screen))

    def keys_shown(self) -> bool:
        """Whether the panel of keys ("Show the keys") is open on the screen in front."""
        return bool(self.screen.query("HelpPanel"))

    def action_hide_keys(self) -> None:
        """Close the panel of keys."""
        self.action_hide_help_panel()

    def exchange_cards(self, write: bool) -> None:
        """Write this identity's card (``write``) or trust a colleague's, in a dialog."""
        from sia_console.tui.dialogs.cards import CardDialog, CardTask  # (only when asked)

        def done(said: str | None) -> None:
            if said:
                self.notify(said, title=_("Identity cards"), markup=False, timeout=12)
                self.post_message(DataChanged())  # (Sync: a core lead now trusted)

        task = CardTask.WRITE if write else CardTask.TRUST
        self.push_screen(CardDialog(self.context, task), done)

    def action_switch_language(self) -> None:
        """Switch between Welsh and English: every screen at once, remembered for next time."""
        chosen = "en" if i18n.language() == "cy" else "cy"
        i18n.set_language(chosen)
        apply_language(self)
        if self.preferences is not None:
            self.preferences = replace(self.preferences, language=chosen)
            self.run_worker(
                partial(save_preferences, self.preferences),
                thread=True,
                group="preferences",
                exclusive=True,
                exit_on_error=False,
            )
        self.notify(_("The interface is in English."))

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def open_school(self, code: str) -> None:
        """Show a school's page on top of the current place."""
        from sia_console.tui.screens.school_detail import SchoolDetailScreen

        self.push_screen(SchoolDetailScreen(self.context, code))

    @on(OpenSchool)
    def _open_school(self, message: OpenSchool) -> None:
        self.open_school(message.code)

    def export_notes_docx(
        self,
        note_ids: Sequence[str] = (),
        *,
        school_code: str | None = None,
        final_only: bool = False,
        description: str = "",
    ) -> None:
        """Open the Word export dialog for notes by id, a school's notes, or every note."""
        from sia_console.services.notes.export import NoteSelection  # only when exporting
        from sia_console.tui.dialogs.export_dialog import ExportDialog

        selection = NoteSelection(
            note_ids=tuple(note_ids),
            school_code=None if note_ids else school_code,
            every=not note_ids and school_code is None,
            final_only=final_only,
        )
        self.push_screen(ExportDialog(self.context, selection, description))

    @on(ExportNotes)
    def _export_notes(self, message: ExportNotes) -> None:
        self.export_notes_docx(
            message.note_ids,
            school_code=message.school_code,
            final_only=message.final_only,
            description=message.description,
        )
