"""Fixtures for the study app: a small deck dir, a frozen clock, and helpers to drive and read the screen."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from rich.console import Console

from quizapp.collection import Config
from tests.conftest import SMALL_DECK

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch):
    """Local time is UTC, so the study day (which seeds the shuffled options and steps) is the same everywhere."""
    if not hasattr(time, "tzset"):
        yield
        return
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def tui_cfg(tmp_path: Path, write_deck) -> Config:
    """Config for a fresh data dir holding only SMALL_DECK (every card type), no bundled decks."""
    write_deck("small.md", SMALL_DECK)
    return Config(data_dir=tmp_path / "home", extra_decks=[tmp_path / "decks"], bundled=False)


@pytest.fixture
def make(clock):
    """make(cfg, **kw) -> the app with a frozen clock, a fixed elapsed-time clock and no fuzz."""
    from quizapp.tui.app import make_app

    def _make(cfg: Config, **kw):
        kw.setdefault("clock", clock)
        kw.setdefault("monotonic", lambda: 1000.0)
        kw.setdefault("fuzz", False)
        return make_app(cfg, **kw)

    return _make


async def settle(pilot) -> None:
    """Wait until the store is open (workers done) and the screen has caught up."""
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.store is not None or app.load_error is not None:
            break
    await pilot.pause()
    await app.workers.wait_for_complete()  # what the open store started (the home counts)
    await pilot.pause()


async def press(pilot, *keys: str) -> None:
    """Press keys one at a time, letting the screen settle after each."""
    for key in keys:
        await pilot.press(key)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def screen_text(app) -> str:
    """Everything on the screen, line by line, as plain text: what a user would read."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def notices(app) -> list[str]:
    """The messages of the notifications shown so far (toasts are drawn in their own layer, not in screen_text)."""
    return [n.message for n in app._notifications]


def review_log(app) -> list[tuple]:
    return app.store.conn.execute("SELECT card_id, rating, mode FROM review_log ORDER BY id").fetchall()


def queue_of(app, card_id: str) -> int:
    return app.store.conn.execute(
        "SELECT queue FROM card_state WHERE profile_id=? AND card_id=?", (app.store.profile_id, card_id)
    ).fetchone()[0]
