"""The UI-free quiz run: answering, skipping, timing, the time limit, and the results per topic and level."""

from __future__ import annotations

import pytest

from quizapp.quiz.build import build_quiz
from quizapp.quiz.runner import QuizRun
from quizapp.quiz.scoring import fmt_seconds
from quizapp.quiz.spec import QuizSpec
from tests.quiz.conftest import right_response, wrong_response


class Tick:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


class Log:
    def __init__(self) -> None:
        self.rows = []

    def record(self, question, grade, duration_ms):
        self.rows.append((question.card_id, grade.correct, duration_ms))


def test_a_whole_run_with_results(pool):
    questions = build_quiz(pool, QuizSpec(n=8, seed=4))
    clock, log = Tick(), Log()
    run = QuizRun(questions, recorder=log, clock=clock, seed=4)
    for i, q in enumerate(questions):
        assert run.current is q and run.number == i + 1 and not run.answered
        clock.t += 10
        grade = run.answer(right_response(q) if i % 2 == 0 else wrong_response(q))
        assert run.answered and grade.correct == (i % 2 == 0)
        assert run.answer("again") is grade  # answering twice changes nothing
        run.advance()
    assert run.finished and run.current is None and run.advance() is None
    assert [r[2] for r in log.rows] == [10_000] * 8
    res = run.results()
    assert res.overall.total == 8 and res.overall.correct == 4
    assert res.seconds == 80 and fmt_seconds(res.seconds) == "1:20"
    assert sum(t.total for t in res.by_topic.values()) == 8 == sum(t.total for t in res.by_level.values())
    assert [a.question for a in res.missed] == questions[1::2]
    assert res.missed_card_ids and res.seed == 4


def test_skip_counts_as_wrong_and_must_answer_before_advancing(pool):
    questions = build_quiz(pool, QuizSpec(n=2, seed=1))
    run = QuizRun(questions, clock=Tick())
    with pytest.raises(RuntimeError):
        run.advance()
    g = run.skip()
    assert not g.correct and g.verdict in ("skipped", "wrong", "partial")
    run.advance()
    run.stop()
    res = run.results()
    assert res.unanswered == 1 and res.overall.total == 2 and len(res.missed) == 1


def test_time_limit_ends_the_quiz(pool):
    questions = build_quiz(pool, QuizSpec(n=5, seed=2))
    clock = Tick()
    run = QuizRun(questions, time_limit_s=60, clock=clock)
    run.answer(right_response(questions[0]))
    run.advance()
    clock.t += 61
    assert run.time_left() == 0
    with pytest.raises(TimeoutError):
        run.answer(right_response(questions[1]))
    assert run.finished and run.timed_out
    res = run.results()
    assert res.timed_out and res.unanswered == 4 and res.overall.points == 1 and res.seconds == 60


def test_partial_credit_counts_in_the_score(pool, card):
    import random

    from quizapp.quiz.mcq import build_multi

    q = build_multi(card("m-multi"), pool, random.Random(0))
    run = QuizRun([q], clock=Tick())
    idx = {t: i for i, t in enumerate(q.options)}
    run.answer([idx["Anastrozole"], idx["Letrozole"]])  # 4 of 5 options right
    res = run.results()
    assert res.overall.points == pytest.approx(0.8) and res.overall.correct == 0 and len(res.missed) == 1
