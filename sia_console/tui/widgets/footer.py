"""The footer of key hints, rebuilt only when the keys it would show have changed.

Textual's :class:`~textual.widgets.Footer` removes and remounts every key on each
"bindings updated" signal, and moving the focus sends two of them (most change nothing).
That work showed in the first screen's start-up time, so this footer first compares what
it would show with what it shows. A screen whose keys depend on its first data (which list
is focused, whether it has rows) can also hold its footer until that data is shown, so
that the keys are built once rather than before and again after.

The keys are packed closer (compact) on a narrow terminal, and on a wide one whose keys
would not fit spaced out (Welsh words run longer): the last key is never pushed off.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.cells import cell_len
from textual import events
from textual.screen import Screen
from textual.widgets import Footer

COMPACT_BELOW = 120
"""Terminals narrower than this get the compact footer (less space between keys)."""

SPACED_KEY = 3
"""Cells a key takes beside its key and description, spaced out (a space each side and
one between); the command palette's key takes one more (its rule)."""

HOLD_AT_MOST = 1.0
"""Seconds a held footer waits for its screen's data before showing the keys anyway."""


class KeyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that skips rebuilds which would change nothing,
    and packs its keys closer on narrow terminals so that more of them are seen."""

    # Compact, Textual gives every key a right margin, the command palette's too: docked
    # right, it then left the last cell to whichever key had scrolled under it.
    DEFAULT_CSS = """
    KeyFooter.-compact FooterKey.-command-palette {
        margin-right: 0;
        padding-right: 1;
    }
    """

    def __init__(self, *, held: bool = False) -> None:
        super().__init__()
        self._shown: tuple[Hashable, ...] | None = None
        """What the keys looked like at the last rebuild."""
        self._held = held
        """Whether the keys wait for :meth:`release` (or :data:`HOLD_AT_MOST`)."""

    def on_mount(self) -> None:
        if self._held:
            self.set_timer(HOLD_AT_MOST, self.release)

    def release(self) -> None:
        """Show the keys now (a held footer's screen calls this once its data is shown)."""
        if self._held:
            self._held = False
            if self.is_attached:  # (in the footer's own turn: its keys bind to it)
                self.call_later(self.bindings_changed, self.screen)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._held:
            return
        if screen is self.screen and self.is_attached and screen.app.app_focus:
            shown = tuple(
                (key, binding.action, binding.description, binding.show, enabled, tooltip)
                for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
            )
            if shown == self._shown:
                return
            self._shown = shown
            self._fit(screen)
        super().bindings_changed(screen)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(self.screen)

    def _fit(self, screen: Screen[object]) -> None:
        width = self.app.size.width
        self.compact = width < COMPACT_BELOW or self._spaced_width(screen) > width

    def _spaced_width(self, screen: Screen[object]) -> int:
        """The cells the keys of ``screen`` take spaced out."""
        total = 0
        actions: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for key, (_node, binding, _enabled, _tooltip) in screen.active_bindings.items():
            shown = binding.show and binding.action not in actions
            if shown or key == palette:
                actions.add(binding.action)
                label = cell_len(self.app.get_key_display(binding) + binding.description)
                total += label + SPACED_KEY + (key == palette)
        return total
