"""Full-text search: kept in step with every write, ranked, with plain-text snippets."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlmodel import Session, select

from sia_console.domain.enums import ActionStatus, RiskLevel
from sia_console.domain.models import (
    Action,
    ActionReview,
    NoteOfVisit,
    NoteSection,
    RiskJudgement,
    School,
)
from sia_console.domain.search_query import parse_query
from sia_console.domain.snippet_words import Phrase
from sia_console.services.errors import InvalidInput
from sia_console.services.notes import search
from sia_console.services.notes.actions import (
    add_action,
    remove_action,
    review_action,
    update_action,
)
from sia_console.services.notes.editing import (
    add_amendment,
    finalise_note,
    open_or_create_note,
    save_section,
)
from sia_console.services.notes.risk import set_risk
from sia_console.services.notes.search import search_notes, split_snippet
from sia_console.storage import migrations
from sia_console.storage.database import make_engine, open_database
from tests.services.note_helpers import TODAY, make_year, ready_note


def test_saved_text_is_found_at_once_and_old_words_are_forgotten(session: Session) -> None:
    year = make_year(session)
    note = open_or_create_note(session, year.november.id)
    save_section(session, note.id, "discussion", "Phonics in the Foundation Phase is strong.")
    [hit] = search_notes(session, "phonics")
    assert (hit.note_id, hit.visit_id, hit.school_code, hit.section) == (
        note.id,
        year.november.id,
        "6612034",
        "discussion",
    )
    assert hit.section_title == "Discussion and evidence"
    save_section(session, note.id, "discussion", "Reading for pleasure.")
    assert search_notes(session, "phonics") == []
    assert [h.section for h in search_notes(session, "pleasure")] == ["discussion"]


def test_better_matches_come_first(session: Session) -> None:
    year = make_year(session)
    once = open_or_create_note(session, year.september.id)
    often = open_or_create_note(session, year.november.id)
    filler = " The school improvement plan was discussed with governors."
    save_section(session, once.id, "discussion", "Oracy once." + filler * 3)
    save_section(session, often.id, "strengths", "Oracy, oracy and more oracy." + filler)
    hits = search_notes(session, "oracy")
    assert [h.note_id for h in hits] == [often.id, once.id]
    assert hits[0].rank < hits[1].rank


def test_snippets_are_plain_text_with_offsets_of_the_matches(session: Session) -> None:
    year = make_year(session)
    note = open_or_create_note(session, year.november.id)
    hostile = "Pupils wrote [bold]Dŵr[/] and \x1b[31m[@click=app.quit]\nabout the river Dŵr today."
    save_section(session, note.id, "discussion", hostile)
    [hit] = search_notes(session, "dwr")  # accents are ignored
    assert "\n" not in hit.snippet and "[bold]" in hit.snippet and "\x1b[31m" in hit.snippet
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Dŵr", "Dŵr"]
    assert "".join(part for part, _matched in hit.parts()) == hit.snippet
    assert [part for part, matched in hit.parts() if matched] == ["Dŵr", "Dŵr"]


def test_split_snippet_handles_marks_and_spaces() -> None:
    plain, spans = split_snippet("  a\n\n\ue000b\ue001  c \ue000d e\ue001\n")
    assert plain == "a b c d e"
    assert [plain[s:e] for s, e in spans] == ["b", "d e"]


@pytest.mark.parametrize(
    "query", ['"', "AND", "OR NOT", "col:x", "^a", "*", "(", "a AND (b", "NEAR(a b)", "[bold]"]
)
def test_any_query_is_safe(session: Session, query: str) -> None:
    if parse_query(query) is None:
        with pytest.raises(InvalidInput, match="Give at least one word"):
            search_notes(session, query)
    else:
        assert search_notes(session, query) == []


def test_phrases_prefixes_and_amendments(session: Session) -> None:
    year = make_year(session)
    note_id = ready_note(session, year.november)
    save_section(session, note_id, "strengths", "Pupil voice is listened to. Reading is strong.")
    assert len(search_notes(session, '"pupil voice"')) == 1
    assert search_notes(session, '"voice pupil"') == []
    assert len(search_notes(session, "read*")) == 1
    finalise_note(session, note_id, TODAY)
    add_amendment(session, note_id, "strengths", "Correction: writing, not reading, is strong.")
    kinds = {(h.kind, h.section, h.section_title) for h in search_notes(session, "reading")}
    assert kinds == {
        ("section", "strengths", "Strengths"),
        ("amendment", "strengths", "Amendment to Strengths"),
    }


def test_deleted_notes_are_not_found(session: Session) -> None:
    year = make_year(session)
    notes = []
    for visit in (year.september, year.november, year.january):
        note = open_or_create_note(session, visit.id)
        save_section(session, note.id, "discussion", "Attendance was discussed.")
        notes.append(note.id)
    for note_id in notes[:2]:
        row = session.get(NoteOfVisit, note_id)
        assert row is not None
        row.deleted = True
        session.add(row)
    session.flush()
    assert [h.note_id for h in search_notes(session, "attendance", limit=1)] == [notes[2]]
    school = session.exec(select(School)).one()
    school.deleted = True
    session.add(school)
    session.flush()
    assert search_notes(session, "attendance") == []


def test_the_index_survives_vacuum(db_path: Path) -> None:
    database = open_database(db_path)
    with database.session() as session:
        year = make_year(session)
        ids = []
        for visit in (year.september, year.november):
            note = open_or_create_note(session, visit.id)
            ids.append(note.id)
        for row in session.exec(select(NoteSection).where(NoteSection.note_id == ids[0])):
            session.delete(row)  # leave gaps in the implicit rowids
    with database.engine.connect() as connection:
        connection.execute(text("VACUUM"))
    with database.session() as session:
        save_section(session, ids[1], "strengths", "Numeracy across the curriculum.")
        [hit] = search_notes(session, "numeracy")
        assert (hit.note_id, hit.section) == (ids[1], "strengths")
        save_section(session, ids[1], "strengths", "Literacy.")
        assert search_notes(session, "numeracy") == []
    database.dispose()


def test_the_migration_indexes_notes_written_before_it(db_path: Path) -> None:
    engine = make_engine(db_path)
    config = migrations.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    with sqlite3.connect(db_path) as connection:
        connection.executescript(
            """
            INSERT INTO school (id, created_at, updated_at, hlc, origin, deleted, code, name,
                local_authority, language)
            VALUES ('s1', '2026-09-01', '2026-09-01', '', '', 0, 'C1', 'Ysgol y Graig',
                'Gwynedd', 'welsh');
            INSERT INTO visit (id, created_at, updated_at, hlc, origin, deleted, school_id,
                start, "end", purpose, status)
            VALUES ('v1', '2026-09-01', '2026-09-01', '', '', 0, 's1',
                '2026-09-14 09:00:00.000000', '2026-09-14 12:00:00.000000', '', 'done');
            INSERT INTO note_of_visit (id, created_at, updated_at, hlc, origin, deleted,
                visit_id, template, status)
            VALUES ('n1', '2026-09-01', '2026-09-01', '', '', 0, 'v1', 'default', 'draft');
            INSERT INTO note_section (id, created_at, updated_at, hlc, origin, deleted, note_id,
                key, title, position, text)
            VALUES ('x1', '2026-09-01', '2026-09-01', '', '', 0, 'n1', 'discussion',
                'Discussion', 0, 'Cyfnod Sylfaen: llythrennedd yn gryf.');
            """
        )
    database = open_database(db_path)  # migrates to the head, backing the file up first
    with database.session() as session:
        [hit] = search_notes(session, "llythrennedd")
        assert (hit.note_id, hit.school_code) == ("n1", "C1")
    database.dispose()
    assert list(db_path.parent.glob("sia.backup-0001-*.sqlite"))


def _where(session: Session, query: str) -> set[tuple[str, str, str | None, str, str]]:
    return {
        (h.kind, h.note_id, h.section, h.page, h.section_title)
        for h in search_notes(session, query)
    }


def test_actions_risk_rationales_and_reviews_are_found_on_their_notes(session: Session) -> None:
    year = make_year(session)
    earlier = open_or_create_note(session, year.september.id)
    action = add_action(session, earlier.id, "Audit the Cymraeg reading scheme", "Head")
    later = open_or_create_note(session, year.november.id)
    set_risk(session, later.id, RiskLevel.HIGH, "Combined measure below floor; mobility high.")
    review_action(session, later.id, action.id, ActionStatus.IN_PROGRESS, "Audit half done.")

    [hit] = search_notes(session, "cymraeg")
    assert (hit.kind, hit.note_id, hit.visit_id, hit.school_code) == (
        "action",
        earlier.id,
        year.september.id,
        "6612034",
    )
    assert (hit.section, hit.page, hit.section_title) == (None, "@actions", "Actions agreed")
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Cymraeg"]
    assert _where(session, "mobility") == {
        ("risk", later.id, None, "@risk", "Floor-target risk judgement")
    }
    assert _where(session, "half done") == {
        ("review", later.id, None, "@reviews", "Progress on previous actions")
    }
    # "audit" is in the action (earlier note) and in its review (later note)
    assert _where(session, "audit") == {
        ("action", earlier.id, None, "@actions", "Actions agreed"),
        ("review", later.id, None, "@reviews", "Progress on previous actions"),
    }


def test_changed_actions_rationales_and_comments_forget_their_old_words(
    session: Session,
) -> None:
    year = make_year(session)
    earlier = open_or_create_note(session, year.september.id)
    action = add_action(session, earlier.id, "Phonics training for TAs", "Deputy")
    later = open_or_create_note(session, year.november.id)
    set_risk(session, later.id, RiskLevel.LOW, "Tracking secure.")
    review_action(session, later.id, action.id, ActionStatus.DONE, "Training delivered.")

    update_action(session, action.id, "Oracy training for TAs", "Deputy", None)
    set_risk(session, later.id, RiskLevel.MEDIUM, "Tracking wobbly.")
    review_action(session, later.id, action.id, ActionStatus.DONE, "Sessions delivered.")
    assert search_notes(session, "phonics") == []
    assert search_notes(session, "secure") == []
    assert search_notes(session, "training delivered") == []
    assert [h.kind for h in search_notes(session, "oracy")] == ["action"]
    assert [h.kind for h in search_notes(session, "wobbly")] == ["risk"]
    assert [h.kind for h in search_notes(session, "sessions")] == ["review"]


def test_withdrawn_actions_reviews_and_judgements_are_not_found(session: Session) -> None:
    year = make_year(session)
    earlier = open_or_create_note(session, year.september.id)
    kept = add_action(session, earlier.id, "Moderate writing with the cluster")
    gone = add_action(session, earlier.id, "Moderate maths books")
    later = open_or_create_note(session, year.november.id)
    set_risk(session, later.id, RiskLevel.MEDIUM, "Moderation needed in Y6.")
    review_action(session, later.id, kept.id, ActionStatus.DONE, "Moderated in October.")
    assert len(search_notes(session, "moderat*")) == 4

    remove_action(session, gone.id)  # a tombstone: the row stays, marked deleted
    assert {h.kind for h in search_notes(session, "moderat*")} == {"action", "risk", "review"}
    assert [h.snippet for h in search_notes(session, "maths")] == []

    review_action(session, later.id, kept.id, None)  # withdraws the review (tombstone)
    assert search_notes(session, "october") == []
    judgement = session.exec(select(RiskJudgement)).one()
    judgement.deleted = True
    session.add(judgement)
    session.flush()
    assert [h.kind for h in search_notes(session, "moderat*")] == ["action"]

    # a review of an action that is itself withdrawn is not found either
    review_action(session, later.id, kept.id, ActionStatus.DONE, "Cluster moderation done.")
    assert {h.kind for h in search_notes(session, "cluster")} == {"action", "review"}
    row = session.get(Action, kept.id)
    assert row is not None
    row.deleted = True
    session.add(row)
    session.flush()
    assert search_notes(session, "cluster") == []


def test_deleted_rows_leave_the_index(session: Session) -> None:
    year = make_year(session)
    earlier = open_or_create_note(session, year.september.id)
    action = add_action(session, earlier.id, "Pupil voice survey")
    later = open_or_create_note(session, year.november.id)
    review_action(session, later.id, action.id, ActionStatus.DONE, "Survey analysed.")
    set_risk(session, later.id, RiskLevel.LOW, "Survey data reassuring.")
    for model in (ActionReview, RiskJudgement, Action):
        for row in session.exec(select(model)):
            session.delete(row)
        session.flush()
    assert search_notes(session, "survey") == []
    count = session.connection().execute(text("SELECT count(*) FROM note_search_row")).scalar()
    sections = session.connection().execute(text("SELECT count(*) FROM note_section")).scalar()
    assert count == sections


def test_the_migration_indexes_actions_judgements_and_reviews_written_before_it(
    db_path: Path,
) -> None:
    engine = make_engine(db_path)
    config = migrations.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    engine.dispose()
    common = "'2026-09-01', '2026-09-01', '', '', 0"
    with sqlite3.connect(db_path) as connection:
        connection.executescript(
            f"""
            INSERT INTO school (id, created_at, updated_at, hlc, origin, deleted, code, name,
                local_authority, language)
            VALUES ('s1', {common}, 'C1', 'Ysgol y Graig', 'Gwynedd', 'welsh');
            INSERT INTO visit (id, created_at, updated_at, hlc, origin, deleted, school_id,
                start, "end", purpose, status)
            VALUES ('v1', {common}, 's1', '2026-09-14 09:00:00.000000',
                    '2026-09-14 12:00:00.000000', '', 'done'),
                   ('v2', {common}, 's1', '2026-11-23 09:00:00.000000',
                    '2026-11-23 12:00:00.000000', '', 'done');
            INSERT INTO note_of_visit (id, created_at, updated_at, hlc, origin, deleted,
                visit_id, template, status)
            VALUES ('n1', {common}, 'v1', 'default', 'draft'),
                   ('n2', {common}, 'v2', 'default', 'draft');
            INSERT INTO action (id, created_at, updated_at, hlc, origin, deleted, note_id,
                school_id, text, owner, status)
            VALUES ('a1', {common}, 'n1', 's1', 'Gwella llythrennedd', 'Pennaeth', 'open');
            INSERT INTO risk_judgement (id, created_at, updated_at, hlc, origin, deleted,
                note_id, school_id, judged_on, level, rationale)
            VALUES ('r1', {common}, 'n2', 's1', '2026-11-23', 'high', 'Rhifedd yn wan.');
            INSERT INTO action_review (id, created_at, updated_at, hlc, origin, deleted,
                action_id, note_id, status, comment)
            VALUES ('w1', {common}, 'a1', 'n2', 'in-progress', 'Cynnydd da.');
            """
        )
    database = open_database(db_path)  # migrates to the head
    with database.session() as session:
        assert _where(session, "llythrennedd") == {
            ("action", "n1", None, "@actions", "Actions agreed")
        }
        assert _where(session, "rhifedd") == {
            ("risk", "n2", None, "@risk", "Floor-target risk judgement")
        }
        assert _where(session, "cynnydd") == {
            ("review", "n2", None, "@reviews", "Progress on previous actions")
        }
    database.dispose()


def _long_rows(session: Session, query: str) -> list[bool]:
    """For each hit of the statement the search sends, whether FTS5 was spared its snippet."""
    parsed = parse_query(query)
    assert parsed is not None
    rows = session.connection().execute(
        text(search.HITS_QUERY),
        {
            "query": parsed.expression,
            "open": search.OPEN_MARK,
            "close": search.CLOSE_MARK,
            "ellipsis": search.ELLIPSIS,
            "tokens": search.SNIPPET_TOKENS,
            "long": search.LONG_TEXT,
            "fetch": 60,
        },
    )
    return [row.hit_snippet is None for row in rows]


def test_a_text_over_the_limit_gets_the_snippet_fts5_would_make(session: Session) -> None:
    year = make_year(session)
    note = open_or_create_note(session, year.november.id)
    filler = "The school improvement plan was discussed with governors at length. "
    long = filler * 200 + "Oracy: pupils explain their reasoning. " + filler * 200
    assert len(long) > search.LONG_TEXT
    save_section(session, note.id, "discussion", long)
    save_section(session, note.id, "strengths", "Oracy and reasoning are strong.")
    session.flush()
    assert sorted(_long_rows(session, "oracy reasoning")) == [False, True]
    parsed = parse_query("oracy reasoning")
    assert parsed is not None
    fts5 = session.connection().execute(
        text(search.RAW_QUERY),
        {
            "query": parsed.expression,
            "open": search.OPEN_MARK,
            "close": search.CLOSE_MARK,
            "ellipsis": search.ELLIPSIS,
            "tokens": search.SNIPPET_TOKENS,
            "fetch": 50,
        },
    )
    expected = [split_snippet(row.hit_snippet) for row in fts5]
    hits = search_notes(session, "oracy reasoning")
    assert [(hit.snippet, hit.highlights) for hit in hits] == expected
    assert hits[-1].snippet == (
        "…with governors at length. Oracy: pupils explain their reasoning. "
        "The school improvement plan was…"
    )


def test_a_section_of_megabytes_is_searched_in_one_pass(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FTS5's own snippet() would look at every one of the 40,000 matches for each of them."""
    year = make_year(session)
    note = open_or_create_note(session, year.november.id)
    sentence = "Phonics sessions were observed in every class and the phonics tracker is current. "
    big = sentence * (1_600_000 // len(sentence) + 1)
    save_section(session, note.id, "discussion", big)
    save_section(session, note.id, "strengths", "Phonics is strong.")
    session.flush()
    assert sorted(_long_rows(session, "phonics")) == [False, True]
    made: list[int] = []
    one_pass = search.long_snippet

    def counted(whole: str | bytes, phrases: list[Phrase]) -> str:
        made.append(len(whole))
        return one_pass(whole, phrases)

    monkeypatch.setattr(search, "long_snippet", counted)
    hits = search_notes(session, "phonics")
    assert made == [len(big)]  # once, for the long section only
    [hit] = [h for h in hits if h.section == "discussion"]
    assert hit.snippet == (
        "Phonics sessions were observed in every class and the phonics tracker is current. Phonics…"
    )
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Phonics", "phonics", "Phonics"]
