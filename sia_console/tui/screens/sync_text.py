"""The Sync screen's sentences about the state read: conflicts waiting, and what the next
bundle will carry (or why none can be exported yet).

Kept apart from ``sync`` so that the screen module holds only the screen's wiring.
"""

from __future__ import annotations

from textual.content import Content

from sia_console.i18n import _, ngettext
from sia_console.services.sync.history import ExportPreview
from sia_console.tui.widgets.sync_tables import kind_count


def headline(conflicts: int) -> Content:
    """How many conflicts wait for a choice."""
    if not conflicts:
        return Content(_("No conflicts wait for a choice."))
    return Content.styled(
        ngettext(
            "{count} conflict waits for you to compare and choose.",
            "{count} conflicts wait for you to compare and choose.",
            conflicts,
        ).format(count=conflicts),
        "$text-warning",
    )


def preview(state: ExportPreview | None, no_recipient: str | None) -> Content:
    """What the next bundle will carry; ``state`` is ``None`` without an identity, and
    ``no_recipient`` says why nothing can be exported yet (nobody trusted to receive it)."""
    lines = [_carried(state)]
    if state is not None and state.drafts:
        lines.append(
            Content.styled(
                ngettext(
                    "{count} note of visit in it is still a draft and goes as a draft.",
                    "{count} notes of visit in it are still drafts and go as drafts.",
                    state.drafts,
                ).format(count=state.drafts),
                "$text-warning",
            )
        )
    if no_recipient is not None:
        lines.append(Content.styled(no_recipient, "$text-warning"))
        lines.append(
            Content(
                _("In the app: Ctrl+P, then “Write my identity card” and “Trust an identity card”.")
            )
        )
    return Content("\n").join(lines)


def _carried(state: ExportPreview | None) -> Content:
    if state is None:
        return Content(_("No identity yet: run sia-console init before exporting."))
    if not state.total:
        return Content(_("Nothing has changed since the last export."))
    kinds = ", ".join(kind_count(table, count) for table, count in state.counts.items())
    return Content(
        ngettext(
            "The next bundle will carry {count} record: {kinds}.",
            "The next bundle will carry {count} records: {kinds}.",
            state.total,
        ).format(count=state.total, kinds=kinds)
    )
