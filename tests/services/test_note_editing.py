"""Writing a note of visit: start, save (idempotent, literal), finalise, amend, templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from sia_console.domain.enums import HeadResponse, NoteStatus, RiskLevel, Role, VisitStatus
from sia_console.domain.models import (
    Adviser,
    Amendment,
    LocalIdentity,
    NoteOfVisit,
    NoteSection,
    Visit,
)
from sia_console.services.errors import InvalidInput, NoteIsFinal, NotFound, NotYours
from sia_console.services.notes.editing import (
    add_amendment,
    finalise_note,
    finalise_problems,
    open_or_create_note,
    resolve_visit,
    save_section,
    set_head_response,
)
from sia_console.services.notes.reading import note_detail
from sia_console.services.notes.recovery import clear_editing, interrupted_draft, mark_editing
from sia_console.services.notes.risk import set_risk
from sia_console.services.notes.templates import user_templates_dir
from sia_console.services.notes.workspace import open_workspace
from sia_console.storage.database import Database
from tests.services.note_helpers import TODAY, make_year, ready_note


def _section(session: Session, note_id: str, key: str) -> NoteSection:
    row = session.exec(
        select(NoteSection).where(NoteSection.note_id == note_id, NoteSection.key == key)
    ).one()
    return row


def test_a_new_note_is_a_draft_with_the_template_sections(session: Session) -> None:
    year = make_year(session)
    note = open_or_create_note(session, year.september.id)
    assert note.status is NoteStatus.DRAFT
    keys = [s.key for s in note.sections]
    assert keys[0] == "who_was_met" and "data_hypotheses" in keys  # visit 1 of the year
    texts = {s.key: s.text for s in note.sections}
    assert texts["purpose"] == "Visit 1: data hypotheses"  # what the calendar already knows
    assert texts["next_visit"].startswith("Monday 23 November 2026 at 09:30: Visit 2")
    again = open_or_create_note(session, year.september.id[:8])  # a prefix finds it too
    assert again.id == note.id
    later = open_or_create_note(session, year.november.id)
    assert "data_hypotheses" not in [s.key for s in later.sections]


def test_unknown_visits_are_refused(session: Session) -> None:
    with pytest.raises(NotFound, match="There is no visit with id nope"):
        open_or_create_note(session, "nope")
    with pytest.raises(NotFound):
        resolve_visit(session, "")


def test_saving_the_same_text_does_not_make_a_new_version(session: Session) -> None:
    year = make_year(session)
    note = open_or_create_note(session, year.november.id)
    assert save_section(session, note.id, "discussion", "Work scrutiny in Y6.")
    session.flush()
    first = _section(session, note.id, "discussion").hlc
    assert not save_section(session, note.id, "discussion", "Work scrutiny in Y6.")
    session.flush()
    assert _section(session, note.id, "discussion").hlc == first
    assert save_section(session, note.id, "discussion", "Work scrutiny in Y6 and Y5.")
    session.flush()
    assert _section(session, note.id, "discussion").hlc > first


def test_a_section_missing_from_the_note_is_added_and_unknown_ones_refused(
    session: Session,
) -> None:
    year = make_year(session)
    note = open_or_create_note(session, year.november.id)
    session.delete(_section(session, note.id, "strengths"))
    session.flush()
    assert save_section(session, note.id, "strengths", "Oracy.")
    assert _section(session, note.id, "strengths").text == "Oracy."
    with pytest.raises(InvalidInput, match="no section called nonsense"):
        save_section(session, note.id, "nonsense", "x")


HOSTILE = "[bold]Dŵr[/] [@click=app.quit]q[/ [00] \x1b[31mred\x1b[0m \x00\x07\r\n\x0b\u2028ŷ"


def test_text_is_stored_literally(database: Database) -> None:
    with database.session() as session:
        year = make_year(session)
        note_id = open_or_create_note(session, year.november.id).id
        save_section(session, note_id, "discussion", HOSTILE)
    with database.session() as session:
        texts = {s.key: s.text for s in note_detail(session, note_id).sections}
    assert texts["discussion"] == HOSTILE


@pytest.fixture(scope="module")
def shared_database() -> Database:
    from sia_console.storage.database import open_database

    return open_database(None)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=400))
def test_any_text_round_trips_through_save_and_load(shared_database: Database, text: str) -> None:
    database = shared_database
    with database.session() as session:
        visit = session.exec(select(Visit)).first()
        if visit is None:
            visit = make_year(session).november
        note_id = open_or_create_note(session, visit.id).id
        save_section(session, note_id, "discussion", text)
    with database.session() as session:
        texts = {s.key: s.text for s in note_detail(session, note_id).sections}
    assert texts["discussion"] == text


def test_a_megabyte_section_is_saved(session: Session) -> None:
    year = make_year(session)
    note = open_or_create_note(session, year.november.id)
    big = ("Ysgol y Graig: Dŵr, tŷ, â. " * 40 + "\n") * 1000
    assert len(big) > 1_000_000
    assert save_section(session, note.id, "discussion", big)
    assert _section(session, note.id, "discussion").text == big


def test_finalise_lists_what_is_missing(session: Session) -> None:
    year = make_year(session)
    note = open_or_create_note(session, year.november.id)
    problems = finalise_problems(session, note.id, TODAY)
    assert "The section “Who was met” is empty." in problems
    assert "The section “Discussion and evidence” is empty." in problems
    assert "The section “Purpose and focus of the visit” is empty." not in problems
    assert "No floor-target risk judgement (high, medium or low) is recorded." in problems
    with pytest.raises(InvalidInput) as refused:
        finalise_note(session, note.id, TODAY)
    assert refused.value.problems == problems
    assert note_detail(session, note.id).status is NoteStatus.DRAFT


def test_a_future_or_cancelled_visit_is_not_finalised(session: Session) -> None:
    year = make_year(session)
    note_id = ready_note(session, year.january)
    assert finalise_problems(session, note_id, TODAY) == [
        "The visit is on Monday 18 January 2027, after today."
    ]
    year.november.status = VisitStatus.CANCELLED
    session.add(year.november)
    other = ready_note(session, year.november)
    assert "cancelled" in finalise_problems(session, other, TODAY)[0]


def test_finalise_locks_the_note_and_marks_the_visit_done(session: Session) -> None:
    year = make_year(session)
    note_id = ready_note(session, year.november)
    mark_editing(session, note_id, "discussion")
    detail = finalise_note(session, note_id, TODAY)
    assert detail.status is NoteStatus.FINAL and detail.finalised_at is not None
    assert session.get(Visit, year.november.id).status is VisitStatus.DONE  # type: ignore[union-attr]
    assert interrupted_draft(session) is None  # finalised: nothing to offer back
    with pytest.raises(NoteIsFinal, match="finalised on"):
        finalise_note(session, note_id, TODAY)


def test_amendments_are_dated_and_keep_the_original(session: Session) -> None:
    year = make_year(session)
    note_id = ready_note(session, year.november)
    with pytest.raises(InvalidInput, match="still a draft"):
        add_amendment(session, note_id, None, "Too early.")
    finalise_note(session, note_id, TODAY)
    original = {s.key: s.text for s in note_detail(session, note_id).sections}
    added = add_amendment(session, note_id, "discussion", "The Y6 figure was 62%, not 26%.")
    assert added.made_at.tzinfo is not None
    add_amendment(session, note_id, None, "Distributed to the chair of governors.")
    with pytest.raises(InvalidInput, match="empty"):
        add_amendment(session, note_id, None, "   ")
    with pytest.raises(InvalidInput, match="no section called"):
        add_amendment(session, note_id, "nonsense", "x")
    detail = note_detail(session, note_id)
    assert {s.key: s.text for s in detail.sections} == original
    assert [(a.section_key, a.text) for a in detail.amendments] == [
        ("discussion", "The Y6 figure was 62%, not 26%."),
        (None, "Distributed to the chair of governors."),
    ]
    assert len(session.exec(select(Amendment)).all()) == 2


def test_the_heads_response_is_recorded_on_a_final_note(session: Session) -> None:
    year = make_year(session)
    note_id = ready_note(session, year.november)
    with pytest.raises(InvalidInput, match="still a draft"):
        set_head_response(session, note_id, HeadResponse.ACCURATE)
    assert note_detail(session, note_id).head_response is None
    finalise_note(session, note_id, TODAY)
    original = {s.key: s.text for s in note_detail(session, note_id).sections}
    set_head_response(session, note_id, HeadResponse.INACCURATE)
    assert note_detail(session, note_id).head_response == "inaccurate"
    set_head_response(session, note_id, None)
    detail = note_detail(session, note_id)
    assert detail.head_response is None and detail.status is NoteStatus.FINAL
    assert {s.key: s.text for s in detail.sections} == original


def test_the_open_draft_is_remembered_until_left(session: Session) -> None:
    year = make_year(session)
    note = open_or_create_note(session, year.november.id)
    assert interrupted_draft(session) is None
    mark_editing(session, note.id, "strengths")
    found = interrupted_draft(session)
    assert found is not None
    assert (found.note_id, found.section_key, found.school_name) == (
        note.id,
        "strengths",
        "Ysgol y Graig",
    )
    clear_editing(session, "another-note")
    assert interrupted_draft(session) is not None
    clear_editing(session, note.id)
    assert interrupted_draft(session) is None


def test_the_template_is_chosen_by_the_visit_purpose(session: Session) -> None:
    year = make_year(session)
    year.january.purpose = "Review of the support plan (school causing concern)"
    session.add(year.january)
    note = open_or_create_note(session, year.january.id)
    assert session.get(NoteOfVisit, note.id).template == "support-plan-review"  # type: ignore[union-attr]
    assert "plan_progress" in [s.key for s in note.sections]
    problems = finalise_problems(session, note.id, year.january.start.date())
    assert "The section “Progress against the support plan” is empty." in problems


def test_an_authority_template_in_the_config_folder_wins(session: Session) -> None:
    folder = user_templates_dir()
    folder.mkdir(parents=True)
    assert str(folder).startswith(str(Path.home()))  # the tests' own home
    (folder / "moderation.toml").write_text(
        'name = "moderation"\nmatch_purpose = ["moderation"]\n'
        '[[section]]\nkey = "who_was_met"\n'
        '[[section]]\nkey = "samples"\ntitle = "Samples moderated"\nrequired = true\n',
        encoding="utf-8",
    )
    (folder / "broken.toml").write_text("this is [ not toml", encoding="utf-8")
    year = make_year(session)
    year.january.purpose = "Visit 6: Moderation of the self-evaluation"
    session.add(year.january)
    note = open_or_create_note(session, year.january.id)
    assert [(s.key, s.title) for s in note.sections] == [
        ("who_was_met", "Who was met"),
        ("samples", "Samples moderated"),
    ]


def test_another_advisers_note_can_be_read_but_never_changed(session: Session) -> None:
    """A core lead holds the notes of every SIA (from their bundles): read only, by any path."""
    year = make_year(session)
    sia = Adviser(name="Siân Llŷr")
    lead = Adviser(name="Core Lead", role=Role.CORE_LEAD)
    session.add_all([sia, lead])
    session.flush()
    for visit in (year.september, year.november, year.january):
        visit.adviser_id = sia.id
        session.add(visit)
    final_id = ready_note(session, year.september)
    finalise_note(session, final_id, TODAY)
    draft_id = ready_note(session, year.november)
    session.add(LocalIdentity(adviser_id=lead.id, key_store="keyring"))
    session.flush()

    before = {s.key: s.text for s in note_detail(session, draft_id).sections}
    refused = "Siân Llŷr's: only they can change it"
    with pytest.raises(NotYours, match=refused):
        save_section(session, draft_id, "discussion", "The core lead's words")
    with pytest.raises(NotYours, match=refused):
        finalise_note(session, draft_id, TODAY)
    with pytest.raises(NotYours, match=refused):
        add_amendment(session, final_id, None, "The core lead's correction")
    with pytest.raises(NotYours, match=refused):
        set_head_response(session, final_id, HeadResponse.ACCURATE)
    with pytest.raises(NotYours, match=refused):
        open_or_create_note(session, year.january.id)  # no note yet: none is started
    with pytest.raises(NotYours, match=refused):
        set_risk(session, draft_id, RiskLevel.HIGH, "Changed by the core lead")
    assert {s.key: s.text for s in note_detail(session, draft_id).sections} == before
    assert not session.exec(select(Amendment)).all()
    january = select(NoteOfVisit).where(NoteOfVisit.visit_id == year.january.id)
    assert session.exec(january).first() is None

    workspace = open_workspace(session, year.november.id)
    assert workspace.owner == "Siân Llŷr"
    assert interrupted_draft(session) is None  # reading it does not mark it as being edited


def test_our_own_notes_are_ours_to_change(session: Session) -> None:
    year = make_year(session)
    me = Adviser(name="Siân Llŷr")
    session.add(me)
    session.flush()
    session.add(LocalIdentity(adviser_id=me.id, key_store="keyring"))
    year.november.adviser_id = me.id
    session.add(year.november)
    session.flush()
    note_id = ready_note(session, year.november)
    assert open_workspace(session, year.november.id).owner is None
    assert save_section(session, note_id, "discussion", "Ours.")
