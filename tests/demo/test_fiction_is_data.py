"""The demo's fiction is data written into the database, not interface text to translate."""

from __future__ import annotations

import ast
from pathlib import Path

import sia_console.demo

TELLS_THE_USER = {"year.py"}
"""Modules that speak to the user (progress, errors): these translate what they say."""


def _translating_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("_", "ngettext")
    ]


def test_no_sentence_of_the_fiction_passes_through_the_translation_function() -> None:
    folder = Path(sia_console.demo.__file__).parent
    modules = sorted(folder.glob("*.py"))
    assert len(modules) > 5
    calls = {
        path.name: lines
        for path in modules
        if path.name not in TELLS_THE_USER and (lines := _translating_calls(path))
    }
    assert calls == {}
