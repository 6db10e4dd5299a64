"""Pilot tests: a whole quiz of each type in the TUI, the results screen and 'study missed'."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from quizapp.quiz.questions import QTYPES
from quizapp.store.quiz import schedules
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.quiz_results import QuizResultsScreen
from quizapp.tui.widgets.quiz_feedback import QuizFeedback
from tests.quiz.tui_helpers import answer_keys, make_quiz_app


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pytest.mark.parametrize("qtype", QTYPES)
async def test_whole_quiz_of_one_type(quiz_store, clock, qtype):
    before = schedules(quiz_store.conn, quiz_store.profile_id)
    app = make_quiz_app(quiz_store, clock, types=(qtype,), n=3, seed=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        total = screen.quiz.total
        for i in range(total):
            q = screen.quiz.current
            assert q.qtype == qtype
            right = i != 1  # the second one wrong
            await pilot.press(*answer_keys(q, right))
            await pilot.pause()
            fb = str(screen.query_one(QuizFeedback).render())
            assert screen.query_one(QuizFeedback).display
            assert fb.startswith("✓") == right, fb
            if q.explanation:
                assert q.explanation in fb
            await pilot.press("enter")
            await pilot.pause()
        results = app.screen
        assert isinstance(results, QuizResultsScreen)
        right_count = total - (1 if total > 1 else 0)
        assert results.results.overall.correct == right_count
        assert f"{right_count} of {total} fully right" in text_of(results, "#results-score")
        missed = results.results.missed_card_ids
        assert bool(missed) == (total > 1)
        if missed:
            await pilot.press("s")
            await pilot.pause()
            assert "added to today's study" in text_of(results, "#results-status")
            assert results.sent
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    after = schedules(quiz_store.conn, quiz_store.profile_id)
    changed = {c for c in before if before[c] != after[c]}
    assert changed == set(missed)  # only 'study missed' moved anything (new cards to the front)
    logged = quiz_store.conn.execute("SELECT count(*), min(mode), max(mode) FROM review_log").fetchone()
    assert logged[0] >= total and logged[1] == logged[2] == "quiz"


async def test_typed_near_miss_and_skip(quiz_store, clock):
    app = make_quiz_app(quiz_store, clock, types=("typed",), n=2, seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        q = screen.quiz.current
        word = q.answers[0]
        typo = word[:-2] + word[-1] + word[-2]  # swap the last two letters
        await pilot.press(*[("space" if c == " " else c) for c in typo], "enter")
        await pilot.pause()
        fb = str(screen.query_one(QuizFeedback).render())
        assert fb.startswith("✓ Almost: you typed"), fb
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+n")  # skip
        await pilot.pause()
        assert "Skipped" in str(screen.query_one(QuizFeedback).render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizResultsScreen)


async def test_escape_ends_early_and_unanswered_count(quiz_store, clock):
    app = make_quiz_app(quiz_store, clock, types=("mcq",), n=4, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*answer_keys(app.screen.quiz.current, True), "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        res = app.screen.results
        assert res.overall.total == 4 and res.unanswered == 3 and res.overall.correct == 1
        assert "3 not answered" in text_of(app.screen, "#results-score")


async def test_time_runs_out(quiz_store, clock):
    from quizapp.quiz.load import make_quiz
    from quizapp.quiz.spec import QuizSpec
    from quizapp.tui.quiz_app import QuizRunApp

    t = [0.0]
    spec = QuizSpec(n=3, types=("tf",), seed=1, timed_minutes=1)
    questions, seed = make_quiz(quiz_store, spec)
    app = QuizRunApp(quiz_store, questions, spec, seed=seed, clock=clock, monotonic=lambda: t[0])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "1:00" in str(app.screen.query_one("#quiz-clock", Static).render())
        t[0] = 61.0
        app.screen._tick()
        await pilot.pause()
        assert isinstance(app.screen, QuizResultsScreen)
        assert app.screen.results.timed_out


async def test_count_mode_reschedules_answered_cards(quiz_store, clock):
    app = make_quiz_app(quiz_store, clock, types=("tf",), n=2, seed=4, count=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(2):
            await pilot.press(*answer_keys(app.screen.quiz.current, True), "enter")
            await pilot.pause()
    reps = quiz_store.conn.execute("SELECT count(*) FROM card_state WHERE reps > 0").fetchone()[0]
    assert reps == 2


async def test_home_screen_opens_setup_and_starts_a_quiz(tmp_path, write_deck, clock):
    from quizapp.collection import Config
    from quizapp.tui.app import make_app
    from quizapp.tui.screens.quiz import QuizSetupScreen
    from tests.quiz.conftest import QUIZ_DECK

    write_deck("bone.md", QUIZ_DECK)
    cfg = Config(data_dir=tmp_path / "home", extra_decks=[tmp_path / "decks"], bundled=False)
    app = make_app(cfg, clock=clock, monotonic=lambda: 0.0, fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if app.store is not None:
                break
        await pilot.press("x")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, QuizSetupScreen)
        setup.query_one("#setup-n").value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "between 1 and" in text_of(setup, "#setup-error")
        setup.query_one("#setup-n").value = "2"
        setup.query_one("#setup-seed").value = "9"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.quiz.total == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuizResultsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


MARKUP_DECK = """\
+++
id = "markup"
title = "Deck [b]title[/b] $accent"
topic = "Markup [/]"
level = "intermediate"
+++
Q: What does [@click=app.quit]q[/] do?
- [x] x [/] y
- [ ] [$accent]hi
- [ ] ends with a backslash \\\\
Explanation: [bold]not bold[/bold] and [/]
Source: Doc [link=x]§[/link]
---
Type: order
Q: Order [red]these[/red]:
1. [bold]one
2. two [/]
3. three \\\\
---
Type: typed
Q: Type [i]x[/i]
A: [b]X[/b]
"""


async def test_card_text_is_never_markup(tmp_path, write_deck, clock):
    from quizapp.quiz.load import make_quiz
    from quizapp.quiz.spec import QuizSpec
    from quizapp.store.db import Store
    from quizapp.store.sync import sync_decks
    from quizapp.tui.quiz_app import QuizRunApp

    write_deck("markup.md", MARKUP_DECK)
    store = Store(tmp_path / "home" / "quizapp.db")
    sync_decks(store, [tmp_path / "decks"])
    spec = QuizSpec(n=3, types=("mcq", "order", "typed"), seed=1)
    questions, seed = make_quiz(store, spec)
    assert len(questions) == 3
    app = QuizRunApp(store, questions, spec, seed=seed, title="Markup [/] $accent", clock=clock, monotonic=lambda: 0.0)
    seen = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(3):
            screen = app.screen
            seen.append(str(screen.query_one("#quiz-prompt", Static).render()))
            seen.append(str(screen.answer_widget.render()) if hasattr(screen.answer_widget, "options") else "")
            await pilot.press(*answer_keys(screen.quiz.current, False))
            await pilot.pause()
            seen.append(str(screen.query_one(QuizFeedback).render()))
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, QuizResultsScreen)
        assert app.is_running
    text = "\n".join(seen)
    for literal in ("[@click=app.quit]q[/]", "x [/] y", "[$accent]hi", "[bold]not bold[/bold] and [/]", "[i]x[/i]"):
        assert literal in text, literal
    store.close()
