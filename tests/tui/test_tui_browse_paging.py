"""Browse lists every matching card: pages of 200 load as the cursor nears the end; the status gives the total."""

from __future__ import annotations

import pytest

from quizapp.collection import Config
from quizapp.tui.screens.browse import PAGE, BrowseScreen
from quizapp.tui.screens.card_detail import CardDetailScreen
from tests.tui.conftest import SIZE, press, queue_of, screen_text, settle

N = 450  # three pages: 200, 200 and 50
ODD = 420  # this card's text looks like markup and must be shown literally


def big_deck(n: int = N) -> str:
    cards = []
    for i in range(n):
        front = f"[bold]Card {i:03d}[/bold] $x" if i == ODD else f"Card {i:03d} about bone?"
        cards.append(f"Q: {front}\nA: yes\nID: n{i:03d}\n")
    head = '+++\nid = "big"\ntitle = "Big deck"\ntopic = "Bones"\nlevel = "fundamentals"\n+++\n'
    return head + "---\n".join(cards)


@pytest.fixture
def big_cfg(tmp_path, write_deck) -> Config:
    write_deck("big.md", big_deck())
    return Config(data_dir=tmp_path / "home", extra_decks=[tmp_path / "decks"], bundled=False)


async def idle(pilot) -> None:
    """Let every search and page worker finish, including pages asked for by the pages that came in."""
    for _ in range(6):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_browse(pilot):
    await settle(pilot)
    await press(pilot, "slash")
    assert isinstance(pilot.app.screen, BrowseScreen)
    await idle(pilot)
    return pilot.app.screen


def status(screen) -> str:
    return str(screen.query_one("#browse-status").render())


def table_of(screen):
    return screen.query_one("#results")


async def test_empty_search_reaches_the_last_card_with_end(big_cfg, make):
    app = make(big_cfg)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        table = table_of(screen)
        assert table.row_count == PAGE
        assert status(screen) == f"{N} cards, {PAGE} shown (more as you move down)"
        assert "first 200" not in screen_text(app) and f"{N} cards, 200 shown" in screen_text(app)
        await press(pilot, "enter")  # from the search box to the list
        assert app.focused is table
        await press(pilot, "end")  # the last card shown: the next page comes in under it
        await idle(pilot)
        assert table.cursor_row == PAGE - 1 and table.row_count == 2 * PAGE
        await press(pilot, "end")
        await idle(pilot)
        assert table.row_count == N  # the last, short page: every card is in
        await press(pilot, "end")
        assert table.cursor_row == N - 1 and screen.current_id() == f"n{N - 1:03d}"
        assert status(screen) == f"{N} cards"
        ids = [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]
        assert ids == [f"n{i:03d}" for i in range(N)]  # file order, each card once
        assert table.get_row_at(ODD)[3].plain == f"[bold]Card {ODD:03d}[/bold] $x"  # a later page: still literal
        await press(pilot, "home")
        assert table.cursor_row == 0 and screen.current_id() == "n000"


async def test_page_down_and_down_load_the_next_pages(big_cfg, make):
    app = make(big_cfg)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        table = table_of(screen)
        await press(pilot, "enter")
        for _ in range(40):  # about 24 rows a page: well past the last card
            await press(pilot, "pagedown")
            await idle(pilot)
        assert table.row_count == N and table.cursor_row == N - 1
        assert status(screen) == f"{N} cards"
        await press(pilot, "ctrl+home")
        for _ in range(PAGE + 5):  # one row at a time: the next page is in before the cursor gets there
            await pilot.press("down")
        await idle(pilot)
        assert table.cursor_row == PAGE + 5 and screen.current_id() == f"n{PAGE + 5:03d}"


async def test_text_search_pages_in_rank_order_and_counts_every_match(big_cfg, make):
    app = make(big_cfg)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        table = table_of(screen)
        await press(pilot, *"bone")
        await pilot.pause(0.3)
        await idle(pilot)
        assert table.row_count == PAGE
        assert status(screen) == f"{N - 1} cards match, {PAGE} shown (more as you move down)"
        await press(pilot, "enter")
        for _ in range(3):
            await press(pilot, "end")
            await idle(pilot)
        ids = [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]
        assert len(ids) == len(set(ids)) == N - 1 and f"n{ODD}" not in ids
        assert table.cursor_row == N - 2 and status(screen) == f"{N - 1} cards match"
        screen.query_one("#search").value = "card 42"  # 420 to 429: fewer than a page, no paging
        await pilot.pause(0.3)
        await idle(pilot)
        assert table.row_count == 10 and status(screen) == "10 cards match"


async def test_suspend_flag_and_details_keep_the_place_deep_in_the_list(big_cfg, make):
    app = make(big_cfg)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        table = table_of(screen)
        await press(pilot, "enter", "end")
        await idle(pilot)
        table.move_cursor(row=300)
        await idle(pilot)
        card = screen.current_id()
        assert card == "n300"
        await press(pilot, "exclamation_mark")
        assert queue_of(app, card) == -1 and table.get_row_at(300)[4].plain == "suspended"
        await press(pilot, "f")
        assert table.get_row_at(300)[0].plain == "⚑"
        assert screen.current_id() == card and table.row_count == 2 * PAGE  # the list stayed as it was
        await press(pilot, "enter")
        assert isinstance(app.screen, CardDetailScreen)
        await press(pilot, "exclamation_mark", "escape")  # unsuspended there; back to the list, searched again
        await idle(pilot)
        assert app.screen is screen and screen.current_id() == card and table.cursor_row == 300
        assert table.row_count >= 301 and table.get_row_at(300)[4].plain == "new"


async def test_a_page_for_an_older_search_is_dropped(big_cfg, make):
    app = make(big_cfg)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        table = table_of(screen)
        old_gen, old_rows = screen._gen, [{"id": "n999"}]
        await press(pilot, *"card 00")
        await pilot.pause(0.3)
        await idle(pilot)
        assert table.row_count == 10 and screen._gen != old_gen
        screen._append(old_gen, old_rows)  # the answer to a page asked for before the list was refilled
        assert table.row_count == 10 and status(screen) == "10 cards match"
