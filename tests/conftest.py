"""Shared fixtures: databases that live only as long as a test, and isolated folders."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlmodel import Session

from sia_console import i18n
from sia_console.storage.database import Database, open_database
from tests.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the real user folders and the real keyring."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("SIA_CONSOLE_DB", raising=False)
    monkeypatch.delenv("SIA_CONSOLE_PASSPHRASE", raising=False)
    monkeypatch.setenv("SIA_CONSOLE_LANG", "en_GB")
    i18n.set_language(None)  # a language a test chose never reaches the next test


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """A test that switches the language (``--lang``, the palette) leaves English behind."""
    yield
    if i18n._chosen is not None:
        i18n.set_language(None)
        language = sys.modules.get("sia_console.tui.language")
        if language is not None:  # words fixed at import, put back into English
            language.retranslate_classes()


@pytest.fixture
def database() -> Iterator[Database]:
    """A fresh, migrated, in-memory database."""
    db = open_database(None)
    yield db
    db.dispose()


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    """One transaction on a fresh database, committed at the end of the test."""
    with database.session() as s:
        yield s


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path where a test may create a database file."""
    return tmp_path / "sia.sqlite"


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets a fresh in-memory OS keyring, never the machine's real one."""
    previous: KeyringBackend = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
