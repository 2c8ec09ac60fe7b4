"""The key file's passphrase, typed into the terminal UI and held for that run only.

Where no secure OS keyring exists, the private keys live in a passphrase-protected file
(``store.PassphraseFileStore``). The command line reads the passphrase from
``SIA_CONSOLE_PASSPHRASE``; the terminal UI asks for it the first time a key is needed
and keeps it here, in memory: never on disk, in a log, or in a ``repr``.
"""

from __future__ import annotations


class SessionPassphrase:
    """A passphrase held in memory until the app ends (or it is forgotten)."""

    __slots__ = ("_value",)

    def __init__(self) -> None:
        self._value: str | None = None

    @property
    def value(self) -> str | None:
        """The passphrase, or ``None`` while none has been given."""
        return self._value

    def hold(self, passphrase: str) -> None:
        """Keep ``passphrase`` (one that has been checked against the key file)."""
        self._value = passphrase

    def forget(self) -> None:
        """Drop the passphrase."""
        self._value = None

    def __repr__(self) -> str:
        return f"SessionPassphrase({'held' if self._value else 'empty'})"
