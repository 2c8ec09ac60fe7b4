"""Where private keys live: the OS keyring, or a passphrase-protected file.

The keyring entries are namespaced by the database's installation id, so two databases
on one machine never share a key. ``PYTHON_KEYRING_BACKEND`` is honoured (``keyring``
reads it). Where no secure keyring exists (headless Linux) the documented fallback is
an age file encrypted with a passphrase (scrypt) from ``SIA_CONSOLE_PASSPHRASE``; a
private key is never written to disk in plaintext. See ``docs/keys.md``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Protocol

from sia_console.i18n import _
from sia_console.keys.errors import KeysLocked, KeyStoreError, NoKeyringBackend, WrongPassphrase
from sia_console.paths import data_dir
from sia_console.storage.atomic import atomic_write_bytes

PASSPHRASE_ENV = "SIA_CONSOLE_PASSPHRASE"
DEMO_PASSPHRASE = "demo"
"""Protects the keys of the fictional demo identity only; documented in the README."""

KEYRING = "keyring"
PASSPHRASE_FILE = "passphrase-file"
MAX_KEY_FILE_BYTES = 64 * 1024

_INSECURE_BACKENDS = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class _HasInstallation(Protocol):
    installation_id: str


class KeyStore(Protocol):
    """Somewhere to keep short secrets by name."""

    kind: str
    """``keyring`` or ``passphrase-file``; recorded with the identity."""

    def put(self, name: str, secret: str) -> None:
        """Store ``secret`` under ``name``, replacing any previous value."""

    def put_many(self, secrets: dict[str, str]) -> None:
        """Store several secrets at once."""

    def get(self, name: str) -> str:
        """The secret stored under ``name``; :class:`KeyStoreError` if absent."""

    def delete(self, name: str) -> None:
        """Forget ``name`` (no error if absent)."""


def keyring_backend_name() -> str:
    """The active keyring backend's class, for messages."""
    import keyring

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def secure_keyring_available() -> bool:
    """True when the active keyring backend keeps secrets safely (not plaintext, not null)."""
    import keyring

    backend = keyring.get_keyring()
    candidates = list(getattr(backend, "backends", [])) or [backend]
    for candidate in candidates:
        module = type(candidate).__module__
        if module.startswith(_INSECURE_BACKENDS):
            continue
        try:
            if float(getattr(candidate, "priority", 1)) > 0:
                return True
        except Exception:  # a backend whose priority check fails is unusable
            continue
    return False


class KeyringStore:
    """Secrets in the OS keyring (Windows Credential Manager, macOS Keychain, Secret Service)."""

    kind = KEYRING

    def __init__(self, namespace: str) -> None:
        self.service = f"sia-console/{namespace}"

    def put(self, name: str, secret: str) -> None:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(self.service, name, secret)
        except KeyringError as exc:
            raise KeyStoreError(
                _("The OS keyring refused to store a key: {reason}.").format(reason=exc)
            ) from exc

    def put_many(self, secrets: dict[str, str]) -> None:
        for name, secret in secrets.items():
            self.put(name, secret)

    def get(self, name: str) -> str:
        import keyring
        from keyring.errors import KeyringError

        try:
            secret = keyring.get_password(self.service, name)
        except KeyringError as exc:
            raise KeyStoreError(
                _("The OS keyring could not be read: {reason}.").format(reason=exc)
            ) from exc
        if secret is None:
            raise KeyStoreError(
                _("The private key {name} is missing from the OS keyring.").format(name=name)
            )
        return secret

    def delete(self, name: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(self.service, name)
        except (PasswordDeleteError, KeyringError):
            return


class PassphraseFileStore:
    """Secrets in one age file encrypted with a passphrase (the headless fallback)."""

    kind = PASSPHRASE_FILE

    def __init__(self, path: Path, passphrase: str) -> None:
        if not passphrase:
            raise KeyStoreError(_("The passphrase for the key file must not be empty."))
        self.path = path
        self._passphrase = passphrase
        self._cache: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        """The stored secrets; decrypted once per store (scrypt is slow on purpose)."""
        if self._cache is None:
            self._cache = self._decrypt()
        return dict(self._cache)

    def _decrypt(self) -> dict[str, str]:
        from pyrage import passphrase as age_passphrase

        if not self.path.exists():
            return {}
        data = self.path.read_bytes()
        if len(data) > MAX_KEY_FILE_BYTES:
            raise KeyStoreError(_("The key file {path} is too large.").format(path=self.path))
        try:
            plain = age_passphrase.decrypt(data, self._passphrase)
        except Exception as exc:
            raise WrongPassphrase(
                _("Cannot unlock {path}: the passphrase is wrong or the file is damaged.").format(
                    path=self.path
                )
            ) from exc
        try:
            loaded = json.loads(plain.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KeyStoreError(
                _("The key file {path} is damaged.").format(path=self.path)
            ) from exc
        if not isinstance(loaded, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in loaded.items()
        ):
            raise KeyStoreError(_("The key file {path} is damaged.").format(path=self.path))
        return loaded

    def _save(self, secrets: dict[str, str]) -> None:
        from pyrage import passphrase as age_passphrase

        self.path.parent.mkdir(parents=True, exist_ok=True)
        plain = json.dumps(secrets, sort_keys=True).encode("utf-8")
        atomic_write_bytes(self.path, age_passphrase.encrypt(plain, self._passphrase))
        self._cache = dict(secrets)

    def put(self, name: str, secret: str) -> None:
        self.put_many({name: secret})

    def put_many(self, secrets: dict[str, str]) -> None:
        stored = self._load()
        stored.update(secrets)
        self._save(stored)

    def get(self, name: str) -> str:
        secrets = self._load()
        if name not in secrets:
            raise KeyStoreError(
                _("The private key {name} is missing from {path}.").format(
                    name=name, path=self.path
                )
            )
        return secrets[name]

    def delete(self, name: str) -> None:
        secrets = self._load()
        if secrets.pop(name, None) is not None:
            self._save(secrets)


def key_file_path(namespace: str) -> Path:
    """The fallback key file of one database, in the user data folder."""
    return data_dir() / "keys" / f"{namespace}.keys.age"


def open_keystore(
    namespace: str, *, kind: str | None = None, demo: bool = False, passphrase: str | None = None
) -> KeyStore:
    """The key store for the database whose installation id is ``namespace``.

    ``kind`` is the store an existing identity recorded; ``None`` picks the OS keyring
    when a secure one exists, else the passphrase file.
    """
    use_keyring = kind == KEYRING or (kind is None and secure_keyring_available())
    if use_keyring:
        return KeyringStore(namespace)
    chosen = passphrase or os.environ.get(PASSPHRASE_ENV) or (DEMO_PASSPHRASE if demo else "")
    if not chosen and kind == PASSPHRASE_FILE:
        path = key_file_path(namespace)
        raise KeysLocked(
            _(
                "The private keys are in a file protected by a passphrase ({path}), and no "
                "passphrase was given: set {env} to the passphrase chosen when the identity "
                "was made (the terminal UI asks for it)."
            ).format(path=path, env=PASSPHRASE_ENV),
            path,
        )
    if not chosen:
        raise NoKeyringBackend(
            _(
                "No secure OS keyring is available here ({backend}). Set {env} to a passphrase "
                "to keep the private keys in an encrypted file instead (see docs/keys.md)."
            ).format(backend=keyring_backend_name(), env=PASSPHRASE_ENV)
        )
    return PassphraseFileStore(key_file_path(namespace), chosen)


def keystore_for(
    database: _HasInstallation, *, demo: bool = False, passphrase: str | None = None
) -> KeyStore:
    """The key store to create a new identity in, for an open database."""
    return open_keystore(database.installation_id, demo=demo, passphrase=passphrase)
