"""``python -m sia_console`` runs the command line (as the ``sia-console`` script does)."""

from sia_console.cli.entry import run

run()
