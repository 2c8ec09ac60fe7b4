"""The note editor in Welsh: a template's Welsh titles shown, and a template without them
said once (one notification, not one per section)."""

from __future__ import annotations

from sia_console import i18n
from sia_console.services.notes.templates import user_templates_dir
from sia_console.storage.database import Database
from sia_console.tui.launch import make_app

from .conftest import TODAY
from .screen_text import screen_text
from .test_note_editor import settle, visit_ids

TEMPLATE = """
name = "everything"
match_purpose = ["target setting"]
[[section]]
key = "who_was_met"
[[section]]
key = "samples"
title = "Samples moderated"
title_cy = "Samplau a gymedrolwyd"
[[section]]
key = "minutes"
title = "Governors' minutes"
[[section]]
key = "letters"
title = "Letters to parents"
"""


async def test_the_editor_shows_the_welsh_and_says_once_what_has_none(
    filled_database: Database,
) -> None:
    folder = user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "everything.toml").write_text(TEMPLATE, encoding="utf-8")
    i18n.set_language("cy")
    visit = visit_ids(filled_database, draft=False)[0]
    app = make_app(filled_database, today=lambda: TODAY, edit_visit=visit)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "Pwy a gyfarfuwyd" in shown and "Samplau a gymedrolwyd" in shown
        assert "Governors' minutes" in shown  # no Welsh: the English
        told = [str(n.message) for n in app._notifications if "Saesneg" in str(n.message)]
        assert told == [
            "Nid oes teitlau Cymraeg gan dempled y nodyn hwn ar gyfer 2 adran; "
            "fe'u dangosir yn Saesneg."
        ]
        assert all(n.markup is False for n in app._notifications)
