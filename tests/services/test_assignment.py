"""A school's category and link adviser: the core lead's to set, merged apart from the rest."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from sia_console.bundles.records import from_plain, to_plain
from sia_console.demo.year import fill_demo
from sia_console.domain.enums import Role
from sia_console.domain.models import Adviser, CategoryChange, Conflict, School
from sia_console.keys.store import keystore_for
from sia_console.services import identity
from sia_console.services.errors import InvalidInput, NotFound, NotYours
from sia_console.services.schools.assignment import adviser_choices, assign_school
from sia_console.services.schools.register import import_schools
from sia_console.services.sync import conflicts as sync_conflicts
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import importing
from sia_console.storage.database import Database, open_database
from tests.register_support import give_register

TODAY = date(2026, 11, 23)


@dataclass
class Pair:
    sia: Database
    lead: Database
    folder: Path
    bundles_made: int = 0

    def send(self, sender: Database, receiver: Database) -> importing.ImportResult:
        self.bundles_made += 1
        with sender.session() as s:
            path = sync_export.export_bundle(
                s, self.folder / f"b{self.bundles_made}.siabundle"
            ).path
        [result] = importing.import_files(receiver.session, [path])
        assert result.status == "imported", result.reason
        return result


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    sia = open_database(tmp_path / "sia.sqlite")
    lead = open_database(tmp_path / "lead.sqlite")
    with sia.session() as s:
        fill_demo(s, keystore_for(sia), seed=5, today=TODAY)
        identity.export_card(s, tmp_path / "sia.card")
    with lead.session() as s:
        identity.create_identity(s, keystore_for(lead), name="Core Lead", role=Role.CORE_LEAD)
        identity.export_card(s, tmp_path / "lead.card")
        identity.trust_card(s, tmp_path / "sia.card")
    with sia.session() as s:
        identity.trust_card(s, tmp_path / "lead.card")
    give_register(lead, [sia])
    made = Pair(sia, lead, tmp_path)
    made.send(sia, lead)
    yield made
    sia.dispose()
    lead.dispose()


def _school(db: Database, code: str) -> School:
    with db.session() as s:
        school = s.exec(select(School).where(School.code == code)).one()
        s.expunge(school)
        return school


def _first(db: Database) -> School:
    with db.session() as s:
        school = s.exec(select(School).order_by(School.code)).first()
        assert school is not None
        s.expunge(school)
        return school


def _other_category(school: School) -> str:
    return "red" if school.category != "red" else "amber"


def _csv(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_school_made_by_an_adviser_never_enters_the_leads_register(pair: Pair) -> None:
    """The register is the core lead's: an adviser's new school refuses the whole bundle,
    with a sentence naming the school and what to do."""
    school = _first(pair.sia)
    assert not school.assigned_by_lead  # an adviser's own write
    assert _school(pair.lead, school.code).assigned_by_lead  # the register's entry
    path = _csv(
        pair.folder,
        "new.csv",
        f"code,name,local_authority\n6619999,Ysgol Newydd,{school.local_authority}\n",
    )
    with pair.sia.session() as s:
        import_schools(s, path)
        new = s.exec(select(School).where(School.code == "6619999")).one()
        new.adviser_id = identity.require_identity(s).id
        s.add(new)
    with pair.sia.session() as s:
        out = sync_export.export_bundle(s, pair.folder / "new.siabundle").path
    [result] = importing.import_files(pair.lead.session, [out])
    assert result.status == "rejected"
    assert "carries school 6619999, which is not in the register here" in result.reason
    with pair.lead.session() as s:
        assert s.exec(select(School).where(School.code == "6619999")).first() is None


def test_the_lead_sets_a_category_and_the_sia_cannot_undo_it(pair: Pair) -> None:
    school = _first(pair.sia)
    wanted = _other_category(school)
    with pair.lead.session() as s:
        done = assign_school(s, school.code, category=wanted, adviser_id=school.adviser_id)
    assert done.changed
    lead_copy = _school(pair.lead, school.code)
    assert lead_copy.assigned_by_lead and lead_copy.category == wanted
    assert lead_copy.assigned_hlc == lead_copy.hlc

    pair.send(pair.lead, pair.sia)
    at_sia = _school(pair.sia, school.code)
    assert (at_sia.category, at_sia.assigned_by_lead) == (wanted, True)

    with pair.sia.session() as s, pytest.raises(NotYours, match="core lead"):
        assign_school(s, school.code, category=school.category, adviser_id=school.adviser_id)
    assert _school(pair.sia, school.code).category == wanted

    # the adviser's spreadsheet still has the old category: the rest is taken, not that
    path = _csv(
        pair.folder,
        "old.csv",
        "code,name,local_authority,headteacher,category\n"
        f"{school.code},{school.name},{school.local_authority},Mrs Newydd,{school.category}\n",
    )
    with pair.sia.session() as s:
        summary = import_schools(s, path)
    assert (summary.updated, summary.kept_assignment) == (1, (school.code,))
    at_sia = _school(pair.sia, school.code)
    assert (at_sia.headteacher, at_sia.category) == ("Mrs Newydd", wanted)


def test_a_later_edit_by_the_sia_keeps_the_leads_category_both_ways(pair: Pair) -> None:
    """The lead recategorises; the SIA, not having heard, then changes the headteacher."""
    school = _first(pair.sia)
    wanted = _other_category(school)
    with pair.lead.session() as s:
        assign_school(s, school.code, category=wanted, adviser_id=school.adviser_id)
    path = _csv(
        pair.folder,
        "head.csv",
        "code,name,local_authority,headteacher\n"
        f"{school.code},{school.name},{school.local_authority},Mr Hwyrach\n",
    )
    with pair.sia.session() as s:
        import_schools(s, path)
    assert _school(pair.sia, school.code).hlc > _school(pair.lead, school.code).hlc

    to_lead = pair.send(pair.sia, pair.lead)
    to_sia = pair.send(pair.lead, pair.sia)

    for db in (pair.lead, pair.sia):
        merged = _school(db, school.code)
        assert (merged.headteacher, merged.category, merged.assigned_by_lead) == (
            "Mr Hwyrach",
            wanted,
            True,
        )
    # neither version lost anything of its own: the headteachers agree once merged
    assert to_lead.conflicts == 0 and to_sia.conflicts == 0
    with pair.sia.session() as s:
        [change] = s.exec(
            select(CategoryChange).where(CategoryChange.school_id == _first(pair.sia).id)
        ).all()
        assert (change.previous_category, change.category) == (school.category, wanted)


def test_a_category_only_change_by_the_lead_is_no_conflict_at_the_sia(pair: Pair) -> None:
    school = _first(pair.sia)
    with pair.lead.session() as s:
        assign_school(
            s, school.code, category=_other_category(school), adviser_id=school.adviser_id
        )
    result = pair.send(pair.lead, pair.sia)
    assert result.conflicts == 0
    with pair.sia.session() as s:
        assert s.exec(select(Conflict).where(Conflict.resolved_at == None)).all() == []  # noqa: E711


def test_a_real_disagreement_about_details_is_still_a_conflict(pair: Pair) -> None:
    school = _first(pair.sia)
    for db, head in ((pair.lead, "Mr Arweinydd"), (pair.sia, "Mrs Ymgynghorydd")):
        path = _csv(
            pair.folder,
            f"{head}.csv",
            "code,name,local_authority,headteacher\n"
            f"{school.code},{school.name},{school.local_authority},{head}\n",
        )
        with db.session() as s:
            import_schools(s, path)
    result = pair.send(pair.lead, pair.sia)
    assert result.conflicts == 1
    with pair.sia.session() as s:
        [row] = sync_conflicts.list_conflicts(s)
        detail = sync_conflicts.conflict_detail(s, row.id)
    names = {field.name for field in detail.fields}
    assert "headteacher" in names
    assert not names & {"category", "adviser_id", "assigned_hlc", "assigned_by_lead"}


def test_assigning_checks_the_category_and_the_adviser(pair: Pair) -> None:
    school = _first(pair.lead)
    with pair.lead.session() as s:
        with pytest.raises(InvalidInput, match="not a category"):
            assign_school(s, school.code, category="purple", adviser_id=None)
        with pytest.raises(NotFound, match="no adviser"):
            assign_school(s, school.code, category=None, adviser_id="nobody")
        with pytest.raises(NotFound, match="no school"):
            assign_school(s, "0000000", category=None, adviser_id=None)
        choices = adviser_choices(s)
        lead_id = identity.require_identity(s).id
    assert choices and all(choice.id != lead_id for choice in choices)
    assert _school(pair.lead, school.code).category == school.category


def test_the_lead_links_a_school_to_an_adviser(pair: Pair) -> None:
    school = _first(pair.lead)
    with pair.lead.session() as s:
        [sia] = adviser_choices(s)
        done = assign_school(s, school.code, category="Yellow", adviser_id=None)
    assert (done.category, done.adviser_id) == ("yellow", None)
    with pair.lead.session() as s:
        assign_school(s, school.code, category="yellow", adviser_id=sia.id)
    pair.send(pair.lead, pair.sia)
    at_sia = _school(pair.sia, school.code)
    assert (at_sia.category, at_sia.adviser_id) == ("yellow", sia.id)
    with pair.sia.session() as s:
        assert s.get(Adviser, sia.id) is not None


def test_a_bundle_from_before_the_assignment_fields_is_read(pair: Pair) -> None:
    school = _first(pair.sia)
    plain = to_plain(school)
    del plain["assigned_hlc"], plain["assigned_by_lead"], plain["details_hlc"]
    record = from_plain("school", plain)
    assert isinstance(record, School)
    assert (record.assigned_hlc, record.assigned_by_lead) == (school.hlc, False)
    assert record.details_hlc == school.hlc
    plain["assigned_hlc"] = "yesterday"
    with pytest.raises(ValueError, match="assigned_hlc is not a clock version"):
        from_plain("school", plain)
