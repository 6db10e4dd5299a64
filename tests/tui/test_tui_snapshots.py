"""Snapshots at 100x30 (and one at 80x24) with a frozen clock: home, each card type, answer, summary, settings, help."""

from __future__ import annotations

import pytest

from tests.tui.conftest import SIZE, settle

# From home: Enter studies everything; the small deck's cards come in this order (siblings are buried).
TO_CLOZE = ["enter", "space", "3", "space", "3"]
TO_REVERSED = [*TO_CLOZE, "space", "3"]
TO_CHOICE = [*TO_REVERSED, "space", "3"]
TO_TYPED = [*TO_CHOICE, "3", "space"]
TO_ORDER = [*TO_TYPED, *"aromatase", "enter", "space"]


def _snap(snap_compare, app, keys=(), size=SIZE) -> bool:
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=run_before)


SCREENS = dict(
    [
        ("home", []),
        ("question", ["enter"]),
        ("answer", ["enter", "space"]),
        ("cloze", TO_CLOZE),
        ("reversed", TO_REVERSED),
        ("choice", TO_CHOICE),
        ("choice_answered", [*TO_CHOICE, "1"]),
        ("typed", TO_TYPED),
        ("typed_almost", [*TO_TYPED, *"aromatse", "enter"]),
        ("order", [*TO_ORDER, "2"]),
        ("order_checked", [*TO_ORDER, "2", "enter"]),
        ("source", ["enter", "space", "s"]),
        ("summary", ["enter", "space", "3", "escape"]),
        ("settings", ["s"]),
        ("help", ["question_mark"]),
    ]
)


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare, tui_cfg, make, name):
    assert _snap(snap_compare, make(tui_cfg), SCREENS[name])


def test_answer_at_80x24(snap_compare, tui_cfg, make):
    assert _snap(snap_compare, make(tui_cfg), ["enter", "space"], size=(80, 24))


def test_home_at_80x24(snap_compare, tui_cfg, make):
    assert _snap(snap_compare, make(tui_cfg), [], size=(80, 24))


def test_answer_light_theme(snap_compare, tui_cfg, make):
    from dataclasses import replace

    from quizapp.store.db import Store

    store = Store(tui_cfg.db_file)
    store.save_settings(replace(store.settings(), theme="textual-light"))
    store.close()
    assert _snap(snap_compare, make(tui_cfg), ["enter", "space"])
