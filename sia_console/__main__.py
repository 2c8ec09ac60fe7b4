"""``python -m sia_console`` runs the command line."""

from sia_console.cli.main import run

run()
