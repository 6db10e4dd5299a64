"""Home, settings, help, browse, card detail, the command palette and profile switching."""

from __future__ import annotations

from quizapp.tui.screens.browse import BrowseScreen
from quizapp.tui.screens.card_detail import CardDetailScreen
from quizapp.tui.screens.help import HelpScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.review import ReviewScreen
from quizapp.tui.screens.settings import SettingsScreen
from tests.tui.conftest import SIZE, press, queue_of, screen_text, settle

TWO_DECKS = {
    "a.md": """\
        +++
        id = "deck-a"
        title = "Deck A"
        topic = "Bones"
        level = "fundamentals"
        +++
        Q: A one?
        A: yes
        ---
        Q: A two?
        A: yes
        Level: academic
        """,
    "b.md": """\
        +++
        id = "deck-b"
        title = "Deck B"
        topic = "Drugs"
        level = "intermediate"
        +++
        Q: B one?
        A: yes
        """,
}


def _write_two(write_deck) -> None:
    for name, text in TWO_DECKS.items():
        write_deck(name, text)


async def test_home_groups_by_topic_filters_by_level_and_studies_a_deck(tmp_path, write_deck, make):
    from quizapp.collection import Config

    _write_two(write_deck)
    cfg = Config(data_dir=tmp_path / "home", extra_decks=[tmp_path / "decks"], bundled=False)
    app = make(cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert list(home.rows) == ["all", "topic:Bones", "deck:deck-a", "topic:Drugs", "deck:deck-b"]
        text = screen_text(app)
        assert "3 to go" in text
        await press(pilot, "l")  # Fundamentals only
        assert home.levels == ("fundamentals",)
        assert "1 to go" in screen_text(app)
        await press(pilot, "l", "l", "l")  # back to all levels
        assert home.levels is None
        await press(pilot, "down", "down", "down", "down", "enter")  # Deck B
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.deck_ids == ("deck-b",)
        assert screen.content["front"] == "B one?"
        await press(pilot, "escape")  # nothing answered: straight home
        assert isinstance(app.screen, HomeScreen)


async def test_settings_are_saved_per_profile(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, SettingsScreen)
        screen = app.screen
        screen.query_one("#set-new").value = "7"
        screen.query_one("#set-retention").value = "1.5"
        await press(pilot, "ctrl+s")
        assert "✗ Not saved: desired retention must be between 0.70 and 0.99" in screen_text(app)
        assert app.store.settings().new_per_day == 20
        screen.query_one("#set-retention").value = "0.85"
        screen.query_one("#set-two-button").value = True
        screen.query_one("#theme-light").value = True
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HomeScreen)
        s = app.store.settings()
        assert (s.new_per_day, s.desired_retention, s.two_button, s.theme) == (7, 0.85, True, "textual-light")
        assert app.theme == "textual-light"
        # escape with changes asks first; n stays, y leaves without saving
        await press(pilot, "s")
        app.screen.query_one("#set-new").value = "9"
        await press(pilot, "escape")
        assert "Leave without saving" in screen_text(app)
        await press(pilot, "n")
        assert isinstance(app.screen, SettingsScreen)
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, HomeScreen) and app.store.settings().new_per_day == 7
    # saved in the store for this profile: a new app (and store) sees them
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.store.settings().new_per_day == 7 and app.theme == "textual-light"


async def test_help_lists_keys_and_grades(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "What the grades mean" in text and "I knew it at once" in text
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_browse_search_detail_suspend_flag(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "space", "3", "escape", "enter")  # one answer, so there is history
        await press(pilot, "slash")
        assert isinstance(app.screen, BrowseScreen)
        await settle(pilot)
        await pilot.pause(0.1)
        screen = app.screen
        assert screen.query_one("#results").row_count == 9
        await press(pilot, *"osteo")
        await pilot.pause(0.3)
        rows = [screen.query_one("#results").get_row_at(i)[3].plain for i in range(2)]
        assert sorted(rows) == ["What breaks down bone?", "What builds bone?"]
        await press(pilot, "enter")  # from the search box to the list
        await press(pilot, "exclamation_mark")
        card = screen.current_id()
        assert queue_of(app, card) == -1
        assert "suspended" in screen_text(app)
        await press(pilot, "exclamation_mark", "f")
        assert queue_of(app, card) in (0, 1) and "⚑" in screen_text(app)
        # the card builds bone (answered once): open its detail
        table = screen.query_one("#results")
        table.move_cursor(row=[table.get_row_at(i)[3].plain for i in range(2)].index("What builds bone?"))
        await press(pilot, "enter")
        assert isinstance(app.screen, CardDetailScreen)
        text = screen_text(app)
        assert "Osteoblasts" in text and "Reviews: 1" in text and "Next due: in 10m" in text
        assert "3 Good" in text and "Stability:" in text and "Recall now:" in text
        await press(pilot, "exclamation_mark")
        assert "State: suspended" in screen_text(app)
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_search_query_with_fts_syntax_does_not_crash(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await settle(pilot)
        await press(pilot, *'"NEAR(*) -', "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, BrowseScreen)


async def test_palette_offers_every_binding(tui_cfg, make):
    from quizapp.tui.commands import StudyCommands

    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [t for t, _h, _c in StudyCommands(app.screen)._entries()]
        for expected in ("Study", "Browse", "Quiz", "Stats", "Profile", "Options", "Level", "Sync", "Help"):
            assert expected in titles
        assert "Level: Academic" in titles
        await press(pilot, "ctrl+p")
        await press(pilot, *"browse cards")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        await pilot.pause(0.1)
        assert isinstance(app.screen, BrowseScreen)


async def test_switch_profile_reopens_the_store(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "space", "3", "escape", "enter")
        assert "Today: 1 studied" in screen_text(app)
        app.store.create_profile("ana")
        app.switch_profile("ana")
        await settle(pilot)
        assert app.store.profile == "ana"
        text = screen_text(app)
        assert "Profile: ana" in text and "Today: 0 studied" in text
        app.switch_profile("nobody")  # no such profile: a one-line error, the app keeps running
        await settle(pilot)
        assert app.load_error and "nobody" in app.load_error
        assert "Cannot open your progress" in screen_text(app)


async def test_quiz_stats_profiles_open_or_say_unavailable(tui_cfg, make, monkeypatch):
    from quizapp.tui import app as app_module

    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        real = app_module._optional_screen
        monkeypatch.setattr(app_module, "_optional_screen", lambda m, n: None)
        await press(pilot, "x")
        assert any("quiz not available" in str(n.message) for n in app._notifications)
        monkeypatch.setattr(app_module, "_optional_screen", real)
        assert real("quizapp.tui.screens.no_such_module", "X") is None
