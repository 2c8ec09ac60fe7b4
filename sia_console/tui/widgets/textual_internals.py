"""The two places sia-console reaches into Textual's private API, kept here on purpose.

Checked against Textual 8.2.8 (``pyproject.toml`` allows ``textual>=8.2,<9``);
``tests/tui/test_literal_document.py`` goes through both hooks (loading text, and a
Backspace typed), so an upgrade that changes either fails there. Everything else the
widgets use is Textual's public API.

* **A text area's document.** :class:`~textual.widgets.TextArea` builds its document
  itself, in ``TextArea._set_document`` (from the constructor, ``load_text`` and a change
  of ``language``), and offers no public way to choose another kind of document; the
  public ``document`` attribute can be replaced, but the wrapping and the virtual size
  then go stale until the private ``_rewrap_and_refresh_virtual_size`` runs.
  :class:`DocumentTextArea` turns that into one hook of our own,
  :meth:`DocumentTextArea.make_document`, so the note editor can keep a note's text
  literally.
* **A widget's own key bindings.** Textual keeps the bindings a widget declares (merged
  through its classes and any keymap) in the private ``_bindings`` map; the public
  ``Screen.active_bindings`` answers a different question (one binding per key for the
  whole focus chain, copying every map and checking every action on the way), which is
  too much work for every key typed. :func:`own_bindings` reads the map.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import TextArea
from textual.widgets.text_area import (
    Document,
    DocumentBase,
    DocumentNavigator,
    WrappedDocument,
)


class DocumentTextArea(TextArea):
    """A :class:`TextArea` whose document is whatever :meth:`make_document` returns."""

    def make_document(self, text: str) -> DocumentBase:
        """The document to edit ``text`` in, wherever Textual would build its own (the
        constructor, ``load_text``); Textual's plain document unless overridden."""
        return Document(text)

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document("", None)  # Textual's own reset: no highlights, cursor at 0, 0
        self.document = self.make_document(text)
        self.wrapped_document = WrappedDocument(self.document, tab_width=self.indent_width)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self._rewrap_and_refresh_virtual_size()


def own_bindings(node: DOMNode, key: str) -> list[Binding]:
    """The bindings ``node`` itself declares for ``key`` (none of its ancestors')."""
    return list(node._bindings.key_to_bindings.get(key, ()))
