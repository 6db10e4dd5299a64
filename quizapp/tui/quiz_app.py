"""QuizRunApp: the app behind ``quizapp quiz``: one quiz, its results, then exit (the main app's theme)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from textual.app import App

from quizapp.days import utcnow
from quizapp.quiz.questions import Question
from quizapp.quiz.spec import QuizSpec


class QuizRunApp(App):
    """Runs one prepared quiz full screen; closing the results ends the app."""

    TITLE = "quizapp quiz"

    def __init__(
        self,
        store,
        questions: list[Question],
        spec: QuizSpec,
        *,
        seed: int | None = None,
        title: str = "All decks",
        clock: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] | None = None,
        fuzz: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        self.questions = questions
        self.spec = spec
        self.seed = seed
        self.scope = title
        self.clock = clock or utcnow
        self.monotonic = monotonic or time.monotonic
        self.fuzz = fuzz

    def on_mount(self) -> None:
        from quizapp.tui.screens.quiz import QuizScreen

        theme = self.store.settings().theme
        self.theme = theme if theme in self.available_themes else "textual-dark"
        self.push_screen(QuizScreen(self.store, self.questions, self.spec, seed=self.seed, title=self.scope))

    def quiz_closed(self, _screen) -> None:
        self.exit()
