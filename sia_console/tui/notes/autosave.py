"""Autosave for the note editor: when to save, and writing saves in order off the UI thread.

The promise to the adviser is that a crash or a dead battery loses at most two seconds
of typing, and that typing never waits for the disk. So:

* :class:`AutosavePolicy` says a save is due :data:`PAUSE` seconds after the last
  change, and in any case :data:`MAX_WAIT` seconds after the first unsaved one (a fast
  typist who never pauses is still saved every second or so); the screen also saves at
  once when the adviser moves to another section or screen;
* :class:`DraftWriter` writes each save in a worker thread, one transaction per save
  (SQLite in WAL mode with ``synchronous=FULL``: committed means on disk). Every save
  carries the whole text of what changed and a sequence number; saves are serialised
  by a lock, and a save older than one already written for the same field is skipped,
  so a slow save can never overwrite a newer one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sia_console.domain.enums import RiskLevel
from sia_console.services.notes.editing import save_section
from sia_console.services.notes.recovery import clear_editing, mark_editing
from sia_console.services.notes.risk import set_predictions, set_risk
from sia_console.storage.database import Database

PAUSE = 0.6
"""Seconds of quiet after which what was typed is saved."""
MAX_WAIT = 1.0
"""Seconds after the first unsaved change by which a save starts, pause or not."""
TICK = 0.2
"""How often the screen asks the policy whether a save is due."""


class AutosavePolicy:
    """Which fields have unsaved changes, and whether it is time to save them."""

    def __init__(
        self,
        pause: float = PAUSE,
        max_wait: float = MAX_WAIT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.pause = pause
        self.max_wait = max_wait
        self.clock = clock
        self._first: float | None = None
        self._last: float | None = None
        self.dirty: set[str] = set()
        """Fields changed since they were last handed to a save."""

    def touch(self, name: str) -> None:
        """Note a change to the field ``name``."""
        now = self.clock()
        if self._first is None:
            self._first = now
        self._last = now
        self.dirty.add(name)

    def due(self) -> bool:
        """True when there are changes and the pause or the longest wait has passed."""
        if not self.dirty or self._first is None or self._last is None:
            return False
        now = self.clock()
        return now - self._last >= self.pause or now - self._first >= self.max_wait

    def take(self) -> set[str]:
        """The changed fields, handed to a save; the policy starts afresh."""
        taken, self.dirty = self.dirty, set()
        self._first = self._last = None
        return taken


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
