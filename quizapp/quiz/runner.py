"""A quiz run (UI-free): the current question, answers with their timing, the time limit, the results."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from quizapp.quiz.questions import Grade, Question
from quizapp.quiz.scoring import Answered, Results, summarise


class Recorder(Protocol):
    """Where answers go (the review log); see ``quizapp.quiz.record.StoreRecorder``."""

    def record(self, question: Question, grade: Grade, duration_ms: int) -> None: ...


class QuizRun:
    """Steps through ``questions``: ``answer`` grades the current one and records it, ``advance`` moves on.

    ``clock`` is a monotonic clock in seconds (injectable for tests). With ``time_limit_s`` the run expires:
    questions not answered by then count as unanswered."""

    def __init__(
        self,
        questions: list[Question],
        *,
        recorder: Recorder | None = None,
        time_limit_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        seed: int | None = None,
    ) -> None:
        if not questions:
            raise ValueError("a quiz needs at least one question")
        self.questions = questions
        self.recorder = recorder
        self.time_limit_s = time_limit_s
        self.clock = clock
        self.seed = seed
        self.index = 0
        self.grades: list[Grade | None] = [None] * len(questions)
        self.seconds: list[float] = [0.0] * len(questions)
        self.started = clock()
        self._shown = self.started
        self._ended: float | None = None
        self.timed_out = False

    # -- state -------------------------------------------------------------------
    @property
    def current(self) -> Question | None:
        return None if self.finished else self.questions[self.index]

    @property
    def answered(self) -> bool:
        """Whether the current question has been answered (feedback is showing)."""
        return not self.finished and self.grades[self.index] is not None

    @property
    def finished(self) -> bool:
        return self._ended is not None or self.index >= len(self.questions)

    @property
    def number(self) -> int:
        return min(self.index + 1, len(self.questions))

    @property
    def total(self) -> int:
        return len(self.questions)

    def elapsed(self) -> float:
        return (self._ended if self._ended is not None else self.clock()) - self.started

    def time_left(self) -> float | None:
        if self.time_limit_s is None:
            return None
        return max(0.0, self.time_limit_s - self.elapsed())

    def check_time(self) -> bool:
        """End the run if the time limit has passed. Returns True when it just ran out."""
        if self._ended is None and self.time_limit_s is not None and self.elapsed() >= self.time_limit_s:
            self.timed_out = True
            self._ended = self.started + self.time_limit_s
            return True
        return False

    @property
    def score(self) -> float:
        return sum(g.score for g in self.grades if g is not None)

    # -- actions -----------------------------------------------------------------
    def answer(self, response) -> Grade:
        """Grade ``response`` to the current question and record it (only once per question)."""
        return self._settle(lambda q: q.grade(response))

    def skip(self) -> Grade:
        """Give up on the current question: it counts as wrong (and is logged as such)."""
        return self._settle(lambda q: q.skipped())

    def _settle(self, judge: Callable[[Question], Grade]) -> Grade:
        if self.finished:
            raise RuntimeError("the quiz is over")
        if self.check_time():
            raise TimeoutError("time is up")
        done = self.grades[self.index]
        if done is not None:
            return done
        q = self.questions[self.index]
        grade = judge(q)
        spent = max(0.0, self.clock() - self._shown)
        self.grades[self.index] = grade
        self.seconds[self.index] = spent
        if self.recorder is not None:
            self.recorder.record(q, grade, int(spent * 1000))
        return grade

    def advance(self) -> Question | None:
        """Move to the next question (the current one must be answered). None when the quiz is over."""
        if self.finished:
            return None
        if self.grades[self.index] is None:
            raise RuntimeError("answer or skip the question first")
        self.index += 1
        self._shown = self.clock()
        if self.index >= len(self.questions):
            self._ended = self._shown
        return self.current

    def stop(self) -> None:
        """End the quiz now (the rest count as unanswered)."""
        if self._ended is None:
            self._ended = self.clock()

    def results(self) -> Results:
        self.stop()
        answered = [Answered(q, g, s) for q, g, s in zip(self.questions, self.grades, self.seconds)]
        return summarise(answered, self.elapsed(), timed_out=self.timed_out, seed=self.seed)
