"""Multiple-choice builders: hand-written options kept, otherwise distractors drawn from same-kind answers."""

from __future__ import annotations

import random

from quizapp.quiz.cards import QCard
from quizapp.quiz.equiv import plain
from quizapp.quiz.pool import Pool, nice
from quizapp.quiz.questions import ChoiceQuestion, ask, card_fields

N_OPTIONS = 4  # one answer and three distractors; binary kinds (raises/lowers, yes/no) use two


def build_mcq(card: QCard, pool: Pool, rng: random.Random, *, qtype: str = "mcq") -> ChoiceQuestion | None:
    """One right answer among drawn (or hand-written) options; None when there are too few fair distractors."""
    if card.type == "choice":
        return None if card.multi else _handwritten(card, rng, multi=False)
    if card.type == "order" or not card.answer:
        return None
    kind = card.kind
    if kind.name == "yesno":
        options = ["Yes", "No"]
        correct = options.index(card.answer) if card.answer in options else -1
        if correct < 0:
            return None
        return ChoiceQuestion(
            qtype=qtype,
            prompt=ask(card, choosing=True),
            answer=card.full_answer,
            options=options,
            correct=frozenset({correct}),
            **card_fields(card),
        )
    want = 1 if kind.binary else N_OPTIONS - 1
    wrong = pool.distractors(card, want, rng)
    if len(wrong) < want:
        return None
    options = [nice(card.answer), *wrong]
    rng.shuffle(options)
    right = options.index(nice(card.answer))
    return ChoiceQuestion(
        qtype=qtype,
        prompt=ask(card, choosing=True),
        answer=nice(card.answer),
        options=options,
        correct=frozenset({right}),
        **card_fields(card),
    )


def build_multi(card: QCard, pool: Pool, rng: random.Random) -> ChoiceQuestion | None:
    """'Select all that apply' from a choice card with several right options (scored per option)."""
    if card.type != "choice" or not card.multi:
        return None
    return _handwritten(card, rng, multi=True)


def _handwritten(card: QCard, rng: random.Random, *, multi: bool) -> ChoiceQuestion | None:
    opts = [(plain(t), ok) for t, ok in card.options]
    if len(opts) < 2 or not any(ok for _, ok in opts):
        return None
    rng.shuffle(opts)
    prompt = card.front.strip()
    if multi:
        prompt += "\n\n(Select all that apply.)"
    return ChoiceQuestion(
        qtype="multi" if multi else "mcq",
        prompt=prompt,
        answer="; ".join(t for t, ok in opts if ok),
        options=[t for t, _ in opts],
        correct=frozenset(i for i, (_, ok) in enumerate(opts) if ok),
        multi=multi,
        **card_fields(card),
    )
