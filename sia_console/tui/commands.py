"""The command palette (Ctrl+P): go to a screen, open a school by name, switch theme or language.

School names are read once when the palette opens, in a worker thread, and shown as
literal text: a school called ``[bold]…`` is a name, not markup (so Textual's
``Matcher.highlight``, which parses markup, is not used for them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.worker import WorkerCancelled, WorkerFailed

from sia_console.i18n import _

if TYPE_CHECKING:
    from sia_console.tui.app import SiaConsole


@dataclass(frozen=True)
class _Command:
    name: str
    run: Callable[[], object]
    help: str


def _highlight(matcher: Matcher, candidate: str) -> Content:
    """Like ``Matcher.highlight``, but ``candidate`` is never parsed as markup."""
    content = Content(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class SiaCommands(Provider):
    """sia-console's own commands, and one "open school" command per school."""

    schools: tuple[tuple[str, str], ...] = ()
    """(name, code) of every school, read when the palette opens."""

    @property
    def sia(self) -> SiaConsole:
        """The running app."""
        return cast("SiaConsole", self.app)

    def _commands(self) -> list[_Command]:
        app = self.sia
        return [
            _Command(
                _("Go to the dashboard"),
                app.action_show_dashboard,
                _("Today's and this week's visits, overdue notes, high risk, actions due"),
            ),
            _Command(
                _("Go to the schools"),
                app.action_show_schools,
                _("The schools register, filtered as you type"),
            ),
            _Command(
                _("Go to schools and categories"),
                app.action_show_assignment,
                _("Set each school's support category and link adviser, and the floor target"),
            ),
            _Command(
                _("Go to sync: bundles and conflicts"),
                app.action_show_sync,
                _("Export a bundle, import bundles, see who sent what, resolve conflicts"),
            ),
            _Command(
                _("Write my identity card"),
                partial(app.exchange_cards, True),
                _("Your name and public keys, for your core lead (or advisers) to trust"),
            ),
            _Command(
                _("Trust an identity card"),
                partial(app.exchange_cards, False),
                _("Your core lead's card (or an adviser's): bundles then go to them"),
            ),
            _Command(
                _("Switch between dark and light theme"),
                app.action_toggle_theme,
                _("Use the light theme in bright rooms, the dark one elsewhere"),
            ),
            _Command(
                _("Cymraeg / English"),
                app.action_switch_language,
                _("Show every screen in Welsh, or back in English, at once"),
            ),
            _Command(
                _("Choose a theme"),
                app.action_change_theme,
                _("Pick any of the installed colour themes"),
            ),
            _Command(
                _("Help for this screen"),
                app.action_help,
                _("What this screen is for, and its keys (also ? or F1)"),
            ),
            (
                _Command(
                    _("Hide the keys"),
                    app.action_hide_keys,
                    _("Close the panel of keys (also Escape)"),
                )
                if app.keys_shown()
                else _Command(
                    _("Show the keys"),
                    app.action_show_help_panel,
                    _(
                        "A panel listing the keys of the focused part of the screen; "
                        "Escape closes it"
                    ),
                )
            ),
            *self._export_commands(),
            _Command(_("Quit"), app.action_quit, _("Leave sia-console")),
        ]

    def _export_commands(self) -> list[_Command]:
        """Word export: every final note, and this school's notes on a school's page."""
        from sia_console.tui.screens.school_detail import SchoolDetailScreen

        app = self.sia
        commands = [
            _Command(
                _("Export all final notes to Word"),
                partial(
                    app.export_notes_docx,
                    final_only=True,
                    description=_("Every finalised note of visit"),
                ),
                _("One Word document per finalised note of visit, into a folder you choose"),
            )
        ]
        screen = self.screen
        if isinstance(screen, SchoolDetailScreen):
            commands.insert(
                0,
                _Command(
                    _("Export this school's notes to Word"),
                    partial(
                        app.export_notes_docx,
                        school_code=screen.code,
                        description=_("The notes of visit of {school}").format(
                            school=screen.sub_title
                        ),
                    ),
                    _("One Word document per note of visit of this school"),
                ),
            )
        return commands

    async def startup(self) -> None:
        """Read the school names in a worker thread, never on the UI thread."""
        context = self.sia.context

        def read() -> tuple[tuple[str, str], ...]:
            from sia_console.services.schools.page import school_rows

            with context.database.session() as session:
                rows = school_rows(session, context.today())
            return tuple((row.name, row.code) for row in rows)

        worker = self.app.run_worker(
            read, thread=True, exit_on_error=False, group="palette", name="palette-schools"
        )
        try:
            self.schools = await worker.wait()
        except (WorkerFailed, WorkerCancelled):
            self.schools = ()

    async def discover(self) -> Hits:
        """The commands shown before anything is typed (schools are found by typing)."""
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        """Commands and schools whose names match what has been typed."""
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, _highlight(matcher, command.name), command.run, help=command.help)
        prefix = _("Open school: ")
        for name, code in self.schools:
            label = f"{prefix}{name} ({code})"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, label),
                    partial(self.sia.open_school, code),
                    text=label,
                    help=_("Visits, risk judgements and open actions of this school"),
                )
