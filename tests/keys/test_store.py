"""Key stores: the OS keyring namespaced per database, and the passphrase fallback."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from sia_console.keys.errors import KeysLocked, KeyStoreError, NoKeyringBackend, WrongPassphrase
from sia_console.keys.store import (
    KEYRING,
    PASSPHRASE_FILE,
    KeyringStore,
    PassphraseFileStore,
    key_file_path,
    open_keystore,
    secure_keyring_available,
)
from tests.memory_keyring import MemoryKeyring


def test_keyring_entries_are_namespaced_per_database(memory_keyring: MemoryKeyring) -> None:
    first, second = KeyringStore("db-one"), KeyringStore("db-two")
    first.put("signing-key", "one")
    second.put("signing-key", "two")
    assert first.get("signing-key") == "one"
    assert second.get("signing-key") == "two"
    assert len(memory_keyring.secrets) == 2


def test_missing_keyring_entry_is_a_clear_error() -> None:
    with pytest.raises(KeyStoreError, match="missing from the OS keyring"):
        KeyringStore("nowhere").get("signing-key")


def test_memory_backend_counts_as_secure() -> None:
    assert secure_keyring_available()
    assert open_keystore("n").kind == KEYRING


def test_no_backend_says_so_and_offers_the_fallback() -> None:
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    assert not secure_keyring_available()
    with pytest.raises(NoKeyringBackend, match="SIA_CONSOLE_PASSPHRASE"):
        open_keystore("n")


def test_no_backend_with_a_passphrase_uses_the_encrypted_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    monkeypatch.setenv("SIA_CONSOLE_PASSPHRASE", "correct horse")
    store = open_keystore("n")
    assert store.kind == PASSPHRASE_FILE


def test_passphrase_file_never_holds_plaintext(tmp_path: Path) -> None:
    path = tmp_path / "k.keys.age"
    store = PassphraseFileStore(path, "correct horse")
    secret = "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
    store.put("encryption-key", secret)
    raw = path.read_bytes()
    assert secret.encode() not in raw and b"encryption-key" not in raw
    assert raw.startswith(b"age-encryption.org/v1")
    assert PassphraseFileStore(path, "correct horse").get("encryption-key") == secret


def test_wrong_passphrase_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.keys.age"
    PassphraseFileStore(path, "right").put("signing-key", "x")
    with pytest.raises(KeyStoreError, match="passphrase is wrong"):
        PassphraseFileStore(path, "wrong").get("signing-key")


def test_damaged_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.keys.age"
    PassphraseFileStore(path, "right").put("signing-key", "x")
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(KeyStoreError):
        PassphraseFileStore(path, "right").get("signing-key")


def test_keys_in_a_key_file_without_a_passphrase_are_locked_and_say_how_to_unlock() -> None:
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    with pytest.raises(KeysLocked, match="SIA_CONSOLE_PASSPHRASE") as locked:
        open_keystore("n", kind=PASSPHRASE_FILE)
    assert locked.value.path == key_file_path("n")
    assert str(key_file_path("n")) in str(locked.value)


def test_a_wrong_passphrase_is_its_own_error(tmp_path: Path) -> None:
    path = tmp_path / "k.keys.age"
    PassphraseFileStore(path, "correct horse").put("signing-key", "secret")
    with pytest.raises(WrongPassphrase, match="passphrase is wrong"):
        PassphraseFileStore(path, "battery staple").get("signing-key")
