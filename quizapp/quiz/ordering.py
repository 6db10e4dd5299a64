"""Ordering builder: the steps shuffled (never already in order), scored by correctly placed steps."""

from __future__ import annotations

import random

from quizapp.quiz.cards import QCard
from quizapp.quiz.equiv import plain
from quizapp.quiz.questions import OrderQuestion, card_fields


def shuffled_order(n: int, rng: random.Random) -> tuple[int, ...]:
    """A permutation of range(n) that is not the identity (when n > 1)."""
    order = list(range(n))
    if n < 2:
        return tuple(order)
    while order == sorted(order):
        rng.shuffle(order)
    return tuple(order)


def build_order(card: QCard, rng: random.Random) -> OrderQuestion | None:
    if card.type != "order" or len(card.steps) < 2:
        return None
    steps = tuple(plain(s) for s in card.steps)
    return OrderQuestion(
        qtype="order",
        prompt=card.front.strip(),
        answer=" → ".join(steps),
        steps=steps,
        shown=shuffled_order(len(steps), rng),
        **card_fields(card),
    )
