"""Cymraeg / English from the command palette: every screen at once, no restart."""

from __future__ import annotations

from textual.pilot import Pilot

from sia_console import i18n
from sia_console.storage.database import Database
from sia_console.storage.preferences import load_preferences
from sia_console.tui.launch import make_app
from sia_console.tui.screens.dashboard import DashboardScreen
from sia_console.tui.screens.schools import SchoolsScreen

from .conftest import TODAY
from .screen_text import screen_text


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_switching_to_welsh_and_back_from_the_palette(filled_database: Database) -> None:
    app = make_app(filled_database, today=lambda: TODAY, preferences=load_preferences())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("s")  # a second place, already shown once, switched with the first
        await settle(pilot)
        app.action_show_dashboard()
        await settle(pilot)
        assert "sia-console — Dashboard" in screen_text(app)
        await pilot.press("ctrl+p", *"cymraeg")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert i18n.language() == "cy"
        text = screen_text(app)
        assert isinstance(app.screen, DashboardScreen)
        assert "sia-console — Dangosfwrdd" in text  # the screen's title
        footer = text.splitlines()[-1]
        assert "Ysgolion" in footer and "Calendr" in footer and "Adnewyddu" in footer
        assert "Heddiw" in text and "Dydd Llun 23 Tachwedd 2026" in text
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SchoolsScreen)
        assert "sia-console — Ysgolion" in screen_text(app)
        app.action_switch_language()
        await settle(pilot)
        assert i18n.language() == "en"
        text = screen_text(app)
        assert "sia-console — Schools" in text
        assert "Commands" in text.splitlines()[-1] and "Gorchmynion" not in text
        await app.workers.wait_for_complete()
    assert load_preferences().language == "en"


async def test_the_language_chosen_is_remembered(filled_database: Database) -> None:
    app = make_app(filled_database, today=lambda: TODAY, preferences=load_preferences())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.action_switch_language()
        await settle(pilot)
        assert "Dangosfwrdd" in screen_text(app)
    assert load_preferences().language == "cy"
