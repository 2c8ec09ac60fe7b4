"""A school the core lead gives to another adviser: the old adviser hears of it by name,
keeps what they did there, and can still send it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from sia_console.domain.enums import NoteStatus, VisitStatus
from sia_console.domain.models import (
    Action,
    Adviser,
    NoteOfVisit,
    NoteSection,
    RiskJudgement,
    School,
    Visit,
)
from sia_console.services import identity
from sia_console.services.errors import NotYours
from sia_console.services.notes.editing import add_amendment, save_section
from sia_console.services.notes.workspace import read_workspace
from sia_console.services.schools.assignment import assign_school
from sia_console.services.schools.page import school_overview
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import importing
from sia_console.services.today import dashboard_summary
from sia_console.storage.database import open_database
from tests.memory_keyring import MemoryKeyring
from tests.services.test_today_sqlite import _same_answers
from tests.sync.forge import forge, plain
from tests.sync.world import TODAY, World, a_school, built, content, copy_database


@pytest.fixture
def world(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[World]:
    made = built()
    memory_keyring.secrets.update(made.secrets)
    databases = {
        name: open_database(
            copy_database(made.folder / f"{name}.sqlite", tmp_path / f"{name}.sqlite")
        )
        for name in ("lead", "ann", "ben")
    }
    world = World(databases["lead"], databases["ann"], databases["ben"], tmp_path)
    yield world
    world.dispose()


def _send(world: World, sender: object, receiver: object, name: str) -> importing.ImportResult:
    out = world.folder / name
    out.mkdir()
    with sender.session() as s:  # type: ignore[attr-defined]
        summary = sync_export.export_bundle(s, out)
    receiver_id = receiver_name = ""
    with receiver.session() as s:  # type: ignore[attr-defined]
        me = identity.require_identity(s)
        receiver_id, receiver_name = me.id, me.name
    [bundle] = [b for b in summary.bundles if receiver_name in b.recipients] or summary.bundles
    assert receiver_id
    [result] = importing.import_files(receiver.session, [bundle.path])  # type: ignore[attr-defined]
    assert result.status == "imported", result.reason
    return result


def test_the_old_adviser_hears_by_name_and_keeps_their_visits(world: World) -> None:
    school = a_school(world.ann)
    with world.ben.session() as s:
        ben = identity.require_identity(s)
        ben_id, ben_name = ben.id, ben.name
    with world.ann.session() as s:
        ann_id = identity.require_identity(s).id
        # a visit still to come there, planned by Ann
        start = datetime.combine(datetime.now().date() + timedelta(days=3), datetime.min.time())
        s.add(
            Visit(
                school_id=school.id,
                adviser_id=ann_id,
                start=start.replace(hour=9),
                end=start.replace(hour=12),
                status=VisitStatus.PLANNED,
            )
        )
        visits_before = len(s.exec(select(Visit).where(Visit.school_id == school.id)).all())
    with world.lead.session() as s:
        assign_school(s, school.code, category=school.category, adviser_id=ben_id)
    result = _send(world, world.lead, world.ann, "to-ann")
    [moved] = result.reassigned
    assert (moved.code, moved.adviser) == (school.code, ben_name)
    assert moved.planned >= 1
    assert ben_name in result.reason and "cancel" in result.reason
    assert result.as_dict()["reassigned"][0]["code"] == school.code
    with world.ann.session() as s:
        visits = s.exec(select(Visit).where(Visit.school_id == school.id)).all()
        assert len(visits) == visits_before
        assert all(v.adviser_id == ann_id for v in visits)  # her work stays hers
    # and Ann can still send what she does there: the visit is hers, not the school's
    with world.ann.session() as s:
        visit = s.exec(
            select(Visit).where(Visit.school_id == school.id, Visit.adviser_id == ann_id)
        ).first()
        assert visit is not None
        visit.status = VisitStatus.CANCELLED
        s.add(visit)
    again = _send(world, world.ann, world.lead, "to-lead")
    assert again.updated >= 1
    # a second bundle says nothing more
    with world.lead.session() as s:
        assign_school(s, school.code, category="", adviser_id=ben_id)
    assert _send(world, world.lead, world.ann, "to-ann-2").reassigned == []


def _a_school_with_final_notes(world: World) -> tuple[School, str]:
    """One of Ann's link schools where she has final notes with a judgement; Ann's id."""
    with world.ann.session() as s:
        ann = identity.require_identity(s)
        row = s.exec(
            select(School)
            .join(RiskJudgement, col(RiskJudgement.school_id) == col(School.id))
            .join(NoteOfVisit, col(NoteOfVisit.id) == col(RiskJudgement.note_id))
            .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
            .where(
                School.adviser_id == ann.id,
                Visit.adviser_id == ann.id,
                NoteOfVisit.status == NoteStatus.FINAL,
                col(RiskJudgement.level).is_not(None),
            )
            .order_by(col(School.code))
        ).first()
        assert row is not None
        s.expunge(row)
        return row, ann.id


def _final_history(database: object, school_id: str, adviser_id: str) -> dict[str, set[str]]:
    """The ids of the adviser's final notes at the school and of what hangs on them."""
    with database.session() as s:  # type: ignore[attr-defined]
        notes = s.exec(
            select(NoteOfVisit)
            .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
            .where(
                Visit.school_id == school_id,
                Visit.adviser_id == adviser_id,
                NoteOfVisit.status == NoteStatus.FINAL,
            )
        ).all()
        ids = [n.id for n in notes]
        return {
            "notes": set(ids),
            "visits": {n.visit_id for n in notes},
            "judgements": {
                j.id
                for j in s.exec(select(RiskJudgement).where(col(RiskJudgement.note_id).in_(ids)))
            },
            "actions": {a.id for a in s.exec(select(Action).where(col(Action.note_id).in_(ids)))},
            "sections": {
                x.id for x in s.exec(select(NoteSection).where(col(NoteSection.note_id).in_(ids)))
            },
        }


def test_the_new_adviser_receives_the_schools_history_read_only(world: World) -> None:
    school, ann_id = _a_school_with_final_notes(world)
    with world.ben.session() as s:
        ben_id = identity.require_identity(s).id
    with world.ann.session() as s:
        ann_name = identity.require_identity(s).name
    history = _final_history(world.ann, school.id, ann_id)
    assert history["notes"] and history["judgements"]
    with world.ben.session() as s:
        assert s.exec(select(School).where(School.code == school.code)).first() is None
    with world.lead.session() as s:
        assign_school(s, school.code, category=school.category, adviser_id=ben_id)
    _send(world, world.lead, world.ben, "to-ben")
    with world.ben.session() as s:
        here = s.exec(select(School).where(School.code == school.code)).one()
        assert here.adviser_id == ben_id
        school_id = here.id
    received = _final_history(world.ben, school_id, ann_id)
    assert received == history  # every final note, its judgement, actions and sections
    with world.ben.session() as s:
        visits = s.exec(select(Visit).where(col(Visit.id).in_(history["visits"]))).all()
        assert visits and all(v.adviser_id == ann_id for v in visits)  # still Ann's
        drafts = s.exec(
            select(NoteOfVisit)
            .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
            .where(Visit.adviser_id == ann_id, NoteOfVisit.status == NoteStatus.DRAFT)
        ).all()
        assert drafts == []  # not yet the record: they stay with Ann
        # Ben's school page shows Ann's judgements and open actions as hers
        page = school_overview(s, school.code)
        assert page.judgements and all(j.made_by == ann_name for j in page.judgements)
        assert all(a.agreed_by == ann_name for a in page.open_actions)
        # Ann's visits are no part of Ben's diary: nothing of hers is owed by him
        day = dashboard_summary(s, TODAY)
        assert not {n.visit_id for n in day.overdue_notes} & history["visits"]
    assert world.ben.path is not None and _same_answers(world.ben.path) > 0  # both reads
    # what Ben sends back carries nothing of Ann's
    with world.ben.session() as s:
        pending = sync_export.pending_changes(s)
    sent = {row.id for rows in pending.values() for row in rows}
    assert not sent & set().union(*history.values())
    # the core lead does not send it twice
    with world.lead.session() as s:
        ben = s.get(Adviser, ben_id)
        assert ben is not None
        assert sync_export.pending_changes(s, peer=ben) == {}


def test_the_new_adviser_cannot_change_the_old_advisers_note(world: World) -> None:
    school, ann_id = _a_school_with_final_notes(world)
    with world.ben.session() as s:
        ben_id = identity.require_identity(s).id
    with world.lead.session() as s:
        assign_school(s, school.code, category=school.category, adviser_id=ben_id)
    _send(world, world.lead, world.ben, "to-ben")
    note_id = sorted(_final_history(world.ann, school.id, ann_id)["notes"])[0]
    # in the service: the editor's saves, amendments and responses are refused
    with world.ben.session() as s, pytest.raises(NotYours, match="only they can change it"):
        add_amendment(s, note_id, None, "Corrected by Ben.")
    with world.ben.session() as s:
        section = s.exec(select(NoteSection).where(NoteSection.note_id == note_id)).first()
        assert section is not None
        with pytest.raises(NotYours):
            save_section(s, note_id, section.key, "Rewritten by Ben.")
        workspace = read_workspace(s, note_id)
        assert workspace.owner is not None  # the editor opens it read-only, naming Ann
        s.expunge(section)
    # and a bundle signed by Ben that carries the change anyway is refused at the core lead
    before = content(world.lead)
    with world.lead.session() as s:
        ann_name = s.get(Adviser, ann_id).name  # type: ignore[union-attr]
    millis, rest = section.hlc.split(".", 1)
    hlc = f"{int(millis) + 1000:013d}.{rest}"  # a newer version than the core lead's
    path = forge(
        world.ben,
        world.folder / "hostile.siabundle",
        {"note_section": [plain(section, text="Rewritten by Ben.", hlc=hlc)]},
    )
    [result] = importing.import_files(world.lead.session, [path])
    assert result.status == "rejected", result
    assert f"of {ann_name}'s" in result.reason and "only its owner" in result.reason
    assert content(world.lead) == before


def test_a_core_lead_may_not_relay_the_receivers_own_note(world: World) -> None:
    """The core lead relays others' history only: Ben's own note, changed, is refused."""
    with world.ben.session() as s:
        ben_id = identity.require_identity(s).id
        section = s.exec(
            select(NoteSection)
            .join(NoteOfVisit, col(NoteOfVisit.id) == col(NoteSection.note_id))
            .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
            .where(Visit.adviser_id == ben_id)
        ).first()
        assert section is not None
        s.expunge(section)
    before = content(world.ben)
    path = forge(
        world.lead,
        world.folder / "lead.siabundle",
        {"note_section": [plain(section, text="Rewritten by the core lead.")]},
    )
    [result] = importing.import_files(world.ben.session, [path])
    assert result.status == "rejected", result
    assert "only an adviser may change" in result.reason
    assert content(world.ben) == before
