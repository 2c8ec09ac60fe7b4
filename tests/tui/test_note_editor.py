"""Writing a note as an adviser would: typing, autosave, moving, finalising, amending.

The demo year (seed 7) on Monday 23 November 2026 has five draft notes from the week
before and visits planned this week without a note; the tests pick them through the
same services the screens use.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest
from sqlmodel import select
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton, RadioSet

from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel, Role, VisitStatus
from sia_console.domain.models import Adviser, EditingState, LocalIdentity, Visit
from sia_console.services.notes.actions import add_action
from sia_console.services.notes.editing import open_or_create_note, save_section
from sia_console.services.notes.reading import NoteDetail, note_detail
from sia_console.services.notes.recovery import mark_editing
from sia_console.services.notes.risk import set_predictions, set_risk
from sia_console.services.programme.visits import list_visits
from sia_console.storage.database import Database
from sia_console.tui.app import SiaConsole
from sia_console.tui.dialogs.confirm import ConfirmDialog
from sia_console.tui.dialogs.export_dialog import ExportDialog
from sia_console.tui.launch import make_app
from sia_console.tui.notes.action_dialogs import ActionDialog, ReviewDialog
from sia_console.tui.notes.action_tables import AgreedActionTable, CarriedActionTable
from sia_console.tui.notes.dialogs import AmendmentDialog, HeadResponseDialog
from sia_console.tui.notes.editor import NoteEditorScreen
from sia_console.tui.screens.school_detail import SchoolDetailScreen
from sia_console.tui.widgets.note_text_area import NoteTextArea
from sia_console.tui.widgets.section import Section

from .conftest import TODAY
from .screen_text import screen_text

AppWith = Callable[[str], SiaConsole]


async def settle(pilot: Pilot[None]) -> None:
    """Let reads and saves finish (not tasks waiting for an answer in a dialog)."""
    for _round in range(2):
        busy = [w for w in pilot.app.workers if w.group != "note-task"]
        if busy:  # (an empty list would mean every worker)
            await pilot.app.workers.wait_for_complete(busy)
        await pilot.pause()


async def until(pilot: Pilot[None], check: Callable[[], bool], seconds: float = 5.0) -> None:
    """Wait for ``check`` to hold (a dialog to open, a task to end)."""
    for _step in range(int(seconds / 0.05)):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


def visit_ids(database: Database, *, draft: bool) -> list[str]:
    """Visits with a draft note (oldest first), or planned visits from today without one."""
    with database.session() as session:
        rows = list_visits(session)
    if draft:
        return [r.id for r in rows if r.note_status is NoteStatus.DRAFT]
    return [
        r.id
        for r in rows
        if r.note_status is None and r.status is VisitStatus.PLANNED and r.start.date() >= TODAY
    ]


def note_of(database: Database, visit_id: str) -> NoteDetail:
    with database.session() as session:
        return open_or_create_note(session, visit_id)


def texts(database: Database, visit_id: str) -> dict[str, str]:
    return {s.key: s.text for s in note_of(database, visit_id).sections}


@pytest.fixture
def editing(filled_database: Database) -> AppWith:
    """The app opened straight at a visit's note (as ``sia-console edit`` does)."""
    return lambda visit: make_app(filled_database, today=lambda: TODAY, edit_visit=visit)


def editor(app: SiaConsole) -> NoteEditorScreen:
    screen = app.screen
    assert isinstance(screen, NoteEditorScreen)
    return screen


async def test_typing_is_saved_after_a_pause(filled_database: Database, editing: AppWith) -> None:
    visit = visit_ids(filled_database, draft=False)[0]
    app = editing(visit)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = editor(app)
        assert screen.current == "who_was_met" and isinstance(app.focused, NoteTextArea)
        assert "Saved · 0 words in this section" in screen_text(app)
        await pilot.press(*"Mrs Siân Jones (headteacher), Mr Ŵ Ŷ [bold]")
        await pilot.pause(screen.pause + 0.4)
        await settle(pilot)
        assert texts(filled_database, visit)["who_was_met"] == (
            "Mrs Siân Jones (headteacher), Mr Ŵ Ŷ [bold]"
        )
        status = screen_text(app)
        assert "Saved at " in status and "8 words in this section" in status
        assert app.is_running


async def test_continuous_typing_is_saved_without_a_pause(
    filled_database: Database, editing: AppWith, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(NoteEditorScreen, "pause", 60.0)  # never a long enough pause
    monkeypatch.setattr(NoteEditorScreen, "max_wait", 0.3)
    visit = visit_ids(filled_database, draft=False)[0]
    app = editing(visit)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for word in ("Reading ", "for ", "pleasure ", "is ", "strong"):
            await pilot.press(*word)
            await pilot.pause(0.15)
        await pilot.pause(0.5)
        await settle(pilot)
        assert texts(filled_database, visit)["who_was_met"] == "Reading for pleasure is strong"


async def test_moving_to_another_section_saves_at_once(
    filled_database: Database, editing: AppWith, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(NoteEditorScreen, "pause", 60.0)
    monkeypatch.setattr(NoteEditorScreen, "max_wait", 60.0)
    visit = visit_ids(filled_database, draft=False)[0]
    app = editing(visit)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"Head and deputy")
        await pilot.press("ctrl+down")
        await settle(pilot)
        assert editor(app).current == "purpose"
        assert texts(filled_database, visit)["who_was_met"] == "Head and deputy"
        with filled_database.session() as session:
            state = session.get(EditingState, 1)
            assert state is not None and state.section_key == "purpose"
        await pilot.press("end", *" and the agenda")
        await pilot.press("escape")  # leaving the note saves it and forgets it as open
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditorScreen)
        assert texts(filled_database, visit)["purpose"].endswith(" and the agenda")
        with filled_database.session() as session:
            assert session.get(EditingState, 1) is None


async def test_quitting_saves_first(
    filled_database: Database, editing: AppWith, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(NoteEditorScreen, "pause", 60.0)
    monkeypatch.setattr(NoteEditorScreen, "max_wait", 60.0)
    visit = visit_ids(filled_database, draft=False)[1]
    app = editing(visit)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"Typed just before quitting")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert texts(filled_database, visit)["who_was_met"] == "Typed just before quitting"
    with filled_database.session() as session:
        assert session.get(EditingState, 1) is None


def make_ready(database: Database, visit: str) -> str:
    with database.session() as session:
        note = open_or_create_note(session, visit)
        for section in note.sections:
            if not section.text.strip():
                save_section(session, note.id, section.key, f"About {section.key}.")
        set_risk(session, note.id, RiskLevel.MEDIUM, "Near the floor.")
        return note.id


async def test_finalise_then_amend(filled_database: Database, editing: AppWith) -> None:
    visit = visit_ids(filled_database, draft=True)[-1]
    note_id = make_ready(filled_database, visit)
    before = texts(filled_database, visit)
    app = editing(visit)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "^s Save" in screen_text(app)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Finalise this note of visit?" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        screen = editor(app)
        assert screen.final
        assert all(area.read_only for area in screen.query(NoteTextArea))
        assert "Final: the text is locked" in screen_text(app)
        assert "^s Save" not in screen_text(app)  # nothing to save on a locked note
        await pilot.press(*"typed into a final note: d s f q")  # goes nowhere
        assert isinstance(app.screen, NoteEditorScreen) and app.is_running
        told = [n.message for n in app._notifications]
        assert any("This note is final and cannot be changed" in m for m in told)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, AmendmentDialog)
        await pilot.press(*"The Y6 figure is 62%, not 26%.", "ctrl+s")
        await settle(pilot)
        assert "Amendments 1" in screen_text(app)
        editor(app).show_page("@actions", focus=True)
        await pilot.pause()
        assert "as agreed at this visit; the note is locked." in screen_text(app)
        assert "n adds an action" not in screen_text(app)
    with filled_database.session() as session:
        detail = note_detail(session, note_id)
        visit_row = session.get(Visit, visit)
        assert visit_row is not None and visit_row.status is VisitStatus.DONE
    assert detail.status is NoteStatus.FINAL
    assert {s.key: s.text for s in detail.sections} == before
    assert [(a.section_key, a.text) for a in detail.amendments] == [
        ("who_was_met", "The Y6 figure is 62%, not 26%.")
    ]


async def test_the_heads_response_is_recorded_on_a_final_note(
    filled_database: Database, editing: AppWith
) -> None:
    visit = visit_ids(filled_database, draft=True)[-1]
    note_id = make_ready(filled_database, visit)
    app = editing(visit)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")  # a draft: not offered
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert editor(app).final
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, HeadResponseDialog)
        assert "Did the headteacher agree" in screen_text(app)
        await pilot.press("up", "up", "enter")  # from "No response yet" to "Agreed as accurate"
        await pilot.click("#confirm")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert "Headteacher: Agreed as accurate · " in screen_text(app)

        await pilot.press("ctrl+r")  # again: the list starts on the answer recorded
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, HeadResponseDialog)
        assert dialog.query_one(RadioSet)._selected == 0
        await pilot.press("down", "enter")  # "Not agreed as accurate"
        dialog.query_one("#response-comment", Input).focus()
        await pilot.press(*"Y6 data were old", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert "Headteacher: Not agreed as accurate — Y6 data were old" in screen_text(app)
    with filled_database.session() as session:
        detail = note_detail(session, note_id)
        assert detail.head_response == "inaccurate"
        assert detail.head_response_comment == "Y6 data were old"


async def test_finalise_points_out_a_combined_figure_above_a_part_and_an_early_action(
    filled_database: Database, editing: AppWith
) -> None:
    visit = visit_ids(filled_database, draft=True)[-1]
    note_id = make_ready(filled_database, visit)
    with filled_database.session() as session:
        set_predictions(session, note_id, {("Y5", "combined"): 90.0, ("Y5", "writing"): 74.0})
        day = note_detail(session, note_id).visit_start.date()
        add_action(session, note_id, "Moderate Y6 writing", "Head", day - timedelta(days=3))
    app = editing(visit)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        text = screen_text(app)
        assert isinstance(app.screen, ConfirmDialog)  # a warning, not a refusal
        assert "Finalise this note of visit?" in text
        assert "⚠ Y5: the combined prediction, 90%, is above writing at" in text
        assert "⚠ The action “Moderate Y6 writing” is due on" in text
        await pilot.press("enter")
        await settle(pilot)
        assert editor(app).final


async def test_finalise_says_what_is_missing(filled_database: Database, editing: AppWith) -> None:
    visit = visit_ids(filled_database, draft=False)[0]
    app = editing(visit)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        text = screen_text(app)
        assert "Not ready to finalise" in text
        assert "• The section “Who was met” is empty." in text
        assert "• The visit is on Tuesday 24 November 2026, after today." in text
        await pilot.press("escape")
        assert not editor(app).final
    assert note_of(filled_database, visit).status is NoteStatus.DRAFT


async def test_the_risk_judgement_and_predictions(
    filled_database: Database, editing: AppWith
) -> None:
    visit = visit_ids(filled_database, draft=False)[0]
    app = editing(visit)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = editor(app)
        screen.show_page("@risk", focus=True)
        await pilot.pause()
        radios = screen.query_one("#risk-level", RadioSet)
        radios.query(RadioButton).first().value = True  # high
        screen.query_one("#predict-Y6-combined", Input).value = "58"
        screen.query_one("#predict-Y5-maths", Input).value = "abc"
        await pilot.pause(screen.pause + 0.4)
        await settle(pilot)
        text = screen_text(app)
        assert "Y6 combined 58% is 7 points below the floor target." in text
        assert "Risk judgement high" in text
        assert "Y5 maths: abc is not a percentage from 0 to 100. It is not saved." in text
        assert "1 prediction is not a percentage and is not saved" in text
        screen.query_one("#predict-Y6-combined", Input).value = "150"  # was 58, saved
        await pilot.pause(screen.pause + 0.4)
        await settle(pilot)
        text = screen_text(app)
        assert "Y6 combined: 150 is not a percentage from 0 to 100. It is not saved." in text
        assert "2 predictions are not percentages and are not saved" in text
    risk = note_of(filled_database, visit).risk
    assert risk is not None and risk.level is RiskLevel.HIGH and risk.floor_target == 65.0
    assert [(p.cohort, p.measure, p.percent) for p in risk.predictions] == [("Y6", "combined", 58)]


async def test_a_combined_prediction_above_a_part_is_flagged_as_it_is_typed(
    filled_database: Database, editing: AppWith
) -> None:
    visit = visit_ids(filled_database, draft=False)[0]
    app = editing(visit)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = editor(app)
        screen.show_page("@risk", focus=True)
        await pilot.pause()
        screen.query_one("#predict-Y5-writing", Input).value = "74"
        screen.query_one("#predict-Y5-combined", Input).value = "90"
        await pilot.pause(screen.pause + 0.4)
        await settle(pilot)
        assert "⚠ Y5: the combined prediction, 90%, is above writing at 74%" in screen_text(app)
    risk = note_of(filled_database, visit).risk
    assert risk is not None  # a warning, not a refusal: both are saved
    assert {(p.cohort, p.measure, p.percent) for p in risk.predictions} >= {
        ("Y5", "writing", 74),
        ("Y5", "combined", 90),
    }


async def test_review_a_previous_action_and_agree_a_new_one(
    filled_database: Database, editing: AppWith
) -> None:
    visit = visit_ids(filled_database, draft=False)[0]
    app = editing(visit)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = editor(app)
        assert screen.workspace is not None and screen.workspace.carried
        first = screen.workspace.carried[0]
        screen.show_page("@reviews", focus=True)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReviewDialog)
        dialog.query(RadioButton).first().value = True  # done
        dialog.query_one("#review-comment", Input).value = "Seen in books [i]today[/i]"
        await pilot.press("tab", "enter")
        await settle(pilot)
        await until(pilot, lambda: "Seen in books [i]" in screen_text(app))  # never markup
        reviewed = screen.query_one(CarriedActionTable).records[0]
        assert (reviewed.review_status, reviewed.comment) == (
            ActionStatus.DONE,
            "Seen in books [i]today[/i]",
        )

        screen.show_page("@actions", focus=True)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ActionDialog)
        await pilot.press(*"Share the writing moderation", "tab", *"Deputy head", "tab")
        await pilot.press(*"2026-11-20", "enter")
        await settle(pilot)
        warning = "The due date, Friday 20 November 2026, is in the past."  # still saved
        await until(pilot, lambda: warning in [n.message for n in app._notifications])
        await until(pilot, lambda: "Share the writing moderation" in screen_text(app))
    note = note_of(filled_database, visit)
    assert [(r.action_id, r.status.value) for r in note.reviews] == [(first.action_id, "done")]
    assert [(a.text, a.owner, a.due) for a in note.actions] == [
        ("Share the writing moderation", "Deputy head", date(2026, 11, 20))
    ]


async def test_by_when_reads_a_date_as_people_write_it(
    filled_database: Database, editing: AppWith
) -> None:
    visit = visit_ids(filled_database, draft=False)[0]
    app = editing(visit)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = editor(app)
        screen.show_page("@actions", focus=True)
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        await pilot.press(*"Share the moderation", "tab", *"Deputy head", "tab")
        await pilot.press(*"31/02/2027", "enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "By when: 31/02/2027 is not a date that exists" in screen_text(app)
        due = dialog.query_one("#action-due", Input)
        due.value = ""
        await pilot.press(*"soonish", "enter")
        await settle(pilot)
        assert "By when: I cannot read soonish as a date" in screen_text(app)
        due.value = ""
        await pilot.press(*"29/01/2027")
        await settle(pilot)
        assert due.value == "29/01/2027"  # "/" is kept
        assert "By Friday 29 January 2027." in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        await until(pilot, lambda: "Share the moderation" in screen_text(app))
    note = note_of(filled_database, visit)
    assert [(a.text, a.due) for a in note.actions] == [("Share the moderation", date(2027, 1, 29))]


HOSTILE = "Notes [bold]not bold[/] [@click=app.quit]quit?[/ [00] \x1b[31mred\x1b[0m \x07 Dŵr"


async def test_hostile_text_is_shown_literally(filled_database: Database, editing: AppWith) -> None:
    visit = visit_ids(filled_database, draft=False)[0]
    with filled_database.session() as session:
        note = open_or_create_note(session, visit)
        save_section(session, note.id, "who_was_met", HOSTILE)
    app = editing(visit)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Notes [bold]not bold[/] [@click=app.quit]quit?[/ [00] ␛[31mred␛[0m ␇ Dŵr" in text
        assert "\x1b" not in text
        await pilot.press(*" [@click=app.quit]")
        await pilot.pause(editor(app).pause + 0.4)
        await settle(pilot)
        assert app.is_running
    assert texts(filled_database, visit)["who_was_met"] == HOSTILE + " [@click=app.quit]"


async def test_search_finds_a_note_and_opens_it_at_the_section(
    filled_database: Database, app: SiaConsole
) -> None:
    visit = visit_ids(filled_database, draft=True)[0]
    with filled_database.session() as session:
        note = open_or_create_note(session, visit)
        save_section(session, note.id, "strengths", "Excellent [b]eisteddfod[/b] in Y3 and Y4.")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"eisteddfod")
        await settle(pilot)
        text = screen_text(app)
        assert "1 match, best first." in text
        assert "Excellent [b]eisteddfod[/b] in Y3 and Y4." in text
        await pilot.press("enter", "enter")
        await settle(pilot)
        screen = editor(app)
        assert screen.current == "strengths"
        area = app.focused
        assert isinstance(area, NoteTextArea) and area.selected_text == "eisteddfod"


@pytest.mark.parametrize(
    ("word", "title", "page"),
    [
        ("zymurgy", "Floor-target risk judgement", "@risk"),
        ("xylophone", "Actions agreed", "@actions"),
    ],
)
async def test_search_opens_a_rationale_or_an_action_on_its_page(
    filled_database: Database, app: SiaConsole, word: str, title: str, page: str
) -> None:
    visit = visit_ids(filled_database, draft=True)[0]
    with filled_database.session() as session:
        note = open_or_create_note(session, visit)
        set_risk(session, note.id, RiskLevel.HIGH, "Y6 cohort: many joined late (zymurgy).")
        add_action(session, note.id, "First action, nothing to find")
        add_action(session, note.id, "Trial the xylophone scheme in Y2")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f", *word)
        await settle(pilot)
        text = screen_text(app)
        assert "1 match, best first." in text and title in text
        await pilot.press("enter", "enter")
        await settle(pilot)
        screen = editor(app)
        assert screen.current == page
        if page == "@risk":
            area = app.focused
            assert isinstance(area, NoteTextArea) and area.selected_text == word
        else:
            table = screen.query_one(AgreedActionTable)
            assert app.focused is table
            assert table.records[table.cursor_row].text == "Trial the xylophone scheme in Y2"


async def test_the_app_offers_back_a_draft_left_open(
    filled_database: Database, app: SiaConsole
) -> None:
    visit = visit_ids(filled_database, draft=True)[0]
    with filled_database.session() as session:
        note = open_or_create_note(session, visit)
        mark_editing(session, note.id, "discussion")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Reopen the draft?" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert editor(app).current == "discussion"


async def test_declining_the_offer_forgets_the_draft(
    filled_database: Database, app_for: Callable[[Database], SiaConsole]
) -> None:
    visit = visit_ids(filled_database, draft=True)[0]
    with filled_database.session() as session:
        mark_editing(session, open_or_create_note(session, visit).id, None)
    app = app_for(filled_database)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    with filled_database.session() as session:
        assert session.exec(select(EditingState)).first() is None


async def test_notes_open_from_the_dashboard_and_the_school_page(app: SiaConsole) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # the first visit of the week
        await settle(pilot)
        first = editor(app)
        assert first.workspace is not None
        school = first.workspace.note.school_code
        await pilot.press("escape")
        await settle(pilot)
        app.open_school(school)
        await settle(pilot)
        assert "Risk trend" in screen_text(app)
        notes = app.screen.query_one("#notes", Section)
        assert str(notes.border_title).startswith("Notes of visit (")
        notes.table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert editor(app).workspace.note.school_code == school  # type: ignore[union-attr]


async def test_a_burst_of_moves_ends_where_the_keys_said(
    filled_database: Database, editing: AppWith
) -> None:
    """Keys arrive in bursts from a real terminal: the list's late "highlighted" messages
    must not drag the editor back (which once made it flip between pages, saving each time)."""
    visit = visit_ids(filled_database, draft=False)[0]
    app = editing(visit)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = editor(app)
        for _move in range(3):
            screen.action_next_page()  # no pause between: as from one burst of input
        await pilot.pause(0.5)
        await settle(pilot)
        assert screen.current == screen.names[3]
        assert screen.autosaver.writer is not None and screen.autosaver.writer._sequence <= 3
        await pilot.press(*"Book look")
        await pilot.pause(screen.pause + 0.4)
        await settle(pilot)
    assert texts(filled_database, visit)[screen.names[3]].endswith("Book look")


async def test_a_megabyte_paste_with_control_characters_is_kept_exactly(
    filled_database: Database, editing: AppWith
) -> None:
    visit = visit_ids(filled_database, draft=False)[0]
    paragraph = "Dŵr, tŷ, â: [bold]\x1b[31mcoch\x1b[0m[/] [@click=app.quit]\x0b\x0c\u2028end\t.\n"
    big = paragraph * (1_000_000 // len(paragraph) + 1)
    app = editing(visit)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.focused.post_message(events.Paste(big))  # type: ignore[union-attr]
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause(0.5)
        await settle(pilot)
        assert app.is_running
    assert texts(filled_database, visit)["who_was_met"] == big


def burst(app: SiaConsole, keys: list[str]) -> None:
    """Keys as a terminal delivers them: all at once, the app not waiting between them."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def test_edits_typed_in_a_burst_keep_their_order(
    filled_database: Database, editing: AppWith
) -> None:
    visit = visit_ids(filled_database, draft=False)[0]
    app = editing(visit)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, [*" abc", "backspace", "backspace", *"de", "ctrl+down", *"next"])
        await pilot.pause(0.5)
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        await settle(pilot)
    saved = texts(filled_database, visit)
    assert saved["who_was_met"] == " ade"
    assert saved["purpose"].endswith("next")


async def test_the_note_being_typed_goes_to_word_from_the_editor(
    filled_database: Database, editing: AppWith, tmp_path: Path
) -> None:
    visit = visit_ids(filled_database, draft=False)[0]
    app = editing(visit)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press(*"Mrs Siân Jones [bold]")
        await pilot.press("ctrl+o")  # before any pause: the text is saved first
        await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        await settle(pilot)
        dialog = app.screen
        assert "1 note will be written" in screen_text(app)
        dialog.query_one("#export-folder", Input).value = str(tmp_path)
        await pilot.click("#export-go")
        await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        await settle(pilot)
    files = list(tmp_path.glob("*.docx"))
    assert len(files) == 1
    document = docx.Document(str(files[0]))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "Mrs Siân Jones [bold]" in text


async def test_another_advisers_note_opens_read_only(
    filled_database: Database, editing: AppWith
) -> None:
    """As a core lead sees an SIA's notes: readable, with nothing that could change them."""
    visit = visit_ids(filled_database, draft=True)[0]
    before = texts(filled_database, visit)
    with filled_database.session() as session:
        lead = Adviser(name="Core Lead", role=Role.CORE_LEAD)
        session.add(lead)
        session.flush()
        local = session.get(LocalIdentity, 1)
        assert local is not None
        sia = session.get(Adviser, local.adviser_id)
        assert sia is not None
        sia_name = sia.name
        local.adviser_id = lead.id
        session.add(local)
    app = editing(visit)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = editor(app)
        assert f"Read only: {sia_name}'s note of visit, from their bundle" in screen_text(app)
        await pilot.press(*"typed by the lead")
        await pilot.press("ctrl+l")  # finalise: not offered
        await pilot.press("ctrl+n")  # amend: not offered
        await pilot.pause(screen.pause + 0.4)
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        told = [n.message for n in app._notifications]
        assert any("another adviser's note of visit: it can be read" in m for m in told)
    assert texts(filled_database, visit) == before


async def test_pages_under_the_editor_are_read_again_when_it_closes(
    filled_database: Database, editing: AppWith, app: SiaConsole
) -> None:
    visit = visit_ids(filled_database, draft=True)[0]
    code = note_of(filled_database, visit).school_code
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_school(code)
        await settle(pilot)
        judgements = app.screen.query_one("#judgements", Section)
        before = len(judgements.table.records)
        app.open_note(visit)
        await settle(pilot)
        with filled_database.session() as session:  # as the editor's own saves would
            set_risk(session, note_of(filled_database, visit).id, RiskLevel.HIGH, "Falling.")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SchoolDetailScreen)
        records = app.screen.query_one("#judgements", Section).table.records
        assert len(records) >= before and records[0].level is RiskLevel.HIGH
        assert "Latest: high" in screen_text(app)
