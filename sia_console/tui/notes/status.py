"""The note editor's status line: whose note and whether it can change, whether what was
typed is saved (and when, or why not), predictions that cannot be saved, and the words;
and the notice for keys typed into a note that cannot change.

Built from plain values, so the line says the same whichever of the editor's events asks
for it (a save reported, a prediction typed, a move to another section).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from textual.content import Content

from sia_console.i18n import _, language, ngettext
from sia_console.services.notes.workspace import NoteWorkspace
from sia_console.tui.notes.pages import words_line


def status_line(
    workspace: NoteWorkspace,
    *,
    final: bool,
    problem: str | None,
    last_saved: datetime | None,
    unsaved_predictions: int,
    words: Mapping[str, int],
    current: str | None,
) -> Content:
    """``Saved at 10:30:00 · 120 words in this section · 1,450 words in the note``.

    ``problem``: why the last save failed (it is tried again); ``unsaved_predictions``:
    how many predictions typed are not percentages (and so not saved).
    """
    parts: list[Content] = []
    if workspace.owner is not None:
        parts.append(
            Content(
                _("Read only: {name}'s note of visit, from their bundle").format(
                    name=workspace.owner
                )
            )
        )
    elif final:
        parts.append(Content(_("Final: the text is locked; Ctrl+N adds a dated amendment")))
    elif problem is not None:
        parts.append(
            Content.styled(
                _("Not saved: {reason} Trying again…").format(reason=problem),
                "bold $text-error",
            )
        )
    elif last_saved is not None:
        parts.append(
            Content.styled(
                _("Saved at {time}").format(time=last_saved.strftime("%H:%M:%S")),
                "$text-success",
            )
        )
    else:
        parts.append(Content.styled(_("Saved"), "$text-success"))
    if unsaved_predictions and not final:
        parts.append(
            Content.styled(
                ngettext(
                    "{count} prediction is not a percentage and is not saved",
                    "{count} predictions are not percentages and are not saved",
                    unsaved_predictions,
                ).format(count=unsaved_predictions),
                "bold $text-error",
            )
        )
    parts.append(words_line(words, current))
    return Content(" · ").join(parts)


def read_only_notice(workspace: NoteWorkspace | None) -> str:
    """What to say when keys are typed into a note that cannot change."""
    if workspace is None or workspace.owner is None:
        return _("This note is final and cannot be changed; Ctrl+N adds a dated amendment.")
    return _("This is another adviser's note of visit: it can be read, not changed.")


def template_notices(workspace: NoteWorkspace) -> list[str]:
    """What to say once when a note opens: an authority's template that is not used, and,
    in Welsh, the section titles its template gives only in English (not one per section)."""
    said = list(workspace.template_problems)
    if language() == "cy":
        missing = workspace.note.titles_without_welsh
        if missing:
            said.append(
                ngettext(
                    "The template of this note has no Welsh title for {count} section; "
                    "it is shown in English.",
                    "The template of this note has no Welsh titles for {count} sections; "
                    "they are shown in English.",
                    len(missing),
                ).format(count=len(missing))
            )
    return said
