"""The first screen loads only what it needs (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys


def _modules_after(statement: str) -> set[str]:
    script = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))\n"
    output = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, timeout=120
    ).stdout
    return set(json.loads(output))


def _top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_importing_launch_does_not_load_textual() -> None:
    loaded = _top_level(_modules_after("import sia_console.tui.launch"))
    assert "textual" not in loaded


def test_the_first_screen_needs_no_docx_calendar_or_cryptography() -> None:
    loaded = _top_level(
        _modules_after(
            "from sia_console.tui.launch import make_app\n"
            "from sia_console.storage.database import open_database\n"
            "make_app(open_database(None))"
        )
    )
    assert "textual" in loaded
    assert loaded.isdisjoint(
        {"docx", "icalendar", "cryptography", "pyrage", "keyring", "matplotlib", "xlsxwriter"}
    )
