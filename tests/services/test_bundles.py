"""Sync bundles between real databases: round trip, idempotence, refusals that change nothing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, delete, func, select

from sia_console.demo.year import fill_demo
from sia_console.domain.enums import NoteStatus, Role
from sia_console.domain.models import (
    Adviser,
    BundleLog,
    CategoryChange,
    Conflict,
    NoteOfVisit,
    NoteSection,
    School,
    Setting,
    Visit,
)
from sia_console.formats.docx_template import load_template
from sia_console.keys.store import keystore_for
from sia_console.services import identity
from sia_console.services.errors import ServiceError
from sia_console.services.export_files import Existing
from sia_console.services.schools.register import import_schools
from sia_console.services.settings import load_settings, save_setting
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import history as sync_history
from sia_console.services.sync import importing
from sia_console.storage.database import Database, open_database
from tests.register_support import give_register
from tests.sync.forge import forge, plain

TODAY = date(2026, 11, 23)


@dataclass
class Team:
    sia: Database
    lead: Database
    folder: Path


def _content(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, for byte-for-byte-in-content comparisons."""
    assert db.path is not None
    with sqlite3.connect(db.path) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
            for t in tables
        }


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    sia = open_database(tmp_path / "sia.sqlite")
    lead = open_database(tmp_path / "lead.sqlite")
    with sia.session() as s:
        fill_demo(s, keystore_for(sia), seed=3, today=TODAY)
        identity.export_card(s, tmp_path / "sia.card")
    with lead.session() as s:
        identity.create_identity(
            s, keystore_for(lead), name="Core Lead", role=Role.CORE_LEAD, authority="Bro Dyfrdwy"
        )
        identity.export_card(s, tmp_path / "lead.card")
        identity.trust_card(s, tmp_path / "sia.card")
    with sia.session() as s:
        identity.trust_card(s, tmp_path / "lead.card")
    give_register(lead, [sia])
    yield Team(sia, lead, tmp_path)
    sia.dispose()
    lead.dispose()


def _export(team: Team, name: str = "b1.siabundle", *, full: bool = False) -> Path:
    with team.sia.session() as s:
        summary = sync_export.export_bundle(s, team.folder / name, full=full)
    return summary.path


def _import(db: Database, *paths: Path) -> list[importing.ImportResult]:
    return importing.import_files(db.session, list(paths))


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.exec(select(func.count()).select_from(model)).one())


def test_round_trip_sia_to_core_lead(team: Team) -> None:
    path = _export(team)
    [result] = _import(team.lead, path)
    assert result.status == "imported", result.reason
    assert result.added > 0 and result.conflicts == 0
    assert _count(team.lead, School) == 15
    assert _count(team.lead, Visit) == _count(team.sia, Visit)
    assert _count(team.lead, NoteSection) == _count(team.sia, NoteSection)
    with team.sia.session() as s:
        note = s.exec(select(NoteOfVisit)).first()
        assert note is not None
        section = s.exec(select(NoteSection).where(NoteSection.note_id == note.id)).first()
    assert section is not None
    with team.lead.session() as s:
        copied = s.get(NoteSection, section.id)
        assert copied is not None and copied.text == section.text and copied.hlc == section.hlc


def test_importing_twice_changes_nothing(team: Team) -> None:
    path = _export(team)
    _import(team.lead, path)
    before = _content(team.lead)
    [again] = _import(team.lead, path)
    assert again.status == "imported" and again.added == again.updated == 0
    after = _content(team.lead)
    after.pop("bundle_log")
    before.pop("bundle_log")
    assert after == before


def test_incremental_export_carries_only_changes(team: Team) -> None:
    first = _export(team, "first.siabundle")
    _import(team.lead, first)
    with team.sia.session() as s:
        school = s.exec(select(School)).first()
        assert school is not None
        school.headteacher = "Mrs Gwenllian Ŵyn"
        s.add(school)
    second = _export(team, "second.siabundle")
    with team.sia.session() as s:
        opened_counts = sync_export.pending_changes(s)
    assert opened_counts == {}
    [result] = _import(team.lead, second)
    assert result.status == "imported"
    assert (result.added, result.updated, result.unchanged) == (0, 1, 0)


def test_no_plaintext_in_the_file(team: Team) -> None:
    path = _export(team)
    data = path.read_bytes()
    with team.sia.session() as s:
        texts = [t for t in s.exec(select(NoteSection.text)).all() if len(t) > 40][:20]
        names = [n for n in s.exec(select(School.name)).all()]
    for text in texts + names:
        assert text.encode("utf-8") not in data


def test_untrusted_sender_is_rejected_and_nothing_changes(team: Team, tmp_path: Path) -> None:
    stranger = open_database(tmp_path / "stranger.sqlite")
    with stranger.session() as s:
        fill_demo(s, keystore_for(stranger), seed=9, today=TODAY)
        identity.trust_card(s, team.folder / "lead.card")
        sync_export.export_bundle(s, tmp_path / "stranger.siabundle")
    before = _content(team.lead)
    [result] = _import(team.lead, tmp_path / "stranger.siabundle")
    assert result.status == "rejected" and "not a trusted identity" in result.reason
    assert _content(team.lead) == before
    stranger.dispose()


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty"])
def test_damaged_bundles_are_rejected_and_nothing_changes(team: Team, damage: str) -> None:
    path = _export(team)
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x01
    elif damage == "truncate":
        data = data[: len(data) - 100]
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    before = _content(team.lead)
    [result] = _import(team.lead, path)
    assert result.status == "rejected" and result.reason
    assert _content(team.lead) == before


def test_a_final_note_beats_a_later_draft_and_the_loser_is_kept(team: Team) -> None:
    _import(team.lead, _export(team, "all.siabundle", full=True))
    with team.sia.session() as s:
        note = s.exec(select(NoteOfVisit).where(NoteOfVisit.status == NoteStatus.FINAL)).first()
        assert note is not None
        note_id = note.id
    # The core lead's copy is edited back to draft (a later clock), then the SIA re-sends.
    with team.lead.session() as s:
        copy = s.get(NoteOfVisit, note_id)
        assert copy is not None
        copy.status = NoteStatus.DRAFT
        s.add(copy)
    [result] = _import(team.lead, _export(team, "again.siabundle", full=True))
    assert result.status == "imported"
    with team.lead.session() as s:
        merged = s.get(NoteOfVisit, note_id)
        assert merged is not None and merged.status == NoteStatus.FINAL
        kept = s.exec(select(Conflict).where(Conflict.record_id == note_id)).all()
        assert len(kept) == 1 and json.loads(kept[0].losing_version)["status"] == "draft"


def test_export_without_a_trusted_core_lead_says_what_to_do(tmp_path: Path) -> None:
    db = open_database(tmp_path / "alone.sqlite")
    with db.session() as s:
        fill_demo(s, keystore_for(db), seed=1, today=TODAY)
        with pytest.raises(ServiceError, match="identity trust"):
            sync_export.export_bundle(s, tmp_path / "x.siabundle")
    assert not (tmp_path / "x.siabundle").exists()
    db.dispose()


def test_core_lead_sends_settings_and_schools_back(team: Team, session: Session) -> None:
    _import(team.lead, _export(team))
    with team.lead.session() as s:
        school = s.exec(select(School).order_by(School.code)).first()
        assert school is not None
        school.category = "red"
        s.add(school)
        code = school.code
        out = sync_export.export_bundle(s, team.folder / "back.siabundle").path
    [result] = _import(team.sia, out)
    assert result.status == "imported", result.reason
    with team.sia.session() as s:
        updated = s.exec(select(School).where(School.code == code)).one()
        assert updated.category == "red"


# ------------------------------------------------------------------ changes of category


def _changes(db: Database) -> list[CategoryChange]:
    with db.session() as s:
        return list(s.exec(select(CategoryChange)))


def _recategorise(db: Database, folder: Path, code: str, category: str) -> None:
    """Change one school's category the way a person does: a spreadsheet import."""
    with db.session() as s:
        school = s.exec(select(School).where(School.code == code)).one()
        path = folder / f"{code}-{category}.csv"
        path.write_text(
            f"code,name,local_authority,category\n{code},{school.name},"
            f"{school.local_authority},{category}\n",
            encoding="utf-8",
        )
        import_schools(s, path)


def _green_school(db: Database) -> tuple[str, str | None]:
    with db.session() as s:
        school = s.exec(
            select(School).where(School.category != "red").order_by(School.code)
        ).first()
        assert school is not None
        return school.code, school.category


def test_a_core_leads_change_of_category_is_recorded_at_the_sia(team: Team) -> None:
    _import(team.lead, _export(team))
    assert _changes(team.lead) == [], "schools new at the lead are not changes"
    code, before = _green_school(team.lead)
    _recategorise(team.lead, team.folder, code, "red")
    [at_lead] = _changes(team.lead)
    with team.lead.session() as s:
        out = sync_export.export_bundle(s, team.folder / "back.siabundle").path
        assert s.get(CategoryChange, at_lead.id) is not None

    [result] = _import(team.sia, out)
    assert result.status == "imported", result.reason
    [at_sia] = _changes(team.sia)
    with team.sia.session() as s:
        school = s.exec(select(School).where(School.code == code)).one()
        assert school.category == "red"
    assert (at_sia.id, at_sia.school_id, at_sia.previous_category, at_sia.category) == (
        at_lead.id,
        school.id,
        before,
        "red",
    )
    assert (at_sia.changed_on, at_sia.hlc) == (at_lead.changed_on, at_lead.hlc)
    with team.sia.session() as s:  # the lead's school beats the SIA's; the change is no conflict
        tables = s.exec(select(Conflict.table_name)).all()
        assert "category_change" not in tables

    before_again = _content(team.sia)
    [again] = _import(team.sia, out)
    assert again.duplicate
    with team.lead.session() as s:  # the same records in another bundle: nothing new
        full = sync_export.export_bundle(s, team.folder / "full.siabundle", full=True).path
    [replay] = _import(team.sia, full)
    assert replay.status == "imported" and replay.added == replay.updated == 0, replay
    after = _content(team.sia)
    for content in (before_again, after):
        content.pop("bundle_log")
    assert after == before_again

    # back to the lead in the SIA's next full bundle: still the one change
    [back] = _import(team.lead, _export(team, "b2.siabundle", full=True))
    assert back.status == "imported", back.reason
    assert [c.id for c in _changes(team.lead)] == [at_lead.id]


def test_a_school_arriving_with_another_category_records_the_change(team: Team) -> None:
    _import(team.lead, _export(team))
    code, before = _green_school(team.lead)
    with team.lead.session() as s:  # changed without a record (an older sia-console)
        school = s.exec(select(School).where(School.code == code)).one()
        school.category = "red"
        s.add(school)
        s.flush()
        s.exec(delete(CategoryChange))
        out = sync_export.export_bundle(s, team.folder / "back.siabundle").path
    [result] = _import(team.sia, out)
    assert result.status == "imported", result.reason
    [change] = _changes(team.sia)
    assert (change.previous_category, change.category) == (before, "red")
    [again] = _import(team.sia, out)
    assert again.duplicate and len(_changes(team.sia)) == 1


def test_an_advisers_change_of_category_stays_with_the_adviser(team: Team) -> None:
    """A school's category is the core lead's: an adviser's own change never reaches the
    core lead's register, and is not recorded there as a change."""
    _import(team.lead, _export(team))
    code, before = _green_school(team.sia)
    _recategorise(team.sia, team.folder, code, "amber" if before != "amber" else "red")
    assert len(_changes(team.sia)) == 1
    [result] = _import(team.lead, _export(team, "b2.siabundle"))
    assert result.status == "imported" and result.conflicts == 0, result.reason
    assert _changes(team.lead) == []
    with team.lead.session() as s:
        assert s.exec(select(School).where(School.code == code)).one().category == before


# ------------------------------------------------ what an adviser may not change at the lead


def _floor_target(db: Database) -> float:
    with db.session() as s:
        return load_settings(s).floor_target


def test_an_advisers_bundle_carries_no_settings(team: Team) -> None:
    with team.sia.session() as s:
        save_setting(s, "floor_target", 60)
        save_setting(s, "category_scheme", "wiltshire")
        assert "setting" not in sync_export.pending_changes(s, full=True)
    [result] = _import(team.lead, _export(team, full=True))
    assert result.status == "imported", result.reason
    assert _floor_target(team.lead) == 65.0
    with team.lead.session() as s:
        assert load_settings(s).category_scheme == "wales-national"


def test_a_core_lead_refuses_settings_in_an_advisers_bundle(team: Team) -> None:
    """A bundle from an older sia-console (or a forged payload) cannot change them."""
    with team.sia.session() as s:
        save_setting(s, "floor_target", 60)
        save_setting(s, "category_scheme", "wiltshire")
        rows = [plain(row) for row in s.exec(select(Setting))]
    assert len(rows) == 2
    before = _content(team.lead)
    path = forge(team.sia, team.folder / "settings.siabundle", {"setting": rows})
    [result] = _import(team.lead, path)
    assert result.status == "rejected"
    assert "a setting, which only the core lead may change" in result.reason
    assert _content(team.lead) == before
    assert _floor_target(team.lead) == 65.0


def test_an_adviser_takes_the_core_leads_settings(team: Team) -> None:
    with team.lead.session() as s:
        save_setting(s, "floor_target", 70)
        out = sync_export.export_bundle(s, team.folder / "back.siabundle").path
    [result] = _import(team.sia, out)
    assert result.status == "imported", result.reason
    assert result.ignored == {} and result.reason == ""
    assert _floor_target(team.sia) == 70.0


def test_a_bundle_never_changes_a_trusted_identity(team: Team) -> None:
    """Keys and roles come from identity cards: one adviser cannot swap another's key."""
    other = open_database(team.folder / "other.sqlite")
    with other.session() as s:
        identity.create_identity(s, keystore_for(other), name="Aled Tawel", role=Role.SIA)
        identity.export_card(s, team.folder / "other.card")
    other.dispose()
    with team.lead.session() as s:
        victim = identity.trust_card(s, team.folder / "other.card")
        victim_id, victim_key = victim.id, victim.signing_key
        lead_id = identity.require_identity(s).id
    with team.sia.session() as s:
        mine = identity.require_identity(s)
        sia_key = mine.signing_key
        lead_here = s.get(Adviser, lead_id)
        assert lead_here is not None
        forged = {
            "own name": [plain(mine, name="Someone Else")],
            "a colleague's key": [
                plain(
                    Adviser(id=victim_id, name="Aled Tawel", role=Role.SIA),
                    signing_key=sia_key,
                    hlc=mine.hlc,
                    origin=mine.origin,
                )
            ],
            "the core lead's name": [plain(lead_here, name="Not The Core Lead")],
        }
    before = _content(team.lead)
    for case, rows in forged.items():
        path = forge(team.sia, team.folder / "identity.siabundle", {"adviser": rows})
        [result] = _import(team.lead, path)
        assert result.status == "rejected", case
        assert "identities change only through identity cards" in result.reason, case
        assert _content(team.lead) == before, case
    with team.lead.session() as s:
        victim_now = s.get(Adviser, victim_id)
        assert victim_now is not None and victim_now.signing_key == victim_key


def test_unchanged_identities_are_not_refused(team: Team) -> None:
    """The sender's own record, as the core lead holds it from the card, is no change."""
    with team.lead.session() as s:
        sia = s.exec(select(Adviser).where(Adviser.role == Role.SIA)).one()
        row = plain(sia)
    [result] = _import(
        team.lead, forge(team.sia, team.folder / "same.siabundle", {"adviser": [row]})
    )
    assert result.status == "imported", result.reason
    assert result.ignored == {} and result.reason == "" and result.unchanged == 1


# ----------------------------------------------------------------- the same bundle again


def test_the_same_bundle_again_is_recognised_and_not_counted(team: Team) -> None:
    path = _export(team, full=True)
    first, second, third = _import(team.lead, path, path, path)
    assert first.status == "imported" and not first.duplicate
    total = first.added + first.updated + first.unchanged
    for again in (second, third):
        assert again.status == "imported" and again.duplicate
        assert (again.added, again.updated, again.conflicts) == (0, 0, 0)
        assert again.unchanged == total
        assert again.reason.startswith("Already imported on ")
        assert again.reason.endswith("; nothing changed.")
        assert again.as_dict()["duplicate"] is True
    with team.lead.session() as s:
        [history] = sync_history.import_history(s)
        assert history.bundles == 1 and history.records == total
        assert len(s.exec(select(BundleLog)).all()) == 1


def test_paths_on_one_computer_never_travel(team: Team, tmp_path: Path) -> None:
    """The core lead's template and export folder name places on the lead's computer."""
    template = tmp_path / "authority.docx"
    template.write_bytes(load_template(None))
    with team.lead.session() as s:
        save_setting(s, "floor_target", 70)
        save_setting(s, "export_folder", str(tmp_path / "lead-exports"))
        save_setting(s, "docx_template", str(template))
        assert [r.key for r in sync_export.pending_changes(s, full=True)["setting"]] == [  # type: ignore[attr-defined]
            "floor_target"
        ]
        out = sync_export.export_bundle(s, team.folder / "back.siabundle").path
    with team.sia.session() as s:
        save_setting(s, "export_folder", str(tmp_path / "my-exports"))
    [result] = _import(team.sia, out)
    assert result.status == "imported", result.reason
    with team.sia.session() as s:
        mine = load_settings(s)
        assert mine.floor_target == 70.0
        assert mine.export_folder == str(tmp_path / "my-exports") and mine.docx_template == ""


# --------------------------------------------------------------- never over another file


def test_a_second_bundle_never_replaces_the_first(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two exports in the same minute take two names; a file named is kept as asked."""
    monkeypatch.setattr(sync_export, "default_bundle_name", lambda *_a: "same minute.siabundle")
    usb = team.folder / "usb"
    usb.mkdir()
    with team.sia.session() as s:
        first = sync_export.export_bundle(s, usb, full=True).bundles[0].path
    kept = first.read_bytes()
    with team.sia.session() as s:
        second = sync_export.export_bundle(s, usb, full=True).bundles[0].path
    assert (first.name, second.name) == ("same minute.siabundle", "same minute (2).siabundle")
    assert first.read_bytes() == kept
    named = _export(team, "named.siabundle")
    assert _export(team, "named.siabundle", full=True) == team.folder / "named (2).siabundle"
    with team.sia.session() as s, pytest.raises(ServiceError) as refused:
        sync_export.export_bundle(s, named, existing=Existing.REFUSE)
    assert "--force" in str(refused.value)
    with team.sia.session() as s:
        replaced = sync_export.export_bundle(s, named, full=True, existing=Existing.REPLACE)
    assert replaced.path == named
