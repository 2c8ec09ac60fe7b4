"""The school's year from the school page: the summary is autosaved, and exported."""

from __future__ import annotations

import asyncio
from pathlib import Path

import docx
from sqlmodel import select
from textual.pilot import Pilot
from textual.widgets import TextArea

from sia_console.domain.models import School
from sia_console.services.schools.year import year_summary
from sia_console.services.settings import save_setting
from sia_console.storage.database import Database
from sia_console.tui.launch import make_app
from sia_console.tui.screens.school_detail import SchoolDetailScreen
from sia_console.tui.screens.year_summary import YearSummaryScreen

from .conftest import TODAY
from .screen_text import screen_text


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_typing_the_summary_saves_it_and_ctrl_o_writes_the_year(
    filled_database: Database, tmp_path: Path
) -> None:
    with filled_database.session() as session:
        school = session.exec(select(School).order_by(School.name)).first()
        assert school is not None
        code, name = school.code, school.name
        save_setting(session, "export_folder", str(tmp_path / "exports"))
    app = make_app(filled_database, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(SchoolDetailScreen(app.context, code))
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, YearSummaryScreen)
        assert "The school's year 2026–27" in screen_text(app)
        assert app.focused is app.screen.query_one("#year-summary", TextArea)
        await pilot.press(*"Reading improved; ŵ ŷ â.")
        stored = ""
        for _ in range(50):  # the pause, then the save in a worker
            await asyncio.sleep(0.1)
            await settle(pilot)
            with filled_database.session() as session:
                stored = year_summary(session, code, 2026)
            if stored == "Reading improved; ŵ ŷ â.":
                break
        assert stored == "Reading improved; ŵ ŷ â."
        assert "Saved at" in screen_text(app)
        await pilot.press("enter", *"Writing next.")
        await pilot.press("ctrl+o")  # saves first, then writes the document
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SchoolDetailScreen)
    with filled_database.session() as session:
        assert year_summary(session, code, 2026) == "Reading improved; ŵ ŷ â.\nWriting next."
    [written] = (tmp_path / "exports").glob("*.docx")
    assert name in written.name and "2026–27" in written.name
    texts = [p.text for p in docx.Document(str(written)).paragraphs]
    assert "Reading improved; ŵ ŷ â.\nWriting next." in texts


async def test_a_core_lead_reads_the_summary_and_is_not_offered_a_save(tmp_path: Path) -> None:
    from sia_console.storage.database import open_database
    from tests.authority_support import core_lead_database

    database = open_database(core_lead_database(tmp_path / "authority.sqlite"))
    try:
        with database.session() as session:
            school = session.exec(select(School).order_by(School.name)).first()
            assert school is not None
            code = school.code
            before = year_summary(session, code, 2026)
        app = make_app(database, today=lambda: TODAY)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            app.push_screen(SchoolDetailScreen(app.context, code))
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert isinstance(app.screen, YearSummaryScreen)
            area = app.screen.query_one("#year-summary", TextArea)
            assert area.read_only
            await pilot.press("ctrl+s")  # (not offered: nothing is saved)
            await settle(pilot)
            assert "The school's adviser writes this summary" in screen_text(app)
            assert app.screen.check_action("save_now", ()) is False
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, SchoolDetailScreen)
        with database.session() as session:
            assert year_summary(session, code, 2026) == before
    finally:
        database.dispose()
