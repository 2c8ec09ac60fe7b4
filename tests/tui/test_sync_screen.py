"""The Sync screen and the conflict dialog, on Monday 23 November 2026.

An adviser's database (the demo year, seed 7) and a core lead's are built once for this
module, each trusting the other, exactly as ``identity trust`` would. Every test works on
copies of both files, with their private keys put back into the test's own in-memory
keyring (the shared demo fixture's keys are gone by the time a test runs, and exporting
needs them).

Pictures are taken with file paths typed relative to a test folder and with the times
that the database stamps (when a bundle arrived, when a conflict was kept) set to fixed
moments, so that nothing in them depends on the machine or the clock.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import keyring
import pytest
from sqlmodel import select
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Static

from sia_console.bundles.records import TABLES
from sia_console.demo.year import fill_demo
from sia_console.domain.enums import Role
from sia_console.domain.models import BundleLog, Conflict, School
from sia_console.keys.store import keystore_for
from sia_console.services import identity
from sia_console.services.sync import conflicts as sync_conflicts
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import history as sync_history
from sia_console.services.sync import importing
from sia_console.storage.database import Database, open_database
from sia_console.storage.stamping import PRESERVE_KEY
from sia_console.tui.app import SiaConsole
from sia_console.tui.dialogs.conflict_dialog import ConflictDialog
from sia_console.tui.launch import make_app
from sia_console.tui.screens import sync as sync_screen
from sia_console.tui.screens.sync import SyncScreen
from sia_console.tui.widgets.record_kinds import KIND_LABELS
from sia_console.tui.widgets.safe_input import SafeInput
from sia_console.tui.widgets.section import Section
from sia_console.tui.widgets.sync_tables import kind_count
from tests.memory_keyring import MemoryKeyring
from tests.register_support import give_register

from .conftest import DEMO_SEED, TODAY
from .screen_text import screen_text

SnapCompare = Callable[..., bool]
LEAD_HEAD = "Mr [bold]Rhys[/bold] Core-Lead"
"""The core lead's version of a headteacher's name: markup-like, shown as it is."""
SIA_HEAD = "Mrs Gwenllian Ŵyn"
KEPT_AT = datetime(2026, 11, 23, 10, 15, tzinfo=UTC)


@dataclass(frozen=True)
class Built:
    """The two database files and the private keys of both identities."""

    folder: Path
    secrets: dict[tuple[str, str], str]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("sync-pair")
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        sia = open_database(folder / "sia.sqlite")
        lead = open_database(folder / "lead.sqlite")
        with sia.session() as s:
            fill_demo(s, keystore_for(sia), seed=DEMO_SEED, today=TODAY)
            identity.export_card(s, folder / "sia.card")
        with lead.session() as s:
            identity.create_identity(
                s, keystore_for(lead), name="Core Lead", role=Role.CORE_LEAD, authority="GwE"
            )
            identity.export_card(s, folder / "lead.card")
            identity.trust_card(s, folder / "sia.card")
        with sia.session() as s:
            identity.trust_card(s, folder / "lead.card")
        give_register(lead, [sia])
        sia.dispose()
        lead.dispose()
    finally:
        keyring.set_keyring(previous)
    return Built(folder, dict(backend.secrets))


@dataclass
class Pair:
    """This test's adviser (whose app is tested) and core lead."""

    sia: Database
    lead: Database
    folder: Path


def _copy(source: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        part = source.with_name(source.name + suffix)
        if part.exists():
            shutil.copyfile(part, target.with_name(target.name + suffix))
    return target


@pytest.fixture
def pair(built: Built, tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Pair]:
    memory_keyring.secrets.update(built.secrets)
    sia = open_database(_copy(built.folder / "sia.sqlite", tmp_path / "sia.sqlite"))
    lead = open_database(_copy(built.folder / "lead.sqlite", tmp_path / "lead.sqlite"))
    yield Pair(sia, lead, tmp_path)
    sia.dispose()
    lead.dispose()


@pytest.fixture
def sia_app(pair: Pair) -> SiaConsole:
    return make_app(pair.sia, today=lambda: TODAY)


@pytest.fixture
def relative_paths(pair: Pair, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Work in the test folder, with ``usb`` as the default export folder."""
    monkeypatch.chdir(pair.folder)
    (pair.folder / "usb").mkdir()
    monkeypatch.setattr(sync_screen, "default_exports_dir", lambda: Path("usb"))
    return lambda name: pair.folder / name


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # a finished write starts a fresh read
    await pilot.pause()


def shown(app: SiaConsole, selector: str) -> str:
    """The text of a Static, as given to it (not cut into terminal lines)."""
    return str(app.screen.query_one(selector, Static).content)


async def open_sync(pilot: Pilot[Any]) -> SyncScreen:
    await settle(pilot)
    await pilot.press("y")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SyncScreen)
    return screen


async def type_into(pilot: Pilot[Any], selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, SafeInput)
    field.value = text
    field.focus()
    await pilot.press("enter")
    await settle(pilot)


def lead_receives(pair: Pair, name: str = "all.siabundle") -> None:
    """The adviser's whole year reaches the core lead (through the services)."""
    with pair.sia.session() as s:
        path = sync_export.export_bundle(s, pair.folder / name, full=True).path
    [result] = importing.import_files(pair.lead.session, [path])
    assert result.status == "imported", result.reason


def first_school(database: Database) -> tuple[str, str]:
    with database.session() as s:
        school = s.exec(select(School).order_by(School.code)).first()
        assert school is not None
        return school.code, school.name


def set_head(database: Database, code: str, head: str) -> None:
    with database.session() as s:
        school = s.exec(select(School).where(School.code == code)).one()
        school.headteacher = head
        s.add(school)


def head_of(database: Database, code: str) -> str | None:
    with database.session() as s:
        return s.exec(select(School.headteacher).where(School.code == code)).one()


def lead_sends_back(pair: Pair, folder: Path) -> str:
    """Both sides change one school's head (the adviser last); the lead's bundle waits.

    Returns the school's code. The bundle is written into ``folder`` as ``lead.siabundle``.
    """
    lead_receives(pair)
    code, _name = first_school(pair.lead)
    set_head(pair.lead, code, LEAD_HEAD)
    set_head(pair.sia, code, SIA_HEAD)
    folder.mkdir(exist_ok=True)
    with pair.lead.session() as s:
        sync_export.export_bundle(s, folder / "lead.siabundle")
    return code


def fix_stamped_times(database: Database, *, versions: bool = False) -> None:
    """Arrivals and kept conflicts at fixed moments, so that pictures never change (and,
    with ``versions``, the two versions a conflict compares, whose moments it shows)."""
    with database.session() as s:
        for log in s.exec(select(BundleLog)):
            log.at = datetime(2026, 11, 20, 16, 30, tzinfo=UTC)
            s.add(log)
        for conflict in s.exec(select(Conflict)):
            conflict.created_at = KEPT_AT
            s.add(conflict)
            if not versions:
                continue
            losing = json.loads(conflict.losing_version)
            losing["details_hlc"] = _at_fixed_moment(losing["details_hlc"], 20)
            conflict.losing_version = json.dumps(losing)
            s.add(conflict)
            school = s.get(School, conflict.record_id)
            if school is not None:
                s.info[PRESERVE_KEY] = True
                school.details_hlc = _at_fixed_moment(school.details_hlc, 22)
                s.add(school)


def _at_fixed_moment(version: str, hour: int) -> str:
    """``version`` as if written at ``hour``:00 on 20 November 2026, by the same laptop."""
    millis = int(datetime(2026, 11, 20, hour, tzinfo=UTC).timestamp() * 1000)
    return f"{millis:013d}.00000.{version.rsplit('.', 1)[-1]}"


# ---------------------------------------------------------------------------- the screen


async def test_y_opens_sync_with_what_the_next_bundle_carries(sia_app: SiaConsole) -> None:
    async with sia_app.run_test(size=(120, 40)) as pilot:
        await open_sync(pilot)
        text = screen_text(sia_app)
    assert "sia-console — Sync" in text
    assert "No conflicts wait for a choice." in text
    assert "The next bundle will carry 807 records: 15 schools," in text
    assert "7 notes of visit in it are still drafts and go as drafts." in text
    assert "Core Lead  core lead  0        —       never" in text


async def test_escape_leaves_sync_for_the_dashboard(sia_app: SiaConsole) -> None:
    async with sia_app.run_test(size=(120, 40)) as pilot:
        await open_sync(pilot)
        assert "esc Back" in screen_text(sia_app)
        await pilot.press("escape")
        await pilot.pause()
        assert "sia-console — Dashboard" in screen_text(sia_app)


async def test_export_writes_a_verified_bundle_the_core_lead_can_import(
    pair: Pair, sia_app: SiaConsole
) -> None:
    usb = pair.folder / "[bold]USB"  # markup-like user text is shown as it is
    usb.mkdir()
    async with sia_app.run_test(size=(120, 40)) as pilot:
        await open_sync(pilot)
        await type_into(pilot, "#sync-folder", str(usb))
        [written] = list(usb.iterdir())
        text = screen_text(sia_app)
        assert shown(sia_app, "#sync-export-status") == (
            f"Wrote 807 records to {written} for Core Lead."
        )
        assert "Nothing has changed since the last export." in text
        assert not sia_app.screen.query_one("#sync-export-go", Button).disabled
    assert written.suffix == ".siabundle"
    [notice] = list(sia_app._notifications)
    assert notice.title == "Bundle exported" and notice.markup is False
    [result] = importing.import_files(pair.lead.session, [written])
    assert (result.status, result.added + result.unchanged, result.conflicts) == (
        "imported",
        807,
        0,
    )
    assert result.unchanged == 15  # the schools: the core lead's register has them
    with pair.sia.session() as s:
        [sent] = sync_history.export_history(s)
    assert (sent.file_name, sent.records) == (written.name, 807)


async def test_export_with_nowhere_to_write_says_why_and_can_be_tried_again(
    pair: Pair, sia_app: SiaConsole
) -> None:
    async with sia_app.run_test(size=(120, 40)) as pilot:
        await open_sync(pilot)
        await type_into(pilot, "#sync-folder", str(pair.folder / "no such folder" / "x.siabundle"))
        assert "does not exist" in screen_text(sia_app)
        await pilot.press("escape")  # the error dialog
        await settle(pilot)
        assert isinstance(sia_app.screen, SyncScreen)
        assert not sia_app.screen.query_one("#sync-export-go", Button).disabled
        assert not sia_app.screen.query_one("#sync-import-go", Button).disabled
    with pair.sia.session() as s:
        assert sync_history.export_history(s) == []


async def test_an_adviser_with_no_trusted_core_lead_is_told_what_to_run(
    app: SiaConsole,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sync(pilot)
        await pilot.click("#sync-export-go")
        await settle(pilot)
        text = screen_text(app)
    assert "No trusted core lead to send a bundle to; run: sia-console identity trust" in text


async def test_sync_says_before_any_export_how_to_trust_a_core_lead(app: SiaConsole) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sync(pilot)
        preview = shown(app, "#sync-preview")
    assert "No trusted core lead to send a bundle to" in preview
    assert "sia-console identity export --out CARD" in preview


async def test_importing_the_core_leads_bundle_shows_the_report_and_a_conflict(
    pair: Pair, sia_app: SiaConsole
) -> None:
    code = lead_sends_back(pair, pair.folder / "inbox")
    _code, name = first_school(pair.sia)
    async with sia_app.run_test(size=(120, 40)) as pilot:
        screen = await open_sync(pilot)
        await type_into(pilot, "#sync-import-path", str(pair.folder / "inbox"))
        report = screen.query_one("#sync-report", Section).table
        [result] = report.records
        text = screen_text(sia_app)
        assert screen.sub_title == "Sync · 1 conflict"
        assert "1 conflict waits for you to compare and choose." in text
        assert "lead.siabundle  imported  0      15       1          1" in text
        assert f"school  {name} ({code})" in text
        assert "The next bundle will carry 1 record: 1 school." in text
    assert result.status == "imported"
    assert head_of(pair.sia, code) == SIA_HEAD  # the later edit wins; the other is kept


async def test_rejected_files_are_reported_with_their_reason(
    pair: Pair, sia_app: SiaConsole
) -> None:
    inbox = pair.folder / "inbox"
    lead_sends_back(pair, inbox)
    (inbox / "broken.siabundle").write_bytes(b"SIA-CONSOLE-BUNDLE v1\nnot age at all")
    async with sia_app.run_test(size=(80, 24)) as pilot:
        screen = await open_sync(pilot)
        await type_into(pilot, "#sync-import-path", str(inbox))
        records = screen.query_one("#sync-report", Section).table.records
    assert [(Path(r.file).name, r.status) for r in records] == [
        ("broken.siabundle", "rejected"),
        ("lead.siabundle", "imported"),
    ]
    [notice] = [n for n in sia_app._notifications if n.severity == "error"]
    assert notice.title == "1 bundle rejected, nothing of it imported"
    assert notice.message.startswith("broken.siabundle: ") and notice.markup is False


async def test_a_folder_with_no_bundles_says_so(pair: Pair, sia_app: SiaConsole) -> None:
    (pair.folder / "empty").mkdir()
    async with sia_app.run_test(size=(120, 40)) as pilot:
        await open_sync(pilot)
        await type_into(pilot, "#sync-import-path", str(pair.folder / "empty"))
        assert "Nothing imported yet in this session." in screen_text(sia_app)
    assert [n.message for n in sia_app._notifications] == ["No bundle files found there."]


# ------------------------------------------------------------------- the conflict dialog


async def open_conflict(pilot: Pilot[Any], pair: Pair) -> ConflictDialog:
    screen = await open_sync(pilot)
    await type_into(pilot, "#sync-import-path", str(pair.folder / "inbox"))
    screen.query_one("#sync-conflicts", Section).table.focus()
    await pilot.press("enter")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ConflictDialog)
    return dialog


async def test_compare_shows_both_versions_and_keeping_the_other_writes_it_back(
    pair: Pair, sia_app: SiaConsole
) -> None:
    code = lead_sends_back(pair, pair.folder / "inbox")
    async with sia_app.run_test(size=(120, 40)) as pilot:
        dialog = await open_conflict(pilot, pair)
        text = screen_text(sia_app)
        assert "school: Ysgol" in text
        assert LEAD_HEAD in text and SIA_HEAD in text
        assert "adviser_id" not in text  # the same id on both sides tells a person nothing
        assert "Other version: Core Lead, " in text and "Current: you, " in text
        table = dialog.query_one("#conflict-fields", DataTable)
        field = str(table.get_row_at(table.cursor_row)[0])
        assert field == "Headteacher"  # the cursor starts on the first difference, in words
        await pilot.click("#keep-other")
        await settle(pilot)
        assert isinstance(sia_app.screen, SyncScreen)
        assert sia_app.screen.sub_title == "Sync"
        assert "No conflicts: every record agrees." in screen_text(sia_app)
    assert head_of(pair.sia, code) == LEAD_HEAD
    with pair.sia.session() as s:
        assert sync_conflicts.unresolved_count(s) == 0
        kept = sync_conflicts.list_conflicts(s, include_resolved=True)
        # identities are never merged from a bundle, so only the school is listed
        assert {(row.table, row.resolved_at is not None) for row in kept} == {("school", True)}
        # the choice is a new local change: it goes to the core lead with the next bundle
        [school] = sync_export.pending_changes(s)["school"]
        assert isinstance(school, School) and school.headteacher == LEAD_HEAD


async def test_keep_current_and_close(pair: Pair, sia_app: SiaConsole) -> None:
    code = lead_sends_back(pair, pair.folder / "inbox")
    async with sia_app.run_test(size=(120, 40)) as pilot:
        await open_conflict(pilot, pair)
        await pilot.press("escape")  # closes without choosing
        await settle(pilot)
        assert isinstance(sia_app.screen, SyncScreen)
        assert sia_app.screen.sub_title == "Sync · 1 conflict"
        sia_app.screen.query_one("#sync-conflicts", Section).table.focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # "Keep current" has the focus
        await settle(pilot)
        assert isinstance(sia_app.screen, SyncScreen)
        assert sia_app.screen.sub_title == "Sync"
    assert head_of(pair.sia, code) == SIA_HEAD


async def test_the_dialog_fits_a_small_terminal(pair: Pair, sia_app: SiaConsole) -> None:
    lead_sends_back(pair, pair.folder / "inbox")
    async with sia_app.run_test(size=(80, 24)) as pilot:
        dialog = await open_conflict(pilot, pair)
        text = screen_text(sia_app)
        for label in ("Keep current", "Keep the other version", "Close"):
            assert label in text
        assert dialog.query_one("#keep-other", Button).region.bottom <= 24
        assert SIA_HEAD in text  # both versions fit side by side
        await pilot.click("#keep-other")
        await settle(pilot)
        assert isinstance(sia_app.screen, SyncScreen)


async def test_long_text_is_shown_again_where_it_differs(pair: Pair, sia_app: SiaConsole) -> None:
    lead_receives(pair)
    code, _name = first_school(pair.lead)
    ending = "and the last words differ: lead"
    long_head = "Mrs " + "Angharad " * 8
    set_head(pair.lead, code, long_head + ending)
    set_head(pair.sia, code, long_head + "and the last words differ: adviser")
    (pair.folder / "inbox").mkdir()
    with pair.lead.session() as s:
        sync_export.export_bundle(s, pair.folder / "inbox" / "lead.siabundle")
    async with sia_app.run_test(size=(120, 40)) as pilot:
        dialog = await open_conflict(pilot, pair)
        full = dialog.query_one("#conflict-full", Static)
        assert full.display
        # shown again from a little before where the two versions first differ
        assert shown(sia_app, "#conflict-full") == (
            "Other version: …Angharad and the last words differ: lead\n"
            "Current: …Angharad and the last words differ: adviser"
        )
        # only the field that differs is listed: the equal ones need no look at all
        assert dialog.query_one("#conflict-fields", DataTable).row_count == 1


# ---------------------------------------------------------------------------- pictures


def test_sync_screen_after_an_import_snapshot(
    snap_compare: SnapCompare, pair: Pair, sia_app: SiaConsole, relative_paths: Callable[..., Path]
) -> None:
    lead_sends_back(pair, pair.folder / "inbox")
    (pair.folder / "inbox" / "broken.siabundle").write_bytes(b"SIA-CONSOLE-BUNDLE v1\nxx")

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_sync(pilot)
        await type_into(pilot, "#sync-import-path", "inbox")
        fix_stamped_times(pair.sia)
        pilot.app.screen.query_one("#sync-conflicts", Section).table.focus()
        await pilot.press("r")  # read again, with the fixed times
        await settle(pilot)

    assert snap_compare(sia_app, terminal_size=(110, 44), run_before=run_before)


def test_conflict_dialog_snapshot(
    snap_compare: SnapCompare, pair: Pair, sia_app: SiaConsole, relative_paths: Callable[..., Path]
) -> None:
    lead_sends_back(pair, pair.folder / "inbox")

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_sync(pilot)
        await type_into(pilot, "#sync-import-path", "inbox")
        fix_stamped_times(pair.sia, versions=True)
        pilot.app.screen.query_one("#sync-conflicts", Section).table.focus()
        await pilot.press("r")  # read again, with the fixed times
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(sia_app, terminal_size=(80, 24), run_before=run_before)


def test_every_kind_of_record_is_named_in_words() -> None:
    assert set(KIND_LABELS) == set(TABLES)
    for table in TABLES:
        assert "_" not in kind_count(table, 2), table
    assert kind_count("category_change", 1) == "1 change of category"
