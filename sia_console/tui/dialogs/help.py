"""Help for the screen in front of the adviser: what it is for, and its keys.

``?`` or F1 opens it over any screen. The paragraph is the screen's own ``ABOUT``; the
keys are read from the bindings active on that screen at that moment (the focused
part's, the screen's, then those that work everywhere), each with its description and
what it does, so the help can never list a key that does not work there or miss one
that does. Everything is our own text, shown as :class:`Content`, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from sia_console.i18n import _

GENERAL = _(
    "sia-console keeps an adviser's calendar of visits, notes of visit and the sync "
    "bundles for the core lead, all on this computer."
)
"""What a screen without a paragraph of its own says."""


@dataclass(frozen=True)
class KeyHelp:
    """One key in the help: how it is written, its name, and what it does."""

    key: str
    name: str
    does: str
    everywhere: bool
    """Whether the key works on every screen (the app's), not only on this one."""


def keys_of(app: App[Any], screen: Screen[Any]) -> list[KeyHelp]:
    """The keys of sia-console active on ``screen`` (each of ours has an ``id``; Textual's
    own editing keys are left out), those of the screen first; keys for one action are
    shown together ("? F1")."""
    found: dict[str, KeyHelp] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.id is None or not binding.description or not active.enabled:
            continue
        shown = app.get_key_display(Binding(key, binding.action))
        known = found.get(binding.action)
        if known is not None:
            found[binding.action] = replace(known, key=f"{known.key} {shown}")
            continue
        found[binding.action] = KeyHelp(
            key=shown,
            name=binding.description,
            does=active.tooltip or binding.tooltip,
            everywhere=active.node is app,
        )
    return sorted(found.values(), key=lambda each: each.everywhere)


def about_of(screen: Screen[Any]) -> str:
    """The screen's paragraph (its ``ABOUT``), or the general one."""
    about = getattr(screen, "ABOUT", "")
    return about if isinstance(about, str) and about else GENERAL


class HelpScreen(ModalScreen[None]):
    """The help for one screen; Escape, ``?`` or F1 close it."""

    CSS_PATH = "../dialogs.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,question_mark,f1",
            "close",
            _("Close"),
            id="help.close",
            tooltip=_("Close the help and go back"),
        ),
    ]

    def __init__(self, title: str, about: str, keys: list[KeyHelp]) -> None:
        super().__init__(classes="note-dialog")
        self.heading = title
        self.about = about
        self.keys = keys

    @classmethod
    def for_screen(cls, app: App[Any], screen: Screen[Any]) -> HelpScreen:
        """The help for ``screen``, as it stands now."""
        title = screen.sub_title or screen.title or app.title
        return cls(title, about_of(screen), keys_of(app, screen))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide", id="help-box"):
            yield Static(
                Content(_("Help: {screen}").format(screen=self.heading)), classes="dialog-title"
            )
            with VerticalScroll(id="help-body"):
                yield Static(Content(self.about), classes="dialog-body")
                here = [k for k in self.keys if not k.everywhere]
                everywhere = [k for k in self.keys if k.everywhere]
                if here:
                    yield Static(Content(_("Keys on this screen")), classes="field-label")
                    yield Static(self._table(here), classes="dialog-body help-keys")
                if everywhere:
                    yield Static(Content(_("Keys everywhere")), classes="field-label")
                    yield Static(self._table(everywhere), classes="dialog-body help-keys")
            yield Static(
                Content(
                    _(
                        "Tab moves between the parts of a screen. Ctrl+P lists every "
                        "command. Escape closes this help."
                    )
                ),
                classes="page-hint",
            )

    def _table(self, keys: list[KeyHelp]) -> Content:
        width = max(len(k.key) for k in keys)
        lines = []
        for each in keys:
            line = Content.assemble(
                (each.key.ljust(width + 2), "bold $text-accent"),
                (each.name, "bold"),
                Content(f" — {each.does}" if each.does else ""),
            )
            lines.append(line)
        return Content("\n").join(lines)

    def action_close(self) -> None:
        """Go back to the screen."""
        self.dismiss(None)
