"""Card text, deck titles, file names and errors are never markup: they are shown exactly as written."""

from __future__ import annotations

from quizapp.collection import Config
from quizapp.tui.screens.review import ReviewScreen
from tests.tui.conftest import SIZE, press, screen_text, settle

EVIL = [r"[/]", r"[@click=app.quit]x[/]", r"[$accent]y", "[bold]b", "tail \\"]

DECK = r"""+++
id = "evil"
title = "Evil [/] deck [@click=app.quit]q[/]"
topic = "[$accent]Topic"
+++
Q: Front [/] and [@click=app.quit]x[/] and [$accent]y and [bold]b and tail \
A: Back [/] and [@click=app.quit]x[/] and [$accent]y and tail \
Explanation: Why [/] and [@click=app.quit]x[/]
Source: Doc [$accent]y § tail \
ID: evil1
---
Q: Pick [/]
- [x] [@click=app.quit]x[/]
- [ ] [$accent]y
- [ ] tail \
ID: evil2
---
Type: typed
Q: Type [$accent]y
A: [/]
ID: evil3
---
Type: order
Q: Order [/]
1. [@click=app.quit]x[/]
2. [$accent]y
ID: evil4
"""


async def test_card_text_is_shown_literally(tmp_path, make):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "evil.md").write_text(DECK, encoding="utf-8")
    (decks / "bad [$accent] [@click=app.quit]x[b].md").write_text("+++\nid = \n+++\n", encoding="utf-8")
    cfg = Config(data_dir=tmp_path / "home", extra_decks=[decks], bundled=False)
    app = make(cfg)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        home = screen_text(app)
        assert "Evil [/] deck [@click=app.quit]q[/]" in home
        assert "[$accent]Topic" in home
        assert "bad [$accent] [@click=app.quit]x[b].md" in home  # the broken file's error names it literally
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.content["id"] == "evil1"
        text = screen_text(app)
        assert r"Front [/] and [@click=app.quit]x[/] and [$accent]y and [bold]b and tail \\"[:-1] in text
        await pilot.click("#card")  # clicking the text runs no action
        await press(pilot, "space")
        text = screen_text(app)
        assert r"Back [/] and [@click=app.quit]x[/] and [$accent]y and tail \\"[:-1] in text
        assert r"Why: Why [/] and [@click=app.quit]x[/]" in text  # shown with the answer
        assert r"Source: Doc [$accent]y § tail \\"[:-1] in text
        await press(pilot, "3")
        assert screen.content["id"] == "evil2"
        text = screen_text(app)
        for option in (r"[@click=app.quit]x[/]", r"[$accent]y", "tail \\"):
            assert option in text
        await press(pilot, "1", "3")
        assert screen.content["id"] == "evil3"
        assert "Type [$accent]y" in screen_text(app)
        await press(pilot, *"[@click=app.quit]", "enter")
        text = screen_text(app)
        assert r"the answer is [/]" in text and r"you typed: [@click=app.quit]" in text
        await press(pilot, "3")
        assert screen.content["id"] == "evil4"
        await press(pilot, "1")
        text = screen_text(app)
        assert r"[@click=app.quit]x[/]" in text and r"[$accent]y" in text
        assert app.is_running and app.return_code is None


async def test_notifications_and_errors_are_plain(tmp_path, make):
    cfg = Config(data_dir=tmp_path / "home", extra_decks=[], bundled=False)
    app = make(cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.load_error = None
        app.switch_profile("[@click=app.quit]x[/] [/]")  # no such profile: its name is in the error
        await settle(pilot)
        assert "[@click=app.quit]x[/] [/]" in screen_text(app)
        assert app.is_running


def test_plain_and_styled_never_parse_values():
    from quizapp.tui.text import cell, plain, styled

    for s in EVIL:
        assert plain(s).plain == s
        assert styled("[b]Q:[/b] $q", q=s).plain == "Q: " + s
        assert cell(s).plain == s
