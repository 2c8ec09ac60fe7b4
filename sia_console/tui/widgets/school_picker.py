"""Choose a link school by typing part of its name or code.

Advisers know their schools by name, and Welsh names carry accents that are slow to type,
so the list below the box keeps every school whose name or code holds each typed word,
accents and case ignored ("dwr" finds "Glan-y-Dŵr"). Down moves into the list, Enter
takes the school; typing a code or the full "Name (code)" works as well. The box holds
the text; the dialog's checks decide which school it means.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from sia_console.domain.text import one_line
from sia_console.domain.vocabulary import matches_filter
from sia_console.i18n import _
from sia_console.services.programme.calendar import SchoolChoice

MAX_SHOWN = 5
"""Matches listed at once: the dialog must fit in 24 lines."""


class SchoolPicker(Vertical):
    """A text box with the matching link schools listed under it while typing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down",
            "into_list",
            _("Schools"),
            show=False,
            id="picker.list",
            tooltip=_("Move into the list of matching schools"),
        ),
    ]

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: tuple[SchoolChoice, ...] = ()
        """Every link school, set once they have been read."""
        self.initial = value

    def compose(self) -> ComposeResult:
        yield Input(
            self.initial,
            placeholder=_("Type part of a school's name or code"),
            compact=True,
            id="school-input",
        )
        yield OptionList(id="school-matches")

    def on_mount(self) -> None:
        self.query_one("#school-matches", OptionList).display = False

    @property
    def input(self) -> Input:
        """The text box."""
        return self.query_one("#school-input", Input)

    @property
    def value(self) -> str:
        """What the box holds."""
        return self.input.value

    def set_choices(self, choices: tuple[SchoolChoice, ...]) -> None:
        """The link schools to choose from."""
        self.choices = choices

    def set_value(self, value: str) -> None:
        """Put ``value`` in the box without opening the list."""
        with self.input.prevent(Input.Changed):
            self.input.value = value
        self._close()

    def matches(self, text: str) -> list[SchoolChoice]:
        """The schools ``text`` could mean."""
        if not text.strip() or any(text.strip() == c.label for c in self.choices):
            return []
        return [c for c in self.choices if matches_filter(text, c.name, c.code)]

    @on(Input.Changed, "#school-input")
    def _typed(self, event: Input.Changed) -> None:
        found = self.matches(event.value)
        matches = self.query_one("#school-matches", OptionList)
        matches.set_options(
            Option(Content(one_line(choice.label)), id=choice.code) for choice in found[:MAX_SHOWN]
        )
        if len(found) > MAX_SHOWN:
            more = _("… and {count} more: type more of the name").format(
                count=len(found) - MAX_SHOWN
            )
            matches.add_option(Option(Content.styled(more, "$text-muted"), disabled=True))
        matches.display = bool(found)
        matches.highlighted = 0 if found else None

    @on(Input.Submitted, "#school-input")
    def _submitted(self, event: Input.Submitted) -> None:
        found = self.matches(event.value)
        if found:
            event.stop()
            self._take(found[0])

    def action_into_list(self) -> None:
        """Move from the box into the list."""
        matches = self.query_one("#school-matches", OptionList)
        if matches.display and matches.option_count:
            matches.focus()
        else:
            self.screen.focus_next()

    @on(OptionList.OptionSelected, "#school-matches")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = next((c for c in self.choices if c.code == event.option.id), None)
        if choice is not None:
            self._take(choice)

    def _take(self, choice: SchoolChoice) -> None:
        self.set_value(choice.label)
        self.input.post_message(Input.Changed(self.input, choice.label))
        self.screen.focus_next("#visit-day")

    def _close(self) -> None:
        self.query_one("#school-matches", OptionList).display = False
