"""The ``sia-console`` console script: the terminal UI at once, or the command line.

``sia-console`` and ``sia-console --db FILE`` open the terminal UI. When that database is
ready as it is (``storage.quick``), the UI starts from here, without importing the
command-line framework, so the adviser's day is on the screen sooner; anything else (a
command, an option, a database that needs creating, migrating or refusing) goes to
:func:`sia_console.cli.main.run`, which does as it always did.
"""

from __future__ import annotations

import sys
from pathlib import Path


def ui_database(args: list[str]) -> Path | None:
    """The database of a command line that only opens the UI (``None`` for any other)."""
    if not args:
        from sia_console.paths import default_db_path

        return default_db_path()
    if len(args) == 2 and args[0] == "--db" and args[1] and not args[1].startswith("-"):
        return Path(args[1]).expanduser()
    return None


def run() -> None:
    """Console-script entry point."""
    path = ui_database(sys.argv[1:])
    if path is not None and start_ui(path):
        return
    from sia_console.cli.main import run as run_command_line

    run_command_line()


def start_ui(path: Path) -> bool:
    """Run the UI on ``path`` if it is ready as it is; ``False`` (nothing done) if not.

    A failure while the UI runs is told as the command group tells it: one sentence on
    stderr (an unexpected error logged first), exit status 1.
    """
    from sia_console.storage.quick import QuickDatabase, open_ready

    connection = open_ready(path)
    if connection is None:
        return False
    import logging

    from sia_console.cli.failures import sentences_for, warn
    from sia_console.tui.launch import run_app

    logging.basicConfig(level=logging.WARNING)
    try:
        run_app(QuickDatabase(path, connection))
    except Exception as exc:
        for sentence in sentences_for(exc, path):
            warn(sentence)
        sys.exit(1)
    return True
