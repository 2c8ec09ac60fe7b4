"""Golden tests of the Word note of visit: export, read back with python-docx, compare.

Every section's text, every reviewed and new action and the risk judgement must appear,
exactly and in order; drafts (only drafts) carry the DRAFT mark; the footer carries the
PAGE and NUMPAGES fields; the document properties name the note. Hostile text (markup,
control characters, a megabyte, Welsh letters) reads back with every printable character.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph
from sqlmodel import select

from sia_console.domain.enums import HeadResponse, NoteStatus
from sia_console.domain.labels import label
from sia_console.domain.models import Action, Amendment, NoteOfVisit
from sia_console.domain.vocabulary import long_date as british_date
from sia_console.formats.docx_template import load_template
from sia_console.formats.docx_text import REPLACEMENT, xml_safe
from sia_console.formats.make_template import TEMPLATE_PATH, build_template
from sia_console.services.errors import ServiceError
from sia_console.services.notes.editing import set_head_response
from sia_console.services.notes.export import export_notes_docx
from sia_console.services.notes.reading import NoteDetail, list_notes, note_detail
from sia_console.services.settings import save_setting
from sia_console.storage.database import Database, open_database
from tests.docx_support import (
    add_note,
    add_school,
    body_paragraphs,
    copy_database_file,
    find_run,
    header_and_footer_xml,
    make_demo_file,
)

NOW = datetime(2026, 11, 23, 15, 45, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo_file(tmp_path_factory.mktemp("docx-demo"))


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    database = open_database(copy_database_file(demo_file, tmp_path))
    yield database
    database.dispose()


def paras(text: str) -> list[str]:
    """How a text reads back: paragraphs at blank lines, line breaks kept."""
    return xml_safe(text).strip("\n").split("\n\n")


def pick(database: Database, status: NoteStatus) -> NoteDetail:
    """The latest note of ``status`` that reviews earlier actions and agrees new ones."""
    with database.session() as session:
        for row in reversed(list_notes(session)):
            detail = note_detail(session, row.id)
            if detail.status is status and detail.reviews and detail.actions and detail.risk:
                return detail
    raise AssertionError("the demo has no such note")


def test_every_word_of_a_demo_note_reads_back_in_order(demo: Database, tmp_path: Path) -> None:
    chosen = pick(demo, NoteStatus.FINAL)
    with demo.session() as session:
        session.add(
            Amendment(
                note_id=chosen.id,
                section_key="discussion",
                text="Correction: the Y6 figure agreed was the school's own.\n\nSecond line.",
                made_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
            )
        )
    with demo.session() as session:
        [exported] = export_notes_docx(session, [chosen.id], tmp_path, now=NOW, language="en")
        note = note_detail(session, chosen.id)
        owners = {r.action_id: session.get(Action, r.action_id) for r in note.reviews}
    assert exported.id == note.id and exported.path.parent == tmp_path
    got = body_paragraphs(exported.path)
    by_key = {s.key: s for s in note.sections}

    at = find_run(got, ["Note of visit", note.school_name], 0)
    for key in ("who_was_met", "purpose"):
        at = find_run(got, [by_key[key].title, *paras(by_key[key].text)], at)
    at = find_run(
        got, [by_key["previous_actions"].title, *paras(by_key["previous_actions"].text)], at
    )
    at = find_run(got, ["What", "Who", "By when", "Status"], at)
    for review in note.reviews:
        action = owners[review.action_id]
        assert action is not None and action.due is not None
        row = [*paras(review.action_text), *paras(review.comment), action.owner]
        at = find_run(got, [*row, british_date(action.due), label(review.status)], at)
    rest = [s for s in note.sections if s.key not in ("who_was_met", "purpose", "previous_actions")]
    before_risk = [s for s in rest if s.key not in ("support", "next_visit", "distribution")]
    for section in before_risk:
        at = find_run(got, [section.title, *paras(section.text)], at)
        if section.key == "discussion":
            amended = "Amendment made on 1 December 2026: Correction: the Y6 figure agreed was the "
            at = find_run(got, [amended + "school's own.", "Second line."], at)
    risk = note.risk
    assert risk is not None and risk.level is not None
    level = f"Risk of falling below the floor target: {label(risk.level)}"
    at = find_run(got, ["Floor-target risk judgement", level], at)
    at = find_run(got, paras(risk.rationale), at)
    for cohort in ("Y6", "Y5"):
        values = [f"{p.percent:g}%" for p in risk.predictions if p.cohort == cohort]
        assert len(values) == 4
        at = find_run(got, [cohort, *values], at)
    at = find_run(got, ["Agreed actions", "What", "Who", "By when", "Status"], at)
    for agreed in note.actions:
        assert agreed.due is not None
        row = [*paras(agreed.text), agreed.owner, british_date(agreed.due)]
        at = find_run(got, [*row, label(agreed.status)], at)
    for section in rest[len(before_risk) :]:
        at = find_run(got, [section.title, *paras(section.text)], at)
    assert not any("DRAFT" in text for text in got)


def test_final_and_draft_marks_footer_fields_and_properties(demo: Database, tmp_path: Path) -> None:
    final, draft = pick(demo, NoteStatus.FINAL), pick(demo, NoteStatus.DRAFT)
    with demo.session() as session:  # a draft first: nothing of it may reach the final note
        done = export_notes_docx(
            session, [draft.id, final.id, draft.id], tmp_path, now=NOW, language="en"
        )
    assert len(done) == 2
    for note, exported in zip((draft, final), done, strict=True):
        is_draft = note.status is NoteStatus.DRAFT
        document = docx.Document(str(exported.path))
        header, footer = header_and_footer_xml(exported.path)
        day = british_date(note.visit_start.date())
        title = f"Note of visit — {note.school_name} — {day}" + (" (DRAFT)" if is_draft else "")
        core = document.core_properties
        assert core.title == title
        assert core.author == note.adviser_name
        assert core.identifier == note.id
        assert core.created == NOW
        assert core.language == "en-GB"
        assert ("DRAFT" in header) is is_draft
        assert ('string="DRAFT"' in header) is is_draft  # the watermark
        texts = body_paragraphs(exported.path)
        assert ("Note of visit — DRAFT" in texts) is is_draft
        assert any(t.startswith("DRAFT — this note") for t in texts) is is_draft
        assert " PAGE " in footer and " NUMPAGES " in footer
        footer_p = document.sections[0].footer.paragraphs[0]
        assert footer_p.text == f"{title}\tPage 1 of 1"
        assert document.sections[0].page_width is not None
        assert round(document.sections[0].page_width.cm, 1) == 21.0


HOSTILE = (
    "[bold]Ysgol[/bold] [@click=app.quit]quit[/] <w:p>&amp;\x00NUL \x1bESC \x07bell"
    "\vWord line\x0cform\r\nCRLF\rCR\ttab ŵ ŷ â Ŵ Ŷ Â 🙂 \u2028 \x85 \x7f \ufffe"
)


def test_hostile_text_exports_and_reads_back(tmp_path: Path) -> None:
    database = open_database(tmp_path / "hostile.sqlite")
    line = "Llinell ŵ ŷ â [i]markup[/i]\tand a tab, then a break\n"
    big = (line * 20 + "\n") * (1_048_576 // (len(line) * 20 + 1) + 1)
    assert len(big.encode("utf-8")) > 1_000_000
    texts = {"discussion": HOSTILE, "strengths": big, "who_was_met": "  Pennaeth\n\n\nY dirprwy "}
    try:
        with database.session() as session:
            school = add_school(session, 'Ysgol "Y Graig": Ŵ? [b]\x1b')
            note = add_note(session, school, texts=texts, adviser="Elin\x00 Lloyd")
            note_id = note.id
        with database.session() as session:
            [exported] = export_notes_docx(
                session, [note_id], tmp_path / "out", now=NOW, language="en"
            )
    finally:
        database.dispose()
    got = body_paragraphs(exported.path)
    expected = xml_safe(HOSTILE)
    assert "\x00" not in expected and expected.count(REPLACEMENT) == 1  # only U+FFFE
    assert "&amp;␀NUL ␛ESC ␇bell" in expected and "\u2028 ␦ ␡ " in expected
    assert "Word line\nform\nCRLF\nCR\ttab ŵ ŷ â Ŵ Ŷ Â 🙂 \u2028" in expected
    at = find_run(got, ["Who was met", "  Pennaeth", "\nY dirprwy "], 0)
    at = find_run(got, ["Discussion and evidence", expected], at)
    find_run(got, ["Strengths", *paras(big)], at)
    assert 'Ysgol "Y Graig": Ŵ? [b]␛' in got
    core = docx.Document(str(exported.path)).core_properties
    assert core.author == "Elin␀ Lloyd"
    assert exported.path.name == "2026-11-23 Ysgol Y Graig Ŵ [b] - Note of visit.docx"


def test_a_replacement_template_keeps_its_logo_and_gains_missing_styles(
    demo: Database, tmp_path: Path
) -> None:
    plain = docx.Document()  # python-docx's own template: none of the house styles
    plain.sections[0].header.paragraphs[0].text = "LOGO OF THE AUTHORITY"
    template = tmp_path / "authority.docx"
    plain.save(str(template))
    chosen = pick(demo, NoteStatus.DRAFT)
    with demo.session() as session:
        save_setting(session, "docx_template", str(template))
    with demo.session() as session:
        [exported] = export_notes_docx(
            session, [chosen.id], tmp_path / "out", now=NOW, language="en"
        )
    header, _footer = header_and_footer_xml(exported.path)
    assert "LOGO OF THE AUTHORITY" in header and "DRAFT" in header
    styles = {s.name for s in docx.Document(str(exported.path)).styles}
    assert {"Note Risk Level", "Note Amendment", "Note Table Text"} <= styles


def test_an_unusable_template_is_one_sentence(demo: Database, tmp_path: Path) -> None:
    """The setting was a good template when set; the file was replaced, then removed."""
    bad = tmp_path / "not-a-template.docx"
    bad.write_bytes(load_template(None))
    with demo.session() as session:
        save_setting(session, "docx_template", str(bad))
    bad.write_text("just text", encoding="utf-8")
    with demo.session() as session:
        first = session.exec(select(NoteOfVisit.id)).first()
    assert first is not None
    with demo.session() as session, pytest.raises(ServiceError) as caught:
        export_notes_docx(session, [first], tmp_path / "out", language="en")
    assert str(caught.value) == f"The Word template {bad} is not a Word document (.docx)."
    assert not (tmp_path / "out").exists()
    missing = tmp_path / "gone.docx"
    missing.write_bytes(load_template(None))
    with demo.session() as session:
        save_setting(session, "docx_template", str(missing))
    missing.unlink()
    with demo.session() as session, pytest.raises(ServiceError) as caught:
        export_notes_docx(session, [first], tmp_path / "out", language="en")
    assert str(caught.value) == (
        f"Cannot read the Word template {missing}: No such file or directory."
    )


def test_the_shipped_template_is_what_make_template_builds() -> None:
    assert TEMPLATE_PATH.read_bytes() == build_template()
    styles = {s.name for s in docx.Document(str(TEMPLATE_PATH)).styles}
    assert {"Note Authority", "Note Risk Level", "Note Logo", "Title", "Heading 1"} <= styles


def test_paragraph_reader_sees_line_breaks_and_tabs(tmp_path: Path) -> None:
    """The golden tests rely on python-docx reading w:br as a newline and w:tab as a tab."""
    document = docx.Document()
    paragraph: Paragraph = document.add_paragraph("a\tb\nc")
    assert paragraph.text == "a\tb\nc"


BIDI_AND_CONTROLS = (
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\u200b\ufeff\x1b\x9b\x85\x7f\x00\x07"
)


def test_bidi_and_control_characters_never_reach_the_document_xml(tmp_path: Path) -> None:
    database = open_database(tmp_path / "bidi.sqlite")
    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
    spoof = f"Ysgol \u202eGYMRAEG\u202c \x1b[2J\x9b31m {flag}"
    text = f"Pupils read {spoof}\x1b]0;title\x07 and \u2066isolated\u2069 text; \u200fRLM."
    try:
        with database.session() as session:
            school = add_school(session, spoof)
            note = add_note(
                session, school, texts={"discussion": text}, adviser="Elin \u202eLloyd\x1b"
            )
            note_id = note.id
        with database.session() as session:
            [exported] = export_notes_docx(
                session, [note_id], tmp_path / "out", now=NOW, language="en"
            )
    finally:
        database.dispose()
    with zipfile.ZipFile(exported.path) as archive:
        parts = {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith(".xml")
        }
    for name, xml in parts.items():
        raw = [f"U+{ord(c):04X}" for c in BIDI_AND_CONTROLS if c in xml]
        assert raw == [], name
        assert "\ufffd" not in xml, name  # made visible, not replaced
    document = parts["word/document.xml"]
    assert "Ysgol ␦GYMRAEG␦ ␛[2J␦31m " + flag in document  # the Welsh flag stays a flag
    assert "␛]0;title␇ and ␦isolated␦ text; ␦RLM." in document
    assert "Elin ␦Lloyd␛" in parts["docProps/core.xml"]
    assert not any(c in exported.path.name for c in BIDI_AND_CONTROLS)


def test_the_heads_response_shows_its_comment(demo: Database, tmp_path: Path) -> None:
    final = pick(demo, NoteStatus.FINAL)
    with demo.session() as session:
        set_head_response(session, final.id, HeadResponse.INACCURATE, "The Y6 data were old.")
        [exported] = export_notes_docx(session, [final.id], tmp_path, now=NOW, language="en")
    document = docx.Document(str(exported.path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(
        "Headteacher's response: Not agreed as accurate — The Y6 data were old." in text
        for text in cells
    ), cells
