"""The statistics screen: a snapshot with seeded data (frozen clock) and hostile deck titles shown literally."""

from __future__ import annotations

from datetime import timedelta

from textual.app import App

from quizapp.tui.screens.stats import StatsScreen, mastery_line
from tests.stats.conftest import add_review


class Host(App):
    """Just the screen, with a frozen clock, as QuizApp pushes it."""

    def __init__(self, store, clock) -> None:
        super().__init__()
        self.store, self.clock = store, clock

    def on_mount(self) -> None:
        self.push_screen(StatsScreen(self.store))


def history(store, clock) -> None:
    """Two months of study: most days, more answers on some, a few Agains."""
    for day in range(60):
        if day % 7 == 3:
            continue
        for k in range(1 + (day * 7) % 9):
            card = ("q-build", "q-break", "cz:c1", "rv", "mc")[k % 5]
            when = clock.now - timedelta(days=day, hours=1, minutes=k)
            add_review(store, card, when, 1 if (day + k) % 6 == 0 else 3, duration_ms=8000)


async def wait(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_stats_screen_snapshot(snap_compare, seeded, clock):
    history(seeded, clock)
    assert snap_compare(Host(seeded, clock), terminal_size=(100, 30), run_before=wait)


def test_stats_activity_tab_snapshot(snap_compare, seeded, clock):
    history(seeded, clock)

    async def go(pilot) -> None:
        await wait(pilot)
        pilot.app.screen.query_one("#stats-tabs").active = "tab-activity"
        await pilot.pause()

    assert snap_compare(Host(seeded, clock), terminal_size=(100, 40), run_before=go)


async def test_titles_are_never_markup(seeded, clock):
    with seeded.tx():
        seeded.conn.execute("UPDATE decks SET topic='[@click=app.quit]x[/] [$accent]y \\\\'")
    app = Host(seeded, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen) and screen.stats is not None
        text = str(screen.query_one("#overview-topics").render())
        assert "[@click=app.quit]x[/] [$accen…" in text  # literal, cut to the name column
    line = mastery_line(screen.stats.topics[0])
    assert line.plain.startswith("[@click=app.quit]x[/]") and "4/9 cards seen" in line.plain
