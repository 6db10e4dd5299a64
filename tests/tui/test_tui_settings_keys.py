"""Settings keep every key of a burst (keys sent together by tmux or a fast typist), in the order typed."""

from __future__ import annotations

from textual import events

from quizapp.tui.screens.confirm import ConfirmScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.settings import SettingsScreen
from tests.tui.conftest import SIZE, settle

CHARS = {"tab": "\t", "backspace": "\x7f", "enter": "\r", "ctrl+s": "\x13", "escape": "\x1b"}


async def burst(pilot, *keys: str) -> None:
    """Hand ``keys`` to the app all at once, as a terminal does when they arrive in one read, then let it settle.

    (``pilot.press`` waits for the app to go idle after each key, which hides ordering problems.)
    """
    app = pilot.app
    for key in keys:
        char = CHARS.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
    for _ in range(10):
        await pilot.pause()
        await app.workers.wait_for_complete()


def saved(app) -> tuple[int, int, int]:
    s = app.store.settings()
    return s.new_per_day, s.reviews_per_day, s.day_start_hour


async def test_one_press_call_opens_edits_and_saves(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "tab", "backspace", "backspace", "backspace", "9", "9", "9", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert saved(app) == (999, 200, 4)


async def test_a_burst_from_home_lands_in_the_fields_in_order(tui_cfg, make):
    """The tester's tmux command: `s Tab BSpace BSpace BSpace 999` in one send-keys, and more editing keys."""
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "s", "tab", "backspace", "backspace", "backspace", *"999")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        values = [screen.query_one(f"#set-{k}").value for k in ("retention", "new", "reviews", "day_start")]
        assert values == ["0.90", "999", "200", "4"]
        assert screen.focused.id == "set-new"
        # Home / End / arrows / Backspace between digits, Enter to the next field, then Ctrl+S: all in one burst
        await burst(pilot, "tab", "home", "1", "end", "backspace", "7", "enter", "5", "left", "backspace", "ctrl+s")
        assert isinstance(app.screen, HomeScreen)
        assert saved(app) == (999, 1207, 5)


async def test_a_burst_then_escape_asks_before_leaving(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "s", "backspace", "backspace", "8", "5", "escape")
        assert isinstance(app.screen, ConfirmScreen)  # Escape came after the digits, and saw the change
        assert app.screen_stack[-2].query_one("#set-retention").value == "0.85"
        await burst(pilot, "y")
        assert isinstance(app.screen, HomeScreen) and app.store.settings().desired_retention == 0.9
