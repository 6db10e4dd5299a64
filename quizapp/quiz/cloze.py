"""Cloze builder: fill the gap by typing it or by choosing among same-kind options."""

from __future__ import annotations

import random

from quizapp.quiz.cards import QCard
from quizapp.quiz.mcq import build_mcq
from quizapp.quiz.pool import Pool
from quizapp.quiz.questions import Question
from quizapp.quiz.typed import build_typed


def build_cloze(card: QCard, pool: Pool, rng: random.Random, *, form: str | None = None) -> Question | None:
    """A cloze card as a 'cloze' question: typed when short enough, as choices when fair distractors exist.

    ``form`` forces 'typed' or 'choice'; by default the seed picks one of the forms that can be built."""
    if card.type != "cloze" or not card.answers:
        return None
    forms = [form] if form else (["choice", "typed"] if rng.random() < 0.5 else ["typed", "choice"])
    for f in forms:
        if f == "choice" and len(card.answers) == 1:
            q = build_mcq(card, pool, rng, qtype="cloze")
        elif f == "typed":
            q = build_typed(card, pool, qtype="cloze")
        else:
            q = None
        if q is not None:
            return q
    return None
