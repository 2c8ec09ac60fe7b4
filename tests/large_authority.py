"""The large authority of ``bench/authority.py`` (400 schools, 30 SIAs), built once per
test process into a private folder; each test works on its own copy of the file."""

from __future__ import annotations

import importlib
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import keyring

TODAY = date(2026, 11, 23)
"""The day the large authority is built for."""


@cache
def _built() -> Path:
    path = Path(tempfile.mkdtemp(prefix="sia-large-authority-")) / "authority.sqlite"
    previous = keyring.get_keyring()
    # (loaded by name: the benchmark is a script of its own, outside the typed package)
    build: Callable[[Path], Any] = importlib.import_module("bench.authority").build
    try:
        build(path)
    finally:
        keyring.set_keyring(previous)
    return path


def large_authority(target: Path) -> Path:
    """A copy of the large authority's database at ``target``."""
    shutil.copyfile(_built(), target)
    return target
