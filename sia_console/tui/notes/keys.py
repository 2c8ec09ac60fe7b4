"""The note editor's keys: saving, moving between sections, finalising, amending, Word.

Most are priority bindings, checked as each key arrives rather than after the focused
text area has had it: text typed just after a move then goes to the section moved to
(see ``widgets.ordered_keys``), and Ctrl+S or Ctrl+O work whatever has the focus. Which
are offered on a note depends on it (``NoteEditorScreen.check_action``).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from sia_console.domain.enums import NoteStatus
from sia_console.i18n import _
from sia_console.services.notes.workspace import NoteWorkspace
from sia_console.tui.widgets.ordered_keys import FOCUS_KEYS

EDITOR_KEYS: list[BindingType] = [
    *FOCUS_KEYS,
    Binding("escape", "back", _("Back"), id="note.back", tooltip=_("Save and go back")),
    Binding("ctrl+s", "save_now", _("Save"), id="note.save", tooltip=_("Save now"), priority=True),
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
"""The editor's bindings, in the order the footer shows them."""


def offered(action: str, workspace: NoteWorkspace | None, *, final: bool) -> bool:
    """Whether the editor offers ``action`` on this note: saving and finalising only on a
    draft; amending and the head's response only on a final note of our own."""
    if action in ("finalise", "save_now"):
        return workspace is not None and not final
    if action in ("amend", "respond"):
        return (
            workspace is not None
            and workspace.owner is None
            and workspace.note.status is NoteStatus.FINAL
        )
    return True
