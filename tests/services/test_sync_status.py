"""Sync status: history per peer, what the next export holds, conflicts and their resolution."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from sia_console.demo.year import fill_demo
from sia_console.domain.enums import NoteStatus, Role
from sia_console.domain.models import BundleLog, Conflict, NoteOfVisit, School
from sia_console.keys.store import keystore_for
from sia_console.services import identity
from sia_console.services.errors import ServiceError
from sia_console.services.sync import conflicts as sync_conflicts
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import history as sync_history
from sia_console.services.sync import importing
from sia_console.storage.database import Database, open_database
from tests.register_support import give_register

TODAY = date(2026, 11, 23)
DETAILS = ("name", "headteacher", "email", "phone", "postcode", "language", "deleted")


@dataclass
class Pair:
    sia: Database
    lead: Database
    folder: Path

    def send(self, name: str, *, full: bool = False) -> importing.ImportResult:
        with self.sia.session() as s:
            path = sync_export.export_bundle(s, self.folder / name, full=full).path
        [result] = importing.import_files(self.lead.session, [path])
        assert result.status == "imported", result.reason
        return result


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    sia = open_database(tmp_path / "sia.sqlite")
    lead = open_database(tmp_path / "lead.sqlite")
    with sia.session() as s:
        fill_demo(s, keystore_for(sia), seed=3, today=TODAY)
        identity.export_card(s, tmp_path / "sia.card")
    with lead.session() as s:
        identity.create_identity(
            s, keystore_for(lead), name="Core Lead", role=Role.CORE_LEAD, authority="Conwy"
        )
        identity.export_card(s, tmp_path / "lead.card")
        identity.trust_card(s, tmp_path / "sia.card")
    with sia.session() as s:
        identity.trust_card(s, tmp_path / "lead.card")
    give_register(lead, [sia])
    yield Pair(sia, lead, tmp_path)
    sia.dispose()
    lead.dispose()


def _school_conflict(pair: Pair) -> str:
    """Both sides change one school's head; the adviser's later edit wins at the core lead."""
    pair.send("all.siabundle", full=True)
    with pair.lead.session() as s:
        school = s.exec(select(School).order_by(School.code)).first()
        assert school is not None
        school.headteacher = "Mr Core Lead's Version"
        s.add(school)
        code = school.code
    with pair.sia.session() as s:
        school = s.exec(select(School).where(School.code == code)).one()
        school.headteacher = "Mrs Gwenllian Ŵyn"
        s.add(school)
    result = pair.send("second.siabundle")
    assert result.conflicts == 1
    return code


def test_history_lists_every_trusted_peer_even_silent_ones(pair: Pair) -> None:
    with pair.lead.session() as s:
        [before] = sync_history.import_history(s, TODAY)
    assert before.bundles == 0 and before.latest is None and before.days_since is None
    pair.send("one.siabundle")
    with pair.lead.session() as s:
        [after] = sync_history.import_history(s, date(2026, 12, 14))
    assert after.role == "sia" and after.bundles == 1 and after.records > 0
    assert after.latest is not None and after.days_since is not None and after.days_since >= 0
    with pair.sia.session() as s:
        exports = sync_history.export_history(s)
        assert [e.records for e in exports] == [after.records]
        [lead] = sync_history.import_history(s, TODAY)
    assert lead.name == "Core Lead" and lead.bundles == 0


def test_preview_counts_what_the_next_export_carries(pair: Pair) -> None:
    with pair.sia.session() as s:
        preview = sync_history.preview_export(s)
        assert preview.counts["school"] == 15 and preview.total > 15
        assert preview.drafts == sum(
            1 for n in s.exec(select(NoteOfVisit)).all() if n.status == NoteStatus.DRAFT
        )
        assert preview.last_export is None
    pair.send("one.siabundle")
    with pair.sia.session() as s:
        assert sync_history.preview_export(s).total == 0
        assert sync_history.preview_export(s, full=True).total == preview.total


def test_conflicts_are_listed_with_a_label_and_compared(pair: Pair) -> None:
    code = _school_conflict(pair)
    with pair.lead.session() as s:
        assert sync_conflicts.unresolved_count(s) == 1
        [row] = sync_conflicts.list_conflicts(s)
        assert row.table == "school" and code in row.label
        detail = sync_conflicts.conflict_detail(s, row.id)
    head = next(f for f in detail.fields if f.name == "headteacher")
    assert head.differs and head.other == "Mr Core Lead's Version"
    assert head.current == "Mrs Gwenllian Ŵyn"
    assert not detail.locked
    assert [f.name for f in detail.fields if f.differs] == ["headteacher"]


def test_keeping_the_other_version_is_a_new_local_change(pair: Pair) -> None:
    code = _school_conflict(pair)
    with pair.lead.session() as s:
        [row] = sync_conflicts.list_conflicts(s)
        before = s.exec(select(School).where(School.code == code)).one().hlc
        sync_conflicts.resolve_conflict(s, row.id, "other")
    with pair.lead.session() as s:
        school = s.exec(select(School).where(School.code == code)).one()
        assert school.headteacher == "Mr Core Lead's Version"
        assert school.hlc > before  # a new clock version: it travels onward
        assert sync_conflicts.list_conflicts(s) == []
        [resolved] = [
            c for c in sync_conflicts.list_conflicts(s, include_resolved=True) if c.id == row.id
        ]
        assert resolved.resolved_at is not None
        with pytest.raises(ServiceError, match="already been resolved"):
            sync_conflicts.resolve_conflict(s, resolved.id, "current")


def test_keeping_the_current_version_changes_nothing_but_records_the_settlement(
    pair: Pair,
) -> None:
    code = _school_conflict(pair)
    with pair.lead.session() as s:
        [row] = sync_conflicts.list_conflicts(s)
        before = s.exec(select(School).where(School.code == code)).one()
        hlc, details = before.hlc, {k: getattr(before, k) for k in DETAILS}
        sync_conflicts.resolve_conflict(s, row.id, "current")
    with pair.lead.session() as s:
        school = s.exec(select(School).where(School.code == code)).one()
        assert {k: getattr(school, k) for k in DETAILS} == details  # the same details
        assert school.hlc > hlc  # a new version, so that the settlement travels
        assert json.loads(school.details_settled) == [row.losing_hlc]
        assert sync_conflicts.unresolved_count(s) == 0


def test_a_final_note_is_never_changed_by_a_resolution(pair: Pair) -> None:
    pair.send("all.siabundle", full=True)
    with pair.sia.session() as s:
        note = s.exec(select(NoteOfVisit).where(NoteOfVisit.status == NoteStatus.FINAL)).first()
        assert note is not None
        note_id = note.id
    with pair.lead.session() as s:
        copy = s.get(NoteOfVisit, note_id)
        assert copy is not None
        copy.status = NoteStatus.DRAFT
        s.add(copy)
    pair.send("again.siabundle", full=True)
    with pair.lead.session() as s:
        [row] = [r for r in sync_conflicts.list_conflicts(s) if r.record_id == note_id]
        assert row.label.startswith("note of visit: ")
        assert sync_conflicts.conflict_detail(s, row.id).locked
        with pytest.raises(ServiceError, match="finalised"):
            sync_conflicts.resolve_conflict(s, row.id, "other")
    with pair.lead.session() as s:
        note_now = s.get(NoteOfVisit, note_id)
        assert note_now is not None and note_now.status == NoteStatus.FINAL
        assert sync_conflicts.unresolved_count(s) == 1


def test_an_unknown_conflict_is_not_found(pair: Pair) -> None:
    with pair.lead.session() as s, pytest.raises(ServiceError, match="no conflict"):
        sync_conflicts.conflict_detail(s, "nope")


def test_an_identical_change_on_both_sides_is_not_listed_as_a_conflict(pair: Pair) -> None:
    """Both sides typed the same head: kept (so a replay is recognised), never shown."""
    pair.send("all.siabundle", full=True)
    with pair.lead.session() as s:
        school = s.exec(select(School).order_by(School.code)).first()
        assert school is not None
        school.headteacher = "Mrs Gwenllian Ŵyn"
        s.add(school)
        code = school.code
    with pair.sia.session() as s:
        school = s.exec(select(School).where(School.code == code)).one()
        school.headteacher = "Mrs Gwenllian Ŵyn"
        s.add(school)
    result = pair.send("second.siabundle")
    assert result.conflicts == 0
    with pair.lead.session() as s:
        [kept] = s.exec(select(Conflict)).all()
        assert kept.resolved_at == kept.created_at  # resolved the moment it was kept
        assert sync_conflicts.list_conflicts(s) == []
        assert sync_conflicts.list_conflicts(s, include_resolved=True) == []
        assert sync_conflicts.unresolved_count(s) == 0


def test_resolved_conflicts_are_listed_resolved_after_they_were_kept(pair: Pair) -> None:
    _school_conflict(pair)
    with pair.lead.session() as s:
        [row] = sync_conflicts.list_conflicts(s)
        sync_conflicts.resolve_conflict(s, row.id, "current")
    with pair.lead.session() as s:
        [resolved] = sync_conflicts.list_conflicts(s, include_resolved=True)
        assert resolved.resolved_at is not None and resolved.resolved_at > resolved.created_at


def test_history_counts_a_bundle_logged_twice_once(pair: Pair) -> None:
    """Databases from before duplicates were recognised may log one bundle twice."""
    result = pair.send("one.siabundle")
    with pair.lead.session() as s:
        [log] = s.exec(select(BundleLog)).all()
        s.add(
            BundleLog(
                bundle_id=log.bundle_id,
                direction=log.direction,
                peer_id=log.peer_id,
                file_name=log.file_name,
                at=log.at + timedelta(days=3),
                records=log.records,
                status=log.status,
            )
        )
    with pair.lead.session() as s:
        [history] = sync_history.import_history(s)
    assert history.bundles == 1
    assert history.records == result.added + result.updated + result.unchanged
    assert history.latest == log.at


def test_days_since_counts_london_days(pair: Pair) -> None:
    """23:30 UTC on 30 June is already 1 July in London."""
    pair.send("one.siabundle")
    with pair.lead.session() as s:
        [log] = s.exec(select(BundleLog)).all()
        log.at = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
        s.add(log)
    with pair.lead.session() as s:
        [history] = sync_history.import_history(s, date(2026, 7, 1))
    assert history.days_since == 0
