"""Unlocking the keys in the app: where no secure keyring exists, the key file's passphrase
is asked for when a key is first needed (a Sync export or import), checked, and held for
the run only; a wrong one is said plainly and nothing is written.
"""

from __future__ import annotations

import shutil
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from textual.pilot import Pilot
from textual.widgets import Input, Static

from sia_console.domain.enums import Role
from sia_console.domain.models import School, Visit
from sia_console.keys.errors import KeysLocked, KeyStoreError
from sia_console.keys.store import (
    PASSPHRASE_FILE,
    PassphraseFileStore,
    key_file_path,
    open_keystore,
)
from sia_console.keys.unlock import SessionPassphrase
from sia_console.services import identity
from sia_console.storage.database import Database, open_database
from sia_console.tui.dialogs.unlock import WRONG, UnlockDialog
from sia_console.tui.launch import make_app
from sia_console.tui.screens.base import describe
from sia_console.tui.screens.sync import SyncScreen
from sia_console.tui.widgets.safe_input import SafeInput

from .conftest import TODAY
from .test_crash_recovery import Tmux, child_environment, wait_for

PASSPHRASE = "a long passphrase, Dŵr"


def adviser_with_key_file(tmp_path: Path, *, trusting: bool = True) -> Database:
    """An adviser whose keys are in a passphrase file, trusting a core lead (or not yet:
    the core lead's card is written all the same)."""
    lead = open_database(tmp_path / "lead.sqlite")
    with lead.session() as s:
        identity.create_identity(
            s, open_keystore(identity.installation_id(s)), name="Lead", role=Role.CORE_LEAD
        )
        identity.export_card(s, tmp_path / "lead.card")
    lead.dispose()
    sia = open_database(tmp_path / "sia.sqlite")
    with sia.session() as s:
        store = PassphraseFileStore(key_file_path(identity.installation_id(s)), PASSPHRASE)
        identity.create_identity(s, store, name="Siân", role=Role.SIA)
        if trusting:
            identity.trust_card(s, tmp_path / "lead.card")
        school = School(code="UL1", name="Ysgol y Graig", local_authority="Gwynedd")
        s.add(school)
        s.flush()
        start = datetime(2026, 11, 2, 9, 0)
        s.add(Visit(school_id=school.id, start=start, end=start + timedelta(hours=3)))
    return sia


@pytest.fixture
def sia(tmp_path: Path) -> Database:
    database = adviser_with_key_file(tmp_path)
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]  # no secure keyring
    return database


async def settle(pilot: Pilot[Any]) -> None:
    for _round in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def test_an_export_asks_for_the_passphrase_says_a_wrong_one_plainly_then_exports(
    sia: Database, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    app = make_app(sia, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        app.screen.query_one("#sync-folder", SafeInput).value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, UnlockDialog)
        assert dialog.query_one(Input).password  # masked
        await pilot.press(*"not it", "enter")
        await settle(pilot)
        assert app.screen is dialog
        assert str(dialog.query_one("#unlock-problem", Static).render()).startswith(
            "That passphrase does not open the keys"
        )
        assert app.context.passphrase.value is None
        assert list(out.iterdir()) == []
        await pilot.press(*PASSPHRASE, "enter")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        assert app.context.passphrase.value == PASSPHRASE
        assert len(list(out.glob("*.siabundle"))) == 1
    sia.dispose()


async def test_cancelling_the_unlock_leaves_the_keys_locked_and_says_so(
    sia: Database, tmp_path: Path
) -> None:
    app = make_app(sia, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        app.screen.query_one("#sync-folder", SafeInput).value = str(tmp_path)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, UnlockDialog)
        await pilot.press("escape")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SyncScreen)
        status = str(screen.query_one("#sync-export-status", Static).render())
        assert "still locked" in status
    sia.dispose()


def test_the_keys_of_a_key_file_are_locked_until_a_passphrase_is_given(
    sia: Database,
) -> None:
    with sia.session() as s:
        assert identity.show_identity(s).key_store == PASSPHRASE_FILE
        with pytest.raises(KeysLocked):
            identity.identity_keystore(s)
        with pytest.raises(KeyStoreError, match="passphrase is wrong"):
            identity.unlock_keys(s, "not it")
        identity.unlock_keys(s, PASSPHRASE)
    sia.dispose()


def test_a_held_passphrase_never_shows_in_a_repr() -> None:
    held = SessionPassphrase()
    held.hold(PASSPHRASE)
    assert PASSPHRASE not in repr(held)
    assert "held" in repr(held)


def test_a_key_store_error_is_its_own_sentence_on_every_screen() -> None:
    assert describe(KeyStoreError("The OS keyring could not be read: locked.")) == (
        "The OS keyring could not be read: locked."
    )
    assert WRONG.startswith("That passphrase does not open the keys")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_the_real_program_asks_for_the_passphrase_masked_and_exports(tmp_path: Path) -> None:
    """In a terminal, with no keyring at all: Sync, Enter, the dialog, the passphrase."""
    adviser_with_key_file(tmp_path).dispose()
    out = tmp_path / "out"
    out.mkdir()
    tmux = Tmux(child_environment(tmp_path / "home"))
    try:
        tmux.start("app", f"{sys.executable} -m sia_console --db {tmp_path / 'sia.sqlite'}")
        wait_for(lambda: "Dashboard" in tmux.screen("app"))
        tmux.type("app", "y")
        wait_for(lambda: "Export a bundle" in tmux.screen("app"))
        tmux.run("send-keys", "-t", "app", "C-u")
        tmux.type("app", str(out))
        tmux.run("send-keys", "-t", "app", "Enter")
        wait_for(lambda: "Unlock the keys" in tmux.screen("app"))
        tmux.type("app", PASSPHRASE)
        wait_for(lambda: "•" * 5 in tmux.screen("app"), timeout=5)
        assert PASSPHRASE not in tmux.screen("app")
        tmux.run("send-keys", "-t", "app", "Enter")
        wait_for(lambda: len(list(out.glob("*.siabundle"))) == 1)
        wait_for(lambda: "Unlock the keys" not in tmux.screen("app"), timeout=5)
    finally:
        tmux.close()


async def test_cards_are_written_and_trusted_in_the_app(tmp_path: Path) -> None:
    """No trusted core lead: Sync says how; the card is written (after unlocking) and the
    core lead's trusted without leaving the app; Sync can then export."""
    sia = adviser_with_key_file(tmp_path, trusting=False)
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    app = make_app(sia, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        preview = str(app.screen.query_one("#sync-preview", Static).content)
        assert "Write my identity card" in preview and "Trust an identity card" in preview
        app.exchange_cards(True)
        await settle(pilot)
        app.screen.query_one("#card-path", SafeInput).value = str(tmp_path / "me.card")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, UnlockDialog)
        await pilot.press(*PASSPHRASE, "enter")
        await settle(pilot)
        assert (tmp_path / "me.card").exists()
        assert isinstance(app.screen, SyncScreen)
        app.exchange_cards(False)
        await settle(pilot)
        app.screen.query_one("#card-path", SafeInput).value = str(tmp_path / "lead.card")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        preview = str(app.screen.query_one("#sync-preview", Static).content)
        assert "No trusted core lead" not in preview
    with sia.session() as s:
        assert [peer.name for peer, _at in identity.trusted_peers(s)] == ["Lead"]
        assert identity.read_card(tmp_path / "me.card")["name"] == "Siân"
    sia.dispose()
