"""The inner layers never import a user-interface library (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys

INNER = [
    "sia_console.domain.models",
    "sia_console.domain.hlc",
    "sia_console.domain.schemes",
    "sia_console.domain.validation",
    "sia_console.storage.database",
    "sia_console.keys.store",
    "sia_console.keys.material",
    "sia_console.services.identity",
    "sia_console.services.settings",
]
FORBIDDEN = ("textual", "typer", "rich", "sia_console.tui", "sia_console.cli")


def _loaded_after_importing(modules: list[str]) -> set[str]:
    script = (
        "import importlib, json, pkgutil, sys\n"
        "import sia_console\n"
        "for package in ('domain', 'services', 'storage', 'keys', 'formats', 'resources',\n"
        "                'demo'):\n"
        "    pkg = importlib.import_module('sia_console.' + package)\n"
        "    for info in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(f'sia_console.{package}.{info.name}')\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, timeout=120
    ).stdout
    return set(json.loads(output))


def test_domain_services_and_adapters_import_no_ui_library() -> None:
    loaded = _loaded_after_importing(INNER)
    offenders = sorted(
        name for name in loaded if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    )
    assert offenders == []


def test_command_help_does_not_load_textual_or_docx() -> None:
    script = (
        "import sys\n"
        "sys.argv = ['sia-console', '--help']\n"
        "from sia_console.cli.main import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "names = ('textual', 'docx', 'icalendar', 'cryptography')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    output = (
        subprocess.run(
            [sys.executable, "-c", script], check=True, capture_output=True, text=True, timeout=120
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert output == "HEAVY:"
