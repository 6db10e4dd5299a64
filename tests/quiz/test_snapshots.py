"""Snapshots of the quiz screens: setup, each question type, feedback, and the results."""

from __future__ import annotations

from textual.app import App

from tests.quiz.tui_helpers import answer_keys, make_quiz_app

SIZE = (100, 30)


def question_app(store, clock, qtype, seed=2, n=2):
    return make_quiz_app(store, clock, types=(qtype,), n=n, seed=seed)


def test_setup_screen(snap_compare, quiz_store):
    from quizapp.tui.screens.quiz import QuizSetupScreen

    class SetupApp(App):
        def on_mount(self) -> None:
            self.push_screen(QuizSetupScreen(quiz_store, ("bone",), ("intermediate",)))

    assert snap_compare(SetupApp(), terminal_size=SIZE)


def test_multiple_choice(snap_compare, quiz_store, clock):
    assert snap_compare(question_app(quiz_store, clock, "mcq"), terminal_size=SIZE)


def test_multiple_choice_answered_wrong(snap_compare, quiz_store, clock):
    app = question_app(quiz_store, clock, "mcq")

    async def run_before(pilot):
        await pilot.pause()
        await pilot.press(*answer_keys(app.screen.quiz.current, right=False))

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


def test_select_all(snap_compare, quiz_store, clock):
    assert snap_compare(question_app(quiz_store, clock, "multi"), press=["1"], terminal_size=SIZE)


def test_typed_almost(snap_compare, quiz_store, clock):
    app = question_app(quiz_store, clock, "typed", seed=3)

    async def run_before(pilot):
        await pilot.pause()
        word = app.screen.quiz.current.answers[0]
        await pilot.press(*[("space" if c == " " else c) for c in word[:-2] + word[-1] + word[-2]], "enter")

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


def test_cloze(snap_compare, quiz_store, clock):
    assert snap_compare(question_app(quiz_store, clock, "cloze"), terminal_size=SIZE)


def test_ordering(snap_compare, quiz_store, clock):
    assert snap_compare(question_app(quiz_store, clock, "order", n=1), press=["down", "shift+up"], terminal_size=SIZE)


def test_matching(snap_compare, quiz_store, clock):
    assert snap_compare(question_app(quiz_store, clock, "match", n=1), press=["b"], terminal_size=SIZE)


def test_true_false(snap_compare, quiz_store, clock):
    assert snap_compare(question_app(quiz_store, clock, "tf"), terminal_size=SIZE)


def test_results(snap_compare, quiz_store, clock):
    app = make_quiz_app(quiz_store, clock, types=("mcq", "tf", "typed"), n=4, seed=5)

    async def run_before(pilot):
        await pilot.pause()
        for i in range(4):
            await pilot.press(*answer_keys(app.screen.quiz.current, right=i % 2 == 0), "enter")
            await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)
