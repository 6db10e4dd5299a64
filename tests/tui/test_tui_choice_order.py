"""Choice options and ordering steps are shuffled per card and study day; feedback rows wrap with a hanging indent."""

from __future__ import annotations

from textual.content import Content

from quizapp.tui.widgets.card_view import shuffled_options, shuffled_steps
from quizapp.tui.widgets.hanging import HangingRows
from tests.tui.conftest import press, review_log, screen_text, settle

DAYS = ("2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04")
IDS = ("mc-a", "mc-b", "mc-c", "mc-d", "mc-e")


def _choice(card_id: str) -> dict:
    options = [["Right", True], ["Wrong one", False], ["Wrong two", False], ["Wrong three", False]]
    return {"id": card_id, "type": "choice", "data": {"options": options}}


def _order(card_id: str) -> dict:
    return {"id": card_id, "type": "order", "data": {"steps": ["first", "second", "third", "fourth"]}}


def test_the_first_option_is_not_always_shown_first():
    where = [shuffled_options(_choice(i), d).index(0) for i in IDS for d in DAYS]
    assert set(where) - {0}, "the correct option, first in the file, is always shown first"
    assert len(set(where)) > 2


def test_same_order_on_a_redisplay_a_new_one_another_day():
    for card_id in IDS:
        orders = [tuple(shuffled_options(_choice(card_id), d)) for d in DAYS]
        assert all(sorted(o) == [0, 1, 2, 3] for o in orders)
        assert [tuple(shuffled_options(_choice(card_id), d)) for d in DAYS] == orders  # deterministic
        assert len(set(orders)) > 1  # the day changes it
    assert len({tuple(shuffled_options(_choice(i), DAYS[0])) for i in IDS}) > 1  # and so does the card


def test_steps_follow_the_same_rule_and_are_never_in_order():
    for card_id in IDS:
        orders = [tuple(shuffled_steps(_order(card_id), d)) for d in DAYS]
        assert all(o != (0, 1, 2, 3) and sorted(o) == [0, 1, 2, 3] for o in orders)
        assert orders == [tuple(shuffled_steps(_order(card_id), d)) for d in DAYS]
        assert len(set(orders)) > 1


FIRST_RIGHT = """\
+++
id = "shuf"
title = "Shuffled"
+++
Q: Which cells break down bone?
- [x] Osteoclasts, which are activated by RANKL and dissolve the old bone matrix a little at a time
- [ ] Osteoblasts
- [ ] Osteocytes
- [ ] Chondrocytes
ID: first-right
---
Type: order
Q: Put the cascade in order.
1. Aromatase inhibitors block the enzyme, so estrogen levels fall to very low values in the blood
2. RANKL rises
3. Osteoclasts are activated
4. Bone density slowly drops (osteopenia), which the DXA scan shows a year or two later
ID: cascade
"""


async def test_keys_pick_the_shown_option_and_grading_follows_the_real_answer(tui_cfg, make, write_deck):
    write_deck("shuf.md", FIRST_RIGHT)
    app = make(tui_cfg)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.store.conn.execute("UPDATE card_state SET due=-1 WHERE card_id='first-right'")
        await press(pilot, "enter")
        screen = app.screen
        picker = screen.query_one("ChoicePicker")
        assert screen.content["id"] == "first-right"
        assert picker.shown == shuffled_options(screen.content, "2026-03-02")  # the frozen clock's study day
        right = [ok for _t, ok in picker.options].index(True)
        assert right != 0 and picker.options[right][0].startswith("Osteoclasts")
        await press(pilot, "1")  # the option shown first: a wrong one
        text = screen_text(app)
        assert f"{picker.options[0][0]}  — wrong, you chose it" in text
        assert "correct, you missed it" in text and screen.suggested == 1
        await press(pilot, "space")
        assert review_log(app) == [("first-right", 1, "review")]
        await press(pilot, "u")  # undo: the same card, in the same order
        assert screen.content["id"] == "first-right" and picker.shown == shuffled_options(screen.content, "2026-03-02")
        await press(pilot, str(right + 1))
        assert "✓ Correct" in screen_text(app) and screen.suggested == 3
        await press(pilot, "space")
        assert review_log(app) == [("first-right", 3, "review")]


def _continues_under(lines: list[str], start: str, col_text: str) -> None:
    """The line after the one holding ``start`` begins where ``col_text`` begins on that line."""
    i = next(n for n, line in enumerate(lines) if start in line)
    col = lines[i].index(col_text)
    nxt = lines[i + 1]
    assert nxt[:col].strip() == "" and nxt[col] != " ", (lines[i], nxt)


async def test_wrapped_feedback_lines_hang_under_the_text(tui_cfg, make, write_deck):
    write_deck("shuf.md", FIRST_RIGHT)
    app = make(tui_cfg)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.store.conn.execute("UPDATE card_state SET due=-2 WHERE card_id='first-right'")
        app.store.conn.execute("UPDATE card_state SET due=-1 WHERE card_id='cascade'")
        await press(pilot, "enter")
        lines = screen_text(app).splitlines()
        _continues_under(lines, "Osteoclasts, which", "Osteoclasts")  # the question side
        picker = app.screen.query_one("ChoicePicker")
        wrong = [ok for _t, ok in picker.options].index(False)
        await press(pilot, str(wrong + 1))
        lines = screen_text(app).splitlines()
        _continues_under(lines, "Osteoclasts, which", "Osteoclasts")  # "✗ n Osteoclasts … — correct, you missed it"
        await press(pilot, "space")
        assert app.screen.content["id"] == "cascade"
        order = app.screen.query_one("OrderPicker")
        keys = [str(order.offered.index(i) + 1) for i in (3, 2, 1, 0)]  # the steps backwards: all wrong
        await press(pilot, *keys, "enter")
        lines = screen_text(app).splitlines()
        _continues_under(lines, "1. Bone density slowly", "Bone density")  # "— should be: Aromatase …" wraps


def test_hanging_rows_wrap_under_the_text():
    rows = HangingRows([(Content(" ✓ 1 "), Content("alpha beta gamma delta epsilon")), (Content(""), Content("hint"))])
    assert [line.plain for line in rows.lines(16)] == [" ✓ 1 alpha beta", "     gamma delta", "     epsilon", "hint"]
    assert rows.get_height({}, 16) == 4
    narrow = HangingRows([(Content(" ✓ 1 "), Content("alpha beta"))])
    assert [line.plain.rstrip() for line in narrow.lines(8)] == [" ✓ 1", "alpha", "beta"]  # too narrow to indent
