"""The editor's autosaver without a screen: what it saves, when, and what it says after.

The screen's part is played by plain functions: a dictionary of fields to read, a
``start`` that runs each save's job at once (or holds it, to see saves overlap) and a
``report`` that collects the outcomes. The writer is the real one, on the demo year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import pytest

from sia_console.domain.enums import NoteStatus
from sia_console.domain.models import EditingState
from sia_console.services.errors import NoteIsFinal
from sia_console.services.notes.editing import open_or_create_note
from sia_console.services.notes.reading import note_detail
from sia_console.services.notes.recovery import mark_editing
from sia_console.services.programme.visits import list_visits
from sia_console.storage.database import Database
from sia_console.tui.notes.autosave import Autosaver
from sia_console.tui.notes.drafts import (
    Change,
    DraftWriter,
    SaveOutcome,
    SectionText,
    WhereEditing,
)


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Job:
    """A save handed to ``start``: run at once, or held until the test runs it."""

    run: Callable[[], None]
    name: str
    is_finished: bool = False

    def finish(self) -> None:
        self.run()
        self.is_finished = True

    async def wait(self) -> None:
        if not self.is_finished:
            self.finish()


@dataclass
class Screen:
    """What the editor gives its autosaver: fields to read, a worker, a mailbox."""

    texts: dict[str, str] = field(default_factory=dict)
    where: str | None = None
    hold: bool = False
    jobs: list[Job] = field(default_factory=list)
    reports: list[tuple[SaveOutcome, frozenset[str]]] = field(default_factory=list)

    def read(self, name: str) -> Change | None:
        if name.startswith("section:"):
            key = name.removeprefix("section:")
            return SectionText(key, self.texts[key])
        if name == "editing":
            return WhereEditing(self.where)
        return None

    def start(self, run: Callable[[], None], name: str) -> Job:
        job = Job(run, name)
        self.jobs.append(job)
        if not self.hold:
            job.finish()
        return job

    def report(self, outcome: SaveOutcome, fields: frozenset[str]) -> None:
        self.reports.append((outcome, fields))

    def autosaver(self, clock: Clock | None = None) -> Autosaver:
        return Autosaver(
            self.read,
            self.start,  # type: ignore[arg-type]
            self.report,
            pause=0.6,
            max_wait=1.0,
            clock=clock or Clock(),
        )


def a_draft(database: Database) -> str:
    with database.session() as session:
        visit = next(r.id for r in list_visits(session) if r.note_status is NoteStatus.DRAFT)
        return open_or_create_note(session, visit).id


def stored(database: Database, note_id: str) -> dict[str, str]:
    with database.session() as session:
        return {s.key: s.text for s in note_detail(session, note_id).sections}


def editing_state(database: Database) -> EditingState | None:
    with database.session() as session:
        return session.get(EditingState, 1)


@pytest.fixture
def note_id(filled_database: Database) -> str:
    return a_draft(filled_database)


def test_nothing_is_saved_before_the_note_is_read(filled_database: Database) -> None:
    screen = Screen(texts={"strengths": "Early"})
    autosaver = screen.autosaver()
    assert autosaver.changed("section:strengths")
    assert autosaver.save(force=True) is None and screen.jobs == []
    assert autosaver.dirty


def test_a_save_is_due_after_a_pause_or_the_longest_wait(
    filled_database: Database, note_id: str
) -> None:
    clock = Clock()
    screen = Screen(texts={"strengths": "Reading"})
    autosaver = screen.autosaver(clock)
    autosaver.begin(DraftWriter(filled_database, note_id))
    assert autosaver.changed("section:strengths")  # the first unsaved change
    assert not autosaver.changed("section:strengths")
    clock.now = 0.5
    autosaver.tick()
    assert screen.jobs == []  # typing goes on: not yet
    clock.now = 0.9
    autosaver.changed("section:strengths")
    clock.now = 1.0
    autosaver.tick()  # never a pause, but a second since the first change
    assert len(screen.jobs) == 1 and not autosaver.dirty
    assert stored(filled_database, note_id)["strengths"] == "Reading"
    outcome, fields = screen.reports[0]
    assert fields == {"section:strengths"} and outcome.words == {"strengths": 1}


def test_what_is_saved_is_read_when_the_save_starts(
    filled_database: Database, note_id: str
) -> None:
    screen = Screen(texts={"strengths": "Read"})
    autosaver = screen.autosaver()
    autosaver.begin(DraftWriter(filled_database, note_id))
    autosaver.changed("section:strengths")
    screen.texts["strengths"] = "Reading for pleasure"  # typed on before the save
    autosaver.save()
    assert stored(filled_database, note_id)["strengths"] == "Reading for pleasure"


def test_a_routine_save_waits_for_a_running_one_and_a_forced_one_does_not(
    filled_database: Database, note_id: str
) -> None:
    screen = Screen(texts={"strengths": "One"}, hold=True)
    autosaver = screen.autosaver()
    autosaver.begin(DraftWriter(filled_database, note_id))
    autosaver.changed("section:strengths")
    first = autosaver.save()
    assert first is not None and autosaver.saving == 1
    screen.texts.update(strengths="One more", areas_for_development="Two")
    autosaver.changed("section:strengths")
    autosaver.changed("section:areas_for_development")
    assert autosaver.save() is None and autosaver.dirty  # waits for the next tick
    forced = autosaver.save(force=True)
    assert forced is not None and autosaver.saving == 2
    for job in reversed(screen.jobs):  # the newer save written first: the older one,
        job.finish()  # written after it, must not put back the older text
    for outcome, fields in screen.reports:
        autosaver.finished(outcome, fields)
    assert autosaver.saving == 0 and autosaver.error is None
    assert isinstance(autosaver.last_saved, datetime)
    saved = stored(filled_database, note_id)
    assert (saved["strengths"], saved["areas_for_development"]) == ("One more", "Two")


def test_a_failed_save_is_tried_again_and_a_final_note_stops_saving(
    filled_database: Database, note_id: str
) -> None:
    screen = Screen(texts={"strengths": "x"})
    autosaver = screen.autosaver()
    autosaver.begin(DraftWriter(filled_database, note_id))
    failed = SaveOutcome(1, datetime(2026, 11, 23, 10, 0), False, error=OSError("disk full"))
    autosaver.saving = 1
    autosaver.finished(failed, frozenset({"section:strengths"}))
    assert isinstance(autosaver.error, OSError) and autosaver.dirty
    refused = SaveOutcome(2, datetime(2026, 11, 23, 10, 0), False, error=NoteIsFinal("final"))
    autosaver.finished(refused, frozenset({"section:strengths"}))
    assert autosaver.locked
    assert autosaver.save(force=True) is None and screen.jobs == []


def test_closing_saves_everything_once_and_forgets_the_draft_as_open(
    filled_database: Database, note_id: str
) -> None:
    with filled_database.session() as session:
        mark_editing(session, note_id, "strengths")
    screen = Screen(texts={"strengths": "Left with Escape"})
    autosaver = screen.autosaver()
    autosaver.begin(DraftWriter(filled_database, note_id))
    autosaver.changed("section:strengths")
    assert autosaver.close() is not None
    assert autosaver.close() is None  # once
    assert stored(filled_database, note_id)["strengths"] == "Left with Escape"
    assert editing_state(filled_database) is None
    autosaver.close_now()  # the screen taken down afterwards: nothing more to write
    assert len(screen.jobs) == 1


def test_the_screen_taken_down_without_asking_saves_at_once(
    filled_database: Database, note_id: str
) -> None:
    with filled_database.session() as session:
        mark_editing(session, note_id, "strengths")
    screen = Screen(texts={"strengths": "The app closed under me"}, hold=True)
    autosaver = screen.autosaver()
    autosaver.begin(DraftWriter(filled_database, note_id))
    autosaver.changed("section:strengths")
    autosaver.close_now()  # synchronous: no worker
    assert screen.jobs == []
    assert stored(filled_database, note_id)["strengths"] == "The app closed under me"
    assert editing_state(filled_database) is None


async def test_settled_waits_for_every_save_still_running(
    filled_database: Database, note_id: str
) -> None:
    screen = Screen(texts={"strengths": "Before finalising"}, hold=True)
    autosaver = screen.autosaver()
    autosaver.begin(DraftWriter(filled_database, note_id))
    autosaver.changed("section:strengths")
    await autosaver.settled()
    assert all(job.is_finished for job in screen.jobs) and len(screen.jobs) == 1
    assert stored(filled_database, note_id)["strengths"] == "Before finalising"


def test_the_last_save_holds_text_that_arrived_after_closing(
    filled_database: Database, note_id: str
) -> None:
    screen = Screen(texts={"strengths": "", "discussion": "As read"})
    autosaver = screen.autosaver()
    fields = ["section:strengths", "section:discussion"]
    autosaver.begin(DraftWriter(filled_database, note_id), fields)
    autosaver.close()  # the quit's save: nothing typed yet, as far as it knows
    screen.texts["strengths"] = "Keys that were still on their way"  # never said changed
    autosaver.close_now(fields)
    saved = stored(filled_database, note_id)
    assert saved["strengths"] == "Keys that were still on their way"
    assert editing_state(filled_database) is None
    assert autosaver.writer is not None
    written = autosaver.writer._sequence
    autosaver.close_now(fields)  # nothing new since: nothing is written
    assert autosaver.writer._sequence == written
