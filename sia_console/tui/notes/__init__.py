"""Notes of visit in the terminal UI: the editor, its autosave and tasks, the search, and
what the app does for notes (open one, save before quitting, offer back a draft).

Everything here is for notes only; other screens use the messages (``messages``) and the
school's list of notes (``history``). Modules are imported where they are used, never
from this package, so that the first screen loads only what it needs.
"""
