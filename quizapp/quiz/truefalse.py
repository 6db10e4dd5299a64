"""True/false builder: a card's statement, made false by swapping in a same-kind distractor."""

from __future__ import annotations

import random

from quizapp.quiz.cards import QCard
from quizapp.quiz.equiv import plain
from quizapp.quiz.pool import Pool, nice
from quizapp.quiz.questions import TrueFalseQuestion, card_fields


def fill_cloze(back: str, answer: str, replacement: str) -> str:
    """A cloze card's back (deletions in **bold**) with this card's deletion replaced by ``replacement``
    (lower-cased when the deletion was: 'lists glucocorticoids and denosumab')."""
    if answer[:1].islower() and replacement[:2].istitle():
        replacement = replacement[0].lower() + replacement[1:]
    return plain(back.replace(f"**{answer}**", replacement))


def build_tf(card: QCard, pool: Pool, rng: random.Random) -> TrueFalseQuestion | None:
    """True with the right answer, false with a fair distractor; None when no distractor exists (so the
    question never gives away which it is)."""
    truth = rng.random() < 0.5
    fields = card_fields(card)
    if card.type == "order":
        return None
    if card.type == "choice":
        right = [plain(t) for t, ok in card.options if ok]
        wrong = [plain(t) for t, ok in card.options if not ok]
        if not right or not wrong:
            return None
        proposed = rng.choice(right if truth else wrong)
        lead = "One of the answers" if card.multi else "Proposed answer"
        return TrueFalseQuestion(
            qtype="tf",
            prompt=card.front.strip(),
            answer="; ".join(right),
            proposed=f"{lead}: {proposed}",
            truth=truth,
            **fields,
        )
    if not card.answer or card.kind.name == "yesno":
        return None
    wrong = pool.distractors(card, 1, rng)
    if not wrong:
        return None
    proposed = nice(card.answer) if truth else wrong[0]
    answer = nice(card.answer) if not card.kind.sentence else card.answer
    if card.type == "cloze":
        if len(card.answers) != 1:
            return None
        statement = fill_cloze(card.back, card.answers[0], proposed if not truth else card.answers[0])
        return TrueFalseQuestion(qtype="tf", prompt="", answer=answer, statement=statement, truth=truth, **fields)
    if card.type == "reversed" and not card.front.strip().endswith("?"):
        term, meaning = (plain(card.front), proposed) if card.ord == 0 else (proposed, plain(card.front))
        return TrueFalseQuestion(
            qtype="tf", prompt="", answer=answer, statement=f"{term}: {meaning}", truth=truth, **fields
        )
    return TrueFalseQuestion(
        qtype="tf",
        prompt=card.front.strip(),
        answer=answer,
        proposed=f"Proposed answer: {proposed}",
        truth=truth,
        **fields,
    )
