"""The profiles screen: create, rename, switch, and delete with a confirmation."""

from __future__ import annotations

from textual.app import App
from textual.widgets import DataTable

from quizapp.tui.screens.profiles import ProfilesScreen
from tests.stats.conftest import add_review


class Host(App):
    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.switched: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(ProfilesScreen(self.store))

    def switch_profile(self, name: str) -> None:
        self.switched.append(name)


def names(store) -> list[str]:
    return [p["name"] for p in store.profiles()]


async def test_create_rename_delete_and_switch(small_store, clock):
    app = Host(small_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.press(*"[b]ann")
        await pilot.press("enter")
        await pilot.pause()
        assert names(small_store) == ["default", "[b]ann"]
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2 and table.cursor_row == 1
        # rename the highlighted one
        await pilot.press("r", "ctrl+u", *"bea", "enter")
        await pilot.pause()
        assert names(small_store) == ["default", "bea"]
        # give bea some progress, then delete: asks first, "n" keeps it, "y" deletes
        from quizapp.store.db import Store

        bea = Store(small_store.path, "bea", create_profile=False)
        add_review(bea, "q-build", clock.now, 3)
        bea.close()
        app.screen.reload("bea")
        await pilot.press("d")
        await pilot.pause()
        assert "1 review(s)" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await pilot.pause()
        assert names(small_store) == ["default", "bea"]
        await pilot.press("d", "y")
        await pilot.pause()
        assert names(small_store) == ["default"]
        # the profile in use cannot be deleted
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen) and names(small_store) == ["default"]
        # switching to another profile asks the app to reopen it
        small_store.create_profile("cy")
        app.screen.reload("cy")
        await pilot.press("enter")
        await pilot.pause()
        assert app.switched == ["cy"] and not isinstance(app.screen, ProfilesScreen)


async def test_duplicate_name_is_an_error_not_a_crash(small_store):
    app = Host(small_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"default", "enter")
        await pilot.pause()
        assert names(small_store) == ["default"]
        assert isinstance(app.screen, ProfilesScreen)
