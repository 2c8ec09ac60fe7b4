"""The Word template a note of visit is styled by: the shipped one, or an authority's own.

An authority's template comes from a setting and may be missing, unreadable or not a
.docx at all; that is the adviser's situation to put right, so it is reported as one
sentence naming the file (:class:`TemplateError`), before anything is written.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from sia_console.formats.make_template import TEMPLATE_PATH, build_template
from sia_console.i18n import _

SHIPPED_TEMPLATE = TEMPLATE_PATH


class TemplateError(Exception):
    """The Word template cannot be used; ``str()`` says why."""


def load_template(path: Path | None) -> bytes:
    """The bytes of the template at ``path`` (the shipped one when ``None``), checked."""
    chosen = path or SHIPPED_TEMPLATE
    try:
        data = chosen.read_bytes()
    except OSError as exc:
        if path is None:  # a checkout that never ran make_template: build it in memory
            return build_template()
        raise TemplateError(
            _("Cannot read the Word template {path}: {reason}.").format(
                path=chosen, reason=exc.strerror or exc
            )
        ) from exc
    try:
        docx.Document(io.BytesIO(data))
    except (ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise TemplateError(
            _("The Word template {path} is not a Word document (.docx).").format(path=chosen)
        ) from exc
    return data
