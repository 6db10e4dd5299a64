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


def _snap(snap_compare, app, keys=(), size=SIZE, setup=None) -> bool:
    async def run_before(pilot) -> None:
        await settle(pilot)
        if setup is not None:
            setup(pilot.app)
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


WHY_DECK = """\
+++
id = "why"
title = "Why"
+++
Q: What is the net result of estrogen's action on the RANKL/OPG system?
- [ ] More osteoclasts are activated, so resorption speeds up
- [x] Fewer osteoclasts are activated, so resorption slows and bone mass is kept
- [ ] Osteoblasts die sooner, so formation slows
- [ ] Bone mineral dissolves directly without osteoclasts
Explanation: Less RANKL and more OPG means a weaker "go" signal, so bone mass is preserved.
Source: How aromatase inhibitors alter bone remodeling § Estrogen's Direct Influence on the RANKL OPG Axis
ID: why-rankl
"""


def test_choice_answered_with_explanation_at_80x24(snap_compare, tui_cfg, make, write_deck):
    """Shuffled options; after a wrong pick, long rows wrap under their text, and the explanation and source follow."""
    from quizapp.tui.widgets.card_view import shuffled_options

    write_deck("why.md", WHY_DECK)
    options = [[None, False], [None, True], [None, False], [None, False]]
    shown = shuffled_options({"id": "why-rankl", "data": {"options": options}}, "2026-03-02")
    wrong = next(i for i, o in enumerate(shown) if not options[o][1])

    def first(app) -> None:
        app.store.conn.execute("UPDATE card_state SET due=-1 WHERE card_id='why-rankl'")

    assert _snap(snap_compare, make(tui_cfg), ["enter", str(wrong + 1)], size=(80, 24), setup=first)
