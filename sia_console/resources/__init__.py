"""Packaged data: where each kind of file shipped inside sia-console lives.

Everything sia-console reads from its own installation is here, in one folder per kind:

- ``programmes/``: programme templates (TOML), the annual programme of visits; the
  shipped default is Wiltshire's (read by ``services.programme.templates``);
- ``note_templates/``: note-of-visit templates (TOML) beside the built-in default (read
  by ``services.notes.templates``);
- ``word/``: the Word template notes of visit are styled by (read by
  ``formats.docx_template``, written by ``python -m sia_console.formats.make_template``).

This module only says where; the modules named above read the files, and the domain
never does (it parses text it is given). sia-console is installed as files (a wheel or
an editable checkout), never run from a zip, so each place is a plain :class:`Path`;
that lets ``make_template`` write the Word template where the package reads it. The
wheel carries every file under ``sia_console/`` that git does not ignore (hatch), which
is why ``.gitignore`` makes an exception for ``word/*.docx``.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
"""This folder, inside the installed package."""

PROGRAMME_TEMPLATES = HERE / "programmes"
"""Programme templates shipped with sia-console (TOML)."""

DEFAULT_PROGRAMME_TEMPLATE = PROGRAMME_TEMPLATES / "wiltshire.toml"
"""The programme used unless another template is given: Wiltshire's six visits."""

NOTE_TEMPLATES = HERE / "note_templates"
"""Note-of-visit templates shipped with sia-console (TOML); an authority's own win."""

WORD_NOTE_TEMPLATE = HERE / "word" / "note-of-visit.docx"
"""The Word template notes of visit are written in, unless a setting names another."""
