"""Reading programme templates: the shipped default, or an authority's own file.

The domain parses a template's text (``domain.programme_template``); this module reads
the file first. A file named by the adviser may be missing, a folder, unreadable or far
too large, and each of those is one sentence naming the file (:class:`TemplateError`),
like the mistakes inside a template. The shipped default lives with the other packaged
data (``sia_console.resources``) and is read once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sia_console.domain.programme_template import ProgrammeTemplate, TemplateError, parse_template
from sia_console.i18n import _
from sia_console.resources import DEFAULT_PROGRAMME_TEMPLATE

MAX_TEMPLATE_BYTES = 256 * 1024
"""A template is a page of TOML; anything much larger is not one."""


@lru_cache(maxsize=1)
def default_template() -> ProgrammeTemplate:
    """The shipped default: Wiltshire's six visits and the support-plan reviews."""
    return load_template(DEFAULT_PROGRAMME_TEMPLATE)


def load_template(path: Path) -> ProgrammeTemplate:
    """Read and check the template at ``path``; :class:`TemplateError` says what is wrong."""
    name = str(path)
    try:
        if path.is_dir():
            raise TemplateError(
                _("The programme template {file} is a folder, not a file.").format(file=name)
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
    except FileNotFoundError as exc:
        raise TemplateError(
            _("The programme template {file} does not exist.").format(file=name)
        ) from exc
    except OSError as exc:
        raise TemplateError(
            _("Cannot read the programme template {file}: {reason}.").format(
                file=name, reason=exc.strerror or type(exc).__name__
            )
        ) from exc
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(
            _("The programme template {file} is larger than {limit} KB.").format(
                file=name, limit=MAX_TEMPLATE_BYTES // 1024
            )
        )
    return parse_template(data, name)
