"""Errors the storage layer raises, each with one sentence a user can act on."""

from __future__ import annotations


class StorageError(Exception):
    """The database cannot be opened or used; ``str()`` is the user-facing sentence."""
