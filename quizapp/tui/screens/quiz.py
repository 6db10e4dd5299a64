"""Quiz screens: QuizSetupScreen (how many, which types, level, time) and QuizScreen (one question at a time)."""

from __future__ import annotations

import time
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static
from textual.widgets.selection_list import Selection

from quizapp.deck.models import LEVELS
from quizapp.quiz.load import scope_title
from quizapp.quiz.questions import (
    QTYPE_NAMES,
    QTYPES,
    ChoiceQuestion,
    MatchQuestion,
    OrderQuestion,
    Question,
    TrueFalseQuestion,
    TypedQuestion,
)
from quizapp.quiz.spec import QuizSpec
from quizapp.tui.screens.quiz_results import QuizResultsScreen
from quizapp.tui.text import plain
from quizapp.tui.widgets.footer import KeyFooter
from quizapp.tui.widgets.quiz_choice import ChoiceAnswer, TrueFalseAnswer
from quizapp.tui.widgets.quiz_feedback import QuizFeedback
from quizapp.tui.widgets.quiz_header import QuizHeader
from quizapp.tui.widgets.quiz_match import MatchAnswer
from quizapp.tui.widgets.quiz_order import OrderAnswer
from quizapp.tui.widgets.toggles import MarkedCheckbox, MarkedSelectionList

__all__ = ["QuizResultsScreen", "QuizScreen", "QuizSetupScreen"]


class QuizSetupScreen(Screen):
    """Choose the number of questions, their types, the level and an optional time limit, then start."""

    CSS_PATH = "quiz.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", id="quiz.setup.start", tooltip="Start the quiz with these settings"),
        Binding("escape", "cancel", "Back", id="quiz.setup.back", tooltip="Back without a quiz"),
    ]

    def __init__(self, store, deck_ids: tuple[str, ...] | None = None, levels: tuple[str, ...] | None = None) -> None:
        super().__init__()
        self.store = store
        self.deck_ids = deck_ids
        self.levels = levels
        self.title_text = scope_title(store, deck_ids)

    def compose(self) -> ComposeResult:
        level = self.levels[0] if self.levels and len(self.levels) == 1 else Select.NULL
        with VerticalScroll(id="setup-body"):
            yield Static(Content.assemble(("Practice quiz: ", "bold"), plain(self.title_text)), id="setup-title")
            yield Static(
                "Questions are drawn from these decks whatever their due dates. Answers are logged as quiz "
                "answers and leave your study schedule alone unless you tick the box.",
                id="setup-note",
            )
            with Horizontal(id="setup-columns"):
                with Vertical(id="setup-fields"):
                    with Horizontal(classes="setup-row"):
                        yield Label("Questions", classes="setup-label")
                        yield Input("20", type="integer", id="setup-n", max_length=3, compact=True)
                    with Horizontal(classes="setup-row"):
                        yield Label("Level", classes="setup-label")
                        yield Select(
                            [(lv.capitalize(), lv) for lv in LEVELS],
                            prompt="All levels",
                            value=level,
                            id="setup-level",
                            compact=True,
                        )
                    with Horizontal(classes="setup-row"):
                        yield Label("Time limit (min)", classes="setup-label")
                        yield Input("", placeholder="none", type="number", id="setup-time", max_length=5, compact=True)
                    with Horizontal(classes="setup-row"):
                        yield Label("Seed", classes="setup-label")
                        yield Input(
                            "", placeholder="random", type="integer", id="setup-seed", max_length=9, compact=True
                        )
                    yield MarkedCheckbox(
                        "Count answers as reviews (reschedule cards)",
                        self.store.settings().quiz_counts,
                        id="setup-count",
                        compact=True,
                    )
                with Vertical(id="setup-types-box"):
                    yield Label("Question types", classes="setup-label")
                    yield MarkedSelectionList[str](
                        *[Selection(QTYPE_NAMES[t], t, True) for t in QTYPES], id="setup-types"
                    )
            yield Static(id="setup-error")
            with Horizontal(id="setup-buttons"):
                yield Button("Start quiz", variant="primary", id="setup-start", compact=True)
                yield Button("Back", id="setup-back", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#setup-start", Button).focus()

    def _error(self, text: str) -> None:
        self.query_one("#setup-error", Static).update(Content.assemble(("✗ ", "bold $text-error"), plain(text)))

    def spec(self) -> QuizSpec:
        """The quiz the form describes; ValueError with a one-line reason when it is not valid."""
        n_text = self.query_one("#setup-n", Input).value.strip() or "20"
        time_text = self.query_one("#setup-time", Input).value.strip()
        seed_text = self.query_one("#setup-seed", Input).value.strip()
        level = self.query_one("#setup-level", Select).value
        types = tuple(t for t in QTYPES if t in self.query_one("#setup-types", MarkedSelectionList).selected)
        if not types:
            raise ValueError("choose at least one question type")
        try:
            n = int(n_text)
            minutes = float(time_text) if time_text else None
            seed = int(seed_text) if seed_text else None
        except ValueError:
            raise ValueError("questions and seed must be whole numbers, the time limit a number of minutes") from None
        return QuizSpec(
            n=n,
            types=types,
            deck_ids=self.deck_ids,
            levels=(str(level),) if level is not Select.NULL else None,
            seed=seed,
            timed_minutes=minutes if minutes else None,
            count=self.query_one("#setup-count", MarkedCheckbox).value,
        )

    @on(Button.Pressed, "#setup-start")
    def action_start(self) -> None:
        try:
            spec = self.spec()
        except ValueError as e:
            self._error(str(e))
            return
        self.query_one("#setup-error", Static).update(Content.styled("Building the quiz…", "italic"))
        self._build(spec)

    @work(thread=True, exclusive=True, group="quiz-build", exit_on_error=False)
    def _build(self, spec: QuizSpec) -> None:
        """Build the questions off the event loop, with this thread's own connection to the store."""
        from quizapp.quiz.load import make_quiz
        from quizapp.store.db import Store

        try:
            store = Store(self.store.path, self.store.profile, create_profile=False)
            try:
                questions, seed = make_quiz(store, spec)
            finally:
                store.close()
        except Exception as e:  # shown on the form; nothing was written
            self.app.call_from_thread(self._error, str(e) or type(e).__name__)
            return
        self.app.call_from_thread(self._start, spec, questions, seed)

    def _start(self, spec: QuizSpec, questions: list[Question], seed: int) -> None:
        if not questions:
            self._error("No questions could be built from these decks with these types and level.")
            return
        self.app.switch_screen(QuizScreen(self.store, questions, spec, seed=seed, title=self.title_text))

    @on(Input.Submitted, "#setup-n, #setup-time, #setup-seed")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    @on(Button.Pressed, "#setup-back")
    def action_cancel(self) -> None:
        self.dismiss(None)


class QuizScreen(Screen):
    """One question at a time, with immediate feedback; the results come after the last one."""

    CSS_PATH = "quiz.tcss"
    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next", "Next", id="quiz.next", tooltip="Go on to the next question"),
        Binding("ctrl+n", "skip", "Skip", id="quiz.skip", tooltip="Give up on this question (it counts as wrong)"),
        Binding("escape", "end", "End quiz", id="quiz.end", tooltip="Stop now and see the results"),
    ]

    def __init__(
        self, store, questions: list[Question], spec: QuizSpec, *, seed: int | None = None, title: str = "All decks"
    ) -> None:
        super().__init__()
        self.store = store
        self.spec = spec
        self.title_text = title
        self.questions = questions
        self.seed = seed
        self.quiz = None
        self.recorder = None
        self.answer_widget = None

    def compose(self) -> ComposeResult:
        yield QuizHeader()
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-kind")
            yield Static(id="quiz-prompt")
            yield Vertical(id="quiz-answer")
            yield QuizFeedback(id="quiz-feedback")
        yield KeyFooter()

    async def on_mount(self) -> None:
        from quizapp.days import utcnow
        from quizapp.quiz.record import StoreRecorder
        from quizapp.quiz.runner import QuizRun

        app = self.app
        self.recorder = StoreRecorder(
            self.store, count=self.spec.count, clock=getattr(app, "clock", utcnow), fuzz=getattr(app, "fuzz", True)
        )
        self.quiz = QuizRun(
            self.questions,
            recorder=self.recorder,
            time_limit_s=self.spec.time_limit_s,
            clock=getattr(app, "monotonic", time.monotonic),
            seed=self.seed,
        )
        self.query_one(QuizHeader).set_scope(self.title_text)
        self.set_interval(1.0, self._tick)
        await self._show()

    # -- display -------------------------------------------------------------------
    def _tick(self) -> None:
        quiz = self.quiz
        if quiz is None or quiz.finished:
            return
        if quiz.check_time():
            self.notify("Time is up.", title="Quiz")
            self._results()
            return
        self.query_one(QuizHeader).set_clock(quiz.elapsed(), quiz.time_left())

    def _progress(self) -> None:
        quiz = self.quiz
        answered = sum(1 for g in quiz.grades if g is not None)
        self.query_one(QuizHeader).set_progress(quiz.number, quiz.total, quiz.score, answered)
        self.query_one(QuizHeader).set_clock(quiz.elapsed(), quiz.time_left())

    async def _show(self) -> None:
        q = self.quiz.current
        self._progress()
        where = " · ".join(x for x in (q.topic, q.level) if x)
        self.query_one("#quiz-kind", Static).update(
            Content.assemble((q.title, "bold $text-accent"), ("   " + where if where else "", "dim"))
        )
        prompt = self.query_one("#quiz-prompt", Static)
        if isinstance(q, TrueFalseQuestion) and q.statement:
            prompt.update(Content.assemble(("True or false? ", "bold"), plain(q.statement)))
        elif isinstance(q, TrueFalseQuestion):
            prompt.update(Content.assemble(plain(q.prompt), "\n\n", ("True or false? ", "bold"), plain(q.proposed)))
        else:
            prompt.update(plain(q.prompt))
        self.query_one(QuizFeedback).clear()
        box = self.query_one("#quiz-answer", Vertical)
        await box.remove_children()
        widget = self._answer_widget(q)
        self.answer_widget = widget
        await box.mount(widget)
        widget.focus()
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def _answer_widget(self, q: Question):
        if isinstance(q, TrueFalseQuestion):
            return TrueFalseAnswer(id="answer")
        if isinstance(q, ChoiceQuestion):
            return ChoiceAnswer(q.options, multi=q.multi, id="answer")
        if isinstance(q, OrderQuestion):
            return OrderAnswer(q.steps, q.shown, id="answer")
        if isinstance(q, MatchQuestion):
            return MatchAnswer(q.lefts, q.rights, id="answer")
        assert isinstance(q, TypedQuestion)
        return Input(placeholder="Type your answer, then Enter", id="answer", compact=True)

    # -- answering -------------------------------------------------------------------
    def _settle(self, response, *, skip: bool = False) -> None:
        quiz = self.quiz
        if quiz is None or quiz.finished or quiz.answered:
            return
        try:
            grade = quiz.skip() if skip else quiz.answer(response)
        except TimeoutError:
            self.notify("Time is up.", title="Quiz")
            self._results()
            return
        q = quiz.current
        widget = self.answer_widget
        if isinstance(widget, ChoiceAnswer):
            if isinstance(q, TrueFalseQuestion):
                widget.picked = {0 if grade.given == "true" else 1} if grade.given in ("true", "false") else set()
                widget.show_result({0 if q.truth else 1})
            else:
                widget.show_result(q.correct)
        elif isinstance(widget, OrderAnswer):
            widget.show_result()
        elif isinstance(widget, MatchAnswer):
            widget.show_result(q.solution)
        elif isinstance(widget, Input):
            widget.disabled = True
        self.query_one(QuizFeedback).show(q, grade, last=quiz.index == quiz.total - 1)
        self._progress()
        self.set_focus(None)
        self.refresh_bindings()
        self.call_after_refresh(self.query_one("#quiz-body", VerticalScroll).scroll_end, animate=False)

    @on(ChoiceAnswer.Chosen)
    def _chosen(self, event: ChoiceAnswer.Chosen) -> None:
        q = self.quiz.current
        if isinstance(q, TrueFalseQuestion):
            self._settle(event.response == 0)
        else:
            self._settle(event.response)

    @on(OrderAnswer.Ordered)
    def _ordered(self, event: OrderAnswer.Ordered) -> None:
        self._settle(event.order)

    @on(MatchAnswer.Matched)
    def _matched(self, event: MatchAnswer.Matched) -> None:
        self._settle(event.pairs)

    @on(Input.Submitted, "#answer")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.notify("Type an answer first (or Ctrl+N to skip).")
            return
        self._settle(event.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        quiz = self.quiz
        if action == "next":
            return quiz is not None and quiz.answered
        if action == "skip":
            return quiz is not None and not quiz.finished and not quiz.answered
        return True

    def action_skip(self) -> None:
        self._settle(None, skip=True)

    async def action_next(self) -> None:
        quiz = self.quiz
        if quiz is None or not quiz.answered:
            return
        if quiz.advance() is None:
            self._results()
        else:
            await self._show()

    def action_end(self) -> None:
        self._results()

    def _results(self) -> None:
        quiz = self.quiz
        if quiz is None:
            return
        results = quiz.results()
        self.app.switch_screen(QuizResultsScreen(results, self.recorder, title=self.title_text))

    def palette_commands(self):
        yield "End quiz", "Stop now and see the results", self.action_end
