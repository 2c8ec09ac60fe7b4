"""Notes of visit in the terminal UI: everything for notes, in one place.

* ``editor``: the note editor screen, which hears its widgets and wires the parts below;
  ``keys`` (its bindings), ``status`` (its status line), ``found`` (the words a search
  found), ``fields`` (what it saves, as it stands on screen);
* ``autosave`` (when to save, and the :class:`~.autosave.Autosaver` the editor owns) and
  ``drafts`` (what a save carries, and the writer that saves in order from a thread);
* ``tasks``: finalise, amend, the head's response, actions, Word, as functions;
* ``pages``, ``risk_panel``, ``action_tables``: the editor's pages and what is on them;
  ``dialogs`` and ``action_dialogs``: its dialogs;
* ``search``: the search of every note; ``history``: a school's notes, for its pages;
* ``app`` (what the app does for notes: open one, find the open editors and save them
  before quitting, offer back an interrupted draft), ``commands`` (the palette's
  notes), ``messages``; ``notes.tcss``, the look of the editor and the search.

Modules are imported where they are used, never from this package, so that the first
screen loads only what it needs.
"""
