"""Helpers for quiz pilot and snapshot tests: a prepared QuizRunApp and keys that answer each question."""

from __future__ import annotations

from quizapp.quiz.questions import ChoiceQuestion, MatchQuestion, OrderQuestion, TrueFalseQuestion, TypedQuestion
from quizapp.tui.widgets.quiz_match import LETTERS


def make_quiz_app(store, clock, *, types, n=3, seed=1, count=False, minutes=None):
    from quizapp.quiz.load import make_quiz
    from quizapp.quiz.spec import QuizSpec
    from quizapp.tui.quiz_app import QuizRunApp

    spec = QuizSpec(n=n, types=types, seed=seed, count=count, timed_minutes=minutes)
    questions, used = make_quiz(store, spec)
    assert questions
    return QuizRunApp(store, questions, spec, seed=used, title="Bone", clock=clock, monotonic=lambda: 0.0, fuzz=False)


def order_keys(current: list[int]) -> list[str]:
    """Keys that sort ``current`` (a permutation shown top to bottom) with ↑↓ and Shift+↑ from cursor 0."""
    order, cursor, keys = list(current), 0, []
    for pos in range(len(order)):
        i = order.index(pos)
        keys += ["down"] * (i - cursor) if i >= cursor else ["up"] * (cursor - i)
        for j in range(i, pos, -1):
            order[j], order[j - 1] = order[j - 1], order[j]
            keys.append("shift+up")
        cursor = pos
    return [*keys, "enter"]


def answer_keys(q, right: bool = True) -> list[str]:
    """Keys that answer ``q`` (rightly or wrongly) on the quiz screen."""
    if isinstance(q, TrueFalseQuestion):
        return ["t" if q.truth == right else "f"]
    if isinstance(q, ChoiceQuestion):
        if q.multi:
            picks = sorted(q.correct) if right else [i for i in range(len(q.options)) if i not in q.correct]
            return [str(i + 1) for i in picks] + ["enter"]
        idx = next(iter(q.correct)) if right else next(i for i in range(len(q.options)) if i not in q.correct)
        return [str(idx + 1)]
    if isinstance(q, TypedQuestion):
        text = q.answers[0] if right else "wrong"
        return [("space" if ch == " " else ch) for ch in text] + ["enter"]
    if isinstance(q, OrderQuestion):
        return order_keys(list(q.shown)) if right else ["enter"]
    if isinstance(q, MatchQuestion):
        if not right:
            return ["enter"]
        return [LETTERS[q.solution[i]] for i in range(len(q.lefts))] + ["enter"]
    raise TypeError(q)
