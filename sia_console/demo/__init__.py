"""The demo year and its fiction: a fictional adviser's year, for trying sia-console out.

``sia-console demo`` fills a separate database with it (:func:`year.fill_demo`), and the
benchmarks in ``bench/`` build their data from it; nothing else in the program imports
this package (an import-linter contract in ``pyproject.toml`` says so). The terminal UI
knows a demo database only by the ``Installation.is_demo`` flag stored in it.

``year`` fills the database and says what it holds; ``cast`` draws the adviser and the
link schools from the invented places and people of ``names``; ``visits`` places the
year's visits; ``notes`` writes the notes of the visits made, composing their text in
``sections`` from the sentences of ``prose`` and the priorities and actions of
``priorities``. The fiction is data written into the database, not interface text, so it
does not pass through ``_()``; what the demo tells the user (its progress, its errors)
does.
"""
