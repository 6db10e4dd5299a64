"""Assembling a quiz: N questions, the chosen types and levels, one question per note, the same for one seed."""

from __future__ import annotations

from collections import Counter

import pytest

from quizapp.quiz.build import build_quiz
from quizapp.quiz.questions import QTYPES
from quizapp.quiz.spec import QuizSpec, parse_types


def fingerprint(quiz):
    return [(q.qtype, q.card_ids, q.prompt, getattr(q, "options", None), getattr(q, "shown", None)) for q in quiz]


def test_same_seed_same_quiz_other_seed_other_quiz(pool):
    spec = QuizSpec(n=15, seed=7)
    a, b = build_quiz(pool, spec), build_quiz(pool, spec)
    assert fingerprint(a) == fingerprint(b) and len(a) == 15
    c = build_quiz(pool, QuizSpec(n=15, seed=8))
    assert fingerprint(a) != fingerprint(c)


def test_card_order_does_not_change_the_quiz(quiz_cards):
    from quizapp.quiz.pool import Pool

    a = build_quiz(Pool(quiz_cards), QuizSpec(n=10, seed=3))
    b = build_quiz(Pool(list(reversed(quiz_cards))), QuizSpec(n=10, seed=3))
    assert fingerprint(a) == fingerprint(b)


def test_types_are_respected_and_spread(pool):
    for types in (("mcq",), ("typed",), ("tf",), ("order",), ("multi", "cloze")):
        quiz = build_quiz(pool, QuizSpec(n=10, types=types, seed=1))
        assert quiz and {q.qtype for q in quiz} <= set(types)
    mixed = build_quiz(pool, QuizSpec(n=20, seed=2))
    assert len(Counter(q.qtype for q in mixed)) >= 5


def test_one_question_per_note_and_only_chosen_decks_and_levels(pool):
    quiz = build_quiz(pool, QuizSpec(n=40, seed=5, deck_ids=("bone",)))
    notes = [cid.split(":")[0] for q in quiz for cid in q.card_ids]
    assert len(notes) == len(set(notes))
    assert all(q.deck_id == "bone" for q in quiz)
    fundamentals = build_quiz(pool, QuizSpec(n=40, seed=5, levels=("fundamentals",)))
    assert fundamentals and {q.level for q in fundamentals} == {"fundamentals"}


def test_fewer_cards_than_asked_gives_a_shorter_quiz(pool):
    quiz = build_quiz(pool, QuizSpec(n=50, seed=1, levels=("academic",)))
    assert 0 < len(quiz) < 50


def test_spec_validation():
    assert parse_types("mcq, typed,tf") == ("mcq", "typed", "tf")
    assert parse_types("choice,truefalse") == ("mcq", "tf")
    assert parse_types("all") == parse_types(None) == QTYPES
    with pytest.raises(ValueError, match="unknown question type 'essay'"):
        parse_types("mcq,essay")
    with pytest.raises(ValueError):
        QuizSpec(n=0)
    with pytest.raises(ValueError):
        QuizSpec(timed_minutes=-1)
