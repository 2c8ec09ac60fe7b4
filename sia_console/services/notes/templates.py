"""Note-of-visit templates: which sections a new note has, chosen by the visit's purpose.

The built-in default follows ``docs/domain.md`` (``domain.note_template``; its data
hypotheses section only at the first visit of the year). Other templates are TOML files:
shipped ones in ``sia_console/resources/note_templates/`` and an authority's own in the user
configuration folder's ``note-templates/`` (these win over shipped ones of the same
name). A template is chosen when a note is created, so changing a template never
changes a note already started; the note records the template's name.

A section may carry Welsh beside its English (``title_cy``, ``hint_cy``): optional, plain
text on one line, length-limited. An authority's file with a Welsh title that is not
that (a table, control characters, a page of text) is not used at all, and
:func:`template_problems` says why, one sentence per file; the shipped templates and
the default are used instead.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_dir

from sia_console.domain.note_template import (
    DEFAULT_TEMPLATE,
    SectionTemplate,
    default_section,
    default_sections,
)
from sia_console.domain.text import one_line
from sia_console.domain.validation import has_control_characters
from sia_console.domain.vocabulary import fold
from sia_console.i18n import _
from sia_console.paths import APP_NAME
from sia_console.resources import NOTE_TEMPLATES

USER_FOLDER = "note-templates"
MAX_TITLE = 200
MAX_HINT = 400


@dataclass(frozen=True)
class NoteTemplate:
    """A named set of sections, and the purposes it is chosen for."""

    name: str
    sections: tuple[SectionTemplate, ...]
    match_purpose: tuple[str, ...] = ()
    """Phrases (folded) that choose this template when a visit's purpose contains one."""


def user_templates_dir() -> Path:
    """Where an authority puts its own templates."""
    return Path(user_config_dir(APP_NAME, appauthor=False)) / USER_FOLDER


class _Refused(ValueError):
    """A template that is not used: ``str()`` says why, in one sentence."""


def _welsh(raw: dict[str, object], field: str, limit: int, key: str) -> str:
    """The optional Welsh ``field`` of section ``key``: plain text on one line, or refused."""
    value = raw.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Refused(
            _("the {field} of section {key} must be some text in quotes").format(
                field=field, key=one_line(key)[:64]
            )
        )
    if has_control_characters(value):
        raise _Refused(
            _("the {field} of section {key} contains control characters").format(
                field=field, key=one_line(key)[:64]
            )
        )
    if len(value) > limit:
        raise _Refused(
            _("the {field} of section {key} is longer than {limit} characters").format(
                field=field, key=one_line(key)[:64], limit=limit
            )
        )
    return " ".join(value.split())


def _section(raw: object) -> SectionTemplate | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
        return None
    key = raw["key"].strip()
    known = default_section(key)
    title = raw.get("title") if isinstance(raw.get("title"), str) else None
    hint = raw.get("hint") if isinstance(raw.get("hint"), str) else None
    if known is None and not title:
        return None
    return SectionTemplate(
        key=key[:64],
        title=one_line(title)[:MAX_TITLE] if title else known.title if known else key,
        hint=one_line(hint) if hint else known.hint if known else "",
        required=bool(raw.get("required", known.required if known else False)),
        title_cy=_welsh(raw, "title_cy", MAX_TITLE, key),
        hint_cy=_welsh(raw, "hint_cy", MAX_HINT, key),
    )


def _parse(text: str, fallback_name: str) -> NoteTemplate | None:
    """A template from TOML text; ``None`` when it describes no usable section;
    :class:`_Refused` when a Welsh title is not plain text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    sections: list[SectionTemplate] = []
    for raw in data.get("section", []) if isinstance(data.get("section"), list) else []:
        section = _section(raw)
        if section is not None and section.key not in {s.key for s in sections}:
            sections.append(section)
    if not sections:
        return None
    raw_name = data.get("name")
    name = raw_name if isinstance(raw_name, str) else fallback_name
    phrases = data.get("match_purpose", [])
    matches = tuple(fold(p) for p in phrases if isinstance(p, str) and p.strip())
    return NoteTemplate(
        name=name.strip()[:64] or fallback_name, sections=tuple(sections), match_purpose=matches
    )


def parse_template(text: str, fallback_name: str) -> NoteTemplate | None:
    """A template from TOML text, or ``None`` when it is not one to use."""
    try:
        return _parse(text, fallback_name)
    except _Refused:
        return None


def template_problem(text: str, file_name: str) -> str | None:
    """Why the template text of ``file_name`` is not used (one sentence), or ``None``."""
    try:
        _parse(text, file_name)
    except _Refused as refused:
        return _("The note template {file} is not used: {reason}.").format(
            file=file_name, reason=refused
        )
    return None


def _user_files() -> list[tuple[Path, str | None]]:
    """The authority's note template files, each with its text (``None``: unreadable)."""
    folder = user_templates_dir()
    if not folder.is_dir():
        return []
    found: list[tuple[Path, str | None]] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            found.append((path, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            found.append((path, None))
    return found


def template_problems() -> list[str]:
    """Why each of the authority's note templates that is refused is refused."""
    found: list[str] = []
    for path, text in _user_files():
        if text is None:
            found.append(
                _("The note template {file} is not used: it cannot be read as UTF-8 text.").format(
                    file=path.name
                )
            )
            continue
        problem = template_problem(text, path.name)
        if problem is not None:
            found.append(problem)
    return found


def _shipped() -> list[NoteTemplate]:
    found: list[NoteTemplate] = []
    for path in sorted(NOTE_TEMPLATES.glob("*.toml")):
        template = parse_template(path.read_text(encoding="utf-8"), path.stem)
        if template is not None:
            found.append(template)
    return found


def _user() -> list[NoteTemplate]:
    found: list[NoteTemplate] = []
    for path, text in _user_files():
        template = parse_template(text, path.stem) if text is not None else None
        if template is not None:
            found.append(template)
    return found


def available_templates() -> list[NoteTemplate]:
    """The authority's templates, then shipped ones not overridden by name."""
    user = _user()
    names = {t.name for t in user}
    return user + [t for t in _shipped() if t.name not in names]


def choose_template(purpose: str, programme_slot: int | None) -> NoteTemplate:
    """The template for a new note of a visit with this purpose and programme slot."""
    wanted = fold(purpose)
    for template in available_templates():
        if any(phrase in wanted for phrase in template.match_purpose):
            return template
    return NoteTemplate(DEFAULT_TEMPLATE, default_sections(programme_slot))


def find_template(name: str, programme_slot: int | None) -> NoteTemplate:
    """The template called ``name`` (the built-in default if it is no longer there)."""
    if name != DEFAULT_TEMPLATE:
        for template in available_templates():
            if template.name == name:
                return template
    return NoteTemplate(DEFAULT_TEMPLATE, default_sections(programme_slot))
