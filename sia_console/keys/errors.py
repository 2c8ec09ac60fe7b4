"""Errors about keys and key storage, each with one sentence a user can act on."""

from __future__ import annotations

from pathlib import Path


class KeyStoreError(Exception):
    """A private key cannot be stored or read; ``str()`` is the user-facing sentence."""


class NoKeyringBackend(KeyStoreError):
    """No secure OS keyring is available (typical on headless Linux)."""


class KeysLocked(NoKeyringBackend):
    """The identity's keys are in a passphrase-protected file and no passphrase was given.

    The terminal UI asks for the passphrase and tries again; the command line says to set
    ``SIA_CONSOLE_PASSPHRASE``.
    """

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path
        """The key file that the passphrase opens."""


class WrongPassphrase(KeyStoreError):
    """The passphrase given does not open the key file (or the file is damaged)."""
