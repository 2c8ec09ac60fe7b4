"""The programme template is the programme: an authority's own focus reaches its notes."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from sia_console.domain.enums import Role
from sia_console.domain.models import School, Visit
from sia_console.domain.programme import programme_visit
from sia_console.keys.store import KeyringStore
from sia_console.services.identity import create_identity
from sia_console.services.notes.editing import open_or_create_note
from sia_console.services.notes.export import export_notes_docx
from sia_console.services.programme.planning import programme_plan
from sia_console.services.programme.templates import default_template, load_template
from tests.docx_support import body_paragraphs

OWN_TEMPLATE = """
[programme]
name = "Sir Eryri programme"

[[visit]]
slot = 1
from = "09-07"
to = "09-25"
focus = "Walk the reading corners with the literacy lead; agree the reading priorities."

[[visit]]
slot = 2
title = "Reading review"
from = "01-11"
to = "02-11"
focus = "Review the reading priorities with the chair of governors."
"""


def own_template(tmp_path: Path) -> Path:
    path = tmp_path / "sir-eryri.toml"
    path.write_text(OWN_TEMPLATE, encoding="utf-8")
    return path


def plan_the_year(session: Session, template: Path) -> dict[int, str]:
    """The authority's programme applied for one school: visit ids by slot."""
    me = create_identity(session, KeyringStore("tests"), name="Meinir Prys", role=Role.SIA)
    session.add(
        School(code="6612034", name="Ysgol y Graig", local_authority="Sir Eryri", adviser_id=me.id)
    )
    session.flush()
    plan = programme_plan(session, year=2026, apply=True, template=template)
    return {row.slot: row.visit_id for row in plan.rows if row.visit_id is not None}


def focus_lines(path: Path) -> list[str]:
    """The "Focus: …" line under the title of an exported note."""
    return [
        line
        for paragraph in body_paragraphs(path)
        for line in paragraph.splitlines()
        if line.startswith("Focus: ")
    ]


def test_an_authoritys_own_template_gives_the_focus_of_its_notes(
    session: Session, tmp_path: Path
) -> None:
    visits = plan_the_year(session, own_template(tmp_path))
    assert sorted(visits) == [1, 2]
    note = open_or_create_note(session, visits[1])
    [exported] = export_notes_docx(session, [note.id], tmp_path / "out")
    assert focus_lines(exported.path) == [
        "Focus: Walk the reading corners with the literacy lead; agree the reading priorities."
    ]
    shipped = programme_visit(default_template(), 1).focus  # Wiltshire's: not ours
    assert not any(shipped in text for text in body_paragraphs(exported.path))


def test_a_visit_with_no_purpose_takes_its_focus_from_the_template_in_force(
    session: Session, tmp_path: Path
) -> None:
    path = own_template(tmp_path)
    visits = plan_the_year(session, path)
    visit = session.get_one(Visit, visits[2])
    assert visit.purpose.startswith("Reading review: ")
    visit.purpose = ""  # cleared by the adviser
    session.add(visit)
    note = open_or_create_note(session, visit.id)
    [exported] = export_notes_docx(
        session, [note.id], tmp_path / "out", programme=load_template(path)
    )
    assert focus_lines(exported.path) == [
        "Focus: Review the reading priorities with the chair of governors."
    ]
    shipped = default_template().visit(2)
    assert shipped is not None and shipped.focus not in "\n".join(body_paragraphs(exported.path))
