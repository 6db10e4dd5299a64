"""Typed-answer builder: short answers only, with same-kind words that a near miss must not be taken for."""

from __future__ import annotations

from quizapp.quiz.cards import QCard
from quizapp.quiz.pool import Pool
from quizapp.quiz.questions import TypedQuestion, ask, card_fields


def build_typed(card: QCard, pool: Pool, *, qtype: str = "typed") -> TypedQuestion | None:
    """Ask for the answer to be typed; None when it is too long to type fairly (a sentence)."""
    if card.type in ("choice", "order") or not card.typeable:
        return None
    return TypedQuestion(
        qtype=qtype,
        prompt=ask(card),
        answer=card.answer,
        answers=card.accepted,
        others=tuple(pool.same_kind_terms(card)),
        **card_fields(card),
    )
