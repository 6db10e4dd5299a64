"""The whole study loop, driven like a user: open, study, reveal, grade, undo, bury, suspend, finish, summary."""

from __future__ import annotations

from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.review import ReviewScreen
from quizapp.tui.screens.summary import SummaryScreen
from tests.tui.conftest import SIZE, notices, press, queue_of, review_log, screen_text, settle


async def test_open_shows_decks_and_first_run_notice(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "Small deck" in text and "Testing" in text  # deck under its topic
        assert "Educational only: not medical advice" in text
        assert "Profile: default" in text
        assert app.store.meta_get("notice_seen") == "1"
    # second run: the notice is remembered
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "not medical advice" not in screen_text(app)


async def test_study_reveal_grade_undo(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.content["id"] == "q-build" and screen.phase == "question"
        assert "What builds bone?" in screen_text(app)
        assert "Osteoblasts" not in screen_text(app)
        await press(pilot, "space")
        assert screen.phase == "answer"
        text = screen_text(app)
        assert "Osteoblasts" in text
        assert "Again 1m" in text and "Good 10m" in text and "Easy" in text  # intervals on the buttons
        await press(pilot, "3")
        assert screen.content["id"] == "q-break"
        assert review_log(app) == [("q-build", 3, "review")]
        await press(pilot, "space", "1")  # Again on the second card
        assert [r[0] for r in review_log(app)] == ["q-build", "q-break"]
        # undo twice: back to the first card, nothing logged
        await press(pilot, "u")
        assert screen.content["id"] == "q-break" and review_log(app) == [("q-build", 3, "review")]
        await press(pilot, "ctrl+z")
        assert screen.content["id"] == "q-build" and review_log(app) == []
        assert queue_of(app, "q-build") == 0  # new again
        await press(pilot, "u")  # nothing left to undo: no crash
        assert screen.content["id"] == "q-build"


async def test_bury_suspend_flag_and_undo(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        screen = app.screen
        await press(pilot, "minus")
        assert queue_of(app, "q-build") == -2 and screen.content["id"] == "q-break"
        await press(pilot, "exclamation_mark")
        assert queue_of(app, "q-break") == -1 and screen.content["id"] == "cz:c1"
        await press(pilot, "u")
        assert queue_of(app, "q-break") == 0 and screen.content["id"] == "q-break"
        await press(pilot, "f")
        assert "⚑ flagged" in screen_text(app)
        flag = app.store.conn.execute("SELECT flag FROM card_state WHERE card_id='q-break'").fetchone()[0]
        assert flag == 1
        await press(pilot, "f")
        assert "flagged" not in screen_text(app)


async def test_finish_shows_summary_then_home(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        for _ in range(60):
            screen = app.screen
            if not isinstance(screen, ReviewScreen):
                break
            kind = screen.content["type"]
            if kind == "typed":
                await press(pilot, *"aromatase", "enter")
            elif kind == "choice":
                await press(pilot, "3")
            else:
                await press(pilot, "space")
            await press(pilot, "4")  # Easy: graduates, so the session ends
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Congratulations" in text
        assert "Cards studied" in text and "Correct" in text and "Next card due" in text
        studied = len(review_log(app))
        assert f"Cards studied  {studied}" in text and f"{studied} of {studied} (100%)" in text
        await press(pilot, "u")  # undo from the summary: back to the last card
        assert isinstance(app.screen, ReviewScreen) and len(review_log(app)) == studied - 1
        await press(pilot, "escape")  # end again
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        assert f"Today: {studied - 1} studied" in screen_text(app)


async def test_typed_answers(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.store.conn.execute("UPDATE card_state SET due=-1 WHERE card_id='ty'")  # first in the queue
        await press(pilot, "enter")
        screen = app.screen
        assert screen.content["id"] == "ty"
        await press(pilot, *"Aromatse", "enter")  # one letter off
        text = screen_text(app)
        assert "✓ Almost: you typed 'Aromatse'" in text and "Suggested grade: Good" in text
        await press(pilot, "u")  # nothing graded yet: undo has nothing; the card stays
        await press(pilot, "space")  # accept the suggestion: Good
        assert review_log(app) == [("ty", 3, "review")]
        await press(pilot, "u")
        assert screen.content["id"] == "ty"
        await press(pilot, *"osteoclast", "enter")
        text = screen_text(app)
        assert "✗ Not quite: the answer is Aromatase" in text and "you typed: osteoclast" in text
        assert "Suggested grade: Again" in text
        await press(pilot, "3")  # the learner may overrule the suggestion
        assert review_log(app) == [("ty", 3, "review")]
        assert screen.content["id"] != "ty"


async def test_choice_and_order(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        conn = app.store.conn
        conn.execute("UPDATE card_state SET due=-2 WHERE card_id='mc'")
        conn.execute("UPDATE card_state SET due=-1 WHERE card_id='ord'")
        await press(pilot, "enter")
        screen = app.screen
        assert screen.content["id"] == "mc"
        picker = screen.query_one("ChoicePicker")
        key = [t for t, _ok in picker.options].index("Anastrozole") + 1  # options are shuffled: find its key
        await press(pilot, str(key))  # Anastrozole: wrong, answers at once (one correct option)
        text = screen_text(app)
        assert "wrong, you chose it" in text and "correct, you missed it" in text and "Suggested grade: Again" in text
        await press(pilot, "space")  # accept Again
        assert review_log(app)[-1] == ("mc", 1, "review")
        assert screen.content["id"] == "ord"
        picker = screen.query_one("OrderPicker")
        right = [picker.offered.index(i) for i in range(3)]  # the keys of the steps in their true order
        await press(pilot, str(right[0] + 1), str(right[2] + 1), "backspace", str(right[1] + 1), str(right[2] + 1))
        assert picker.answer == [0, 1, 2]
        await press(pilot, "enter")
        assert "✓ Correct" in screen_text(app) and screen.suggested == 3
        await press(pilot, "enter")
        assert review_log(app)[-1] == ("ord", 3, "review")


async def test_multi_choice_toggles_then_checks(tui_cfg, make, write_deck):
    write_deck(
        "multi.md",
        """\
        +++
        id = "multi"
        title = "Multi"
        +++
        Q: Which are risk factors?
        - [x] Low bone density
        - [ ] Exercise
        - [x] Past fracture
        ID: mm
        """,
    )
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.store.conn.execute("UPDATE card_state SET due=-1 WHERE card_id='mm'")
        await press(pilot, "enter")
        screen = app.screen
        assert screen.content["id"] == "mm" and "select all that apply" in screen_text(app)
        picker = screen.query_one("ChoicePicker")
        keys = {text: str(i + 1) for i, (text, _ok) in enumerate(picker.options)}  # shown shuffled
        right, wrong = (keys["Low bone density"], keys["Past fracture"]), keys["Exercise"]
        await press(pilot, right[0], wrong, wrong, right[1])  # toggle the wrong one on and off again
        assert picker.picked == {int(right[0]) - 1, int(right[1]) - 1}
        assert screen.phase == "question"
        await press(pilot, "enter")
        assert "✓ Correct" in screen_text(app)


async def test_two_button_mode(tui_cfg, make):
    from dataclasses import replace

    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.store.save_settings(replace(app.store.settings(), two_button=True))
        await press(pilot, "enter", "space")
        text = screen_text(app)
        assert "Again" in text and "Good" in text and "Hard" not in text and "Easy" not in text
        await press(pilot, "4")  # not offered
        assert review_log(app) == []
        await press(pilot, "2")  # 2 = Good in two-button mode
        assert review_log(app) == [("q-build", 3, "review")]


async def test_explanation_shown_with_the_answer_and_s_hides_it_for_the_run(tui_cfg, make, write_deck):
    write_deck(
        "why.md",
        """\
        +++
        id = "why"
        title = "Why"
        +++
        Q: Which cells build bone?
        A: Osteoblasts
        Explanation: They lay down new matrix.
        Source: Article one § Bone cells
        ID: w1
        ---
        Q: Which cells break down bone?
        A: Osteoclasts
        Explanation: They dissolve old matrix.
        ID: w2
        """,
    )
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.store.conn.execute("UPDATE card_state SET due=-2 WHERE card_id='w1'")
        app.store.conn.execute("UPDATE card_state SET due=-1 WHERE card_id='w2'")
        await press(pilot, "enter")
        text = screen_text(app)
        assert "They lay down" not in text and "Source:" not in text  # nothing before the answer
        await pilot.click("#reveal")
        await pilot.pause()
        text = screen_text(app)
        assert "Why: They lay down new matrix." in text and "Source: Article one § Bone cells" in text
        await press(pilot, "s")  # hide: for this card and every later one in this run
        text = screen_text(app)
        assert "They lay down" not in text and "Source:" not in text
        assert "Explanations hidden after the answer (s shows them again)." in notices(app)
        await pilot.click("#grade-3")
        await pilot.pause()
        assert review_log(app) == [("w1", 3, "review")]
        await press(pilot, "space")
        assert app.screen.content["id"] == "w2" and "They dissolve" not in screen_text(app)
        await press(pilot, "escape", "enter")  # summary, home
        await press(pilot, "enter", "space")  # a new session: still hidden
        assert app.screen.content["id"] == "w2" and "They dissolve" not in screen_text(app)
        await press(pilot, "s")
        assert "Why: They dissolve old matrix." in screen_text(app)
    app = make(tui_cfg)  # a new run of the app: shown again
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "space")
        assert app.screen.content["id"] == "w2" and "Why: They dissolve old matrix." in screen_text(app)


async def test_s_before_the_answer_and_cards_without_explanation(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "s")  # the question side: says what will happen
        assert notices(app)[-1].startswith("Explanations hidden after the answer")
        await press(pilot, "s")
        assert notices(app)[-1] == "The explanation and source will be shown with the answer."
        await press(pilot, "space")  # q-build has no explanation or source: no empty panel
        assert "No explanation" not in screen_text(app)
        assert not app.screen.query_one("#extra").display
        await press(pilot, "s", "s")
        assert notices(app)[-1] == "This card has no explanation or source."


async def test_edit_reloads_the_card(tui_cfg, make, monkeypatch, tmp_path):
    import contextlib

    from quizapp.tui import editing

    calls = []

    def fake_editor(path, line):
        calls.append((path, line))
        p = tmp_path / "decks" / "small.md"
        p.write_text(p.read_text().replace("What builds bone?", "Which cells build bone?"))
        return 0

    monkeypatch.setattr("quizapp.editor.open_in_editor", fake_editor)
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        await press(pilot, "enter", "space")
        await press(pilot, "e")
        await settle(pilot)
        await pilot.pause(0.05)
        assert calls and calls[0][1] == 9 and str(calls[0][0]).endswith("small.md")
        screen = app.screen
        assert screen.content["id"] == "q-build" and screen.phase == "question"
        assert "Which cells build bone?" in screen_text(app)
    assert editing  # imported for the monkeypatch target's module


async def test_edit_without_a_terminal_says_so(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "e")
        assert any("real terminal" in str(n.message) for n in app._notifications)
        assert isinstance(app.screen, ReviewScreen)
