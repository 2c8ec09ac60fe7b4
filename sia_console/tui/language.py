"""Switching the interface language in a running app, every screen at once, no restart.

``_`` looks the language up on every call, so whatever is put into words after the
switch is in the new language. What was put into words before it is put into the new
language here: the keys' descriptions (fixed when each screen's module was imported),
the words of the widgets on every screen of every place (titles, headings, buttons,
placeholders, column heads, sentences), and then each screen that can reads its data
again, so that counts and dates are worded afresh. Nothing is rebuilt: a half-written
note, a filter being typed and the place in a list all stay as they are.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from enum import Enum
from typing import Any

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Static

from sia_console.i18n import Said, retranslate

_WORDS = (str, Said, tuple, list, dict)
"""The types of the constants of words put into another language (never an enum's member,
though a ``StrEnum``'s is a ``str`` too)."""


def _binding(binding: Any) -> Any:
    if not isinstance(binding, Binding):
        return binding
    return replace(
        binding,
        description=retranslate(binding.description) if binding.description else "",
        tooltip=retranslate(binding.tooltip) if binding.tooltip else "",
    )


def _word(value: Any) -> Any:
    """``value`` in the language now if it is a message (str, Content or Text), else as is."""
    if isinstance(value, str):
        return retranslate(value) if value else value
    if isinstance(value, Content | Text):
        plain = value.plain
        again = retranslate(plain) if plain else plain
        if again == plain:
            return value
        return Content(again) if isinstance(value, Content) else Text(again)
    return value


def _again(value: Any) -> Any:
    """A constant of words (a message, or a tuple, list or dict of them, or a key) in the
    language now; anything else as it is."""
    if type(value) in (str, Said):
        return retranslate(value) if value else value
    if isinstance(value, Binding):
        return _binding(value)
    if type(value) in (tuple, list):
        again = [_again(item) for item in value]
        return value if again == list(value) else type(value)(again)
    if type(value) is dict:
        return {key: _again(item) for key, item in value.items()}
    return value


def retranslate_classes() -> None:
    """Put the words fixed at import (keys, class and module texts) into the language now.

    Every class and module of the terminal UI is visited: the ``BINDINGS`` of each
    screen and widget, and its constants of words (``READING``, ``LOAD_FAILED``, the
    ``COLUMNS`` of a table, a module's ``KIND_LABELS`` …).
    """
    nodes: list[type[DOMNode]] = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("sia_console.tui") or module is None:
            continue
        for attr, value in list(vars(module).items()):
            if attr.lstrip("_").isupper() and type(value) in _WORDS:
                setattr(module, attr, _again(value))
            elif isinstance(value, type) and value.__module__ == name:
                _retranslate_class(value)
                if issubclass(value, DOMNode):
                    nodes.append(value)
    for node in nodes:  # each class's keys, merged with its bases' (as Textual does)
        node._merged_bindings = node._merge_bindings()


def _retranslate_class(cls: type) -> None:
    if issubclass(cls, Enum):
        return
    for attr, value in list(vars(cls).items()):
        if attr in {"CSS", "DEFAULT_CSS", "CSS_PATH", "COMPONENT_CLASSES"}:
            continue
        if attr.isupper() and type(value) in _WORDS:
            setattr(cls, attr, _again(value))


def _retranslate_bindings(node: DOMNode) -> None:
    bindings = node._bindings  # the instance's own copy, made from BINDINGS at its start
    for key, chain in list(bindings.key_to_bindings.items()):
        bindings.key_to_bindings[key] = [_binding(binding) for binding in chain]


def retranslate_screen(screen: Screen[Any]) -> None:
    """Put the words already on ``screen`` into the language now, then read it again."""
    screen.title = _word(screen.title) if screen.title else screen.title
    screen.sub_title = _word(screen.sub_title) if screen.sub_title else screen.sub_title
    _retranslate_bindings(screen)
    for widget in screen.walk_children(Widget, with_self=False):
        _retranslate_bindings(widget)
        if widget.border_title is not None:
            widget.border_title = _word(widget.border_title)
        heading = getattr(widget, "heading", None)
        if isinstance(heading, str):
            widget.heading = retranslate(heading)  # type: ignore[attr-defined]
        empty = getattr(widget, "empty", None)
        if isinstance(empty, str):
            widget.empty = retranslate(empty)  # type: ignore[attr-defined]
        if isinstance(widget, Button):
            widget.label = _word(widget.label)
        elif isinstance(widget, Input):
            widget.placeholder = _word(widget.placeholder)
        elif isinstance(widget, DataTable):
            relabel = getattr(widget, "relabel", None)
            if callable(relabel):  # (our tables: from their words, which know their message)
                relabel()
            else:
                for column in widget.columns.values():
                    column.label = _word(column.label)
                widget.refresh()
        elif isinstance(widget, Static):
            again = _word(widget.content)
            if again is not widget.content:
                widget.update(again)
    refresh = getattr(screen, "language_changed", None) or getattr(screen, "action_refresh", None)
    if callable(refresh):
        refresh()
    screen.refresh_bindings()


def apply_language(app: App[Any]) -> None:
    """Put everything the app shows into the language just set."""
    retranslate_classes()
    _retranslate_bindings(app)
    for stack in app._screen_stacks.values():
        for screen in stack:
            retranslate_screen(screen)
    app.refresh_bindings()
