"""Writing a draft's changes: what a save carries, and saving in order from any thread.

The promise to the adviser is that a crash or a dead battery loses at most two seconds
of typing, and that typing never waits for the disk. :class:`DraftWriter` writes each
save in a worker thread, one transaction per save (SQLite in WAL mode with
``synchronous=FULL``: committed means on disk). Every save carries the whole text of
what changed and a sequence number; saves are serialised by a lock, and a save older
than one already written for the same field is skipped, so a slow save can never
overwrite a newer one. When to save is :mod:`sia_console.tui.notes.autosave`'s.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sia_console.domain.enums import RiskLevel
from sia_console.services.notes.editing import save_section
from sia_console.services.notes.recovery import clear_editing, mark_editing
from sia_console.services.notes.risk import set_predictions, set_risk
from sia_console.storage.database import Database


@dataclass(frozen=True)
class SectionText:
    """The whole text of one section."""

    key: str
    text: str

    @property
    def field(self) -> str:
        return f"section:{self.key}"


@dataclass(frozen=True)
class RiskChoice:
    """The risk level and the rationale, saved together."""

    level: RiskLevel | None
    rationale: str
    field: str = "risk"


@dataclass(frozen=True)
class Predictions:
    """Every prediction typed so far, by (cohort, measure); ``None`` for an empty box."""

    values: dict[tuple[str, str], float | None]
    field: str = "predictions"


@dataclass(frozen=True)
class WhereEditing:
    """Which section the adviser is in (``closing``: the editor is being left)."""

    section_key: str | None
    closing: bool = False
    field: str = "editing"


Change = SectionText | RiskChoice | Predictions | WhereEditing


@dataclass(frozen=True)
class SaveOutcome:
    """What one save did."""

    sequence: int
    at: datetime
    """Local wall-clock time the transaction committed."""
    changed: bool
    words: dict[str, int] = field(default_factory=dict)
    """Word counts of the sections saved, by key."""
    error: BaseException | None = None


def word_count(text: str) -> int:
    """Words as an adviser counts them: runs of non-space characters."""
    return len(text.split())


class DraftWriter:
    """Writes the changes of one note, in order, from any thread."""

    def __init__(self, database: Database, note_id: str) -> None:
        self.database = database
        self.note_id = note_id
        self._lock = threading.Lock()
        self._sequence = 0
        self._written: dict[str, int] = {}

    def next_sequence(self) -> int:
        """A number for the next save (called on the UI thread)."""
        self._sequence += 1
        return self._sequence

    def write(self, changes: Sequence[Change], sequence: int) -> SaveOutcome:
        """Save ``changes`` in one transaction; never raises (the outcome says why not)."""
        with self._lock:
            fresh = [c for c in changes if self._written.get(c.field, 0) < sequence]
            try:
                changed = self._apply(fresh) if fresh else False
            except Exception as error:  # reported on the status line, saved again later
                return SaveOutcome(sequence, datetime.now(), False, error=error)
            for change in fresh:
                self._written[change.field] = sequence
        words = {c.key: word_count(c.text) for c in fresh if isinstance(c, SectionText)}
        return SaveOutcome(sequence, datetime.now(), changed, words)

    def _apply(self, changes: Sequence[Change]) -> bool:
        changed = False
        with self.database.session() as session:
            for change in changes:
                if isinstance(change, SectionText):
                    changed |= save_section(session, self.note_id, change.key, change.text)
                elif isinstance(change, RiskChoice):
                    set_risk(session, self.note_id, change.level, change.rationale)
                elif isinstance(change, Predictions):
                    set_predictions(session, self.note_id, change.values)
                elif change.closing:
                    clear_editing(session, self.note_id)
                else:
                    mark_editing(session, self.note_id, change.section_key)
        return changed
