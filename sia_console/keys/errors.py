"""Errors about keys and key storage, each with one sentence a user can act on."""

from __future__ import annotations


class KeyStoreError(Exception):
    """A private key cannot be stored or read; ``str()`` is the user-facing sentence."""


class NoKeyringBackend(KeyStoreError):
    """No secure OS keyring is available (typical on headless Linux)."""
