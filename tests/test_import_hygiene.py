"""The inner layers never import a user-interface library (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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
        "                'demo', 'bundles'):\n"
        "    pkg = importlib.import_module('sia_console.' + package)\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "for name in ('diagnostics', 'paths', 'i18n'):\n"
        "    importlib.import_module('sia_console.' + name)\n"
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


def _heavy_after_command(argv: list[str], names: tuple[str, ...]) -> str:
    """Which of ``names`` are imported once ``sia-console ARGV`` has run (in a new process)."""
    script = (
        "import sys\n"
        f"sys.argv = ['sia-console', *{argv!r}]\n"
        "from sia_console.cli.main import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        f"names = {names!r}\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    return (
        subprocess.run(
            [sys.executable, "-c", script], check=True, capture_output=True, text=True, timeout=120
        )
        .stdout.strip()
        .splitlines()[-1]
    )


def test_command_help_does_not_load_textual_or_docx() -> None:
    output = _heavy_after_command(
        ["--help"], ("textual", "docx", "icalendar", "cryptography", "matplotlib", "xlsxwriter")
    )
    assert output == "HEAVY:"


def test_command_help_loads_no_command_database_or_rich() -> None:
    """``--help`` lists the commands without loading them (a lazy group)."""
    names = (
        "sqlalchemy",
        "sqlmodel",
        "pydantic",
        "alembic",
        "rich",
        "keyring",
        "sia_console.storage.database",
        "sia_console.cli.notes",
        "sia_console.cli.visits",
        "sia_console.services.today",
    )
    assert _heavy_after_command(["--help"], names) == "HEAVY:"


def test_a_command_loads_only_its_own_module(tmp_path: Path) -> None:
    """``notes list`` imports its own command module, not the others (nor the TUI or Word)."""
    names = (
        "textual",
        "docx",
        "icalendar",
        "cryptography",
        "alembic",
        "sia_console.cli.visits",
        "sia_console.cli.bundle",
        "sia_console.cli.demo",
        "sia_console.tui",
        "matplotlib",
        "xlsxwriter",
    )
    from sia_console.storage.database import open_database

    database = tmp_path / "notes.sqlite"
    open_database(database).dispose()
    output = _heavy_after_command(["--db", str(database), "notes", "list", "--json"], names)
    assert output == "HEAVY:"


@pytest.mark.parametrize("command", [["notes", "list", "--json"], ["visits", "list", "--json"]])
def test_a_listing_on_a_ready_database_loads_no_orm(tmp_path: Path, command: list[str]) -> None:
    """``notes list`` and ``visits list`` read a ready database through ``sqlite3`` alone
    (pydantic is not named: Typer's own adapters import it for every command)."""
    from tests.docx_support import make_demo_file

    database = make_demo_file(tmp_path)
    names = ("sqlalchemy", "sqlmodel", "alembic", "sia_console.storage.database")
    assert _heavy_after_command(["--db", str(database), *command], names) == "HEAVY:"


def test_every_package_has_its_place_in_the_layers() -> None:
    """A new top-level package or module must be given a layer (pyproject.toml)."""
    import pkgutil
    import tomllib
    from pathlib import Path

    import sia_console

    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    [layers] = [
        contract["layers"]
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["type"] == "layers"
    ]
    placed = {
        name.strip().removeprefix("sia_console.")
        for layer in layers
        for name in layer.replace("|", ":").split(":")
    }
    modules = {info.name for info in pkgutil.iter_modules(sia_console.__path__)}
    assert modules - {"_migrations"} <= placed, sorted(modules - placed)
